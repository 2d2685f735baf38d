import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendRosterReminders } from '../../src/server/jobs/roster-reminders.ts';
import { editRosterCells, publishRoster } from '../../src/server/services/rosters.service.ts';
import { listNotifications } from '../../src/server/db/leave.repo.ts';
import { buildClock, buildWorld, type World } from '../support/factories.ts';
import { testEngines } from '../support/databases.ts';

describe.each(testEngines)('roster reminders (ROSTER-1) on %s', (engine) => {
  let world: World;
  let clock: ReturnType<typeof buildClock>;

  beforeAll(async () => {
    clock = buildClock(new Date('2026-11-20T01:00:00.000Z'));
    world = await buildWorld(engine, { clock });
  });
  afterAll(async () => {
    await world.db.drop();
  });

  const kinds = async (user: keyof World['users']) =>
    (await listNotifications(world.db.db, world.users[user], 50)).map((n) => [
      n.kind,
      n.payload.month,
    ]);

  it('reminds the supervisors and the director once a day from day 25 until published, then overdue', async () => {
    // 20 November: before the reminder day
    expect(await sendRosterReminders(world.deps)).toBe(0);
    expect(await kinds('supervisor')).toEqual([]);

    // 25 November, 09:00 in Shanghai: both offices of the organization are reminded once
    clock.set(new Date('2026-11-25T01:00:00.000Z'));
    expect(await sendRosterReminders(world.deps)).toBe(3);
    expect(await sendRosterReminders(world.deps)).toBe(0);
    expect(await kinds('supervisor')).toEqual([['roster.reminder', '2026-12']]);
    expect(await kinds('director')).toEqual([['roster.reminder', '2026-12']]);
    expect(await kinds('staff')).toEqual([]);

    // the next day again
    clock.set(new Date('2026-11-26T01:00:00.000Z'));
    expect(await sendRosterReminders(world.deps)).toBe(3);
    expect((await kinds('supervisor')).length).toBe(2);

    // office A has a draft for December but misses the deadline: overdue on 1 December
    const ctx = await world.contextOf(world.users.supervisor);
    const draft = await editRosterCells(ctx, world.officeId, '2026-12', {
      revision: 0,
      changes: [{ userId: world.users.staff, date: '2026-12-02', shiftCode: 'D' }],
    });
    clock.set(new Date('2026-12-01T01:00:00.000Z'));
    await sendRosterReminders(world.deps);
    expect((await kinds('supervisor'))[0]).toEqual(['roster.overdue', '2026-12']);

    // published (late): no more reminders for A
    await publishRoster(await world.contextOf(world.users.supervisor), world.officeId, '2026-12', {
      revision: draft.revision,
    });
    clock.set(new Date('2026-12-02T01:00:00.000Z'));
    const before = (await kinds('supervisor')).length;
    await sendRosterReminders(world.deps);
    expect((await kinds('supervisor')).length).toBe(before);
  });
});
