import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authErrorResponses, errorBodySchema } from '../../../shared/contract/common.ts';
import { officeParamsSchema } from '../../../shared/contract/org.ts';
import {
  checkpointStatusListSchema,
  correctNcBodySchema,
  finishRoundBodySchema,
  ncListQuerySchema,
  ncParamsSchema,
  nonconformanceDetailSchema,
  nonconformanceSchema,
  raiseNcBodySchema,
  reopenNcBodySchema,
  verifyNcBodySchema,
  labelParamsSchema,
  patrolRouteSchema,
  roundListQuerySchema,
  roundListSchema,
  roundParamsSchema,
  roundSchema,
  routeBodySchema,
  routeParamsSchema,
  startRoundBodySchema,
  updateRouteBodySchema,
  visitBodySchema,
} from '../../../shared/contract/patrol.ts';
import {
  finishPatrolRound,
  getPatrolRound,
  listPatrolRounds,
  recordVisit,
  startRound,
} from '../../services/patrol-rounds.service.ts';
import {
  correctNc,
  getNc,
  listNonconformances,
  raiseNc,
  reopenNc,
  verifyNc,
} from '../../services/nonconformances.service.ts';
import {
  checkpointLabelPng,
  createPatrolRoute,
  getPatrolRoute,
  listCheckpointStatus,
  listPatrolRoutes,
  updatePatrolRoute,
} from '../../services/patrol-routes.service.ts';
import { contextOf } from '../plugins/auth.ts';
import type { AppDeps } from '../types.ts';
import { binarySchema } from './roster-exports.routes.ts';

const changeResponses = { ...authErrorResponses, 409: errorBodySchema, 422: errorBodySchema };

