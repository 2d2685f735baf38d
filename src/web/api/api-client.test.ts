import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  apiRequest,
  ApiError,
  errorFromEnvelope,
  setCsrfToken,
  setSignedOutListener,
} from './api-client.ts';

type Sent = { url: string; init: RequestInit };

/** Replaces fetch with one answer and records what was sent. */
function answerWith(status: number, body: unknown): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    sent.push({ url, init });
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return Promise.resolve(new Response(text, { status }));
  });
  return sent;
}

function headersOf(sent: Sent[]): Record<string, string> {
  return sent[0]?.init.headers as Record<string, string>;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  setSignedOutListener(null);
});

describe('apiRequest', () => {
  it('sends JSON and the CSRF token with a change, and reads JSON back', async () => {
    setCsrfToken('token-1');
    const sent = answerWith(200, { ok: true });
    await expect(apiRequest('POST', '/api/users', { username: 'a' })).resolves.toEqual({
      ok: true,
    });
    expect(headersOf(sent)).toMatchObject({
      'content-type': 'application/json',
      'x-csrf-token': 'token-1',
    });
    expect(sent[0]?.init.body).toBe('{"username":"a"}');
    expect(sent[0]?.init.credentials).toBe('same-origin');
  });

  it('sends no CSRF token with a read', async () => {
    setCsrfToken('token-1');
    const sent = answerWith(200, { users: [] });
    await apiRequest('GET', '/api/users');
    expect(headersOf(sent)['x-csrf-token']).toBeUndefined();
  });

  it('turns the error envelope into an ApiError with code, rule and details', async () => {
    answerWith(422, {
      error: {
        code: 'RULE_VIOLATION',
        message: 'refused',
        rule: 'LEAVE-3',
        details: [{ path: 'body.swap', message: 'not approved' }, { bad: true }],
      },
    });
    const error = await apiRequest('POST', '/api/x', {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 422,
      code: 'RULE_VIOLATION',
      rule: 'LEAVE-3',
      details: [{ path: 'body.swap', message: 'not approved' }],
    });
  });

  it('tells the session layer when the session has ended, but not for a failed sign-in', async () => {
    const listener = vi.fn();
    setSignedOutListener(listener);
    answerWith(401, { error: { code: 'SESSION_EXPIRED', message: 'ended' } });
    await expect(apiRequest('GET', '/api/me')).rejects.toMatchObject({ code: 'SESSION_EXPIRED' });
    expect(listener).toHaveBeenCalledTimes(1);

    answerWith(401, { error: { code: 'INVALID_CREDENTIALS', message: 'wrong' } });
    await expect(apiRequest('POST', '/api/auth/login', {})).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('names an unreachable server and a non-JSON answer by client codes', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(apiRequest('GET', '/api/me')).rejects.toMatchObject({
      status: 0,
      code: 'NETWORK_ERROR',
    });
    answerWith(502, '<html>Bad gateway</html>');
    await expect(apiRequest('GET', '/api/me')).rejects.toMatchObject({
      status: 502,
      code: 'BAD_RESPONSE',
    });
  });
});

describe('errorFromEnvelope', () => {
  it('falls back to a code for the status when the code is unknown to this client', () => {
    const error = errorFromEnvelope(409, { error: { code: 'SOMETHING_NEW', message: 'x' } });
    expect(error.code).toBe('CONFLICT');
  });
});
