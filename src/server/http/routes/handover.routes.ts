import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authErrorResponses, errorBodySchema } from '../../../shared/contract/common.ts';
import {
  handoverDeskSchema,
  handoverListQuerySchema,
  handoverParamsSchema,
  handoverSchema,
  handoverStepBodySchema,
  handoverSummarySchema,
  handoverVerificationSchema,
  inventoryBodySchema,
  inventorySchema,
  openHandoverBodySchema,
  postParamsSchema,
} from '../../../shared/contract/handover.ts';
import { officeParamsSchema } from '../../../shared/contract/org.ts';
import {
  getHandover,
  getHandoverDesk,
  getInventory,
  listHandoverSummaries,
  openHandover,
  saveInventory,
  takeHandoverStep,
  verifyHandover,
} from '../../services/handover.service.ts';
import { contextOf } from '../plugins/auth.ts';
import type { AppDeps } from '../types.ts';

const changeResponses = { ...authErrorResponses, 409: errorBodySchema, 422: errorBodySchema };

/** The shift handover 交接班 (HO-IN-1…5, HO-OUT-1…4) and the post inventory 岗位物品. */
export function registerHandoverRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { services } = deps;
  const handoversUrl = '/api/offices/:officeId/handovers';
  const inventoryUrl = '/api/offices/:officeId/posts/:postId/inventory';

  r.get(
    inventoryUrl,
    {
      schema: {
        operationId: 'getPostInventory',
        tags: ['handover'],
        summary: 'The items kept at a post, as the supervisor last saved them (HO-IN-2)',
        params: postParamsSchema,
        response: { 200: inventorySchema, ...authErrorResponses },
      },
    },
    async (request) =>
      getInventory(contextOf(services, request), request.params.officeId, request.params.postId),
  );

  r.put(
    inventoryUrl,
    {
      schema: {
        operationId: 'savePostInventory',
        tags: ['handover'],
        summary: 'Save the next version of a post’s items (supervisor; a stale version is 409)',
        params: postParamsSchema,
        body: inventoryBodySchema,
        response: { 200: inventorySchema, ...changeResponses },
      },
    },
    async (request) =>
      saveInventory(
        contextOf(services, request),
        request.params.officeId,
        request.params.postId,
        request.body,
      ),
  );

  r.get(
    `${handoversUrl}/desk`,
    {
      schema: {
        operationId: 'getHandoverDesk',
        tags: ['handover'],
        summary:
          'My handover now: the one I can open (from 15 min before my shift ends, HO-OUT-1), those I take part in, those of my post awaiting someone',
        params: officeParamsSchema,
        response: { 200: handoverDeskSchema, ...authErrorResponses },
      },
    },
    async (request) => getHandoverDesk(contextOf(services, request), request.params.officeId),
  );

  r.get(
    handoversUrl,
    {
      schema: {
        operationId: 'listHandovers',
        tags: ['handover'],
        summary: 'The handovers of an office with their compliance, newest first',
        params: officeParamsSchema,
        querystring: handoverListQuerySchema,
        response: {
          200: z.object({ handovers: z.array(handoverSummarySchema) }),
          ...authErrorResponses,
        },
      },
    },
    async (request) =>
      listHandoverSummaries(contextOf(services, request), request.params.officeId, request.query),
  );

  r.post(
    handoversUrl,
    {
      schema: {
        operationId: 'openHandover',
        tags: ['handover'],
        summary: 'Open the handover of my duty session (HO-OUT-1: from 15 min before its end)',
        params: officeParamsSchema,
        body: openHandoverBodySchema,
        response: { 201: handoverSchema, ...changeResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await openHandover(contextOf(services, request), request.params.officeId, request.body),
        ),
  );

  r.get(
    `${handoversUrl}/:handoverId`,
    {
      schema: {
        operationId: 'getHandover',
        tags: ['handover'],
        summary:
          'A handover with its checklist, what is still unmet per side, signatures and record',
        params: handoverParamsSchema,
        response: { 200: handoverSchema, ...authErrorResponses },
      },
    },
    async (request) =>
      getHandover(contextOf(services, request), request.params.officeId, request.params.handoverId),
  );

  r.post(
    `${handoversUrl}/:handoverId/steps`,
    {
      config: {
        // a signature re-enters a password: guessing is slowed like signing in, per client
        // address, handover and side; the other steps are not counted
        rateLimit: {
          max: deps.http.loginAttemptsPerWindow,
          timeWindow: deps.http.loginWindowMinutes * 60_000,
          allowList: (request) => signedSide(request.body) === null,
          keyGenerator: (request) => {
            const params = request.params as { handoverId?: unknown };
            const handoverId = typeof params.handoverId === 'string' ? params.handoverId : '';
            return `${request.ip}|${handoverId}|${signedSide(request.body) ?? ''}`;
          },
        },
      },
      schema: {
        operationId: 'takeHandoverStep',
        tags: ['handover'],
        summary:
          'Take one step of the handover (tidy, log, unfinished work, exception, join, count, explain, read, accept, area, sign); refusals name their rule',
        params: handoverParamsSchema,
        body: handoverStepBodySchema,
        response: { 200: handoverSchema, ...changeResponses },
      },
    },
    async (request) =>
      takeHandoverStep(
        contextOf(services, request),
        request.params.officeId,
        request.params.handoverId,
        request.body,
      ),
  );

  r.get(
    `${handoversUrl}/:handoverId/verify`,
    {
      schema: {
        operationId: 'verifyHandover',
        tags: ['handover'],
        summary:
          'Recompute what each signature bound (the sealed log and the record) and compare with the stored and audited hashes',
        params: handoverParamsSchema,
        response: { 200: handoverVerificationSchema, ...authErrorResponses },
      },
    },
    async (request) =>
      verifyHandover(
        contextOf(services, request),
        request.params.officeId,
        request.params.handoverId,
      ),
  );
}

/** The side a step's body signs, or null when it is another step (or not a body at all). */
function signedSide(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('action' in body)) return null;
  const { action } = body;
  if (typeof action !== 'object' || action === null) return null;
  if (!('kind' in action) || action.kind !== 'sign') return null;
  return 'side' in action && typeof action.side === 'string' ? action.side : '';
}
