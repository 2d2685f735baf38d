import { MessageChannel, type Worker } from 'node:worker_threads';
import {
  evaluateRoster,
  type HardViolation,
  type RosterEvaluation,
} from '../domain/roster/roster-evaluator.ts';
import type { Roster, RosterProblem } from '../domain/roster/roster-model.ts';
import type { RuleConflict } from './infeasibility.ts';
import { columnGenerationApplies } from './column-generation.ts';
import { assignmentVariablesOf } from './lp-bound.ts';
import type { ControlMessage, WorkerJob, WorkerMessage } from './solver-protocol.ts';
import { enableWorkerPool, refillWorkerPool, startSolverWorker } from './worker-pool.ts';

export type SolveProgress = {
  /** Best objective so far (by the evaluator), or undefined before the first roster. */
  objective: number | undefined;
  /** Best proven lower bound so far. */
  bound: number;
  elapsedSeconds: number;
};

export type SolveOptions = {
  timeLimitSeconds: number;
  seed?: number;
  /** Worker threads, 1 or 2 (the machines have two cores, shared). Default 2. */
  workers?: number;
  onProgress?: (progress: SolveProgress) => void;
  /**
   * Problems with at most this many assignment variables get one whole-problem MIP (exact,
   * and the lower bound) beside the search. Default 2500.
   */
  exactLimit?: number;
  /**
   * Problems above `exactLimit` get a lower bound instead: the second worker spends up to
   * this share of the time limit on column generation (column-generation.ts, where it
   * applies) and its rosters, else on the Lagrangian bound (subgradient-bound.ts) and the
   * LP relaxation (lp-bound.ts, where it fits), before it searches; when column generation
   * does not converge, a tenth of the time then left (5 % of the limit) goes to the
   * Lagrangian bound. 0 leaves the bound at 0. Default 0.5 where column generation applies,
   * else 0.3.
   */
  lpBoundShare?: number;
  /** Stops the search early; the best roster found so far is returned (status `feasible`). */
  signal?: AbortSignal;
};

export type SolveResult = {
  status: 'optimal' | 'feasible' | 'infeasible' | 'unknown';
  roster: Roster | undefined;
  /** The evaluator's objective of `roster`. */
  objective: number | undefined;
  lowerBound: number;
  /** (objective − lowerBound) / objective, or undefined without a roster. */
  gap: number | undefined;
  evaluation: RosterEvaluation | undefined;
  hardViolations: HardViolation[];
  /** When the rules cannot all be met: who, which rules, which days. */
  conflicts: RuleConflict[];
  seconds: number;
};

/**
 * Solves a roster problem (ROSTER-1) in worker threads until the time limit or a proof of
 * optimality: a whole-problem HiGHS MIP when the problem is small, and a local search with
 * HiGHS large-neighbourhood repair; the two share their best rosters. Every roster is
 * re-scored by the evaluator, and only rosters with no hard violation are kept.
 */
