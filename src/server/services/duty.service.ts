import type { z } from 'zod';
import type {
  absenceBodySchema,
  checkInBodySchema,
  checkOutBodySchema,
  DutySession,
  OnDuty,
  onDutyQuerySchema,
  PostAbsence,
} from '../../shared/contract/duty.ts';
import { AppError } from '../../shared/errors.ts';
import type { Queryable, Tx } from '../db/database.ts';
import { insertDeadline, settleDeadlinesOf, type DeadlineRow } from '../db/deadlines.repo.ts';
import { findDeskSettings } from '../db/desk-settings.repo.ts';
import {
  checkOutDutySession,
  findDutySession,
  findPostAbsence,
  insertDutySession,
  insertPostAbsence,
  listDutySessions,
  listOpenAbsences,
  lockDutySession,
  markReturned,
  type DutySessionRecord,
  type PostAbsenceRecord,
} from '../db/duty.repo.ts';
import { findHandoverOfSession } from '../db/handover.repo.ts';
import { insertNotifications } from '../db/leave.repo.ts';
import { listPostsOfOffices, type OfficeRow, type PostRow } from '../db/org.repo.ts';
import { listDuties, type DutyRecord } from '../db/roster.repo.ts';
import { listOfficeMembers } from '../db/user.repo.ts';
import {
  checkInOpensMinutesBefore,
  currentSessionsEndAfter,
  isCheckable,
  lateMinutes,
  longAbsenceDueAt,
  pickCheckableDuty,
} from '../domain/desk/duty.ts';
import { recordAudit } from './audit.service.ts';
import { inTransaction, type ServiceContext, type ServiceDeps } from './context.ts';
import { loadOfficeFor } from './offices.service.ts';
import { schedulePlannedRounds } from './patrol-plan.service.ts';

/**
 * Going on duty 接班签到 (HO-IN-1), who is on duty now, and leaving the post 离岗 (DISC-1).
 * "Your shift" is always read from the published roster in force (ROSTER-2), so an approved
 * substitute 顶班 or an emergency cover checks in for the duty they took over.
 */

export const longAbsenceKind = 'absence.long';

function presentAbsence(a: PostAbsenceRecord): PostAbsence {
  return {
    id: a.id,
    sessionId: a.sessionId,
    userId: a.userId,
    reason: a.reason as PostAbsence['reason'],
    note: a.note,
    leftAt: a.leftAt.toISOString(),
    expectedBackAt: a.expectedBackAt.toISOString(),
    returnedAt: a.returnedAt?.toISOString() ?? null,
  };
}

async function presentSessions(
  db: Queryable,
  sessions: readonly DutySessionRecord[],
): Promise<DutySession[]> {
  const open = await listOpenAbsences(
    db,
    sessions.map((s) => s.id),
  );
  return sessions.map((s) => {
    const absence = open.find((a) => a.sessionId === s.id);
    return {
      id: s.id,
      officeId: s.officeId,
      postId: s.postId,
      postName: s.postName,
      userId: s.userId,
      displayName: s.displayName,
      date: s.date,
      shiftCode: s.shiftCode,
      shiftName: s.shiftName,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      checkedInAt: s.checkedInAt.toISOString(),
      lateMinutes: s.lateMinutes,
      checkedOutAt: s.checkedOutAt?.toISOString() ?? null,
      absence: absence === undefined ? null : presentAbsence(absence),
    };
  });
}

function presentDuty(d: DutyRecord, now: Date): OnDuty['expected'][number] {
  return {
    userId: d.userId,
    displayName: d.displayName,
    date: d.date,
    shiftCode: d.shiftCode,
    shiftName: d.shiftName,
    startsAt: d.startsAt.toISOString(),
    endsAt: d.endsAt.toISOString(),
    minutesLate: lateMinutes(d.startsAt, now),
  };
}

/** The office's post by id (400 naming the field when it is not one), else its first post. */
export async function resolvePost(
  db: Queryable,
  office: OfficeRow,
  postId: string | undefined,
): Promise<PostRow> {
  const posts = await listPostsOfOffices(db, [office.id]);
  const post = postId === undefined ? posts[0] : posts.find((p) => p.id === postId);
  if (post === undefined) {
    throw new AppError('VALIDATION_FAILED', 'postId: no such post in this office', {
      details: [{ path: 'postId', message: 'no such post in this office' }],
    });
  }
  return post;
}

/** Rostered duties of the office that can be checked in at an instant (HO-IN-1). */
async function checkableDuties(
  db: Queryable,
  officeId: string,
  now: Date,
  userId?: string,
): Promise<DutyRecord[]> {
  const duties = await listDuties(db, {
    officeId,
    ...(userId === undefined ? {} : { userId }),
    from: now,
    to: new Date(now.getTime() + checkInOpensMinutesBefore * 60_000 + 1),
  });
  return duties.filter((d) => isCheckable(d, now));
}

