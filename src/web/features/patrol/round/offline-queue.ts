/**
 * The phone's outbox for a patrol round (issue 8, point 2): every action — start, photo,
 * visit, non-conformance, finish — is stored first (IndexedDB in the browser, so a reload
 * loses nothing) and sent in order when the network allows. Each carries a client id the
 * server keeps, so sending it again after a dropped answer is harmless (200 with what was
 * stored). A round started offline is known by its start's client id until that start syncs;
 * the visits queued behind it then use the server's id. Storage and sending are injected, so
 * the rules here are tested without a browser.
 */

/** Where an action belongs: a round by the start's client id (before it syncs) or server id. */
export type RoundRef = { startClientId: string } | { roundId: string };

export type ChecklistResult = { item: string; ok: boolean };

/** A photo referenced by the client id of its queued upload. */
export type PhotoRef = { photoClientId: string; fileName: string };

export type QueuedAction =
  | {
      kind: 'start';
      officeId: string;
      routeId: string;
      expectedMinutes: number;
      startedAt: string;
    }
  | { kind: 'photo'; officeId: string; blob: Blob; fileName: string }
  | {
      kind: 'visit';
      officeId: string;
      round: RoundRef;
      code: string;
      method: 'qr' | 'code';
      visitedAt: string;
      results: ChecklistResult[];
      note?: string | undefined;
      photos: PhotoRef[];
    }
  | {
      kind: 'nc';
      officeId: string;
      round?: RoundRef | undefined;
      what: string;
      checkpointId?: string | undefined;
      location?: string | undefined;
      severity: 'minor' | 'major' | 'critical';
      assignee: 'duty' | 'maintenance' | 'cleaning' | 'contractor';
      dueAt: string;
      photos: PhotoRef[];
    }
  | { kind: 'finish'; officeId: string; round: RoundRef; finishedAt: string };

export type ActionKind = QueuedAction['kind'];

/** Why an entry stopped: the server's refusal (status, code, message, field problems). */
export type QueueFailure = {
  status: number;
  code: string;
  message: string;
  /** the regulation clause that refused it (DISC-1: not checked in) */
  rule?: string | undefined;
  details: { path: string; message: string }[];
};

export type QueueEntry = {
  clientId: string;
  /** the order of recording; entries are sent in this order */
  seq: number;
  /** the phone's time when recorded */
  recordedAt: string;
  action: QueuedAction;
  /** pending: waiting or retrying; failed: refused for good until retried or discarded */
  state: 'pending' | 'failed';
  attempts: number;
  /** epoch ms before which it is not tried again (backoff after a network error or 5xx) */
  notBefore: number;
  /** the last error: the refusal of a failed entry, or the transient one being retried */
  failure?: QueueFailure | undefined;
};

/** What a synced start or photo became on the server: the round's id, the photo's sha256. */
export type Resolution = { clientId: string; value: string };

/** The storage behind the queue: IndexedDB in the browser, a Map in the unit tests. */
export type QueueStore = {
  loadEntries: () => Promise<QueueEntry[]>;
  putEntry: (entry: QueueEntry) => Promise<void>;
  deleteEntry: (clientId: string) => Promise<void>;
  loadResolutions: () => Promise<Resolution[]>;
  putResolution: (resolution: Resolution) => Promise<void>;
};

/** How each action reaches the server; each throws the ApiError of a refusal. */
export type QueueTransport = {
  startRound: (
    officeId: string,
    body: { clientId: string; routeId: string; expectedMinutes: number; startedAt: string },
  ) => Promise<{ id: string }>;
  uploadPhoto: (officeId: string, blob: Blob, fileName: string) => Promise<{ sha256: string }>;
  recordVisit: (
    officeId: string,
    roundId: string,
    body: {
      clientId: string;
      code: string;
      method: 'qr' | 'code';
      visitedAt: string;
      results: ChecklistResult[];
      note?: string;
      attachments?: { sha256: string; fileName: string }[];
    },
  ) => Promise<unknown>;
  raiseNonconformance: (
    officeId: string,
    body: {
      clientId: string;
      what: string;
      checkpointId?: string;
      location?: string;
      roundId?: string;
      severity: 'minor' | 'major' | 'critical';
      assignee: 'duty' | 'maintenance' | 'cleaning' | 'contractor';
      dueAt: string;
      attachments?: { sha256: string; fileName: string }[];
    },
  ) => Promise<unknown>;
  finishRound: (
    officeId: string,
    roundId: string,
    body: { finishedAt: string },
  ) => Promise<unknown>;
};

