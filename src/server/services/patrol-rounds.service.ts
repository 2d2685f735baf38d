import type { z } from 'zod';
import type {
  finishRoundBodySchema,
  PatrolRound,
  PatrolRoundList,
  roundListQuerySchema,
  startRoundBodySchema,
  VisitBody,
} from '../../shared/contract/patrol.ts';
import { AppError } from '../../shared/errors.ts';
import type { Queryable } from '../db/database.ts';
import { findPostAbsence, type DutySessionRecord } from '../db/duty.repo.ts';
import type { OfficeRow } from '../db/org.repo.ts';
import {
  findCheckpointByCode,
  findCheckpointsByIds,
  findRound,
  findRoundByClientId,
  findRoute,
  findVisitByClientId,
  finishRound,
  insertRound,
  insertVisit,
  listCheckpoints,
  listRounds,
  listMissedRounds,
  listRoutes,
  listVisits,
  type MissedRoundRecord,
  type RoundRecord,
  type RouteRecord,
} from '../db/patrol.repo.ts';
import { instantToLocal, localToInstant } from '../domain/calendar/local-time.ts';
import { plannedRoundKey, roundWindow } from '../domain/patrol/patrol.ts';
import { recordAudit } from './audit.service.ts';
import { inTransaction, type ServiceContext } from './context.ts';
import { currentSessionOf, recordLeaving, recordReturn } from './duty.service.ts';
import { attachFiles, attachmentsByOwner } from './files.service.ts';
import { loadOfficeFor } from './offices.service.ts';

/**
 * Patrol rounds 巡查 (issue 8, point 2; DISC-1, WORK-3): starting a round records leaving the
 * post; each checkpoint is reached by its QR code or its typed code, with its checklist ticked;
 * finishing records the return. The phone's client ids make every call safe to send again
 * after a dropped connection: a replay answers with what was stored the first time.
 */

const visitAttachmentKind = 'patrol-visit';
/** A phone may record a visit offline and sync later, but not claim a time ahead of ours. */
const futureSlackMs = 5 * 60_000;

async function present(db: Queryable, rounds: readonly RoundRecord[]): Promise<PatrolRound[]> {
  const routeIds = [...new Set(rounds.map((r) => r.routeId))];
  const [visits, routeCheckpoints, routes] = await Promise.all([
    listVisits(
      db,
      rounds.map((r) => r.id),
    ),
    listCheckpoints(db, routeIds),
    Promise.all(routeIds.map((id) => findRoute(db, id))),
  ]);
  const [visited, files] = await Promise.all([
    findCheckpointsByIds(
      db,
      visits.map((v) => v.checkpointId),
    ),
    attachmentsByOwner(
      db,
      visitAttachmentKind,
      visits.map((v) => v.id),
    ),
  ]);
  const routeName = new Map(routes.flatMap((r) => (r === null ? [] : [[r.id, r.name] as const])));
  return rounds.map((round) => {
    const own = visits.filter((v) => v.roundId === round.id);
    const seen = new Set(own.map((v) => v.checkpointId));
    return {
      id: round.id,
      officeId: round.officeId,
      routeId: round.routeId,
      routeName: routeName.get(round.routeId) ?? '',
      userId: round.userId,
      displayName: round.displayName,
      status: round.finishedAt === null ? 'in_progress' : 'finished',
      planned:
        round.plannedIndex === null || round.windowOpensAt === null || round.windowClosesAt === null
          ? null
          : {
              index: round.plannedIndex,
              opensAt: round.windowOpensAt.toISOString(),
              closesAt: round.windowClosesAt.toISOString(),
            },
      late: round.late,
      startedAt: round.startedAt.toISOString(),
      finishedAt: round.finishedAt?.toISOString() ?? null,
      absenceId: round.absenceId,
      visits: own.map((v) => ({
        id: v.id,
        checkpointId: v.checkpointId,
        checkpointName: visited.get(v.checkpointId)?.name ?? '',
        code: visited.get(v.checkpointId)?.code ?? '',
        method: v.method === 'code' ? 'code' : 'qr',
        visitedAt: v.visitedAt.toISOString(),
        results: v.results,
        note: v.note,
        attachments: (files.get(v.id) ?? []).map((f) => f.sha256),
      })),
      notVisited: routeCheckpoints
        .filter((c) => c.routeId === round.routeId && !seen.has(c.id))
        .map((c) => ({ id: c.id, name: c.name, code: c.code })),
    };
  });
}

