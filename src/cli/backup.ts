import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sqlitePath, type Settings } from '../server/config.ts';

function timestamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
}

/**
 * SQLite: the online backup API copies a consistent snapshot while the server keeps writing
 * (WAL). PostgreSQL: pg_dump in its custom format, restorable with pg_restore.
 */
export async function backupDatabase(settings: Settings, out: string | undefined): Promise<string> {
  const backupDir = path.join(settings.dataDir, 'backups');
  if (settings.databaseUrl === undefined) {
    const source = sqlitePath(settings);
    if (!fs.existsSync(source)) throw new Error(`no database at ${source}`);
    const target = path.resolve(out ?? path.join(backupDir, `dutydesk-${timestamp()}.sqlite`));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (fs.existsSync(target)) throw new Error(`${target} exists; choose another --out`);
    const db = new SQLite(source, { readonly: true, fileMustExist: true });
    try {
      await db.backup(target);
      const check = new SQLite(target, { readonly: true });
      try {
        const result = check.pragma('integrity_check', { simple: true });
        if (result !== 'ok')
          throw new Error(`the copy failed its integrity check: ${String(result)}`);
      } finally {
        check.close();
      }
    } finally {
      db.close();
    }
    return target;
  }
  const target = path.resolve(out ?? path.join(backupDir, `dutydesk-${timestamp()}.pgdump`));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  await new Promise<void>((resolve, reject) => {
    const child = spawn('pg_dump', ['--format=custom', '--file', target, settings.databaseUrl!], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', (error) => {
      reject(
        new Error(`could not run pg_dump (install the PostgreSQL client tools): ${error.message}`),
      );
    });
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`pg_dump exited with code ${String(code)}`));
    });
  });
  return target;
}
