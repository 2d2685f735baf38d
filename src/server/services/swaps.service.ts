import type { z } from 'zod';
import { AppError, throwIfInvalid, type ErrorDetail } from '../../shared/errors.ts';
import type { createSwapBodySchema, SwapRequest } from '../../shared/contract/leave.ts';
import {
  countUnreadNotifications,
  listNotifications,
  listSwaps,
  markNotificationRead,
  transitionSwap,
  type SwapRecord,
  type SwapStatus,
  insertSwap,
} from '../db/leave.repo.ts';
import type { OfficeRow } from '../db/org.repo.ts';
import { listOfficeMembers } from '../db/user.repo.ts';
import { can } from '../domain/policy.ts';
import { authorize } from './actor.ts';
import { recordAudit } from './audit.service.ts';
import { inTransaction, type ServiceContext } from './context.ts';
import { notify, publishedMonths, shiftStarted } from './leave.service.ts';
import { loadOfficeFor } from './offices.service.ts';
import {
  changePublishedRoster,
  judgeCellChanges,
  type RosterCellChange,
} from './rosters.service.ts';

/**
 * Swaps 调班 (LEAVE-3): staff A proposes, staff B accepts or declines, and the swap takes
 * effect only when a supervisor approves; until then the roster does not change.
 */

function present(record: SwapRecord): SwapRequest {
  return {
    id: record.id,
    officeId: record.officeId,
    proposerId: record.proposerId,
    proposerName: record.proposerName,
    counterpartId: record.counterpartId,
    counterpartName: record.counterpartName,
    give: record.give,
    take: record.take,
    reason: record.reason,
    status: record.status,
    version: record.version,
    createdAt: record.createdAt.toISOString(),
    respondedAt: record.respondedAt?.toISOString() ?? null,
    decidedBy: record.decidedBy,
    decidedAt: record.decidedAt?.toISOString() ?? null,
    decisionReason: record.decisionReason,
    rosterVersion: record.rosterVersion,
  };
}

async function loadSwap(
  ctx: ServiceContext,
  office: OfficeRow,
  swapId: string,
): Promise<SwapRecord> {
  const [record] = await listSwaps(ctx.db, { officeId: office.id, id: swapId });
  const decider = can(ctx.actor, 'leave.decide', { orgId: office.orgId, officeId: office.id });
  if (
    record === undefined ||
    (!decider &&
      record.proposerId !== ctx.actor.userId &&
      record.counterpartId !== ctx.actor.userId)
  ) {
    throw new AppError('NOT_FOUND', 'no such swap request');
  }
  return record;
}

/** The cells a swap changes in the roster in force. */
function swapChanges(swap: Pick<SwapRecord, 'proposerId' | 'counterpartId' | 'give' | 'take'>) {
  const changes: RosterCellChange[] = [
    { userId: swap.proposerId, date: swap.give.date, shiftCode: null },
    { userId: swap.counterpartId, date: swap.give.date, shiftCode: swap.give.shiftCode },
  ];
  if (swap.take !== null) {
    if (swap.take.date !== swap.give.date)
      changes.push({ userId: swap.counterpartId, date: swap.take.date, shiftCode: null });
    changes.push({ userId: swap.proposerId, date: swap.take.date, shiftCode: swap.take.shiftCode });
  }
  return changes;
}

/**
 * Checks that a swap still fits the roster in force: the proposer holds `give`, the
 * counterpart holds `take` (if any), neither shift has started, and nobody ends up on two
 * shifts on one day.
 */
async function checkSwapFits(
  ctx: ServiceContext,
  office: OfficeRow,
  swap: Pick<SwapRecord, 'proposerId' | 'counterpartId' | 'give' | 'take'>,
): Promise<ErrorDetail[]> {
  const monthOf = publishedMonths(ctx, office);
  const details: ErrorDetail[] = [];
  const give = await monthOf(swap.give.date);
  if (give === null)
    return [{ path: 'give.date', message: `no published roster for ${swap.give.date}` }];
  if (give.dutyOf(swap.proposerId, swap.give.date) !== swap.give.shiftCode)
    details.push({
      path: 'give',
      message: `the proposer is not on ${swap.give.shiftCode} on ${swap.give.date}`,
    });
  else if (shiftStarted(ctx, give, swap.give.date, swap.give.shiftCode))
    details.push({ path: 'give.date', message: 'this shift has started or is past' });
  const sameDay = swap.take?.date === swap.give.date;
  if (!sameDay && give.dutyOf(swap.counterpartId, swap.give.date) !== null)
    details.push({
      path: 'counterpartId',
      message: `the counterpart is on duty on ${swap.give.date} already`,
    });
  if (swap.take !== null) {
    const take = await monthOf(swap.take.date);
    if (take === null)
      return [
        ...details,
        { path: 'take.date', message: `no published roster for ${swap.take.date}` },
      ];
    if (take.dutyOf(swap.counterpartId, swap.take.date) !== swap.take.shiftCode)
      details.push({
        path: 'take',
        message: `the counterpart is not on ${swap.take.shiftCode} on ${swap.take.date}`,
      });
    else if (shiftStarted(ctx, take, swap.take.date, swap.take.shiftCode))
      details.push({ path: 'take.date', message: 'this shift has started or is past' });
    if (!sameDay && take.dutyOf(swap.proposerId, swap.take.date) !== null)
      details.push({
        path: 'take.date',
        message: `the proposer is on duty on ${swap.take.date} already`,
      });
  }
  return details;
}

