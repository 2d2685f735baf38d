import type { z } from 'zod';
import { AppError, throwIfInvalid, type ErrorDetail } from '../../shared/errors.ts';
import type {
  approveLeaveBodySchema,
  createLeaveBodySchema,
  emergencyCoverSchema,
  LeaveRequest,
  leaveListQuerySchema,
  substituteSuggestionsSchema,
} from '../../shared/contract/leave.ts';
import type { Tx } from '../db/database.ts';
import {
  decideLeaveRequest,
  insertEmergencyCover,
  insertLeaveRequest,
  insertNotifications,
  listEmergencyCoversOf,
  listLeaveRequests,
  listOpenLeaveShifts,
  setLeaveRosterVersion,
  setLeaveSubstitute,
  type LeaveRequestRecord,
} from '../db/leave.repo.ts';
import type { OfficeRow } from '../db/org.repo.ts';
import { listOfficeMembers } from '../db/user.repo.ts';
import { can } from '../domain/policy.ts';
import { localToInstant } from '../domain/calendar/local-time.ts';
import { authorize } from './actor.ts';
import { recordAudit } from './audit.service.ts';
import { inTransaction, type ServiceContext, type ServiceDeps } from './context.ts';
import { loadOfficeFor } from './offices.service.ts';
import {
  changePublishedRoster,
  judgeCellChanges,
  loadPublishedMonth,
  type PublishedMonth,
  type RosterCellChange,
} from './rosters.service.ts';

/**
 * Leave 请假 (LEAVE-1) and its approval with a substitute 顶班 for every affected shift
 * (LEAVE-2), and emergency cover. An approval changes the published roster as a new version
 * (ROSTER-2); nothing leaves a shift open without an explicit, recorded decision.
 */

function present(record: LeaveRequestRecord): LeaveRequest {
  return {
    id: record.id,
    officeId: record.officeId,
    userId: record.userId,
    displayName: record.displayName,
    type: record.type as LeaveRequest['type'],
    reason: record.reason,
    status: record.status,
    version: record.version,
    createdAt: record.createdAt.toISOString(),
    decidedBy: record.decidedBy,
    decidedByName: record.decidedByName,
    decidedAt: record.decidedAt?.toISOString() ?? null,
    decisionReason: record.decisionReason,
    rosterVersion: record.rosterVersion,
    shifts: record.shifts,
  };
}

/** Published months by month, loaded once per use case. */
export function publishedMonths(ctx: ServiceContext, office: OfficeRow) {
  const cache = new Map<string, Promise<PublishedMonth | null>>();
  return (date: string): Promise<PublishedMonth | null> => {
    const month = date.slice(0, 7);
    let found = cache.get(month);
    if (found === undefined) {
      found = loadPublishedMonth(ctx.db, office, month);
      cache.set(month, found);
    }
    return found;
  };
}

/** A shift has started when its start in the office's time zone has passed. */
export function shiftStarted(
  ctx: ServiceContext,
  published: PublishedMonth,
  date: string,
  shiftCode: string,
): boolean {
  const template = published.context.templates.find((t) => t.code === shiftCode);
  if (template === undefined) return false;
  return localToInstant(date, template.startTime, published.office.timeZone) <= ctx.clock.now();
}

/** In-app notices to people, in the caller's transaction. */
export async function notify(
  tx: Tx,
  ctx: Pick<ServiceDeps, 'ids' | 'clock'>,
  orgId: string,
  userIds: Iterable<string>,
  kind: string,
  payload: Record<string, unknown>,
): Promise<void> {
  const unique = [...new Set(userIds)];
  await insertNotifications(
    tx,
    unique.map((userId) => ({
      id: ctx.ids.newId(),
      orgId,
      userId,
      kind,
      payload,
      at: ctx.clock.now(),
    })),
  );
}

async function officeDeciders(ctx: ServiceContext, officeId: string): Promise<string[]> {
  const members = await listOfficeMembers(ctx.db, officeId);
  return members
    .filter((m) => m.active && (m.role === 'supervisor' || m.role === 'director'))
    .map((m) => m.userId);
}

async function officeEveryone(ctx: ServiceContext, officeId: string): Promise<string[]> {
  const members = await listOfficeMembers(ctx.db, officeId);
  return members.filter((m) => m.active).map((m) => m.userId);
}