async function presentOne(db: Queryable, id: string): Promise<PatrolRound> {
  const round = await findRound(db, id);
  if (round === null) throw new Error(`patrol round ${id} vanished`);
  const [presented] = await present(db, [round]);
  return presented!;
}

/**
 * The planned round a start fulfils: among the route's rounds planned in the person's shift,
 * the earliest already open that nobody has claimed; late when its window has closed.
 */
async function plannedSlot(
  db: Queryable,
  office: OfficeRow,
  route: RouteRecord,
  session: { date: string; shiftCode: string; startsAt: Date },
  now: Date,
) {
  const slots = route.plannedRounds
    .map((round, index) => ({ round, index }))
    .filter(({ round }) => round.shiftCode === session.shiftCode)
    .map(({ round, index }) => ({
      index,
      key: plannedRoundKey(route.id, session.date, session.shiftCode, index),
      ...roundWindow(session.startsAt, round),
    }))
    .filter((slot) => slot.opensAt.getTime() <= now.getTime());
  const claimed = new Set(
    (await listRounds(db, { officeId: office.id, plannedKeys: slots.map((s) => s.key) })).map(
      (r) => r.plannedKey,
    ),
  );
  return slots.find((slot) => !claimed.has(slot.key)) ?? null;
}

/** Starts a round on a route: the person must be on duty; leaving the post is recorded. */
export async function startRound(
  ctx: ServiceContext,
  officeId: string,
  body: z.infer<typeof startRoundBodySchema>,
): Promise<{ round: PatrolRound; replayed: boolean }> {
  const office = await loadOfficeFor(ctx, officeId, 'patrol.do-round');
  const replay = await findRoundByClientId(ctx.db, office.id, body.clientId);
  if (replay !== null) return { round: await replayed(ctx, replay), replayed: true };
  const route = await findRoute(ctx.db, body.routeId);
  if (route?.officeId !== office.id) {
    throw new AppError('VALIDATION_FAILED', 'routeId: no such patrol route in this office', {
      details: [{ path: 'routeId', message: 'no such patrol route in this office' }],
    });
  }
  const received = ctx.clock.now();
  const now = body.startedAt === undefined ? received : new Date(body.startedAt);
  const session = await currentSessionOf(ctx.db, office.id, ctx.actor.userId, now);
  if (session === null) {
    throw new AppError('RULE_VIOLATION', 'check in at your post before starting a round', {
      rule: 'DISC-1',
    });
  }
  if (
    now.getTime() > received.getTime() + futureSlackMs ||
    now.getTime() < session.checkedInAt.getTime() - futureSlackMs
  ) {
    throw new AppError('VALIDATION_FAILED', 'startedAt: between your check-in and now', {
      details: [{ path: 'startedAt', message: 'between your check-in and now' }],
    });
  }
  const slot = await plannedSlot(ctx.db, office, route, session, now);
  const id = ctx.ids.newId();
  await inTransaction(ctx, async (tx) => {
    const absenceId = await recordLeaving(
      tx,
      ctx,
      office,
      session,
      { reason: 'patrol', note: route.name, expectedMinutes: body.expectedMinutes },
      now,
    );
    const inserted = await insertRound(tx, {
      id,
      orgId: office.orgId,
      officeId: office.id,
      routeId: route.id,
      userId: ctx.actor.userId,
      dutySessionId: session.id,
      absenceId,
      clientId: body.clientId,
      plannedKey: slot?.key ?? null,
      plannedIndex: slot?.index ?? null,
      windowOpensAt: slot?.opensAt ?? null,
      windowClosesAt: slot?.closesAt ?? null,
      late: slot !== null && now.getTime() > slot.closesAt.getTime(),
      startedAt: now,
    });
    if (!inserted) {
      throw new AppError('CONFLICT', 'this round was recorded meanwhile; reload', {
        rule: 'DISC-1',
      });
    }
    await recordAudit(tx, ctx.clock, {
      orgId: office.orgId,
      actorUserId: ctx.actor.userId,
      action: 'patrol.round-started',
      entityType: 'patrol-round',
      entityId: id,
      payload: { officeId: office.id, routeId: route.id, plannedKey: slot?.key ?? null, absenceId },
    });
  });
  return { round: await presentOne(ctx.db, id), replayed: false };
}