/** Staff A proposes a swap with staff B: one shift for another, or a give-away (LEAVE-3). */
export async function proposeSwap(
  ctx: ServiceContext,
  officeId: string,
  body: z.infer<typeof createSwapBodySchema>,
): Promise<SwapRequest> {
  const office = await loadOfficeFor(ctx, officeId, 'leave.request');
  const members = await listOfficeMembers(ctx.db, office.id);
  if (
    body.counterpartId === ctx.actor.userId ||
    !members.some((m) => m.active && m.userId === body.counterpartId)
  ) {
    throwIfInvalid(
      [{ path: 'counterpartId', message: 'swap with someone else in this office' }],
      'LEAVE-3',
    );
  }
  const swap = {
    proposerId: ctx.actor.userId,
    counterpartId: body.counterpartId,
    give: body.give,
    take: body.take ?? null,
  };
  throwIfInvalid(await checkSwapFits(ctx, office, swap), 'LEAVE-3');
  const id = ctx.ids.newId();
  await inTransaction(ctx, async (tx) => {
    await insertSwap(tx, {
      id,
      orgId: office.orgId,
      officeId: office.id,
      ...swap,
      reason: body.reason,
      at: ctx.clock.now(),
    });
    await recordAudit(tx, ctx.clock, {
      orgId: office.orgId,
      actorUserId: ctx.actor.userId,
      action: 'swap.proposed',
      entityType: 'swap-request',
      entityId: id,
      payload: { officeId: office.id, ...swap, reason: body.reason },
    });
    await notify(tx, ctx, office.orgId, [body.counterpartId], 'swap.proposed', {
      swapId: id,
      officeId: office.id,
    });
  });
  return present(await loadSwap(ctx, office, id));
}

/** Swaps of the office: staff see those they are part of, supervisors all. */
export async function listSwapRequests(
  ctx: ServiceContext,
  officeId: string,
): Promise<{ requests: SwapRequest[] }> {
  const office = await loadOfficeFor(ctx, officeId, 'leave.request');
  const decider = can(ctx.actor, 'leave.decide', { orgId: office.orgId, officeId: office.id });
  const records = await listSwaps(ctx.db, {
    officeId: office.id,
    ...(decider ? {} : { userId: ctx.actor.userId }),
  });
  return { requests: records.map(present) };
}

function changedMeanwhile(): AppError {
  return new AppError('CONFLICT', 'this swap was answered or decided meanwhile; reload it');
}

async function step(
  ctx: ServiceContext,
  office: OfficeRow,
  swap: SwapRecord,
  version: number,
  from: SwapStatus,
  to: SwapStatus,
  reason: string | null,
  notifyUsers: string[],
): Promise<SwapRequest> {
  await inTransaction(ctx, async (tx) => {
    if (
      !(await transitionSwap(tx, swap.id, version, from, to, {
        at: ctx.clock.now(),
        decidedBy: ctx.actor.userId,
        reason,
      }))
    )
      throw changedMeanwhile();
    await recordAudit(tx, ctx.clock, {
      orgId: office.orgId,
      actorUserId: ctx.actor.userId,
      action: `swap.${to}`,
      entityType: 'swap-request',
      entityId: swap.id,
      payload: { reason },
    });
    await notify(tx, ctx, office.orgId, notifyUsers, `swap.${to}`, {
      swapId: swap.id,
      officeId: office.id,
    });
  });
  return present(await loadSwap(ctx, office, swap.id));
}

/** The counterpart accepts or declines; only they can (LEAVE-3). Accepting twice: one wins. */
export async function respondToSwap(
  ctx: ServiceContext,
  officeId: string,
  swapId: string,
  answer: { accept: boolean; version: number; reason?: string | undefined },
): Promise<SwapRequest> {
  const office = await loadOfficeFor(ctx, officeId, 'leave.request');
  const swap = await loadSwap(ctx, office, swapId);
  if (swap.counterpartId !== ctx.actor.userId) {
    throw new AppError('FORBIDDEN', 'only the person asked answers a swap', { rule: 'LEAVE-3' });
  }
  const deciders = (await listOfficeMembers(ctx.db, office.id))
    .filter((m) => m.active && (m.role === 'supervisor' || m.role === 'director'))
    .map((m) => m.userId);
  return step(
    ctx,
    office,
    swap,
    answer.version,
    'proposed',
    answer.accept ? 'accepted' : 'declined',
    answer.reason ?? null,
    answer.accept ? [swap.proposerId, ...deciders] : [swap.proposerId],
  );
}