/** A staff member asks for leave for rostered shifts of theirs that have not started (LEAVE-1). */
export async function requestLeave(
  ctx: ServiceContext,
  officeId: string,
  body: z.infer<typeof createLeaveBodySchema>,
): Promise<LeaveRequest> {
  const office = await loadOfficeFor(ctx, officeId, 'leave.request');
  const monthOf = publishedMonths(ctx, office);
  const userId = ctx.actor.userId;
  const dates = body.shifts.map((s) => s.date);
  const [covers, open] = await Promise.all([
    listEmergencyCoversOf(ctx.db, office.id, userId, dates),
    listOpenLeaveShifts(ctx.db, userId, dates),
  ]);
  const details: ErrorDetail[] = [];
  const shifts: { date: string; shiftCode: string; coveredByEmergency: boolean }[] = [];
  for (const [i, shift] of body.shifts.entries()) {
    const at = `shifts.${String(i)}`;
    if (
      body.shifts.findIndex((s) => s.date === shift.date && s.shiftCode === shift.shiftCode) !== i
    ) {
      details.push({ path: at, message: 'listed twice' });
      continue;
    }
    const published = await monthOf(shift.date);
    const covered = covers.some((c) => c.date === shift.date && c.shiftCode === shift.shiftCode);
    if (published === null) {
      details.push({ path: `${at}.date`, message: `no published roster for ${shift.date}` });
      continue;
    }
    if (!covered && published.dutyOf(userId, shift.date) !== shift.shiftCode) {
      details.push({ path: at, message: `you are not on ${shift.shiftCode} on ${shift.date}` });
      continue;
    }
    if (!covered && shiftStarted(ctx, published, shift.date, shift.shiftCode)) {
      details.push({ path: `${at}.date`, message: 'this shift has started or is past' });
      continue;
    }
    if (open.some((o) => o.date === shift.date && o.shiftCode === shift.shiftCode)) {
      details.push({ path: at, message: 'another leave request already covers this shift' });
      continue;
    }
    shifts.push({ ...shift, coveredByEmergency: covered });
  }
  throwIfInvalid(details, 'LEAVE-1');
  const id = ctx.ids.newId();
  const deciders = await officeDeciders(ctx, office.id);
  await inTransaction(ctx, async (tx) => {
    await insertLeaveRequest(
      tx,
      {
        id,
        orgId: office.orgId,
        officeId: office.id,
        userId,
        type: body.type,
        reason: body.reason,
        at: ctx.clock.now(),
      },
      shifts,
    );
    await recordAudit(tx, ctx.clock, {
      orgId: office.orgId,
      actorUserId: userId,
      action: 'leave.requested',
      entityType: 'leave-request',
      entityId: id,
      payload: { officeId: office.id, type: body.type, reason: body.reason, shifts },
    });
    await notify(
      tx,
      ctx,
      office.orgId,
      deciders.filter((d) => d !== userId),
      'leave.requested',
      {
        requestId: id,
        officeId: office.id,
        shifts,
      },
    );
  });
  return getLeaveRequest(ctx, office.id, id);
}

async function loadRequest(
  ctx: ServiceContext,
  office: OfficeRow,
  requestId: string,
): Promise<LeaveRequestRecord> {
  const [record] = await listLeaveRequests(ctx.db, { officeId: office.id, id: requestId });
  if (record === undefined) throw new AppError('NOT_FOUND', 'no such leave request');
  return record;
}

/** One request: its owner, and the office's supervisors and director, read it. */
export async function getLeaveRequest(
  ctx: ServiceContext,
  officeId: string,
  requestId: string,
): Promise<LeaveRequest> {
  const office = await loadOfficeFor(ctx, officeId, 'leave.request');
  const record = await loadRequest(ctx, office, requestId);
  const decider = can(ctx.actor, 'leave.decide', { orgId: office.orgId, officeId: office.id });
  if (!decider && record.userId !== ctx.actor.userId) {
    throw new AppError('NOT_FOUND', 'no such leave request');
  }
  return present(record);
}

/** Requests of the office: staff see their own, supervisors and the director everyone's. */
export async function listLeave(
  ctx: ServiceContext,
  officeId: string,
  query: z.infer<typeof leaveListQuerySchema>,
): Promise<{ requests: LeaveRequest[] }> {
  const office = await loadOfficeFor(ctx, officeId, 'leave.request');
  const decider = can(ctx.actor, 'leave.decide', { orgId: office.orgId, officeId: office.id });
  const records = await listLeaveRequests(ctx.db, {
    officeId: office.id,
    ...(query.status === undefined ? {} : { status: query.status }),
    ...(query.month === undefined ? {} : { month: query.month }),
    ...(decider
      ? query.userId === undefined
        ? {}
        : { userId: query.userId }
      : { userId: ctx.actor.userId }),
  });
  return { requests: records.map(present) };
}

