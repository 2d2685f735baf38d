import type { z } from 'zod';
import type {
  correctNcBodySchema,
  ncListQuerySchema,
  Nonconformance,
  NonconformanceDetail,
  RaiseNcBody,
  reopenNcBodySchema,
} from '../../shared/contract/patrol.ts';
import { AppError, type ErrorDetail, throwIfInvalid } from '../../shared/errors.ts';
import type { Queryable, Tx } from '../db/database.ts';
import { insertDeadline, settleDeadlinesOf, type DeadlineRow } from '../db/deadlines.repo.ts';
import { listOrgAdminIds } from '../db/desk-items.repo.ts';
import type { OfficeRow } from '../db/org.repo.ts';
import {
  appendNcEvent,
  findCheckpointsByIds,
  findNc,
  findNcByClientId,
  findRound,
  insertNc,
  listNcEvents,
  listNcs,
  updateNc,
  type NcRecord,
} from '../db/patrol.repo.ts';
import { listOfficeMembers } from '../db/user.repo.ts';
import { can } from '../domain/policy.ts';
import { recordAudit } from './audit.service.ts';
import { inTransaction, type ServiceContext, type ServiceDeps } from './context.ts';
import { attachFiles, attachmentsByOwner } from './files.service.ts';
import { notify } from './leave.service.ts';
import { loadOfficeFor } from './offices.service.ts';

/**
 * Non-conforming items 不合格项 (issue 8, point 3; WORK-3, WORK-4, ESC-1): raised from a round
 * or anywhere, corrected with evidence, verified by a supervisor who did not correct it (or
 * reopened with a reason). An item still open at its due time goes up level by level like a
 * help request: the supervisors at once, the director a day later — never skipped.
 */

const ownerKind = 'nonconformance';
export const ncDueKind = 'nc.due';
/** ESC-1: a day after the supervisors, an item still open reaches the director. */
const directorAfterMs = 24 * 3_600_000;

function present(n: NcRecord, now: Date): Nonconformance {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: n.id,
    officeId: n.officeId,
    what: n.what,
    checkpointId: n.checkpointId,
    checkpointName: n.checkpointName,
    location: n.location,
    roundId: n.roundId,
    severity: n.severity,
    assignee: n.assignee,
    dueAt: n.dueAt.toISOString(),
    overdue: n.status === 'open' && n.dueAt.getTime() < now.getTime(),
    status: n.status,
    version: n.version,
    createdBy: n.createdBy,
    createdByName: n.createdByName,
    createdAt: n.createdAt.toISOString(),
    correctedBy: n.correctedBy,
    correctedAt: iso(n.correctedAt),
    verifiedBy: n.verifiedBy,
    verifiedAt: iso(n.verifiedAt),
  };
}

async function detailOf(db: Queryable, n: NcRecord, now: Date): Promise<NonconformanceDetail> {
  const [events, files] = await Promise.all([
    listNcEvents(db, n.id),
    attachmentsByOwner(db, ownerKind, [n.id]),
  ]);
  return {
    item: present(n, now),
    attachments: (files.get(n.id) ?? []).map((f) => ({ sha256: f.sha256, fileName: f.fileName })),
    events: events.map((e) => ({
      seq: e.seq,
      kind: e.kind as NonconformanceDetail['events'][number]['kind'],
      actorId: e.actorId,
      actorName: e.actorName,
      at: e.at.toISOString(),
      payload: e.payload,
    })),
  };
}

async function writeEvent(
  tx: Tx,
  deps: ServiceDeps,
  n: Pick<NcRecord, 'id' | 'orgId' | 'officeId'>,
  kind: string,
  actorId: string | null,
  payload: Record<string, unknown>,
): Promise<void> {
  const at = deps.clock.now();
  await appendNcEvent(tx, {
    id: deps.ids.newId(),
    orgId: n.orgId,
    ncId: n.id,
    kind,
    actorId,
    at,
    payload,
  });
  await recordAudit(tx, deps.clock, {
    orgId: n.orgId,
    actorUserId: actorId,
    action: `nonconformance.${kind}`,
    entityType: 'nonconformance',
    entityId: n.id,
    payload: { officeId: n.officeId, ...payload },
  });
}