export async function solveRoster(
  problem: RosterProblem,
  options: SolveOptions,
): Promise<SolveResult> {
  const started = performance.now();
  const elapsed = (): number => (performance.now() - started) / 1000;
  const deadlineEpochMs = Date.now() + options.timeLimitSeconds * 1000;
  const seed = options.seed ?? 1;
  const workerCount = Math.max(1, Math.min(2, options.workers ?? 2));
  const exact = assignmentVariablesOf(problem) <= (options.exactLimit ?? 2500);

  let best: { roster: Roster; evaluation: RosterEvaluation } | undefined;
  let bound = 0;
  let optimal = false;
  const conflicts: RuleConflict[] = [];
  const errors: string[] = [];

  const jobs: WorkerJob[] = [];
  // Where column generation fits a small problem, the second worker shares the exact
  // worker's branch-and-price tree instead of searching: the search found nothing the
  // tree did not on Instances 1-7 (docs/BENCHMARKS.md, session 12).
  const columnGeneration = columnGenerationApplies(problem);
  const sharedTree = exact && workerCount >= 2 && columnGeneration;
  if (exact) jobs.push({ mode: 'exact', problem, deadlineEpochMs, seed, sharedTree });
  if (sharedTree) jobs.push({ mode: 'tree', problem, deadlineEpochMs, seed: seed + 1 });
  while (jobs.length < workerCount)
    jobs.push({ mode: 'search', problem, deadlineEpochMs, seed: seed + jobs.length });
  const lpBoundShare = options.lpBoundShare ?? (columnGeneration ? 0.5 : 0.3);
  // The bound share goes to column generation, the LP relaxation or the Lagrangian bound,
  // as the worker finds fits (solver-worker.ts).
  if (!exact && lpBoundShare > 0) {
    // The last search worker: the first one constructs meanwhile and hands it its roster.
    jobs[jobs.length - 1]!.lpBoundSeconds = options.timeLimitSeconds * lpBoundShare;
    if (columnGeneration) {
      // Row sweeps slow column generation's master beside them (session 16), and gain where
      // it has not converged (Instance 15): they wait for half its share (30 s of 120). Seeds
      // 1-5 of 15: mean 4219; 4385 with the whole share. 10, 11, 12 and 14 stay proven (in
      // 12-31 s; 15-40 s with the whole share on the same day; docs/BENCHMARKS.md, session 31).
      const sweepsFromEpochMs = Date.now() + options.timeLimitSeconds * (lpBoundShare / 2) * 1000;
      for (const job of jobs) job.sweepsFromEpochMs = sweepsFromEpochMs;
    }
  }
  if (workerCount === 1 && exact) jobs.splice(0, jobs.length, jobs[0]!);

  const running = await Promise.all(
    jobs.map(async (job) => {
      const channel = new MessageChannel();
      const worker = await startSolverWorker(job, channel.port2);
      return { job, worker, control: channel.port1 };
    }),
  );
  const broadcast = (message: ControlMessage, except?: Worker): void => {
    for (const r of running) if (r.worker !== except) r.control.postMessage(message);
  };
  /** A proof is in (optimal or infeasible): nothing left to search for. */
  const stopAll = (): void => {
    for (const r of running) void r.worker.terminate();
  };
  const progress = (): void => {
    options.onProgress?.({
      objective: best?.evaluation.objective,
      bound,
      elapsedSeconds: elapsed(),
    });
  };

  const treeAccounts = new SharedTreeAccounts();

  await new Promise<void>((resolve) => {
    let open = running.length;
    const finish = (): void => {
      open--;
      if (open === 0) resolve();
    };
    // The workers watch the deadline themselves (every HiGHS run gets only the time left);
    // this is the safety net if one is stuck anyway. The best roster so far is kept here,
    // so terminating loses nothing already reported.
    const guard = setTimeout(
      () => {
        for (const r of running) void r.worker.terminate();
      },
      options.timeLimitSeconds * 1000 + 1000,
    );
    guard.unref();
    if (options.signal?.aborted === true) stopAll();
    options.signal?.addEventListener('abort', stopAll, { once: true });
    for (const r of running) {
      r.worker.on('message', (message: WorkerMessage) => {
        switch (message.type) {
          case 'solution': {
            const evaluation = evaluateRoster(problem, message.roster);
            if (evaluation.hardViolations.length > 0) {
              errors.push(
                `${message.source} produced a roster with ${evaluation.hardViolations.length} hard violation(s): ${evaluation.hardViolations[0]!.message}`,
              );
              return;
            }
            if (best === undefined || evaluation.objective < best.evaluation.objective) {
              best = { roster: message.roster, evaluation };
              broadcast(
                { type: 'incumbent', roster: message.roster, objective: evaluation.objective },
                r.worker,
              );
              progress();
            }
            break;
          }
          case 'bound':
            if (Number.isFinite(message.bound) && message.bound > bound) {
              bound = message.bound;
              progress();
            }
            break;
          case 'infeasible':
            if (conflicts.length === 0) conflicts.push(...message.conflicts);
            stopAll();
            break;
          case 'done':
            if (
              message.bound !== undefined &&
              Number.isFinite(message.bound) &&
              message.bound > bound
            )
              bound = message.bound;
            if (message.optimal) {
              optimal = true;
              stopAll();
            }
            break;
          case 'error':
            errors.push(message.message);
            break;
          case 'tree-start':
            treeAccounts.start();
            broadcast({ type: 'tree-open' }, r.worker);
            break;
          case 'hold':
            broadcast({ type: 'hold', on: message.on }, r.worker);
            break;
          case 'warm':
            // A pooled worker's warm-up ended after the solve took it: nothing to do.
            break;
          case 'tree-idle':
            broadcast({ type: 'tree-want' }, r.worker);
            break;
          case 'tree-give':
            treeAccounts.give(message.nodes.length);
            broadcast({ type: 'tree-work', nodes: message.nodes }, r.worker);
            break;
          case 'tree-done': {
            const verdict = treeAccounts.done(message.pieces, message.complete);
            if (verdict === 'proven' && best !== undefined) {
              // Every node of the tree was pruned against a best roster known then (no
              // better than this one) or ended in a roster: none beats this one.
              bound = Math.max(bound, best.evaluation.objective);
              progress();
            } else if (verdict !== 'open') {
              broadcast({ type: 'tree-closed' });
            }
            break;
          }
        }
        if (best !== undefined && best.evaluation.objective <= bound) stopAll();
      });
      r.worker.on('error', (error) => {
        errors.push(error.stack ?? error.message);
      });
      r.worker.on('exit', () => {
        finish();
      });
    }
  }).finally(() => {
    options.signal?.removeEventListener('abort', stopAll);
    for (const r of running) r.control.close();
    // The next solve's workers warm up now, while nothing else runs (worker-pool.ts).
    void refillWorkerPool();
  });

  if (best === undefined && conflicts.length === 0 && errors.length > 0) {
    throw new Error(`roster solver failed: ${errors.join('\n')}`);
  }
  const objective = best?.evaluation.objective;
  if (objective !== undefined && objective <= bound) optimal = true;
  if (optimal && objective !== undefined) bound = objective;
  return {
    status:
      conflicts.length > 0
        ? 'infeasible'
        : best === undefined
          ? 'unknown'
          : optimal
            ? 'optimal'
            : 'feasible',
    roster: best?.roster,
    objective,
    lowerBound: bound,
    gap:
      objective === undefined ? undefined : objective === 0 ? 0 : (objective - bound) / objective,
    evaluation: best?.evaluation,
    hardViolations: best?.evaluation.hardViolations ?? [],
    conflicts,
    seconds: elapsed(),
  };
}