function alreadyDecided(): AppError {
  return new AppError('CONFLICT', 'this request was decided or changed meanwhile; reload it');
}

/**
 * Who could take each shift (LEAVE-2), best first: people of the office not on duty that
 * day, ranked by the evaluator — no hard rule broken, then fewest hours, then fewest evenings.
 */
export async function suggestSubstitutes(
  ctx: ServiceContext,
  officeId: string,
  requestId: string,
): Promise<z.infer<typeof substituteSuggestionsSchema>> {
  const office = await loadOfficeFor(ctx, officeId, 'leave.decide');
  const record = await loadRequest(ctx, office, requestId);
  const members = (await listOfficeMembers(ctx.db, office.id)).filter(
    (m) => m.active && m.userId !== record.userId,
  );
  const monthOf = publishedMonths(ctx, office);
  const shifts = [];
  for (const shift of record.shifts.filter((s) => !s.coveredByEmergency)) {
    const published = await monthOf(shift.date);
    if (published === null) continue;
    const onRoster = new Set(published.context.input.people.map((p) => p.userId));
    const candidates = members
      .filter((m) => onRoster.has(m.userId) || m.role === 'staff')
      .filter((m) => published.dutyOf(m.userId, shift.date) === null)
      .map((m) => {
        const judged = judgeCellChanges(published, [
          { userId: record.userId, date: shift.date, shiftCode: null },
          { userId: m.userId, date: shift.date, shiftCode: shift.shiftCode },
        ]);
        return {
          userId: m.userId,
          displayName: m.displayName,
          violations: judged.newViolations
            .filter((v) => v.userId === m.userId)
            .map((v) => ({ rule: v.rule, message: v.message })),
          totals: judged.totalsBefore.get(m.userId) ?? {
            shifts: 0,
            minutes: 0,
            evenings: 0,
            weekends: 0,
            holidays: 0,
          },
        };
      })
      .sort(
        (a, b) =>
          a.violations.length - b.violations.length ||
          a.totals.minutes - b.totals.minutes ||
          a.totals.evenings - b.totals.evenings ||
          a.displayName.localeCompare(b.displayName),
      );
    shifts.push({ date: shift.date, shiftCode: shift.shiftCode, candidates });
  }
  return { shifts };
}

/**
 * The supervisor approves with a substitute for every affected shift (LEAVE-2): a substitute
 * who would break a hard rule, or a shift left open, needs a written reason. The roster in
 * force gets a new version; the requester, the substitutes and the office are notified.
 * Two deciders at once: the request's version lets exactly one win (409 for the other).
 */
