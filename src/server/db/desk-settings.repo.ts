import {
  defaultDeskSettings,
  deskSettingsSchema,
  type OfficeDeskSettings,
  type DeskSettings,
} from '../../shared/contract/desk-settings.ts';
import type { Queryable } from './database.ts';
import { writeInstant } from './values.ts';

/** The office's desk settings; the defaults (version 0) until a supervisor saves some. */
export async function findDeskSettings(
  db: Queryable,
  officeId: string,
): Promise<OfficeDeskSettings> {
  const row = await db
    .selectFrom('office_desk_settings')
    .select(['settings', 'version'])
    .where('office_id', '=', officeId)
    .executeTakeFirst();
  if (!row) return { settings: defaultDeskSettings, version: 0 };
  return { settings: deskSettingsSchema.parse(JSON.parse(row.settings)), version: row.version };
}

/**
 * Saves an office's settings row when its stored version is still `expectedVersion` (0: none
 * stored yet); false when someone saved first, so the caller answers 409. One body for every
 * versioned office-settings table (roster settings, desk settings).
 */
export async function saveVersionedOfficeSettings(
  db: Queryable,
  table: 'office_roster_settings' | 'office_desk_settings',
  office: { id: string; orgId: string },
  settings: unknown,
  expectedVersion: number,
  by: string,
  at: Date,
): Promise<boolean> {
  if (expectedVersion === 0) {
    const inserted = await db
      .insertInto(table)
      .values({
        office_id: office.id,
        org_id: office.orgId,
        settings: JSON.stringify(settings),
        version: 1,
        updated_at: writeInstant(at),
        updated_by: by,
      })
      .onConflict((oc) => oc.column('office_id').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const result = await db
    .updateTable(table)
    .set({
      settings: JSON.stringify(settings),
      version: expectedVersion + 1,
      updated_at: writeInstant(at),
      updated_by: by,
    })
    .where('office_id', '=', office.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function saveDeskSettings(
  db: Queryable,
  office: { id: string; orgId: string },
  settings: DeskSettings,
  expectedVersion: number,
  by: string,
  at: Date,
): Promise<boolean> {
  return saveVersionedOfficeSettings(
    db,
    'office_desk_settings',
    office,
    settings,
    expectedVersion,
    by,
    at,
  );
}