const sameDuty = (s: { date: string; shiftCode: string }, d: { date: string; shiftCode: string }) =>
  s.date === d.date && s.shiftCode === d.shiftCode;

/**
 * Checks the actor in for their rostered shift that is current or starts within the hour
 * (HO-IN-1). Arriving after start − 5 min is recorded as late; a shift that is not theirs is
 * refused (422), and a second check-in for the same shift is a conflict (409).
 */
export async function checkIn(
  ctx: ServiceContext,
  officeId: string,
  body: z.infer<typeof checkInBodySchema>,
): Promise<DutySession> {
  const office = await loadOfficeFor(ctx, officeId, 'dutylog.write');
  const post = await resolvePost(ctx.db, office, body.postId);
  const now = ctx.clock.now();
  const userId = ctx.actor.userId;
  const [duties, sessions] = await Promise.all([
    checkableDuties(ctx.db, office.id, now, userId),
    listDutySessions(ctx.db, { officeId: office.id, userId, endsAfter: now }),
  ]);
  const duty = pickCheckableDuty(
    duties,
    now,
    { userId, date: body.date, shiftCode: body.shiftCode },
    (d) => sessions.some((s) => sameDuty(s, d)),
  );
  if (duty === null) {
    throw new AppError(
      'RULE_VIOLATION',
      'the published roster has no shift of yours that starts within the hour or is going on now',
      { rule: 'HO-IN-1' },
    );
  }
  const id = ctx.ids.newId();
  const late = lateMinutes(duty.startsAt, now);
  await inTransaction(ctx, async (tx) => {
    const inserted = await insertDutySession(tx, {
      id,
      orgId: office.orgId,
      officeId: office.id,
      postId: post.id,
      userId,
      date: duty.date,
      shiftCode: duty.shiftCode,
      shiftName: duty.shiftName,
      startsAt: duty.startsAt,
      endsAt: duty.endsAt,
      checkedInAt: now,
      lateMinutes: late,
    });
    if (!inserted) {
      throw new AppError(
        'CONFLICT',
        `you have checked in for ${duty.shiftName} on ${duty.date} already`,
        {
          rule: 'HO-IN-1',
        },
      );
    }
    await schedulePlannedRounds(tx, ctx, office, duty);
    await recordAudit(tx, ctx.clock, {
      orgId: office.orgId,
      actorUserId: userId,
      action: 'duty.checked-in',
      entityType: 'duty-session',
      entityId: id,
      payload: {
        officeId: office.id,
        postId: post.id,
        date: duty.date,
        shiftCode: duty.shiftCode,
        lateMinutes: late,
      },
    });
  });
  return presentOne(ctx.db, id);
}

async function presentOne(db: Queryable, sessionId: string): Promise<DutySession> {
  const session = await findDutySession(db, sessionId);
  if (session === null) throw new AppError('NOT_FOUND', 'no such duty session');
  const [presented] = await presentSessions(db, [session]);
  return presented!;
}

/**
 * The person's current session in the office: not checked out, and its shift not ended more
 * than the grace time ago (newest check-in first); null when they are not on duty.
 */
export async function currentSessionOf(
  db: Queryable,
  officeId: string,
  userId: string,
  now: Date,
): Promise<DutySessionRecord | null> {
  const [session] = await listDutySessions(db, {
    officeId,
    userId,
    open: true,
    endsAfter: currentSessionsEndAfter(now),
  });
  return session ?? null;
}

/**
 * Ends the actor's duty session: only after the handover is signed by both (HO-OUT-3:
 * 互相签名后方可离岗), or by the outgoing side alone when nobody takes over at the end of the
 * shift (a gap between shifts: the incoming side completes at the next start).
 */