export type QueueSnapshot = {
  entries: readonly QueueEntry[];
  /** the start's client id → the round's server id; the photo's client id → its sha256 */
  resolved: ReadonlyMap<string, string>;
  /** a send is in flight */
  syncing: boolean;
  /** the queue has been read from storage */
  loaded: boolean;
};

export type OfflineQueue = {
  /** Reads what an earlier visit of the page left in storage. */
  load: () => Promise<void>;
  /** Stores an action with a fresh client id and the phone's time; does not send it. */
  enqueue: (action: QueuedAction) => Promise<QueueEntry>;
  /** Sends every due entry in order; stops at the first network error or 5xx (backoff). */
  flush: () => Promise<void>;
  /** Makes every waiting entry due now (the network came back). */
  wake: () => Promise<void>;
  /** A failed entry is tried again. */
  retry: (clientId: string) => Promise<void>;
  /** A failed entry is given up; what depended on it fails when its turn comes. */
  discard: (clientId: string) => Promise<void>;
  snapshot: () => QueueSnapshot;
  subscribe: (listener: () => void) => () => void;
  /** The earliest time a waiting entry is due, or null when nothing waits. */
  nextDueAt: () => number | null;
};

export type QueueOptions = {
  store: QueueStore;
  transport: QueueTransport;
  now?: () => number;
  /** a new client id; crypto.randomUUID by default */
  newId?: () => string;
  /** the first retry's wait, doubled on each further failure up to maxBackoffMs */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
};

/** A client id the server accepts (/^[A-Za-z0-9_-]{8,64}$/), named by what it is for. */
export function newClientId(kind: ActionKind, random: () => string = () => crypto.randomUUID()) {
  return `${kind}-${random()}`;
}

/**
 * Refusals worth trying again: no answer (status 0), a timeout (408), too many requests (429),
 * signed out (401: syncs after signing in again) and the server's own failures (5xx). Any other
 * 4xx is final for that entry, a conflict (409) too: the checkpoint recorded already, the round
 * finished, or the person away from the post already will not pass by waiting; the person sees
 * it and retries or discards it.
 */
export function isTransient(failure: QueueFailure): boolean {
  const { status } = failure;
  return status === 0 || status === 401 || status === 408 || status === 429 ? true : status >= 500;
}

/** The failure of whatever a send threw: an ApiError's fields, else an error of the web app. */
export function failureOf(error: unknown): QueueFailure {
  if (typeof error === 'object' && error !== null && 'status' in error && 'code' in error) {
    const e = error as {
      status: unknown;
      code: unknown;
      message?: unknown;
      rule?: unknown;
      details?: unknown;
    };
    const details = Array.isArray(e.details)
      ? (e.details as unknown[]).flatMap((d) =>
          typeof d === 'object' &&
          d !== null &&
          typeof (d as { path?: unknown }).path === 'string' &&
          typeof (d as { message?: unknown }).message === 'string'
            ? [{ path: (d as { path: string }).path, message: (d as { message: string }).message }]
            : [],
        )
      : [];
    return {
      status: typeof e.status === 'number' ? e.status : 0,
      code: typeof e.code === 'string' ? e.code : 'NETWORK_ERROR',
      message: typeof e.message === 'string' ? e.message : '',
      rule: typeof e.rule === 'string' ? e.rule : undefined,
      details,
    };
  }
  // not a refusal but a bug on the phone: shown as failed rather than retried unseen forever
  return {
    status: -1,
    code: 'INTERNAL',
    message: error instanceof Error ? error.message : String(error),
    details: [],
  };
}

/** A dependency that is not there to wait for: its entry was discarded, or never stored. */
const dependencyMissing = (what: string): QueueFailure => ({
  status: 0,
  code: 'DEPENDENCY_MISSING',
  message: `${what} was discarded before it synced`,
  details: [],
});

class Blocked {
  constructor(readonly failure: QueueFailure | null) {}
}

