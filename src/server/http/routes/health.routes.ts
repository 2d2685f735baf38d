import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../shared/contract/common.ts';
import { checkHealth } from '../../services/health.service.ts';
import type { AppDeps } from '../types.ts';

export function registerHealthRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        operationId: 'getHealth',
        tags: ['system'],
        summary: 'Liveness with the database reachable',
        response: { 200: z.object({ status: z.literal('ok') }), 503: errorBodySchema },
      },
    },
    async () => {
      await checkHealth(deps.services);
      return { status: 'ok' as const };
    },
  );
}
