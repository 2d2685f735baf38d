import type { Queryable } from './database.ts';
import {
  readFlag,
  readInstant,
  readInstantOrNull,
  writeFlag,
  writeInstant,
  readHistoryEvent,
  type HistoryEvent,
} from './values.ts';

/**
 * The post inventory 岗位物品 (versions) and the shift handover 交接班: the handover rows, the
 * append-only record of steps and one signature per side (HO-IN-2…5, HO-OUT-1…4).
 */

export type InventoryLine = {
  id: string;
  name: string;
  quantity: number;
  condition: 'ok' | 'damaged';
  note: string | null;
};

export type InventoryRecord = {
  postId: string;
  version: number;
  items: InventoryLine[];
  createdAt: Date;
  createdByName: string;
};

/** The list in force of a post (its highest version), or a given version; null before any. */
export async function findInventory(
  db: Queryable,
  postId: string,
  version?: number,
): Promise<InventoryRecord | null> {
  let query = db
    .selectFrom('post_inventories as i')
    .innerJoin('users as u', 'u.id', 'i.created_by')
    .select(['i.post_id', 'i.version', 'i.items', 'i.created_at', 'u.display_name'])
    .where('i.post_id', '=', postId);
  if (version !== undefined) query = query.where('i.version', '=', version);
  const row = await query.orderBy('i.version', 'desc').limit(1).executeTakeFirst();
  if (row === undefined) return null;
  return {
    postId: row.post_id,
    version: row.version,
    // lists saved before conditions were kept read as in good condition
    items: (JSON.parse(row.items) as Partial<InventoryLine>[]).map((i) => ({
      ...(i as InventoryLine),
      condition: i.condition ?? 'ok',
    })),
    createdAt: readInstant(row.created_at),
    createdByName: row.display_name,
  };
}

