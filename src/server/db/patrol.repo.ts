import type { Selectable } from 'kysely';
import type { Queryable } from './database.ts';
import type { PatrolVisitTable } from './schema.ts';
import {
  readFlag,
  readInstant,
  readInstantOrNull,
  writeFlag,
  writeInstant,
  readHistoryEvent,
  type HistoryEvent,
} from './values.ts';

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

export type RoundRecord = {
  id: string;
  orgId: string;
  officeId: string;
  routeId: string;
  userId: string;
  displayName: string;
  dutySessionId: string;
  absenceId: string;
  clientId: string;
  plannedKey: string | null;
  plannedIndex: number | null;
  windowOpensAt: Date | null;
  windowClosesAt: Date | null;
  late: boolean;
  startedAt: Date;
  finishedAt: Date | null;
};

/** A round; false when its client id (a replay) or its planned round is taken already. */
export async function insertRound(
  db: Queryable,
  r: Omit<RoundRecord, 'displayName' | 'finishedAt'>,
): Promise<boolean> {
  const result = await db
    .insertInto('patrol_rounds')
    .values({
      id: r.id,
      org_id: r.orgId,
      office_id: r.officeId,
      route_id: r.routeId,
      user_id: r.userId,
      duty_session_id: r.dutySessionId,
      absence_id: r.absenceId,
      client_id: r.clientId,
      planned_key: r.plannedKey,
      planned_index: r.plannedIndex,
      window_opens_at: r.windowOpensAt === null ? null : writeInstant(r.windowOpensAt),
      window_closes_at: r.windowClosesAt === null ? null : writeInstant(r.windowClosesAt),
      late: writeFlag(r.late),
      started_at: writeInstant(r.startedAt),
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

function roundQuery(db: Queryable) {
  return db
    .selectFrom('patrol_rounds as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .selectAll('r')
    .select('u.display_name');
}

type RoundRow = Awaited<ReturnType<ReturnType<typeof roundQuery>['executeTakeFirstOrThrow']>>;

function toRound(r: RoundRow): RoundRecord {
  return {
    id: r.id,
    orgId: r.org_id,
    officeId: r.office_id,
    routeId: r.route_id,
    userId: r.user_id,
    displayName: r.display_name,
    dutySessionId: r.duty_session_id,
    absenceId: r.absence_id,
    clientId: r.client_id,
    plannedKey: r.planned_key,
    plannedIndex: r.planned_index,
    windowOpensAt: readInstantOrNull(r.window_opens_at),
    windowClosesAt: readInstantOrNull(r.window_closes_at),
    late: readFlag(r.late),
    startedAt: readInstant(r.started_at),
    finishedAt: readInstantOrNull(r.finished_at),
  };
}

export async function findRound(db: Queryable, id: string): Promise<RoundRecord | null> {
  const row = await roundQuery(db).where('r.id', '=', id).executeTakeFirst();
  return row ? toRound(row) : null;
}

export async function findRoundByClientId(
  db: Queryable,
  officeId: string,
  clientId: string,
): Promise<RoundRecord | null> {
  const row = await roundQuery(db)
    .where('r.office_id', '=', officeId)
    .where('r.client_id', '=', clientId)
    .executeTakeFirst();
  return row ? toRound(row) : null;
}

/** Rounds of an office started in an interval (or claiming planned keys), newest first. */
export async function listRounds(
  db: Queryable,
  filter: {
    officeId: string;
    from?: Date;
    to?: Date;
    routeId?: string;
    plannedKeys?: string[];
    dutySessionId?: string;
  },
): Promise<RoundRecord[]> {
  let query = roundQuery(db).where('r.office_id', '=', filter.officeId);
  if (filter.dutySessionId !== undefined) {
    query = query.where('r.duty_session_id', '=', filter.dutySessionId);
  }
  if (filter.from !== undefined)
    query = query.where('r.started_at', '>=', writeInstant(filter.from));
  if (filter.to !== undefined) query = query.where('r.started_at', '<', writeInstant(filter.to));
  if (filter.routeId !== undefined) query = query.where('r.route_id', '=', filter.routeId);
  if (filter.plannedKeys !== undefined) {
    if (filter.plannedKeys.length === 0) return [];
    query = query.where('r.planned_key', 'in', filter.plannedKeys);
  }
  const rows = await query.orderBy('r.started_at', 'desc').orderBy('r.id').execute();
  return rows.map(toRound);
}

export async function finishRound(db: Queryable, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('patrol_rounds')
    .set({ finished_at: writeInstant(at) })
    .where('id', '=', id)
    .where('finished_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type VisitRecord = {
  id: string;
  roundId: string;
  checkpointId: string;
  clientId: string;
  method: string;
  visitedAt: Date;
  recordedAt: Date;
  results: { item: string; ok: boolean }[];
  note: string | null;
};

/** A visit; false when its client id (a replay) or its checkpoint in the round is taken. */
export async function insertVisit(
  db: Queryable,
  v: VisitRecord & { orgId: string; officeId: string },
): Promise<boolean> {
  const result = await db
    .insertInto('patrol_visits')
    .values({
      id: v.id,
      org_id: v.orgId,
      office_id: v.officeId,
      round_id: v.roundId,
      checkpoint_id: v.checkpointId,
      client_id: v.clientId,
      method: v.method,
      visited_at: writeInstant(v.visitedAt),
      recorded_at: writeInstant(v.recordedAt),
      results: JSON.stringify(v.results),
      note: v.note,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function listVisits(
  db: Queryable,
  roundIds: readonly string[],
): Promise<VisitRecord[]> {
  if (roundIds.length === 0) return [];
  const rows = await db
    .selectFrom('patrol_visits')
    .selectAll()
    .where('round_id', 'in', [...roundIds])
    .orderBy('visited_at')
    .orderBy('id')
    .execute();
  return rows.map(toVisit);
}

function toVisit(r: Selectable<PatrolVisitTable>): VisitRecord {
  return {
    id: r.id,
    roundId: r.round_id,
    checkpointId: r.checkpoint_id,
    clientId: r.client_id,
    method: r.method,
    visitedAt: readInstant(r.visited_at),
    recordedAt: readInstant(r.recorded_at),
    results: JSON.parse(r.results) as { item: string; ok: boolean }[],
    note: r.note,
  };
}

/** The latest visit of each of these checkpoints, with who made it. */
export async function latestVisits(
  db: Queryable,
  checkpointIds: readonly string[],
): Promise<Map<string, VisitRecord & { userId: string; displayName: string }>> {
  if (checkpointIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('patrol_visits as v')
    .innerJoin('patrol_rounds as r', 'r.id', 'v.round_id')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .selectAll('v')
    .select(['r.user_id', 'u.display_name'])
    .where('v.checkpoint_id', 'in', [...checkpointIds])
    .where((e) =>
      e(
        'v.visited_at',
        '=',
        e
          .selectFrom('patrol_visits as w')
          .select((e) => e.fn.max('w.visited_at').as('last'))
          .whereRef('w.checkpoint_id', '=', 'v.checkpoint_id'),
      ),
    )
    .orderBy('v.id')
    .execute();
  const latest = new Map<string, VisitRecord & { userId: string; displayName: string }>();
  for (const r of rows) {
    if (!latest.has(r.checkpoint_id)) {
      latest.set(r.checkpoint_id, {
        ...toVisit(r),
        userId: r.user_id,
        displayName: r.display_name,
      });
    }
  }
  return latest;
}

/** How many unverified non-conforming items each checkpoint of the office has. */
export async function countUnverifiedNcsByCheckpoint(
  db: Queryable,
  officeId: string,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('nonconformances')
    .select(['checkpoint_id', (e) => e.fn.countAll<number | string | bigint>().as('n')])
    .where('office_id', '=', officeId)
    .where('status', 'in', ['open', 'corrected'])
    .where('checkpoint_id', 'is not', null)
    .groupBy('checkpoint_id')
    .execute();
  return new Map(rows.map((r) => [r.checkpoint_id ?? '', Number(r.n)]));
}

export async function findVisitByClientId(
  db: Queryable,
  officeId: string,
  clientId: string,
): Promise<VisitRecord | null> {
  const row = await db
    .selectFrom('patrol_visits')
    .selectAll()
    .where('office_id', '=', officeId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row === undefined ? null : toVisit(row);
}

/** Every checkpoint of a route by code, archived ones too (a visit may name an old label). */
export async function findCheckpointByCode(
  db: Queryable,
  officeId: string,
  code: string,
): Promise<(CheckpointRecord & { archived: boolean }) | null> {
  const row = await db
    .selectFrom('patrol_checkpoints')
    .select(['id', 'route_id', 'seq', 'name', 'code', 'checklist', 'archived_at'])
    .where('office_id', '=', officeId)
    .where('code', '=', code)
    .executeTakeFirst();
  if (row === undefined) return null;
  return {
    id: row.id,
    routeId: row.route_id,
    seq: row.seq,
    name: row.name,
    code: row.code,
    checklist: JSON.parse(row.checklist) as string[],
    archived: row.archived_at !== null,
  };
}

/** Checkpoints by id, archived ones too (a past visit's checkpoint may have left its route). */
export async function findCheckpointsByIds(
  db: Queryable,
  ids: readonly string[],
): Promise<Map<string, CheckpointRecord>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('patrol_checkpoints')
    .select(['id', 'route_id', 'seq', 'name', 'code', 'checklist'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        routeId: r.route_id,
        seq: r.seq,
        name: r.name,
        code: r.code,
        checklist: JSON.parse(r.checklist) as string[],
      },
    ]),
  );
}

export type NcRecord = {
  id: string;
  orgId: string;
  officeId: string;
  clientId: string;
  what: string;
  checkpointId: string | null;
  checkpointName: string | null;
  location: string | null;
  roundId: string | null;
  severity: 'minor' | 'major' | 'critical';
  assignee: 'duty' | 'maintenance' | 'cleaning' | 'contractor';
  dueAt: Date;
  status: 'open' | 'corrected' | 'verified';
  version: number;
  createdBy: string;
  createdByName: string;
  createdAt: Date;
  correctedBy: string | null;
  correctedAt: Date | null;
  verifiedBy: string | null;
  verifiedAt: Date | null;
};

/** A new item; false when its client id is taken (a replay from the phone). */
export async function insertNc(
  db: Queryable,
  n: Omit<NcRecord, 'checkpointName' | 'createdByName'>,
): Promise<boolean> {
  const result = await db
    .insertInto('nonconformances')
    .values({
      id: n.id,
      org_id: n.orgId,
      office_id: n.officeId,
      client_id: n.clientId,
      what: n.what,
      checkpoint_id: n.checkpointId,
      location: n.location,
      round_id: n.roundId,
      severity: n.severity,
      assignee: n.assignee,
      due_at: writeInstant(n.dueAt),
      status: n.status,
      version: n.version,
      created_by: n.createdBy,
      created_at: writeInstant(n.createdAt),
    })
    .onConflict((oc) => oc.columns(['office_id', 'client_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

function ncQuery(db: Queryable) {
  return db
    .selectFrom('nonconformances as n')
    .innerJoin('users as u', 'u.id', 'n.created_by')
    .leftJoin('patrol_checkpoints as c', 'c.id', 'n.checkpoint_id')
    .selectAll('n')
    .select(['u.display_name as creator_name', 'c.name as checkpoint_name']);
}

type NcRow = Awaited<ReturnType<ReturnType<typeof ncQuery>['executeTakeFirstOrThrow']>>;

function toNc(r: NcRow): NcRecord {
  return {
    id: r.id,
    orgId: r.org_id,
    officeId: r.office_id,
    clientId: r.client_id,
    what: r.what,
    checkpointId: r.checkpoint_id,
    checkpointName: r.checkpoint_name ?? null,
    location: r.location,
    roundId: r.round_id,
    severity: r.severity as NcRecord['severity'],
    assignee: r.assignee as NcRecord['assignee'],
    dueAt: readInstant(r.due_at),
    status: r.status as NcRecord['status'],
    version: r.version,
    createdBy: r.created_by,
    createdByName: r.creator_name,
    createdAt: readInstant(r.created_at),
    correctedBy: r.corrected_by,
    correctedAt: readInstantOrNull(r.corrected_at),
    verifiedBy: r.verified_by,
    verifiedAt: readInstantOrNull(r.verified_at),
  };
}

export async function findNc(db: Queryable, id: string): Promise<NcRecord | null> {
  const row = await ncQuery(db).where('n.id', '=', id).executeTakeFirst();
  return row ? toNc(row) : null;
}

export async function findNcByClientId(
  db: Queryable,
  officeId: string,
  clientId: string,
): Promise<NcRecord | null> {
  const row = await ncQuery(db)
    .where('n.office_id', '=', officeId)
    .where('n.client_id', '=', clientId)
    .executeTakeFirst();
  return row ? toNc(row) : null;
}

export async function listNcs(
  db: Queryable,
  filter: {
    officeId: string;
    statuses: readonly string[];
    severity?: string;
    assignee?: string;
    checkpointId?: string;
    /** only items raised by then and not verified by then (what a sealed handover carried) */
    unverifiedAt?: Date;
  },
): Promise<NcRecord[]> {
  let query = ncQuery(db)
    .where('n.office_id', '=', filter.officeId)
    .where('n.status', 'in', [...filter.statuses]);
  if (filter.severity !== undefined) query = query.where('n.severity', '=', filter.severity);
  if (filter.assignee !== undefined) query = query.where('n.assignee', '=', filter.assignee);
  if (filter.checkpointId !== undefined) {
    query = query.where('n.checkpoint_id', '=', filter.checkpointId);
  }
  const at = filter.unverifiedAt;
  if (at !== undefined) {
    query = query
      .where('n.created_at', '<=', writeInstant(at))
      .where((eb) =>
        eb.or([eb('n.verified_at', 'is', null), eb('n.verified_at', '>', writeInstant(at))]),
      );
  }
  const rows = await query.orderBy('n.due_at').orderBy('n.id').limit(500).execute();
  return rows.map(toNc);
}

/** Moves an item on from the version its step was judged on; false when it had moved. */
export async function updateNc(
  db: Queryable,
  id: string,
  fromVersion: number,
  patch: {
    status: NcRecord['status'];
    correctedBy?: string | null;
    correctedAt?: Date | null;
    verifiedBy?: string | null;
    verifiedAt?: Date | null;
  },
): Promise<boolean> {
  const at = (d: Date | null | undefined) =>
    d === undefined ? undefined : d === null ? null : writeInstant(d);
  const result = await db
    .updateTable('nonconformances')
    .set({
      status: patch.status,
      version: fromVersion + 1,
      ...(patch.correctedBy === undefined ? {} : { corrected_by: patch.correctedBy }),
      ...(patch.correctedAt === undefined ? {} : { corrected_at: at(patch.correctedAt) ?? null }),
      ...(patch.verifiedBy === undefined ? {} : { verified_by: patch.verifiedBy }),
      ...(patch.verifiedAt === undefined ? {} : { verified_at: at(patch.verifiedAt) ?? null }),
    })
    .where('id', '=', id)
    .where('version', '=', fromVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type NcEventRecord = HistoryEvent;

/** Appends the next event of an item (seq unique per item: a concurrent step loses). */
export async function appendNcEvent(
  db: Queryable,
  e: {
    id: string;
    orgId: string;
    ncId: string;
    kind: string;
    actorId: string | null;
    at: Date;
    payload: Record<string, unknown>;
  },
): Promise<void> {
  const last = await db
    .selectFrom('nonconformance_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('nc_id', '=', e.ncId)
    .executeTakeFirst();
  await db
    .insertInto('nonconformance_events')
    .values({
      id: e.id,
      org_id: e.orgId,
      nc_id: e.ncId,
      seq: (last?.seq ?? 0) + 1,
      kind: e.kind,
      actor_id: e.actorId,
      at: writeInstant(e.at),
      payload: JSON.stringify(e.payload),
    })
    .execute();
}

export async function listNcEvents(db: Queryable, ncId: string): Promise<NcEventRecord[]> {
  const rows = await db
    .selectFrom('nonconformance_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.seq', 'e.kind', 'e.actor_id', 'u.display_name', 'e.at', 'e.payload'])
    .where('e.nc_id', '=', ncId)
    .orderBy('e.seq')
    .execute();
  return rows.map(readHistoryEvent);
}

export type MissedRoundRecord = {
  routeId: string;
  plannedKey: string;
  date: string;
  shiftCode: string;
  plannedIndex: number;
  closedAt: Date;
};

/** Records a planned round as missed; false when it was recorded already. */
export async function insertMissedRound(
  db: Queryable,
  m: MissedRoundRecord & { id: string; orgId: string; officeId: string },
): Promise<boolean> {
  const result = await db
    .insertInto('patrol_missed_rounds')
    .values({
      id: m.id,
      org_id: m.orgId,
      office_id: m.officeId,
      route_id: m.routeId,
      planned_key: m.plannedKey,
      date: m.date,
      shift_code: m.shiftCode,
      planned_index: m.plannedIndex,
      closed_at: writeInstant(m.closedAt),
    })
    .onConflict((oc) => oc.columns(['office_id', 'planned_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function listMissedRounds(
  db: Queryable,
  officeId: string,
  date: string,
): Promise<MissedRoundRecord[]> {
  const rows = await db
    .selectFrom('patrol_missed_rounds')
    .selectAll()
    .where('office_id', '=', officeId)
    .where('date', '=', date)
    .orderBy('closed_at')
    .execute();
  return rows.map((r) => ({
    routeId: r.route_id,
    plannedKey: r.planned_key,
    date: r.date,
    shiftCode: r.shift_code,
    plannedIndex: r.planned_index,
    closedAt: readInstant(r.closed_at),
  }));
}
