import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authErrorResponses, errorBodySchema, okSchema } from '../../../shared/contract/common.ts';
import {
  changePasswordBodySchema,
  loginBodySchema,
  meSchema,
  updateProfileBodySchema,
} from '../../../shared/contract/auth.ts';
import {
  changePassword,
  describeMe,
  login,
  logout,
  updateProfile,
} from '../../services/auth.service.ts';
import { clearSessionCookie, contextOf, setSessionCookie } from '../plugins/auth.ts';
import type { AppDeps } from '../types.ts';

export function registerAuthRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { services, http } = deps;

  r.post(
    '/api/auth/login',
    {
      config: {
        public: true,
        // password guessing is slowed per client address and user name
        rateLimit: {
          max: http.loginAttemptsPerWindow,
          timeWindow: http.loginWindowMinutes * 60_000,
          keyGenerator: (request) => {
            const body = request.body as { username?: unknown } | undefined;
            const username =
              typeof body?.username === 'string' ? body.username.trim().toLowerCase() : '';
            return `${request.ip}|${username}`;
          },
        },
      },
      schema: {
        operationId: 'login',
        tags: ['auth'],
        summary: 'Sign in with user name and password; sets the session cookie',
        body: loginBodySchema,
        response: {
          200: meSchema,
          400: errorBodySchema,
          401: errorBodySchema,
          429: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const signedIn = await login(services, {
        username: request.body.username,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      const seconds = http.sessionMaxHours * 3_600;
      const expiresAt = new Date(signedIn.session.createdAt.getTime() + seconds * 1_000);
      setSessionCookie(reply, signedIn.token, { expiresAt, seconds }, http.secureCookies);
      return describeMe(services, signedIn.user, signedIn.session);
    },
  );

  r.post(
    '/api/auth/logout',
    {
      config: { allowedBeforePasswordChange: true },
      schema: {
        operationId: 'logout',
        tags: ['auth'],
        summary: 'End the current session',
        response: { 200: okSchema, ...authErrorResponses },
      },
    },
    async (request, reply) => {
      await logout(contextOf(services, request), request.auth!.session.id);
      clearSessionCookie(reply, http.secureCookies);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/me',
    {
      config: { allowedBeforePasswordChange: true },
      schema: {
        operationId: 'getMe',
        tags: ['auth'],
        summary: 'The signed-in user, their roles per office, and the CSRF token',
        response: { 200: meSchema, ...authErrorResponses },
      },
    },
    async (request) => describeMe(services, request.auth!.user, request.auth!.session),
  );

  r.patch(
    '/api/me',
    {
      config: { allowedBeforePasswordChange: true },
      schema: {
        operationId: 'updateMe',
        tags: ['auth'],
        summary: 'Change one’s own language or display name',
        body: updateProfileBodySchema,
        response: { 200: meSchema, ...authErrorResponses, 409: errorBodySchema },
      },
    },
    async (request) => {
      const user = await updateProfile(contextOf(services, request), request.body);
      return describeMe(services, user, request.auth!.session);
    },
  );

  r.post(
    '/api/me/password',
    {
      config: { allowedBeforePasswordChange: true },
      schema: {
        operationId: 'changePassword',
        tags: ['auth'],
        summary: 'Change one’s own password; other sessions end',
        body: changePasswordBodySchema,
        response: { 200: okSchema, ...authErrorResponses, 409: errorBodySchema },
      },
    },
    async (request) => {
      await changePassword(contextOf(services, request), request.auth!.session.id, request.body);
      return { ok: true as const };
    },
  );
}
