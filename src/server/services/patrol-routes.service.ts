import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import type {
  CheckpointStatus,
  PatrolRoute,
  RouteBody,
  UpdateRouteBody,
} from '../../shared/contract/patrol.ts';
import { AppError, type ErrorDetail, throwIfInvalid } from '../../shared/errors.ts';
import type { Queryable, Tx } from '../db/database.ts';
import type { OfficeRow } from '../db/org.repo.ts';
import { listShiftTemplatesOfOffices } from '../db/org.repo.ts';
import {
  archiveCheckpoints,
  countUnverifiedNcsByCheckpoint,
  findRoute,
  insertCheckpoint,
  insertRoute,
  latestVisits,
  listCheckpoints,
  listRoutes,
  updateCheckpoint,
  updateRoute,
  type RouteRecord,
} from '../db/patrol.repo.ts';
import { checkPlan, checkpointCode, checkpointScanUrl } from '../domain/patrol/patrol.ts';
import { shiftMinutes } from '../domain/shift-templates.ts';
import { recordAudit } from './audit.service.ts';
import { inTransaction, type ServiceContext } from './context.ts';
import { loadOfficeFor } from './offices.service.ts';

/**
 * Patrol routes 巡查路线 (issue 8, point 1): the supervisor lays out each route's ordered
 * checkpoints with their checklists and the rounds planned in each shift. Every checkpoint
 * gets a short code, unique in the office, printed as a QR label; editing a route keeps the
 * codes of the checkpoints it keeps, and a checkpoint taken off is archived, never deleted.
 */

async function present(db: Queryable, routes: readonly RouteRecord[]): Promise<PatrolRoute[]> {
  const checkpoints = await listCheckpoints(
    db,
    routes.map((r) => r.id),
  );
  return routes.map((r) => ({
    id: r.id,
    officeId: r.officeId,
    name: r.name,
    version: r.version,
    plannedRounds: r.plannedRounds,
    updatedAt: r.updatedAt.toISOString(),
    checkpoints: checkpoints
      .filter((c) => c.routeId === r.id)
      .map((c) => ({ id: c.id, seq: c.seq, name: c.name, code: c.code, checklist: c.checklist })),
  }));
}

export async function listPatrolRoutes(
  ctx: ServiceContext,
  officeId: string,
): Promise<{ routes: PatrolRoute[] }> {
  const office = await loadOfficeFor(ctx, officeId, 'patrol.do-round');
  return { routes: await present(ctx.db, await listRoutes(ctx.db, office.id)) };
}

/**
 * The office's checkpoints as a list (issue 8, point 4: the map of checkpoints), route by
 * route in their order, each with its latest visit and its unverified non-conforming items.
 */
export async function listCheckpointStatus(
  ctx: ServiceContext,
  officeId: string,
): Promise<{ checkpoints: CheckpointStatus[] }> {
  const office = await loadOfficeFor(ctx, officeId, 'patrol.do-round');
  const routes = await listRoutes(ctx.db, office.id);
  const checkpoints = await listCheckpoints(
    ctx.db,
    routes.map((r) => r.id),
  );
  const [visits, ncCounts] = await Promise.all([
    latestVisits(
      ctx.db,
      checkpoints.map((c) => c.id),
    ),
    countUnverifiedNcsByCheckpoint(ctx.db, office.id),
  ]);
  const routeName = new Map(routes.map((r) => [r.id, r.name]));
  const routeOrder = new Map(routes.map((r, i) => [r.id, i]));
  return {
    checkpoints: checkpoints
      .map((c) => {
        const visit = visits.get(c.id);
        return {
          id: c.id,
          routeId: c.routeId,
          routeName: routeName.get(c.routeId) ?? '',
          seq: c.seq,
          name: c.name,
          code: c.code,
          checklist: c.checklist,
          lastVisit:
            visit === undefined
              ? null
              : {
                  at: visit.visitedAt.toISOString(),
                  roundId: visit.roundId,
                  userId: visit.userId,
                  displayName: visit.displayName,
                  notOk: visit.results.filter((r) => !r.ok).map((r) => r.item),
                },
          openNonconformances: ncCounts.get(c.id) ?? 0,
        };
      })
      .sort(
        (a, b) =>
          (routeOrder.get(a.routeId) ?? 0) - (routeOrder.get(b.routeId) ?? 0) || a.seq - b.seq,
      ),
  };
}

async function loadRoute(ctx: ServiceContext, office: OfficeRow, routeId: string) {
  const route = await findRoute(ctx.db, routeId);
  if (route?.officeId !== office.id) throw new AppError('NOT_FOUND', 'no such patrol route');
  return route;
}

export async function getPatrolRoute(
  ctx: ServiceContext,
  officeId: string,
  routeId: string,
): Promise<PatrolRoute> {
  const office = await loadOfficeFor(ctx, officeId, 'patrol.do-round');
  const [presented] = await present(ctx.db, [await loadRoute(ctx, office, routeId)]);
  return presented!;
}

/** The planned rounds must fall in shifts of the office (400 naming the entry otherwise). */
async function checkPlannedRounds(db: Queryable, office: OfficeRow, body: RouteBody) {
  const templates = await listShiftTemplatesOfOffices(db, [office.id]);
  const lengths = new Map(templates.map((t) => [t.code, shiftMinutes(t)]));
  const details: ErrorDetail[] = checkPlan(body.plannedRounds, lengths).map((p) => ({
    path: `plannedRounds.${p.index}`,
    message: p.message,
  }));
  const names = body.checkpoints.map((c) => c.name);
  names.forEach((name, index) => {
    if (names.indexOf(name) !== index) {
      details.push({ path: `checkpoints.${index}.name`, message: 'listed twice on this route' });
    }
  });
  throwIfInvalid(details, 'WORK-3');
}

