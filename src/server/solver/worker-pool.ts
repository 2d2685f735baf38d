import { Worker, type MessagePort } from 'node:worker_threads';
import { generateOfficeMonth } from './office-month-scenario.ts';
import type { PooledJob, WorkerInput, WorkerJob, WorkerMessage } from './solver-protocol.ts';
import { compiledHighs, solverWorkerEntry } from './worker-bundle.ts';

/**
 * Solver workers started ahead of the solves that take them, each warmed up by a small job of
 * its own (solver-worker.ts). A worker thread compiles and optimises its JavaScript itself, so
 * a fresh one runs a job's first seconds slowly: the office month's column generation within
 * fairness bands took 3.95 s in a fresh thread against 2.7 s after a 6 × 14 month's
 * (docs/BENCHMARKS.md, session 14). A worker still runs one job and ends, as before; the pool
 * starts the next ones once a solve is over, so that they warm up while nothing else runs.
 *
 * Off until `enableWorkerPool` (the server at start, `bench:roster`): elsewhere every solve
 * starts its workers fresh, and no thread is left idle in the process.
 */

/** What a pooled worker warms up on: the modes a solve's two workers run most. */
const WARM_MODES: readonly WorkerJob['mode'][] = ['exact', 'search'];
/**
 * Each warm-up job's time: 6 × 14 cells reach column generation within fairness bands. The
 * first workers of a process warm up for longer: HiGHS's machine code is still being
 * optimised meanwhile (V8 shares it between threads, so later workers find it done).
 */
const WARM_SECONDS = 2;
const FIRST_WARM_SECONDS = 8;
let firstGeneration = true;

type Pooled = {
  worker: Worker;
  mode: WorkerJob['mode'];
  /** Set to 1 when the worker is taken: a warm-up still running stops at its next check. */
  taken: Int32Array;
  warm: Promise<void>;
};

const idle: Pooled[] = [];
let enabled = false;
let spawning: Promise<void> | undefined;

/** Starts keeping warm workers; resolves once the first ones have warmed up. */
export async function enableWorkerPool(): Promise<void> {
  enabled = true;
  await refillWorkerPool();
}

/** Stops keeping warm workers and ends the idle ones. */
export async function disableWorkerPool(): Promise<void> {
  enabled = false;
  await spawning;
  const ending = idle.splice(0).map((pooled) => pooled.worker.terminate());
  await Promise.all(ending);
}

/** How many warmed (or warming) workers wait for a job. */
export function idleWorkerCount(): number {
  return idle.length;
}

/**
 * Starts a warm worker for each mode of `WARM_MODES` the pool lacks (when enabled), and
 * resolves once every idle worker has warmed up.
 */
export function refillWorkerPool(): Promise<void> {
  if (!enabled) return Promise.resolve();
  spawning ??= (async () => {
    const [url, wasmModule] = await Promise.all([solverWorkerEntry(), compiledHighs()]);
    const seconds = firstGeneration ? FIRST_WARM_SECONDS : WARM_SECONDS;
    firstGeneration = false;
    for (const mode of WARM_MODES) {
      // (Disabled meanwhile, while the bundle was awaited: nothing to start.)
      if (!isEnabled() || idle.some((pooled) => pooled.mode === mode)) continue;
      idle.push(spawnPooled(url, wasmModule, mode, seconds));
    }
  })().finally(() => {
    spawning = undefined;
  });
  return spawning.then(() => Promise.all(idle.map((pooled) => pooled.warm))).then(() => undefined);
}

/** Read through a call: `enabled` may change while a refill awaits. */
function isEnabled(): boolean {
  return enabled;
}

function spawnPooled(
  url: URL,
  wasmModule: WebAssembly.Module | undefined,
  mode: WorkerJob['mode'],
  seconds: number,
): Pooled {
  const taken = new Int32Array(new SharedArrayBuffer(4));
  const warmUp: WorkerJob = {
    mode,
    problem: generateOfficeMonth(9, { people: 6, days: 14 }),
    deadlineEpochMs: Date.now() + seconds * 1000,
    seed: 1,
  };
  const worker = new Worker(url, {
    workerData: { wasmModule, warmUp, taken } satisfies WorkerInput,
  });
  const pooled: Pooled = {
    worker,
    mode,
    taken,
    warm: new Promise<void>((resolve) => {
      const ready = (message: WorkerMessage): void => {
        if (message.type !== 'warm') return;
        worker.off('message', ready);
        // Idle from here: it must not keep the process alive.
        if (Atomics.load(taken, 0) === 0) worker.unref();
        resolve();
      };
      worker.on('message', ready);
      worker.once('exit', () => {
        resolve();
      });
    }),
  };
  // An idle worker that ends (an error in its warm-up) leaves the pool; a solve starts a
  // fresh one in its place.
  worker.once('exit', () => {
    const at = idle.indexOf(pooled);
    if (at >= 0) idle.splice(at, 1);
  });
  worker.on('error', () => undefined);
  return pooled;
}

/**
 * A worker running `job` with `control` as its control port: a pooled one warmed up for the
 * job's mode if one waits (else any pooled one), otherwise a fresh one.
 */
export async function startSolverWorker(job: WorkerJob, control: MessagePort): Promise<Worker> {
  // A worker whose thread has ended (its exit not yet seen here) is of no use.
  for (let i = idle.length - 1; i >= 0; i--) if (idle[i]!.worker.threadId < 0) idle.splice(i, 1);
  const at = idle.findIndex((pooled) => pooled.mode === job.mode);
  const pooled = idle.splice(at >= 0 ? at : 0, idle.length > 0 ? 1 : 0)[0];
  if (pooled !== undefined) {
    Atomics.store(pooled.taken, 0, 1);
    pooled.worker.ref();
    pooled.worker.postMessage({ job, control } satisfies PooledJob, [control]);
    return pooled.worker;
  }
  const [url, wasmModule] = await Promise.all([solverWorkerEntry(), compiledHighs()]);
  return new Worker(url, {
    workerData: { job, control, wasmModule } satisfies WorkerInput,
    transferList: [control],
  });
}