/** Garden patrols 花园巡查 (issue 8): routes, checkpoints and their QR labels. */
export function registerPatrolRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { services } = deps;
  const routesUrl = '/api/offices/:officeId/patrol-routes';

  r.get(
    routesUrl,
    {
      schema: {
        operationId: 'listPatrolRoutes',
        tags: ['patrol'],
        summary: 'The office’s patrol routes with their checkpoints and planned rounds',
        params: officeParamsSchema,
        response: {
          200: z.object({ routes: z.array(patrolRouteSchema) }),
          ...authErrorResponses,
        },
      },
    },
    async (request) => listPatrolRoutes(contextOf(services, request), request.params.officeId),
  );

  r.post(
    routesUrl,
    {
      schema: {
        operationId: 'createPatrolRoute',
        tags: ['patrol'],
        summary: 'Lay out a route: ordered checkpoints with checklists, rounds planned per shift',
        params: officeParamsSchema,
        body: routeBodySchema,
        response: { 201: patrolRouteSchema, ...changeResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await createPatrolRoute(
            contextOf(services, request),
            request.params.officeId,
            request.body,
          ),
        ),
  );

  r.get(
    `${routesUrl}/:routeId`,
    {
      schema: {
        operationId: 'getPatrolRoute',
        tags: ['patrol'],
        summary: 'One patrol route',
        params: routeParamsSchema,
        response: { 200: patrolRouteSchema, ...authErrorResponses },
      },
    },
    async (request) =>
      getPatrolRoute(contextOf(services, request), request.params.officeId, request.params.routeId),
  );

  r.put(
    `${routesUrl}/:routeId`,
    {
      schema: {
        operationId: 'updatePatrolRoute',
        tags: ['patrol'],
        summary:
          'Save the route’s next version; kept checkpoints keep their codes, removed ones are archived',
        params: routeParamsSchema,
        body: updateRouteBodySchema,
        response: { 200: patrolRouteSchema, ...changeResponses },
      },
    },
    async (request) =>
      updatePatrolRoute(
        contextOf(services, request),
        request.params.officeId,
        request.params.routeId,
        request.body,
      ),
  );

  r.get(
    `${routesUrl}/:routeId/checkpoints/:checkpointId/label.png`,
    {
      schema: {
        operationId: 'getCheckpointLabel',
        tags: ['patrol'],
        summary: 'The checkpoint’s QR label (PNG): the app’s scan address for its code',
        params: labelParamsSchema,
        response: {
          200: { description: 'PNG image', content: { 'image/png': { schema: binarySchema } } },
          ...authErrorResponses,
        },
      },
    },
    async (request, reply) => {
      const label = await checkpointLabelPng(
        contextOf(services, request),
        request.params.officeId,
        request.params.routeId,
        request.params.checkpointId,
        `${request.protocol}://${request.host}`,
      );
      return reply
        .type('image/png')
        .header('cache-control', 'private, max-age=3600')
        .header('x-checkpoint-code', label.code)
        .send(label.png);
    },
  );

  r.get(
    '/api/offices/:officeId/patrol-checkpoints',
    {
      schema: {
        operationId: 'listPatrolCheckpoints',
        tags: ['patrol'],
        summary:
          'Every checkpoint of the office, route by route in order, with its last visit and its unverified non-conforming items',
        params: officeParamsSchema,
        response: { 200: checkpointStatusListSchema, ...authErrorResponses },
      },
    },
    async (request) => listCheckpointStatus(contextOf(services, request), request.params.officeId),
  );

  const roundsUrl = '/api/offices/:officeId/patrol-rounds';

  r.get(
    roundsUrl,
    {
      schema: {
        operationId: 'listPatrolRounds',
        tags: ['patrol'],
        summary:
          'The rounds of a day (today by default) with their visits and checkpoints missed, and the planned rounds nobody started',
        params: officeParamsSchema,
        querystring: roundListQuerySchema,
        response: { 200: roundListSchema, ...authErrorResponses },
      },
    },
    async (request) =>
      listPatrolRounds(contextOf(services, request), request.params.officeId, request.query),
  );

  r.post(
    roundsUrl,
    {
      schema: {
        operationId: 'startPatrolRound',
        tags: ['patrol'],
        summary:
          'Start a round on a route: leaving the post is recorded (DISC-1); the same clientId again answers 200 with the round',
        params: officeParamsSchema,
        body: startRoundBodySchema,
        response: { 200: roundSchema, 201: roundSchema, ...changeResponses },
      },
    },
    async (request, reply) => {
      const started = await startRound(
        contextOf(services, request),
        request.params.officeId,
        request.body,
      );
      return reply.code(started.replayed ? 200 : 201).send(started.round);
    },
  );

  r.get(
    `${roundsUrl}/:roundId`,
    {
      schema: {
        operationId: 'getPatrolRound',
        tags: ['patrol'],
        summary: 'One round with its visits and the checkpoints not reached',
        params: roundParamsSchema,
        response: { 200: roundSchema, ...authErrorResponses },
      },
    },
    async (request) =>
      getPatrolRound(contextOf(services, request), request.params.officeId, request.params.roundId),
  );

  r.post(
    `${roundsUrl}/:roundId/visits`,
    {
      schema: {
        operationId: 'recordPatrolVisit',
        tags: ['patrol'],
        summary:
          'Record reaching a checkpoint by its code (scanned or typed) with its checklist; the same clientId again answers 200',
        params: roundParamsSchema,
        body: visitBodySchema,
        response: { 200: roundSchema, 201: roundSchema, ...changeResponses },
      },
    },
    async (request, reply) => {
      const visited = await recordVisit(
        contextOf(services, request),
        request.params.officeId,
        request.params.roundId,
        request.body,
      );
      return reply.code(visited.replayed ? 200 : 201).send(visited.round);
    },
  );

  r.post(
    `${roundsUrl}/:roundId/finish`,
    {
      schema: {
        operationId: 'finishPatrolRound',
        tags: ['patrol'],
        summary:
          'Finish the round: the return to the post is recorded, checkpoints not reached are missed',
        params: roundParamsSchema,
        body: finishRoundBodySchema.nullish(),
        response: { 200: roundSchema, ...changeResponses },
      },
    },
    async (request) =>
      finishPatrolRound(
        contextOf(services, request),
        request.params.officeId,
        request.params.roundId,
        request.body ?? {},
      ),
  );

  const ncUrl = '/api/offices/:officeId/nonconformances';

  r.get(
    ncUrl,
    {
      schema: {
        operationId: 'listNonconformances',
        tags: ['patrol'],
        summary:
          'Non-conforming items 不合格项, by status (default: not verified yet), severity, assignee',
        params: officeParamsSchema,
        querystring: ncListQuerySchema,
        response: {
          200: z.object({ items: z.array(nonconformanceSchema) }),
          ...authErrorResponses,
        },
      },
    },
    async (request) =>
      listNonconformances(contextOf(services, request), request.params.officeId, request.query),
  );

  r.post(
    ncUrl,
    {
      schema: {
        operationId: 'raiseNonconformance',
        tags: ['patrol'],
        summary:
          'Raise a non-conforming item: what, where, severity, who corrects it, by when, photos; the same clientId again answers 200',
        params: officeParamsSchema,
        body: raiseNcBodySchema,
        response: {
          200: nonconformanceDetailSchema,
          201: nonconformanceDetailSchema,
          ...changeResponses,
        },
      },
    },
    async (request, reply) => {
      const raised = await raiseNc(
        contextOf(services, request),
        request.params.officeId,
        request.body,
      );
      return reply.code(raised.replayed ? 200 : 201).send(raised.detail);
    },
  );

  r.get(
    `${ncUrl}/:ncId`,
    {
      schema: {
        operationId: 'getNonconformance',
        tags: ['patrol'],
        summary: 'A non-conforming item with its evidence and history',
        params: ncParamsSchema,
        response: { 200: nonconformanceDetailSchema, ...authErrorResponses },
      },
    },
    async (request) =>
      getNc(contextOf(services, request), request.params.officeId, request.params.ncId),
  );

  r.post(
    `${ncUrl}/:ncId/correct`,
    {
      schema: {
        operationId: 'correctNonconformance',
        tags: ['patrol'],
        summary: 'Record the correction with its evidence (open → corrected)',
        params: ncParamsSchema,
        body: correctNcBodySchema,
        response: { 200: nonconformanceDetailSchema, ...changeResponses },
      },
    },
    async (request) =>
      correctNc(
        contextOf(services, request),
        request.params.officeId,
        request.params.ncId,
        request.body,
      ),
  );

  r.post(
    `${ncUrl}/:ncId/verify`,
    {
      schema: {
        operationId: 'verifyNonconformance',
        tags: ['patrol'],
        summary: 'Verify the correction (supervisor; never the person who corrected it)',
        params: ncParamsSchema,
        body: verifyNcBodySchema,
        response: { 200: nonconformanceDetailSchema, ...changeResponses },
      },
    },
    async (request) =>
      verifyNc(
        contextOf(services, request),
        request.params.officeId,
        request.params.ncId,
        request.body.version,
      ),
  );

  r.post(
    `${ncUrl}/:ncId/reopen`,
    {
      schema: {
        operationId: 'reopenNonconformance',
        tags: ['patrol'],
        summary: 'Send a correction back with a reason (supervisor; corrected → open)',
        params: ncParamsSchema,
        body: reopenNcBodySchema,
        response: { 200: nonconformanceDetailSchema, ...changeResponses },
      },
    },
    async (request) =>
      reopenNc(
        contextOf(services, request),
        request.params.officeId,
        request.params.ncId,
        request.body,
      ),
  );
}