/** A replay of a start by the same person answers with the round as it is. */
async function replayed(ctx: ServiceContext, round: RoundRecord): Promise<PatrolRound> {
  if (round.userId !== ctx.actor.userId) {
    throw new AppError('CONFLICT', 'clientId: used by another round', {
      details: [{ path: 'clientId', message: 'used by another round' }],
    });
  }
  return presentOne(ctx.db, round.id);
}

async function loadOwnRound(ctx: ServiceContext, office: OfficeRow, roundId: string) {
  const round = await findRound(ctx.db, roundId);
  if (round?.officeId !== office.id) throw new AppError('NOT_FOUND', 'no such patrol round');
  if (round.userId !== ctx.actor.userId) {
    throw new AppError('FORBIDDEN', 'only the person on the round records it', {
      rule: 'DISC-1',
    });
  }
  return round;
}

/** Records reaching a checkpoint of the round's route, by its code, with its checklist. */
export async function recordVisit(
  ctx: ServiceContext,
  officeId: string,
  roundId: string,
  body: VisitBody,
): Promise<{ round: PatrolRound; replayed: boolean }> {
  const office = await loadOfficeFor(ctx, officeId, 'patrol.do-round');
  const round = await loadOwnRound(ctx, office, roundId);
  const replay = await findVisitByClientId(ctx.db, office.id, body.clientId);
  if (replay !== null) {
    if (replay.roundId !== round.id) {
      throw new AppError('CONFLICT', 'clientId: used by another visit', {
        details: [{ path: 'clientId', message: 'used by another visit' }],
      });
    }
    return { round: await presentOne(ctx.db, round.id), replayed: true };
  }
  if (round.finishedAt !== null) {
    throw new AppError('CONFLICT', 'this round is finished; start another', { rule: 'WORK-3' });
  }
  const checkpoint = await findCheckpointByCode(ctx.db, office.id, body.code);
  if (checkpoint === null || checkpoint.archived || checkpoint.routeId !== round.routeId) {
    throw new AppError(
      'VALIDATION_FAILED',
      checkpoint === null || checkpoint.archived
        ? 'code: no checkpoint has this code'
        : 'code: this checkpoint is on another route',
      { details: [{ path: 'code', message: 'not a checkpoint of this round’s route' }] },
    );
  }
  const now = ctx.clock.now();
  const visitedAt = body.visitedAt === undefined ? now : new Date(body.visitedAt);
  if (
    visitedAt.getTime() > now.getTime() + futureSlackMs ||
    visitedAt.getTime() < round.startedAt.getTime() - futureSlackMs
  ) {
    throw new AppError('VALIDATION_FAILED', 'visitedAt: outside the round', {
      details: [{ path: 'visitedAt', message: 'between the round’s start and now' }],
    });
  }
  const id = ctx.ids.newId();
  await inTransaction(ctx, async (tx) => {
    const inserted = await insertVisit(tx, {
      id,
      orgId: office.orgId,
      officeId: office.id,
      roundId: round.id,
      checkpointId: checkpoint.id,
      clientId: body.clientId,
      method: body.method,
      visitedAt,
      recordedAt: now,
      results: body.results,
      note: body.note === undefined || body.note === '' ? null : body.note,
    });
    if (!inserted) {
      throw new AppError('CONFLICT', `${checkpoint.name} is recorded in this round already`, {
        rule: 'WORK-3',
      });
    }
    const attached = await attachFiles(tx, {
      orgId: office.orgId,
      officeId: office.id,
      ownerKind: visitAttachmentKind,
      ownerId: id,
      files: body.attachments ?? [],
      by: ctx.actor.userId,
      at: now,
      ids: ctx.ids,
      imagesOnly: true,
    });
    await recordAudit(tx, ctx.clock, {
      orgId: office.orgId,
      actorUserId: ctx.actor.userId,
      action: 'patrol.checkpoint-visited',
      entityType: 'patrol-round',
      entityId: round.id,
      payload: {
        officeId: office.id,
        checkpointId: checkpoint.id,
        method: body.method,
        visitedAt: visitedAt.toISOString(),
        results: body.results,
        attachments: attached.map((a) => a.sha256),
      },
    });
  });
  return { round: await presentOne(ctx.db, round.id), replayed: false };
}

/**
 * Finishes the round: the return to the post is recorded (DISC-1) and the checkpoints not
 * reached stay in its record as missed. Finishing again answers with the round as it is.
 */
