import type { Priority } from '../../shared/contract/desk-settings.ts';
import type { ItemKind, ItemStatus, Level } from '../domain/desk/desk-items.ts';
import type { Queryable } from './database.ts';
import {
  readFlag,
  readInstant,
  readInstantOrNull,
  writeInstant,
  readHistoryEvent,
  type HistoryEvent,
} from './values.ts';

/** A desk item as the services see it: the current state row, names joined in. */
export type DeskItemRecord = {
  id: string;
  orgId: string;
  officeId: string;
  kind: ItemKind;
  priority: Priority;
  status: ItemStatus;
  level: Level;
  residentName: string | null;
  unit: string | null;
  phone: string | null;
  channel: string;
  subject: string;
  ownerId: string | null;
  ownerName: string | null;
  version: number;
  createdBy: string;
  createdByName: string;
  createdAt: Date;
  respondBy: Date | null;
  resolveBy: Date | null;
  respondedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
};

export type NewDeskItem = Omit<DeskItemRecord, 'ownerName' | 'createdByName'>;

export async function insertDeskItem(db: Queryable, item: NewDeskItem): Promise<void> {
  await db
    .insertInto('desk_items')
    .values({
      id: item.id,
      org_id: item.orgId,
      office_id: item.officeId,
      kind: item.kind,
      priority: item.priority,
      status: item.status,
      level: item.level,
      resident_name: item.residentName,
      unit: item.unit,
      phone: item.phone,
      channel: item.channel,
      subject: item.subject,
      owner_id: item.ownerId,
      version: item.version,
      created_by: item.createdBy,
      created_at: writeInstant(item.createdAt),
      respond_by: item.respondBy && writeInstant(item.respondBy),
      resolve_by: item.resolveBy && writeInstant(item.resolveBy),
      responded_at: item.respondedAt && writeInstant(item.respondedAt),
      resolved_at: item.resolvedAt && writeInstant(item.resolvedAt),
      closed_at: item.closedAt && writeInstant(item.closedAt),
    })
    .execute();
}

export type DeskItemPatch = Partial<
  Pick<
    DeskItemRecord,
    | 'status'
    | 'level'
    | 'ownerId'
    | 'respondBy'
    | 'resolveBy'
    | 'respondedAt'
    | 'resolvedAt'
    | 'closedAt'
  >
>;

/**
 * Moves an item to its next state when it is still at `expectedVersion`; false when someone
 * changed it first (the caller answers 409). The history lives in desk_item_events.
 */
