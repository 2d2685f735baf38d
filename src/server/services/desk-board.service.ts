import { z } from 'zod';
import {
  boardLogEntries,
  deskBoardSchema,
  type DeskBoard,
  type FollowUp,
} from '../../shared/contract/desk-board.ts';
import type { OfficeRow } from '../db/org.repo.ts';
import { instantToLocal } from '../domain/calendar/local-time.ts';
import type { Clock, ServiceContext } from './context.ts';
import { listDeskItemsOf } from './desk-items.service.ts';
import { listLog } from './duty-log.service.ts';
import { getOnDuty } from './duty.service.ts';
import { authorizeOffice, loadOfficeFor } from './offices.service.ts';
import { listOpenCallbacks, phoneDaySummary } from './phone.service.ts';
import { createSnapshotCache, type SnapshotCache } from './snapshot-cache.ts';

/** The board shows at most this many open items; a desk with more has bigger problems. */
const boardOpenItems = 200;

/**
 * The desk board 值班台 (issue 6): one read of who is on duty (HO-IN-1, DISC-1), the open
 * inquiries and help requests with their clocks and levels (WORK-4, ESC-1), today's calls and
 * the three-rings rate in the office's zone (PHONE-1) with the open call-backs, the latest
 * duty-log entries (WORK-3) and the pending follow-ups. Readable by the office's staff, as the
 * duty log is. Each part is the existing use case's own presentation, read side by side.
 */
export async function getDeskBoard(ctx: ServiceContext, officeId: string): Promise<DeskBoard> {
  return buildDeskBoard(ctx, await loadOfficeFor(ctx, officeId, 'dutylog.read'));
}

async function buildDeskBoard(ctx: ServiceContext, office: OfficeRow): Promise<DeskBoard> {
  const now = ctx.clock.now();
  const today = instantToLocal(now, office.timeZone).date;
  const [onDuty, items, summary, callbacks, log] = await Promise.all([
    getOnDuty(ctx, office.id, {}),
    listDeskItemsOf(ctx, office.id, { status: 'open', limit: boardOpenItems }),
    phoneDaySummary(ctx.db, office.id, today),
    listOpenCallbacks(ctx.db, office.id),
    listLog(ctx, office.id, { limit: boardLogEntries }),
  ]);
  // HO-IN-3 follow-ups 跟进: missed calls to call back (PHONE-1) and items nobody has taken
  // yet (WORK-1, WORK-2). Issue 7 adds the follow-ups recorded at the handover.
  const followUps: FollowUp[] = [
    ...callbacks.map((call): FollowUp => ({
      kind: 'callback',
      id: call.id,
      text: call.caller ?? '',
      since: call.ringStartedAt,
      dueBy: null,
    })),
    ...items.items
      .filter((item) => item.status === 'new')
      .map((item): FollowUp => ({
        kind: 'new-item',
        id: item.id,
        text: item.subject,
        since: item.createdAt,
        dueBy: item.respondBy,
      })),
  ].sort((a, b) => a.since.localeCompare(b.since));
  return {
    now: now.toISOString(),
    today,
    onDuty,
    openItems: items.items,
    phone: { summary, callbacks },
    recentLog: log.entries,
    followUps,
  };
}

/**
 * How old a served board may be, by default: its clocks, "today", who is late and who is on
 * duty move with time, and a change nobody announced (another instance without the event bus,
 * a renamed user) shows within this bound.
 */
export const defaultBoardMaxAgeMs = 1_000;

/** A board as served: the office it belongs to (for the per-request check) and its JSON. */
export type DeskBoardSnapshot = { office: OfficeRow; json: Buffer };

/**
 * The boards being served, per office and reader (the board holds the reader's own duty and
 * session, `onDuty.mine`). Every change at an office must `invalidate` it before the change is
 * answered, so the next read, by anyone, is built from the database again.
 */
export type DeskBoardSnapshots = {
  cache: SnapshotCache<DeskBoardSnapshot>;
  invalidate: (officeId: string) => void;
};

export function createDeskBoardSnapshots(options: {
  clock: Clock;
  maxAgeMs?: number;
  /** called once per office after its first board is built: report its changes to onChange */
  watch?: (officeId: string, onChange: () => void) => void;
}): DeskBoardSnapshots {
  const cache = createSnapshotCache<DeskBoardSnapshot>({
    clock: options.clock,
    maxAgeMs: options.maxAgeMs ?? defaultBoardMaxAgeMs,
  });
  const watched = new Set<string>();
  const invalidate = (officeId: string): void => {
    cache.drop((key) => officeOfKey(key) === officeId);
  };
  return {
    invalidate,
    cache: {
      ...cache,
      read: async (key, build) => {
        const snapshot = await cache.read(key, build);
        const officeId = snapshot.office.id;
        if (!watched.has(officeId)) {
          watched.add(officeId);
          options.watch?.(officeId, () => {
            invalidate(officeId);
          });
        }
        return snapshot;
      },
    },
  };
}

function officeOfKey(key: string): string {
  return key.slice(0, key.indexOf('\n'));
}

/**
 * The desk board as JSON, from the office's snapshot when one is fresh. The data is shared
 * between the reader's requests, never the decision: every request is authorized with its
 * own actor against the office, as `getDeskBoard` does.
 */
export async function readDeskBoardJson(
  ctx: ServiceContext,
  officeId: string,
  snapshots: DeskBoardSnapshots,
): Promise<Buffer> {
  const snapshot = await snapshots.cache.read(`${officeId}\n${ctx.actor.userId}`, async () => {
    const office = await loadOfficeFor(ctx, officeId, 'dutylog.read');
    const board = await buildDeskBoard(ctx, office);
    return { office, json: Buffer.from(JSON.stringify(z.encode(deskBoardSchema, board))) };
  });
  authorizeOffice(ctx.actor, snapshot.office, 'dutylog.read');
  return snapshot.json;
}
