import { Migrator, type Migration as KyselyMigration, type MigrationResultSet } from 'kysely';
import type { DatabaseHandle } from './database.ts';
import type { Migration } from './migrations/column-types.ts';
import { foundation } from './migrations/0001-foundation.ts';
import { rosterSettings } from './migrations/0002-roster-settings.ts';
import { rosters } from './migrations/0003-rosters.ts';
import { leave } from './migrations/0004-leave.ts';
import { desk } from './migrations/0005-desk.ts';
import { phone } from './migrations/0006-phone.ts';
import { deskIndexes } from './migrations/0007-desk-indexes.ts';
import { handover } from './migrations/0008-handover.ts';
import { patrolRoutes } from './migrations/0009-patrol-routes.ts';
import { patrolRounds } from './migrations/0010-patrol-rounds.ts';
import { nonconformances } from './migrations/0011-nonconformances.ts';
import { missedRounds } from './migrations/0012-missed-rounds.ts';
import { patrolIndexes } from './migrations/0013-patrol-indexes.ts';

/** Every migration, in order. One list serves both engines. */
const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-roster-settings': rosterSettings,
  '0003-rosters': rosters,
  '0004-leave': leave,
  '0005-desk': desk,
  '0006-phone': phone,
  '0007-desk-indexes': deskIndexes,
  '0008-handover': handover,
  '0009-patrol-routes': patrolRoutes,
  '0010-patrol-rounds': patrolRounds,
  '0011-nonconformances': nonconformances,
  '0012-missed-rounds': missedRounds,
  '0013-patrol-indexes': patrolIndexes,
};

/** Brings the schema up to date; safe to run on every start (already-run steps are skipped). */
export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  const provided: Record<string, KyselyMigration> = {};
  for (const [name, migration] of Object.entries(migrations)) {
    provided[name] = {
      up: (db) => migration.up(db, handle.dialect),
      ...(migration.down ? { down: (db) => migration.down!(db, handle.dialect) } : {}),
    };
  }
  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: () => Promise.resolve(provided) },
    // Kysely looks for its own tables in every schema; name ours so another schema's copy
    // (a second installation, an interrupted test) is never mistaken for this one's
    ...(handle.schema === undefined ? {} : { migrationTableSchema: handle.schema }),
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error !== undefined) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed`, { cause: result.error });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
