import type { Roster, RosterProblem } from '../domain/roster/roster-model.ts';
import type { RuleConflict } from './infeasibility.ts';

/** What a worker is asked to do. */
export type WorkerJob = {
  /** `exact`: one MIP of the whole problem (small problems; gives the bound). `search`: construction then local search + LNS. */
  mode: 'exact' | 'search';
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
};

/** Main → worker, on the control port (polled synchronously between search phases). */
export type ControlMessage =
  { type: 'incumbent'; roster: Roster; objective: number } | { type: 'stop' };

/** Worker → main. */
export type WorkerMessage =
  | { type: 'solution'; roster: Roster; objective: number; source: string }
  | { type: 'bound'; bound: number }
  | { type: 'infeasible'; conflicts: RuleConflict[] }
  | { type: 'done'; optimal: boolean; bound: number | undefined }
  | { type: 'error'; message: string };