export async function updateDeskItem(
  db: Queryable,
  id: string,
  expectedVersion: number,
  patch: DeskItemPatch,
): Promise<boolean> {
  const instant = (value: Date | null | undefined) =>
    value === undefined ? undefined : value && writeInstant(value);
  const result = await db
    .updateTable('desk_items')
    .set({
      version: expectedVersion + 1,
      status: patch.status,
      level: patch.level,
      owner_id: patch.ownerId,
      respond_by: instant(patch.respondBy),
      resolve_by: instant(patch.resolveBy),
      responded_at: instant(patch.respondedAt),
      resolved_at: instant(patch.resolvedAt),
      closed_at: instant(patch.closedAt),
    })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

function itemQuery(db: Queryable) {
  return db
    .selectFrom('desk_items')
    .innerJoin('users as creator', 'creator.id', 'desk_items.created_by')
    .leftJoin('users as owner', 'owner.id', 'desk_items.owner_id')
    .selectAll('desk_items')
    .select(['creator.display_name as creator_name', 'owner.display_name as owner_name']);
}

type ItemRow = Awaited<ReturnType<ReturnType<typeof itemQuery>['executeTakeFirstOrThrow']>>;

function toRecord(row: ItemRow): DeskItemRecord {
  return {
    id: row.id,
    orgId: row.org_id,
    officeId: row.office_id,
    kind: row.kind as ItemKind,
    priority: row.priority as Priority,
    status: row.status as ItemStatus,
    level: row.level as Level,
    residentName: row.resident_name,
    unit: row.unit,
    phone: row.phone,
    channel: row.channel,
    subject: row.subject,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    version: row.version,
    createdBy: row.created_by,
    createdByName: row.creator_name,
    createdAt: readInstant(row.created_at),
    respondBy: readInstantOrNull(row.respond_by),
    resolveBy: readInstantOrNull(row.resolve_by),
    respondedAt: readInstantOrNull(row.responded_at),
    resolvedAt: readInstantOrNull(row.resolved_at),
    closedAt: readInstantOrNull(row.closed_at),
  };
}

export async function findDeskItem(db: Queryable, id: string): Promise<DeskItemRecord | null> {
  const row = await itemQuery(db).where('desk_items.id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : null;
}

export async function listDeskItems(
  db: Queryable,
  officeId: string,
  filter: { statuses: readonly ItemStatus[]; kind?: ItemKind; limit: number },
): Promise<DeskItemRecord[]> {
  let query = itemQuery(db)
    .where('desk_items.office_id', '=', officeId)
    .where('desk_items.status', 'in', filter.statuses);
  if (filter.kind !== undefined) query = query.where('desk_items.kind', '=', filter.kind);
  const rows = await query
    .orderBy('desk_items.created_at', 'desc')
    .orderBy('desk_items.id')
    .limit(filter.limit)
    .execute();
  return rows.map(toRecord);
}

export type ItemEventRecord = HistoryEvent;

/** Appends to an item's history; the (item, seq) key makes a lost race fail, not fork. */
export async function appendItemEvent(
  db: Queryable,
  event: {
    id: string;
    orgId: string;
    itemId: string;
    kind: string;
    actorId: string | null;
    at: Date;
    payload: Record<string, unknown>;
  },
): Promise<void> {
  const last = await db
    .selectFrom('desk_item_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('item_id', '=', event.itemId)
    .executeTakeFirst();
  await db
    .insertInto('desk_item_events')
    .values({
      id: event.id,
      org_id: event.orgId,
      item_id: event.itemId,
      seq: (last?.seq ?? 0) + 1,
      kind: event.kind,
      actor_id: event.actorId,
      at: writeInstant(event.at),
      payload: JSON.stringify(event.payload),
    })
    .execute();
}

export async function listItemEvents(db: Queryable, itemId: string): Promise<ItemEventRecord[]> {
  const rows = await db
    .selectFrom('desk_item_events')
    .leftJoin('users', 'users.id', 'desk_item_events.actor_id')
    .select([
      'desk_item_events.seq',
      'desk_item_events.kind',
      'desk_item_events.actor_id',
      'desk_item_events.at',
      'desk_item_events.payload',
      'users.display_name',
    ])
    .where('desk_item_events.item_id', '=', itemId)
    .orderBy('desk_item_events.seq')
    .execute();
  return rows.map(readHistoryEvent);
}

/** Who is checked in on a shift that covers `now` and has not checked out (ESC-1 staff level). */
export async function listOnDutyUserIds(
  db: Queryable,
  officeId: string,
  now: Date,
): Promise<string[]> {
  const at = writeInstant(now);
  const rows = await db
    .selectFrom('duty_sessions')
    .select('user_id')
    .distinct()
    .where('office_id', '=', officeId)
    .where('checked_out_at', 'is', null)
    .where('starts_at', '<=', at)
    .where('ends_at', '>', at)
    .execute();
  return rows.map((r) => r.user_id);
}

/** The organization's active administrators: told when a level of the ladder is vacant. */
export async function listOrgAdminIds(db: Queryable, orgId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'active'])
    .where('org_id', '=', orgId)
    .where('is_admin', '=', 1)
    .execute();
  return rows.filter((r) => readFlag(r.active)).map((r) => r.id);
}