export async function approveLeave(
  ctx: ServiceContext,
  officeId: string,
  requestId: string,
  body: z.infer<typeof approveLeaveBodySchema>,
): Promise<LeaveRequest> {
  const office = await loadOfficeFor(ctx, officeId, 'leave.request');
  const record = await loadRequest(ctx, office, requestId);
  authorize(ctx.actor, 'leave.decide', {
    orgId: office.orgId,
    officeId: office.id,
    ownerUserId: record.userId,
  });
  if (record.status !== 'pending' || record.version !== body.version) throw alreadyDecided();
  const members = new Map(
    (await listOfficeMembers(ctx.db, office.id)).filter((m) => m.active).map((m) => [m.userId, m]),
  );
  const details: ErrorDetail[] = [];
  const needed = record.shifts.filter((s) => !s.coveredByEmergency);
  for (const shift of needed) {
    if (!body.substitutes.some((s) => s.date === shift.date && s.shiftCode === shift.shiftCode)) {
      details.push({
        path: 'substitutes',
        message: `name a substitute for ${shift.shiftCode} on ${shift.date}`,
      });
    }
  }
  const monthOf = publishedMonths(ctx, office);
  const byMonth = new Map<string, RosterCellChange[]>();
  for (const [i, entry] of body.substitutes.entries()) {
    const at = `substitutes.${String(i)}`;
    if (!needed.some((s) => s.date === entry.date && s.shiftCode === entry.shiftCode)) {
      details.push({ path: at, message: 'not a shift of this request' });
      continue;
    }
    if (entry.substituteUserId === null) {
      if (entry.overrideReason === undefined)
        details.push({
          path: `${at}.overrideReason`,
          message: 'leaving a shift open needs a reason',
        });
    } else if (entry.substituteUserId === record.userId || !members.has(entry.substituteUserId)) {
      details.push({
        path: `${at}.substituteUserId`,
        message: 'the substitute must be someone else in this office',
      });
    } else {
      const published = await monthOf(entry.date);
      if (published?.dutyOf(entry.substituteUserId, entry.date) != null) {
        details.push({
          path: `${at}.substituteUserId`,
          message: `the substitute is on duty on ${entry.date} already`,
        });
      }
    }
    const month = entry.date.slice(0, 7);
    const list = byMonth.get(month) ?? [];
    list.push({ userId: record.userId, date: entry.date, shiftCode: null });
    if (entry.substituteUserId !== null)
      list.push({ userId: entry.substituteUserId, date: entry.date, shiftCode: entry.shiftCode });
    byMonth.set(month, list);
  }
  throwIfInvalid(details, 'LEAVE-2');

  // the evaluator judges each substitute; a broken hard rule needs an explicit override
  const violations = [];
  for (const [month, changes] of byMonth) {
    const published = await monthOf(`${month}-01`);
    if (published === null) throw new AppError('NOT_FOUND', `${month} is not published`);
    for (const v of judgeCellChanges(published, changes).newViolations) {
      const entry = body.substitutes.find(
        (s) => s.substituteUserId === v.userId && v.dates.includes(s.date),
      );
      if (entry?.overrideReason === undefined) violations.push(v);
    }
  }
  if (violations.length > 0) {
    throw new AppError(
      'RULE_VIOLATION',
      `the substitute would break ${String(violations.length)} rule(s); choose another or give a reason`,
      { rule: 'LEAVE-2', details: { violations } },
    );
  }

  const everyone = await officeEveryone(ctx, office.id);
  await inTransaction(ctx, async (tx) => {
    if (
      !(await decideLeaveRequest(tx, record.id, body.version, {
        status: 'approved',
        by: ctx.actor.userId,
        at: ctx.clock.now(),
        reason: null,
        rosterVersion: null,
      }))
    )
      throw alreadyDecided();
    let firstVersion: number | null = null;
    for (const [month, changes] of byMonth) {
      const { version } = await changePublishedRoster(tx, ctx, {
        office,
        month,
        kind: 'leave',
        reason: record.reason,
        cells: changes,
        source: { leaveRequestId: record.id },
      });
      firstVersion ??= version;
    }
    if (firstVersion !== null) await setLeaveRosterVersion(tx, record.id, firstVersion);
    for (const entry of body.substitutes) {
      await setLeaveSubstitute(tx, record.id, entry, {
        userId: entry.substituteUserId,
        overrideReason: entry.overrideReason ?? null,
      });
    }
    await recordAudit(tx, ctx.clock, {
      orgId: office.orgId,
      actorUserId: ctx.actor.userId,
      action: 'leave.approved',
      entityType: 'leave-request',
      entityId: record.id,
      payload: { officeId: office.id, substitutes: body.substitutes, rosterVersion: firstVersion },
    });
    await notify(tx, ctx, office.orgId, everyone, 'leave.approved', {
      requestId: record.id,
      officeId: office.id,
      userId: record.userId,
      substitutes: body.substitutes,
    });
  });
  return getLeaveRequest(ctx, office.id, record.id);
}

/** The supervisor rejects with a reason (LEAVE-2); the roster stays as it is. */
export async function rejectLeave(
  ctx: ServiceContext,
  officeId: string,
  requestId: string,
  body: { version: number; reason: string },
): Promise<LeaveRequest> {
  const office = await loadOfficeFor(ctx, officeId, 'leave.request');
  const record = await loadRequest(ctx, office, requestId);
  authorize(ctx.actor, 'leave.decide', {
    orgId: office.orgId,
    officeId: office.id,
    ownerUserId: record.userId,
  });
  await inTransaction(ctx, async (tx) => {
    if (
      !(await decideLeaveRequest(tx, record.id, body.version, {
        status: 'rejected',
        by: ctx.actor.userId,
        at: ctx.clock.now(),
        reason: body.reason,
        rosterVersion: null,
      }))
    )
      throw alreadyDecided();
    await recordAudit(tx, ctx.clock, {
      orgId: office.orgId,
      actorUserId: ctx.actor.userId,
      action: 'leave.rejected',
      entityType: 'leave-request',
      entityId: record.id,
      payload: { reason: body.reason },
    });
    await notify(tx, ctx, office.orgId, [record.userId], 'leave.rejected', {
      requestId: record.id,
      officeId: office.id,
      reason: body.reason,
    });
  });
  return getLeaveRequest(ctx, office.id, record.id);
}