/**
 * The accounts of a search tree two workers share (column-generation.ts `SharedTree`): the
 * pieces handed out (the root, then each node one worker gives the other) and not yet
 * explored, and whether any was left unexplored. The tree proves its best roster optimal
 * only when every piece came back explored to its end.
 */
export class SharedTreeAccounts {
  private isOpen = false;
  private outstanding = 0;
  private broken = false;

  /** The owner began at the root: one piece out. */
  start(): void {
    this.isOpen = true;
    this.outstanding = 1;
    this.broken = false;
  }

  /** `count` nodes handed from one worker to the other: each a piece of its own. */
  give(count: number): void {
    if (this.isOpen) this.outstanding += count;
  }

  /**
   * A worker explored the `pieces` it held, to their end or not. `proven` once every piece
   * is back complete; `unproven` once every piece is back but one was not; else `open`.
   */
  done(pieces: number, complete: boolean): 'open' | 'proven' | 'unproven' {
    if (!this.isOpen) return 'unproven';
    this.outstanding -= pieces;
    if (!complete) this.broken = true;
    if (this.outstanding > 0) return 'open';
    this.isOpen = false;
    return this.broken || this.outstanding < 0 ? 'unproven' : 'proven';
  }
}

/**
 * Keeps warm solver workers from now on (worker-pool.ts): HiGHS's WebAssembly is compiled once
 * for the process (worker-bundle.ts), and each worker runs a small job of its own (6 people ×
 * 14 days, 2 s) before a solve takes it, so that a generation starts on optimised code: a cold
 * process needs several times longer for the same first steps (docs/BENCHMARKS.md, sessions
 * 7 and 14). The server runs it in the background at start; failures only cost the speed-up.
 * Resolves once the first workers have warmed up.
 */
export async function warmUpSolver(): Promise<void> {
  await enableWorkerPool();
}
