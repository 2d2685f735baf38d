import type { Highs, Model } from 'highs';
import { OFF, type Roster, type RosterProblem } from '../domain/roster/roster-model.ts';
import { evaluateRoster } from '../domain/roster/roster-evaluator.ts';
import { modelDataOf, roundUpBound, runRosterMip } from './highs-runner.ts';
import { buildRosterMip, type RosterMip } from './mip-model.ts';
import { createRandom } from './local-search.ts';
import { cheapestRow, fitsRowPricing } from './row-pricing.ts';

/**
 * Column generation over whole rows (Dantzig–Wolfe decomposition by person), the method of
 * the benchmark's own best results (Curtois & Qu's branch and price):
 *
 * - the **master** chooses, for every person, a mix of whole rows (each meeting all of that
 *   person's hard rules) so that the cover is met at least cost; its LP relaxation is far
 *   tighter than the compact MIP's, because each row is already a feasible roster line;
 * - the **pricing** problem finds, for one person, the row of least reduced cost under the
 *   master's cover prices: by dynamic programming over the days (row-pricing.ts; a beam of a
 *   few labels per state in heuristic rounds), or, where its labels run out, by a one-person
 *   HiGHS MIP kept between rounds with only its costs changed.
 *
 * Every exact round gives a Lagrangian lower bound (valid for any prices, whether or not the
 * master LP has converged). Rosters come from the compact MIP with the cells the root LP takes
 * whole fixed, from dives (fix the rows the LP takes whole, price again for the rest), from
 * branch and price on cells (optional, after the first dive) and from the integer master
 * over every row found.
 *
 * The fairness spreads are left out of the master: they are never negative, so the bound
 * stays valid, and the evaluator scores the master's roster with them. Or, given fairness
 * bands (office months, see {@link FairnessBand}), every row keeps each band's highest count
 * and the master charges a term's weight per count outside a band: no bound then, but rosters
 * at the optimum where the bands are the optimum's.
 */
export type ColumnGenerationOutcome = {
  /** Best proven lower bound (rounded up); 0 when nothing was proven. */
  bound: number;
  /** The master LP's last value, when solved. */
  lpValue: number | undefined;
  /** True when no row with negative reduced cost was left: the LP value is the LP bound. */
  converged: boolean;
  /** The best roster of the dives and the integer master, if any. */
  roster: Roster | undefined;
  /**
   * Its objective without the fairness spreads (the evaluator's judge adds them); with
   * fairness bands, the evaluator's own.
   */
  objective: number | undefined;
  columns: number;
  rounds: number;
  /** Dives completed (each ends in a roster of whole rows). */
  dives: number;
  /** Nodes of the branch-and-price tree solved. */
  nodes: number;
  seconds: number;
  /** Of `seconds`, the time in the pricing (dynamic programme or one-person MIPs). */
  pricingSeconds: number;
};

export type ColumnGenerationOptions = {
  /** `performance.now()` value by which everything ends. */
  deadline: number;
  /** Share of the time for the master LP before the dive (default 0.5). */
  rootShare?: number;
  /** Rosters whose rows meet the hard rules: the master's first columns (optional). */
  start?: Roster[];
  onBound?: (bound: number) => void;
  /**
   * Called with each better roster as soon as it is found (the LP-fixed MIP, a dive, the
   * integer master), so that a search elsewhere can go on from it before this returns.
   */
  onRoster?: (roster: Roster, objective: number) => void;
  shouldStop?: () => boolean;
  /**
   * Work limit of the pricing's dynamic programme per person and round (row-pricing.ts);
   * beyond it that person is priced by a one-person HiGHS MIP from then on.
   */
  maxLabels?: number;
  /**
   * Share of the time after the root for the compact MIP with every cell the root LP takes
   * whole fixed, and agreeing with the best start roster (default 0.1; see `fixAndSolve`).
   */
  fixShare?: number;
  /** Share of the time kept for the integer master over every row found (default 0). */
  integerShare?: number;
  /**
   * Labels per state of the heuristic pricing rounds (row-pricing.ts `beamWidth`, default 3);
   * 0 prices every round exactly.
   */
  beamWidth?: number;
  /**
   * Most dives (default: as many as the time allows). A shared tree's taker with none
   * explores only the nodes handed to it.
   */
  maxDives?: number;
  /** Seed of the later dives' choices. */
  seed?: number;
  /**
   * After the first dive, branch and price on cells until the dives' time is up instead of
   * more dives (see `branchAndPrice`); a search tree explored to the end proves its best
   * roster optimal.
   */
  branchAndPrice?: boolean;
  /**
   * The best objective of a roster found elsewhere (the other worker's), if any: the search
   * tree prunes against it too, and a tree explored to its end then proves the lesser of it
   * and its own best.
   */
  bestElsewhere?: () => number | undefined;
  /** One search tree explored by two workers (see {@link SharedTree}). */
  sharedTree?: SharedTree;
  /**
   * Problems with fairness spreads: a band `[lo, hi]` per fairness term (in the order of
   * `problem.fairness`) that every person's count of the term should keep (see
   * {@link FairnessBand}). Without it such problems are solved with the spreads left out.
   */
  fairnessBands?: FairnessBand[];
  /** A proven lower bound from elsewhere (the counting relaxation's): a roster at it ends the dives. */
  lowerBound?: number;
  /**
   * Most master LP rounds of the root, after which it returns with no roster (default: no
   * limit, and the rosters follow the root). `bench:pricing` runs the root for a fixed number
   * of rounds: the same work on every run, whatever the machine's speed.
   */
  maxRounds?: number;
};

/**
 * A band of counts for one fairness term (ROSTER-1 fairness): `lo ≤` each person's count of
 * the term's cells `≤ hi`. The spread of a roster keeping every band is at most `hi − lo`.
 */
export type FairnessBand = { lo: number; hi: number };

/** A rule of a search-tree node: cell `(p * days + d) * shifts + t` required (1) or forbidden (-1). */
export type BranchRule = { cell: number; sign: 1 | -1 };
/** A node of the search tree not yet solved: the rules on its path and its parent's LP value. */
export type OpenNode = { rules: BranchRule[]; parentValue: number };

