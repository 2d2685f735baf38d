import { useEffect, useState } from 'react';
import { listPatrolRoutes, type PatrolRoute } from '../../../api/patrol-rounds.api.ts';
import type { QueueEntry, QueueSnapshot, RoundRef } from './offline-queue.ts';

/**
 * What the phone keeps besides the outbox: the round being walked (so a reload or the label's
 * own URL finds it, even before its start synced) and the office's routes as last read (so the
 * page works when it is opened without a connection).
 */

export type CurrentRound = {
  officeId: string;
  /** who walks it: another person signed in on this phone does not see it as theirs */
  userId: string;
  /** the start's client id: the round's name on this phone, before and after it syncs */
  ref: string;
  routeId: string;
  startedAt: string;
};

const currentKey = (officeId: string) => `dutydesk.patrol.current.${officeId}`;
const routesKey = (officeId: string) => `dutydesk.patrol.routes.${officeId}`;

function readJson<T>(key: string, fallback: T | null = null): T | null {
  try {
    const text = window.localStorage.getItem(key);
    return text === null ? fallback : (JSON.parse(text) as T);
  } catch {
    return fallback;
  }
}

function writeJson(key: string, value: unknown): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // private mode or full: kept for this visit only
  }
}

export function readCurrentRound(officeId: string, userId: string): CurrentRound | null {
  const round = readJson<CurrentRound>(currentKey(officeId));
  return round?.userId === userId ? round : null;
}

export function writeCurrentRound(round: CurrentRound | null, officeId: string): void {
  writeJson(currentKey(officeId), round);
}

/** Round refs in URLs: a start's client id until it syncs (the outbox names it `start-…`). */
export function isLocalRef(ref: string): boolean {
  return ref.startsWith('start-');
}

/** The server's id of a round named by a ref, once known. */
export function serverIdOf(ref: string, snapshot: QueueSnapshot): string | undefined {
  return snapshot.resolved.get(ref) ?? (isLocalRef(ref) ? undefined : ref);
}

/** Whether a queued action's round is the one named by `ref` (or its server id). */
export function belongsTo(round: RoundRef | undefined, ref: string, serverId?: string): boolean {
  if (round === undefined) return false;
  return 'startClientId' in round
    ? round.startClientId === ref
    : round.roundId === ref || round.roundId === serverId;
}

/** The queued entries of a round. */
export function entriesOf(snapshot: QueueSnapshot, ref: string, serverId?: string): QueueEntry[] {
  return snapshot.entries.filter((entry) => {
    const { action } = entry;
    if (action.kind === 'start') return entry.clientId === ref;
    if (action.kind === 'photo') return false;
    return belongsTo(action.round, ref, serverId);
  });
}

export type RoutesState =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'ready'; routes: PatrolRoute[]; cached: boolean };

/** The office's routes, from the server, else as last read on this phone. */
export function useRoutes(officeId: string | null): RoutesState {
  const [state, setState] = useState<RoutesState>({ status: 'loading' });
  useEffect(() => {
    if (officeId === null) return;
    let cancelled = false;
    listPatrolRoutes(officeId).then(
      (routes) => {
        writeJson(routesKey(officeId), routes);
        if (!cancelled) setState({ status: 'ready', routes, cached: false });
      },
      (error: unknown) => {
        const cached = readJson<PatrolRoute[]>(routesKey(officeId));
        if (cancelled) return;
        setState(
          cached === null
            ? { status: 'failed', error }
            : { status: 'ready', routes: cached, cached: true },
        );
      },
    );
    return () => {
      cancelled = true;
    };
  }, [officeId]);
  return state;
}

/** Paths of the round pages. */
export const roundPath = (ref: string) => `/patrol/round/${encodeURIComponent(ref)}`;
export const startRoundPath = '/patrol/round';
