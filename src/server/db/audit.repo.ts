import type { AuditEvent } from '../domain/audit-chain.ts';
import type { Selectable } from 'kysely';
import type { Queryable } from './database.ts';
import type { AuditEventTable } from './schema.ts';
import { readInstant, writeInstant } from './values.ts';

export type AuditHead = { seq: number; hash: string };

/**
 * Locks and reads an organization's chain head inside the caller's transaction. The UPDATE
 * takes the row lock on PostgreSQL (SQLite serialises writers anyway), so concurrent appends
 * queue here instead of forking the chain.
 */
export async function lockAuditHead(db: Queryable, orgId: string): Promise<AuditHead | null> {
  const row = await db
    .updateTable('audit_heads')
    .set((eb) => ({ seq: eb.ref('seq') }))
    .where('org_id', '=', orgId)
    .returning(['seq', 'hash'])
    .executeTakeFirst();
  return row ?? null;
}

export async function readAuditHead(db: Queryable, orgId: string): Promise<AuditHead | null> {
  const row = await db
    .selectFrom('audit_heads')
    .select(['seq', 'hash'])
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return row ?? null;
}

export async function saveAuditHead(
  db: Queryable,
  orgId: string,
  head: AuditHead,
  isNew: boolean,
): Promise<void> {
  if (isNew) {
    await db
      .insertInto('audit_heads')
      .values({ org_id: orgId, ...head })
      .execute();
  } else {
    await db.updateTable('audit_heads').set(head).where('org_id', '=', orgId).execute();
  }
}

export async function insertAuditEvent(db: Queryable, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      org_id: event.orgId,
      seq: event.seq,
      at: writeInstant(new Date(event.at)),
      actor_user_id: event.actorUserId,
      action: event.action,
      entity_type: event.entityType,
      entity_id: event.entityId,
      payload: JSON.stringify(event.payload),
      prev_hash: event.prevHash,
      hash: event.hash,
    })
    .execute();
}

export async function listAuditOrganizations(db: Queryable): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_events')
    .select('org_id')
    .distinct()
    .union(db.selectFrom('audit_heads').select('org_id'))
    .execute();
  return [...new Set(rows.map((r) => r.org_id))].sort();
}

/** Reads an organization's events in sequence order, a page at a time, to verify big chains. */
export async function* streamAuditEvents(
  db: Queryable,
  orgId: string,
  pageSize = 2000,
): AsyncGenerator<AuditEvent> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      yield toAuditEvent(row);
    }
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.seq;
  }
}

export async function listAuditEvents(
  db: Queryable,
  orgId: string,
  options: { limit: number; beforeSeq?: number; entityType?: string; entityId?: string },
): Promise<AuditEvent[]> {
  let query = db.selectFrom('audit_events').selectAll().where('org_id', '=', orgId);
  if (options.beforeSeq !== undefined) query = query.where('seq', '<', options.beforeSeq);
  if (options.entityType !== undefined) query = query.where('entity_type', '=', options.entityType);
  if (options.entityId !== undefined) query = query.where('entity_id', '=', options.entityId);
  const rows = await query.orderBy('seq', 'desc').limit(options.limit).execute();
  return rows.map(toAuditEvent);
}

function toAuditEvent(row: Selectable<AuditEventTable>): AuditEvent {
  return {
    orgId: row.org_id,
    seq: row.seq,
    at: readInstant(row.at).toISOString(),
    actorUserId: row.actor_user_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    payload: parsePayload(row.payload),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function parsePayload(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // a payload that no longer parses was tampered with; verification reports it by hash
    return { unparseable: text };
  }
}
