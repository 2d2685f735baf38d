import { z } from 'zod';
import { idSchema } from './common.ts';

/**
 * Subscribable calendar feeds (ICS) of the published roster: one person's duties ("mine") or
 * the whole office's. The URL carries a secret token, shown once when the feed is created;
 * only its sha-256 is stored, and the feed can be revoked at any time.
 */
export const feedScopeSchema = z.enum(['mine', 'office']);

export const createCalendarFeedBodySchema = z
  .object({ officeId: idSchema, scope: feedScopeSchema })
  .strict();

export const calendarFeedSchema = z
  .object({
    id: idSchema,
    officeId: idSchema,
    officeName: z.string(),
    scope: feedScopeSchema,
    createdAt: z.string(),
  })
  .meta({ id: 'CalendarFeed' });

export const createdCalendarFeedSchema = calendarFeedSchema
  .extend({
    /** the subscribable address with its secret token; shown only now */
    url: z.string(),
  })
  .meta({ id: 'CreatedCalendarFeed' });

export const calendarFeedListSchema = z
  .object({ feeds: z.array(calendarFeedSchema) })
  .meta({ id: 'CalendarFeeds' });

export const feedParamsSchema = z.object({ feedId: idSchema }).strict();