/**
 * One branch-and-price tree explored by two workers: a node is the list of rules on its
 * path, so either worker can solve it with its own master. The `owner` starts the tree at
 * the root right after its root LP (no compact MIP, no dives); the `taker` does its own
 * first dive, then explores the nodes handed to it instead of a tree of its own. A worker
 * with nothing to explore says so (`idle`), and the other hands it its most promising open
 * node (the least parent LP value) at its next node. Whoever holds the accounts (the main
 * thread) proves the best roster optimal when every piece handed out (the root and each
 * node given) has been explored to its end (`finished` complete).
 */
export type SharedTree = {
  role: 'owner' | 'taker';
  /** The owner's tree has begun: one piece, the root, is out. */
  started(): void;
  /** Whether the owner's tree has begun (the taker explores its own tree if not). */
  open(): boolean;
  /** Nodes handed to this worker since the last call. */
  take(): OpenNode[];
  /** Whether the other worker is waiting for a node. */
  wanted(): boolean;
  give(nodes: OpenNode[]): void;
  /** The `pieces` this worker held are explored, to their end (`complete`) or not. */
  finished(pieces: number, complete: boolean): void;
  /** Nothing to explore: waits briefly for nodes; false when there is no point waiting. */
  idle(): boolean;
};

/** Whether the problem has fairness spreads (office months), which the master leaves out. */
export function hasFairness(problem: RosterProblem): boolean {
  return problem.fairness.some((term) => term.weight > 0);
}

/**
 * Most cells (people × days × shift types) for which column generation is tried. Above it
 * the root did not converge within the search's share (Instances 13, 20 and 21 at the
 * issue's time limits), and on Instance 21 it left the LP relaxation too little time for
 * any bound (0 at 600 s, against 11,740 without it).
 */
const MAX_CELLS = 50_000;

/**
 * Whether column generation is worth its time: no fairness spreads (its bound would leave
 * them out), row-pricing tables that fit (else every person is priced by a MIP) and at most
 * `MAX_CELLS` cells.
 */
export function columnGenerationApplies(problem: RosterProblem): boolean {
  return !hasFairness(problem) && columnGenerationFits(problem);
}

/**
 * Whether column generation within fairness bands (see {@link FairnessBand}) is worth its
 * time: a problem with fairness spreads that column generation would otherwise fit.
 */
export function fairnessBandsApply(problem: RosterProblem): boolean {
  return hasFairness(problem) && columnGenerationFits(problem);
}

function columnGenerationFits(problem: RosterProblem): boolean {
  const cells = problem.people.length * problem.days * problem.shifts.length;
  return cells <= MAX_CELLS && fitsRowPricing(problem);
}

/** Dives in a row without a better roster after which the dives end. */
const STALE_DIVES = 40;

/**
 * How far above the least open node's LP value (as a share of the way to the best roster
 * known) a best-first tree still plunges into the child it just made (see `branchAndPrice`).
 * With two workers at 60 s: pure best first (0) left Instance 7 at 1066 and proved 5 in
 * 33-36 s; 0.5 reached 7's best known 1056 in two runs of four (else 1057) and proved 5 in
 * 15 s; 0.3 gave 1056 and 1057 and 11 s; 0.7 gave 1058 and 44 s; 0.15 gave 1056 and 33 s.
 */
const PLUNGE = 0.5;

/**
 * Whether a best-first tree goes on into the child it just made, whose parent's LP value is
 * `parentValue`, with `least` the least open node's value and `limit` the best objective
 * known (see `branchAndPrice`): while the child could still hold a roster one unit better
 * (objectives are integers), or within `PLUNGE` of the way from `least` to `limit`. The first
 * decides it whenever `limit` is two or more above `least`: a plunge then goes on until it
 * ends in a roster or at a node that cannot beat the best known. With the share alone each
 * plunge near the end stopped short of the rosters it led to: with 1057 known on Instance 7
 * and the least node at 1054.1, none went past 1055.5, below the 1056 of its leaves. Seeds
 * 1-14 at 60 s reached 1056 in 12 runs against 5 with the share alone (15 of 18 over seeds
 * 1-18). Instances 5 and 6 were proven as soon as before (docs/BENCHMARKS.md, session 34).
 */
export function plungesInto(parentValue: number, least: number, limit: number): boolean {
  if (!Number.isFinite(limit)) return true;
  return parentValue <= Math.max(least + PLUNGE * (limit - least), limit - 1);
}

/**
 * Rows a person's pricing may add to the master in one round beside its cheapest within
 * fairness bands: the next cheapest its labelling ended with, when their reduced costs are
 * negative too. Office months, warm, alone: the first roster at 2.0-2.9 s against 3.2-4.3 s
 * with none (seeds 1-3). Without bands it is 0: Instances 6 and 7 at 60 s came out slower
 * and worse with 12 (docs/BENCHMARKS.md, session 14).
 */
const BANDED_ALTERNATIVES = 12;

/**
 * Within fairness bands, a dive step that finds no whole row fixes beside the largest share
 * every other person whose largest share is at least this. Office months of seeds 1-10 in
 * solves of 5 s: 24 of 40 runs at the optimum or best known, against 21 with the largest
 * share alone; the first dive alone (one thread) no slower, and at 191 on seed 4 where it
 * ended at 296 (docs/BENCHMARKS.md, session 18). Without bands, one person a step (more a
 * step did not end Instance 12's dives sooner; session 17).
 */
const BANDED_DIVE_SHARE = 0.8;

/**
 * Within fairness bands, a dive step whose LP rises by more than this share of the least
 * cover-under weight has left a head short that the people still free cannot cover: the
 * step is taken back, the row it picked is barred for the rest of the dive, and the dive
 * goes on from the LP before, at most `BANDED_DIVE_RETRIES` times a dive. Office months of
 * seeds 1-10, the first dive alone (one thread, warm): seed 6 at its best known 191 where
 * it ended at 296 (151 → 203.5 → 256 in its last steps), the other nine seeds unchanged
 * (docs/BENCHMARKS.md, session 19).
 */
const BANDED_DIVE_RISE = 0.2;
const BANDED_DIVE_RETRIES = 3;

/** A cost that no row keeping the branching rules reaches (see `priceRow`). */
const BIG = 1e7;

/** Reduced costs above this count as non-negative (prices are floating point). */
const EPSILON = 1e-6;

/** The (day, shift) cells with a cover, in order, and each cell's index among them. */
export type CoverRows = {
  /** `coverRow[d * shifts + t]`: the cell's cover index, or -1 without a cover. */
  coverRow: Int32Array;
  coverCells: { d: number; t: number; required: number; under: number; over: number }[];
};

