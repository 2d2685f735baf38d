// Types only from the shared contract (see api-types.ts): a change there is a compile error here.
import type { z } from 'zod';
import type {
  calendarFeedListSchema,
  calendarFeedSchema,
  createdCalendarFeedSchema,
  feedScopeSchema,
} from '../../shared/contract/calendar-feeds.ts';
import type {
  dutySchema,
  myDutiesSchema,
  rosterDeadlinesSchema,
  rosterMonthSchema,
  rosterStatusSchema,
  wishInputSchema,
  wishKindSchema,
  wishListSchema,
} from '../../shared/contract/rosters.ts';
import { apiRequest, isApiError } from './api-client.ts';

export type Duty = z.infer<typeof dutySchema>;
export type MyDuties = z.infer<typeof myDutiesSchema>;
export type RosterDeadlines = z.infer<typeof rosterDeadlinesSchema>;
export type RosterStatus = z.infer<typeof rosterStatusSchema>;
export type RosterMonthView = z.infer<typeof rosterMonthSchema>;
export type RosterDay = RosterMonthView['days'][number];
export type RosterShift = RosterMonthView['shifts'][number];
export type WishKind = z.infer<typeof wishKindSchema>;
export type WishInput = z.input<typeof wishInputSchema>;
export type WishList = z.infer<typeof wishListSchema>;
export type Wish = WishList['wishes'][number];
export type FeedScope = z.infer<typeof feedScopeSchema>;
export type CalendarFeed = z.infer<typeof calendarFeedSchema>;
export type CreatedCalendarFeed = z.infer<typeof createdCalendarFeedSchema>;
export type CalendarFeedList = z.infer<typeof calendarFeedListSchema>;

function rosterPath(officeId: string, month: string, rest = ''): string {
  return `/api/offices/${encodeURIComponent(officeId)}/rosters/${encodeURIComponent(month)}${rest}`;
}

/**
 * My duties from the published rosters in force (ROSTER-2), next first. Without a range: the
 * duties not yet ended, about two months ahead.
 */
export function getMyDuties(range: { from?: string; to?: string } = {}): Promise<MyDuties> {
  const query = new URLSearchParams();
  if (range.from !== undefined) query.set('from', range.from);
  if (range.to !== undefined) query.set('to', range.to);
  const search = query.toString();
  return apiRequest<MyDuties>('GET', `/api/me/duties${search === '' ? '' : `?${search}`}`);
}

/** The month's roster as the signed-in person may see it: days, shifts, and cells once published. */
export function getRosterMonth(officeId: string, month: string): Promise<RosterMonthView> {
  return apiRequest<RosterMonthView>('GET', rosterPath(officeId, month));
}

/** Wishes for the month: staff get their own, supervisors everyone's; with the cut-off. */
export function getWishes(officeId: string, month: string): Promise<WishList> {
  return apiRequest<WishList>('GET', rosterPath(officeId, month, '/wishes'));
}

/**
 * Replaces my wishes for the month; after the cut-off or once published the server refuses with
 * RULE_VIOLATION (ROSTER-1).
 */
export function saveMyWishes(
  officeId: string,
  month: string,
  wishes: WishInput[],
): Promise<WishList> {
  return apiRequest<WishList>('PUT', rosterPath(officeId, month, '/wishes/me'), { wishes });
}

/** The roster that is due against its deadline: reminder and overdue (ROSTER-1). */
export function getRosterStatus(officeId: string): Promise<RosterStatus> {
  return apiRequest<RosterStatus>(
    'GET',
    `/api/offices/${encodeURIComponent(officeId)}/roster-status`,
  );
}

/** The month laid out like the paper 值班安排表; a plain link the browser downloads. */
export function rosterExportUrl(officeId: string, month: string): string {
  return rosterPath(officeId, month, '/export.xlsx');
}

/** My calendar feeds (without their secret addresses). */
export function listCalendarFeeds(): Promise<CalendarFeedList> {
  return apiRequest<CalendarFeedList>('GET', '/api/calendar-feeds');
}

/** A new feed; its subscribable address (with the secret token) is in this answer only. */
export function createCalendarFeed(
  officeId: string,
  scope: FeedScope,
): Promise<CreatedCalendarFeed> {
  return apiRequest<CreatedCalendarFeed>('POST', '/api/calendar-feeds', { officeId, scope });
}

/**
 * Revokes a feed: its address stops answering at once. The server answers 204 without a body
 * (the brief said `{ ok: true }`): both count as done.
 */
export async function revokeCalendarFeed(feedId: string): Promise<void> {
  try {
    await apiRequest<unknown>('DELETE', `/api/calendar-feeds/${encodeURIComponent(feedId)}`);
  } catch (error) {
    // apiRequest wants JSON; an empty 204 is the server's success
    if (isApiError(error) && error.status === 204) return;
    throw error;
  }
}
