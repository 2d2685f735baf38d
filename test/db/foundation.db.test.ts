import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import {
  findUserById,
  findUserByUsername,
  listRolesOfUsers,
  updateUser,
} from '../../src/server/db/user.repo.ts';
import { findSession } from '../../src/server/db/session.repo.ts';
import { recordAudit, verifyAuditLog } from '../../src/server/services/audit.service.ts';
import { inTransaction } from '../../src/server/services/context.ts';
import { demoOfficeName, demoPeople, seedDemo } from '../../src/server/services/setup.service.ts';
import { login } from '../../src/server/services/auth.service.ts';
import { buildDeps, buildWorld, testPassword, type World } from '../support/factories.ts';
import { createTestDatabase, testEngines, type TestDatabase } from '../support/databases.ts';

describe.each(testEngines)('foundation on %s', (engine) => {
  let world: World | undefined;
  let extra: TestDatabase | undefined;
  afterEach(async () => {
    await world?.db.drop();
    await extra?.drop();
    world = undefined;
    extra = undefined;
  });

  it('runs migrations again without change', async () => {
    world = await buildWorld(engine);
    expect(await migrateToLatest(world.db)).toEqual([]);
  });

  it('maps flags, instants and names the same on both engines', async () => {
    world = await buildWorld(engine);
    const user = await findUserByUsername(world.db.db, 'ADMIN');
    expect(user).not.toBeNull();
    expect(user!.isAdmin).toBe(true);
    expect(user!.active).toBe(true);
    expect(user!.mustChangePassword).toBe(false);
    expect(user!.createdAt).toBeInstanceOf(Date);
    expect(user!.createdAt.toISOString()).toBe(world.deps.clock.now().toISOString());
    const roles = await listRolesOfUsers(world.db.db, [world.users.supervisor]);
    expect(roles).toEqual([
      {
        orgId: world.orgId,
        userId: world.users.supervisor,
        officeId: world.officeId,
        role: 'supervisor',
      },
    ]);
  });

  it('lets exactly one of two concurrent updates of the same version win', async () => {
    world = await buildWorld(engine);
    const user = (await findUserById(world.db.db, world.users.staff))!;
    const results = await Promise.all([
      updateUser(world.db.db, user.id, user.version, { displayName: 'one' }),
      updateUser(world.db.db, user.id, user.version, { displayName: 'two' }),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  // PostgreSQL: two pools race for the chain head. SQLite: the server's one connection queues
  // transactions (a second connection in the same process would block the event loop).
  it('keeps one unbroken audit chain under concurrent appends', async () => {
    world = await buildWorld(engine);
    const w = world;
    const second =
      engine === 'postgres' ? w.db.openAnother() : { db: w.db.db, close: () => Promise.resolve() };
    try {
      const secondDeps = { ...w.deps, db: second.db };
      const appends = Array.from({ length: 24 }, (_, i) => {
        const deps = i % 2 === 0 ? w.deps : secondDeps;
        return inTransaction(deps, (tx) =>
          recordAudit(tx, deps.clock, {
            orgId: w.orgId,
            actorUserId: null,
            action: 'test.append',
            entityType: 'test',
            entityId: String(i),
            payload: { i },
          }),
        );
      });
      await Promise.all(appends);
    } finally {
      await second.close();
    }
    const result = await verifyAuditLog(w.db.db);
    expect(result.problems).toEqual([]);
    expect(result.organizations).toBe(2);
  });

  it('detects a changed, a removed and a reordered audit row', async () => {
    world = await buildWorld(engine);
    const { db } = world.db;
    expect((await verifyAuditLog(db)).problems).toEqual([]);

    await db
      .updateTable('audit_events')
      .set({ payload: '{"forged":true}' })
      .where('org_id', '=', world.orgId)
      .where('seq', '=', 3)
      .execute();
    expect((await verifyAuditLog(db)).problems).toEqual([
      expect.objectContaining({ orgId: world.orgId, seq: 3, reason: 'hash-mismatch' }),
    ]);
  });

  it('detects a removed audit row', async () => {
    world = await buildWorld(engine);
    const { db } = world.db;
    await db
      .deleteFrom('audit_events')
      .where('org_id', '=', world.orgId)
      .where('seq', '=', 2)
      .execute();
    expect((await verifyAuditLog(db)).problems).toEqual([
      expect.objectContaining({ seq: 3, reason: 'sequence-gap' }),
    ]);
  });

  it('detects two audit rows swapped', async () => {
    world = await buildWorld(engine);
    const { db } = world.db;
    // swap the contents of rows 2 and 3, keeping their sequence numbers
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('org_id', '=', world.orgId)
      .where('seq', 'in', [2, 3])
      .orderBy('seq')
      .execute();
    const [two, three] = rows as [(typeof rows)[number], (typeof rows)[number]];
    for (const [target, source] of [
      [2, three],
      [3, two],
    ] as const) {
      await db
        .updateTable('audit_events')
        .set({
          action: source.action,
          entity_id: source.entity_id,
          payload: source.payload,
          prev_hash: source.prev_hash,
          hash: source.hash,
        })
        .where('org_id', '=', world.orgId)
        .where('seq', '=', target)
        .execute();
    }
    expect((await verifyAuditLog(db)).problems).toEqual([expect.objectContaining({ seq: 2 })]);
  });

  it('detects rows removed from the end of the chain', async () => {
    world = await buildWorld(engine);
    const { db } = world.db;
    const head = await db
      .selectFrom('audit_heads')
      .select('seq')
      .where('org_id', '=', world.orgId)
      .executeTakeFirstOrThrow();
    await db
      .deleteFrom('audit_events')
      .where('org_id', '=', world.orgId)
      .where('seq', '=', head.seq)
      .execute();
    expect((await verifyAuditLog(db)).problems).toEqual([
      expect.objectContaining({ reason: 'head-mismatch' }),
    ]);
  });

  it('seeds the demo office once, with its people and the shifts of SHIFT-1', async () => {
    extra = await createTestDatabase(engine);
    const deps = buildDeps(extra);
    expect(await seedDemo(deps, 'demo-password')).toBe(true);
    expect(await seedDemo(deps, 'demo-password')).toBe(false);
    const offices = await extra.db
      .selectFrom('offices')
      .select(['id', 'name', 'time_zone'])
      .execute();
    expect(offices).toEqual([
      expect.objectContaining({ name: demoOfficeName, time_zone: 'Asia/Shanghai' }),
    ]);
    const shifts = await extra.db
      .selectFrom('shift_templates')
      .select(['name', 'start_time', 'end_time'])
      .orderBy('ordinal')
      .execute();
    expect(shifts).toEqual([
      { name: '早班', start_time: '08:30', end_time: '16:30' },
      { name: '晚班', start_time: '16:30', end_time: '23:30' },
    ]);
    // the current month (2026-11 by the test clock) is generated and published on time
    const rosters = await extra.db
      .selectFrom('rosters')
      .select(['month', 'status', 'published_late'])
      .execute();
    expect(rosters).toEqual([
      { month: '2026-11', status: 'published', published_late: engine === 'sqlite' ? 0 : false },
    ]);
    const assignments = await extra.db.selectFrom('roster_assignments').select(['date']).execute();
    // how good the roster is depends on the engine's time on a shared machine (bench:roster
    // measures it); here: it is there and lies in November
    expect(assignments.length).toBeGreaterThan(0);
    expect(assignments.every((a) => a.date.startsWith('2026-11-'))).toBe(true);
    // patrols (issue 8): two routes with coded checkpoints, one item waiting for correction
    const routes = await extra.db
      .selectFrom('patrol_routes')
      .select('name')
      .orderBy('name')
      .execute();
    expect(routes.map((r) => r.name).sort()).toEqual(['地下车库', '花园'].sort());
    const checkpoints = await extra.db.selectFrom('patrol_checkpoints').select('code').execute();
    expect(checkpoints).toHaveLength(6);
    expect(checkpoints.every((c) => /^[A-Z2-9]{6}$/.test(c.code))).toBe(true);
    const items = await extra.db.selectFrom('nonconformances').select(['status']).execute();
    expect(items).toEqual([{ status: 'open' }]);
    const users = await extra.db.selectFrom('users').select(['username', 'display_name']).execute();
    expect(users.map((u) => u.username).sort()).toEqual(demoPeople.map((p) => p.username).sort());
    for (const name of ['director', 'supervisor', 'staff1', 'staff6']) {
      expect(users.find((u) => u.username === name)?.display_name).toMatch(/\p{Script=Han}/u);
    }
    const signedIn = await login(deps, {
      username: 'staff1',
      password: 'demo-password',
      ip: null,
      userAgent: null,
    });
    expect(signedIn.actor.roles.get(offices[0]!.id)).toBe('staff');
    expect((await verifyAuditLog(extra.db)).problems).toEqual([]);
  });

  it('stores only the hash of a session token', async () => {
    world = await buildWorld(engine);
    const signedIn = await login(world.deps, {
      username: 'staff',
      password: testPassword,
      ip: '127.0.0.1',
      userAgent: 'test',
    });
    expect(await findSession(world.db.db, signedIn.token)).toBeNull();
    expect(await findSession(world.db.db, signedIn.session.id)).toMatchObject({
      userId: world.users.staff,
    });
    const raw = await sql<{
      n: number | string;
    }>`select count(*) as n from sessions where id = ${signedIn.token}`.execute(world.db.db);
    expect(Number(raw.rows[0]!.n)).toBe(0);
  });
});
