import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { readSettings, sqlitePath, type Settings } from './config.ts';
import { openDatabase, type DatabaseHandle } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { buildApp } from './http/app.ts';
import type { HttpOptions } from './http/types.ts';
import { randomIds, systemClock, type Clock, type ServiceDeps } from './services/context.ts';
import { createSessionCache } from './services/auth.service.ts';
import { createFileStore } from './services/file-store.ts';
import { createPasswordHasher } from './services/password.ts';
import { demoPeople, seedDemo } from './services/setup.service.ts';
import { startRosterReminders } from './jobs/roster-reminders.ts';
import { deadlineHandlers } from './jobs/deadline-handlers.ts';
import { startTicker } from './jobs/ticker.ts';
import { createEventHub } from './jobs/event-hub.ts';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const defaultWebRoot = path.join(projectRoot, 'dist', 'web');

/** Opens the database the settings name: PostgreSQL when DATABASE_URL is set, else SQLite. */
export function openConfiguredDatabase(settings: Settings): DatabaseHandle {
  return settings.databaseUrl === undefined
    ? openDatabase({ kind: 'sqlite', file: sqlitePath(settings) })
    : openDatabase({ kind: 'postgres', url: settings.databaseUrl });
}

export function serviceDeps(
  handle: DatabaseHandle,
  settings: Settings,
  clock: Clock = systemClock,
): ServiceDeps {
  return {
    db: handle.db,
    dialect: handle.dialect,
    clock,
    ids: randomIds,
    passwords: createPasswordHasher(),
    sessions: { idleMinutes: settings.sessionIdleMinutes, maxHours: settings.sessionMaxHours },
    files: createFileStore(path.join(settings.dataDir, 'files')),
    ...(settings.sessionCacheSeconds === 0
      ? {}
      : { sessionCache: createSessionCache(clock, settings.sessionCacheSeconds * 1_000) }),
  };
}

export function httpOptions(settings: Settings, webRoot: string | null): HttpOptions {
  return {
    secureCookies: settings.secureCookies,
    trustProxy: settings.trustProxy,
    loginAttemptsPerWindow: settings.loginAttemptsPerWindow,
    loginWindowMinutes: settings.loginWindowMinutes,
    webRoot,
    logLevel: settings.logLevel,
    bodyLimit: 1024 * 1024,
    sessionMaxHours: settings.sessionMaxHours,
    boardMaxAgeMs: settings.boardMaxAgeMs,
  };
}

export type RunningServer = { app: FastifyInstance; handle: DatabaseHandle; url: string };

/** Start-up: migrate, seed the demo office on first run, listen, and say how to sign in. */
export async function startServer(
  settings: Settings = readSettings(),
  options: {
    webRoot?: string | null;
    print?: (line: string) => void;
    /** stop cleanly on SIGINT/SIGTERM; off for servers started inside tests */
    handleSignals?: boolean;
    /** the system clock unless a test runs the server at another instant (DESIGN.md "Time") */
    clock?: Clock;
  } = {},
): Promise<RunningServer> {
  const print =
    options.print ??
    ((line: string) => {
      console.log(line);
    });
  const handle = openConfiguredDatabase(settings);
  await migrateToLatest(handle);
  const deps = serviceDeps(handle, settings, options.clock);
  const seeded = settings.demo ? await seedDemo(deps, settings.demoPassword) : false;
  // live updates: in-process, and across instances through PostgreSQL LISTEN/NOTIFY
  const events = await createEventHub({
    ...(settings.databaseUrl === undefined ? {} : { postgresUrl: settings.databaseUrl }),
    onError: (error) => {
      console.error('event bus:', error);
    },
  });
  const app = await buildApp({
    events,
    services: deps,
    http: httpOptions(settings, options.webRoot === undefined ? defaultWebRoot : options.webRoot),
  });
  // ROSTER-1 reminders to supervisors and directors, checked every ten minutes
  const stopReminders = startRosterReminders(deps, 10, (error) => {
    app.log.error(error, 'roster reminders failed');
  });
  // WORK-4 / ESC-1 / DISC-1 clocks: due deadline rows are claimed and handled every 5 s
  const stopTicker = startTicker(
    deps,
    deadlineHandlers,
    5_000,
    (error) => {
      app.log.error(error, 'deadline ticker failed');
    },
    (deadline) => {
      events.publish({ officeId: deadline.officeId, topic: deadline.kind.split('.')[0] ?? 'desk' });
    },
  );
  app.addHook('onClose', () => {
    stopReminders();
    stopTicker();
    void events.close();
    return Promise.resolve();
  });
  await app.listen({ port: settings.port, host: settings.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : settings.port;
  const shownHost =
    settings.host === '0.0.0.0' || settings.host === '::' ? 'localhost' : settings.host;
  const url = `http://${shownHost}:${String(port)}`;

  print('');
  print(`DutyDesk 值班台 is running at ${url}`);
  print(`  database: ${handle.describe}`);
  print(`  API documentation: ${url}/api/docs`);
  if (seeded) {
    print('');
    print('A demo office "H大厦管理处" was created. Sign in as any of these users');
    print(`(password: ${settings.demoPassword}):`);
    for (const person of demoPeople)
      print(`  ${person.username.padEnd(11)} ${person.role.padEnd(11)} ${person.displayName}`);
  } else if (!settings.demo) {
    print('');
    print('Started without demo data. Create the first administrator with:');
    print(
      '  npx dutydesk create-user --username admin --display-name 管理员 --admin --org "Your company"',
    );
  }
  print('');
  const stop = async () => {
    await app.close();
    await handle.close();
  };
  if (options.handleSignals !== false) {
    process.once('SIGINT', () => void stop().then(() => process.exit(0)));
    process.once('SIGTERM', () => void stop().then(() => process.exit(0)));
  }
  return { app, handle, url };
}
