import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authErrorResponses, errorBodySchema } from '../../../shared/contract/common.ts';
import { officeParamsSchema } from '../../../shared/contract/org.ts';
import {
  createDeskItemBodySchema,
  deskItemDetailSchema,
  deskItemListQuerySchema,
  deskItemListSchema,
  deskItemParamsSchema,
  itemNoteBodySchema,
  itemTextBodySchema,
  itemVersionBodySchema,
} from '../../../shared/contract/desk.ts';
import {
  deskSettingsBodySchema,
  officeDeskSettingsSchema,
} from '../../../shared/contract/desk-settings.ts';
import {
  cancelDeskItem,
  closeDeskItem,
  createDeskItem,
  escalateDeskItem,
  getDeskItem,
  listDeskItemsOf,
  noteDeskItem,
  resolveDeskItem,
  takeDeskItem,
} from '../../services/desk-items.service.ts';
import { getDeskSettings, saveDeskSettingsOf } from '../../services/desk-settings.service.ts';
import { contextOf } from '../plugins/auth.ts';
import type { AppDeps } from '../types.ts';

const changeResponses = { ...authErrorResponses, 409: errorBodySchema, 422: errorBodySchema };

/**
 * Residents' inquiries 咨询 and help requests 求助 (WORK-1, WORK-2), their clocks and
 * escalation (WORK-4, ESC-1), and the desk's office settings.
 */
export function registerDeskRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { services } = deps;
  const itemsUrl = '/api/offices/:officeId/desk-items';
  const itemUrl = `${itemsUrl}/:itemId`;

  r.get(
    '/api/offices/:officeId/desk-settings',
    {
      schema: {
        operationId: 'getDeskSettings',
        tags: ['desk'],
        summary: 'Response and resolution targets, ring length, absence alert (WORK-4, PHONE-1)',
        params: officeParamsSchema,
        response: { 200: officeDeskSettingsSchema, ...authErrorResponses },
      },
    },
    async (request) => getDeskSettings(contextOf(services, request), request.params.officeId),
  );

  r.put(
    '/api/offices/:officeId/desk-settings',
    {
      schema: {
        operationId: 'saveDeskSettings',
        tags: ['desk'],
        summary: 'Change the desk settings (supervisor); a stale version is refused with 409',
        params: officeParamsSchema,
        body: deskSettingsBodySchema,
        response: { 200: officeDeskSettingsSchema, ...changeResponses },
      },
    },
    async (request) =>
      saveDeskSettingsOf(contextOf(services, request), request.params.officeId, request.body),
  );

  r.post(
    itemsUrl,
    {
      schema: {
        operationId: 'createDeskItem',
        tags: ['desk'],
        summary:
          'Record an inquiry (WORK-1) or help request (WORK-2); major ones reach the director at once (ESC-1)',
        params: officeParamsSchema,
        body: createDeskItemBodySchema,
        response: { 201: deskItemDetailSchema, ...changeResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await createDeskItem(contextOf(services, request), request.params.officeId, request.body),
        ),
  );

  r.get(
    itemsUrl,
    {
      schema: {
        operationId: 'listDeskItems',
        tags: ['desk'],
        summary: 'Inquiries and help requests of the office, newest first',
        params: officeParamsSchema,
        querystring: deskItemListQuerySchema,
        response: { 200: deskItemListSchema, ...authErrorResponses },
      },
    },
    async (request) =>
      listDeskItemsOf(contextOf(services, request), request.params.officeId, request.query),
  );

  r.get(
    itemUrl,
    {
      schema: {
        operationId: 'getDeskItem',
        tags: ['desk'],
        summary: 'One item with its whole history',
        params: deskItemParamsSchema,
        response: { 200: deskItemDetailSchema, ...authErrorResponses },
      },
    },
    async (request) =>
      getDeskItem(contextOf(services, request), request.params.officeId, request.params.itemId),
  );

  const versionSteps = [
    [
      'take',
      'takeDeskItem',
      'Take it in hand: new → in progress (stops the response clock)',
      takeDeskItem,
    ],
    ['close', 'closeDeskItem', 'Close a resolved item', closeDeskItem],
  ] as const;
  for (const [path, operationId, summary, run] of versionSteps) {
    r.post(
      `${itemUrl}/${path}`,
      {
        schema: {
          operationId,
          tags: ['desk'],
          summary,
          params: deskItemParamsSchema,
          body: itemVersionBodySchema,
          response: { 200: deskItemDetailSchema, ...changeResponses },
        },
      },
      async (request) =>
        run(
          contextOf(services, request),
          request.params.officeId,
          request.params.itemId,
          request.body.version,
        ),
    );
  }

  const textSteps = [
    [
      'resolve',
      'resolveDeskItem',
      'Resolve with what was done (a major item: the director, ESC-1)',
      resolveDeskItem,
    ],
    ['cancel', 'cancelDeskItem', 'Cancel an open item with a reason', cancelDeskItem],
    ['escalate', 'escalateDeskItem', '上报: one level up with a reason (ESC-1)', escalateDeskItem],
  ] as const;
  for (const [path, operationId, summary, run] of textSteps) {
    r.post(
      `${itemUrl}/${path}`,
      {
        schema: {
          operationId,
          tags: ['desk'],
          summary,
          params: deskItemParamsSchema,
          body: itemTextBodySchema,
          response: { 200: deskItemDetailSchema, ...changeResponses },
        },
      },
      async (request) =>
        run(
          contextOf(services, request),
          request.params.officeId,
          request.params.itemId,
          request.body,
        ),
    );
  }

  r.post(
    `${itemUrl}/notes`,
    {
      schema: {
        operationId: 'noteDeskItem',
        tags: ['desk'],
        summary: 'Add a note to the item’s history',
        params: deskItemParamsSchema,
        body: itemNoteBodySchema,
        response: { 200: deskItemDetailSchema, ...changeResponses },
      },
    },
    async (request) =>
      noteDeskItem(
        contextOf(services, request),
        request.params.officeId,
        request.params.itemId,
        request.body,
      ),
  );
}
