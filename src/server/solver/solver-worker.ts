import {
  MessageChannel,
  parentPort,
  receiveMessageOnPort,
  workerData,
  type MessagePort,
} from 'node:worker_threads';
import type { Roster } from '../domain/roster/roster-model.ts';
import type { Highs } from 'highs';
import { loadHighsRuntime, runRosterMip, type MipOutcome } from './highs-runner.ts';
import { findRuleConflicts } from './infeasibility.ts';
import { evaluateRoster } from '../domain/roster/roster-evaluator.ts';
import {
  columnGenerationApplies,
  fairnessBandsApply,
  hasFairness,
  solveColumnGeneration,
  type OpenNode,
  type ColumnGenerationOptions,
  type ColumnGenerationOutcome,
  type SharedTree,
} from './column-generation.ts';
import { fairnessBandsOf, solveCountRelaxation } from './count-relaxation.ts';
import { greedyRoster } from './greedy-construction.ts';
import { lpBoundApplies, solveLpBound } from './lp-bound.ts';
import { solveSubgradientBound } from './subgradient-bound.ts';
import { solveWeekendBound, weekendBoundApplies } from './weekend-bound.ts';
import { searchSpreads } from './spread-neighbourhoods.ts';
import { buildRosterMip, type RosterMip } from './mip-model.ts';
import { constructRoster, improveRoster, type SearchCallbacks } from './roster-search.ts';
import type {
  ControlMessage,
  PooledJob,
  WorkerInput,
  WorkerJob,
  WorkerMessage,
} from './solver-protocol.ts';

const input = workerData as WorkerInput;
const { wasmModule } = input;
let job: WorkerJob;
let control: MessagePort;
/** While warming up (a pooled worker's own job), nothing is posted to the main thread. */
let warming = false;
const post = (message: WorkerMessage): void => {
  if (!warming) parentPort?.postMessage(message);
};

let stopped = false;
/** The other worker asked this one's search to pause (see `searchCallbacks`). */
let held = false;
let incumbent: { roster: Roster; objective: number } | undefined;
/** The best objective the other worker has sent (kept when `incumbent` is taken). */
let bestKnown: number | undefined;
/** The shared search tree's state here (see `SharedTree`). */
const tree = { open: false, closed: false, wanted: false, inbox: [] as OpenNode[] };
/** Drains the control port without yielding: the search loop is synchronous. */
function drainControl(): void {
  for (;;) {
    const received = receiveMessageOnPort(control);
    if (received === undefined) return;
    const message = received.message as ControlMessage;
    switch (message.type) {
      case 'stop':
        stopped = true;
        break;
      case 'incumbent':
        if (incumbent === undefined || message.objective < incumbent.objective) incumbent = message;
        if (bestKnown === undefined || message.objective < bestKnown) bestKnown = message.objective;
        break;
      case 'tree-open':
        tree.open = true;
        break;
      case 'tree-closed':
        tree.closed = true;
        break;
      case 'tree-want':
        tree.wanted = true;
        break;
      case 'tree-work':
        tree.inbox.push(...message.nodes);
        break;
      case 'hold':
        held = message.on;
        break;
    }
  }
}

/**
 * Whether the main thread asked this worker to stop (read from the control port), or, while
 * it warms up, took it for a job.
 */
function stopAsked(): boolean {
  drainControl();
  if (warming && 'taken' in input && Atomics.load(input.taken, 0) === 1) stopped = true;
  return stopped;
}

/** A search's link to the main thread: its rosters out, the other worker's in, and stop. */
function searchCallbacks(source: string): SearchCallbacks {
  return {
    onSolution: (roster, objective) => {
      post({ type: 'solution', roster, objective, source });
    },
    pollIncumbent: () => {
      drainControl();
      const taken = incumbent;
      incumbent = undefined;
      return taken;
    },
    shouldStop: () => {
      // Paused while the other worker asks (its column generation within fairness bands):
      // the search's next step waits here, inside a HiGHS callback if need be.
      drainControl();
      while (held && !stopped && performance.now() < deadline) {
        Atomics.wait(napCell, 0, 0, 5);
        drainControl();
      }
      return stopped;
    },
  };
}

/** Where a worker with nothing to explore sleeps between looks at the control port. */
const napCell = new Int32Array(new SharedArrayBuffer(4));

