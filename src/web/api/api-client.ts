import { errorCodes, type ErrorCode, type ErrorDetail } from '../../shared/errors.ts';

/**
 * Codes the client gives failures that never reached the server's error envelope: the network
 * was down, or the answer was not JSON (a proxy's error page). They are translated like the
 * server's codes.
 */
export const clientErrorCodes = ['NETWORK_ERROR', 'BAD_RESPONSE'] as const;
export type ClientErrorCode = (typeof clientErrorCodes)[number];

export type ApiErrorCode = ErrorCode | ClientErrorCode;

/** A refusal from the server (or the way to it), rebuilt from the error envelope. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly rule: string | undefined;
  /** Field-level problems of a validation error; empty when the server named no field. */
  readonly details: readonly ErrorDetail[];
  /**
   * The envelope's `details` as sent, for refusals whose details are not field problems (the
   * handover's unmet conditions, each with its rule); a feature's API module reads its shape.
   */
  readonly rawDetails: unknown;

  constructor(
    status: number,
    code: ApiErrorCode,
    message: string,
    options: {
      rule?: string | undefined;
      details?: readonly ErrorDetail[];
      rawDetails?: unknown;
    } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.rule = options.rule;
    this.details = options.details ?? [];
    this.rawDetails = options.rawDetails;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

const knownCodes = new Set<string>(errorCodes);

/** Session and sign-out codes: any request answering one of these means "signed out". */
const signedOutCodes = new Set<ApiErrorCode>(['UNAUTHENTICATED', 'SESSION_EXPIRED']);

let csrfToken: string | null = null;
let onSignedOut: ((error: ApiError) => void) | null = null;

/** The session's CSRF token (from /api/me or sign-in); sent with every state-changing request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The CSRF token for requests that cannot go through apiRequest (uploads with progress). */
export function getCsrfToken(): string | null {
  return csrfToken;
}

/** The session layer listens here so that a session ending anywhere shows the sign-in page. */
export function setSignedOutListener(listener: ((error: ApiError) => void) | null): void {
  onSignedOut = listener;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The one way the web app talks to the server: same-origin cookies, JSON both ways, the CSRF
 * header on every change, and every failure turned into an ApiError with a stable code.
 */
/** An address under one office: `/api/offices/<officeId><rest>`. */
export function officePath(officeId: string, rest: string): string {
  return `/api/offices/${encodeURIComponent(officeId)}${rest}`;
}

export async function apiRequest<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== null) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch (cause) {
    throw new ApiError(0, 'NETWORK_ERROR', cause instanceof Error ? cause.message : 'offline');
  }

  const payload = await readJson(response);
  if (response.ok) {
    if (payload === undefined) throw new ApiError(response.status, 'BAD_RESPONSE', 'not JSON');
    return payload as T;
  }
  const error = errorFromEnvelope(response.status, payload);
  if (signedOutCodes.has(error.code) && !path.startsWith('/api/auth/login')) onSignedOut?.(error);
  throw error;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Rebuilds an ApiError from `{ error: { code, message, rule?, details? } }`. */
export function errorFromEnvelope(status: number, payload: unknown): ApiError {
  const envelope = isRecord(payload) && isRecord(payload.error) ? payload.error : undefined;
  if (envelope === undefined) {
    return new ApiError(status, 'BAD_RESPONSE', `HTTP ${String(status)} without an error body`);
  }
  const code =
    typeof envelope.code === 'string' && knownCodes.has(envelope.code)
      ? (envelope.code as ErrorCode)
      : codeOfStatus(status);
  return new ApiError(status, code, typeof envelope.message === 'string' ? envelope.message : '', {
    rule: typeof envelope.rule === 'string' ? envelope.rule : undefined,
    details: Array.isArray(envelope.details) ? envelope.details.filter(isErrorDetail) : [],
    rawDetails: envelope.details,
  });
}

/** A code the client does not know yet (a newer server) still gets a sensible translation. */
function codeOfStatus(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 422) return 'RULE_VIOLATION';
  if (status === 429) return 'TOO_MANY_REQUESTS';
  if (status >= 400 && status < 500) return 'MALFORMED_REQUEST';
  return 'INTERNAL';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isErrorDetail(value: unknown): value is ErrorDetail {
  return isRecord(value) && typeof value.path === 'string' && typeof value.message === 'string';
}