/** The requester withdraws a request that is still pending. */
export async function cancelLeave(
  ctx: ServiceContext,
  officeId: string,
  requestId: string,
  version: number,
): Promise<LeaveRequest> {
  const office = await loadOfficeFor(ctx, officeId, 'leave.request');
  const record = await loadRequest(ctx, office, requestId);
  if (record.userId !== ctx.actor.userId) {
    throw new AppError('FORBIDDEN', 'only the requester withdraws a leave request');
  }
  await inTransaction(ctx, async (tx) => {
    if (
      !(await decideLeaveRequest(tx, record.id, version, {
        status: 'cancelled',
        by: ctx.actor.userId,
        at: ctx.clock.now(),
        reason: null,
        rosterVersion: null,
      }))
    )
      throw alreadyDecided();
    await recordAudit(tx, ctx.clock, {
      orgId: office.orgId,
      actorUserId: ctx.actor.userId,
      action: 'leave.cancelled',
      entityType: 'leave-request',
      entityId: record.id,
      payload: {},
    });
  });
  return getLeaveRequest(ctx, office.id, record.id);
}

/**
 * Someone cannot come at short notice: the supervisor puts a substitute on the shift at once,
 * with the reason recorded (LEAVE-2); the absentee files the leave request afterwards.
 */
export async function coverEmergency(
  ctx: ServiceContext,
  officeId: string,
  body: {
    date: string;
    shiftCode: string;
    absentUserId: string;
    substituteUserId: string;
    reason: string;
    overrideReason?: string | undefined;
  },
): Promise<z.infer<typeof emergencyCoverSchema>> {
  const office = await loadOfficeFor(ctx, officeId, 'leave.request');
  authorize(ctx.actor, 'leave.decide', {
    orgId: office.orgId,
    officeId: office.id,
    ownerUserId: body.absentUserId,
  });
  const published = await loadPublishedMonth(ctx.db, office, body.date.slice(0, 7));
  const details: ErrorDetail[] = [];
  if (published === null) {
    details.push({ path: 'date', message: `no published roster for ${body.date}` });
  } else {
    if (published.dutyOf(body.absentUserId, body.date) !== body.shiftCode)
      details.push({
        path: 'absentUserId',
        message: `this person is not on ${body.shiftCode} on ${body.date}`,
      });
    const members = await listOfficeMembers(ctx.db, office.id);
    if (
      body.substituteUserId === body.absentUserId ||
      !members.some((m) => m.active && m.userId === body.substituteUserId)
    )
      details.push({
        path: 'substituteUserId',
        message: 'the substitute must be someone else in this office',
      });
    else if (published.dutyOf(body.substituteUserId, body.date) !== null)
      details.push({
        path: 'substituteUserId',
        message: `the substitute is on duty on ${body.date} already`,
      });
  }
  throwIfInvalid(details, 'LEAVE-2');
  const changes: RosterCellChange[] = [
    { userId: body.absentUserId, date: body.date, shiftCode: null },
    { userId: body.substituteUserId, date: body.date, shiftCode: body.shiftCode },
  ];
  const violations = judgeCellChanges(published!, changes).newViolations.filter(
    (v) => v.userId === body.substituteUserId,
  );
  if (violations.length > 0 && body.overrideReason === undefined) {
    throw new AppError(
      'RULE_VIOLATION',
      `the substitute would break ${String(violations.length)} rule(s); choose another or give a reason`,
      { rule: 'LEAVE-2', details: { violations } },
    );
  }
  const id = ctx.ids.newId();
  const everyone = await officeEveryone(ctx, office.id);
  const version = await inTransaction(ctx, async (tx) => {
    const changed = await changePublishedRoster(tx, ctx, {
      office,
      month: body.date.slice(0, 7),
      kind: 'emergency',
      reason: body.reason,
      cells: changes,
      source: { emergencyCoverId: id, overrideReason: body.overrideReason ?? null },
    });
    await insertEmergencyCover(tx, {
      id,
      orgId: office.orgId,
      officeId: office.id,
      date: body.date,
      shiftCode: body.shiftCode,
      absentUserId: body.absentUserId,
      substituteUserId: body.substituteUserId,
      reason: body.reason,
      overrideReason: body.overrideReason ?? null,
      rosterVersion: changed.version,
      by: ctx.actor.userId,
      at: ctx.clock.now(),
    });
    await notify(tx, ctx, office.orgId, everyone, 'roster.emergency-cover', {
      officeId: office.id,
      date: body.date,
      shiftCode: body.shiftCode,
      absentUserId: body.absentUserId,
      substituteUserId: body.substituteUserId,
    });
    return changed.version;
  });
  return {
    id,
    date: body.date,
    shiftCode: body.shiftCode,
    absentUserId: body.absentUserId,
    substituteUserId: body.substituteUserId,
    reason: body.reason,
    rosterVersion: version,
  };
}