/** Inserts a checkpoint with a fresh code, drawing again on the rare clash in the office. */
async function addCheckpoint(
  tx: Tx,
  ctx: ServiceContext,
  route: Pick<RouteRecord, 'id' | 'orgId' | 'officeId'>,
  seq: number,
  checkpoint: { name: string; checklist: string[] },
): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const added = await insertCheckpoint(tx, {
      id: ctx.ids.newId(),
      orgId: route.orgId,
      officeId: route.officeId,
      routeId: route.id,
      seq,
      name: checkpoint.name,
      code: checkpointCode(randomBytes(6)),
      checklist: checkpoint.checklist,
    });
    if (added) return;
  }
  throw new Error('could not draw a free checkpoint code in ten attempts');
}

export async function createPatrolRoute(
  ctx: ServiceContext,
  officeId: string,
  body: RouteBody,
): Promise<PatrolRoute> {
  const office = await loadOfficeFor(ctx, officeId, 'patrol.manage-routes');
  await checkPlannedRounds(ctx.db, office, body);
  const details: ErrorDetail[] = body.checkpoints.flatMap((c, index) =>
    c.id === undefined
      ? []
      : [{ path: `checkpoints.${index}.id`, message: 'a new route has no checkpoints yet' }],
  );
  throwIfInvalid(details, 'WORK-3');
  const id = ctx.ids.newId();
  const now = ctx.clock.now();
  await inTransaction(ctx, async (tx) => {
    const route = { id, orgId: office.orgId, officeId: office.id };
    await insertRoute(tx, {
      ...route,
      name: body.name,
      version: 1,
      plannedRounds: body.plannedRounds,
      at: now,
      by: ctx.actor.userId,
    });
    for (const [index, checkpoint] of body.checkpoints.entries()) {
      await addCheckpoint(tx, ctx, route, index + 1, checkpoint);
    }
    await recordAudit(tx, ctx.clock, {
      orgId: office.orgId,
      actorUserId: ctx.actor.userId,
      action: 'patrol-route.created',
      entityType: 'patrol-route',
      entityId: id,
      payload: { officeId: office.id, ...body },
    });
  });
  return getPatrolRoute(ctx, office.id, id);
}

export async function updatePatrolRoute(
  ctx: ServiceContext,
  officeId: string,
  routeId: string,
  body: UpdateRouteBody,
): Promise<PatrolRoute> {
  const office = await loadOfficeFor(ctx, officeId, 'patrol.manage-routes');
  const route = await loadRoute(ctx, office, routeId);
  await checkPlannedRounds(ctx.db, office, body);
  const existing = await listCheckpoints(ctx.db, [route.id]);
  const known = new Set(existing.map((c) => c.id));
  const details: ErrorDetail[] = body.checkpoints.flatMap((c, index) =>
    c.id === undefined || known.has(c.id)
      ? []
      : [{ path: `checkpoints.${index}.id`, message: 'not a checkpoint of this route' }],
  );
  throwIfInvalid(details, 'WORK-3');
  const now = ctx.clock.now();
  await inTransaction(ctx, async (tx) => {
    const moved = await updateRoute(tx, route.id, body.version, {
      name: body.name,
      plannedRounds: body.plannedRounds,
      at: now,
      by: ctx.actor.userId,
    });
    if (!moved) {
      throw new AppError('VERSION_CONFLICT', 'the route was changed meanwhile; reload it');
    }
    const kept = new Set(body.checkpoints.flatMap((c) => (c.id === undefined ? [] : [c.id])));
    await archiveCheckpoints(
      tx,
      existing.filter((c) => !kept.has(c.id)).map((c) => c.id),
      now,
    );
    for (const [index, checkpoint] of body.checkpoints.entries()) {
      if (checkpoint.id === undefined) {
        await addCheckpoint(tx, ctx, route, index + 1, checkpoint);
      } else {
        await updateCheckpoint(tx, {
          id: checkpoint.id,
          seq: index + 1,
          name: checkpoint.name,
          checklist: checkpoint.checklist,
        });
      }
    }
    await recordAudit(tx, ctx.clock, {
      orgId: office.orgId,
      actorUserId: ctx.actor.userId,
      action: 'patrol-route.updated',
      entityType: 'patrol-route',
      entityId: route.id,
      payload: { officeId: office.id, ...body },
    });
  });
  return getPatrolRoute(ctx, office.id, route.id);
}

/**
 * The QR label of a checkpoint as a PNG: the app's scan URL for its code (so the phone's own
 * camera opens the round at that checkpoint), error correction M, a quiet zone of 4 modules.
 */
export async function checkpointLabelPng(
  ctx: ServiceContext,
  officeId: string,
  routeId: string,
  checkpointId: string,
  origin: string,
): Promise<{ png: Buffer; code: string; name: string }> {
  const office = await loadOfficeFor(ctx, officeId, 'patrol.do-round');
  const route = await loadRoute(ctx, office, routeId);
  const checkpoint = (await listCheckpoints(ctx.db, [route.id])).find((c) => c.id === checkpointId);
  if (checkpoint === undefined) throw new AppError('NOT_FOUND', 'no such checkpoint on this route');
  const png = await QRCode.toBuffer(checkpointScanUrl(origin, checkpoint.code), {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 4,
    scale: 8,
  });
  return { png, code: checkpoint.code, name: checkpoint.name };
}
