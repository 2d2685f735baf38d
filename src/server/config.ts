import path from 'node:path';

/**
 * Settings read from the environment, the same for the server and the `dutydesk` command.
 * Unknown or bad values stop the process with a message that names the variable.
 */
export type Settings = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  demo: boolean;
  demoPassword: string;
  /** Idle time after which a session ends. */
  sessionIdleMinutes: number;
  /** A session ends this long after sign-in whatever the activity. */
  sessionMaxHours: number;
  /** Cookies need HTTPS when true; off by default so the embedded server works on plain HTTP. */
  secureCookies: boolean;
  /** Behind a reverse proxy: trust X-Forwarded-For for the client address. */
  trustProxy: boolean;
  /** Failed or not, sign-in attempts allowed per client address and user name in a window. */
  loginAttemptsPerWindow: number;
  loginWindowMinutes: number;
  /** How long a session lookup is reused in one process; 0 reads the database every time. */
  sessionCacheSeconds: number;
  /** The longest a desk board snapshot is served, in ms; 0 builds the board on every read. */
  boardMaxAgeMs: number;
  /** SQLite's commit durability (docs/decisions/0006): `full` syncs every commit. */
  sqliteSynchronous: 'full' | 'normal';
};

export const defaultDemoPassword = 'dutydesk2026';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export class SettingsError extends Error {}

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const logLevel = env.DUTYDESK_LOG_LEVEL ?? 'info';
  if (!(logLevels as readonly string[]).includes(logLevel)) {
    throw new SettingsError(`DUTYDESK_LOG_LEVEL must be one of ${logLevels.join(', ')}`);
  }
  const demoPassword = env.DUTYDESK_DEMO_PASSWORD ?? defaultDemoPassword;
  if (demoPassword.length < 8) {
    throw new SettingsError('DUTYDESK_DEMO_PASSWORD must have at least 8 characters');
  }
  const sqliteSynchronous = (env.DUTYDESK_SQLITE_SYNCHRONOUS ?? 'full').toLowerCase();
  if (sqliteSynchronous !== 'full' && sqliteSynchronous !== 'normal') {
    throw new SettingsError('DUTYDESK_SQLITE_SYNCHRONOUS must be full or normal');
  }
  const databaseUrl = env.DATABASE_URL?.trim() ? env.DATABASE_URL.trim() : undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new SettingsError('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  return {
    port: readInteger(env, 'PORT', 3000, 0, 65535),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DUTYDESK_DATA_DIR ?? './data'),
    databaseUrl,
    logLevel: logLevel as Settings['logLevel'],
    demo: env.DUTYDESK_DEMO !== '0' && env.DUTYDESK_DEMO !== 'false',
    demoPassword,
    sessionIdleMinutes: readInteger(env, 'DUTYDESK_SESSION_IDLE_MINUTES', 12 * 60, 1, 7 * 24 * 60),
    sessionMaxHours: readInteger(env, 'DUTYDESK_SESSION_MAX_HOURS', 7 * 24, 1, 90 * 24),
    secureCookies: env.DUTYDESK_SECURE_COOKIES === '1' || env.DUTYDESK_SECURE_COOKIES === 'true',
    trustProxy: env.DUTYDESK_TRUST_PROXY === '1' || env.DUTYDESK_TRUST_PROXY === 'true',
    loginAttemptsPerWindow: readInteger(env, 'DUTYDESK_LOGIN_ATTEMPTS', 10, 1, 10_000),
    loginWindowMinutes: readInteger(env, 'DUTYDESK_LOGIN_WINDOW_MINUTES', 15, 1, 24 * 60),
    sessionCacheSeconds: readInteger(env, 'DUTYDESK_SESSION_CACHE_SECONDS', 5, 0, 60),
    boardMaxAgeMs: readInteger(env, 'DUTYDESK_BOARD_MAX_AGE_MS', 1_000, 0, 10_000),
    sqliteSynchronous,
  };
}

function readInteger(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SettingsError(`${name} must be a whole number from ${String(min)} to ${String(max)}`);
  }
  return value;
}

/** Where the embedded SQLite database lives. */
export function sqlitePath(settings: Pick<Settings, 'dataDir'>): string {
  return path.join(settings.dataDir, 'dutydesk.sqlite');
}
