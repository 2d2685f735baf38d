import type { z } from 'zod';
import type { DeskSettings, Priority } from '../../../shared/contract/desk-settings.ts';
import type { itemKindSchema, itemStatusSchema } from '../../../shared/contract/desk.ts';
import { levelSchema } from '../../../shared/contract/desk.ts';

/**
 * Residents' inquiries 咨询 (WORK-1) and help requests 求助 (WORK-2): their lifecycle, their
 * clocks (WORK-4 时间管理) and the level-by-level escalation ladder 逐级上报 (ESC-1).
 * Pure: the service loads the item and the office's people and applies what this decides.
 */
export type ItemKind = z.infer<typeof itemKindSchema>;
export type ItemStatus = z.infer<typeof itemStatusSchema>;

/** staff → supervisor → director (ESC-1); never skipped, except that major goes up at once */
export const levels = levelSchema.options;
export type Level = z.infer<typeof levelSchema>;

export const itemActions = ['take', 'resolve', 'close', 'cancel', 'escalate', 'note'] as const;
export type ItemAction = (typeof itemActions)[number];

/** Statuses where an item still needs someone; its clocks run. */
export function isOpen(status: ItemStatus): boolean {
  return status === 'new' || status === 'in_progress';
}

/** What each action may start from; anything else is refused with the current status. */
const allowedFrom: Record<Exclude<ItemAction, 'note'>, readonly ItemStatus[]> = {
  take: ['new'],
  resolve: ['new', 'in_progress'],
  close: ['resolved'],
  cancel: ['new', 'in_progress'],
  escalate: ['new', 'in_progress'],
};

const resultOf: Record<Exclude<ItemAction, 'note' | 'escalate'>, ItemStatus> = {
  take: 'in_progress',
  resolve: 'resolved',
  close: 'closed',
  cancel: 'cancelled',
};

export type TransitionResult =
  { ok: true; status: ItemStatus } | { ok: false; reason: 'not-allowed-from-status' | 'top-level' };

/** The status an action leads to from `item`, or why it cannot happen. */
export function transition(
  item: { status: ItemStatus; level: Level },
  action: ItemAction,
): TransitionResult {
  if (action === 'note') {
    return item.status === 'cancelled'
      ? { ok: false, reason: 'not-allowed-from-status' }
      : { ok: true, status: item.status };
  }
  if (!allowedFrom[action].includes(item.status)) {
    return { ok: false, reason: 'not-allowed-from-status' };
  }
  if (action === 'escalate') {
    return nextLevel(item.level) === null
      ? { ok: false, reason: 'top-level' }
      : { ok: true, status: item.status };
  }
  return { ok: true, status: resultOf[action] };
}

/** The level above, or null at the director (ESC-1: one level at a time). */
export function nextLevel(level: Level): Level | null {
  const index = levels.indexOf(level);
  return levels[index + 1] ?? null;
}

/** ESC-1: a major issue is reported to the director at once; everything else starts at staff. */
export function initialLevel(priority: Priority): Level {
  return priority === 'major' ? 'director' : 'staff';
}

export type Clocks = { respondBy: Date; resolveBy: Date };

/** WORK-4: every item has a clock — response and resolution targets per priority. */
export function clocksFor(priority: Priority, createdAt: Date, settings: DeskSettings): Clocks {
  const target = settings.targets[priority];
  return {
    respondBy: addMinutes(createdAt, target.respondMinutes),
    resolveBy: addMinutes(createdAt, target.resolveMinutes),
  };
}

/**
 * After an escalation the new level gets its own time to resolve: the priority's resolution
 * target again, counted from the escalation. Missing it moves the item one level further.
 */
export function levelResolveBy(priority: Priority, at: Date, settings: DeskSettings): Date {
  return addMinutes(at, settings.targets[priority].resolveMinutes);
}

export type Member = { userId: string; role: Level; active: boolean };

export type Recipients = {
  level: Level;
  /** who is told: the people holding that level's role in the office (on duty first) */
  userIds: string[];
  /** nobody holds the role: the escalation is kept at this level and the admins are told */
  vacant: boolean;
};

/**
 * Who is reached at a level (ESC-1): at staff level the owner, else whoever is on duty, else
 * every active staff member; at supervisor and director level everyone active who holds
 * that role in the office. A level nobody holds is reported as vacant, never skipped.
 */
export function recipientsAt(
  level: Level,
  members: readonly Member[],
  context: { ownerId: string | null; onDutyIds: readonly string[] },
): Recipients {
  const holders = members.filter((m) => m.active && m.role === level).map((m) => m.userId);
  if (level === 'staff') {
    const owner =
      context.ownerId !== null && holders.includes(context.ownerId) ? [context.ownerId] : [];
    const onDuty = holders.filter((id) => context.onDutyIds.includes(id));
    const userIds = owner.length > 0 ? owner : onDuty.length > 0 ? onDuty : holders;
    return { level, userIds, vacant: userIds.length === 0 };
  }
  return { level, userIds: holders, vacant: holders.length === 0 };
}

/** Minutes and seconds left (negative: overdue) on a clock, for the live display. */
export function secondsLeft(due: Date, now: Date): number {
  return Math.floor((due.getTime() - now.getTime()) / 1000);
}

function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * 60_000);
}
