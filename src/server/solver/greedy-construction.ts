import {
  OFF,
  weekendCount,
  weekendOfDays,
  type Roster,
  type RosterProblem,
} from '../domain/roster/roster-model.ts';
import { createRandom } from './local-search.ts';

export type GreedyOptions = {
  seed: number;
  /** performance.now() value after which the remaining people are left unfinished. */
  deadline: number;
  /** Search nodes per person before the row is given up (default 200 per day). */
  nodesPerDay?: number;
};

export type GreedyResult = {
  /** Rows of unfinished people are all off (or only their pins). */
  roster: Roster;
  /** People no row meeting every hard rule was found for, within the node budget. */
  unfinished: number[];
};

/**
 * Builds a roster in plain TypeScript, one person at a time in order of scarcity (most days
 * off first), each row by a depth-first search over the days that checks every hard rule of
 * ROSTER-1 as it goes (days off, pins, succession, max shifts per type, total minutes, max and
 * min consecutive shifts, min consecutive days off, weekends) and prunes rows that can no
 * longer reach their minimum minutes, by a bound that knows the run lengths, days off and
 * weekends still allowed (without the weekends, rows of 232 worked days out of 364 with half
 * the weekends off failed late and often). Values are tried in order of what the cover still
 * lacks, so the rows fill the gaps the people before left. Seconds even on a 150-person year,
 * where one HiGHS MIP per person takes minutes; a row not found within its node budget is
 * left off and reported, so the caller can hand that person to the MIP construction.
 */
