import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/api-client.ts';
import {
  createOfflineQueue,
  memoryQueueStore,
  newClientId,
  type QueuedAction,
  type QueueTransport,
} from './offline-queue.ts';

const officeId = 'office-1';
const at = '2026-11-28T09:00:00.000Z';

type Call = { what: string; roundId?: string; body: Record<string, unknown> };

/**
 * A server that remembers by client id (the real one answers a replay with what it stored)
 * and can be told to drop the network or refuse the next calls.
 */
function fakeServer() {
  const calls: Call[] = [];
  const stored = new Map<string, string>();
  const failures: Error[] = [];
  let roundCount = 0;
  const maybeFail = () => {
    const failure = failures.shift();
    if (failure !== undefined) throw failure;
  };
  const transport: QueueTransport = {
    startRound: (_office, body) => {
      maybeFail();
      calls.push({ what: 'start', body });
      const id = stored.get(body.clientId) ?? `round-${String(++roundCount)}`;
      stored.set(body.clientId, id);
      return Promise.resolve({ id });
    },
    uploadPhoto: (_office, _blob, fileName) => {
      maybeFail();
      calls.push({ what: 'photo', body: { fileName } });
      return Promise.resolve({ sha256: 'a'.repeat(64) });
    },
    recordVisit: (_office, roundId, body) => {
      maybeFail();
      calls.push({ what: 'visit', roundId, body });
      stored.set(body.clientId, roundId);
      return Promise.resolve({});
    },
    raiseNonconformance: (_office, body) => {
      maybeFail();
      calls.push({ what: 'nc', body });
      return Promise.resolve({});
    },
    finishRound: (_office, roundId, body) => {
      maybeFail();
      calls.push({ what: 'finish', roundId, body });
      return Promise.resolve({});
    },
  };
  return { calls, stored, failures, transport };
}

const offline = () => new ApiError(0, 'NETWORK_ERROR', 'Failed to fetch');

