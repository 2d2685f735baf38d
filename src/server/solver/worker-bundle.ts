import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The worker through tsx: registers the loader, then transpiles each module as it loads. */
const tsxEntry = new URL('./solver-worker.mjs', import.meta.url);
/**
 * Inside the project's node_modules, so that the bundle's bare imports (`highs`) resolve
 * from there as they do from the sources.
 */
const cacheDir = new URL('../../../node_modules/.cache/dutydesk/', import.meta.url);

let entry: Promise<URL> | undefined;
let highsModule: Promise<WebAssembly.Module | undefined> | undefined;

/**
 * The solver worker's entry module. A fresh worker that goes through tsx spends 0.8–1 s
 * registering the loader and transpiling the solver before its first HiGHS call (measured by
 * the office-month work of issue 3, whose target is 5 s in all). So the worker is bundled
 * once per process with esbuild (the transpiler tsx itself uses) into one plain ES module,
 * named by its content's hash so that processes share it and a changed source gets a new
 * file. Anything that goes wrong here (no esbuild, a read-only node_modules) falls back to
 * the tsx entry, which behaves the same, only slower to start.
 */
export function solverWorkerEntry(): Promise<URL> {
  entry ??= bundleWorker().catch(() => tsxEntry);
  return entry;
}

async function bundleWorker(): Promise<URL> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./solver-worker.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const file = new URL(`solver-worker-${hash}.mjs`, cacheDir);
  if (!existsSync(file)) {
    mkdirSync(cacheDir, { recursive: true });
    // Written aside and renamed: another process may be reading the same name.
    const temporary = new URL(`solver-worker-${hash}.${String(process.pid)}.tmp`, cacheDir);
    writeFileSync(temporary, code);
    renameSync(temporary, file);
  }
  return pathToFileURL(fileURLToPath(file));
}

/**
 * HiGHS's WebAssembly, compiled once per process and handed to every worker (a compiled
 * module crosses to a worker without copying, and V8 shares its machine code). A fresh worker
 * that compiles HiGHS itself runs its first solves 5–10 times slower than a warm one (the
 * counting relaxation: 1.0–1.8 s against 0.15 s); with the module shared, the second and later
 * solves of a process (the app's generations, a benchmark's instances) start warm. Undefined
 * when it cannot be compiled here: the worker then loads HiGHS the usual way.
 */
export function compiledHighs(): Promise<WebAssembly.Module | undefined> {
  highsModule ??= WebAssembly.compile(
    readFileSync(fileURLToPath(import.meta.resolve('highs/runtime'))),
  ).catch(() => undefined);
  return highsModule;
}