export function createOfflineQueue(options: QueueOptions): OfflineQueue {
  const { store, transport } = options;
  const now = options.now ?? (() => Date.now());
  const newId = options.newId ?? (() => crypto.randomUUID());
  const baseBackoff = options.baseBackoffMs ?? 2_000;
  const maxBackoff = options.maxBackoffMs ?? 60_000;

  let entries: QueueEntry[] = [];
  const resolved = new Map<string, string>();
  let loaded = false;
  let syncing = false;
  let nextSeq = 1;
  let current: QueueSnapshot = { entries, resolved, syncing, loaded };
  const listeners = new Set<() => void>();
  let running: Promise<void> | null = null;
  let again = false;

  const publish = () => {
    current = { entries: [...entries], resolved: new Map(resolved), syncing, loaded };
    for (const listener of listeners) listener();
  };

  const save = async (entry: QueueEntry) => {
    entries = entries.map((e) => (e.clientId === entry.clientId ? entry : e));
    await store.putEntry(entry);
    publish();
  };

  /** The server id of a round, or a Blocked when its start has not synced (or never will). */
  const roundIdOf = (round: RoundRef): string | Blocked => {
    if ('roundId' in round) return round.roundId;
    const id = resolved.get(round.startClientId);
    if (id !== undefined) return id;
    const start = entries.find((e) => e.clientId === round.startClientId);
    return new Blocked(start === undefined ? dependencyMissing('the round’s start') : null);
  };

  const attachmentsOf = (photos: PhotoRef[]) => {
    const attachments: { sha256: string; fileName: string }[] = [];
    for (const photo of photos) {
      const sha256 = resolved.get(photo.photoClientId);
      if (sha256 !== undefined) {
        attachments.push({ sha256, fileName: photo.fileName });
        continue;
      }
      const upload = entries.find((e) => e.clientId === photo.photoClientId);
      return new Blocked(upload === undefined ? dependencyMissing('a photo') : null);
    }
    return attachments;
  };

  /** Sends one entry; returns what it resolved to (round id, sha256) or a Blocked. */
  const send = async (entry: QueueEntry): Promise<string | null | Blocked> => {
    const { action, clientId } = entry;
    switch (action.kind) {
      case 'start': {
        const round = await transport.startRound(action.officeId, {
          clientId,
          routeId: action.routeId,
          expectedMinutes: action.expectedMinutes,
          startedAt: action.startedAt,
        });
        return round.id;
      }
      case 'photo': {
        const stored = await transport.uploadPhoto(action.officeId, action.blob, action.fileName);
        return stored.sha256;
      }
      case 'visit': {
        const roundId = roundIdOf(action.round);
        if (roundId instanceof Blocked) return roundId;
        const attachments = attachmentsOf(action.photos);
        if (attachments instanceof Blocked) return attachments;
        await transport.recordVisit(action.officeId, roundId, {
          clientId,
          code: action.code,
          method: action.method,
          visitedAt: action.visitedAt,
          results: action.results,
          ...(action.note === undefined || action.note === '' ? {} : { note: action.note }),
          ...(attachments.length === 0 ? {} : { attachments }),
        });
        return null;
      }
      case 'nc': {
        const roundId = action.round === undefined ? undefined : roundIdOf(action.round);
        if (roundId instanceof Blocked) return roundId;
        const attachments = attachmentsOf(action.photos);
        if (attachments instanceof Blocked) return attachments;
        await transport.raiseNonconformance(action.officeId, {
          clientId,
          what: action.what,
          ...(action.checkpointId === undefined ? {} : { checkpointId: action.checkpointId }),
          ...(action.location === undefined || action.location === ''
            ? {}
            : { location: action.location }),
          ...(roundId === undefined ? {} : { roundId }),
          severity: action.severity,
          assignee: action.assignee,
          dueAt: action.dueAt,
          ...(attachments.length === 0 ? {} : { attachments }),
        });
        return null;
      }
      case 'finish': {
        const roundId = roundIdOf(action.round);
        if (roundId instanceof Blocked) return roundId;
        await transport.finishRound(action.officeId, roundId, { finishedAt: action.finishedAt });
        return null;
      }
    }
  };

  const runOnce = async () => {
    for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) {
      if (!entries.includes(entry) || entry.state === 'failed') continue;
      // strict order: nothing overtakes an entry that waits for its retry
      if (entry.notBefore > now()) return;
      let outcome: string | null | Blocked;
      try {
        outcome = await send(entry);
      } catch (error) {
        const failure = failureOf(error);
        if (isTransient(failure)) {
          const attempts = entry.attempts + 1;
          const wait = Math.min(maxBackoff, baseBackoff * 2 ** (attempts - 1));
          await save({ ...entry, attempts, notBefore: now() + wait, failure });
          return;
        }
        await save({ ...entry, state: 'failed', attempts: entry.attempts + 1, failure });
        continue;
      }
      if (outcome instanceof Blocked) {
        // waiting on a failed start or photo: it waits with it; on a discarded one it fails
        if (outcome.failure !== null)
          await save({ ...entry, state: 'failed', failure: outcome.failure });
        continue;
      }
      if (outcome !== null) {
        resolved.set(entry.clientId, outcome);
        await store.putResolution({ clientId: entry.clientId, value: outcome });
      }
      entries = entries.filter((e) => e.clientId !== entry.clientId);
      await store.deleteEntry(entry.clientId);
      publish();
    }
  };

  const flush = (): Promise<void> => {
    if (running !== null) {
      again = true;
      return running;
    }
    running = (async () => {
      syncing = true;
      publish();
      try {
        // a flush asked for while this one ran (a new entry) runs once more
        const askedAgain = () => again;
        do {
          again = false;
          await runOnce();
        } while (askedAgain());
      } finally {
        syncing = false;
        running = null;
        publish();
      }
    })();
    return running;
  };

  return {
    load: async () => {
      const [stored, resolutions] = await Promise.all([
        store.loadEntries(),
        store.loadResolutions(),
      ]);
      const known = new Set(entries.map((e) => e.clientId));
      entries = [...entries, ...stored.filter((e) => !known.has(e.clientId))].sort(
        (a, b) => a.seq - b.seq,
      );
      for (const r of resolutions) resolved.set(r.clientId, r.value);
      nextSeq = Math.max(nextSeq, ...entries.map((e) => e.seq + 1));
      loaded = true;
      publish();
    },
    enqueue: async (action) => {
      const entry: QueueEntry = {
        clientId: newClientId(action.kind, newId),
        seq: nextSeq++,
        recordedAt: new Date(now()).toISOString(),
        action,
        state: 'pending',
        attempts: 0,
        notBefore: 0,
      };
      await store.putEntry(entry);
      entries = [...entries, entry];
      publish();
      return entry;
    },
    flush,
    wake: async () => {
      for (const entry of entries) {
        if (entry.state === 'pending' && entry.notBefore > 0)
          await save({ ...entry, notBefore: 0 });
      }
    },
    retry: async (clientId) => {
      const entry = entries.find((e) => e.clientId === clientId);
      if (entry === undefined) return;
      await save({ ...entry, state: 'pending', attempts: 0, notBefore: 0, failure: undefined });
    },
    discard: async (clientId) => {
      entries = entries.filter((e) => e.clientId !== clientId);
      await store.deleteEntry(clientId);
      publish();
    },
    snapshot: () => current,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    nextDueAt: () => {
      const waiting = entries.filter((e) => e.state === 'pending').map((e) => e.notBefore);
      return waiting.length === 0 ? null : Math.min(...waiting);
    },
  };
}

/** A store kept in memory: the unit tests', and the fallback when IndexedDB is unavailable. */
export function memoryQueueStore(): QueueStore & {
  entries: Map<string, QueueEntry>;
  resolutions: Map<string, string>;
} {
  const entries = new Map<string, QueueEntry>();
  const resolutions = new Map<string, string>();
  return {
    entries,
    resolutions,
    loadEntries: () => Promise.resolve([...entries.values()]),
    putEntry: (entry) => {
      entries.set(entry.clientId, { ...entry });
      return Promise.resolve();
    },
    deleteEntry: (clientId) => {
      entries.delete(clientId);
      return Promise.resolve();
    },
    loadResolutions: () =>
      Promise.resolve([...resolutions].map(([clientId, value]) => ({ clientId, value }))),
    putResolution: ({ clientId, value }) => {
      resolutions.set(clientId, value);
      return Promise.resolve();
    },
  };
}
