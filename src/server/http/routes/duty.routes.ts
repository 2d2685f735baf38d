import type { FastifyError, FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authErrorResponses, errorBodySchema } from '../../../shared/contract/common.ts';
import {
  absenceBodySchema,
  absenceParamsSchema,
  absenceSchema,
  checkInBodySchema,
  checkOutBodySchema,
  dutySessionSchema,
  fileParamsSchema,
  logEntryBodySchema,
  logEntrySchema,
  logListSchema,
  logQuerySchema,
  onDutyQuerySchema,
  onDutySchema,
  storedFileSchema,
} from '../../../shared/contract/duty.ts';
import { officeParamsSchema } from '../../../shared/contract/org.ts';
import { AppError } from '../../../shared/errors.ts';
import { maxFileBytes } from '../../domain/desk/file-types.ts';
import { addLogEntry, listLog } from '../../services/duty-log.service.ts';
import {
  checkIn,
  checkOut,
  getOnDuty,
  leavePost,
  returnToPost,
} from '../../services/duty.service.ts';
import { readFileFor, readFileName, uploadFile } from '../../services/files.service.ts';
import { contextOf } from '../plugins/auth.ts';
import type { AppDeps } from '../types.ts';
import { attachmentDisposition, binarySchema } from './roster-exports.routes.ts';

const changeResponses = { ...authErrorResponses, 409: errorBodySchema, 422: errorBodySchema };

/**
 * Going on duty (HO-IN-1), leaving the post (DISC-1), the duty log (WORK-3, HO-OUT-2) and its
 * evidence files. Async: the upload route lives in its own encapsulated plugin.
 */
export async function registerDutyRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { services } = deps;
  const dutyUrl = '/api/offices/:officeId/duty';

  r.post(
    `${dutyUrl}/check-in`,
    {
      schema: {
        operationId: 'checkIn',
        tags: ['duty'],
        summary:
          'Check in for my rostered shift that is going on or starts within the hour; late after start − 5 min (HO-IN-1)',
        params: officeParamsSchema,
        body: checkInBodySchema,
        response: { 201: dutySessionSchema, ...changeResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await checkIn(contextOf(services, request), request.params.officeId, request.body)),
  );

  r.post(
    `${dutyUrl}/check-out`,
    {
      schema: {
        operationId: 'checkOut',
        tags: ['duty'],
        summary:
          'End my duty session: only after both signed the handover (HO-OUT-3), or the outgoing side at a gap',
        params: officeParamsSchema,
        body: checkOutBodySchema,
        response: { 200: dutySessionSchema, ...changeResponses },
      },
    },
    async (request) =>
      checkOut(contextOf(services, request), request.params.officeId, request.body),
  );

  r.get(
    `${dutyUrl}/on-duty`,
    {
      schema: {
        operationId: 'getOnDuty',
        tags: ['duty'],
        summary: 'Who is on duty now, who is expected and how late, and my own shift',
        params: officeParamsSchema,
        querystring: onDutyQuerySchema,
        response: { 200: onDutySchema, ...authErrorResponses },
      },
    },
    async (request) =>
      getOnDuty(contextOf(services, request), request.params.officeId, request.query),
  );

  r.post(
    `${dutyUrl}/absences`,
    {
      schema: {
        operationId: 'leavePost',
        tags: ['duty'],
        summary: 'Record leaving the post with a reason and expected return (DISC-1)',
        params: officeParamsSchema,
        body: absenceBodySchema,
        response: { 201: absenceSchema, ...changeResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await leavePost(contextOf(services, request), request.params.officeId, request.body)),
  );

  r.post(
    `${dutyUrl}/absences/:absenceId/return`,
    {
      schema: {
        operationId: 'returnToPost',
        tags: ['duty'],
        summary: 'Record coming back to the post (DISC-1)',
        params: absenceParamsSchema,
        response: { 200: absenceSchema, ...changeResponses },
      },
    },
    async (request) =>
      returnToPost(contextOf(services, request), request.params.officeId, request.params.absenceId),
  );

  const logUrl = '/api/offices/:officeId/duty-log';
  r.post(
    logUrl,
    {
      schema: {
        operationId: 'addLogEntry',
        tags: ['duty'],
        summary:
          'Write a duty log entry, or a correction of one (append-only; staff must be checked in, WORK-3)',
        params: officeParamsSchema,
        body: logEntryBodySchema,
        response: { 201: logEntrySchema, ...changeResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await addLogEntry(contextOf(services, request), request.params.officeId, request.body),
        ),
  );

  r.get(
    logUrl,
    {
      schema: {
        operationId: 'listLogEntries',
        tags: ['duty'],
        summary: 'The duty log, newest first, with authors, files and corrections',
        params: officeParamsSchema,
        querystring: logQuerySchema,
        response: { 200: logListSchema, ...authErrorResponses },
      },
    },
    async (request) =>
      listLog(contextOf(services, request), request.params.officeId, request.query),
  );

  const filesUrl = '/api/offices/:officeId/files';
  r.get(
    `${filesUrl}/:sha256`,
    {
      schema: {
        operationId: 'downloadFile',
        tags: ['duty'],
        summary: 'An evidence file attached in this office (or uploaded by me)',
        params: fileParamsSchema,
        response: {
          200: {
            description: 'the file as stored, with its sniffed media type',
            content: { 'application/octet-stream': { schema: binarySchema } },
          },
          ...authErrorResponses,
        },
      },
    },
    async (request, reply) => {
      const file = await readFileFor(
        contextOf(services, request),
        request.params.officeId,
        request.params.sha256,
      );
      return reply
        .header('content-type', file.mediaType)
        .header('content-disposition', attachmentDisposition(file.fileName, file.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=86400, immutable')
        .send(file.bytes);
    },
  );

  // the raw-bytes parser and its larger limit exist only inside this plugin
  await app.register((scope, _options, done) => {
    scope.removeAllContentTypeParsers();
    // say the limit; everything else goes on to the app's error handler
    scope.setErrorHandler((error: FastifyError) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        throw new AppError('PAYLOAD_TOO_LARGE', 'a file may have at most 10 MiB', {
          details: { limitBytes: maxFileBytes },
        });
      }
      throw error;
    });
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: maxFileBytes },
      (_request, body, parsed) => {
        parsed(null, body);
      },
    );
    scope.withTypeProvider<ZodTypeProvider>().post(
      filesUrl,
      {
        bodyLimit: maxFileBytes,
        schema: {
          operationId: 'uploadFile',
          tags: ['duty'],
          summary:
            'Upload an evidence file (photo or PDF, at most 10 MiB) as the raw body; name in x-file-name, URL-encoded',
          params: officeParamsSchema,
          headers: z.looseObject({ 'x-file-name': z.string().max(1000).optional() }),
          response: {
            201: storedFileSchema,
            ...authErrorResponses,
            413: errorBodySchema,
            415: errorBodySchema,
          },
        },
      },
      async (request, reply) => {
        const body: unknown = request.body;
        if (!Buffer.isBuffer(body)) {
          throw new AppError('VALIDATION_FAILED', 'body: send the file’s bytes', {
            details: [{ path: 'body', message: 'send the file’s bytes' }],
          });
        }
        const fileName = readFileName(request.headers['x-file-name'], 'x-file-name');
        return reply
          .code(201)
          .send(
            await uploadFile(contextOf(services, request), request.params.officeId, body, fileName),
          );
      },
    );
    done();
  });
}
