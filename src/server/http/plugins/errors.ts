import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, type ErrorDetail } from '../../../shared/errors.ts';

/** Fastify's own client errors (bad JSON, body too large, …) mapped to our codes by status. */
const codeOfStatus: Record<number, ErrorCode> = {
  400: 'MALFORMED_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'MALFORMED_REQUEST',
  406: 'MALFORMED_REQUEST',
  409: 'CONFLICT',
  411: 'MALFORMED_REQUEST',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'MALFORMED_REQUEST',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  431: 'MALFORMED_REQUEST',
};

/**
 * One error envelope for every answer that is not a success (DESIGN.md "Rules are enforced on
 * the server"): AppErrors as they are, validation errors with field paths, Fastify's client
 * errors by status, and anything unknown logged and answered 500 with no internals.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return reply.code(error.status).send(error.toBody());
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const details: ErrorDetail[] = error.validation.map((issue) => ({
        path: [where, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
        message: issue.message ?? 'invalid',
      }));
      const appError = new AppError('VALIDATION_FAILED', describeValidation(details), { details });
      return reply.code(400).send(appError.toBody());
    }
    if (isResponseSerializationError(error)) {
      request.log.error(
        { err: error, issues: error.cause.issues },
        'response does not match its schema',
      );
      return reply
        .code(500)
        .send(new AppError('INTERNAL', 'something went wrong on the server').toBody());
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      const code = codeOfStatus[status] ?? 'MALFORMED_REQUEST';
      const message =
        status === 429 ? 'too many attempts; wait a while and try again' : error.message;
      return reply.code(status).send(new AppError(code, message).toBody());
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply
      .code(500)
      .send(new AppError('INTERNAL', 'something went wrong on the server').toBody());
  });

  app.setNotFoundHandler((request, reply) => {
    return reply
      .code(404)
      .send(
        new AppError(
          'NOT_FOUND',
          `no route ${request.method} ${request.url.split('?')[0] ?? ''}`,
        ).toBody(),
      );
  });
}

/**
 * Errors the router raises before any hook runs (a bad URL, an over-long path parameter);
 * passed to Fastify as `frameworkErrors` so they get the same envelope.
 */
export function replyToFrameworkError(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status =
    typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500
      ? error.statusCode
      : 400;
  void reply
    .code(status)
    .send(new AppError(codeOfStatus[status] ?? 'MALFORMED_REQUEST', error.message).toBody());
}

function describeValidation(details: ErrorDetail[]): string {
  const first = details[0];
  if (first === undefined) return 'the request is not valid';
  const more = details.length > 1 ? ` (and ${String(details.length - 1)} more)` : '';
  return `${first.path}: ${first.message}${more}`;
}
