import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { defaultWebRoot, projectRoot } from '../server/main.ts';

function newestModification(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const stat = fs.statSync(path.join(entry.parentPath, entry.name));
    newest = Math.max(newest, stat.mtimeMs);
  }
  return newest;
}

/** `npm start` builds the web app when it was never built or its sources are newer. */
export async function buildWebIfNeeded(): Promise<void> {
  const index = path.join(defaultWebRoot, 'index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const sources = Math.max(
    newestModification(path.join(projectRoot, 'src', 'web')),
    newestModification(path.join(projectRoot, 'src', 'shared')),
  );
  if (built > sources) return;
  console.log('Building the web app (first run or changed sources)…');
  const { build } = await import('vite');
  // Vite builds React's development bundle when NODE_ENV says so, and the test runner sets
  // it to `test`: the browser tier then ran a 2.47 MB development build instead of the 2.07 MB
  // one users get. The build is always the production one.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(projectRoot, 'vite.config.ts'), logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

/** Development: the API under tsx watch on :3000 and Vite on :5173 proxying /api to it. */
export async function startDevelopment(): Promise<number> {
  const api = spawn(
    process.execPath,
    ['--import', 'tsx', '--watch', path.join(projectRoot, 'src/server/serve.ts')],
    {
      stdio: 'inherit',
      env: { ...process.env, DUTYDESK_WEB: 'none' },
    },
  );
  const { createServer } = await import('vite');
  const vite = await createServer({ configFile: path.join(projectRoot, 'vite.config.ts') });
  await vite.listen();
  vite.printUrls();
  return new Promise<number>((resolve) => {
    api.on('exit', (code) => {
      void vite.close().then(() => {
        resolve(code ?? 0);
      });
    });
  });
}
