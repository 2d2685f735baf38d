import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authErrorResponses, errorBodySchema } from '../../../shared/contract/common.ts';
import { officeParamsSchema } from '../../../shared/contract/org.ts';
import {
  approveLeaveBodySchema,
  approveSwapBodySchema,
  createLeaveBodySchema,
  createSwapBodySchema,
  declineBodySchema,
  decisionBodySchema,
  emergencyCoverBodySchema,
  emergencyCoverSchema,
  leaveListQuerySchema,
  leaveListSchema,
  leaveParamsSchema,
  leaveRequestSchema,
  notificationListSchema,
  notificationParamsSchema,
  substituteSuggestionsSchema,
  swapListSchema,
  swapParamsSchema,
  swapRequestSchema,
  versionBodySchema,
} from '../../../shared/contract/leave.ts';
import {
  approveLeave,
  cancelLeave,
  coverEmergency,
  getLeaveRequest,
  listLeave,
  rejectLeave,
  requestLeave,
  suggestSubstitutes,
} from '../../services/leave.service.ts';
import {
  cancelSwap,
  decideSwap,
  listMyNotifications,
  listSwapRequests,
  markMyNotificationRead,
  proposeSwap,
  respondToSwap,
} from '../../services/swaps.service.ts';
import { contextOf } from '../plugins/auth.ts';
import type { AppDeps } from '../types.ts';

const changeResponses = { ...authErrorResponses, 409: errorBodySchema, 422: errorBodySchema };

