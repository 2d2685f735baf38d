/** Row value conversions shared by all repositories (STYLE.md: repositories map rows). */

/** An instant as stored: ISO text on SQLite, Date on PostgreSQL. */
export function readInstant(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

export function readInstantOrNull(value: Date | string | null): Date | null {
  return value === null ? null : readInstant(value);
}

/** Instants are bound as ISO-8601 UTC text, which both engines accept for their column type. */
export function writeInstant(value: Date): string {
  return value.toISOString();
}

export function readFlag(value: boolean | number): boolean {
  return value === true || value === 1;
}

/** Booleans are bound as 0/1 (better-sqlite3 cannot bind JS booleans; PostgreSQL casts '0'/'1'). */
export function writeFlag(value: boolean): number {
  return value ? 1 : 0;
}

/** COUNT(*) comes back as bigint text on PostgreSQL and a number on SQLite. */
export function readCount(value: string | number | bigint): number {
  return Number(value);
}

/** One step of a record's history (desk items, handovers, non-conforming items), as read. */
export type HistoryEvent = {
  seq: number;
  kind: string;
  actorId: string | null;
  actorName: string | null;
  at: Date;
  payload: Record<string, unknown>;
};

/** A history row with its actor's display name joined, as every history table returns it. */
export function readHistoryEvent(r: {
  seq: number;
  kind: string;
  actor_id: string | null;
  display_name: string | null;
  at: Date | string;
  payload: string;
}): HistoryEvent {
  return {
    seq: r.seq,
    kind: r.kind,
    actorId: r.actor_id,
    actorName: r.display_name,
    at: readInstant(r.at),
    payload: JSON.parse(r.payload) as Record<string, unknown>,
  };
}
