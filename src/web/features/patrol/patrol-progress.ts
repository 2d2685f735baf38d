import type {
  MissedRound,
  PatrolRound,
  PatrolRoundList,
  PatrolRoute,
} from '../../api/patrol.api.ts';

/** Where a planned round of the day stands, as the overview shows it. */
export type PlannedRoundStatus = 'done' | 'in-progress' | 'missed' | 'pending';

export type PlannedRoundRow = {
  key: string;
  routeId: string;
  routeName: string;
  shiftCode: string;
  /** the plan's index in the route's list (the server's `planned.index`) */
  index: number;
  /** office-local "HH:mm" of the window, from the shift's start and the plan */
  opens: string | null;
  closes: string | null;
  status: PlannedRoundStatus;
  /** started after its window closed */
  late: boolean;
  /** the round fulfilling it, if one was started */
  round: PatrolRound | null;
  visited: number;
  total: number;
  /** checkpoints not reached: still to go, or missed once the round is finished */
  notVisited: PatrolRound['notVisited'];
  missedAt: string | null;
};

const dayMinutes = 24 * 60;

function minutesOf(time: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (match === null) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

function timeOf(minutes: number): string {
  const wrapped = ((minutes % dayMinutes) + dayMinutes) % dayMinutes;
  const hours = Math.floor(wrapped / 60);
  return `${String(hours).padStart(2, '0')}:${String(wrapped % 60).padStart(2, '0')}`;
}

/**
 * The office-local window of a planned round: its shift's start plus the offset, open for the
 * window's minutes (past midnight for a night shift). Null when the shift's start is unknown.
 */
export function planWindow(
  shiftStart: string | undefined,
  plan: { offsetMinutes: number; windowMinutes: number },
): { opens: string; closes: string } | null {
  const start = shiftStart === undefined ? null : minutesOf(shiftStart);
  if (start === null) return null;
  const opens = start + plan.offsetMinutes;
  return { opens: timeOf(opens), closes: timeOf(opens + plan.windowMinutes) };
}

function progressOf(round: PatrolRound): { visited: number; total: number } {
  return { visited: round.visits.length, total: round.visits.length + round.notVisited.length };
}

/**
 * The day's planned rounds, route by route in the plan's order, each with its status: done
 * (finished), in progress (x of y checkpoints), missed (nobody started it in its window) or
 * pending (its window is still to come or open); a round started after its window is late.
 */
export function plannedRoundRows(
  routes: readonly PatrolRoute[],
  shiftStarts: ReadonlyMap<string, string>,
  day: PatrolRoundList,
): PlannedRoundRow[] {
  return routes.flatMap((route) =>
    route.plannedRounds.map((plan, index): PlannedRoundRow => {
      const round =
        day.rounds.find((r) => r.routeId === route.id && r.planned?.index === index) ?? null;
      const missed: MissedRound | undefined = day.missed.find(
        (m) => m.routeId === route.id && m.plannedIndex === index,
      );
      const window = planWindow(shiftStarts.get(plan.shiftCode), plan);
      const status: PlannedRoundStatus =
        round !== null
          ? round.status === 'finished'
            ? 'done'
            : 'in-progress'
          : missed !== undefined
            ? 'missed'
            : 'pending';
      const progress =
        round === null ? { visited: 0, total: route.checkpoints.length } : progressOf(round);
      return {
        key: `${route.id}:${String(index)}`,
        routeId: route.id,
        routeName: route.name,
        shiftCode: plan.shiftCode,
        index,
        opens: window?.opens ?? null,
        closes: window?.closes ?? null,
        status,
        late: round?.late ?? false,
        round,
        ...progress,
        notVisited: round?.notVisited ?? [],
        missedAt: missed?.closedAt ?? null,
      };
    }),
  );
}

/** Rounds walked outside any plan (an extra round, or one started when no window was open). */
export function unplannedRounds(day: PatrolRoundList): PatrolRound[] {
  return day.rounds.filter((round) => round.planned === null);
}

/** A checkpoint not reached on the office's current day: the list highlights it. */
export function notVisitedSince(lastVisitAt: string | null, dayStartsAt: Date): boolean {
  return lastVisitAt === null || new Date(lastVisitAt).getTime() < dayStartsAt.getTime();
}
