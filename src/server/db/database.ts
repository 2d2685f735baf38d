import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
  type SqliteDialectConfig,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Repositories take either the database or a transaction. */
export type Queryable = Db | Tx;

export type DatabaseHandle = {
  db: Db;
  dialect: Dialect;
  /** Describes the target without secrets, for start-up messages. */
  describe: string;
  /** the PostgreSQL schema in use when not the default (tests use one schema each) */
  schema?: string;
  close: () => Promise<void>;
};

export type DatabaseOptions =
  | {
      kind: 'sqlite';
      file: string;
      /** commit durability under WAL (docs/decisions/0006); `full` unless told */
      synchronous?: 'full' | 'normal';
    }
  | { kind: 'postgres'; url: string; searchPath?: string; maxConnections?: number };

/**
 * SQLite transactions start with BEGIN IMMEDIATE: a transaction that reads and then writes
 * takes the write lock up front, so a second process (the CLI beside the server) waits for
 * it under busy_timeout instead of failing when a deferred read lock cannot be upgraded.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/** How many distinct statements one SQLite connection keeps compiled. */
const cachedStatements = 500;

/**
 * Kysely prepares every query anew, and better-sqlite3 compiles the SQL on each prepare (4 %
 * of a board read's CPU, 10 % of a duty-log write's in the issue 6 profile). Statements are
 * kept by their SQL text, the oldest dropped past the limit, and one is handed out again only
 * when no open iterator (a streamed query) is still using it. SQLite recompiles a kept
 * statement by itself after a schema change.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      statements.clear();
      sqlite.close();
    },
    prepare: (text) => {
      const kept = statements.get(text);
      if (kept !== undefined && !kept.busy) return kept;
      const statement = sqlite.prepare(text);
      if (kept === undefined) {
        if (statements.size >= cachedStatements) {
          const oldest = statements.keys().next();
          if (oldest.done !== true) statements.delete(oldest.value);
        }
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

// PostgreSQL's timestamptz arrive as Date (the default); bigint COUNTs as text are cast by repos.

/**
 * Opens the database: SQLite (WAL, foreign keys, synchronous=FULL unless the settings say
 * NORMAL) or PostgreSQL via pg.
 */
export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  if (options.kind === 'sqlite') {
    if (options.file !== ':memory:') fs.mkdirSync(path.dirname(options.file), { recursive: true });
    const sqlite = new SQLite(options.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(options.synchronous === 'normal' ? 'synchronous = NORMAL' : 'synchronous = FULL');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<Database>({
      dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }),
    });
    return {
      db,
      dialect: 'sqlite',
      describe: `SQLite ${options.file}`,
      close: () => db.destroy(),
    };
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    ...(options.searchPath === undefined
      ? {}
      : { options: `-c search_path=${options.searchPath}` }),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    describe: `PostgreSQL ${redactUrl(options.url)}`,
    ...(options.searchPath === undefined ? {} : { schema: options.searchPath }),
    close: () => db.destroy(),
  };
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

/** True when the database answers a trivial query. */
export async function pingDatabase(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
