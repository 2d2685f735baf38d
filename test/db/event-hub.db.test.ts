import { describe, expect, it } from 'vitest';
import { createEventHub, type HubEvent } from '../../src/server/jobs/event-hub.ts';
import { testPostgresUrl } from '../support/databases.ts';

function waitFor(check: () => boolean, ms = 5_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (check()) resolve();
      else if (Date.now() - started > ms) reject(new Error('timed out waiting for an event'));
      else setTimeout(poll, 20);
    };
    poll();
  });
}

describe('the live-update bus', () => {
  it('delivers an office’s events to its subscribers only, once each, in process', async () => {
    const hub = await createEventHub();
    const a: HubEvent[] = [];
    const b: HubEvent[] = [];
    const stopA = hub.subscribe('office-a', (e) => a.push(e));
    hub.subscribe('office-b', (e) => b.push(e));
    hub.publish({ officeId: 'office-a', topic: 'desk-items' });
    expect(a).toEqual([{ officeId: 'office-a', topic: 'desk-items' }]);
    expect(b).toEqual([]);
    stopA();
    hub.publish({ officeId: 'office-a', topic: 'duty-log' });
    expect(a).toHaveLength(1);
    await hub.close();
  });

  describe.skipIf(testPostgresUrl === undefined)('across app instances on PostgreSQL', () => {
    it('reaches a second instance through LISTEN/NOTIFY, and an instance hears itself once', async () => {
      const url = testPostgresUrl ?? '';
      const office = `office-${String(Date.now())}`;
      const first = await createEventHub({ postgresUrl: url });
      const second = await createEventHub({ postgresUrl: url });
      try {
        const atFirst: HubEvent[] = [];
        const atSecond: HubEvent[] = [];
        first.subscribe(office, (e) => atFirst.push(e));
        second.subscribe(office, (e) => atSecond.push(e));
        first.publish({ officeId: office, topic: 'desk-items' });
        await waitFor(() => atSecond.length === 1);
        second.publish({ officeId: office, topic: 'phone-calls' });
        await waitFor(() => atFirst.length === 2);
        // give any echo time to arrive: it must not be delivered a second time
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(atFirst.map((e) => e.topic)).toEqual(['desk-items', 'phone-calls']);
        expect(atSecond.map((e) => e.topic)).toEqual(['desk-items', 'phone-calls']);
        // a burst (many writes at once) arrives whole and in order
        const burst = Array.from({ length: 25 }, (_, i) => `topic-${String(i)}`);
        for (const topic of burst) first.publish({ officeId: office, topic });
        await waitFor(() => atSecond.length === 2 + burst.length);
        expect(atSecond.slice(2).map((e) => e.topic)).toEqual(burst);
      } finally {
        await first.close();
        await second.close();
      }
    });
  });
});
