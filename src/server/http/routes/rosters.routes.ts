import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authErrorResponses, errorBodySchema } from '../../../shared/contract/common.ts';
import { officeParamsSchema } from '../../../shared/contract/org.ts';
import {
  currentGenerationSchema,
  editCellsBodySchema,
  generationParamsSchema,
  generationSchema,
  myDutiesQuerySchema,
  myDutiesSchema,
  personMonthParamsSchema,
  personMonthSchema,
  publishBodySchema,
  rosterMonthSchema,
  rosterParamsSchema,
  rosterStatusSchema,
  rosterVersionListSchema,
  rosterVersionSchema,
  saveWishesBodySchema,
  startGenerationBodySchema,
  unpinBodySchema,
  versionParamsSchema,
  wishListSchema,
} from '../../../shared/contract/rosters.ts';
import {
  getCurrentGeneration,
  startGeneration,
  stopGeneration,
  stopAllGenerations,
} from '../../services/roster-generation.service.ts';
import {
  editRosterCells,
  getMyDuties,
  getPersonMonth,
  getRosterMonth,
  getRosterStatus,
  getVersion,
  getWishes,
  listVersions,
  publishRoster,
  saveMyWishes,
  unpinRosterCells,
} from '../../services/rosters.service.ts';
import { contextOf } from '../plugins/auth.ts';
import type { AppDeps } from '../types.ts';

const changeResponses = {
  ...authErrorResponses,
  409: errorBodySchema,
  422: errorBodySchema,
};