/** This worker's side of the shared search tree, through the main thread. */
function sharedTreeLink(role: SharedTree['role']): SharedTree {
  let idleSaid = false;
  return {
    role,
    started: () => {
      tree.open = true;
      post({ type: 'tree-start' });
    },
    open: () => {
      drainControl();
      return tree.open;
    },
    take: () => {
      drainControl();
      const nodes = tree.inbox.splice(0);
      if (nodes.length > 0) idleSaid = false;
      return nodes;
    },
    wanted: () => {
      drainControl();
      return tree.wanted;
    },
    give: (nodes) => {
      tree.wanted = false;
      post({ type: 'tree-give', nodes });
    },
    finished: (pieces, complete) => {
      post({ type: 'tree-done', pieces, complete });
    },
    idle: () => {
      if (!idleSaid) post({ type: 'tree-idle' });
      idleSaid = true;
      Atomics.wait(napCell, 0, 0, 5);
      drainControl();
      return !stopped && !tree.closed && performance.now() < deadline;
    },
  };
}

/**
 * Seconds per cell (person × day × shift type) that column generation within fairness bands
 * needs before it is worth its time: 3.5 s for the office month (744 cells), whose root and
 * first dive take 2.0-2.9 s of a warm thread with several rows a pricing (session 14; 3.5-
 * 4.5 s before, when the bound was 6 s and a 5-s solve did better without them). With a 5-s
 * limit they run after the relaxation (docs/BENCHMARKS.md, session 14).
 */
const BAND_SECONDS_PER_CELL = 3.5 / 744;

/** performance.now() value of the job's deadline (set when the job starts). */
let deadline = 0;
/**
 * Time for explaining an infeasibility: what is left, but at least 0.8 s so that a proof
 * found at the last moment still names its rules (the solver then overruns by under 1 s).
 */
const explainSeconds = (): number => Math.max(0.8, (deadline - performance.now()) / 1000);

/**
 * A MIP over the whole problem for `share` of the time left, reporting improving rosters
 * (and its bounds, when the MIP is not a restriction), taking the search's rosters as
 * candidates, and stopping when asked.
 */
function runExactMip(
  highs: Highs,
  mip: RosterMip,
  options: { share: number; start: Roster | undefined; restricted: boolean },
): MipOutcome {
  const { share, start } = options;
  return runRosterMip(highs, mip, {
    timeLimitSeconds: Math.max(0.1, ((deadline - performance.now()) / 1000) * share),
    start,
    seed: job.seed,
    onImproving: (roster, objective) => {
      post({ type: 'solution', roster, objective, source: 'mip' });
    },
    onBound: (bound) => {
      if (!options.restricted) post({ type: 'bound', bound });
    },
    shouldInterrupt: stopAsked,
    pollIncumbent: () => {
      drainControl();
      const taken = incumbent;
      incumbent = undefined;
      return taken?.roster;
    },
  });
}

/**
 * A roster meeting the hard rules to start the spread search from: the job's, the other
 * worker's if it has sent one, or the greedy construction's (milliseconds); undefined if the
 * greedy cannot place everyone.
 */
function startingRoster(
  start: Roster | undefined,
): { roster: Roster; objective: number } | undefined {
  drainControl();
  const candidates: Roster[] = [];
  if (start !== undefined) candidates.push(start);
  if (incumbent !== undefined) candidates.push(incumbent.roster);
  const greedy = greedyRoster(job.problem, {
    seed: job.seed,
    deadline: performance.now() + Math.min(1000, (deadline - performance.now()) * 0.1),
  });
  if (greedy.unfinished.length === 0) candidates.push(greedy.roster);
  let best: { roster: Roster; objective: number } | undefined;
  for (const roster of candidates) {
    const evaluation = evaluateRoster(job.problem, roster);
    if (evaluation.hardViolations.length > 0) continue;
    if (best === undefined || evaluation.objective < best.objective) {
      best = { roster, objective: evaluation.objective };
    }
  }
  return best;
}

/** The roster of least objective among those given (by the evaluator), if any. */
function lowestOf(
  rosters: (Roster | undefined)[],
): { roster: Roster; objective: number } | undefined {
  let best: { roster: Roster; objective: number } | undefined;
  for (const roster of rosters) {
    if (roster === undefined) continue;
    const objective = evaluateRoster(job.problem, roster).objective;
    if (best === undefined || objective < best.objective) best = { roster, objective };
  }
  return best;
}

/** Column generation's roster if it beats `start` (its objective is exact without fairness). */
function betterStart(
  start: Roster | undefined,
  generated: ColumnGenerationOutcome,
): Roster | undefined {
  if (generated.roster === undefined || generated.objective === undefined) return start;
  if (start !== undefined && evaluateRoster(job.problem, start).objective <= generated.objective) {
    return start;
  }
  return generated.roster;
}

