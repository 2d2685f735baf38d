import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authErrorResponses } from '../../../shared/contract/common.ts';
import { deskBoardSchema, type DeskBoard } from '../../../shared/contract/desk-board.ts';
import { officeParamsSchema } from '../../../shared/contract/org.ts';
import { createDeskBoardSnapshots, readDeskBoardJson } from '../../services/desk-board.service.ts';
import { contextOf } from '../plugins/auth.ts';
import type { AppDeps } from '../types.ts';

/**
 * The desk board 值班台: the one read the page keeps fresh on every live change (issue 6).
 * Boards are served from per-office snapshots (`createDeskBoardSnapshots`), dropped by the
 * office's live-update events: the change hook publishes them before a change is answered.
 */
export function registerDeskBoardRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const snapshots = createDeskBoardSnapshots({
    clock: deps.services.clock,
    ...(deps.http.boardMaxAgeMs === undefined ? {} : { maxAgeMs: deps.http.boardMaxAgeMs }),
    // the bus is decorated once every route is registered; boards are first built later
    watch: (officeId, onChange) => {
      app.events.subscribe(officeId, onChange);
    },
  });
  app.addHook('onClose', (_instance, done) => {
    snapshots.cache.clear();
    done();
  });
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
    async (request, reply) => {
      const json = await readDeskBoardJson(
        contextOf(deps.services, request),
        request.params.officeId,
        snapshots,
      );
      // the JSON of a DeskBoard, encoded once with deskBoardSchema by the snapshot: Fastify
      // sends a Buffer as it is (the type provider only knows the object form)
      return reply.type('application/json; charset=utf-8').send(json as unknown as DeskBoard);
    },
  );
}