export function coverRowsOf(problem: RosterProblem): CoverRows {
  const shiftCount = problem.shifts.length;
  const coverRow = new Int32Array(problem.days * shiftCount).fill(-1);
  const coverCells: CoverRows['coverCells'] = [];
  for (let d = 0; d < problem.days; d++) {
    for (let t = 0; t < shiftCount; t++) {
      const need = problem.cover[d]?.[t];
      if (need === undefined) continue;
      coverRow[d * shiftCount + t] = coverCells.length;
      coverCells.push({
        d,
        t,
        required: need.required,
        under: need.underWeight,
        over: need.overWeight,
      });
    }
  }
  return { coverRow, coverCells };
}

/** A person's wish costs as a linear function of their row: `constant + Σ coefficient(cell)`. */
export type WishCosts = {
  /** Σ weights of the person's on-requests (each is met by working exactly that shift). */
  constant: Float64Array;
  /** `coefficient[(p * days + d) * shifts + t]`: −weight for an on-request, +weight for an off-request. */
  coefficient: Float64Array;
};

export function wishCostsOf(problem: RosterProblem): WishCosts {
  const { days } = problem;
  const shiftCount = problem.shifts.length;
  const constant = new Float64Array(problem.people.length);
  const coefficient = new Float64Array(problem.people.length * days * shiftCount);
  for (const request of problem.onRequests) {
    constant[request.person]! += request.weight;
    coefficient[(request.person * days + request.day) * shiftCount + request.shift]! -=
      request.weight;
  }
  for (const request of problem.offRequests) {
    coefficient[(request.person * days + request.day) * shiftCount + request.shift]! +=
      request.weight;
  }
  return { constant, coefficient };
}

/** A fairness band's master rows: the term's weight and cells `[d * shifts + t]` it counts. */
type BandRows = FairnessBand & { weight: number; cells: Uint8Array };

/** The bands of the fairness terms that weigh something (see {@link FairnessBand}). */
function fairnessBandRows(problem: RosterProblem, bands: FairnessBand[] | undefined): BandRows[] {
  if (bands === undefined) return [];
  const shiftCount = problem.shifts.length;
  return problem.fairness.flatMap((term, f) => {
    const band = bands[f];
    if (band === undefined || term.weight <= 0) return [];
    const cells = new Uint8Array(problem.days * shiftCount);
    for (const d of term.days) for (const t of term.shifts) cells[d * shiftCount + t] = 1;
    return [{ ...band, weight: term.weight, cells }];
  });
}

/** A row found by the pricing: its priced value, and a lower bound on every row's. */
type PricedRow = {
  row: number[];
  value: number;
  least: number;
  /** Other rows the pricing found on the way (`BANDED_ALTERNATIVES`), with their values. */
  more?: { row: number[]; value: number }[];
};

/** A person's one-person pricing MIP, kept between rounds (only its costs change). */
type Pricing = { mip: RosterMip; model: Model };

/**
 * Solves the master LP by column generation until it converges or `deadline`, then the
 * integer master over the rows found. See {@link ColumnGenerationOutcome}.
 */
