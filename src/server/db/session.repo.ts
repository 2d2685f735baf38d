import type { Queryable } from './database.ts';
import { readInstant, readInstantOrNull, writeInstant } from './values.ts';

export type SessionRow = {
  id: string;
  orgId: string;
  userId: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  userAgent: string | null;
  ip: string | null;
};

export async function insertSession(db: Queryable, session: SessionRow): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      org_id: session.orgId,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      created_at: writeInstant(session.createdAt),
      last_seen_at: writeInstant(session.lastSeenAt),
      expires_at: writeInstant(session.expiresAt),
      revoked_at: session.revokedAt === null ? null : writeInstant(session.revokedAt),
      user_agent: session.userAgent,
      ip: session.ip,
    })
    .execute();
}

export async function findSession(db: Queryable, id: string): Promise<SessionRow | null> {
  const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    orgId: row.org_id,
    userId: row.user_id,
    csrfToken: row.csrf_token,
    createdAt: readInstant(row.created_at),
    lastSeenAt: readInstant(row.last_seen_at),
    expiresAt: readInstant(row.expires_at),
    revokedAt: readInstantOrNull(row.revoked_at),
    userAgent: row.user_agent,
    ip: row.ip,
  };
}

export async function touchSession(
  db: Queryable,
  id: string,
  lastSeenAt: Date,
  expiresAt: Date,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: writeInstant(lastSeenAt), expires_at: writeInstant(expiresAt) })
    .where('id', '=', id)
    .execute();
}

export async function revokeSession(db: Queryable, id: string, at: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: writeInstant(at) })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Ends every session of a user but one (after a password change), or all of them. */
export async function revokeSessionsOfUser(
  db: Queryable,
  userId: string,
  at: Date,
  exceptSessionId?: string,
): Promise<void> {
  let query = db
    .updateTable('sessions')
    .set({ revoked_at: writeInstant(at) })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (exceptSessionId !== undefined) query = query.where('id', '!=', exceptSessionId);
  await query.execute();
}

/** Removes sessions that ended more than a day ago; they hold nothing worth keeping. */
export async function deleteEndedSessions(db: Queryable, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where('expires_at', '<', writeInstant(before))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
