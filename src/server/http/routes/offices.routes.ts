import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authErrorResponses, errorBodySchema } from '../../../shared/contract/common.ts';
import {
  createOfficeBodySchema,
  officeListSchema,
  officeParamsSchema,
  officeSchema,
} from '../../../shared/contract/org.ts';
import { createOffice, getOffice, listMyOffices } from '../../services/offices.service.ts';
import { contextOf } from '../plugins/auth.ts';
import type { AppDeps } from '../types.ts';

export function registerOfficeRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { services } = deps;

  r.get(
    '/api/offices',
    {
      schema: {
        operationId: 'listOffices',
        tags: ['offices'],
        summary: 'The offices the signed-in user works in (all of them for an admin)',
        response: { 200: officeListSchema, ...authErrorResponses },
      },
    },
    async (request) => ({ offices: await listMyOffices(contextOf(services, request)) }),
  );

  r.get(
    '/api/offices/:officeId',
    {
      schema: {
        operationId: 'getOffice',
        tags: ['offices'],
        summary: 'One office with its duty desks and shift templates',
        params: officeParamsSchema,
        response: { 200: officeSchema, ...authErrorResponses },
      },
    },
    async (request) => getOffice(contextOf(services, request), request.params.officeId),
  );

  r.post(
    '/api/offices',
    {
      schema: {
        operationId: 'createOffice',
        tags: ['offices'],
        summary: 'Create an office with one duty desk and the default shifts (admin)',
        body: createOfficeBodySchema,
        response: { 201: officeSchema, ...authErrorResponses, 409: errorBodySchema },
      },
    },
    async (request, reply) => {
      const office = await createOffice(contextOf(services, request), request.body);
      return reply.code(201).send(office);
    },
  );
}