function setUp() {
  const server = fakeServer();
  const store = memoryQueueStore();
  let clock = Date.parse(at);
  let ids = 0;
  const queue = createOfflineQueue({
    store,
    transport: server.transport,
    now: () => clock,
    newId: () => `id${String(++ids).padStart(6, '0')}`,
    baseBackoffMs: 1_000,
    maxBackoffMs: 8_000,
  });
  return {
    server,
    store,
    queue,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

const start = {
  kind: 'start',
  officeId,
  routeId: 'route-1',
  expectedMinutes: 30,
  startedAt: at,
} as const;
const nc: QueuedAction = {
  kind: 'nc',
  officeId,
  what: '井盖松动',
  location: '北门',
  severity: 'minor',
  assignee: 'maintenance',
  dueAt: at,
  photos: [],
};
const visit = (startClientId: string, code: string): Extract<QueuedAction, { kind: 'visit' }> => ({
  kind: 'visit',
  officeId,
  round: { startClientId },
  code,
  method: 'code',
  visitedAt: at,
  results: [{ item: '灯光', ok: true }],
  photos: [],
});

describe('offline patrol queue', () => {
  it('makes client ids the server accepts, named by the action', () => {
    const id = newClientId('visit');
    expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(id.startsWith('visit-')).toBe(true);
    expect(newClientId('visit')).not.toBe(id);
  });

  it('sends in the order recorded, and the visits of a round started offline use the id its start got', async () => {
    const { server, queue } = setUp();
    const started = await queue.enqueue(start);
    await queue.enqueue(visit(started.clientId, 'ABCDEF'));
    await queue.enqueue(visit(started.clientId, 'GHJKLM'));
    await queue.enqueue({
      kind: 'finish',
      officeId,
      round: { startClientId: started.clientId },
      finishedAt: at,
    });
    expect(queue.snapshot().entries).toHaveLength(4);

    await queue.flush();

    expect(server.calls.map((c) => c.what)).toEqual(['start', 'visit', 'visit', 'finish']);
    expect(server.calls.slice(1).map((c) => c.roundId)).toEqual(['round-1', 'round-1', 'round-1']);
    expect(server.calls[1]?.body.code).toBe('ABCDEF');
    expect(server.calls[0]?.body.clientId).toBe(started.clientId);
    expect(queue.snapshot().entries).toHaveLength(0);
    expect(queue.snapshot().resolved.get(started.clientId)).toBe('round-1');
  });

  it('keeps everything on a network error, waits with a growing backoff, then sends each once', async () => {
    const { server, queue, advance } = setUp();
    const started = await queue.enqueue(start);
    await queue.enqueue(visit(started.clientId, 'ABCDEF'));
    // independent of the round, yet it does not overtake the waiting start
    await queue.enqueue(nc);
    server.failures.push(offline(), offline());

    await queue.flush();
    expect(server.calls).toHaveLength(0);
    const first = queue.snapshot().entries[0];
    expect(first?.attempts).toBe(1);
    expect(first?.notBefore).toBe(Date.parse(at) + 1_000);
    expect(first?.state).toBe('pending');

    // not due yet: nothing is sent, nothing overtakes the waiting start
    await queue.flush();
    expect(server.calls).toHaveLength(0);
    advance(1_000);
    await queue.flush();
    expect(queue.snapshot().entries[0]?.notBefore).toBe(Date.parse(at) + 1_000 + 2_000);
    expect(server.calls).toHaveLength(0);

    advance(2_000);
    await queue.flush();
    expect(server.calls.map((c) => c.what)).toEqual(['start', 'visit', 'nc']);
    expect(queue.snapshot().entries).toHaveLength(0);
  });

  it('treats a 5xx like a dropped connection, and wake() makes a waiting entry due at once', async () => {
    const { server, queue } = setUp();
    await queue.enqueue(start);
    server.failures.push(new ApiError(503, 'INTERNAL', 'busy'));
    await queue.flush();
    expect(queue.snapshot().entries[0]?.state).toBe('pending');
    expect(queue.nextDueAt()).toBeGreaterThan(Date.parse(at));
    await queue.wake();
    await queue.flush();
    expect(server.calls.map((c) => c.what)).toEqual(['start']);
  });

  it('marks a refused entry failed for good with the server’s message, goes on with the rest, and leaves waiting what depends on it', async () => {
    const { server, queue } = setUp();
    const started = await queue.enqueue(start);
    const dependent = await queue.enqueue(visit(started.clientId, 'ABCDEF'));
    await queue.enqueue({
      kind: 'nc',
      officeId,
      what: '井盖松动',
      location: '北门',
      severity: 'minor',
      assignee: 'maintenance',
      dueAt: at,
      photos: [],
    });
    server.failures.push(new ApiError(422, 'RULE_VIOLATION', 'not on duty', { rule: 'DISC-1' }));

    await queue.flush();
    await queue.flush(); // a second pass does not loop on the refusal
    const [failed, waiting] = queue.snapshot().entries;
    expect(failed?.state).toBe('failed');
    expect(failed?.attempts).toBe(1);
    expect(failed?.failure).toMatchObject({
      status: 422,
      code: 'RULE_VIOLATION',
      message: 'not on duty',
      rule: 'DISC-1',
    });
    expect(waiting?.clientId).toBe(dependent.clientId);
    expect(waiting?.state).toBe('pending');
    expect(server.calls.map((c) => c.what)).toEqual(['nc']);

    // retried after checking in: the start and its visit go through
    await queue.retry(started.clientId);
    await queue.flush();
    expect(server.calls.map((c) => c.what)).toEqual(['nc', 'start', 'visit']);
    expect(queue.snapshot().entries).toHaveLength(0);
  });

  it('fails the visits of a discarded start instead of keeping them forever', async () => {
    const { server, queue } = setUp();
    const started = await queue.enqueue(start);
    await queue.enqueue(visit(started.clientId, 'ABCDEF'));
    server.failures.push(new ApiError(422, 'RULE_VIOLATION', 'not on duty'));
    await queue.flush();
    await queue.discard(started.clientId);
    await queue.flush();
    const [orphan] = queue.snapshot().entries;
    expect(orphan?.state).toBe('failed');
    expect(orphan?.failure?.code).toBe('DEPENDENCY_MISSING');
  });

  it('stops on a conflict (409) instead of retrying it every minute: the checkpoint is recorded already', async () => {
    const { server, queue } = setUp();
    await queue.enqueue({ ...visit('x', 'ABCDEF'), round: { roundId: 'round-9' } });
    server.failures.push(
      new ApiError(409, 'CONFLICT', '东门 is recorded in this round already', { rule: 'WORK-3' }),
    );
    await queue.flush();
    await queue.flush();
    expect(queue.snapshot().entries[0]).toMatchObject({
      state: 'failed',
      attempts: 1,
      failure: { status: 409, rule: 'WORK-3' },
    });
    expect(queue.nextDueAt()).toBeNull();
  });

  it('shows an error of the phone itself (not a refusal) as failed instead of retrying it unseen', async () => {
    const { server, queue } = setUp();
    await queue.enqueue(start);
    server.failures.push(new TypeError('Cannot set property name of #<File>'));
    await queue.flush();
    expect(queue.snapshot().entries[0]).toMatchObject({
      state: 'failed',
      failure: { code: 'INTERNAL' },
    });
  });

  it('shows an unknown code refused by the server with its field', async () => {
    const { server, queue } = setUp();
    await queue.enqueue({ ...visit('x', 'ZZZZZZ'), round: { roundId: 'round-9' } });
    server.failures.push(
      new ApiError(400, 'VALIDATION_FAILED', 'invalid', {
        details: [{ path: 'code', message: 'not a checkpoint of this round’s route' }],
      }),
    );
    await queue.flush();
    expect(queue.snapshot().entries[0]?.failure?.details).toEqual([
      { path: 'code', message: 'not a checkpoint of this round’s route' },
    ]);
  });

  it('uploads a photo first and attaches its sha256 to the non-conformance and the visit', async () => {
    const { server, queue } = setUp();
    const started = await queue.enqueue(start);
    const photo = await queue.enqueue({
      kind: 'photo',
      officeId,
      blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }),
      fileName: 'crack.png',
    });
    const photos = [{ photoClientId: photo.clientId, fileName: 'crack.png' }];
    await queue.enqueue({ ...visit(started.clientId, 'ABCDEF'), photos });
    await queue.enqueue({
      kind: 'nc',
      officeId,
      round: { startClientId: started.clientId },
      what: '围栏破损',
      checkpointId: 'cp-1',
      severity: 'major',
      assignee: 'contractor',
      dueAt: at,
      photos,
    });
    await queue.flush();
    const attachments = [{ sha256: 'a'.repeat(64), fileName: 'crack.png' }];
    expect(server.calls.map((c) => c.what)).toEqual(['start', 'photo', 'visit', 'nc']);
    expect(server.calls[2]?.body.attachments).toEqual(attachments);
    expect(server.calls[3]?.body).toMatchObject({
      attachments,
      roundId: 'round-1',
      checkpointId: 'cp-1',
    });
  });

  it('replays with the same client id after an answer lost on the way back, so the server keeps one', async () => {
    const { server, queue } = setUp();
    const started = await queue.enqueue(start);
    await queue.flush();
    const entry = await queue.enqueue(visit(started.clientId, 'ABCDEF'));
    // the server stored the visit but the answer never arrived
    const send = server.transport.recordVisit;
    server.transport.recordVisit = async (office, roundId, body) => {
      await send(office, roundId, body);
      server.transport.recordVisit = send;
      throw offline();
    };
    await queue.flush();
    expect(queue.snapshot().entries).toHaveLength(1);
    await queue.wake();
    await queue.flush();
    const visits = server.calls.filter((c) => c.what === 'visit');
    expect(visits).toHaveLength(2);
    expect(new Set(visits.map((c) => c.body.clientId))).toEqual(new Set([entry.clientId]));
    expect(queue.snapshot().entries).toHaveLength(0);
  });

  it('survives a reload: a new queue on the same store sends what the old one kept, with the ids it resolved', async () => {
    const { server, store, queue } = setUp();
    const started = await queue.enqueue(start);
    await queue.flush();
    server.failures.push(offline());
    await queue.enqueue(visit(started.clientId, 'ABCDEF'));
    await queue.flush();

    const reloaded = createOfflineQueue({ store, transport: server.transport });
    await reloaded.load();
    expect(reloaded.snapshot().entries).toHaveLength(1);
    const next = await reloaded.enqueue(visit(started.clientId, 'GHJKLM'));
    expect(next.seq).toBeGreaterThan(reloaded.snapshot().entries[0]?.seq ?? Infinity);
    await reloaded.wake();
    await reloaded.flush();
    expect(server.calls.filter((c) => c.what === 'visit').map((c) => c.roundId)).toEqual([
      'round-1',
      'round-1',
    ]);
  });
});