export function solveColumnGeneration(
  highs: Highs,
  problem: RosterProblem,
  options: ColumnGenerationOptions,
): ColumnGenerationOutcome {
  const started = performance.now();
  const { days, people } = problem;
  const shiftCount = problem.shifts.length;
  const P = people.length;
  const wishes = wishCostsOf(problem);
  const rowCost = (p: number, row: number[]): number => {
    let cost = wishes.constant[p]!;
    for (let d = 0; d < days; d++) {
      const t = row[d]!;
      if (t !== OFF) cost += wishes.coefficient[(p * days + d) * shiftCount + t]!;
    }
    return cost;
  };

  // Master rows: one per (day, shift) with a cover, then one per person (choose one row),
  // then with fairness bands one per band and person (`C + P + b * P + p`).
  const { coverRow, coverCells } = coverRowsOf(problem);
  const C = coverCells.length;
  const bands = fairnessBandRows(problem, options.fairnessBands);
  const banded = bands.length > 0;
  const B = bands.length;
  const numRows = C + P + B * P;
  // Every priced row keeps the bands' highest counts; the lowest are left to the master's
  // band rows (their prices). As a floor in the pricing too, a label dominated others only
  // at the same count: 25 rounds in 3 s on the office month instead of 60.
  const bandCaps = bands.map((band) => ({ cells: band.cells, lo: 0, hi: band.hi }));
  /** How far a banded dive step's LP may rise before it is taken back (`BANDED_DIVE_RISE`). */
  const diveRise =
    BANDED_DIVE_RISE *
    Math.min(...coverCells.map((cell) => (cell.under > 0 ? cell.under : Infinity)));

  // Slack columns (under, over) for every cover row, then (below, above) for every band row;
  // the row columns come after them.
  const slackCount = 2 * C + 2 * B * P;
  const colCost: number[] = [];
  const colLower: number[] = [];
  const colUpper: number[] = [];
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  coverCells.forEach((cell, r) => {
    colCost.push(cell.under, cell.over);
    colLower.push(0, 0);
    colUpper.push(Math.max(0, cell.required), Infinity);
    indices.push(r, r);
    values.push(1, -1);
    starts.push(indices.length - 1, indices.length);
  });
  // A count outside its band costs the term's weight per shift: the spread of the roster
  // is at most the band's width plus every such shift, so the master's value plus the
  // widths is never below the roster's objective (the evaluator scores the spreads).
  bands.forEach((band, b) => {
    for (let p = 0; p < P; p++) {
      const r = C + P + b * P + p;
      colCost.push(band.weight, band.weight);
      colLower.push(0, 0);
      colUpper.push(Infinity, Infinity);
      indices.push(r, r);
      values.push(1, -1);
      starts.push(indices.length - 1, indices.length);
    }
  });
  const rowLower = coverCells.map((cell) => cell.required);
  for (let p = 0; p < P; p++) rowLower.push(1);
  const rowUpper = [...rowLower];
  for (const band of bands) {
    for (let p = 0; p < P; p++) {
      rowLower.push(band.lo);
      rowUpper.push(band.hi);
    }
  }

  /** The rows in the master: person and cells, in column order after the slacks. */
  const columnRows: { person: number; row: number[] }[] = [];
  /** Indices into `columnRows` of each person's rows. */
  const columnsOf: number[][] = people.map(() => []);
  const known = new Set<string>();
  const entriesOf = (p: number, row: number[]): { indices: number[]; values: number[] } => {
    const rows: number[] = [];
    for (let d = 0; d < days; d++) {
      const t = row[d]!;
      if (t === OFF) continue;
      const r = coverRow[d * shiftCount + t]!;
      if (r >= 0) rows.push(r);
    }
    rows.push(C + p);
    const entries = rows.map(() => 1);
    bands.forEach((band, b) => {
      let count = 0;
      for (let d = 0; d < days; d++)
        if (row[d] !== OFF && band.cells[d * shiftCount + row[d]!] === 1) count++;
      if (count > 0) {
        rows.push(C + P + b * P + p);
        entries.push(count);
      }
    });
    return { indices: rows, values: entries };
  };
  const pending: { person: number; row: number[] }[] = [];
  const offer = (p: number, row: number[]): boolean => {
    const key = `${p}:${row.join(',')}`;
    if (known.has(key)) return false;
    known.add(key);
    pending.push({ person: p, row: [...row] });
    return true;
  };
  for (const roster of options.start ?? []) {
    // Only rows meeting every hard rule of their person may enter the master.
    const broken = new Set(evaluateRoster(problem, roster).hardViolations.map((v) => v.person));
    roster.forEach((row, p) => {
      if (row.length === days && !broken.has(people[p]!.id)) offer(p, row);
    });
  }

  const outcome: ColumnGenerationOutcome = {
    bound: options.lowerBound ?? 0,
    lpValue: undefined,
    converged: false,
    roster: undefined,
    objective: undefined,
    columns: 0,
    rounds: 0,
    dives: 0,
    nodes: 0,
    seconds: 0,
    pricingSeconds: 0,
  };
  /** A better roster: kept as the outcome's and reported at once. */
  const keep = (roster: Roster, objective: number): void => {
    outcome.roster = roster;
    outcome.objective = objective;
    options.onRoster?.(roster, objective);
  };
  const finish = (): ColumnGenerationOutcome => {
    outcome.columns = columnRows.length;
    outcome.seconds = (performance.now() - started) / 1000;
    return outcome;
  };
  const master = highs.createModel({
    numCols: colCost.length,
    numRows,
    offset: 0,
    colCost,
    colLower,
    colUpper,
    rowLower,
    rowUpper,
    matrix: { format: 'csc', numRows, numCols: colCost.length, starts, indices, values },
  });
  const pricing: (Pricing | undefined)[] = new Array<Pricing | undefined>(P);
  const timeLeft = (): number => (options.deadline - performance.now()) / 1000;
  const stopAsked = (): boolean => options.shouldStop?.() === true;
  /** The master's cover prices of the current round (its row duals, clamped, see below). */
  const prices = new Float64Array(C);
  /** The band rows' duals of the current round, `[b * P + p]`. */
  const bandPrices = new Float64Array(B * P);
  /** Whether person p's pricing is the dynamic programme (1) or, when too large, a MIP (0). */
  const useDynamicProgramme = new Uint8Array(P).fill(1);
  /** Master column fixed to 1 for each person in a dive, or -1. */
  const fixedColumn = new Int32Array(P).fill(-1);
  /** Branching rules `[(p * days + d) * shifts + t]`: 1 the cell is required, -1 forbidden. */
  const cellRule = new Int8Array(P * days * shiftCount);
  /** Whether branching rules are in force (no bound is then global). */
  let branching = false;
  const addPending = (): void => {
    for (const { person, row } of pending) {
      master.addCol(rowCost(person, row), 0, Infinity, entriesOf(person, row));
      columnsOf[person]!.push(columnRows.length);
      columnRows.push({ person, row });
    }
    pending.length = 0;
  };

  /**
   * Rounds of master LP and pricing until no row of negative reduced cost is left for the
   * people not fixed, or `until`. With nobody fixed, each complete round proves a bound.
   * Returns whether it converged, or undefined when the master LP failed.
   */
  const generate = (until: number): boolean | undefined => {
    const anyFixed = branching || fixedColumn.some((col) => col >= 0);
    // Rounds price heuristically (the DP keeping a few labels per state) while that finds
    // rows of negative reduced cost, then exactly: only an exact round proves a bound or
    // convergence.
    let heuristic = options.beamWidth !== 0;
    while (
      performance.now() < until &&
      !stopAsked() &&
      outcome.rounds < (options.maxRounds ?? Infinity)
    ) {
      // HiGHS's clock runs on across the runs of one model: each run's limit counts from now.
      master.zeroAllClocks();
      master.options.set({ time_limit: Math.max(0.05, (until - performance.now()) / 1000) });
      const result = master.run();
      if (result.modelStatus !== highs.constants.modelStatus.optimal) return undefined;
      outcome.rounds++;
      const value = master.getObjectiveValue();
      if (!anyFixed) outcome.lpValue = value;
      const duals = master.getSolution().rowDual;
      for (let r = 0; r < C; r++) prices[r] = Math.max(duals[r]!, -coverCells[r]!.over);
      for (let i = 0; i < B * P; i++) bandPrices[i] = duals[C + P + i]!;

      // Lagrangian bound for these prices: the cover rows' part, plus each person's least
      // priced row (a lower bound of it when a pricing MIP stops early).
      // (With fairness bands the master is not a relaxation: no bound.)
      let bound = anyFixed || heuristic || banded ? -Infinity : 0;
      for (let r = 0; r < C && Number.isFinite(bound); r++) {
        const cell = coverCells[r]!;
        const pi = prices[r]!;
        bound += pi * cell.required + Math.min(0, (cell.under - pi) * Math.max(0, cell.required));
      }
      let added = 0;
      let complete = true;
      for (let p = 0; p < P; p++) {
        if (fixedColumn[p]! >= 0) continue;
        if (performance.now() >= until || stopAsked()) {
          complete = false;
          break;
        }
        // Only rows of negative reduced cost matter where no bound is taken from this round:
        // the person's convexity price then prunes the pricing (row-pricing.ts `ceiling`).
        const priced = priceRow(
          p,
          heuristic,
          anyFixed || heuristic || banded ? (duals[C + p] ?? 0) - EPSILON : undefined,
        );
        if (priced === 'none') continue;
        if (priced === undefined) {
          complete = false;
          continue;
        }
        bound += priced.least;
        // The cheapest row, and within fairness bands the next cheapest ones, when their reduced
        // cost is negative and they keep the branching rules.
        for (const found of [priced, ...(priced.more ?? [])]) {
          const reduced = found.value - (duals[C + p] ?? 0);
          if (reduced < -EPSILON && found.value < BIG / 2 && offer(p, found.row)) added++;
        }
      }
      if (complete && Number.isFinite(bound)) {
        const rounded = Math.max(0, roundUpBound(bound - EPSILON * (C + P)));
        if (rounded > outcome.bound) {
          outcome.bound = rounded;
          options.onBound?.(rounded);
        }
      }
      addPending();
      if (heuristic) {
        // Nothing more found heuristically (or some people not priced): an exact round next.
        // With fairness bands the master's value proves nothing: its rounds stay heuristic
        // (an exact round after the beam made the office month's dives slower and no better).
        if (added === 0 && banded) return true;
        if (added === 0) heuristic = false;
      } else {
        if (added === 0 && complete) return true;
        heuristic = added > 0 && options.beamWidth !== 0;
      }
    }
    return false;
  };

  /**
   * The objective of a roster of the master's current solution: the master's value, or with
   * fairness bands the evaluator's (the master's then counts the shifts outside the bands).
   */
  const objectiveOf = (roster: Roster): number =>
    banded ? evaluateRoster(problem, roster).objective : Math.round(master.getObjectiveValue());

  /** The roster of the master's current solution when every person has one whole row. */
  const integralRoster = (): Roster | undefined => {
    const chosen = master.getSolution().colValue;
    const roster: Roster = people.map(() => []);
    for (let k = 0; k < columnRows.length; k++) {
      if ((chosen[slackCount + k] ?? 0) > 1 - 1e-6) {
        const { person, row } = columnRows[k]!;
        roster[person] = [...row];
      }
    }
    return roster.every((row) => row.length === days) ? roster : undefined;
  };

  try {
    master.options.set({ output_flag: false });
    // Every person needs a row before the first master LP: the start rosters', else their
    // cheapest row at zero prices.
    const covered = new Uint8Array(P);
    for (const { person } of pending) covered[person] = 1;
    for (let p = 0; p < P; p++) {
      if (covered[p] === 1) continue;
      const priced = priceRow(p);
      if (priced === undefined) return finish(); // no row meets this person's rules
      offer(p, priced.row);
    }
    addPending();
    const rootDeadline =
      performance.now() + (options.deadline - performance.now()) * (options.rootShare ?? 0.5);
    outcome.converged = generate(rootDeadline) === true;
    // A fixed number of rounds measures the root alone (bench:pricing): no rosters after it.
    if (options.maxRounds !== undefined) return finish();
    const proven = (): boolean =>
      outcome.objective !== undefined && outcome.objective <= outcome.bound;
    if (options.sharedTree?.role === 'owner') {
      // The other worker finds the first rosters: straight into the shared tree.
      if (outcome.converged && !stopAsked()) {
        branchAndPrice(options.deadline, options.sharedTree);
      }
      return finish();
    }

    // The compact MIP with the cells the root LP takes whole fixed (`fixAndSolve`).
    const fixShare = hasFairness(problem) ? 0 : (options.fixShare ?? 0.1);
    const rootShares = outcome.converged ? cellShares() : undefined;
    if (rootShares !== undefined && fixShare > 0 && !stopAsked()) {
      fixAndSolve(
        rootShares,
        performance.now() + (options.deadline - performance.now()) * fixShare,
      );
    }

    // Dives: fix the rows the LP already takes whole (or else one of its largest shares, and
    // within fairness bands every share of at least `BANDED_DIVE_SHARE`) and price again for
    // the rest, until everyone has one row: a roster of whole feasible rows.
    // The first dive takes the largest share; later ones, from the root again with the rows
    // found so far, draw among the large shares, until the time is up, a dive meets the bound
    // or 40 dives in a row found nothing better (then the whole MIP may prove sooner).
    const random = createRandom((options.seed ?? 1) * 104_729 + 7);
    let lastImprovingDive = 0;
    const diveEnd =
      performance.now() +
      (options.deadline - performance.now()) * (1 - (options.integerShare ?? 0));
    for (
      let dive = 0;
      outcome.converged &&
      dive < (options.maxDives ?? Infinity) &&
      performance.now() < diveEnd &&
      dive - lastImprovingDive <= STALE_DIVES &&
      !proven() &&
      !stopAsked();
      dive++
    ) {
      // Back at the root: the LP again, with every row found so far.
      if (dive > 0 && generate(diveEnd) !== true) break;
      const before = outcome.objective;
      diveOnce(dive === 0 ? undefined : random);
      if (outcome.objective !== before) lastImprovingDive = dive;
      for (const col of fixedColumn) if (col >= 0) master.changeColBounds(col, 0, Infinity);
      fixedColumn.fill(-1);
      outcome.dives = dive + 1;
      if (options.branchAndPrice === true && !banded) {
        // After the first dive's roster, the search tree instead of more dives. Until session
        // 34 a depth-first tree on the cells the LP nearly decides had a fifth of the time
        // first, for rosters; since plunges go on while a better roster is possible
        // (`plungesInto`), the best-first tree finds them sooner: Instance 7 at 1056 in 13 of
        // 13 runs without it (12 of 14 with it), 5 proven in 11 s instead of 25 s with one
        // worker (docs/BENCHMARKS.md, session 34).
        const shared = options.sharedTree;
        branchAndPrice(diveEnd, shared?.open() === true ? shared : undefined);
        break;
      }
    }
    if (
      options.sharedTree?.role === 'taker' &&
      options.maxDives === 0 &&
      outcome.converged &&
      options.sharedTree.open()
    ) {
      // No dives of its own: only the nodes handed to it.
      branchAndPrice(diveEnd, options.sharedTree);
    }
    if (
      outcome.roster !== undefined &&
      (options.integerShare ?? 0) > 0 &&
      timeLeft() > 0.05 &&
      !stopAsked() &&
      !proven()
    ) {
      // The integer master over every row found, from the best dive's roster.
      const rowCols = columnRows.length;
      master.changeColsIntegrality(
        { kind: 'range', from: slackCount, to: slackCount + rowCols - 1 },
        new Int32Array(rowCols).fill(1),
      );
      const startValues = new Float64Array(slackCount + rowCols);
      const best = outcome.roster;
      columnRows.forEach(({ person, row }, k) => {
        if (row.every((t, d) => best[person]![d] === t)) startValues[slackCount + k] = 1;
      });
      master.setSolution({ indices: Int32Array.from(startValues.keys()), values: startValues });
      master.zeroAllClocks();
      master.options.set({
        time_limit: Math.max(0.05, timeLeft()),
        mip_rel_gap: 0,
        mip_abs_gap: 0.999,
      });
      master.run({
        [highs.constants.callbackType.mipInterrupt](event) {
          if (stopAsked()) event.interrupt();
        },
      });
      const primal = master.info.get('primal_solution_status');
      const roster = typeof primal === 'number' && primal >= 2 ? integralRoster() : undefined;
      if (roster !== undefined) {
        const objective = objectiveOf(roster);
        if (objective < (outcome.objective ?? Infinity)) keep(roster, objective);
      }
    }
    return finish();
  } finally {
    master.dispose();
    for (const entry of pricing) entry?.model.dispose();
  }

  /**
   * Sets the upper bound of every row column (lower 0) in one HiGHS call: one call per column
   * took 4.6 s of a 60-s tree on Instance 5 (about 1800 columns at each of 1150 nodes).
   */
  function setRowColumnUppers(upperOf: (k: number) => number): void {
    const count = columnRows.length;
    if (count === 0) return;
    const upper = new Float64Array(count);
    for (let k = 0; k < count; k++) upper[k] = upperOf(k);
    master.changeColsBounds(
      { kind: 'range', from: slackCount, to: slackCount + count - 1 },
      new Float64Array(count),
      upper,
    );
  }

  /** Whether person p's row keeps the branching rules in force. */
  function keepsRules(p: number, row: number[]): boolean {
    const base = p * days * shiftCount;
    for (let d = 0; d < days; d++) {
      const value = row[d]!;
      for (let t = 0; t < shiftCount; t++) {
        const rule = cellRule[base + d * shiftCount + t]!;
        if ((rule === 1 && value !== t) || (rule === -1 && value === t)) return false;
      }
    }
    return true;
  }

  /**
   * Branch and price on cells until `until`: at each node the master LP is solved by column
   * generation with the node's rules (a cell required or forbidden) kept by the pricing
   * (`priceRow`) and by the master's column bounds. A node whose LP value cannot beat the
   * best roster known (here or elsewhere) is pruned, an integral one is a roster, and
   * otherwise the fractional cell nearest a half branches (fewer nodes to a proof), and the
   * tree goes best first with plunging (see `next`). A tree explored to its end proves that
   * no roster beats the best known: that is then the bound.
   * With `shared`, the tree is one piece of a tree two workers explore (see `SharedTree`),
   * and the accounts of the whole prove it instead.
   */
  function branchAndPrice(until: number, shared?: SharedTree): void {
    /** The best objective known here or elsewhere: no node needs to reach it. */
    const cutoff = (): number =>
      Math.min(outcome.objective ?? Infinity, options.bestElsewhere?.() ?? Infinity);
    const open: OpenNode[] =
      shared?.role === 'taker' ? [] : [{ rules: [], parentValue: -Infinity }];
    /**
     * The next node: best first, the least parent LP value (the deeper on a tie): it solves
     * only nodes that could hold a better roster; but right after a branching, the child
     * the LP leans to while `plungesInto` says so (plunging: rosters come from deep nodes,
     * and a tree without them prunes little).
     */
    let branched = false;
    const next = (): number => {
      const plunge = branched;
      branched = false;
      let least = Infinity;
      for (const node of open) least = Math.min(least, node.parentValue);
      const limit = cutoff();
      const child = open[open.length - 1]!;
      if (plunge && plungesInto(child.parentValue, least, limit)) {
        return open.length - 1;
      }
      let at = 0;
      for (let i = 1; i < open.length; i++) {
        const a = open[i]!;
        const b = open[at]!;
        if (
          a.parentValue < b.parentValue ||
          (a.parentValue === b.parentValue && a.rules.length >= b.rules.length)
        ) {
          at = i;
        }
      }
      return at;
    };
    /** Pieces of a shared tree held (the root, nodes handed over), not yet reported. */
    let held = open.length;
    if (shared?.role === 'owner') shared.started();
    let complete = true;
    branching = true;
    try {
      for (;;) {
        if (shared !== undefined) {
          const handed = shared.take();
          open.push(...handed);
          held += handed.length;
        }
        if (performance.now() >= until || stopAsked()) {
          complete = false;
          break;
        }
        // The best roster known meets the root's bound: every node left is pruned.
        if (cutoff() <= outcome.bound) break;
        if (shared !== undefined) {
          if (open.length === 0) {
            if (held > 0) shared.finished(held, complete);
            held = 0;
            complete = true;
            if (shared.idle()) continue;
            break;
          }
          // The most promising node to a worker waiting for one; this one goes on with the next.
          if (open.length >= 2 && shared.wanted()) shared.give(open.splice(next(), 1));
        } else if (open.length === 0) break;
        const { rules } = open.splice(next(), 1)[0]!;
        cellRule.fill(0);
        for (const rule of rules) cellRule[rule.cell] = rule.sign;
        setRowColumnUppers((k) =>
          keepsRules(columnRows[k]!.person, columnRows[k]!.row) ? Infinity : 0,
        );
        // Every person needs a row keeping the rules before the master LP can be solved.
        let feasible = true;
        for (let p = 0; p < P && feasible; p++) {
          if (columnsOf[p]!.some((k) => keepsRules(p, columnRows[k]!.row))) continue;
          const priced = priceRow(p);
          if (priced !== undefined && priced.value < BIG / 2) {
            offer(p, priced.row);
            continue;
          }
          feasible = false;
          // Only a proven least (the dynamic programme's, or a pricing MIP's bound) rules the
          // node out; a pricing MIP stopped early leaves it unexplored, and proves nothing.
          if (priced === undefined || priced.least < BIG / 2) complete = false;
        }
        addPending();
        if (!feasible) continue;
        const converged = generate(until);
        outcome.nodes++;
        if (converged !== true) {
          // Out of time, or the LP failed (it always has a solution: the cover has slacks).
          complete = false;
          break;
        }
        const value = master.getObjectiveValue();
        if (roundUpBound(value - EPSILON) >= cutoff()) continue;
        const roster = integralRoster();
        if (roster !== undefined) {
          keep(roster, objectiveOf(roster));
          continue;
        }
        const share = cellShares();
        let chosen = -1;
        let nearest = Infinity;
        for (let i = 0; i < share.length; i++) {
          const s = share[i]!;
          if (s < 1e-6 || s > 1 - 1e-6) continue;
          const score = Math.abs(s - 0.5);
          if (score < nearest) {
            nearest = score;
            chosen = i;
          }
        }
        if (chosen < 0) {
          // Whole cells but no whole rows (rows are distinct, so only by tolerances): this
          // node is left unexplored, and the tree proves nothing.
          complete = false;
          continue;
        }
        const first: 1 | -1 = share[chosen]! >= 0.5 ? 1 : -1;
        open.push({
          rules: [...rules, { cell: chosen, sign: first === 1 ? -1 : 1 }],
          parentValue: value,
        });
        open.push({ rules: [...rules, { cell: chosen, sign: first }], parentValue: value });
        branched = true;
      }
    } finally {
      branching = false;
      cellRule.fill(0);
      setRowColumnUppers(() => Infinity);
    }
    if (shared !== undefined) {
      // The accounts of the shared tree prove it, not this worker's part alone. Stopped by
      // the time, `complete` is false; stopped at the root's bound, every node left is pruned.
      if (held > 0) shared.finished(held, complete);
      return;
    }
    // Every node was pruned against the cutoff or ended in a roster: none is better.
    if (complete && Number.isFinite(cutoff()) && cutoff() > outcome.bound) {
      outcome.bound = cutoff();
      options.onBound?.(outcome.bound);
    }
  }

  /**
   * The compact MIP (mip-model.ts) with the root LP's whole cells fixed: every person-day
   * the LP gives one shift (or a day off) in full, where the best start roster agrees
   * (relaxation-induced neighbourhood search). The LP over whole rows is tight, so those
   * cells are mostly right and the rest is a small MIP: Instance 14's optimum in about a
   * second after the root. Keeps its roster if it is the best.
   */
  function fixAndSolve(share: Float64Array, until: number): void {
    let start: Roster | undefined;
    let startObjective = Infinity;
    for (const roster of [...(options.start ?? []), ...(outcome.roster ? [outcome.roster] : [])]) {
      const evaluation = evaluateRoster(problem, roster);
      if (evaluation.hardViolations.length === 0 && evaluation.objective < startObjective) {
        start = roster;
        startObjective = evaluation.objective;
      }
    }
    const pinned = [...problem.pinned];
    const alreadyPinned = new Set(problem.pinned.map((pin) => pin.person * days + pin.day));
    for (let p = 0; p < P; p++) {
      for (let d = 0; d < days; d++) {
        if (alreadyPinned.has(p * days + d)) continue;
        let worked = 0;
        let whole: number | undefined;
        for (let t = 0; t < shiftCount; t++) {
          const value = share[(p * days + d) * shiftCount + t]!;
          worked += value;
          if (value > 1 - 1e-6) whole = t;
        }
        if (worked < 1e-6) whole = OFF;
        if (whole !== undefined && (start === undefined || start[p]![d] === whole)) {
          pinned.push({ person: p, day: d, shift: whole });
        }
      }
    }
    let atBound = false;
    const result = runRosterMip(highs, buildRosterMip({ ...problem, pinned }), {
      timeLimitSeconds: Math.max(0.05, (until - performance.now()) / 1000),
      start,
      seed: options.seed,
      // A roster at the bound needs no proof from the sub-MIP.
      onImproving: (_roster, objective) => {
        if (objective <= outcome.bound) atBound = true;
      },
      shouldInterrupt: () => atBound || stopAsked(),
    });
    if (
      result.roster !== undefined &&
      result.objective !== undefined &&
      result.objective < Math.min(startObjective, outcome.objective ?? Infinity)
    ) {
      keep(result.roster, result.objective);
    }
  }

  /** Each cell's share in the master LP's solution: `[(p * days + d) * shifts + t]`. */
  function cellShares(): Float64Array {
    const chosen = master.getSolution().colValue;
    const share = new Float64Array(P * days * shiftCount);
    columnRows.forEach(({ person, row }, k) => {
      const value = chosen[slackCount + k] ?? 0;
      if (value <= 1e-9) return;
      row.forEach((t, d) => {
        if (t !== OFF) share[(person * days + d) * shiftCount + t]! += value;
      });
    });
    return share;
  }

  /** One dive from the master's current LP (see above); keeps its roster if it is the best. */
  function diveOnce(random: (() => number) | undefined): void {
    // Rows barred by steps taken back (`BANDED_DIVE_RISE`): allowed again after the dive.
    const barred: number[] = [];
    try {
      diveSteps(random, barred);
    } finally {
      for (const col of barred) master.changeColBounds(col, 0, Infinity);
    }
  }

  function diveSteps(random: (() => number) | undefined, barred: number[]): void {
    while (timeLeft() > 0.05 && !stopAsked()) {
      const roster = integralRoster();
      if (roster !== undefined) {
        const objective = objectiveOf(roster);
        if (outcome.objective === undefined || objective < outcome.objective) {
          keep(roster, objective);
        }
        return;
      }
      const chosen = master.getSolution().colValue;
      const lpBefore = master.getObjectiveValue();
      const fixedBefore = Int32Array.from(fixedColumn);
      /** The column this step fixed by its share (not whole), or -1. */
      let picked = -1;
      const shares: { k: number; share: number }[] = [];
      let fixedNow = 0;
      for (let k = 0; k < columnRows.length; k++) {
        const person = columnRows[k]!.person;
        if (fixedColumn[person]! >= 0) continue;
        const share = chosen[slackCount + k] ?? 0;
        if (share > 1 - 1e-6) {
          fixedColumn[person] = slackCount + k;
          fixedNow++;
        } else if (share > 1e-6) shares.push({ k, share });
      }
      if (fixedNow === 0) {
        if (shares.length === 0) return;
        shares.sort((a, b) => b.share - a.share);
        const large = shares.filter((entry) => entry.share >= shares[0]!.share * 0.5);
        const pick = random === undefined ? large[0]! : large[Math.floor(random() * large.length)]!;
        fixedColumn[columnRows[pick.k]!.person] = slackCount + pick.k;
        picked = slackCount + pick.k;
        if (banded) {
          for (const { k, share } of shares) {
            const person = columnRows[k]!.person;
            if (share >= BANDED_DIVE_SHARE && fixedColumn[person]! < 0) {
              fixedColumn[person] = slackCount + k;
            }
          }
        }
      }
      for (const col of fixedColumn) if (col >= 0) master.changeColBounds(col, 1, 1);
      if (generate(options.deadline) === undefined) return;
      if (
        banded &&
        picked >= 0 &&
        barred.length < BANDED_DIVE_RETRIES &&
        master.getObjectiveValue() > lpBefore + diveRise
      ) {
        // Taken back: the step's fixings undone, its pick barred, the LP solved again.
        for (let p = 0; p < P; p++) {
          if (fixedColumn[p]! >= 0 && fixedBefore[p]! < 0) {
            master.changeColBounds(fixedColumn[p]!, 0, Infinity);
          }
          fixedColumn[p] = fixedBefore[p]!;
        }
        master.changeColBounds(picked, 0, 0);
        barred.push(picked);
        if (generate(options.deadline) === undefined) return;
      }
    }
  }

  /**
   * The least priced row of person `p` under `prices`: `value` of the row found and `least`,
   * a lower bound on every row's (equal to `value` when HiGHS proved it); undefined when no
   * row was found in the time left. With a `ceiling` (a value), `'none'` when the dynamic
   * programme found no row below it.
   */
  function priceRow(p: number, heuristic?: boolean): PricedRow | undefined;
  function priceRow(
    p: number,
    heuristic: boolean,
    ceiling: number | undefined,
  ): PricedRow | 'none' | undefined;
  function priceRow(
    p: number,
    heuristic = false,
    ceiling?: number,
  ): PricedRow | 'none' | undefined {
    const pricingStarted = performance.now();
    const priced = pricedRow(p, heuristic, ceiling);
    outcome.pricingSeconds += (performance.now() - pricingStarted) / 1000;
    return priced;
  }

  /** `priceRow`'s work, which it times. */
  function pricedRow(
    p: number,
    heuristic: boolean,
    ceiling?: number,
  ): PricedRow | 'none' | undefined {
    // Each cell's cost under these prices: its wish coefficient less its cover price.
    const cellCost = new Float64Array(days * shiftCount);
    for (let d = 0; d < days; d++) {
      for (let t = 0; t < shiftCount; t++) {
        const r = coverRow[d * shiftCount + t]!;
        cellCost[d * shiftCount + t] =
          wishes.coefficient[(p * days + d) * shiftCount + t]! - (r >= 0 ? prices[r]! : 0);
      }
    }
    bands.forEach((band, b) => {
      const price = bandPrices[b * P + p]!;
      if (price === 0) return;
      for (let i = 0; i < days * shiftCount; i++) if (band.cells[i] === 1) cellCost[i]! -= price;
    });
    // Branching rules (see branchAndPrice): a forbidden cell costs BIG; a required cell earns
    // BIG back, its day's other shifts cost BIG, and the row's constant pays BIG per required
    // cell, so a row keeping every rule has its true value and any other one is BIG dearer.
    let compensation = 0;
    if (branching) {
      const base = p * days * shiftCount;
      for (let i = 0; i < days * shiftCount; i++) {
        const rule = cellRule[base + i]!;
        if (rule === -1) cellCost[i]! += BIG;
        else if (rule === 1) {
          const d = Math.floor(i / shiftCount);
          for (let t = 0; t < shiftCount; t++) cellCost[d * shiftCount + t]! += BIG;
          cellCost[i]! -= 2 * BIG;
          compensation += BIG;
        }
      }
    }
    /** A row's priced value: its wish constant plus its cells' costs. */
    const valueOf = (row: number[]): number => {
      let value = wishes.constant[p]! + compensation;
      for (let d = 0; d < days; d++) {
        if (row[d] !== OFF) value += cellCost[d * shiftCount + row[d]!]!;
      }
      return value;
    };
    if (useDynamicProgramme[p] === 1 || heuristic) {
      // The person's cheapest row in the master under these prices prunes the search.
      let incumbent: number[] | undefined;
      let incumbentValue = Infinity;
      for (const k of columnsOf[p]!) {
        const row = columnRows[k]!.row;
        const value = valueOf(row);
        if (value < incumbentValue) {
          incumbentValue = value;
          incumbent = row;
        }
      }
      const found = cheapestRow(problem, p, cellCost, {
        maxLabels: options.maxLabels,
        incumbent,
        ...(banded ? { countLimits: bandCaps } : {}),
        ...(ceiling !== undefined ? { ceiling: ceiling - wishes.constant[p]! - compensation } : {}),
        ...(heuristic ? { beamWidth: options.beamWidth ?? 3 } : {}),
        ...(banded ? { alternatives: BANDED_ALTERNATIVES } : {}),
      });
      if (found === 'infeasible') return ceiling === undefined ? undefined : 'none';
      if (found !== 'too-large') {
        const constant = wishes.constant[p]! + compensation;
        const value = constant + found.cost;
        return {
          row: found.row,
          value,
          least: heuristic ? -Infinity : value,
          ...(found.more === undefined
            ? {}
            : {
                more: found.more.map((other) => ({ row: other.row, value: constant + other.cost })),
              }),
        };
      }
      useDynamicProgramme[p] = 0;
    }
    let entry = pricing[p];
    if (entry === undefined) {
      const mip = buildRosterMip(problem, { people: [p] });
      // Costs are set per round below: cover and fairness are the master's, so zero here.
      const model = highs.createModel(
        modelDataOf({ ...mip, colCost: new Float64Array(mip.numCols) }, { relaxation: false }),
      );
      model.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: EPSILON });
      entry = { mip, model };
      pricing[p] = entry;
    }
    const { mip, model } = entry;
    const costs = new Float64Array(mip.assignmentCols);
    for (let j = 0; j < mip.assignmentCols; j++) {
      costs[j] = cellCost[mip.cellOfCol[3 * j + 1]! * shiftCount + mip.cellOfCol[3 * j + 2]!]!;
    }
    if (mip.assignmentCols > 0) {
      model.changeColsCost({ kind: 'range', from: 0, to: mip.assignmentCols - 1 }, costs);
    }
    model.zeroAllClocks();
    model.options.set({ time_limit: Math.max(0.05, Math.min(5, timeLeft())) });
    model.run();
    const primal = model.info.get('primal_solution_status');
    if (typeof primal !== 'number' || primal < 2) return undefined;
    const row = mip.decode(model.getSolution().colValue)[p]!;
    const value = valueOf(row);
    const dual = model.info.get('mip_dual_bound');
    const gap = Math.max(
      0,
      model.getObjectiveValue() - (typeof dual === 'number' ? dual : -Infinity),
    );
    return { row, value, least: value - gap };
  }
}