async function scheduleDue(
  tx: Tx,
  deps: ServiceDeps,
  n: Pick<NcRecord, 'id' | 'orgId' | 'officeId'>,
  level: 'supervisor' | 'director',
  dueAt: Date,
  suffix = '',
): Promise<void> {
  await insertDeadline(
    tx,
    {
      id: deps.ids.newId(),
      orgId: n.orgId,
      officeId: n.officeId,
      kind: ncDueKind,
      subjectId: n.id,
      key: `nc:${n.id}:due:${level}${suffix}`,
      dueAt,
    },
    deps.clock.now(),
  );
}

/**
 * Raises an item (WORK-3): where (a checkpoint of the office, or in words), what, severity,
 * who must correct it, by when, and photos. A replay of the same client id answers with the
 * item as stored.
 */
export async function raiseNc(
  ctx: ServiceContext,
  officeId: string,
  body: RaiseNcBody,
): Promise<{ detail: NonconformanceDetail; replayed: boolean }> {
  const office = await loadOfficeFor(ctx, officeId, 'patrol.do-round');
  const now = ctx.clock.now();
  const replay = await findNcByClientId(ctx.db, office.id, body.clientId);
  if (replay !== null) {
    if (replay.createdBy !== ctx.actor.userId) {
      throw new AppError('CONFLICT', 'clientId: used by another item', {
        details: [{ path: 'clientId', message: 'used by another item' }],
      });
    }
    return { detail: await detailOf(ctx.db, replay, now), replayed: true };
  }
  const details: ErrorDetail[] = [];
  if (body.checkpointId !== undefined) {
    const checkpoint = (await findCheckpointsByIds(ctx.db, [body.checkpointId])).get(
      body.checkpointId,
    );
    const route =
      checkpoint === undefined ? null : await findRoundRoute(ctx.db, checkpoint.routeId);
    if (route !== office.id)
      details.push({ path: 'checkpointId', message: 'no such checkpoint in this office' });
  }
  if (body.roundId !== undefined) {
    const round = await findRound(ctx.db, body.roundId);
    if (round?.officeId !== office.id)
      details.push({ path: 'roundId', message: 'no such round in this office' });
  }
  const dueAt = new Date(body.dueAt);
  if (dueAt.getTime() <= now.getTime())
    details.push({ path: 'dueAt', message: 'a time still to come' });
  throwIfInvalid(details, 'WORK-3');
  const record = {
    id: ctx.ids.newId(),
    orgId: office.orgId,
    officeId: office.id,
    clientId: body.clientId,
    what: body.what,
    checkpointId: body.checkpointId ?? null,
    location: body.location === undefined || body.location === '' ? null : body.location,
    roundId: body.roundId ?? null,
    severity: body.severity,
    assignee: body.assignee,
    dueAt,
    status: 'open' as const,
    version: 1,
    createdBy: ctx.actor.userId,
    createdAt: now,
    correctedBy: null,
    correctedAt: null,
    verifiedBy: null,
    verifiedAt: null,
  };
  await inTransaction(ctx, async (tx) => {
    if (!(await insertNc(tx, record))) {
      throw new AppError('CONFLICT', 'this item was recorded meanwhile; reload');
    }
    const attached = await attachFiles(tx, {
      orgId: office.orgId,
      officeId: office.id,
      ownerKind,
      ownerId: record.id,
      files: body.attachments ?? [],
      by: ctx.actor.userId,
      at: now,
      ids: ctx.ids,
      imagesOnly: true,
    });
    await writeEvent(tx, ctx, record, 'raised', ctx.actor.userId, {
      what: body.what,
      severity: body.severity,
      assignee: body.assignee,
      dueAt: dueAt.toISOString(),
      attachments: attached.map((a) => a.sha256),
    });
    await scheduleDue(tx, ctx, record, 'supervisor', dueAt);
  });
  const saved = await findNc(ctx.db, record.id);
  return { detail: await detailOf(ctx.db, saved!, now), replayed: false };
}

async function findRoundRoute(db: Queryable, routeId: string): Promise<string | null> {
  const route = await db
    .selectFrom('patrol_routes')
    .select('office_id')
    .where('id', '=', routeId)
    .executeTakeFirst();
  return route?.office_id ?? null;
}

