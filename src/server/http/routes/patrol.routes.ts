import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authErrorResponses, errorBodySchema } from '../../../shared/contract/common.ts';
import { officeParamsSchema } from '../../../shared/contract/org.ts';
import {
  labelParamsSchema,
  patrolRouteSchema,
  routeBodySchema,
  routeParamsSchema,
  updateRouteBodySchema,
} from '../../../shared/contract/patrol.ts';
import {
  checkpointLabelPng,
  createPatrolRoute,
  getPatrolRoute,
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
}