export async function checkOut(
  ctx: ServiceContext,
  officeId: string,
  body: z.infer<typeof checkOutBodySchema>,
): Promise<DutySession> {
  const office = await loadOfficeFor(ctx, officeId, 'dutylog.write');
  // without an id: the current session, else the newest one left open (a forgotten check-out)
  const session =
    body.sessionId === undefined
      ? ((await currentSessionOf(ctx.db, office.id, ctx.actor.userId, ctx.clock.now())) ??
        (
          await listDutySessions(ctx.db, {
            officeId: office.id,
            userId: ctx.actor.userId,
            open: true,
          })
        )[0] ??
        null)
      : await findDutySession(ctx.db, body.sessionId);
  if (session?.officeId !== office.id || session.userId !== ctx.actor.userId) {
    throw new AppError('CONFLICT', 'you are not checked in here');
  }
  const now = ctx.clock.now();
  await inTransaction(ctx, async (tx) => {
    await lockDutySession(tx, ctx.dialect, session.id);
    if ((await listOpenAbsences(tx, [session.id])).length > 0) {
      throw new AppError('CONFLICT', 'record your return to the post before checking out', {
        rule: 'DISC-1',
      });
    }
    const handover = await findHandoverOfSession(tx, session.id, 'outgoing');
    const signed =
      handover !== null &&
      (handover.status === 'sealed' || (handover.status === 'outgoing-signed' && handover.gap));
    if (!signed) {
      throw new AppError(
        'RULE_VIOLATION',
        handover === null
          ? 'hand over your shift before leaving the post'
          : 'both sign the handover before you leave the post',
        { rule: 'HO-OUT-3' },
      );
    }
    if (!(await checkOutDutySession(tx, session.id, now))) {
      throw new AppError('CONFLICT', 'this duty session has ended already');
    }
    await recordAudit(tx, ctx.clock, {
      orgId: office.orgId,
      actorUserId: ctx.actor.userId,
      action: 'duty.checked-out',
      entityType: 'duty-session',
      entityId: session.id,
      payload: { officeId: office.id },
    });
  });
  return presentOne(ctx.db, session.id);
}

/**
 * Who is on duty now: people checked in for a shift that has not ended (with any open
 * absence), and people rostered now or within the check-in hour who have not checked in,
 * with how late they would be (HO-IN-1).
 */
export async function getOnDuty(
  ctx: ServiceContext,
  officeId: string,
  query: z.infer<typeof onDutyQuerySchema>,
): Promise<OnDuty> {
  const office = await loadOfficeFor(ctx, officeId, 'dutylog.read');
  const now = ctx.clock.now();
  const [duties, sessions] = await Promise.all([
    checkableDuties(ctx.db, office.id, now),
    listDutySessions(ctx.db, { officeId: office.id, endsAfter: now }),
  ]);
  const open = sessions.filter(
    (s) => s.checkedOutAt === null && (query.postId === undefined || s.postId === query.postId),
  );
  const checkedIn = (d: DutyRecord) =>
    sessions.some((s) => s.userId === d.userId && sameDuty(s, d));
  const presented = await presentSessions(ctx.db, open);
  const userId = ctx.actor.userId;
  const myDuty = pickCheckableDuty(duties, now, { userId }, checkedIn);
  // mine: the session the server writes to (it stays current through the handover's grace)
  const current = await currentSessionOf(ctx.db, office.id, userId, now);
  const mySession =
    current === null
      ? null
      : (presented.find((s) => s.id === current.id) ??
        (await presentSessions(ctx.db, [current]))[0] ??
        null);
  return {
    now: now.toISOString(),
    sessions: presented,
    expected: duties.filter((d) => !checkedIn(d)).map((d) => presentDuty(d, now)),
    mine: {
      duty: myDuty === null || checkedIn(myDuty) ? null : presentDuty(myDuty, now),
      session: mySession,
    },
  };
}

/**
 * Records leaving the post with a reason and the expected return (DISC-1), while checked in;
 * one open absence at a time. A deadline row alerts the supervisors if the absence lasts
 * longer than the office's long-absence minutes.
 */
export async function leavePost(
  ctx: ServiceContext,
  officeId: string,
  body: z.infer<typeof absenceBodySchema>,
): Promise<PostAbsence> {
  const office = await loadOfficeFor(ctx, officeId, 'dutylog.write');
  const session = await currentSessionOf(ctx.db, office.id, ctx.actor.userId, ctx.clock.now());
  if (session === null) {
    throw new AppError('RULE_VIOLATION', 'check in at your post before recording leaving it', {
      rule: 'DISC-1',
    });
  }
  const id = await inTransaction(ctx, (tx) => recordLeaving(tx, ctx, office, session, body));
  const absence = await findPostAbsence(ctx.db, id);
  return presentAbsence(absence!);
}

/**
 * Records leaving the post inside a transaction (DISC-1): one open absence at a time, with the
 * long-absence clock. Shared by 离岗 and by starting a patrol round. Returns the absence's id.
 */
