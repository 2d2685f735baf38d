import type { MessagePort } from 'node:worker_threads';
import type { Roster, RosterProblem } from '../domain/roster/roster-model.ts';
import type { OpenNode } from './column-generation.ts';
import type { RuleConflict } from './infeasibility.ts';

/** What a worker is asked to do. */
export type WorkerJob = {
  /**
   * `exact`: one MIP of the whole problem (small problems; gives the bound). `search`:
   * construction then local search + LNS. `tree`: beside an exact worker on problems column
   * generation fits, the owner of a branch-and-price tree the two share (column-generation.ts
   * `SharedTree`).
   */
  mode: 'exact' | 'search' | 'tree';
  /** `exact` only: a `tree` worker runs beside it, whose tree it helps explore. */
  sharedTree?: boolean;
  problem: RosterProblem;
  /** Absolute deadline as milliseconds since the epoch (shared by both threads' clocks). */
  deadlineEpochMs: number;
  seed: number;
  start?: Roster;
  /**
   * `search` only: first spend up to this many seconds on the LP relaxation's bound
   * (lp-bound.ts), for problems too large for the exact MIP; then search as usual.
   */
  lpBoundSeconds?: number;
  /**
   * `search` only: the instant (milliseconds since the epoch) from which the search runs row
   * sweeps where they fit, beside column generation in the other worker: half its share.
   */
  sweepsFromEpochMs?: number;
};

/** Main → a pooled worker, once, on its own port: the job it is taken for (worker-pool.ts). */
export type PooledJob = { job: WorkerJob; control: MessagePort };

/**
 * A solver worker's `workerData`: a job with its control port, or for a pooled worker
 * (worker-pool.ts) a warm-up job of its own and the flag set to 1 when a solve takes it (its
 * job then comes as a `PooledJob`). Either way HiGHS compiled by the main thread
 * (worker-bundle.ts), if it could.
 */
export type WorkerInput = { wasmModule: WebAssembly.Module | undefined } & (
  { job: WorkerJob; control: MessagePort } | { warmUp: WorkerJob; taken: Int32Array }
);

/** Main → worker, on the control port (polled synchronously between search phases). */
export type ControlMessage =
  | { type: 'incumbent'; roster: Roster; objective: number }
  | { type: 'stop' }
  /** The shared tree has begun / has ended without a proof. */
  | { type: 'tree-open' }
  | { type: 'tree-closed' }
  /** The other worker waits for a node of the shared tree. */
  | { type: 'tree-want' }
  | { type: 'tree-work'; nodes: OpenNode[] }
  /** The other worker asks this one to pause its search (`on`) or to go on. */
  | { type: 'hold'; on: boolean };

/** Worker → main. */
export type WorkerMessage =
  | { type: 'solution'; roster: Roster; objective: number; source: string }
  | { type: 'bound'; bound: number }
  | { type: 'infeasible'; conflicts: RuleConflict[] }
  | { type: 'done'; optimal: boolean; bound: number | undefined }
  | { type: 'error'; message: string }
  /** The shared search tree (see `SharedTree`): begun, waiting, nodes handed over, pieces explored. */
  | { type: 'tree-start' }
  | { type: 'tree-idle' }
  | { type: 'tree-give'; nodes: OpenNode[] }
  | { type: 'tree-done'; pieces: number; complete: boolean }
  /** Pause the other worker's search (`on`) or let it go on (see solver-worker.ts). */
  | { type: 'hold'; on: boolean }
  /** A pooled worker has warmed up and waits for a job (worker-pool.ts). */
  | { type: 'warm' };
