import type { Queryable } from './database.ts';
import { readInstant, writeInstant } from './values.ts';

/** Patrol routes and their checkpoints (issue 8). */

export type PlannedRoundRecord = {
  shiftCode: string;
  offsetMinutes: number;
  windowMinutes: number;
};

export type RouteRecord = {
  id: string;
  orgId: string;
  officeId: string;
  name: string;
  version: number;
  plannedRounds: PlannedRoundRecord[];
  updatedAt: Date;
};

export type CheckpointRecord = {
  id: string;
  routeId: string;
  seq: number;
  name: string;
  code: string;
  checklist: string[];
};

export async function insertRoute(
  db: Queryable,
  r: Omit<RouteRecord, 'updatedAt'> & { at: Date; by: string },
): Promise<void> {
  await db
    .insertInto('patrol_routes')
    .values({
      id: r.id,
      org_id: r.orgId,
      office_id: r.officeId,
      name: r.name,
      version: r.version,
      planned_rounds: JSON.stringify(r.plannedRounds),
      created_at: writeInstant(r.at),
      updated_at: writeInstant(r.at),
      updated_by: r.by,
    })
    .execute();
}

/** Saves a route's next version; false when it is not at `fromVersion` any more. */
export async function updateRoute(
  db: Queryable,
  id: string,
  fromVersion: number,
  r: { name: string; plannedRounds: PlannedRoundRecord[]; at: Date; by: string },
): Promise<boolean> {
  const result = await db
    .updateTable('patrol_routes')
    .set({
      name: r.name,
      version: fromVersion + 1,
      planned_rounds: JSON.stringify(r.plannedRounds),
      updated_at: writeInstant(r.at),
      updated_by: r.by,
    })
    .where('id', '=', id)
    .where('version', '=', fromVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

function toRoute(r: {
  id: string;
  org_id: string;
  office_id: string;
  name: string;
  version: number;
  planned_rounds: string;
  updated_at: Date | string;
}): RouteRecord {
  return {
    id: r.id,
    orgId: r.org_id,
    officeId: r.office_id,
    name: r.name,
    version: r.version,
    plannedRounds: JSON.parse(r.planned_rounds) as PlannedRoundRecord[],
    updatedAt: readInstant(r.updated_at),
  };
}

const routeColumns = [
  'id',
  'org_id',
  'office_id',
  'name',
  'version',
  'planned_rounds',
  'updated_at',
] as const;

export async function findRoute(db: Queryable, id: string): Promise<RouteRecord | null> {
  const row = await db
    .selectFrom('patrol_routes')
    .select(routeColumns)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toRoute(row) : null;
}

export async function listRoutes(db: Queryable, officeId: string): Promise<RouteRecord[]> {
  const rows = await db
    .selectFrom('patrol_routes')
    .select(routeColumns)
    .where('office_id', '=', officeId)
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map(toRoute);
}

/** The checkpoints in use on routes, in their order (archived ones left out). */
export async function listCheckpoints(
  db: Queryable,
  routeIds: readonly string[],
): Promise<CheckpointRecord[]> {
  if (routeIds.length === 0) return [];
  const rows = await db
    .selectFrom('patrol_checkpoints')
    .select(['id', 'route_id', 'seq', 'name', 'code', 'checklist'])
    .where('route_id', 'in', [...routeIds])
    .where('archived_at', 'is', null)
    .orderBy('route_id')
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    routeId: r.route_id,
    seq: r.seq,
    name: r.name,
    code: r.code,
    checklist: JSON.parse(r.checklist) as string[],
  }));
}

/** A new checkpoint; false when its code is taken in the office (the caller draws again). */
export async function insertCheckpoint(
  db: Queryable,
  c: CheckpointRecord & { orgId: string; officeId: string },
): Promise<boolean> {
  const result = await db
    .insertInto('patrol_checkpoints')
    .values({
      id: c.id,
      org_id: c.orgId,
      office_id: c.officeId,
      route_id: c.routeId,
      seq: c.seq,
      name: c.name,
      code: c.code,
      checklist: JSON.stringify(c.checklist),
    })
    .onConflict((oc) => oc.columns(['office_id', 'code']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function updateCheckpoint(
  db: Queryable,
  c: Pick<CheckpointRecord, 'id' | 'seq' | 'name' | 'checklist'>,
): Promise<void> {
  await db
    .updateTable('patrol_checkpoints')
    .set({ seq: c.seq, name: c.name, checklist: JSON.stringify(c.checklist) })
    .where('id', '=', c.id)
    .execute();
}

export async function archiveCheckpoints(
  db: Queryable,
  ids: readonly string[],
  at: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('patrol_checkpoints')
    .set({ archived_at: writeInstant(at) })
    .where('id', 'in', [...ids])
    .execute();
}
