import {
  parentPort,
  receiveMessageOnPort,
  workerData,
  type MessagePort,
} from 'node:worker_threads';
import type { Roster } from '../domain/roster/roster-model.ts';
import { loadHighsRuntime, runRosterMip } from './highs-runner.ts';
import { findRuleConflicts } from './infeasibility.ts';
import { buildRosterMip } from './mip-model.ts';
import { constructRoster, improveRoster } from './roster-search.ts';
import type { ControlMessage, WorkerJob, WorkerMessage } from './solver-protocol.ts';

type WorkerInput = { job: WorkerJob; control: MessagePort };

const { job, control } = workerData as WorkerInput;
const post = (message: WorkerMessage): void => {
  parentPort?.postMessage(message);
};

let stopped = false;
let incumbent: { roster: Roster; objective: number } | undefined;
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
        break;
    }
  }
}

/** performance.now() value of the job's deadline. */
const deadline = performance.now() + (job.deadlineEpochMs - Date.now());
/**
 * Time for explaining an infeasibility: what is left, but at least 0.8 s so that a proof
 * found at the last moment still names its rules (the solver then overruns by under 1 s).
 */
const explainSeconds = (): number => Math.max(0.8, (deadline - performance.now()) / 1000);

try {
  const highs = await loadHighsRuntime();
  const { problem } = job;
  if (job.mode === 'exact') {
    const mip = buildRosterMip(problem);
    const outcome = runRosterMip(highs, mip, {
      timeLimitSeconds: Math.max(0.1, (deadline - performance.now()) / 1000),
      start: job.start,
      seed: job.seed,
      onImproving: (roster, objective) => {
        post({ type: 'solution', roster, objective, source: 'mip' });
      },
      onBound: (bound) => {
        post({ type: 'bound', bound });
      },
      shouldInterrupt: () => {
        drainControl();
        return stopped;
      },
      pollIncumbent: () => {
        drainControl();
        const taken = incumbent;
        incumbent = undefined;
        return taken?.roster;
      },
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
  } else {
    let start = job.start;
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
    improveRoster(
      highs,
      problem,
      start,
      { deadline, seed: job.seed },
      {
        onSolution: (roster, objective) => {
          post({ type: 'solution', roster, objective, source: 'search' });
        },
        pollIncumbent: () => {
          drainControl();
          const taken = incumbent;
          incumbent = undefined;
          return taken;
        },
        shouldStop: () => {
          drainControl();
          return stopped;
        },
      },
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
