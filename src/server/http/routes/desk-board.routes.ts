import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authErrorResponses } from '../../../shared/contract/common.ts';
import { deskBoardSchema } from '../../../shared/contract/desk-board.ts';
import { officeParamsSchema } from '../../../shared/contract/org.ts';
import { getDeskBoard } from '../../services/desk-board.service.ts';
import { contextOf } from '../plugins/auth.ts';
import type { AppDeps } from '../types.ts';

/** The desk board 值班台: the one read the page keeps fresh on every live change (issue 6). */
export function registerDeskBoardRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/offices/:officeId/desk-board',
    {
      schema: {
        operationId: 'getDeskBoard',
        tags: ['desk'],
        summary:
          'Who is on duty (HO-IN-1, DISC-1), open items with clocks and levels (WORK-4, ESC-1), today’s calls and three-rings rate (PHONE-1), recent log entries (WORK-3) and pending follow-ups',
        params: officeParamsSchema,
        response: { 200: deskBoardSchema, ...authErrorResponses },
      },
    },
    async (request) => getDeskBoard(contextOf(deps.services, request), request.params.officeId),
  );
}
