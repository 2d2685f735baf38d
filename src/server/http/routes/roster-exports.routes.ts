import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  calendarFeedListSchema,
  createCalendarFeedBodySchema,
  createdCalendarFeedSchema,
  feedParamsSchema,
} from '../../../shared/contract/calendar-feeds.ts';
import { authErrorResponses, errorBodySchema } from '../../../shared/contract/common.ts';
import { rosterParamsSchema } from '../../../shared/contract/rosters.ts';
import {
  createCalendarFeed,
  listMyCalendarFeeds,
  renderCalendarFeed,
  revokeMyCalendarFeed,
} from '../../services/calendar-feeds.service.ts';
import { exportRosterWorkbook } from '../../services/roster-exports.service.ts';
import { contextOf } from '../plugins/auth.ts';
import type { AppDeps } from '../types.ts';

/** The feed's secret token travels in the path; any shape is accepted and answered alike. */
const feedTokenParamsSchema = z.object({ token: z.string().min(1).max(200) }).strict();

const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const binarySchema = z
  .custom<Buffer>((value) => Buffer.isBuffer(value))
  .meta({ type: 'string', format: 'binary' });

/**
 * `attachment` with an ASCII fallback and the UTF-8 name of RFC 5987 / RFC 6266, so a browser
 * saves "A大厦管理处值班安排表-2026-12.xlsx".
 */
export function attachmentDisposition(filename: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  const ascii = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The absolute URL of a feed, as the client reached this server (respects trustProxy). */
function feedUrlOf(request: FastifyRequest): (token: string) => string {
  return (token) => `${request.protocol}://${request.host}/api/ics/${token}.ics`;
}

/** Exports of the published roster: the paper 《值班安排表》 as xlsx, and calendar feeds (ICS). */
export function registerRosterExportRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { services } = deps;

  r.get(
    '/api/offices/:officeId/rosters/:month/export.xlsx',
    {
      schema: {
        operationId: 'exportRosterWorkbook',
        tags: ['roster'],
        summary:
          'The published month as the paper 值班安排表 (xlsx): people × days, totals, legend, signature line (ROSTER-1)',
        params: rosterParamsSchema,
        response: {
          200: {
            description: 'the xlsx workbook, with a UTF-8 file name (RFC 5987)',
            content: { [xlsxContentType]: { schema: binarySchema } },
          },
          ...authErrorResponses,
        },
      },
    },
    async (request, reply) => {
      const file = await exportRosterWorkbook(
        contextOf(services, request),
        request.params.officeId,
        request.params.month,
      );
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', attachmentDisposition(file.filename, file.asciiFilename))
        .header('cache-control', 'private, no-store')
        .send(file.content);
    },
  );

  r.post(
    '/api/calendar-feeds',
    {
      schema: {
        operationId: 'createCalendarFeed',
        tags: ['roster'],
        summary:
          'Create a subscribable calendar feed (ICS) of my duties or the whole office; the URL with its secret token is shown only now',
        body: createCalendarFeedBodySchema,
        response: { 201: createdCalendarFeedSchema, ...authErrorResponses },
      },
    },
    async (request, reply) => {
      const created = await createCalendarFeed(
        contextOf(services, request),
        request.body,
        feedUrlOf(request),
      );
      return reply.code(201).header('cache-control', 'no-store').send(created);
    },
  );

  r.get(
    '/api/calendar-feeds',
    {
      schema: {
        operationId: 'listMyCalendarFeeds',
        tags: ['roster'],
        summary: 'The calendar feeds I created that are not revoked',
        response: { 200: calendarFeedListSchema, ...authErrorResponses },
      },
    },
    async (request) => listMyCalendarFeeds(contextOf(services, request)),
  );

  r.delete(
    '/api/calendar-feeds/:feedId',
    {
      schema: {
        operationId: 'revokeCalendarFeed',
        tags: ['roster'],
        summary: 'Revoke one of my calendar feeds: its URL answers 404 from now on',
        params: feedParamsSchema,
        response: { 204: z.null().describe('revoked'), ...authErrorResponses },
      },
    },
    async (request, reply) => {
      await revokeMyCalendarFeed(contextOf(services, request), request.params.feedId);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/ics/:token.ics',
    {
      // a calendar app has no session: the secret token in the URL is the credential
      config: { public: true },
      // the request log line carries the URL, and so the token: keep it out of info logs
      logLevel: 'warn',
      schema: {
        operationId: 'getCalendarFeed',
        tags: ['roster'],
        summary:
          'A calendar feed (text/calendar) by its secret token, for calendar apps; unknown or revoked tokens answer 404',
        security: [],
        params: feedTokenParamsSchema,
        response: {
          200: {
            description: 'the iCalendar feed (RFC 5545), times in the office’s time zone',
            content: { 'text/calendar': { schema: z.string() } },
          },
          400: errorBodySchema,
          404: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const ics = await renderCalendarFeed(services, request.params.token);
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="dutydesk.ics"')
        .header('cache-control', 'private, max-age=300')
        .header('x-robots-tag', 'noindex')
        .header('referrer-policy', 'no-referrer')
        .send(ics);
    },
  );
}