/** The monthly roster 《值班安排表》: ROSTER-1 (plan, generate, publish by the deadline), ROSTER-2. */
export function registerRosterRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { services } = deps;
  // a generation still running when the app closes is stopped and records its end
  app.addHook('onClose', async () => {
    await stopAllGenerations();
  });

  r.get(
    '/api/offices/:officeId/rosters/:month',
    {
      schema: {
        operationId: 'getRosterMonth',
        tags: ['roster'],
        summary:
          'The month’s roster with the evaluator’s check; staff see it once published (ROSTER-1, ROSTER-2)',
        params: rosterParamsSchema,
        response: { 200: rosterMonthSchema, ...authErrorResponses },
      },
    },
    async (request) =>
      getRosterMonth(contextOf(services, request), request.params.officeId, request.params.month),
  );

  r.put(
    '/api/offices/:officeId/rosters/:month/cells',
    {
      schema: {
        operationId: 'editRosterCells',
        tags: ['roster'],
        summary:
          'Edit draft cells (supervisor); edited cells are pinned; a published roster is refused (ROSTER-2)',
        params: rosterParamsSchema,
        body: editCellsBodySchema,
        response: { 200: rosterMonthSchema, ...changeResponses },
      },
    },
    async (request) =>
      editRosterCells(
        contextOf(services, request),
        request.params.officeId,
        request.params.month,
        request.body,
      ),
  );

  r.post(
    '/api/offices/:officeId/rosters/:month/unpin',
    {
      schema: {
        operationId: 'unpinRosterCells',
        tags: ['roster'],
        summary: 'Release every pinned cell of the draft (supervisor)',
        params: rosterParamsSchema,
        body: unpinBodySchema,
        response: { 200: rosterMonthSchema, ...changeResponses },
      },
    },
    async (request) =>
      unpinRosterCells(
        contextOf(services, request),
        request.params.officeId,
        request.params.month,
        request.body.revision,
      ),
  );

  r.post(
    '/api/offices/:officeId/rosters/:month/publish',
    {
      schema: {
        operationId: 'publishRoster',
        tags: ['roster'],
        summary:
          'Publish the draft (supervisor); after the deadline it is recorded as late (ROSTER-1)',
        params: rosterParamsSchema,
        body: publishBodySchema,
        response: { 200: rosterMonthSchema, ...changeResponses },
      },
    },
    async (request) =>
      publishRoster(
        contextOf(services, request),
        request.params.officeId,
        request.params.month,
        request.body,
      ),
  );

  r.post(
    '/api/offices/:officeId/rosters/:month/generations',
    {
      schema: {
        operationId: 'startRosterGeneration',
        tags: ['roster'],
        summary:
          'Generate the draft with the optimiser (supervisor); keepPinned re-optimises the rest',
        params: rosterParamsSchema,
        body: startGenerationBodySchema,
        response: { 202: generationSchema, ...changeResponses },
      },
    },
    async (request, reply) => {
      const generation = await startGeneration(
        contextOf(services, request),
        request.params.officeId,
        request.params.month,
        request.body,
      );
      return reply.code(202).send(generation);
    },
  );

  r.get(
    '/api/offices/:officeId/rosters/:month/generations/current',
    {
      schema: {
        operationId: 'getCurrentRosterGeneration',
        tags: ['roster'],
        summary: 'The latest generation with its live progress (objective, bound, gap, elapsed)',
        params: rosterParamsSchema,
        response: { 200: currentGenerationSchema, ...authErrorResponses },
      },
    },
    async (request) =>
      getCurrentGeneration(
        contextOf(services, request),
        request.params.officeId,
        request.params.month,
      ),
  );

  r.post(
    '/api/offices/:officeId/rosters/:month/generations/:generationId/stop',
    {
      schema: {
        operationId: 'stopRosterGeneration',
        tags: ['roster'],
        summary: 'Stop a generation early, keeping the best roster found so far',
        params: generationParamsSchema,
        response: { 200: generationSchema, ...changeResponses },
      },
    },
    async (request) =>
      stopGeneration(
        contextOf(services, request),
        request.params.officeId,
        request.params.month,
        request.params.generationId,
      ),
  );

  r.get(
    '/api/offices/:officeId/rosters/:month/versions',
    {
      schema: {
        operationId: 'listRosterVersions',
        tags: ['roster'],
        summary: 'Every published version of the month, with who, when and why (ROSTER-2)',
        params: rosterParamsSchema,
        response: { 200: rosterVersionListSchema, ...authErrorResponses },
      },
    },
    async (request) =>
      listVersions(contextOf(services, request), request.params.officeId, request.params.month),
  );

  r.get(
    '/api/offices/:officeId/rosters/:month/versions/:version',
    {
      schema: {
        operationId: 'getRosterVersion',
        tags: ['roster'],
        summary: 'One published version of the month, cell by cell',
        params: versionParamsSchema,
        response: { 200: rosterVersionSchema, ...authErrorResponses },
      },
    },
    async (request) =>
      getVersion(
        contextOf(services, request),
        request.params.officeId,
        request.params.month,
        request.params.version,
      ),
  );

  r.get(
    '/api/offices/:officeId/rosters/:month/people/:userId',
    {
      schema: {
        operationId: 'getPersonRosterMonth',
        tags: ['roster'],
        summary:
          'One person’s month: planned (first published) against actual duties, and every change',
        params: personMonthParamsSchema,
        response: { 200: personMonthSchema, ...authErrorResponses },
      },
    },
    async (request) =>
      getPersonMonth(
        contextOf(services, request),
        request.params.officeId,
        request.params.month,
        request.params.userId,
      ),
  );

  r.get(
    '/api/offices/:officeId/rosters/:month/wishes',
    {
      schema: {
        operationId: 'getRosterWishes',
        tags: ['roster'],
        summary: 'Wishes for the month: staff see their own, supervisors everyone’s',
        params: rosterParamsSchema,
        response: { 200: wishListSchema, ...authErrorResponses },
      },
    },
    async (request) =>
      getWishes(contextOf(services, request), request.params.officeId, request.params.month),
  );

  r.put(
    '/api/offices/:officeId/rosters/:month/wishes/me',
    {
      schema: {
        operationId: 'saveMyRosterWishes',
        tags: ['roster'],
        summary: 'Set my wishes and days I cannot work for the month, until the cut-off (ROSTER-1)',
        params: rosterParamsSchema,
        body: saveWishesBodySchema,
        response: { 200: wishListSchema, ...changeResponses },
      },
    },
    async (request) =>
      saveMyWishes(
        contextOf(services, request),
        request.params.officeId,
        request.params.month,
        request.body.wishes,
      ),
  );

  r.get(
    '/api/offices/:officeId/roster-status',
    {
      schema: {
        operationId: 'getRosterStatus',
        tags: ['roster'],
        summary: 'Next month’s roster against its deadline: reminder and overdue (ROSTER-1)',
        params: officeParamsSchema,
        response: { 200: rosterStatusSchema, ...authErrorResponses },
      },
    },
    async (request) => getRosterStatus(contextOf(services, request), request.params.officeId),
  );

  r.get(
    '/api/me/duties',
    {
      schema: {
        operationId: 'getMyDuties',
        tags: ['roster'],
        summary: 'My duties from the published rosters in force, next first (ROSTER-2)',
        querystring: myDutiesQuerySchema,
        response: { 200: myDutiesSchema, ...authErrorResponses },
      },
    },
    async (request) => getMyDuties(contextOf(services, request), request.query),
  );
}
