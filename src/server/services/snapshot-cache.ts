import type { Clock } from './context.ts';

/**
 * A small in-process cache of values read from the database, for the hot reads (the desk
 * board, the session lookup). Two promises hold for every value it hands out:
 *
 * - **bounded age**: a value is never served once `maxAgeMs` have passed since its build
 *   started (by the injected clock), so a change nobody announced is seen within the bound;
 * - **no stale value after a drop**: `drop` removes the entries at once, builds in flight
 *   included, so a build that read the database before a change can never be served after the
 *   change dropped it (its result still goes to the callers that were already waiting).
 *
 * Concurrent misses of one key share one build. From `refreshAfterMs` on, a read still gets
 * the value it holds and starts one rebuild in the background, so a steady stream of readers
 * does not all wait for the rebuild at the age bound; a rebuild that fails drops the value (a
 * session revoked by another instance ends at the next refresh, not at the bound).
 */
export type SnapshotCache<V> = {
  read: (key: string, build: () => Promise<V>) => Promise<V>;
  /** removes the entries whose key (and value, `undefined` while still building) match */
  drop: (matches: (key: string, value: V | undefined) => boolean) => void;
  clear: () => void;
};

export type SnapshotCacheOptions = {
  clock: Clock;
  maxAgeMs: number;
  /** rebuild in the background from this age on (default: half of maxAgeMs) */
  refreshAfterMs?: number;
  /** beyond this many keys, expired entries and then the oldest are removed */
  maxEntries?: number;
};

type Entry<V> = {
  built: boolean;
  value: V | undefined;
  /** when the build of the value held started (the data is at least this recent) */
  builtAt: number;
  pending: Promise<V> | undefined;
  pendingSince: number;
};

export function createSnapshotCache<V>(options: SnapshotCacheOptions): SnapshotCache<V> {
  const { clock, maxAgeMs } = options;
  const refreshAfterMs = options.refreshAfterMs ?? maxAgeMs / 2;
  const maxEntries = options.maxEntries ?? 10_000;
  const entries = new Map<string, Entry<V>>();

  const startBuild = (key: string, entry: Entry<V>, build: () => Promise<V>): Promise<V> => {
    const startedAt = clock.now().getTime();
    const pending: Promise<V> = build().then(
      (value) => {
        if (entry.pending === pending) entry.pending = undefined;
        // a drop meanwhile removed the entry: this value may predate the change, keep it out
        if (entries.get(key) === entry && (!entry.built || startedAt >= entry.builtAt)) {
          entry.built = true;
          entry.value = value;
          entry.builtAt = startedAt;
        }
        return value;
      },
      (error: unknown) => {
        if (entry.pending === pending) entry.pending = undefined;
        // a refresh that fails (a session revoked elsewhere, a role removed) ends the held value
        if (entries.get(key) === entry) entries.delete(key);
        throw error;
      },
    );
    entry.pending = pending;
    entry.pendingSince = startedAt;
    return pending;
  };

  const prune = (now: number, room: number): void => {
    if (entries.size <= room) return;
    for (const [key, entry] of entries) {
      if (entry.pending === undefined && !isFresh(entry, now)) entries.delete(key);
    }
    for (const key of entries.keys()) {
      if (entries.size <= room) break;
      entries.delete(key);
    }
  };

  const isFresh = (entry: Entry<V>, now: number): boolean => {
    const age = now - entry.builtAt;
    return entry.built && age >= 0 && age < maxAgeMs;
  };

  return {
    read: (key, build) => {
      const now = clock.now().getTime();
      let entry = entries.get(key);
      if (entry === undefined) {
        entry = {
          built: false,
          value: undefined,
          builtAt: now,
          pending: undefined,
          pendingSince: now,
        };
        // room first: the new entry is not built yet and must not be pruned as expired
        prune(now, maxEntries - 1);
        entries.set(key, entry);
      }
      if (isFresh(entry, now)) {
        if (now - entry.builtAt >= refreshAfterMs && entry.pending === undefined) {
          // the waiting readers of a failed refresh see its error; this one keeps its value
          startBuild(key, entry, build).catch(() => undefined);
        }
        return Promise.resolve(entry.value as V);
      }
      // a build in flight is joined only while its start is within the bound too
      const since = now - entry.pendingSince;
      return entry.pending !== undefined && since >= 0 && since < maxAgeMs
        ? entry.pending
        : startBuild(key, entry, build);
    },
    drop: (matches) => {
      for (const [key, entry] of entries) {
        if (matches(key, entry.built ? entry.value : undefined)) entries.delete(key);
      }
    },
    clear: () => {
      entries.clear();
    },
  };
}
