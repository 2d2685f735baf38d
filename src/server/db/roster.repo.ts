import type { Queryable } from './database.ts';
import { readFlag, readInstant, readInstantOrNull, writeFlag, writeInstant } from './values.ts';

/** The draft of a month: cells (person → date → shift code) and the cells pinned by hand. */
export type RosterDraft = {
  cells: Record<string, Record<string, string>>;
  pins: Record<string, string[]>;
};

export type RosterRecord = {
  id: string;
  orgId: string;
  officeId: string;
  month: string;
  status: 'draft' | 'published';
  draft: RosterDraft;
  revision: number;
  publishedVersion: number | null;
  publishedAt: Date | null;
  publishedBy: string | null;
  publishedLate: boolean;
};

export async function findRoster(
  db: Queryable,
  officeId: string,
  month: string,
): Promise<RosterRecord | null> {
  const row = await db
    .selectFrom('rosters')
    .selectAll()
    .where('office_id', '=', officeId)
    .where('month', '=', month)
    .executeTakeFirst();
  if (row === undefined) return null;
  return {
    id: row.id,
    orgId: row.org_id,
    officeId: row.office_id,
    month: row.month,
    status: row.status as RosterRecord['status'],
    draft: JSON.parse(row.draft) as RosterDraft,
    revision: row.revision,
    publishedVersion: row.published_version,
    publishedAt: readInstantOrNull(row.published_at),
    publishedBy: row.published_by,
    publishedLate: readFlag(row.published_late),
  };
}