/** The proposer withdraws a swap not yet decided. */
export async function cancelSwap(
  ctx: ServiceContext,
  officeId: string,
  swapId: string,
  version: number,
): Promise<SwapRequest> {
  const office = await loadOfficeFor(ctx, officeId, 'leave.request');
  const swap = await loadSwap(ctx, office, swapId);
  if (swap.proposerId !== ctx.actor.userId)
    throw new AppError('FORBIDDEN', 'only the proposer withdraws a swap');
  if (swap.status !== 'proposed' && swap.status !== 'accepted') throw changedMeanwhile();
  return step(ctx, office, swap, version, swap.status, 'cancelled', null, [swap.counterpartId]);
}

/**
 * A supervisor approves an accepted swap — it takes effect as a new roster version — or
 * rejects it with a reason. Neither party decides their own swap; a swap that breaks a hard
 * rule needs a written reason.
 */
export async function decideSwap(
  ctx: ServiceContext,
  officeId: string,
  swapId: string,
  decision: { approve: boolean; version: number; reason?: string | undefined },
): Promise<SwapRequest> {
  const office = await loadOfficeFor(ctx, officeId, 'leave.request');
  const swap = await loadSwap(ctx, office, swapId);
  for (const owner of [swap.proposerId, swap.counterpartId]) {
    authorize(ctx.actor, 'leave.decide', {
      orgId: office.orgId,
      officeId: office.id,
      ownerUserId: owner,
    });
  }
  if (swap.status !== 'accepted' || swap.version !== decision.version) throw changedMeanwhile();
  if (!decision.approve) {
    if (decision.reason === undefined)
      throwIfInvalid([{ path: 'reason', message: 'a rejection needs a reason' }], 'LEAVE-3');
    return step(
      ctx,
      office,
      swap,
      decision.version,
      'accepted',
      'rejected',
      decision.reason ?? null,
      [swap.proposerId, swap.counterpartId],
    );
  }
  const misfit = await checkSwapFits(ctx, office, swap);
  if (misfit.length > 0) {
    throw new AppError(
      'CONFLICT',
      `the roster changed since the swap was proposed: ${misfit.map((d) => d.message).join('; ')}`,
      {
        rule: 'LEAVE-3',
        details: misfit,
      },
    );
  }
  const changes = swapChanges(swap);
  const byMonth = new Map<string, RosterCellChange[]>();
  for (const change of changes) {
    const month = change.date.slice(0, 7);
    byMonth.set(month, [...(byMonth.get(month) ?? []), change]);
  }
  const monthOf = publishedMonths(ctx, office);
  const violations = [];
  for (const [month, monthChanges] of byMonth) {
    const published = await monthOf(`${month}-01`);
    if (published !== null)
      violations.push(...judgeCellChanges(published, monthChanges).newViolations);
  }
  if (violations.length > 0 && decision.reason === undefined) {
    throw new AppError(
      'RULE_VIOLATION',
      `the swap would break ${String(violations.length)} rule(s); reject it or approve with a reason`,
      { rule: 'LEAVE-3', details: { violations } },
    );
  }
  await inTransaction(ctx, async (tx) => {
    let firstVersion: number | undefined;
    for (const [month, monthChanges] of byMonth) {
      const { version } = await changePublishedRoster(tx, ctx, {
        office,
        month,
        kind: 'swap',
        reason: swap.reason,
        cells: monthChanges,
        source: { swapId: swap.id, overrideReason: decision.reason ?? null },
      });
      firstVersion ??= version;
    }
    if (
      !(await transitionSwap(tx, swap.id, decision.version, 'accepted', 'approved', {
        at: ctx.clock.now(),
        decidedBy: ctx.actor.userId,
        reason: decision.reason ?? null,
        ...(firstVersion === undefined ? {} : { rosterVersion: firstVersion }),
      }))
    )
      throw changedMeanwhile();
    await recordAudit(tx, ctx.clock, {
      orgId: office.orgId,
      actorUserId: ctx.actor.userId,
      action: 'swap.approved',
      entityType: 'swap-request',
      entityId: swap.id,
      payload: { rosterVersion: firstVersion ?? null, reason: decision.reason ?? null },
    });
    await notify(tx, ctx, office.orgId, [swap.proposerId, swap.counterpartId], 'swap.approved', {
      swapId: swap.id,
      officeId: office.id,
    });
  });
  return present(await loadSwap(ctx, office, swap.id));
}

/** My in-app notifications, newest first, with the number unread. */
export async function listMyNotifications(ctx: ServiceContext) {
  const [notifications, unread] = await Promise.all([
    listNotifications(ctx.db, ctx.actor.userId, 100),
    countUnreadNotifications(ctx.db, ctx.actor.userId),
  ]);
  return {
    notifications: notifications.map((n) => ({
      ...n,
      createdAt: n.createdAt.toISOString(),
      readAt: n.readAt?.toISOString() ?? null,
    })),
    unread,
  };
}

export async function markMyNotificationRead(ctx: ServiceContext, id: string) {
  await markNotificationRead(ctx.db, id, ctx.actor.userId, ctx.clock.now());
  return listMyNotifications(ctx);
}