export function greedyRoster(problem: RosterProblem, options: GreedyOptions): GreedyResult {
  const random = createRandom(options.seed * 31 + 5);
  const { days, shifts, people } = problem;
  const T = shifts.length;
  const roster: Roster = people.map(() => new Array<number>(days).fill(OFF));
  for (const pin of problem.pinned) roster[pin.person]![pin.day] = pin.shift;
  const coverCount = new Int32Array(days * T);
  const weekendOf = weekendOfDays(problem);
  const weekends = weekendCount(problem);
  const wishCost = new Float64Array(people.length * days * (T + 1));
  for (const r of problem.onRequests) {
    const base = (r.person * days + r.day) * (T + 1);
    for (let v = -1; v < T; v++) if (v !== r.shift) wishCost[base + v + 1]! += r.weight;
  }
  for (const r of problem.offRequests) {
    wishCost[(r.person * days + r.day) * (T + 1) + r.shift + 1]! += r.weight;
  }
  const order = people
    .map((person, p) => ({ p, key: person.daysOff.length + random() }))
    .sort((a, b) => b.key - a.key)
    .map(({ p }) => p);
  const unfinished: number[] = [];
  const budgetPerRow = (options.nodesPerDay ?? 200) * days;

  for (const p of order) {
    if (performance.now() > options.deadline) {
      unfinished.push(p);
      continue;
    }
    const person = people[p]!;
    const forced = new Array<number | undefined>(days).fill(undefined);
    const dayOff = new Uint8Array(days);
    for (const d of person.daysOff) {
      forced[d] = OFF;
      dayOff[d] = 1;
    }
    for (const pin of problem.pinned) if (pin.person === p) forced[pin.day] = pin.shift;
    const allowedShifts = shifts.flatMap((_, t) => ((person.maxShifts[t] ?? 0) > 0 ? [t] : []));
    const byLength = [...allowedShifts].sort((a, b) => shifts[b]!.minutes - shifts[a]!.minutes);
    // Most days still workable from day d, by the run rules, the days off and the weekends
    // (succession and the per-shift maxima ignored, so it stays an upper bound): a DP over the
    // row, so the search sees a minutes shortfall weeks before the end. State: the current run
    // r, the off run q, the weekends still allowed e, whether day d's weekend is already
    // counted c, and whether a day off was seen f (a run after one must reach the minimum).
    const k = Math.max(1, person.maxConsecutiveShifts);
    const o = Math.max(1, person.minConsecutiveDaysOff);
    // weekends the person may not all work are counted; otherwise that dimension is left out
    const limitWeekends = person.maxWeekends < weekends;
    const W = limitWeekends ? person.maxWeekends : 0;
    const m = person.minConsecutiveShifts;
    const at = (d: number, r: number, q: number, e: number, c: number, f: number): number =>
      ((((d * (k + 1) + r) * (o + 1) + q) * (W + 1) + e) * 2 + c) * 2 + f;
    const maxWork = new Int32Array((days + 1) * (k + 1) * (o + 1) * (W + 1) * 4);
    for (let d = days - 1; d >= 0; d--) {
      const w = weekendOf[d]!;
      // day d + 1 keeps the counted mark only within the same weekend
      const sameNext = w >= 0 && weekendOf[d + 1] === w ? 1 : 0;
      for (let r = 0; r <= k; r++) {
        for (let q = 0; q <= o; q++) {
          for (let e = 0; e <= W; e++) {
            for (let c = 0; c <= 1; c++) {
              for (let f = 0; f <= 1; f++) {
                // -1: no row from here meets the rules (a run too short before a forced day off)
                let best = -1;
                if (r === 0 || f === 0 || r >= m) {
                  best = maxWork[at(d + 1, 0, Math.min(o, q + 1), e, sameNext & c, 1)]!;
                }
                if (forced[d] !== OFF && r < k && (r > 0 || q >= o)) {
                  const opens = limitWeekends && w >= 0 && c === 0;
                  if (!opens || e > 0) {
                    const next = maxWork[at(d + 1, r + 1, 0, opens ? e - 1 : e, sameNext, f)]!;
                    if (next >= 0) best = Math.max(best, 1 + next);
                  }
                }
                maxWork[at(d, r, q, e, c, f)] = best;
              }
            }
          }
        }
      }
    }
    // Aim above the minimum so the row does not end short: pace per day (raised per attempt).
    let target = person.minTotalMinutes;
    let weekendSlack = 0.5;
    const counts = new Int32Array(T);
    const row = new Array<number>(days).fill(OFF);
    let nodes = 0;

    const valuesFor = (
      d: number,
      minutes: number,
      weekendsWorked: number,
      lastWeekend: number,
    ): number[] => {
      const fixed = forced[d];
      if (fixed !== undefined) return [fixed];
      const behind = target * ((d + 1) / days) - minutes;
      // Weekends are rationed over the horizon: spending them early leaves late weeks with
      // too few workable days to reach the minimum minutes.
      const w = weekendOf[d]!;
      const weekendOverPace =
        w >= 0 &&
        w !== lastWeekend &&
        person.maxWeekends < weekends &&
        weekendsWorked + 1 > (person.maxWeekends * (w + 1)) / weekends + weekendSlack;
      const scored: { v: number; score: number }[] = [];
      // Working is worth what the cover still lacks, plus pace when behind the target.
      const base = (p * days + d) * (T + 1);
      scored.push({ v: OFF, score: -wishCost[base]! + random() * 0.5 });
      for (const t of allowedShifts) {
        const need = problem.cover[d]?.[t];
        const gap = (need?.required ?? 0) - coverCount[d * T + t]!;
        const coverScore = gap > 0 ? (need?.underWeight ?? 1) : -(need?.overWeight ?? 1);
        const pace = (behind > 0 ? Math.min(200, behind / 10) : -50) - (weekendOverPace ? 500 : 0);
        scored.push({
          v: t,
          score: coverScore + pace - wishCost[base + t + 1]! + random() * 0.5,
        });
      }
      scored.sort((a, b) => b.score - a.score);
      return scored.map((s) => s.v);
    };

    /** Depth-first search from day d; true when the rest of the row is set. */
    const search = (
      d: number,
      run: number,
      offRun: number,
      seenWork: boolean,
      seenOff: boolean,
      minutes: number,
      weekendsWorked: number,
      lastWeekend: number,
    ): boolean => {
      if (d === days) return minutes >= person.minTotalMinutes;
      if (++nodes > budgetPerRow) return false;
      // Prune: even working as much as the run rules allow cannot reach the minimum.
      const workable =
        maxWork[
          at(
            d,
            Math.min(run, k),
            seenWork ? Math.min(offRun, o) : o,
            limitWeekends ? Math.max(0, W - weekendsWorked) : 0,
            weekendOf[d]! >= 0 && weekendOf[d] === lastWeekend ? 1 : 0,
            seenOff ? 1 : 0,
          )
        ]!;
      if (workable < 0) return false;
      // the workable days filled with the longest shifts each type's maximum still allows
      let reachable = minutes;
      let left = workable;
      for (const t of byLength) {
        if (left === 0) break;
        const take = Math.min(left, (person.maxShifts[t] ?? 0) - counts[t]!);
        reachable += take * shifts[t]!.minutes;
        left -= take;
      }
      if (reachable < person.minTotalMinutes) return false;
      const prev = d > 0 ? row[d - 1]! : OFF;
      for (const v of valuesFor(d, minutes, weekendsWorked, lastWeekend)) {
        if (v === OFF) {
          // A work run bounded by days off on both sides must be long enough.
          if (run > 0 && seenOff && run < person.minConsecutiveShifts) continue;
          row[d] = OFF;
          if (search(d + 1, 0, offRun + 1, seenWork, true, minutes, weekendsWorked, lastWeekend))
            return true;
          continue;
        }
        // A pin on a day off is a conflict no row can meet (the MIP explains it later).
        if (dayOff[d] === 1 || (person.maxShifts[v] ?? 0) <= counts[v]!) continue;
        if (prev !== OFF && shifts[prev]!.forbiddenNext.includes(v)) continue;
        if (offRun > 0 && seenWork && offRun < person.minConsecutiveDaysOff) continue;
        if (run + 1 > person.maxConsecutiveShifts) continue;
        const m = minutes + shifts[v]!.minutes;
        if (m > person.maxTotalMinutes) continue;
        const w = weekendOf[d]!;
        const newWeekend = w >= 0 && w !== lastWeekend;
        const worked = weekendsWorked + (newWeekend ? 1 : 0);
        if (worked > person.maxWeekends && person.maxWeekends < weekends) continue;
        row[d] = v;
        counts[v]!++;
        if (search(d + 1, run + 1, 0, true, seenOff, m, worked, newWeekend ? w : lastWeekend))
          return true;
        counts[v]!--;
      }
      row[d] = OFF;
      return false;
    };

    let found = false;
    // A failed row is usually one that fell behind its minutes too late to catch up: retry
    // with a keener pace (and other random tie-breaks) before giving the person up.
    for (const [attempt, keenness] of [0.25, 0.6, 0.9, 1, 0.4, 0.75].entries()) {
      weekendSlack = attempt % 2 === 0 ? 0.5 : 0;
      target =
        person.minTotalMinutes +
        Math.max(0, person.maxTotalMinutes - person.minTotalMinutes) * keenness;
      nodes = 0;
      counts.fill(0);
      if (search(0, 0, 0, false, false, 0, 0, -1)) {
        found = true;
        break;
      }
      if (performance.now() > options.deadline) break;
    }
    if (found) {
      for (let d = 0; d < days; d++) {
        roster[p]![d] = row[d]!;
        if (row[d]! !== OFF) coverCount[d * T + row[d]!]!++;
      }
    } else {
      unfinished.push(p);
    }
  }
  return { roster, unfinished };
}
