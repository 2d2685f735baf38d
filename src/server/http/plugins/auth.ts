import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../shared/errors.ts';
import { authenticate, type Authenticated } from '../../services/auth.service.ts';
import type { ServiceContext, ServiceDeps } from '../../services/context.ts';

export const sessionCookie = 'dutydesk_session';
export const csrfHeader = 'x-csrf-token';

// declaration merging needs interfaces
/* eslint-disable @typescript-eslint/consistent-type-definitions */
declare module 'fastify' {
  interface FastifyRequest {
    auth: Authenticated | null;
  }
  interface FastifyContextConfig {
    /** true for routes anyone may call (health, sign-in) */
    public?: boolean;
    /** true for the few routes a user with an administrator-set password may call */
    allowedBeforePasswordChange?: boolean;
  }
}
/* eslint-enable @typescript-eslint/consistent-type-definitions */

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every /api route needs a valid session unless marked public. Every state-changing request
 * also needs the session's CSRF token in a header (a cross-site page cannot read it), and a
 * browser Origin, when sent, must be this server's.
 */
export function registerAuth(app: FastifyInstance, deps: ServiceDeps): void {
  app.decorateRequest('auth', null);
  // onRequest: a caller without a session learns nothing, not even what the body should be
  app.addHook('onRequest', async (request, _reply) => {
    if (!request.url.startsWith('/api/')) return;
    const unsafe = !safeMethods.has(request.method);
    if (unsafe) checkOrigin(request);
    if (request.routeOptions.config.public === true) return;
    const token = request.cookies[sessionCookie];
    if (token === undefined || token === '')
      throw new AppError('UNAUTHENTICATED', 'please sign in');
    request.auth = await authenticate(deps, token);
    if (unsafe) checkCsrf(request, request.auth.session);
    // a password an administrator chose is changed before anything else is done with it
    if (
      request.auth.user.mustChangePassword &&
      request.routeOptions.config.allowedBeforePasswordChange !== true
    ) {
      throw new AppError(
        'PASSWORD_CHANGE_REQUIRED',
        'change your initial password first (POST /api/me/password)',
      );
    }
  });
}

function checkOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (origin === undefined || origin === 'null') return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new AppError('CSRF_TOKEN_INVALID', 'the request came from another site');
  }
  if (host !== request.headers.host) {
    throw new AppError('CSRF_TOKEN_INVALID', 'the request came from another site');
  }
}

function checkCsrf(request: FastifyRequest, session: Authenticated['session']): void {
  const sent = request.headers[csrfHeader];
  const expected = Buffer.from(session.csrfToken);
  const given = Buffer.from(typeof sent === 'string' ? sent : '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new AppError(
      'CSRF_TOKEN_INVALID',
      `send the ${csrfHeader} header from /api/me with every change`,
    );
  }
}

/** The signed-in request's service context; routes call it to reach a use case. */
export function contextOf(deps: ServiceDeps, request: FastifyRequest): ServiceContext {
  if (request.auth === null) throw new AppError('UNAUTHENTICATED', 'please sign in');
  return { ...deps, actor: request.auth.actor };
}

/**
 * The session cookie lives as long as the session may (`lifetime.seconds`). Max-Age comes first
 * in browsers, so a desk PC whose clock is off keeps its session; Expires is for old clients.
 */
export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  lifetime: { expiresAt: Date; seconds: number },
  secure: boolean,
): void {
  void reply.setCookie(sessionCookie, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    expires: lifetime.expiresAt,
    maxAge: lifetime.seconds,
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  void reply.clearCookie(sessionCookie, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
}