/** Creates an empty draft; false when another request created it first. */
export async function insertRoster(
  db: Queryable,
  roster: { id: string; orgId: string; officeId: string; month: string },
  by: string,
  at: Date,
): Promise<boolean> {
  const result = await db
    .insertInto('rosters')
    .values({
      id: roster.id,
      org_id: roster.orgId,
      office_id: roster.officeId,
      month: roster.month,
      status: 'draft',
      draft: JSON.stringify({ cells: {}, pins: {} } satisfies RosterDraft),
      revision: 0,
      published_late: writeFlag(false),
      created_at: writeInstant(at),
      created_by: by,
      updated_at: writeInstant(at),
    })
    .onConflict((oc) => oc.columns(['office_id', 'month']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Saves a draft when its revision is still `expectedRevision`; false when someone saved first. */
export async function updateDraft(
  db: Queryable,
  rosterId: string,
  expectedRevision: number,
  draft: RosterDraft,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('rosters')
    .set({
      draft: JSON.stringify(draft),
      revision: expectedRevision + 1,
      updated_at: writeInstant(at),
    })
    .where('id', '=', rosterId)
    .where('status', '=', 'draft')
    .where('revision', '=', expectedRevision)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks the draft published as `version`; false when it changed or was published meanwhile. */
export async function markPublished(
  db: Queryable,
  rosterId: string,
  expectedRevision: number,
  change: { version: number; by: string; at: Date; late: boolean },
): Promise<boolean> {
  const result = await db
    .updateTable('rosters')
    .set({
      status: 'published',
      revision: expectedRevision + 1,
      published_version: change.version,
      published_at: writeInstant(change.at),
      published_by: change.by,
      published_late: writeFlag(change.late),
      updated_at: writeInstant(change.at),
    })
    .where('id', '=', rosterId)
    .where('status', '=', 'draft')
    .where('revision', '=', expectedRevision)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type VersionSnapshot = {
  shifts: { code: string; name: string; startTime: string; endTime: string }[];
  rows: { userId: string; displayName: string; cells: (string | null)[] }[];
};

export type RosterVersionRecord = {
  version: number;
  kind: string;
  reason: string | null;
  late: boolean;
  createdAt: Date;
  createdBy: string;
  createdByName: string;
};

export async function insertRosterVersion(
  db: Queryable,
  version: {
    id: string;
    orgId: string;
    rosterId: string;
    version: number;
    kind: string;
    reason: string | null;
    late: boolean;
    snapshot: VersionSnapshot;
    by: string;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('roster_versions')
    .values({
      id: version.id,
      org_id: version.orgId,
      roster_id: version.rosterId,
      version: version.version,
      kind: version.kind,
      reason: version.reason,
      late: writeFlag(version.late),
      snapshot: JSON.stringify(version.snapshot),
      created_at: writeInstant(version.at),
      created_by: version.by,
    })
    .execute();
}

const versionColumns = [
  'roster_versions.version',
  'roster_versions.kind',
  'roster_versions.reason',
  'roster_versions.late',
  'roster_versions.created_at',
  'roster_versions.created_by',
  'users.display_name',
] as const;

type VersionRow = {
  version: number;
  kind: string;
  reason: string | null;
  late: boolean | number;
  created_at: Date | string;
  created_by: string;
  display_name: string;
};

function readVersion(row: VersionRow): RosterVersionRecord {
  return {
    version: row.version,
    kind: row.kind,
    reason: row.reason,
    late: readFlag(row.late),
    createdAt: readInstant(row.created_at),
    createdBy: row.created_by,
    createdByName: row.display_name,
  };
}

export async function listRosterVersions(
  db: Queryable,
  rosterId: string,
): Promise<RosterVersionRecord[]> {
  const rows = await db
    .selectFrom('roster_versions')
    .innerJoin('users', 'users.id', 'roster_versions.created_by')
    .select(versionColumns)
    .where('roster_versions.roster_id', '=', rosterId)
    .orderBy('roster_versions.version')
    .execute();
  return rows.map(readVersion);
}

export async function findRosterVersion(
  db: Queryable,
  rosterId: string,
  version: number,
): Promise<(RosterVersionRecord & { snapshot: VersionSnapshot }) | null> {
  const row = await db
    .selectFrom('roster_versions')
    .innerJoin('users', 'users.id', 'roster_versions.created_by')
    .select([...versionColumns, 'roster_versions.snapshot'])
    .where('roster_versions.roster_id', '=', rosterId)
    .where('roster_versions.version', '=', version)
    .executeTakeFirst();
  if (row === undefined) return null;
  return { ...readVersion(row), snapshot: JSON.parse(row.snapshot) as VersionSnapshot };
}

export type AssignmentRecord = {
  id: string;
  orgId: string;
  officeId: string;
  rosterId: string;
  version: number;
  userId: string;
  date: string;
  shiftTemplateId: string;
  startsAt: Date;
  endsAt: Date;
};

export async function insertAssignments(
  db: Queryable,
  assignments: readonly AssignmentRecord[],
): Promise<void> {
  // in chunks: SQLite binds at most 32,766 parameters per statement
  for (let i = 0; i < assignments.length; i += 500) {
    await db
      .insertInto('roster_assignments')
      .values(
        assignments.slice(i, i + 500).map((a) => ({
          id: a.id,
          org_id: a.orgId,
          office_id: a.officeId,
          roster_id: a.rosterId,
          version: a.version,
          user_id: a.userId,
          date: a.date,
          shift_template_id: a.shiftTemplateId,
          starts_at: writeInstant(a.startsAt),
          ends_at: writeInstant(a.endsAt),
        })),
      )
      .execute();
  }
}

/** A duty of the published roster in force (the roster's current version). */
export type DutyRecord = {
  officeId: string;
  officeName: string;
  timeZone: string;
  userId: string;
  displayName: string;
  date: string;
  shiftCode: string;
  shiftName: string;
  startTime: string;
  endTime: string;
  startsAt: Date;
  endsAt: Date;
  rosterVersion: number;
};

/**
 * Duties of the published rosters in force that overlap [from, to), for one person or one
 * office (ROSTER-2: the published roster is the only authority for who is on duty).
 */
export async function listDuties(
  db: Queryable,
  filter: { userId?: string; officeId?: string; from: Date; to: Date },
): Promise<DutyRecord[]> {
  let query = db
    .selectFrom('roster_assignments as a')
    .innerJoin('rosters as r', (join) =>
      join.onRef('r.id', '=', 'a.roster_id').onRef('r.published_version', '=', 'a.version'),
    )
    .innerJoin('offices as o', 'o.id', 'a.office_id')
    .innerJoin('shift_templates as s', 's.id', 'a.shift_template_id')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .select([
      'a.office_id',
      'o.name as office_name',
      'o.time_zone',
      'a.user_id',
      'u.display_name',
      'a.date',
      's.code',
      's.name as shift_name',
      's.start_time',
      's.end_time',
      'a.starts_at',
      'a.ends_at',
      'a.version',
    ])
    .where('a.ends_at', '>', writeInstant(filter.from))
    .where('a.starts_at', '<', writeInstant(filter.to));
  if (filter.userId !== undefined) query = query.where('a.user_id', '=', filter.userId);
  if (filter.officeId !== undefined) query = query.where('a.office_id', '=', filter.officeId);
  const rows = await query.orderBy('a.starts_at').orderBy('u.display_name').execute();
  return rows.map((r) => ({
    officeId: r.office_id,
    officeName: r.office_name,
    timeZone: r.time_zone,
    userId: r.user_id,
    displayName: r.display_name,
    date: r.date,
    shiftCode: r.code,
    shiftName: r.shift_name,
    startTime: r.start_time,
    endTime: r.end_time,
    startsAt: readInstant(r.starts_at),
    endsAt: readInstant(r.ends_at),
    rosterVersion: r.version,
  }));
}

export type WishRecord = {
  id: string;
  userId: string;
  displayName: string;
  date: string;
  kind: 'unavailable' | 'wish-off' | 'wish-shift';
  shiftCode: string | null;
  note: string | null;
  createdAt: Date;
};

/** The wishes in force for a month (withdrawn ones are kept but not listed). */
export async function listWishes(
  db: Queryable,
  officeId: string,
  month: string,
  userId?: string,
): Promise<WishRecord[]> {
  let query = db
    .selectFrom('roster_wishes as w')
    .innerJoin('users as u', 'u.id', 'w.user_id')
    .select([
      'w.id',
      'w.user_id',
      'u.display_name',
      'w.date',
      'w.kind',
      'w.shift_code',
      'w.note',
      'w.created_at',
    ])
    .where('w.office_id', '=', officeId)
    .where('w.month', '=', month)
    .where('w.withdrawn_at', 'is', null);
  if (userId !== undefined) query = query.where('w.user_id', '=', userId);
  const rows = await query.orderBy('w.date').orderBy('u.display_name').execute();
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    displayName: r.display_name,
    date: r.date,
    kind: r.kind as WishRecord['kind'],
    shiftCode: r.shift_code,
    note: r.note,
    createdAt: readInstant(r.created_at),
  }));
}

/** Replaces a person's wishes for a month: the old ones are marked withdrawn, the new inserted. */
export async function replaceWishes(
  db: Queryable,
  scope: { orgId: string; officeId: string; month: string; userId: string },
  wishes: readonly {
    id: string;
    date: string;
    kind: string;
    shiftCode: string | null;
    note: string | null;
  }[],
  at: Date,
): Promise<void> {
  await db
    .updateTable('roster_wishes')
    .set({ withdrawn_at: writeInstant(at) })
    .where('office_id', '=', scope.officeId)
    .where('month', '=', scope.month)
    .where('user_id', '=', scope.userId)
    .where('withdrawn_at', 'is', null)
    .execute();
  if (wishes.length === 0) return;
  await db
    .insertInto('roster_wishes')
    .values(
      wishes.map((w) => ({
        id: w.id,
        org_id: scope.orgId,
        office_id: scope.officeId,
        month: scope.month,
        user_id: scope.userId,
        date: w.date,
        kind: w.kind,
        shift_code: w.shiftCode,
        note: w.note,
        created_at: writeInstant(at),
      })),
    )
    .execute();
}

export type GenerationProgress = {
  objective: number | null;
  bound: number | null;
  elapsedSeconds: number;
};

export type GenerationResult = {
  conflicts: { userId: string | null; rules: string[]; dates: string[]; message: string }[];
  message: string | null;
  applied: boolean;
};

export type GenerationRecord = {
  id: string;
  orgId: string;
  officeId: string;
  rosterId: string;
  status: 'running' | 'done' | 'stopped' | 'infeasible' | 'failed';
  requestedBy: string;
  timeLimitSeconds: number;
  keepPinned: boolean;
  baseRevision: number;
  stopRequested: boolean;
  progress: GenerationProgress;
  result: GenerationResult | null;
  startedAt: Date;
  heartbeatAt: Date;
  finishedAt: Date | null;
};

export async function insertGeneration(
  db: Queryable,
  generation: Omit<
    GenerationRecord,
    'status' | 'stopRequested' | 'progress' | 'result' | 'heartbeatAt' | 'finishedAt'
  >,
): Promise<void> {
  await db
    .insertInto('roster_generations')
    .values({
      id: generation.id,
      org_id: generation.orgId,
      office_id: generation.officeId,
      roster_id: generation.rosterId,
      status: 'running',
      requested_by: generation.requestedBy,
      time_limit_seconds: generation.timeLimitSeconds,
      keep_pinned: writeFlag(generation.keepPinned),
      base_revision: generation.baseRevision,
      stop_requested: writeFlag(false),
      progress: JSON.stringify({
        objective: null,
        bound: null,
        elapsedSeconds: 0,
      } satisfies GenerationProgress),
      started_at: writeInstant(generation.startedAt),
      heartbeat_at: writeInstant(generation.startedAt),
    })
    .execute();
}

/** The latest generation of a roster, or one by id. */
export async function findGeneration(
  db: Queryable,
  by: { rosterId: string } | { id: string },
): Promise<GenerationRecord | null> {
  let query = db.selectFrom('roster_generations').selectAll();
  query =
    'id' in by
      ? query.where('id', '=', by.id)
      : query.where('roster_id', '=', by.rosterId).orderBy('started_at', 'desc').limit(1);
  const row = await query.executeTakeFirst();
  if (row === undefined) return null;
  return {
    id: row.id,
    orgId: row.org_id,
    officeId: row.office_id,
    rosterId: row.roster_id,
    status: row.status as GenerationRecord['status'],
    requestedBy: row.requested_by,
    timeLimitSeconds: row.time_limit_seconds,
    keepPinned: readFlag(row.keep_pinned),
    baseRevision: row.base_revision,
    stopRequested: readFlag(row.stop_requested),
    progress: JSON.parse(row.progress) as GenerationProgress,
    result: row.result === null ? null : (JSON.parse(row.result) as GenerationResult),
    startedAt: readInstant(row.started_at),
    heartbeatAt: readInstant(row.heartbeat_at),
    finishedAt: readInstantOrNull(row.finished_at),
  };
}

/** Records progress and that the run is alive; returns whether a stop was requested. */
export async function touchGeneration(
  db: Queryable,
  id: string,
  progress: GenerationProgress,
  at: Date,
): Promise<boolean> {
  await db
    .updateTable('roster_generations')
    .set({ progress: JSON.stringify(progress), heartbeat_at: writeInstant(at) })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
  const row = await db
    .selectFrom('roster_generations')
    .select('stop_requested')
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined && readFlag(row.stop_requested);
}

export async function requestGenerationStop(db: Queryable, id: string): Promise<boolean> {
  const result = await db
    .updateTable('roster_generations')
    .set({ stop_requested: writeFlag(true) })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ends a running generation; false when it had already ended (or was ended by another instance). */
export async function finishGeneration(
  db: Queryable,
  id: string,
  end: {
    status: Exclude<GenerationRecord['status'], 'running'>;
    progress: GenerationProgress;
    result: GenerationResult;
    at: Date;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('roster_generations')
    .set({
      status: end.status,
      progress: JSON.stringify(end.progress),
      result: JSON.stringify(end.result),
      finished_at: writeInstant(end.at),
      heartbeat_at: writeInstant(end.at),
    })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type CalendarFeedRecord = {
  id: string;
  orgId: string;
  officeId: string;
  userId: string | null;
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
};

export async function insertCalendarFeed(
  db: Queryable,
  feed: Omit<CalendarFeedRecord, 'revokedAt'> & { tokenHash: string },
): Promise<void> {
  await db
    .insertInto('calendar_feeds')
    .values({
      id: feed.id,
      org_id: feed.orgId,
      office_id: feed.officeId,
      user_id: feed.userId,
      created_by: feed.createdBy,
      token_hash: feed.tokenHash,
      created_at: writeInstant(feed.createdAt),
    })
    .execute();
}

function readFeed(row: {
  id: string;
  org_id: string;
  office_id: string;
  user_id: string | null;
  created_by: string;
  created_at: Date | string;
  revoked_at: Date | string | null;
}): CalendarFeedRecord {
  return {
    id: row.id,
    orgId: row.org_id,
    officeId: row.office_id,
    userId: row.user_id,
    createdBy: row.created_by,
    createdAt: readInstant(row.created_at),
    revokedAt: readInstantOrNull(row.revoked_at),
  };
}

export async function findCalendarFeedByTokenHash(
  db: Queryable,
  tokenHash: string,
): Promise<CalendarFeedRecord | null> {
  const row = await db
    .selectFrom('calendar_feeds')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row === undefined ? null : readFeed(row);
}

export async function findCalendarFeed(
  db: Queryable,
  id: string,
): Promise<CalendarFeedRecord | null> {
  const row = await db
    .selectFrom('calendar_feeds')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? null : readFeed(row);
}

/** The feeds a person created that are not revoked. */
export async function listCalendarFeeds(
  db: Queryable,
  createdBy: string,
): Promise<CalendarFeedRecord[]> {
  const rows = await db
    .selectFrom('calendar_feeds')
    .selectAll()
    .where('created_by', '=', createdBy)
    .where('revoked_at', 'is', null)
    .orderBy('created_at')
    .execute();
  return rows.map(readFeed);
}

export async function revokeCalendarFeed(db: Queryable, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('calendar_feeds')
    .set({ revoked_at: writeInstant(at) })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Whether the office published a roster for any month before `month` (it rosters monthly). */
export async function hasPublishedRosterBefore(
  db: Queryable,
  officeId: string,
  month: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('rosters')
    .select('id')
    .where('office_id', '=', officeId)
    .where('status', '=', 'published')
    .where('month', '<', month)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Moves a published roster to its next version; false when another change took that version
 * first (the caller answers 409). The unique (roster, version) index backs this up.
 */
export async function advancePublishedVersion(
  db: Queryable,
  rosterId: string,
  expectedVersion: number,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('rosters')
    .set({ published_version: expectedVersion + 1, updated_at: writeInstant(at) })
    .where('id', '=', rosterId)
    .where('status', '=', 'published')
    .where('published_version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Claims today's reminder for an office and month; false when it was sent already. */
export async function claimRosterReminder(
  db: Queryable,
  reminder: { officeId: string; orgId: string; month: string; day: string; overdue: boolean },
  at: Date,
): Promise<boolean> {
  const result = await db
    .insertInto('roster_reminders')
    .values({
      office_id: reminder.officeId,
      org_id: reminder.orgId,
      month: reminder.month,
      day: reminder.day,
      overdue: writeFlag(reminder.overdue),
      sent_at: writeInstant(at),
    })
    .onConflict((oc) => oc.columns(['office_id', 'month', 'day']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}
