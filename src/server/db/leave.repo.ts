import type { Queryable } from './database.ts';
import { readFlag, readInstant, readInstantOrNull, writeFlag, writeInstant } from './values.ts';

export type LeaveStatus = 'pending' | 'approved' | 'rejected' | 'cancelled';

export type LeaveShiftRecord = {
  date: string;
  shiftCode: string;
  substituteUserId: string | null;
  substituteName: string | null;
  overrideReason: string | null;
  coveredByEmergency: boolean;
};

export type LeaveRequestRecord = {
  id: string;
  orgId: string;
  officeId: string;
  userId: string;
  displayName: string;
  type: string;
  reason: string;
  status: LeaveStatus;
  version: number;
  createdAt: Date;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  rosterVersion: number | null;
  shifts: LeaveShiftRecord[];
};

export async function insertLeaveRequest(
  db: Queryable,
  request: {
    id: string;
    orgId: string;
    officeId: string;
    userId: string;
    type: string;
    reason: string;
    at: Date;
  },
  shifts: readonly { date: string; shiftCode: string; coveredByEmergency: boolean }[],
): Promise<void> {
  await db
    .insertInto('leave_requests')
    .values({
      id: request.id,
      org_id: request.orgId,
      office_id: request.officeId,
      user_id: request.userId,
      type: request.type,
      reason: request.reason,
      status: 'pending',
      version: 1,
      created_at: writeInstant(request.at),
    })
    .execute();
  await db
    .insertInto('leave_request_shifts')
    .values(
      shifts.map((s) => ({
        request_id: request.id,
        org_id: request.orgId,
        office_id: request.officeId,
        user_id: request.userId,
        date: s.date,
        shift_code: s.shiftCode,
        covered_by_emergency: writeFlag(s.coveredByEmergency),
      })),
    )
    .execute();
}

export async function listLeaveRequests(
  db: Queryable,
  filter: { officeId: string; id?: string; userId?: string; status?: LeaveStatus; month?: string },
): Promise<LeaveRequestRecord[]> {
  let query = db
    .selectFrom('leave_requests as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .leftJoin('users as d', 'd.id', 'r.decided_by')
    .selectAll('r')
    .select(['u.display_name', 'd.display_name as decided_by_name'])
    .where('r.office_id', '=', filter.officeId);
  if (filter.id !== undefined) query = query.where('r.id', '=', filter.id);
  if (filter.userId !== undefined) query = query.where('r.user_id', '=', filter.userId);
  if (filter.status !== undefined) query = query.where('r.status', '=', filter.status);
  if (filter.month !== undefined) {
    const month = filter.month;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('leave_request_shifts as s')
          .select('s.request_id')
          .whereRef('s.request_id', '=', 'r.id')
          .where('s.date', 'like', `${month}-%`),
      ),
    );
  }
  const rows = await query.orderBy('r.created_at', 'desc').limit(500).execute();
  if (rows.length === 0) return [];
  const shifts = await db
    .selectFrom('leave_request_shifts as s')
    .leftJoin('users as sub', 'sub.id', 's.substitute_user_id')
    .selectAll('s')
    .select('sub.display_name as substitute_name')
    .where(
      's.request_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('s.date')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    officeId: r.office_id,
    userId: r.user_id,
    displayName: r.display_name,
    type: r.type,
    reason: r.reason,
    status: r.status as LeaveStatus,
    version: r.version,
    createdAt: readInstant(r.created_at),
    decidedBy: r.decided_by,
    decidedByName: r.decided_by_name,
    decidedAt: readInstantOrNull(r.decided_at),
    decisionReason: r.decision_reason,
    rosterVersion: r.roster_version,
    shifts: shifts
      .filter((s) => s.request_id === r.id)
      .map((s) => ({
        date: s.date,
        shiftCode: s.shift_code,
        substituteUserId: s.substitute_user_id,
        substituteName: s.substitute_name,
        overrideReason: s.override_reason,
        coveredByEmergency: readFlag(s.covered_by_emergency),
      })),
  }));
}

