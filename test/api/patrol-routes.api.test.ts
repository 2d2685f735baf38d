import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { PatrolRoute } from '../../src/shared/contract/patrol.ts';
import { codeFromScan } from '../../src/server/domain/patrol/patrol.ts';
import { buildTestApp, buildWorld, type World } from '../support/factories.ts';
import { testEngines } from '../support/databases.ts';
import { call, expectError, signIn, type Session } from '../support/http.ts';

describe.each(testEngines)('patrol routes and checkpoint labels on %s', (engine) => {
  let world: World;
  let app: FastifyInstance;
  let supervisor: Session;
  let staff: Session;
  let outsider: Session;
  let url: string;
  let route: PatrolRoute;

  const body = {
    name: '花园',
    checkpoints: [
      { name: '东门', checklist: ['照明', '围栏'] },
      { name: '喷泉', checklist: ['排水', '安全隐患'] },
      { name: '儿童游乐区', checklist: ['设施破损', '清洁'] },
    ],
    plannedRounds: [
      { shiftCode: 'D', offsetMinutes: 60, windowMinutes: 60 },
      { shiftCode: 'D', offsetMinutes: 360, windowMinutes: 60 },
    ],
  };

  beforeAll(async () => {
    world = await buildWorld(engine);
    app = await buildTestApp(world);
    supervisor = await signIn(app, 'supervisor');
    staff = await signIn(app, 'staff');
    outsider = await signIn(app, 'outsider');
    url = `/api/offices/${world.officeId}/patrol-routes`;
  });
  afterAll(async () => {
    await app.close();
    await world.db.drop();
  });

  it('lets the supervisor lay out a route; staff read it, may not change it', async () => {
    expectError(await call(app, staff, 'POST', url, body), 403);
    const created = await call(app, supervisor, 'POST', url, body);
    expect(created.statusCode, created.body).toBe(201);
    route = created.json<PatrolRoute>();
    expect(route.version).toBe(1);
    expect(route.checkpoints.map((c) => [c.seq, c.name])).toEqual([
      [1, '东门'],
      [2, '喷泉'],
      [3, '儿童游乐区'],
    ]);
    const codes = route.checkpoints.map((c) => c.code);
    expect(new Set(codes).size).toBe(3);
    for (const code of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    const listed = (await call(app, staff, 'GET', url)).json<{ routes: PatrolRoute[] }>();
    expect(listed.routes).toEqual([route]);
    expectError(await call(app, outsider, 'GET', url), 403);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const count = async () =>
      Number(
        (
          await world.db.db
            .selectFrom('patrol_checkpoints')
            .select((eb) => eb.fn.countAll<string | number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const noShift = expectError(
      await call(app, supervisor, 'POST', url, {
        ...body,
        plannedRounds: [{ shiftCode: 'X', offsetMinutes: 0, windowMinutes: 30 }],
      }),
      400,
    );
    expect(noShift.details).toEqual([{ path: 'plannedRounds.0', message: expect.any(String) }]);
    const tooLate = expectError(
      await call(app, supervisor, 'POST', url, {
        ...body,
        plannedRounds: [{ shiftCode: 'D', offsetMinutes: 450, windowMinutes: 60 }],
      }),
      400,
    );
    expect(tooLate.details).toEqual([{ path: 'plannedRounds.0', message: expect.any(String) }]);
    const twice = expectError(
      await call(app, supervisor, 'POST', url, {
        ...body,
        checkpoints: [
          { name: '东门', checklist: [] },
          { name: '东门', checklist: [] },
        ],
      }),
      400,
    );
    expect(twice.details).toEqual([{ path: 'checkpoints.1.name', message: expect.any(String) }]);
    expectError(await call(app, supervisor, 'POST', url, { ...body, checkpoints: [] }), 400);
    expectError(await call(app, supervisor, 'POST', url, { ...body, name: ' ' }), 400);
    expect(await count()).toBe(before);
  });

  it('keeps codes of kept checkpoints on edit, archives removed ones, refuses a stale version', async () => {
    const [east, fountain] = route.checkpoints;
    const edit = {
      version: route.version,
      name: '花园（夜间）',
      checkpoints: [
        { id: fountain!.id, name: '喷泉', checklist: ['排水'] },
        { name: '地库入口', checklist: ['积水'] },
        { id: east!.id, name: '东门', checklist: ['照明'] },
      ],
      plannedRounds: [{ shiftCode: 'E', offsetMinutes: 30, windowMinutes: 60 }],
    };
    const saved = await call(app, supervisor, 'PUT', `${url}/${route.id}`, edit);
    expect(saved.statusCode, saved.body).toBe(200);
    const next = saved.json<PatrolRoute>();
    expect(next.version).toBe(2);
    expect(next.checkpoints.map((c) => c.name)).toEqual(['喷泉', '地库入口', '东门']);
    expect(next.checkpoints[0]!.code).toBe(fountain!.code);
    expect(next.checkpoints[2]!.code).toBe(east!.code);
    const archived = await world.db.db
      .selectFrom('patrol_checkpoints')
      .select(['name', 'archived_at'])
      .where('route_id', '=', route.id)
      .where('archived_at', 'is not', null)
      .execute();
    expect(archived.map((a) => a.name)).toEqual(['儿童游乐区']);
    expectError(
      await call(app, supervisor, 'PUT', `${url}/${route.id}`, edit),
      409,
      'VERSION_CONFLICT',
    );
    const foreign = expectError(
      await call(app, supervisor, 'PUT', `${url}/${route.id}`, {
        ...edit,
        version: 2,
        checkpoints: [{ id: 'not-a-checkpoint', name: 'x', checklist: [] }],
      }),
      400,
    );
    expect(foreign.details).toEqual([{ path: 'checkpoints.0.id', message: expect.any(String) }]);
    route = next;
  });

  it('prints a QR label that decodes to the checkpoint’s code', async () => {
    const checkpoint = route.checkpoints[1]!;
    const response = await call(
      app,
      staff,
      'GET',
      `${url}/${route.id}/checkpoints/${checkpoint.id}/label.png`,
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    const png = PNG.sync.read(response.rawPayload);
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded).not.toBeNull();
    expect(decoded!.data).toMatch(/\/patrol\/scan\/[A-Z2-9]{6}$/);
    expect(codeFromScan(decoded!.data)).toBe(checkpoint.code);
    expectError(
      await call(app, staff, 'GET', `${url}/${route.id}/checkpoints/nope/label.png`),
      404,
    );
    expectError(
      await call(app, outsider, 'GET', `${url}/${route.id}/checkpoints/${checkpoint.id}/label.png`),
      403,
    );
  });
});