/**
 * Column generation until `until` (column-generation.ts): its bounds and each better roster
 * are posted as they come (the other worker's search goes on from them); the last 30 % of its
 * time (unless `integerShare` says otherwise) goes to the integer master over the rows found.
 */
function runColumnGeneration(
  highs: Highs,
  until: number,
  start: Roster | undefined,
  options: Pick<
    ColumnGenerationOptions,
    | 'rootShare'
    | 'maxLabels'
    | 'fixShare'
    | 'integerShare'
    | 'branchAndPrice'
    | 'sharedTree'
    | 'fairnessBands'
    | 'lowerBound'
  > & {
    /** Called after each roster is posted. */
    afterRoster?: () => void;
  } = {},
): ColumnGenerationOutcome {
  const { afterRoster, ...passed } = options;
  const generated = solveColumnGeneration(highs, job.problem, {
    integerShare: 0.3,
    ...passed,
    deadline: until,
    seed: job.seed,
    start: start === undefined ? [] : [start],
    onBound: (bound) => {
      post({ type: 'bound', bound });
    },
    onRoster: (roster, objective) => {
      post({ type: 'solution', roster, objective, source: 'column generation' });
      afterRoster?.();
    },
    bestElsewhere: () => {
      drainControl();
      return bestKnown;
    },
    shouldStop: stopAsked,
  });
  return generated;
}

/** The Lagrangian bound of subgradient-bound.ts until `until`, aiming at the best roster known. */
function runSubgradientBound(until: number): void {
  solveSubgradientBound(job.problem, {
    deadline: until,
    target: () => {
      drainControl();
      return bestKnown;
    },
    onBound: (bound) => {
      post({ type: 'bound', bound });
    },
    shouldStop: stopAsked,
  });
}

/** This thread's `performance.now()` instant of an epoch time set by the main thread. */
function localInstant(epochMs: number): number {
  return performance.now() + (epochMs - Date.now());
}