/** Leave 请假, substitutes 顶班, swaps 调班 and emergency cover (LEAVE-1…3, ROSTER-2). */
export function registerLeaveRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { services } = deps;
  const leaveUrl = '/api/offices/:officeId/leave-requests';
  const swapUrl = '/api/offices/:officeId/swap-requests';

  r.post(
    leaveUrl,
    {
      schema: {
        operationId: 'requestLeave',
        tags: ['leave'],
        summary: 'Ask for leave for my rostered shifts that have not started (LEAVE-1)',
        params: officeParamsSchema,
        body: createLeaveBodySchema,
        response: { 201: leaveRequestSchema, ...changeResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await requestLeave(contextOf(services, request), request.params.officeId, request.body),
        ),
  );

  r.get(
    leaveUrl,
    {
      schema: {
        operationId: 'listLeaveRequests',
        tags: ['leave'],
        summary: 'Leave requests: staff see their own, supervisors everyone’s',
        params: officeParamsSchema,
        querystring: leaveListQuerySchema,
        response: { 200: leaveListSchema, ...authErrorResponses },
      },
    },
    async (request) =>
      listLeave(contextOf(services, request), request.params.officeId, request.query),
  );

  r.get(
    `${leaveUrl}/:requestId`,
    {
      schema: {
        operationId: 'getLeaveRequest',
        tags: ['leave'],
        summary: 'One leave request with its shifts and substitutes',
        params: leaveParamsSchema,
        response: { 200: leaveRequestSchema, ...authErrorResponses },
      },
    },
    async (request) =>
      getLeaveRequest(
        contextOf(services, request),
        request.params.officeId,
        request.params.requestId,
      ),
  );

  r.get(
    `${leaveUrl}/:requestId/suggestions`,
    {
      schema: {
        operationId: 'suggestSubstitutes',
        tags: ['leave'],
        summary: 'Substitutes for each shift, ranked by the roster evaluator (LEAVE-2)',
        params: leaveParamsSchema,
        response: { 200: substituteSuggestionsSchema, ...authErrorResponses },
      },
    },
    async (request) =>
      suggestSubstitutes(
        contextOf(services, request),
        request.params.officeId,
        request.params.requestId,
      ),
  );

  r.post(
    `${leaveUrl}/:requestId/approve`,
    {
      schema: {
        operationId: 'approveLeave',
        tags: ['leave'],
        summary:
          'Approve with a substitute for every shift (LEAVE-2); the roster gets a new version',
        params: leaveParamsSchema,
        body: approveLeaveBodySchema,
        response: { 200: leaveRequestSchema, ...changeResponses },
      },
    },
    async (request) =>
      approveLeave(
        contextOf(services, request),
        request.params.officeId,
        request.params.requestId,
        request.body,
      ),
  );

  r.post(
    `${leaveUrl}/:requestId/reject`,
    {
      schema: {
        operationId: 'rejectLeave',
        tags: ['leave'],
        summary: 'Reject with a reason (LEAVE-2)',
        params: leaveParamsSchema,
        body: decisionBodySchema,
        response: { 200: leaveRequestSchema, ...changeResponses },
      },
    },
    async (request) =>
      rejectLeave(
        contextOf(services, request),
        request.params.officeId,
        request.params.requestId,
        request.body,
      ),
  );

  r.post(
    `${leaveUrl}/:requestId/cancel`,
    {
      schema: {
        operationId: 'cancelLeave',
        tags: ['leave'],
        summary: 'Withdraw my pending leave request',
        params: leaveParamsSchema,
        body: versionBodySchema,
        response: { 200: leaveRequestSchema, ...changeResponses },
      },
    },
    async (request) =>
      cancelLeave(
        contextOf(services, request),
        request.params.officeId,
        request.params.requestId,
        request.body.version,
      ),
  );

  r.post(
    '/api/offices/:officeId/emergency-covers',
    {
      schema: {
        operationId: 'coverEmergency',
        tags: ['leave'],
        summary:
          'Put a substitute on a shift at once when someone cannot come (supervisor; recorded)',
        params: officeParamsSchema,
        body: emergencyCoverBodySchema,
        response: { 201: emergencyCoverSchema, ...changeResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await coverEmergency(contextOf(services, request), request.params.officeId, request.body),
        ),
  );

  r.post(
    swapUrl,
    {
      schema: {
        operationId: 'proposeSwap',
        tags: ['leave'],
        summary: 'Propose a swap or give-away to a colleague (LEAVE-3)',
        params: officeParamsSchema,
        body: createSwapBodySchema,
        response: { 201: swapRequestSchema, ...changeResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await proposeSwap(contextOf(services, request), request.params.officeId, request.body),
        ),
  );

  r.get(
    swapUrl,
    {
      schema: {
        operationId: 'listSwapRequests',
        tags: ['leave'],
        summary: 'Swaps: staff see those they are part of, supervisors all',
        params: officeParamsSchema,
        response: { 200: swapListSchema, ...authErrorResponses },
      },
    },
    async (request) => listSwapRequests(contextOf(services, request), request.params.officeId),
  );

  const swapAction = (
    path: string,
    operationId: string,
    summary: string,
    body: typeof versionBodySchema | typeof declineBodySchema | typeof approveSwapBodySchema,
    run: (
      ctx: ReturnType<typeof contextOf>,
      officeId: string,
      swapId: string,
      body: { version: number; reason?: string; overrideReason?: string },
    ) => ReturnType<typeof cancelSwap>,
  ): void => {
    r.post(
      `${swapUrl}/:swapId/${path}`,
      {
        schema: {
          operationId,
          tags: ['leave'],
          summary,
          params: swapParamsSchema,
          body,
          response: { 200: swapRequestSchema, ...changeResponses },
        },
      },
      async (request) =>
        run(
          contextOf(services, request),
          request.params.officeId,
          request.params.swapId,
          request.body as { version: number; reason?: string; overrideReason?: string },
        ),
    );
  };
  swapAction(
    'accept',
    'acceptSwap',
    'The colleague asked accepts (LEAVE-3)',
    versionBodySchema,
    (ctx, officeId, swapId, b) =>
      respondToSwap(ctx, officeId, swapId, { accept: true, version: b.version }),
  );
  swapAction(
    'decline',
    'declineSwap',
    'The colleague asked declines',
    declineBodySchema,
    (ctx, officeId, swapId, b) =>
      respondToSwap(ctx, officeId, swapId, { accept: false, version: b.version, reason: b.reason }),
  );
  swapAction(
    'approve',
    'approveSwap',
    'A supervisor approves an accepted swap; it takes effect as a new roster version (LEAVE-3)',
    approveSwapBodySchema,
    (ctx, officeId, swapId, b) =>
      decideSwap(ctx, officeId, swapId, {
        approve: true,
        version: b.version,
        reason: b.overrideReason,
      }),
  );
  swapAction(
    'reject',
    'rejectSwap',
    'A supervisor rejects an accepted swap with a reason',
    decisionBodySchema,
    (ctx, officeId, swapId, b) =>
      decideSwap(ctx, officeId, swapId, { approve: false, version: b.version, reason: b.reason }),
  );
  swapAction(
    'cancel',
    'cancelSwap',
    'The proposer withdraws a swap not yet decided',
    versionBodySchema,
    (ctx, officeId, swapId, b) => cancelSwap(ctx, officeId, swapId, b.version),
  );

  r.get(
    '/api/me/notifications',
    {
      schema: {
        operationId: 'listMyNotifications',
        tags: ['me'],
        summary: 'My in-app notifications, newest first',
        response: { 200: notificationListSchema, ...authErrorResponses },
      },
    },
    async (request) => listMyNotifications(contextOf(services, request)),
  );

  r.post(
    '/api/me/notifications/:notificationId/read',
    {
      schema: {
        operationId: 'markNotificationRead',
        tags: ['me'],
        summary: 'Mark one notification read',
        params: notificationParamsSchema,
        response: { 200: notificationListSchema, ...authErrorResponses },
      },
    },
    async (request) =>
      markMyNotificationRead(contextOf(services, request), request.params.notificationId),
  );
}
