import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, buildWorld, type World } from '../support/factories.ts';
import { testEngines } from '../support/databases.ts';
import { call, expectError, signIn, type Session } from '../support/http.ts';

/** A concrete URL for a route pattern, with ids from the test world. */
function concreteUrl(url: string, world: World): string {
  return url
    .replace(':officeId', world.officeId)
    .replace(':userId', world.users.staff)
    .replace(':year', '2027');
}

describe.each(testEngines)('every API route on %s', (engine) => {
  let world: World;
  let app: FastifyInstance;
  let admin: Session;

  beforeAll(async () => {
    world = await buildWorld(engine);
    app = await buildTestApp(world);
    await app.ready();
    admin = await signIn(app, 'admin');
  });
  afterAll(async () => {
    await app.close();
    await world.db.drop();
  });

  const apiRoutes = () =>
    app.registeredRoutes.filter(
      (r) => r.url.startsWith('/api/') && !r.hidden && r.method !== 'HEAD',
    );

  it('has an operationId on every route, unique, and each in the OpenAPI document', async () => {
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(12);
    const ids = routes.map((r) => r.operationId);
    expect(
      ids.every((id) => typeof id === 'string' && id.length > 0),
      JSON.stringify(routes),
    ).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);

    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      openapi: string;
      paths: Record<string, Record<string, { operationId?: string }>>;
    }>();
    expect(doc.openapi).toMatch(/^3\./);
    const documented = new Set(
      Object.values(doc.paths).flatMap((methods) =>
        Object.values(methods).map((op) => op.operationId),
      ),
    );
    for (const route of routes) expect(documented, route.url).toContain(route.operationId);
  });

  it('serves the browsable documentation at /api/docs', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('swagger');
  });

  it('answers 401 on every non-public route without a session or with a bad one', async () => {
    const routes = apiRoutes().filter((r) => !r.public);
    expect(routes.length).toBeGreaterThanOrEqual(10);
    for (const route of routes) {
      const url = concreteUrl(route.url, world);
      const none = await app.inject({
        method: route.method as 'GET',
        url,
        payload: route.method === 'GET' ? undefined : {},
      });
      expectError(none, 401, 'UNAUTHENTICATED');
      const forged = await app.inject({
        method: route.method as 'GET',
        url,
        headers: { cookie: 'dutydesk_session=forged-token', 'x-csrf-token': 'x' },
        payload: route.method === 'GET' ? undefined : {},
      });
      expectError(forged, 401, 'UNAUTHENTICATED');
    }
  });

  it('keeps each office to its own people: another office is 403, another organization 404', async () => {
    const staff = await signIn(app, 'staff');
    expect((await call(app, staff, 'GET', `/api/offices/${world.officeId}`)).statusCode).toBe(200);
    expectError(
      await call(app, staff, 'GET', `/api/offices/${world.otherOfficeId}`),
      403,
      'FORBIDDEN',
    );
    expectError(
      await call(app, staff, 'GET', `/api/offices/${world.otherOrg.officeId}`),
      404,
      'NOT_FOUND',
    );
    const list = (await call(app, staff, 'GET', '/api/offices')).json<{
      offices: { id: string }[];
    }>();
    expect(list.offices.map((o) => o.id)).toEqual([world.officeId]);
    // an admin sees every office of their organization, never another organization's
    const adminList = (await call(app, admin, 'GET', '/api/offices')).json<{
      offices: { id: string }[];
    }>();
    expect(adminList.offices.map((o) => o.id).sort()).toEqual(
      [world.officeId, world.otherOfficeId].sort(),
    );
    expectError(await call(app, admin, 'GET', `/api/offices/${world.otherOrg.officeId}`), 404);
  });

  it('keeps user administration to admins of the same organization', async () => {
    for (const name of ['staff', 'supervisor', 'director']) {
      const session = await signIn(app, name);
      expectError(await call(app, session, 'GET', '/api/users'), 403, 'FORBIDDEN');
      expectError(
        await call(app, session, 'POST', '/api/users', {
          username: `x-${name}`,
          displayName: 'x',
          password: 'password-1',
        }),
        403,
      );
    }
    const users = (await call(app, admin, 'GET', '/api/users')).json<{ users: { id: string }[] }>()
      .users;
    expect(users.map((u) => u.id)).not.toContain(world.otherOrg.adminId);
    expectError(
      await call(app, admin, 'PUT', `/api/users/${world.otherOrg.adminId}/roles`, { roles: [] }),
      404,
    );
    expectError(
      await call(app, admin, 'POST', `/api/users/${world.otherOrg.adminId}/password`, {
        newPassword: 'password-2',
      }),
      404,
    );
    expectError(
      await call(app, admin, 'PUT', `/api/users/${world.users.staff}/roles`, {
        roles: [{ officeId: world.otherOrg.officeId, role: 'staff' }],
      }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('lets an admin create a user with roles, who must change the password at first sign-in', async () => {
    const created = await call(app, admin, 'POST', '/api/users', {
      username: 'newcomer',
      displayName: '新同事',
      password: 'first-password',
      roles: [{ officeId: world.officeId, role: 'staff' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      username: 'newcomer',
      roles: [{ officeId: world.officeId, role: 'staff', officeName: 'A大厦管理处' }],
    });
    expectError(
      await call(app, admin, 'POST', '/api/users', {
        username: 'NEWCOMER',
        displayName: 'x',
        password: 'first-password',
      }),
      409,
      'USERNAME_TAKEN',
    );

    const newcomer = await signIn(app, 'newcomer', 'first-password');
    expect((await call(app, newcomer, 'GET', '/api/me')).json()).toMatchObject({
      user: { mustChangePassword: true },
    });
    // until they change it, nothing but their own account can be used
    expectError(await call(app, newcomer, 'GET', '/api/offices'), 403, 'PASSWORD_CHANGE_REQUIRED');
    expect((await call(app, newcomer, 'PATCH', '/api/me', { locale: 'en-US' })).statusCode).toBe(
      200,
    );
    const changed = await call(app, newcomer, 'POST', '/api/me/password', {
      currentPassword: 'first-password',
      newPassword: 'own-password',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await call(app, newcomer, 'GET', '/api/offices')).statusCode).toBe(200);

    const userId = created.json<{ id: string }>().id;
    const promoted = await call(app, admin, 'PUT', `/api/users/${userId}/roles`, {
      roles: [
        { officeId: world.officeId, role: 'supervisor' },
        { officeId: world.otherOfficeId, role: 'staff' },
      ],
    });
    expect(promoted.statusCode, promoted.body).toBe(200);
    const me = (await call(app, newcomer, 'GET', '/api/me')).json<{
      offices: { officeId: string; role: string }[];
    }>();
    expect(me.offices).toHaveLength(2);

    const reset = await call(app, admin, 'POST', `/api/users/${userId}/password`, {
      newPassword: 'second-password',
    });
    expect(reset.statusCode).toBe(200);
    expectError(await call(app, newcomer, 'GET', '/api/me'), 401);
    const again = await signIn(app, 'newcomer', 'second-password');
    expectError(await call(app, again, 'GET', '/api/offices'), 403, 'PASSWORD_CHANGE_REQUIRED');
  });

  it('shows admins their organization’s audit trail and verifies its chain', async () => {
    const staff = await signIn(app, 'staff');
    expectError(await call(app, staff, 'GET', '/api/audit-events'), 403, 'FORBIDDEN');
    expectError(await call(app, staff, 'GET', '/api/audit-events/verification'), 403, 'FORBIDDEN');

    const page = await call(app, admin, 'GET', '/api/audit-events?limit=3');
    expect(page.statusCode, page.body).toBe(200);
    const trail = page.json<{
      events: { seq: number; action: string; actorName: string | null }[];
      nextBeforeSeq: number | null;
    }>();
    expect(trail.events).toHaveLength(3);
    expect(trail.events[0]!.seq).toBeGreaterThan(trail.events[2]!.seq);
    expect(trail.nextBeforeSeq).toBe(trail.events[2]!.seq);
    const older = (
      await call(
        app,
        admin,
        'GET',
        `/api/audit-events?limit=500&beforeSeq=${String(trail.nextBeforeSeq)}`,
      )
    ).json<typeof trail>();
    expect(older.events[0]!.seq).toBe(trail.events[2]!.seq - 1);
    expect(older.events.map((e) => e.action)).toContain('organization.created');
    const all = (await call(app, admin, 'GET', '/api/audit-events?limit=500')).json<typeof trail>();
    expect(all.events.some((e) => e.action === 'auth.login' && e.actorName === 'admin')).toBe(true);

    const intact = (await call(app, admin, 'GET', '/api/audit-events/verification')).json<{
      intact: boolean;
      events: number;
    }>();
    expect(intact).toMatchObject({ intact: true });
    // the other organization's admin sees only their own chain
    const otherAdmin = await signIn(app, 'other-admin');
    const theirs = (await call(app, otherAdmin, 'GET', '/api/audit-events?limit=500')).json<{
      events: { actorUserId: string | null }[];
    }>();
    expect(theirs.events.length).toBeGreaterThan(0);
    expect(
      theirs.events.every(
        (e) => e.actorUserId === null || e.actorUserId === world.otherOrg.adminId,
      ),
    ).toBe(true);

    await world.db.db
      .updateTable('audit_events')
      .set({ entity_id: 'forged' })
      .where('org_id', '=', world.orgId)
      .where('seq', '=', 2)
      .execute();
    const broken = (await call(app, admin, 'GET', '/api/audit-events/verification')).json();
    expect(broken).toMatchObject({ intact: false, problem: { seq: 2, reason: 'hash-mismatch' } });
  });

  it('names the field of a validation error', async () => {
    const error = expectError(
      await call(app, admin, 'POST', '/api/users', {
        username: 'a b',
        displayName: '',
        password: 'short',
        extra: 1,
      }),
      400,
      'VALIDATION_FAILED',
    );
    const paths = (error.details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining(['body.username', 'body.displayName', 'body.password']),
    );
  });

  it('answers malformed, oversized and unexpected bodies with a 4xx and the envelope, never a 500', async () => {
    const session = await signIn(app, 'admin');
    const headers = {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      'content-type': 'application/json',
    };
    const malformed = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers,
      payload: '{"username": "x",',
    });
    expectError(malformed, 400);
    const oversized = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers,
      payload: JSON.stringify({ username: 'x'.repeat(2_000_000) }),
    });
    expectError(oversized, 413, 'PAYLOAD_TOO_LARGE');
    const wrongType = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { ...headers, 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expectError(wrongType, 415);
    const unknownRoute = await call(app, session, 'GET', '/api/nothing-here');
    expectError(unknownRoute, 404, 'NOT_FOUND');
    const longParam = await call(app, session, 'GET', `/api/offices/${'x'.repeat(500)}`);
    expectError(longParam, 414, 'MALFORMED_REQUEST');
    const badParam = await call(app, session, 'GET', `/api/offices/${'x'.repeat(80)}`);
    expect(expectError(badParam, 400, 'VALIDATION_FAILED').details).toEqual([
      expect.objectContaining({ path: 'params.officeId' }),
    ]);
  });

  it('never answers 500 to any JSON a client can send to any route (property)', async () => {
    const session = await signIn(app, 'admin');
    const routes = apiRoutes().filter((r) => r.method !== 'GET' && r.url !== '/api/auth/logout');
    const anyJson = fc.oneof(
      fc.jsonValue(),
      fc.dictionary(
        fc.constantFrom(
          'username',
          'password',
          'displayName',
          'roles',
          'officeId',
          'role',
          'active',
          'newPassword',
          'currentPassword',
          'locale',
          'name',
          'timeZone',
          '__proto__',
          'constructor',
        ),
        fc.oneof(
          fc.jsonValue(),
          fc.string({ maxLength: 3000 }),
          fc.array(fc.record({ officeId: fc.string(), role: fc.string() })),
        ),
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), anyJson, async (route, body) => {
        const response = await app.inject({
          method: route.method as 'POST',
          url: concreteUrl(route.url, world),
          headers: {
            cookie: session.cookie,
            'x-csrf-token': session.csrfToken,
            'content-type': 'application/json',
          },
          payload: JSON.stringify(body),
        });
        expect(
          response.statusCode,
          `${route.method} ${route.url} ${JSON.stringify(body).slice(0, 200)} → ${response.body}`,
        ).toBeLessThan(500);
        if (response.statusCode >= 400) expect(response.json()).toHaveProperty('error.code');
      }),
      { numRuns: 150 },
    );
  });
});