/** Saves the next version; false when that version exists already (someone saved first). */
export async function insertInventory(
  db: Queryable,
  row: {
    id: string;
    orgId: string;
    officeId: string;
    postId: string;
    version: number;
    items: InventoryLine[];
    at: Date;
    by: string;
  },
): Promise<boolean> {
  const result = await db
    .insertInto('post_inventories')
    .values({
      id: row.id,
      org_id: row.orgId,
      office_id: row.officeId,
      post_id: row.postId,
      version: row.version,
      items: JSON.stringify(row.items),
      created_at: writeInstant(row.at),
      created_by: row.by,
    })
    .onConflict((oc) => oc.columns(['post_id', 'version']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export type HandoverRecord = {
  id: string;
  orgId: string;
  officeId: string;
  postId: string;
  postName: string;
  outgoingSessionId: string;
  outgoingUserId: string;
  incomingSessionId: string | null;
  incomingUserId: string | null;
  status: string;
  version: number;
  gap: boolean;
  openedAt: Date;
  logFrom: Date;
  logTo: Date | null;
  sealedAt: Date | null;
};

/** Opens a handover; false when the session has one already (unique outgoing session). */
export async function insertHandover(
  db: Queryable,
  h: Omit<
    HandoverRecord,
    'postName' | 'incomingSessionId' | 'incomingUserId' | 'logTo' | 'sealedAt'
  >,
): Promise<boolean> {
  const result = await db
    .insertInto('handovers')
    .values({
      id: h.id,
      org_id: h.orgId,
      office_id: h.officeId,
      post_id: h.postId,
      outgoing_session_id: h.outgoingSessionId,
      outgoing_user_id: h.outgoingUserId,
      status: h.status,
      version: h.version,
      gap: writeFlag(h.gap),
      opened_at: writeInstant(h.openedAt),
      log_from: writeInstant(h.logFrom),
    })
    .onConflict((oc) => oc.column('outgoing_session_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

function handoverQuery(db: Queryable) {
  return db
    .selectFrom('handovers as h')
    .innerJoin('posts as p', 'p.id', 'h.post_id')
    .select([
      'h.id',
      'h.org_id',
      'h.office_id',
      'h.post_id',
      'p.name as post_name',
      'h.outgoing_session_id',
      'h.outgoing_user_id',
      'h.incoming_session_id',
      'h.incoming_user_id',
      'h.status',
      'h.version',
      'h.gap',
      'h.opened_at',
      'h.log_from',
      'h.log_to',
      'h.sealed_at',
    ]);
}

type HandoverRow = Awaited<ReturnType<ReturnType<typeof handoverQuery>['executeTakeFirstOrThrow']>>;

function toHandover(r: HandoverRow): HandoverRecord {
  return {
    id: r.id,
    orgId: r.org_id,
    officeId: r.office_id,
    postId: r.post_id,
    postName: r.post_name,
    outgoingSessionId: r.outgoing_session_id,
    outgoingUserId: r.outgoing_user_id,
    incomingSessionId: r.incoming_session_id,
    incomingUserId: r.incoming_user_id,
    status: r.status,
    version: r.version,
    gap: readFlag(r.gap),
    openedAt: readInstant(r.opened_at),
    logFrom: readInstant(r.log_from),
    logTo: readInstantOrNull(r.log_to),
    sealedAt: readInstantOrNull(r.sealed_at),
  };
}

export async function findHandover(db: Queryable, id: string): Promise<HandoverRecord | null> {
  const row = await handoverQuery(db).where('h.id', '=', id).executeTakeFirst();
  return row ? toHandover(row) : null;
}

/** The handover a duty session hands over (outgoing) or took over (incoming). */
export async function findHandoverOfSession(
  db: Queryable,
  sessionId: string,
  side: 'outgoing' | 'incoming',
): Promise<HandoverRecord | null> {
  const column = side === 'outgoing' ? 'h.outgoing_session_id' : 'h.incoming_session_id';
  const row = await handoverQuery(db).where(column, '=', sessionId).executeTakeFirst();
  return row ? toHandover(row) : null;
}

/** Handovers of an office, newest first, by post, status, a person taking part, or period. */
export async function listHandovers(
  db: Queryable,
  filter: {
    officeId: string;
    postId?: string;
    statuses?: readonly string[];
    userId?: string;
    openedFrom?: Date;
    openedTo?: Date;
    limit?: number;
  },
): Promise<HandoverRecord[]> {
  let query = handoverQuery(db).where('h.office_id', '=', filter.officeId);
  if (filter.postId !== undefined) query = query.where('h.post_id', '=', filter.postId);
  if (filter.statuses !== undefined) query = query.where('h.status', 'in', [...filter.statuses]);
  const userId = filter.userId;
  if (userId !== undefined) {
    query = query.where((eb) =>
      eb.or([eb('h.outgoing_user_id', '=', userId), eb('h.incoming_user_id', '=', userId)]),
    );
  }
  if (filter.openedFrom !== undefined)
    query = query.where('h.opened_at', '>=', writeInstant(filter.openedFrom));
  if (filter.openedTo !== undefined)
    query = query.where('h.opened_at', '<', writeInstant(filter.openedTo));
  query = query.orderBy('h.opened_at', 'desc').orderBy('h.id', 'desc');
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  return (await query.execute()).map(toHandover);
}

/** HO-IN-3: where the next log period of a post starts: the last period handed over ends. */
export async function lastLogToOfPost(db: Queryable, postId: string): Promise<Date | null> {
  const row = await db
    .selectFrom('handovers')
    .select('log_to')
    .where('post_id', '=', postId)
    .where('log_to', 'is not', null)
    .orderBy('log_to', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.log_to == null ? null : readInstant(row.log_to);
}

/**
 * Moves a handover on by one step: only from the version the step was judged on, so two
 * steps taken at once have one winner. False when the version had moved.
 */
export async function advanceHandover(
  db: Queryable,
  id: string,
  fromVersion: number,
  patch: {
    status?: string;
    incomingSessionId?: string;
    incomingUserId?: string;
    gap?: boolean;
    logTo?: Date;
    sealedAt?: Date;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('handovers')
    .set({
      version: fromVersion + 1,
      ...(patch.status === undefined ? {} : { status: patch.status }),
      ...(patch.incomingSessionId === undefined
        ? {}
        : { incoming_session_id: patch.incomingSessionId }),
      ...(patch.incomingUserId === undefined ? {} : { incoming_user_id: patch.incomingUserId }),
      ...(patch.gap === undefined ? {} : { gap: writeFlag(patch.gap) }),
      ...(patch.logTo === undefined ? {} : { log_to: writeInstant(patch.logTo) }),
      ...(patch.sealedAt === undefined ? {} : { sealed_at: writeInstant(patch.sealedAt) }),
    })
    .where('id', '=', id)
    .where('version', '=', fromVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type StepRecord = HistoryEvent & { handoverId: string };

/** Appends a step; false when that sequence number is taken (another step won). */
export async function appendHandoverStep(
  db: Queryable,
  step: Omit<StepRecord, 'actorName'> & { id: string; orgId: string },
): Promise<boolean> {
  const result = await db
    .insertInto('handover_steps')
    .values({
      id: step.id,
      org_id: step.orgId,
      handover_id: step.handoverId,
      seq: step.seq,
      kind: step.kind,
      actor_id: step.actorId,
      at: writeInstant(step.at),
      payload: JSON.stringify(step.payload),
    })
    .onConflict((oc) => oc.columns(['handover_id', 'seq']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** The steps of handovers in order. */
export async function listHandoverSteps(
  db: Queryable,
  handoverIds: readonly string[],
): Promise<StepRecord[]> {
  if (handoverIds.length === 0) return [];
  const rows = await db
    .selectFrom('handover_steps as s')
    .leftJoin('users as u', 'u.id', 's.actor_id')
    .select([
      's.handover_id',
      's.seq',
      's.kind',
      's.actor_id',
      'u.display_name',
      's.at',
      's.payload',
    ])
    .where('s.handover_id', 'in', [...handoverIds])
    .orderBy('s.handover_id')
    .orderBy('s.seq')
    .execute();
  return rows.map((r) => ({ ...readHistoryEvent(r), handoverId: r.handover_id }));
}

/** Keeps a side's signature; false when that side has signed already. */
export async function insertSignature(
  db: Queryable,
  s: { handoverId: string; side: string; orgId: string; userId: string; at: Date; hash: string },
): Promise<boolean> {
  const result = await db
    .insertInto('handover_signatures')
    .values({
      handover_id: s.handoverId,
      side: s.side,
      org_id: s.orgId,
      user_id: s.userId,
      at: writeInstant(s.at),
      hash: s.hash,
    })
    .onConflict((oc) => oc.columns(['handover_id', 'side']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function listSignatures(
  db: Queryable,
  handoverId: string,
): Promise<{ side: string; userId: string; at: Date; hash: string }[]> {
  const rows = await db
    .selectFrom('handover_signatures')
    .select(['side', 'user_id', 'at', 'hash'])
    .where('handover_id', '=', handoverId)
    .execute();
  return rows.map((r) => ({
    side: r.side,
    userId: r.user_id,
    at: readInstant(r.at),
    hash: r.hash,
  }));
}
