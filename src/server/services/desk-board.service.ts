import {
  boardLogEntries,
  type DeskBoard,
  type FollowUp,
} from '../../shared/contract/desk-board.ts';
import { instantToLocal } from '../domain/calendar/local-time.ts';
import type { ServiceContext } from './context.ts';
import { listDeskItemsOf } from './desk-items.service.ts';
import { listLog } from './duty-log.service.ts';
import { getOnDuty } from './duty.service.ts';
import { loadOfficeFor } from './offices.service.ts';
import { listOpenCallbacks, phoneDaySummary } from './phone.service.ts';

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
  const office = await loadOfficeFor(ctx, officeId, 'dutylog.read');
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