/** Dates and shifts of a person's pending or approved leave (overlapping requests are refused). */
export async function listOpenLeaveShifts(
  db: Queryable,
  userId: string,
  dates: readonly string[],
): Promise<{ date: string; shiftCode: string }[]> {
  if (dates.length === 0) return [];
  const rows = await db
    .selectFrom('leave_request_shifts as s')
    .innerJoin('leave_requests as r', 'r.id', 's.request_id')
    .select(['s.date', 's.shift_code'])
    .where('s.user_id', '=', userId)
    .where('s.date', 'in', dates)
    .where('r.status', 'in', ['pending', 'approved'])
    .execute();
  return rows.map((r) => ({ date: r.date, shiftCode: r.shift_code }));
}

/**
 * Records a decision when the request is still pending at `expectedVersion`; false when
 * someone decided first (the caller answers 409).
 */
export async function decideLeaveRequest(
  db: Queryable,
  id: string,
  expectedVersion: number,
  decision: {
    status: Exclude<LeaveStatus, 'pending'>;
    by: string;
    at: Date;
    reason: string | null;
    rosterVersion: number | null;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('leave_requests')
    .set({
      status: decision.status,
      version: expectedVersion + 1,
      decided_by: decision.by,
      decided_at: writeInstant(decision.at),
      decision_reason: decision.reason,
      roster_version: decision.rosterVersion,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setLeaveRosterVersion(
  db: Queryable,
  id: string,
  rosterVersion: number,
): Promise<void> {
  await db
    .updateTable('leave_requests')
    .set({ roster_version: rosterVersion })
    .where('id', '=', id)
    .execute();
}

export async function setLeaveSubstitute(
  db: Queryable,
  requestId: string,
  shift: { date: string; shiftCode: string },
  substitute: { userId: string | null; overrideReason: string | null },
): Promise<void> {
  await db
    .updateTable('leave_request_shifts')
    .set({ substitute_user_id: substitute.userId, override_reason: substitute.overrideReason })
    .where('request_id', '=', requestId)
    .where('date', '=', shift.date)
    .where('shift_code', '=', shift.shiftCode)
    .execute();
}

export type SwapStatus =
  'proposed' | 'accepted' | 'declined' | 'approved' | 'rejected' | 'cancelled';

export type SwapRecord = {
  id: string;
  orgId: string;
  officeId: string;
  proposerId: string;
  proposerName: string;
  counterpartId: string;
  counterpartName: string;
  give: { date: string; shiftCode: string };
  take: { date: string; shiftCode: string } | null;
  reason: string;
  status: SwapStatus;
  version: number;
  createdAt: Date;
  respondedAt: Date | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  rosterVersion: number | null;
};

export async function insertSwap(
  db: Queryable,
  swap: {
    id: string;
    orgId: string;
    officeId: string;
    proposerId: string;
    counterpartId: string;
    give: { date: string; shiftCode: string };
    take: { date: string; shiftCode: string } | null;
    reason: string;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('swap_requests')
    .values({
      id: swap.id,
      org_id: swap.orgId,
      office_id: swap.officeId,
      proposer_id: swap.proposerId,
      counterpart_id: swap.counterpartId,
      give_date: swap.give.date,
      give_shift: swap.give.shiftCode,
      take_date: swap.take?.date ?? null,
      take_shift: swap.take?.shiftCode ?? null,
      reason: swap.reason,
      status: 'proposed',
      version: 1,
      created_at: writeInstant(swap.at),
    })
    .execute();
}

export async function listSwaps(
  db: Queryable,
  filter: { officeId: string; id?: string; userId?: string; status?: SwapStatus },
): Promise<SwapRecord[]> {
  let query = db
    .selectFrom('swap_requests as s')
    .innerJoin('users as p', 'p.id', 's.proposer_id')
    .innerJoin('users as c', 'c.id', 's.counterpart_id')
    .selectAll('s')
    .select(['p.display_name as proposer_name', 'c.display_name as counterpart_name'])
    .where('s.office_id', '=', filter.officeId);
  if (filter.id !== undefined) query = query.where('s.id', '=', filter.id);
  if (filter.status !== undefined) query = query.where('s.status', '=', filter.status);
  if (filter.userId !== undefined) {
    const userId = filter.userId;
    query = query.where((eb) =>
      eb.or([eb('s.proposer_id', '=', userId), eb('s.counterpart_id', '=', userId)]),
    );
  }
  const rows = await query.orderBy('s.created_at', 'desc').limit(500).execute();
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    officeId: r.office_id,
    proposerId: r.proposer_id,
    proposerName: r.proposer_name,
    counterpartId: r.counterpart_id,
    counterpartName: r.counterpart_name,
    give: { date: r.give_date, shiftCode: r.give_shift },
    take:
      r.take_date === null || r.take_shift === null
        ? null
        : { date: r.take_date, shiftCode: r.take_shift },
    reason: r.reason,
    status: r.status as SwapStatus,
    version: r.version,
    createdAt: readInstant(r.created_at),
    respondedAt: readInstantOrNull(r.responded_at),
    decidedBy: r.decided_by,
    decidedAt: readInstantOrNull(r.decided_at),
    decisionReason: r.decision_reason,
    rosterVersion: r.roster_version,
  }));
}

/**
 * Moves a swap from `from` to `to` when it is still at `expectedVersion`; false when someone
 * acted first (the caller answers 409).
 */
export async function transitionSwap(
  db: Queryable,
  id: string,
  expectedVersion: number,
  from: SwapStatus,
  to: SwapStatus,
  change: {
    at: Date;
    decidedBy?: string;
    reason?: string | null;
    rosterVersion?: number;
  },
): Promise<boolean> {
  const decided = to === 'approved' || to === 'rejected';
  const result = await db
    .updateTable('swap_requests')
    .set({
      status: to,
      version: expectedVersion + 1,
      ...(decided
        ? {
            decided_by: change.decidedBy ?? null,
            decided_at: writeInstant(change.at),
            decision_reason: change.reason ?? null,
            roster_version: change.rosterVersion ?? null,
          }
        : { responded_at: writeInstant(change.at), decision_reason: change.reason ?? null }),
    })
    .where('id', '=', id)
    .where('status', '=', from)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertEmergencyCover(
  db: Queryable,
  cover: {
    id: string;
    orgId: string;
    officeId: string;
    date: string;
    shiftCode: string;
    absentUserId: string;
    substituteUserId: string;
    reason: string;
    overrideReason: string | null;
    rosterVersion: number;
    by: string;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('emergency_covers')
    .values({
      id: cover.id,
      org_id: cover.orgId,
      office_id: cover.officeId,
      date: cover.date,
      shift_code: cover.shiftCode,
      absent_user_id: cover.absentUserId,
      substitute_user_id: cover.substituteUserId,
      reason: cover.reason,
      override_reason: cover.overrideReason,
      roster_version: cover.rosterVersion,
      created_by: cover.by,
      created_at: writeInstant(cover.at),
    })
    .execute();
}

/** The emergency covers that took a person's duties on the given dates. */
export async function listEmergencyCoversOf(
  db: Queryable,
  officeId: string,
  absentUserId: string,
  dates: readonly string[],
): Promise<{ date: string; shiftCode: string }[]> {
  if (dates.length === 0) return [];
  const rows = await db
    .selectFrom('emergency_covers')
    .select(['date', 'shift_code'])
    .where('office_id', '=', officeId)
    .where('absent_user_id', '=', absentUserId)
    .where('date', 'in', dates)
    .execute();
  return rows.map((r) => ({ date: r.date, shiftCode: r.shift_code }));
}

export async function insertNotifications(
  db: Queryable,
  notifications: readonly {
    id: string;
    orgId: string;
    userId: string;
    kind: string;
    payload: Record<string, unknown>;
    at: Date;
  }[],
): Promise<void> {
  if (notifications.length === 0) return;
  await db
    .insertInto('notifications')
    .values(
      notifications.map((n) => ({
        id: n.id,
        org_id: n.orgId,
        user_id: n.userId,
        kind: n.kind,
        payload: JSON.stringify(n.payload),
        created_at: writeInstant(n.at),
      })),
    )
    .execute();
}

export async function listNotifications(
  db: Queryable,
  userId: string,
  limit: number,
): Promise<
  {
    id: string;
    kind: string;
    payload: Record<string, unknown>;
    createdAt: Date;
    readAt: Date | null;
  }[]
> {
  const rows = await db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
    createdAt: readInstant(r.created_at),
    readAt: readInstantOrNull(r.read_at),
  }));
}

export async function countUnreadNotifications(db: Queryable, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function markNotificationRead(
  db: Queryable,
  id: string,
  userId: string,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: writeInstant(at) })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
