import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { testPassword } from './factories.ts';

export type Session = { cookie: string; csrfToken: string };

/** Signs in through the API as a person would and keeps the cookie and CSRF token. */
export async function signIn(
  app: FastifyInstance,
  username: string,
  password = testPassword,
): Promise<Session> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  });
  expect(response.statusCode, response.body).toBe(200);
  const cookie = response.cookies.find((c) => c.name === 'dutydesk_session');
  if (cookie === undefined) throw new Error('no session cookie');
  const body = response.json<{ csrfToken: string }>();
  return { cookie: `${cookie.name}=${cookie.value}`, csrfToken: body.csrfToken };
}

/** A request as the signed-in user, with the CSRF header on changes. */
export function call(
  app: FastifyInstance,
  session: Session | null,
  method: InjectOptions['method'],
  url: string,
  payload?: unknown,
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (session !== null) {
    headers.cookie = session.cookie;
    if (method !== 'GET' && method !== 'HEAD') headers['x-csrf-token'] = session.csrfToken;
  }
  return app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
  });
}

/** Asserts the error envelope and returns it. */
export function expectError(response: LightMyRequestResponse, status: number, code?: string) {
  expect(response.statusCode, response.body).toBe(status);
  const body = response.json<{
    error: { code: string; message: string; rule?: string; details?: unknown };
  }>();
  expect(typeof body.error.code).toBe('string');
  expect(typeof body.error.message).toBe('string');
  if (code !== undefined) expect(body.error.code).toBe(code);
  return body.error;
}

/**
 * Puts people on shifts in a month's draft and publishes it as the supervisor (ROSTER-2):
 * the setting of the tests that need someone rostered.
 */
export async function publishDuties(
  app: FastifyInstance,
  supervisor: Session,
  officeId: string,
  month: string,
  changes: readonly { userId: string; date: string; shiftCode: string }[],
): Promise<void> {
  const rosterUrl = `/api/offices/${officeId}/rosters/${month}`;
  const edited = await call(app, supervisor, 'PUT', `${rosterUrl}/cells`, { revision: 0, changes });
  expect(edited.statusCode, edited.body).toBe(200);
  const published = await call(app, supervisor, 'POST', `${rosterUrl}/publish`, { revision: 1 });
  expect(published.statusCode, published.body).toBe(200);
}

/** Uploads evidence bytes as the web does (raw body, the name in a header). */
/** Bytes a server sniffs as a PNG photo: the signature, then a label that makes them unique. */
export function pngBytes(label: string): Buffer {
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from(`IHDR ${label}`),
  ]);
}

/** Uploads a photo and returns the reference an attachment list takes. */
export async function uploadPhoto(
  app: FastifyInstance,
  session: Session,
  officeId: string,
  fileName: string,
): Promise<{ sha256: string; fileName: string }> {
  const response = await uploadFile(app, session, officeId, pngBytes(fileName), fileName);
  if (response.statusCode !== 201) throw new Error(`upload of ${fileName}: ${response.body}`);
  return { sha256: response.json<{ sha256: string }>().sha256, fileName };
}

export function uploadFile(
  app: FastifyInstance,
  session: Session,
  officeId: string,
  bytes: Buffer,
  fileName: string,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: `/api/offices/${officeId}/files`,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent(fileName),
    },
    payload: bytes,
  });
}
