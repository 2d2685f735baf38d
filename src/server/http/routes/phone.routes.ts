import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authErrorResponses, errorBodySchema } from '../../../shared/contract/common.ts';
import { officeParamsSchema } from '../../../shared/contract/org.ts';
import {
  callbackBodySchema,
  cdrImportBodyLimit,
  cdrImportBodySchema,
  cdrImportResultSchema,
  logPhoneCallBodySchema,
  phoneCallbackListSchema,
  phoneCallParamsSchema,
  phoneCallSchema,
  phoneDayQuerySchema,
  phoneDaySchema,
  phoneWebhookEventSchema,
  phoneWebhookResultSchema,
  webhookParamsSchema,
  webhookSecretSchema,
  webhookSecretStatusSchema,
} from '../../../shared/contract/phone.ts';
import { AppError } from '../../../shared/errors.ts';
import {
  completeCallback,
  getWebhookSecretStatus,
  importAsteriskCdr,
  listPhoneCallbacks,
  listPhoneDay,
  logPhoneCall,
  receivePhoneWebhook,
  rotateWebhookSecret,
  verifyWebhookSignature,
  webhookSignatureHeader,
} from '../../services/phone.service.ts';
import { contextOf } from '../plugins/auth.ts';
import type { AppDeps } from '../types.ts';

const changeResponses = { ...authErrorResponses, 409: errorBodySchema, 422: errorBodySchema };

/**
 * Phone calls (PHONE-1): the quick log, the day's calls and answer rate, call-backs, the
 * webhook secret, the CDR import, and the phone system's public webhook. The webhook and the
 * import each live in their own plugin scope, so their body parsers (the raw bytes for the
 * signature, text/csv with a larger limit) touch no other route.
 */
export async function registerPhoneRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { services } = deps;
  const callsUrl = '/api/offices/:officeId/phone-calls';

  r.post(
    callsUrl,
    {
      schema: {
        operationId: 'logPhoneCall',
        tags: ['phone'],
        summary: 'Log a call by hand: ring start, answer or missed, end, who answered (PHONE-1)',
        params: officeParamsSchema,
        body: logPhoneCallBodySchema,
        response: { 201: phoneCallSchema, ...changeResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await logPhoneCall(contextOf(services, request), request.params.officeId, request.body),
        ),
  );

  r.get(
    callsUrl,
    {
      schema: {
        operationId: 'listPhoneDay',
        tags: ['phone'],
        summary: 'A day’s calls with ring counts and the answer rate within three rings (PHONE-1)',
        params: officeParamsSchema,
        querystring: phoneDayQuerySchema,
        response: { 200: phoneDaySchema, ...authErrorResponses },
      },
    },
    async (request) =>
      listPhoneDay(contextOf(services, request), request.params.officeId, request.query),
  );

  r.get(
    '/api/offices/:officeId/phone-callbacks',
    {
      schema: {
        operationId: 'listPhoneCallbacks',
        tags: ['phone'],
        summary: 'Missed calls still waiting for a call-back 回电',
        params: officeParamsSchema,
        response: { 200: phoneCallbackListSchema, ...authErrorResponses },
      },
    },
    async (request) => listPhoneCallbacks(contextOf(services, request), request.params.officeId),
  );

  r.post(
    `${callsUrl}/:callId/callback`,
    {
      schema: {
        operationId: 'completePhoneCallback',
        tags: ['phone'],
        summary: 'Mark a missed call called back, with a note (once)',
        params: phoneCallParamsSchema,
        body: callbackBodySchema,
        response: { 200: phoneCallSchema, ...changeResponses },
      },
    },
    async (request) =>
      completeCallback(
        contextOf(services, request),
        request.params.officeId,
        request.params.callId,
        request.body,
      ),
  );

  const secretUrl = '/api/offices/:officeId/phone-webhook-secret';
  r.get(
    secretUrl,
    {
      schema: {
        operationId: 'getPhoneWebhookSecretStatus',
        tags: ['phone'],
        summary: 'Whether the office’s phone webhook has a secret (never the secret itself)',
        params: officeParamsSchema,
        response: { 200: webhookSecretStatusSchema, ...authErrorResponses },
      },
    },
    async (request) =>
      getWebhookSecretStatus(contextOf(services, request), request.params.officeId),
  );
  r.post(
    secretUrl,
    {
      schema: {
        operationId: 'rotatePhoneWebhookSecret',
        tags: ['phone'],
        summary: 'Create or replace the webhook secret; it is shown in this answer only',
        params: officeParamsSchema,
        response: { 200: webhookSecretSchema, ...changeResponses },
      },
    },
    async (request) => rotateWebhookSecret(contextOf(services, request), request.params.officeId),
  );

  // the CDR file: text/csv (or JSON {csv}) up to cdrImportBodyLimit on this route only
  await app.register((scope, _options, done) => {
    scope.addContentTypeParser(
      'text/csv',
      { parseAs: 'string', bodyLimit: cdrImportBodyLimit },
      (_request, body, done) => {
        done(null, body);
      },
    );
    scope.withTypeProvider<ZodTypeProvider>().post(
      `${callsUrl}/cdr-import`,
      {
        bodyLimit: cdrImportBodyLimit,
        schema: {
          operationId: 'importAsteriskCdr',
          tags: ['phone'],
          summary:
            'Import an Asterisk Master.csv (text/csv, or JSON {csv}); bad lines are reported by number, the rest imported once',
          params: officeParamsSchema,
          body: cdrImportBodySchema,
          response: { 200: cdrImportResultSchema, 413: errorBodySchema, ...changeResponses },
        },
      },
      async (request) =>
        importAsteriskCdr(
          contextOf(services, request),
          request.params.officeId,
          typeof request.body === 'string' ? request.body : request.body.csv,
        ),
    );
    done();
  });

  // the phone system's webhook: public, authenticated by the HMAC of the exact bytes it sent
  await app.register((scope, _options, done) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer' },
      (_request, body, done) => {
        done(null, body);
      },
    );
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/phone-webhook/:officeId',
      {
        config: { public: true },
        // the signature is checked before the body is parsed or validated: a caller without
        // the secret learns nothing about what the body should be
        preValidation: async (request) => {
          const raw: unknown = request.body;
          const bytes = Buffer.isBuffer(raw) ? raw : Buffer.alloc(0);
          const header = request.headers[webhookSignatureHeader];
          await verifyWebhookSignature(
            services,
            request.params.officeId,
            bytes,
            typeof header === 'string' ? header : undefined,
          );
          try {
            (request as { body: unknown }).body = JSON.parse(bytes.toString('utf8')) as unknown;
          } catch {
            throw new AppError('MALFORMED_REQUEST', 'the body is not JSON');
          }
        },
        schema: {
          operationId: 'receivePhoneWebhook',
          tags: ['phone'],
          summary:
            'The phone system reports ringing / answered / ended, signed with x-dutydesk-signature: sha256=<hex HMAC-SHA256 of the body>; a replay changes nothing',
          security: [],
          params: webhookParamsSchema,
          body: phoneWebhookEventSchema,
          response: {
            200: phoneWebhookResultSchema,
            400: errorBodySchema,
            401: errorBodySchema,
            404: errorBodySchema,
            409: errorBodySchema,
            415: errorBodySchema,
          },
        },
      },
      async (request) => receivePhoneWebhook(services, request.params.officeId, request.body),
    );
    done();
  });
}
