import type { z } from 'zod';
import type {
  calendarFeedListSchema,
  calendarFeedSchema,
  createdCalendarFeedSchema,
  feedScopeSchema,
} from '../../shared/contract/calendar-feeds.ts';
import { AppError } from '../../shared/errors.ts';
import { findOffice, listOfficesByIds } from '../db/org.repo.ts';
import {
  findCalendarFeed,
  findCalendarFeedByTokenHash,
  insertCalendarFeed,
  listCalendarFeeds,
  listDuties,
  revokeCalendarFeed,
  type CalendarFeedRecord,
} from '../db/roster.repo.ts';
import { findUserById, listRolesOfUsers } from '../db/user.repo.ts';
import { can } from '../domain/policy.ts';
import { buildDutyCalendar } from '../domain/roster/duty-calendar.ts';
import { actorOf } from './actor.ts';
import { recordAudit } from './audit.service.ts';
import { inTransaction, sha256Hex, type ServiceContext, type ServiceDeps } from './context.ts';
import { loadOfficeFor } from './offices.service.ts';

type FeedScope = z.infer<typeof feedScopeSchema>;
type CalendarFeed = z.infer<typeof calendarFeedSchema>;

/** How far back a feed reaches: calendar apps keep what they saw, so older duties stay put. */
export const feedPastDays = 60;
/** How far ahead: rosters are published a month ahead; a year leaves room for amendments. */
const feedFutureDays = 400;
const dayMs = 86_400_000;

function scopeOf(feed: CalendarFeedRecord): FeedScope {
  return feed.userId === null ? 'office' : 'mine';
}

function present(feed: CalendarFeedRecord, officeName: string): CalendarFeed {
  return {
    id: feed.id,
    officeId: feed.officeId,
    officeName,
    scope: scopeOf(feed),
    createdAt: feed.createdAt.toISOString(),
  };
}

/**
 * Creates a subscribable feed of the published roster (ROSTER-2): my duties in an office, or
 * the whole office's. Anyone in the office may create either. The secret token is returned
 * once, inside the URL; only its sha-256 is kept.
 */
export async function createCalendarFeed(
  ctx: ServiceContext,
  body: { officeId: string; scope: FeedScope },
  urlOf: (token: string) => string,
): Promise<z.infer<typeof createdCalendarFeedSchema>> {
  const office = await loadOfficeFor(ctx, body.officeId, 'roster.read');
  const token = ctx.ids.newToken();
  const feed: CalendarFeedRecord = {
    id: ctx.ids.newId(),
    orgId: office.orgId,
    officeId: office.id,
    userId: body.scope === 'mine' ? ctx.actor.userId : null,
    createdBy: ctx.actor.userId,
    createdAt: ctx.clock.now(),
    revokedAt: null,
  };
  await inTransaction(ctx, async (tx) => {
    await insertCalendarFeed(tx, { ...feed, tokenHash: sha256Hex(token) });
    await recordAudit(tx, ctx.clock, {
      orgId: office.orgId,
      actorUserId: ctx.actor.userId,
      action: 'calendar-feed.created',
      entityType: 'calendar-feed',
      entityId: feed.id,
      // never the token: the audit trail is read by admins, the feed is the creator's
      payload: { officeId: office.id, scope: body.scope },
    });
  });
  return { ...present(feed, office.name), url: urlOf(token) };
}

/** The feeds I created that still work (not revoked); their URLs are not shown again. */
export async function listMyCalendarFeeds(
  ctx: ServiceContext,
): Promise<z.infer<typeof calendarFeedListSchema>> {
  const feeds = (await listCalendarFeeds(ctx.db, ctx.actor.userId)).filter(
    (f) => f.orgId === ctx.actor.orgId,
  );
  const offices = await listOfficesByIds(ctx.db, [...new Set(feeds.map((f) => f.officeId))]);
  const names = new Map(offices.map((o) => [o.id, o.name]));
  return { feeds: feeds.map((f) => present(f, names.get(f.officeId) ?? '')) };
}

/**
 * Revokes one of my feeds: its URL answers 404 from now on. Someone else's feed, or one
 * already revoked, is "not found" (feed ids do not leak).
 */
export async function revokeMyCalendarFeed(ctx: ServiceContext, feedId: string): Promise<void> {
  const feed = await findCalendarFeed(ctx.db, feedId);
  if (feed?.createdBy !== ctx.actor.userId || feed.revokedAt !== null) {
    throw new AppError('NOT_FOUND', 'no such calendar feed');
  }
  await inTransaction(ctx, async (tx) => {
    if (!(await revokeCalendarFeed(tx, feed.id, ctx.clock.now()))) {
      throw new AppError('NOT_FOUND', 'no such calendar feed');
    }
    await recordAudit(tx, ctx.clock, {
      orgId: feed.orgId,
      actorUserId: ctx.actor.userId,
      action: 'calendar-feed.revoked',
      entityType: 'calendar-feed',
      entityId: feed.id,
      payload: { officeId: feed.officeId, scope: scopeOf(feed) },
    });
  });
}

/** The same answer for an unknown, revoked or no longer permitted token: nothing leaks. */
function feedNotFound(): AppError {
  return new AppError('NOT_FOUND', 'no such calendar feed');
}

/**
 * The feed's calendar (ICS) for a calendar app, by its secret token; no session. It lists
 * the duties of the published rosters in force (ROSTER-2) from {@link feedPastDays} days back
 * onwards, in the office's time zone with its VTIMEZONE (SHIFT-1: local times). A feed stops
 * working when revoked, or when its creator may no longer read the office's roster.
 */
export async function renderCalendarFeed(deps: ServiceDeps, token: string): Promise<string> {
  const feed = await findCalendarFeedByTokenHash(deps.db, sha256Hex(token));
  if (feed?.revokedAt !== null) throw feedNotFound();
  const [office, creator, roles] = await Promise.all([
    findOffice(deps.db, feed.officeId),
    findUserById(deps.db, feed.createdBy),
    listRolesOfUsers(deps.db, [feed.createdBy]),
  ]);
  if (office === null || creator?.active !== true) throw feedNotFound();
  const creatorActor = actorOf(creator, roles);
  if (!can(creatorActor, 'roster.read', { orgId: office.orgId, officeId: office.id })) {
    throw feedNotFound();
  }
  const now = deps.clock.now();
  const duties = await listDuties(deps.db, {
    officeId: office.id,
    ...(feed.userId === null ? {} : { userId: feed.userId }),
    from: new Date(now.getTime() - feedPastDays * dayMs),
    to: new Date(now.getTime() + feedFutureDays * dayMs),
  });
  return buildDutyCalendar(office, scopeOf(feed), duties, now);
}