/** Runs `job` to its end: what the main thread sees of a worker (see solver-protocol.ts). */
async function runJob(): Promise<void> {
  deadline = localInstant(job.deadlineEpochMs);
  try {
    const highs = await loadHighsRuntime(wasmModule);
    const { problem } = job;
    if (job.mode === 'exact') {
      let start = job.start;
      if (hasFairness(problem)) {
        // The fairness spreads leave the MIP's own bound far below the optimum; the counting
        // relaxation proves most of the rest in a fraction of the time (see count-relaxation.ts).
        const relaxation = solveCountRelaxation(highs, problem, {
          // (A warm-up's at most 1 s: it cannot be stopped when a job takes its worker.)
          timeLimitSeconds: Math.min(
            warming ? 1 : 10,
            ((deadline - performance.now()) / 1000) * 0.5,
          ),
        });
        if (Number.isFinite(relaxation.bound) && relaxation.bound > 0) {
          post({ type: 'bound', bound: relaxation.bound });
        }
        // Then column generation whose rows keep the relaxation's counts as bands (see
        // FairnessBand): its LP within the bands is at the office months' optima, and its dives
        // reach them (20-s solves, seeds 1-3: at their optima in 5.6-6.5 s, against 191-194
        // by the search alone; docs/BENCHMARKS.md, session 13). Then, and where it does not
        // fit, search where only whole groups of people move the spreads (ROSTER-1 fairness):
        // the MIP's own heuristics change one or a few people at a time and reach the optimum
        // far later (see spread-neighbourhoods.ts). The whole MIP below goes on from its best.
        let first = startingRoster(start);
        if (first !== undefined) {
          // Reported at once: with one worker, or a search slow to its first roster, it may be
          // the only roster for a while (the search below reports only better ones).
          post({
            type: 'solution',
            roster: first.roster,
            objective: first.objective,
            source: 'greedy',
          });
          const cells = problem.people.length * problem.days * problem.shifts.length;
          const bands =
            fairnessBandsApply(problem) &&
            (deadline - performance.now()) / 1000 >= BAND_SECONDS_PER_CELL * cells
              ? fairnessBandsOf(problem, relaxation)
              : undefined;
          if (bands !== undefined) {
            // The other worker's search pauses meanwhile: beside it, column generation took
            // twice as long (office months, 10-s solves: its optimum at 6-8 s against 4.4-5.2 s
            // with the search held; docs/BENCHMARKS.md, session 13).
            post({ type: 'hold', on: true });
            let holding = true;
            const release = (): void => {
              if (holding) post({ type: 'hold', on: false });
              holding = false;
            };
            let generated: ColumnGenerationOutcome;
            try {
              generated = runColumnGeneration(
                highs,
                performance.now() + (deadline - performance.now()) * 0.85,
                first.roster,
                {
                  fairnessBands: bands,
                  lowerBound: relaxation.bound,
                  rootShare: 0.8,
                  integerShare: 0,
                  // The search goes on once the first dive has ended: where that dive fails,
                  // the search has its time back (office months at 5 s: at the optimum or
                  // best known in 7 of 9 runs, against 11 of 18 with the hold to the end;
                  // docs/BENCHMARKS.md, session 14).
                  afterRoster: release,
                },
              );
            } finally {
              // Released whatever happens: a search held to the end would be lost time.
              release();
            }
            drainControl();
            first = lowestOf([first.roster, generated.roster, incumbent?.roster]) ?? first;
          }
          const found = searchSpreads(
            highs,
            problem,
            first,
            { deadline: performance.now() + (deadline - performance.now()) * 0.85, seed: job.seed },
            searchCallbacks('spread search'),
          );
          start = found.roster;
        }
      }
      if (columnGenerationApplies(problem)) {
        // Column generation over whole rows: a bound far above the MIP's (the LP over feasible
        // rows), a first roster of whole rows by diving, usually in seconds, then branch and
        // price, which proves where the root LP alone cannot (Instances 5 and 6: 1143 and 1950
        // in 52 and 8 s of one thread), in place of more dives and the integer master. The
        // whole MIP below has the last twentieth.
        const generated = runColumnGeneration(
          highs,
          performance.now() + (deadline - performance.now()) * 0.95,
          start,
          {
            branchAndPrice: true,
            integerShare: 0,
            ...(job.sharedTree === true ? { sharedTree: sharedTreeLink('taker') } : {}),
          },
        );
        start = betterStart(start, generated);
      }
      const outcome = runExactMip(highs, buildRosterMip(problem), {
        share: 1,
        start,
        restricted: false,
      });
      if (outcome.status === 'infeasible') {
        const conflicts = findRuleConflicts(highs, problem, {
          timeLimitSeconds: explainSeconds(),
        });
        post({ type: 'infeasible', conflicts });
      } else if (outcome.roster !== undefined && outcome.objective !== undefined) {
        post({
          type: 'solution',
          roster: outcome.roster,
          objective: outcome.objective,
          source: 'mip',
        });
      }
      post({ type: 'done', optimal: outcome.status === 'optimal', bound: outcome.bound });
    } else if (job.mode === 'tree') {
      // Column generation's root, then the search tree shared with the exact worker, which
      // finds the first rosters meanwhile (see SharedTree).
      const generated = runColumnGeneration(highs, deadline, job.start, {
        branchAndPrice: true,
        integerShare: 0,
        sharedTree: sharedTreeLink('owner'),
      });
      // Time left (the root did not converge in its share, or the tree closed unproven): the
      // search from the best roster known, as a search worker would.
      drainControl();
      const start = betterStart(incumbent?.roster, generated);
      if (start !== undefined && deadline - performance.now() > 500 && !stopAsked()) {
        improveRoster(
          highs,
          problem,
          start,
          { deadline, seed: job.seed },
          searchCallbacks('search'),
        );
      }
      post({ type: 'done', optimal: false, bound: undefined });
    } else {
      let start = job.start;
      if (job.lpBoundSeconds !== undefined) {
        const boundEnd =
          performance.now() + Math.min(job.lpBoundSeconds * 1000, deadline - performance.now());
        // Column generation's bound is at least the LP relaxation's, when its LP converges in
        // the first 60 % of the share (Instances 8-12 and 14 at 120 s); else the Lagrangian
        // bound's (subgradient-bound.ts). Its rosters (the LP-fixed MIP, dives, the integer
        // master) start the search after.
        let generated: ColumnGenerationOutcome | undefined;
        if (columnGenerationApplies(problem)) {
          drainControl();
          generated = runColumnGeneration(highs, boundEnd, incumbent?.roster, {
            rootShare: 0.6,
            maxLabels: 1_000_000,
            // The LP-fixed MIP gets 30 % of the time after the root: HiGHS needs 4-8 s there
            // on Instance 12, whose LP is at its optimum 4040. With the default 10 % (3.5 s)
            // it returned 14,688 and the dives did not end in the share (4249-4344 at 120 s);
            // with 30 %, 4040 proven optimal in 22-32 s (docs/BENCHMARKS.md, session 20).
            fixShare: 0.3,
          });
        }
        if (generated !== undefined && !generated.converged) {
          // Column generation's dives took the share: a tenth of the time left (5 % of the
          // limit) for the Lagrangian bound (Instance 15 at 120 s: 3531, where the root proved
          // nothing).
          runSubgradientBound(performance.now() + (deadline - performance.now()) * 0.1);
        } else if (generated === undefined) {
          // The LP relaxation first where it fits, in two thirds of the share (it solves in
          // 24-48 s on Instances 13 and 20, and is the stronger there: the search then starts
          // at once), then the Lagrangian bound in the rest when the LP did not solve (21, 22);
          // the whole share for the latter where the LP would not fit (23 and 24).
          // The weekend relaxation first, in at most a sixth of the share (weekend-bound.ts):
          // on Instance 13 its LP is 1151 in about 3 s, twice the compact LP's 521; on the
          // others measured (15, 18, 20-22) the bounds below are the stronger.
          if (weekendBoundApplies(problem)) {
            const weekend = solveWeekendBound(highs, problem, {
              timeLimitSeconds: (boundEnd - performance.now()) / 6000,
            });
            if (weekend.bound > 0) post({ type: 'bound', bound: weekend.bound });
          }
          let solved = false;
          if (lpBoundApplies(problem)) {
            const lp = solveLpBound(highs, problem, {
              timeLimitSeconds: ((boundEnd - performance.now()) * (2 / 3)) / 1000,
            });
            if (lp.bound > 0) post({ type: 'bound', bound: lp.bound });
            solved = lp.solved;
          }
          if (!solved) runSubgradientBound(boundEnd);
        }
        // The other worker has been constructing meanwhile: go on from its roster.
        drainControl();
        if (start === undefined && incumbent !== undefined) start = incumbent.roster;
        if (generated !== undefined) start = betterStart(start, generated);
      }
      if (start === undefined) {
        const built = constructRoster(highs, problem, {
          // Leave most of the time to the improvement phase.
          deadline: performance.now() + (deadline - performance.now()) * 0.5,
          seed: job.seed,
        });
        if (built.unfinished.length > 0) {
          const conflicts = findRuleConflicts(highs, problem, {
            timeLimitSeconds: explainSeconds(),
            people: built.unfinished,
          });
          if (conflicts.length > 0) {
            post({ type: 'infeasible', conflicts });
            post({ type: 'done', optimal: false, bound: undefined });
            process.exit(0); // ends this worker thread only
          }
        }
        start = built.roster;
        if (built.unfinished.length > 0) {
          // Rows not found in time: wait for the other worker's roster if it comes.
          drainControl();
          if (incumbent === undefined) {
            post({ type: 'done', optimal: false, bound: undefined });
            process.exit(0); // ends this worker thread only
          }
          start = incumbent.roster;
        }
      }
      const sweeps =
        job.sweepsFromEpochMs === undefined
          ? {}
          : { sweepsFrom: localInstant(job.sweepsFromEpochMs) };
      improveRoster(
        highs,
        problem,
        start,
        { deadline, seed: job.seed, ...sweeps },
        searchCallbacks('search'),
      );
      post({ type: 'done', optimal: false, bound: undefined });
    }
  } catch (error) {
    post({
      type: 'error',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  } finally {
    control.close();
  }
}

if ('job' in input) {
  job = input.job;
  control = input.control;
  await runJob();
} else {
  // A pooled worker (worker-pool.ts): its own small job first, posting nothing, so that the
  // code a job runs is compiled and optimised in this thread before a job comes (a fresh
  // thread ran the office month's column generation 1.3 s slower; docs/BENCHMARKS.md,
  // session 14); then the job it is taken for.
  const pending = new Promise<PooledJob>((resolve) => {
    parentPort?.once('message', (message: PooledJob) => {
      resolve(message);
    });
  });
  warming = true;
  job = input.warmUp;
  control = new MessageChannel().port1;
  await runJob();
  warming = false;
  parentPort?.postMessage({ type: 'warm' } satisfies WorkerMessage);
  const taken = await pending;
  // Nothing of the warm-up carries over but the compiled code (and HiGHS's heap).
  stopped = false;
  held = false;
  incumbent = undefined;
  bestKnown = undefined;
  Object.assign(tree, { open: false, closed: false, wanted: false, inbox: [] });
  job = taken.job;
  control = taken.control;
  await runJob();
}
