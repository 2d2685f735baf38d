import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { runTransaction, type Db, type Dialect, type Tx } from '../db/database.ts';
import type { Actor } from '../domain/policy.ts';
import type { FileStore } from './file-store.ts';
import type { Authenticated } from './auth.service.ts';
import type { PasswordHasher } from './password.ts';
import type { SnapshotCache } from './snapshot-cache.ts';

/** The clock is injected everywhere so tests run at any instant (DESIGN.md "Time"). */
export type Clock = { now: () => Date };
export const systemClock: Clock = { now: () => new Date() };

export type Ids = {
  /** a new record id */
  newId: () => string;
  /** a new unguessable secret (session and CSRF tokens) */
  newToken: () => string;
};
export const randomIds: Ids = {
  newId: () => randomUUID(),
  newToken: () => randomBytes(32).toString('base64url'),
};

export type SessionPolicy = { idleMinutes: number; maxHours: number };

/** What every use case may use; built once at start-up and shared. */
export type ServiceDeps = {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  ids: Ids;
  passwords: PasswordHasher;
  sessions: SessionPolicy;
  /** evidence files, content-addressed (DESIGN.md "Files") */
  files: FileStore;
  /** session lookups reused for a few seconds (auth.service.ts); none: every request reads */
  sessionCache?: SnapshotCache<Authenticated>;
};

/** A use case runs for someone: the signed-in actor. */
export type ServiceContext = ServiceDeps & { actor: Actor };

/**
 * Runs a use case in one transaction (DESIGN.md "Concurrency") and returns once it is
 * committed to disk (on SQLite with other transactions of the same moment: group commit).
 */
export function inTransaction<T>(deps: ServiceDeps, work: (tx: Tx) => Promise<T>): Promise<T> {
  return runTransaction(deps.db, work);
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
