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

/** The capture keeps tests' fake timers, if any, from holding a commit back. */
const nextTurn = globalThis.setImmediate;

/** One physical SQLite transaction that several use cases' transactions commit in. */
type CommitGroup = {
  committed: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
};

function newCommitGroup(): CommitGroup {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const committed = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // a group nobody waits for (plain Kysely transactions, tests) must not be an unhandled rejection
  committed.catch(() => undefined);
  return { committed, resolve, reject };
}

/**
 * SQLite group commit (docs/decisions/0007). Every transaction is a savepoint inside one
 * physical transaction that starts with BEGIN IMMEDIATE (so a second process, the CLI beside
 * the server, waits for the write lock under busy_timeout instead of failing to upgrade a read
 * lock) and is committed on the event loop's next turn, after the transactions already
 * waiting for the connection have joined it. One COMMIT, and so one sync of the WAL under
 * `synchronous=FULL`, covers all of them. A use case learns of its commit through
 * {@link runTransaction}, which answers only after that COMMIT: nothing is acknowledged before
 * it is on disk. A transaction that fails rolls back to its own savepoint and takes no other
 * with it; a COMMIT that fails fails every transaction of its group.
 */
class GroupCommitSqliteDriver extends SqliteDriver {
  readonly #raw: SQLite.Database;
  /** the physical transaction open on the connection, if any */
  #group: CommitGroup | null = null;

  constructor(config: SqliteDialectConfig, raw: SQLite.Database) {
    super(config);
    this.#raw = raw;
  }

  /** The group the transaction holding the connection will commit in. */
  openGroup(): Promise<void> | null {
    return this.#group?.committed ?? null;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.#group !== null && !this.#raw.inTransaction) {
      // SQLite rolled the whole transaction back (an I/O error, a full disk): its members are lost
      this.#group.reject(new Error('SQLite rolled back the transaction this write was part of'));
      this.#group = null;
    }
    if (this.#group === null) {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
      const group = newCommitGroup();
      this.#group = group;
      nextTurn(() => void this.#commit(group));
    }
    await connection.executeQuery(CompiledQuery.raw('savepoint dutydesk_tx'));
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('release dutydesk_tx'));
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.#group !== null && !this.#raw.inTransaction) {
      this.#group.reject(new Error('SQLite rolled back the transaction this write was part of'));
      this.#group = null;
      return;
    }
    await connection.executeQuery(CompiledQuery.raw('rollback to dutydesk_tx'));
    await connection.executeQuery(CompiledQuery.raw('release dutydesk_tx'));
  }

  /** Commits `group` once the transactions waiting before this turn have joined it. */
  async #commit(group: CommitGroup): Promise<void> {
    const connection = await this.acquireConnection();
    try {
      if (this.#group !== group) return;
      this.#group = null;
      try {
        await connection.executeQuery(CompiledQuery.raw('commit'));
        group.resolve();
      } catch (error) {
        if (this.#raw.inTransaction) await connection.executeQuery(CompiledQuery.raw('rollback'));
        group.reject(error);
      }
    } finally {
      await this.releaseConnection();
    }
  }

  override async destroy(): Promise<void> {
    const group = this.#group;
    if (group !== null) {
      await this.#commit(group);
      await group.committed.catch(() => undefined);
    }
    await super.destroy();
  }
}

class GroupCommitSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  readonly #raw: SQLite.Database;
  driver: GroupCommitSqliteDriver | null = null;
  constructor(config: SqliteDialectConfig, raw: SQLite.Database) {
    super(config);
    this.#config = config;
    this.#raw = raw;
  }
  override createDriver(): Driver {
    this.driver = new GroupCommitSqliteDriver(this.#config, this.#raw);
    return this.driver;
  }
}

/** The group-commit driver behind a SQLite database opened here. */
const groupCommits = new WeakMap<Db, GroupCommitSqliteDialect>();

/**
 * Runs `work` in one transaction and answers once it is durable: on SQLite after the COMMIT
 * of its group (above), on PostgreSQL after its own COMMIT.
 */
export async function runTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const dialect = groupCommits.get(db);
  if (dialect === undefined) return db.transaction().execute(work);
  let committed: Promise<void> | null = null;
  const result = await db.transaction().execute(async (tx) => {
    const value = await work(tx);
    committed = dialect.driver?.openGroup() ?? null;
    return value;
  });
  await (committed as Promise<void> | null);
  return result;
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
    const dialect = new GroupCommitSqliteDialect({ database: withStatementCache(sqlite) }, sqlite);
    const db = new Kysely<Database>({ dialect });
    groupCommits.set(db, dialect);
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