export async function finishPatrolRound(
  ctx: ServiceContext,
  officeId: string,
  roundId: string,
  body: z.infer<typeof finishRoundBodySchema>,
): Promise<PatrolRound> {
  const office = await loadOfficeFor(ctx, officeId, 'patrol.do-round');
  const round = await loadOwnRound(ctx, office, roundId);
  if (round.finishedAt !== null) return presentOne(ctx.db, round.id);
  const received = ctx.clock.now();
  const at = body.finishedAt === undefined ? received : new Date(body.finishedAt);
  if (
    at.getTime() > received.getTime() + futureSlackMs ||
    at.getTime() < round.startedAt.getTime()
  ) {
    throw new AppError('VALIDATION_FAILED', 'finishedAt: between the round’s start and now', {
      details: [{ path: 'finishedAt', message: 'between the round’s start and now' }],
    });
  }
  const absence = await findPostAbsence(ctx.db, round.absenceId);
  await inTransaction(ctx, async (tx) => {
    if (!(await finishRound(tx, round.id, at))) return;
    // the person may have recorded their return by hand already
    if (absence !== null) await recordReturn(tx, ctx, office, absence, at);
    const [presented] = await present(tx, [round]);
    await recordAudit(tx, ctx.clock, {
      orgId: office.orgId,
      actorUserId: ctx.actor.userId,
      action: 'patrol.round-finished',
      entityType: 'patrol-round',
      entityId: round.id,
      payload: { officeId: office.id, missed: presented?.notVisited.map((c) => c.id) ?? [] },
    });
  });
  return presentOne(ctx.db, round.id);
}

export async function getPatrolRound(
  ctx: ServiceContext,
  officeId: string,
  roundId: string,
): Promise<PatrolRound> {
  const office = await loadOfficeFor(ctx, officeId, 'patrol.do-round');
  const round = await findRound(ctx.db, roundId);
  if (round?.officeId !== office.id) throw new AppError('NOT_FOUND', 'no such patrol round');
  return presentOne(ctx.db, round.id);
}

/** The rounds of a day in the office's zone (today when no date), newest first. */
export async function listPatrolRounds(
  ctx: ServiceContext,
  officeId: string,
  query: z.infer<typeof roundListQuerySchema>,
): Promise<PatrolRoundList> {
  const office = await loadOfficeFor(ctx, officeId, 'patrol.do-round');
  const date = query.date ?? instantToLocal(ctx.clock.now(), office.timeZone).date;
  const from = localToInstant(date, '00:00', office.timeZone);
  const rounds = await listRounds(ctx.db, {
    officeId: office.id,
    from,
    to: new Date(from.getTime() + 86_400_000),
    ...(query.routeId === undefined ? {} : { routeId: query.routeId }),
  });
  return presentList(ctx.db, office.id, rounds, date, (m) =>
    query.routeId === undefined ? true : m.routeId === query.routeId,
  );
}

async function presentList(
  db: Queryable,
  officeId: string,
  rounds: readonly RoundRecord[],
  date: string,
  keep: (missed: MissedRoundRecord) => boolean,
): Promise<PatrolRoundList> {
  const [presented, missed, routes] = await Promise.all([
    present(db, rounds),
    listMissedRounds(db, officeId, date),
    listRoutes(db, officeId),
  ]);
  return {
    rounds: presented,
    missed: missed.filter(keep).map((m) => ({
      routeId: m.routeId,
      routeName: routes.find((r) => r.id === m.routeId)?.name ?? '',
      shiftCode: m.shiftCode,
      plannedIndex: m.plannedIndex,
      closedAt: m.closedAt.toISOString(),
    })),
  };
}

/**
 * A duty shift's patrols, for its handover record (issue 8: "a round with a skipped
 * checkpoint shows it as missed in the shift's record"): the rounds the person on that duty
 * made, with the checkpoints they missed, and the shift's planned rounds nobody started.
 */
export async function shiftPatrols(
  db: Queryable,
  session: Pick<DutySessionRecord, 'id' | 'officeId' | 'date' | 'shiftCode'>,
): Promise<PatrolRoundList> {
  const rounds = await listRounds(db, { officeId: session.officeId, dutySessionId: session.id });
  return presentList(
    db,
    session.officeId,
    rounds,
    session.date,
    (m) => m.shiftCode === session.shiftCode,
  );
}