export async function recordLeaving(
  tx: Tx,
  ctx: ServiceContext,
  office: OfficeRow,
  session: DutySessionRecord,
  body: z.infer<typeof absenceBodySchema>,
  /** when the person left, if recorded earlier on a phone that was offline; now otherwise */
  leftAt?: Date,
): Promise<string> {
  const now = leftAt ?? ctx.clock.now();
  const id = ctx.ids.newId();
  await lockDutySession(tx, ctx.dialect, session.id);
  if ((await listOpenAbsences(tx, [session.id])).length > 0) {
    throw new AppError('CONFLICT', 'you are away from the post already; record your return first', {
      rule: 'DISC-1',
    });
  }
  const note = body.note === undefined || body.note === '' ? null : body.note;
  const expectedBackAt = new Date(now.getTime() + body.expectedMinutes * 60_000);
  await insertPostAbsence(tx, {
    id,
    orgId: office.orgId,
    officeId: office.id,
    sessionId: session.id,
    userId: ctx.actor.userId,
    reason: body.reason,
    note,
    leftAt: now,
    expectedBackAt,
  });
  const { settings } = await findDeskSettings(tx, office.id);
  await insertDeadline(
    tx,
    {
      id: ctx.ids.newId(),
      orgId: office.orgId,
      officeId: office.id,
      kind: longAbsenceKind,
      subjectId: id,
      key: `absence:${id}`,
      dueAt: longAbsenceDueAt(now, settings.longAbsenceMinutes),
    },
    now,
  );
  await recordAudit(tx, ctx.clock, {
    orgId: office.orgId,
    actorUserId: ctx.actor.userId,
    action: 'duty.left-post',
    entityType: 'post-absence',
    entityId: id,
    payload: {
      officeId: office.id,
      sessionId: session.id,
      reason: body.reason,
      note,
      expectedBackAt: expectedBackAt.toISOString(),
    },
  });
  return id;
}

/** Records the actor's return to the post (DISC-1) and settles the long-absence clock. */
export async function returnToPost(
  ctx: ServiceContext,
  officeId: string,
  absenceId: string,
): Promise<PostAbsence> {
  const office = await loadOfficeFor(ctx, officeId, 'dutylog.write');
  const absence = await findPostAbsence(ctx.db, absenceId);
  if (absence?.officeId !== office.id) throw new AppError('NOT_FOUND', 'no such absence');
  if (absence.userId !== ctx.actor.userId) {
    throw new AppError('FORBIDDEN', 'only the person away records their return', {
      rule: 'DISC-1',
    });
  }
  const now = ctx.clock.now();
  await inTransaction(ctx, async (tx) => {
    if (!(await recordReturn(tx, ctx, office, absence))) {
      throw new AppError('CONFLICT', 'your return is recorded already');
    }
  });
  return presentAbsence({ ...absence, returnedAt: now });
}

/** Records a return to the post inside a transaction (DISC-1); false when it was recorded. */
export async function recordReturn(
  tx: Tx,
  ctx: ServiceContext,
  office: OfficeRow,
  absence: PostAbsenceRecord,
  /** when the person came back, if recorded earlier on a phone that was offline */
  returnedAt?: Date,
): Promise<boolean> {
  const now = ctx.clock.now();
  if (!(await markReturned(tx, absence.id, returnedAt ?? now))) return false;
  await settleDeadlinesOf(tx, absence.id, [longAbsenceKind], 'returned', now);
  await recordAudit(tx, ctx.clock, {
    orgId: office.orgId,
    actorUserId: ctx.actor.userId,
    action: 'duty.returned-to-post',
    entityType: 'post-absence',
    entityId: absence.id,
    payload: { officeId: office.id, sessionId: absence.sessionId },
  });
  return true;
}

/**
 * The 'absence.long' deadline (DISC-1): when the person has not come back by then, the
 * office's supervisors (its director when it has none) are told in the app at once.
 */
export async function handleLongAbsence(
  tx: Tx,
  deadline: DeadlineRow,
  deps: ServiceDeps,
): Promise<string> {
  const absence = await findPostAbsence(tx, deadline.subjectId);
  if (absence === null) return 'nothing-to-do';
  if (absence.returnedAt !== null) return 'returned';
  const [session, members] = await Promise.all([
    findDutySession(tx, absence.sessionId),
    listOfficeMembers(tx, absence.officeId),
  ]);
  const active = members.filter((m) => m.active && m.userId !== absence.userId);
  const supervisors = active.filter((m) => m.role === 'supervisor');
  const told = supervisors.length > 0 ? supervisors : active.filter((m) => m.role === 'director');
  const now = deps.clock.now();
  const payload = {
    absenceId: absence.id,
    officeId: absence.officeId,
    userId: absence.userId,
    displayName: session?.displayName ?? '',
    reason: absence.reason,
    note: absence.note,
    since: absence.leftAt.toISOString(),
    expectedBackAt: absence.expectedBackAt.toISOString(),
  };
  await insertNotifications(
    tx,
    told.map((m) => ({
      id: deps.ids.newId(),
      orgId: absence.orgId,
      userId: m.userId,
      kind: longAbsenceKind,
      payload,
      at: now,
    })),
  );
  await recordAudit(tx, deps.clock, {
    orgId: absence.orgId,
    actorUserId: null,
    action: 'duty.long-absence-alerted',
    entityType: 'post-absence',
    entityId: absence.id,
    payload: { officeId: absence.officeId, told: told.map((m) => m.userId) },
  });
  return 'alerted';
}