async function loadNc(ctx: ServiceContext, office: OfficeRow, ncId: string): Promise<NcRecord> {
  const n = await findNc(ctx.db, ncId);
  if (n?.officeId !== office.id) throw new AppError('NOT_FOUND', 'no such non-conforming item');
  return n;
}

function changedMeanwhile(): AppError {
  return new AppError('VERSION_CONFLICT', 'this item was changed meanwhile; reload it', {
    rule: 'WORK-3',
  });
}

function refuseStatus(n: NcRecord, step: string): never {
  throw new AppError('RULE_VIOLATION', `cannot ${step} an item that is ${n.status}`, {
    rule: 'WORK-3',
    details: { status: n.status },
  });
}

/** Records the correction with its evidence (open → corrected); the due clocks stop. */
export async function correctNc(
  ctx: ServiceContext,
  officeId: string,
  ncId: string,
  body: z.infer<typeof correctNcBodySchema>,
): Promise<NonconformanceDetail> {
  const office = await loadOfficeFor(ctx, officeId, 'patrol.do-round');
  const n = await loadNc(ctx, office, ncId);
  if (n.status !== 'open') refuseStatus(n, 'correct');
  const now = ctx.clock.now();
  await inTransaction(ctx, async (tx) => {
    const moved = await updateNc(tx, n.id, body.version, {
      status: 'corrected',
      correctedBy: ctx.actor.userId,
      correctedAt: now,
    });
    if (!moved) throw changedMeanwhile();
    const attached = await attachFiles(tx, {
      orgId: office.orgId,
      officeId: office.id,
      ownerKind,
      ownerId: n.id,
      files: body.attachments,
      by: ctx.actor.userId,
      at: now,
      ids: ctx.ids,
    });
    await settleDeadlinesOf(tx, n.id, [ncDueKind], 'corrected', now);
    await writeEvent(tx, ctx, n, 'corrected', ctx.actor.userId, {
      text: body.text,
      attachments: attached.map((a) => a.sha256),
    });
  });
  return detailOf(ctx.db, (await findNc(ctx.db, n.id))!, ctx.clock.now());
}

/**
 * The supervisor verifies the correction (corrected → verified). Nobody verifies what they
 * corrected themselves (403), and staff do not verify (403).
 */
export async function verifyNc(
  ctx: ServiceContext,
  officeId: string,
  ncId: string,
  version: number,
): Promise<NonconformanceDetail> {
  const office = await loadOfficeFor(ctx, officeId, 'patrol.do-round');
  const n = await loadNc(ctx, office, ncId);
  const resource = { orgId: office.orgId, officeId: office.id, ownerUserId: n.correctedBy ?? '' };
  if (!can(ctx.actor, 'nonconformance.verify', resource)) {
    throw new AppError(
      'FORBIDDEN',
      n.correctedBy === ctx.actor.userId
        ? 'the person who corrected it does not verify it'
        : 'a supervisor verifies corrections',
      { rule: 'WORK-3' },
    );
  }
  if (n.status !== 'corrected') refuseStatus(n, 'verify');
  const now = ctx.clock.now();
  await inTransaction(ctx, async (tx) => {
    const moved = await updateNc(tx, n.id, version, {
      status: 'verified',
      verifiedBy: ctx.actor.userId,
      verifiedAt: now,
    });
    if (!moved) throw changedMeanwhile();
    await writeEvent(tx, ctx, n, 'verified', ctx.actor.userId, {});
  });
  return detailOf(ctx.db, (await findNc(ctx.db, n.id))!, now);
}

