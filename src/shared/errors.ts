/**
 * One error type for every refusal the server makes. The code is stable (the web app
 * translates it), the status is derived from the code so the client can rebuild it,
 * and the rule names the regulation clause that refused the action, when one did.
 */
export const errorStatus = {
  VALIDATION_FAILED: 400,
  MALFORMED_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SESSION_EXPIRED: 401,
  CSRF_TOKEN_INVALID: 403,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  USERNAME_TAKEN: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RULE_VIOLATION: 422,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
  WEBHOOK_SIGNATURE_INVALID: 401,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export const errorCodes = Object.keys(errorStatus) as ErrorCode[];

export type ErrorDetail = { path: string; message: string };

export type ErrorBody = {
  error: {
    code: ErrorCode;
    message: string;
    rule?: string;
    details?: ErrorDetail[] | Record<string, unknown>;
  };
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly rule: string | undefined;
  readonly details: ErrorBody['error']['details'];

  constructor(
    code: ErrorCode,
    message: string,
    options: { rule?: string; details?: ErrorBody['error']['details']; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.rule = options.rule;
    this.details = options.details;
  }

  get status(): number {
    return errorStatus[this.code];
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { error: { code: this.code, message: this.message } };
    if (this.rule !== undefined) body.error.rule = this.rule;
    if (this.details !== undefined) body.error.details = this.details;
    return body;
  }
}

/**
 * Throws VALIDATION_FAILED listing every field at fault, when there is any (400 with the
 * paths, as for schema errors).
 */
export function throwIfInvalid(details: readonly ErrorDetail[], rule?: string): void {
  if (details.length === 0) return;
  throw new AppError(
    'VALIDATION_FAILED',
    details.map((d) => `${d.path}: ${d.message}`).join('; '),
    {
      details: [...details],
      ...(rule === undefined ? {} : { rule }),
    },
  );
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
