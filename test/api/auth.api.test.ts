import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/http/app.ts';
import {
  createSessionCache,
  defaultSessionCacheMs,
} from '../../src/server/services/auth.service.ts';
import {
  buildClock,
  buildHttpOptions,
  buildTestApp,
  buildWorld,
  testPassword,
  type World,
} from '../support/factories.ts';
import { testEngines } from '../support/databases.ts';
import { call, expectError, signIn } from '../support/http.ts';

describe.each(testEngines)('accounts and sessions on %s', (engine) => {
  let world: World;
  let app: FastifyInstance;
  const clock = buildClock();

  beforeEach(async () => {
    clock.set(new Date('2026-11-27T01:00:00.000Z'));
    world = await buildWorld(engine, { clock });
    app = await buildTestApp(world);
  });
  afterEach(async () => {
    await app.close();
    await world.db.drop();
  });

  it('signs in with an httpOnly SameSite cookie and answers /api/me with roles per office', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'Supervisor', password: testPassword },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'dutydesk_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    // Max-Age, not only Expires: a desk PC whose clock is off keeps its session
    expect(cookie.maxAge).toBe(24 * 3_600);
    const session = await signIn(app, 'supervisor');
    const me = await call(app, session, 'GET', '/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      user: { username: 'supervisor', isAdmin: false },
      offices: [
        {
          officeId: world.officeId,
          officeName: 'A大厦管理处',
          role: 'supervisor',
          timeZone: 'Asia/Shanghai',
        },
      ],
    });
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'staff', password: 'nope-nope' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'ghost', password: 'nope-nope' },
    });
    expect(expectError(wrong, 401, 'INVALID_CREDENTIALS').message).toBe(
      expectError(unknown, 401, 'INVALID_CREDENTIALS').message,
    );
    expect(wrong.cookies).toHaveLength(0);
  });

  it('requires the CSRF token on every change and ends the session on logout', async () => {
    const session = await signIn(app, 'staff');
    const noToken = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: session.cookie },
    });
    expectError(noToken, 403, 'CSRF_TOKEN_INVALID');
    const wrongToken = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: session.cookie, 'x-csrf-token': 'x'.repeat(43) },
    });
    expectError(wrongToken, 403, 'CSRF_TOKEN_INVALID');
    expect((await call(app, session, 'GET', '/api/me')).statusCode).toBe(200);
    expect((await call(app, session, 'POST', '/api/auth/logout')).statusCode).toBe(200);
    expectError(await call(app, session, 'GET', '/api/me'), 401, 'UNAUTHENTICATED');
  });

  it('refuses a change sent from another site even with a valid session', async () => {
    const session = await signIn(app, 'staff');
    const response = await app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
        origin: 'https://evil.example',
      },
      payload: { locale: 'en-US' },
    });
    expectError(response, 403, 'CSRF_TOKEN_INVALID');
  });

  it('ends an idle session and keeps an active one alive', async () => {
    const session = await signIn(app, 'staff');
    clock.advance(50 * 60_000);
    expect((await call(app, session, 'GET', '/api/me')).statusCode).toBe(200);
    clock.advance(50 * 60_000); // 100 min after sign-in, 50 after last use: idle limit is 60
    expect((await call(app, session, 'GET', '/api/me')).statusCode).toBe(200);
    clock.advance(61 * 60_000);
    expectError(await call(app, session, 'GET', '/api/me'), 401, 'SESSION_EXPIRED');
  });

  it('ends every session at its maximum age however active', async () => {
    const session = await signIn(app, 'staff');
    for (let hour = 0; hour < 23; hour += 1) {
      clock.advance(59 * 60_000);
      expect((await call(app, session, 'GET', '/api/me')).statusCode).toBe(200);
    }
    clock.advance(60 * 60_000);
    expectError(await call(app, session, 'GET', '/api/me'), 401, 'SESSION_EXPIRED');
  });

  it('changes the password, ending the other sessions', async () => {
    const first = await signIn(app, 'staff');
    const second = await signIn(app, 'staff');
    expectError(
      await call(app, first, 'POST', '/api/me/password', {
        currentPassword: 'wrong-one',
        newPassword: 'a new password',
      }),
      400,
      'VALIDATION_FAILED',
    );
    const ok = await call(app, first, 'POST', '/api/me/password', {
      currentPassword: testPassword,
      newPassword: 'a new password',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await call(app, first, 'GET', '/api/me')).statusCode).toBe(200);
    expectError(await call(app, second, 'GET', '/api/me'), 401);
    expectError(
      await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'staff', password: testPassword },
      }),
      401,
    );
    await signIn(app, 'staff', 'a new password');
  });

  it('refuses a deactivated user at sign-in and ends their sessions', async () => {
    const staff = await signIn(app, 'staff');
    const admin = await signIn(app, 'admin');
    const off = await call(app, admin, 'PUT', `/api/users/${world.users.staff}/active`, {
      active: false,
    });
    expect(off.statusCode, off.body).toBe(200);
    expectError(await call(app, staff, 'GET', '/api/me'), 401);
    expectError(
      await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'staff', password: testPassword },
      }),
      401,
      'INVALID_CREDENTIALS',
    );
  });

  describe('the session cache (a lookup is reused for a few seconds)', () => {
    type MeBody = { user: { displayName: string }; offices: { officeId: string; role: string }[] };

    it('ends a deactivated user’s session on their very next request', async () => {
      const staff = await signIn(app, 'staff');
      const admin = await signIn(app, 'admin');
      // the lookup is cached now
      expect((await call(app, staff, 'GET', '/api/me')).statusCode).toBe(200);
      const off = await call(app, admin, 'PUT', `/api/users/${world.users.staff}/active`, {
        active: false,
      });
      expect(off.statusCode, off.body).toBe(200);
      expectError(await call(app, staff, 'GET', '/api/me'), 401, 'UNAUTHENTICATED');
    });

    it('applies a role change to the signed-in user’s very next request', async () => {
      const staff = await signIn(app, 'staff');
      const admin = await signIn(app, 'admin');
      const boardUrl = `/api/offices/${world.officeId}/desk-board`;
      expect((await call(app, staff, 'GET', boardUrl)).statusCode).toBe(200);
      const demoted = await call(app, admin, 'PUT', `/api/users/${world.users.staff}/roles`, {
        roles: [],
      });
      expect(demoted.statusCode, demoted.body).toBe(200);
      expect((await call(app, staff, 'GET', '/api/me')).json<MeBody>().offices).toEqual([]);
      expectError(await call(app, staff, 'GET', boardUrl), 403, 'FORBIDDEN');
      const restored = await call(app, admin, 'PUT', `/api/users/${world.users.staff}/roles`, {
        roles: [{ officeId: world.officeId, role: 'supervisor' }],
      });
      expect(restored.statusCode, restored.body).toBe(200);
      expect((await call(app, staff, 'GET', '/api/me')).json<MeBody>().offices).toEqual([
        expect.objectContaining({ officeId: world.officeId, role: 'supervisor' }),
      ]);
    });

    it('ends the sessions of a user whose password an administrator reset at once', async () => {
      const staff = await signIn(app, 'staff');
      const admin = await signIn(app, 'admin');
      expect((await call(app, staff, 'GET', '/api/me')).statusCode).toBe(200);
      const reset = await call(app, admin, 'POST', `/api/users/${world.users.staff}/password`, {
        newPassword: 'an administrator’s choice',
      });
      expect(reset.statusCode, reset.body).toBeLessThan(300);
      expectError(await call(app, staff, 'GET', '/api/me'), 401, 'UNAUTHENTICATED');
    });

    it('shows a changed display name on the next request', async () => {
      const staff = await signIn(app, 'staff');
      expect((await call(app, staff, 'GET', '/api/me')).statusCode).toBe(200);
      const renamed = await call(app, staff, 'PATCH', '/api/me', { displayName: '值班员小王' });
      expect(renamed.statusCode, renamed.body).toBe(200);
      const me = (await call(app, staff, 'GET', '/api/me')).json<MeBody>();
      expect(me.user.displayName).toBe('值班员小王');
    });

    it('lets another instance accept a logged-out session only until its cache bound (5 s)', async () => {
      // a second app instance on the same database keeps its own cache
      const other = await buildApp({
        services: { ...world.deps, sessionCache: createSessionCache(clock) },
        http: buildHttpOptions(),
      });
      try {
        const staff = await signIn(app, 'staff');
        expect((await call(other, staff, 'GET', '/api/me')).statusCode).toBe(200);
        expect((await call(app, staff, 'POST', '/api/auth/logout')).statusCode).toBe(200);
        expectError(await call(app, staff, 'GET', '/api/me'), 401, 'UNAUTHENTICATED');
        // the documented trade-off: the other instance learns it when its lookup is too old
        clock.advance(defaultSessionCacheMs - 1);
        expect((await call(other, staff, 'GET', '/api/me')).statusCode).toBe(200);
        clock.advance(1);
        expectError(await call(other, staff, 'GET', '/api/me'), 401, 'UNAUTHENTICATED');
      } finally {
        await other.close();
      }
    });
  });

  it('sets the security headers on every answer, a refusal included', async () => {
    const expected = {
      'content-security-policy':
        "default-src 'self';base-uri 'self';font-src 'self' data:;form-action 'self';" +
        "frame-ancestors 'none';img-src 'self' data: blob:;object-src 'none';script-src 'self';" +
        "script-src-attr 'none';style-src 'self' 'unsafe-inline';connect-src 'self'",
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'SAMEORIGIN',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    };
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.json()).toEqual({ status: 'ok' });
    expect(health.headers).toMatchObject(expected);
    // without HTTPS (the test app) no browser is told to insist on it
    expect(health.headers['strict-transport-security']).toBeUndefined();
    const refused = await app.inject({ method: 'GET', url: '/api/me' });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers).toMatchObject(expected);
    const unknown = await app.inject({ method: 'GET', url: '/api/no-such-route' });
    expect(unknown.statusCode).toBeGreaterThanOrEqual(400);
    expect(unknown.headers).toMatchObject(expected);
  });

  it('tells browsers to keep to HTTPS when the cookies are secure', async () => {
    const secure = await buildTestApp(world, { secureCookies: true });
    try {
      const response = await secure.inject({ method: 'GET', url: '/api/health' });
      expect(response.headers['strict-transport-security']).toBe(
        'max-age=31536000; includeSubDomains',
      );
    } finally {
      await secure.close();
    }
  });
});

describe('login throttling', () => {
  it('slows password guessing: attempts past the limit get 429 even with the right password', async () => {
    const world = await buildWorld('sqlite');
    const app = await buildTestApp(world, { loginAttemptsPerWindow: 3 });
    try {
      for (let i = 0; i < 3; i += 1) {
        expectError(
          await app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { username: 'staff', password: `guess-${String(i)}` },
          }),
          401,
        );
      }
      expectError(
        await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'staff', password: testPassword },
        }),
        429,
        'TOO_MANY_REQUESTS',
      );
      // another user from the same address is not locked out by them
      expect(
        (
          await app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { username: 'staff2', password: testPassword },
          })
        ).statusCode,
      ).toBe(200);
    } finally {
      await app.close();
      await world.db.drop();
    }
  });
});