/** The supervisor sends a correction back (corrected → open) with a reason; clocks restart. */
export async function reopenNc(
  ctx: ServiceContext,
  officeId: string,
  ncId: string,
  body: z.infer<typeof reopenNcBodySchema>,
): Promise<NonconformanceDetail> {
  const office = await loadOfficeFor(ctx, officeId, 'nonconformance.verify');
  const n = await loadNc(ctx, office, ncId);
  if (n.status !== 'corrected') refuseStatus(n, 'reopen');
  const now = ctx.clock.now();
  await inTransaction(ctx, async (tx) => {
    const moved = await updateNc(tx, n.id, body.version, {
      status: 'open',
      correctedBy: null,
      correctedAt: null,
    });
    if (!moved) throw changedMeanwhile();
    await writeEvent(tx, ctx, n, 'reopened', ctx.actor.userId, { reason: body.reason });
    // overdue already: the supervisors hear again at once; else at the due time
    const dueAt = n.dueAt.getTime() > now.getTime() ? n.dueAt : now;
    await scheduleDue(tx, ctx, n, 'supervisor', dueAt, `:${body.version}`);
  });
  return detailOf(ctx.db, (await findNc(ctx.db, n.id))!, now);
}

export async function getNc(
  ctx: ServiceContext,
  officeId: string,
  ncId: string,
): Promise<NonconformanceDetail> {
  const office = await loadOfficeFor(ctx, officeId, 'patrol.do-round');
  return detailOf(ctx.db, await loadNc(ctx, office, ncId), ctx.clock.now());
}

/** The list with filters; by default what is not verified yet, the earliest due first. */
export async function listNonconformances(
  ctx: ServiceContext,
  officeId: string,
  query: z.infer<typeof ncListQuerySchema>,
): Promise<{ items: Nonconformance[] }> {
  const office = await loadOfficeFor(ctx, officeId, 'patrol.do-round');
  const statuses =
    query.status === 'all'
      ? ['open', 'corrected', 'verified']
      : query.status === 'unverified'
        ? ['open', 'corrected']
        : [query.status];
  const items = await listNcs(ctx.db, {
    officeId: office.id,
    statuses,
    ...(query.severity === undefined ? {} : { severity: query.severity }),
    ...(query.assignee === undefined ? {} : { assignee: query.assignee }),
    ...(query.checkpointId === undefined ? {} : { checkpointId: query.checkpointId }),
  });
  const now = ctx.clock.now();
  return { items: items.map((n) => present(n, now)) };
}

/**
 * The items a handover carries across shifts (issue 8): the office's unverified ones now, or,
 * for a sealed handover, those raised and not yet verified when it was sealed.
 */
export async function carriedNonconformances(
  db: Queryable,
  officeId: string,
  sealedAt: Date | null,
  now: Date,
): Promise<Nonconformance[]> {
  const items = await listNcs(db, {
    officeId,
    statuses: sealedAt === null ? ['open', 'corrected'] : ['open', 'corrected', 'verified'],
    ...(sealedAt === null ? {} : { unverifiedAt: sealedAt }),
  });
  return items.map((n) => present(n, now));
}

/**
 * The 'nc.due' clock (WORK-4, ESC-1): an item still open at its due time reaches the office's
 * supervisors, and a day later its director; a level nobody holds is kept and the
 * organization's admins are told.
 */
export async function handleNcDue(
  tx: Tx,
  deadline: DeadlineRow,
  deps: ServiceDeps,
): Promise<string> {
  const n = await findNc(tx, deadline.subjectId);
  if (n === null) return 'nothing-to-do';
  if (n.status !== 'open') return n.status;
  const level = deadline.key.includes(':due:director') ? 'director' : 'supervisor';
  const members = (await listOfficeMembers(tx, n.officeId)).filter(
    (m) => m.active && m.role === level,
  );
  const payload = {
    officeId: n.officeId,
    ncId: n.id,
    what: n.what,
    level,
    dueAt: n.dueAt.toISOString(),
  };
  await notify(
    tx,
    deps,
    n.orgId,
    members.map((m) => m.userId),
    'nc.overdue',
    payload,
  );
  if (members.length === 0) {
    await notify(tx, deps, n.orgId, await listOrgAdminIds(tx, n.orgId), 'nc.level-vacant', payload);
  }
  await writeEvent(tx, deps, n, 'overdue', null, { level, reached: members.map((m) => m.userId) });
  if (level === 'supervisor') {
    await scheduleDue(
      tx,
      deps,
      n,
      'director',
      new Date(deadline.dueAt.getTime() + directorAfterMs),
      deadline.key.slice(deadline.key.indexOf(':due:supervisor') + ':due:supervisor'.length),
    );
  }
  return `escalated-${level}`;
}
