import type { PersonRules, RosterSettings } from '../../shared/contract/roster-settings.ts';
import type { HolidayYear } from '../../shared/contract/calendar.ts';
import type { Queryable } from './database.ts';
import { saveVersionedOfficeSettings } from './desk-settings.repo.ts';
import { writeInstant } from './values.ts';

export type StoredRosterSettings = { settings: RosterSettings; version: number };

export async function findOfficeRosterSettings(
  db: Queryable,
  officeId: string,
): Promise<StoredRosterSettings | null> {
  const row = await db
    .selectFrom('office_roster_settings')
    .select(['settings', 'version'])
    .where('office_id', '=', officeId)
    .executeTakeFirst();
  return row
    ? { settings: JSON.parse(row.settings) as RosterSettings, version: row.version }
    : null;
}

/**
 * Saves settings when the stored version is still `expectedVersion` (0: none stored yet);
 * returns false when someone saved first, so the caller answers 409.
 */
export function saveOfficeRosterSettings(
  db: Queryable,
  office: { id: string; orgId: string },
  settings: RosterSettings,
  expectedVersion: number,
  by: string,
  at: Date,
): Promise<boolean> {
  return saveVersionedOfficeSettings(
    db,
    'office_roster_settings',
    office,
    settings,
    expectedVersion,
    by,
    at,
  );
}

export async function listPersonRules(
  db: Queryable,
  officeId: string,
): Promise<Map<string, PersonRules>> {
  const rows = await db
    .selectFrom('person_roster_rules')
    .select(['user_id', 'rules'])
    .where('office_id', '=', officeId)
    .execute();
  return new Map(rows.map((r) => [r.user_id, JSON.parse(r.rules) as PersonRules]));
}

export async function savePersonRules(
  db: Queryable,
  office: { id: string; orgId: string },
  userId: string,
  rules: PersonRules,
  at: Date,
): Promise<void> {
  await db
    .insertInto('person_roster_rules')
    .values({
      office_id: office.id,
      user_id: userId,
      org_id: office.orgId,
      rules: JSON.stringify(rules),
      updated_at: writeInstant(at),
    })
    .onConflict((oc) =>
      oc
        .columns(['office_id', 'user_id'])
        .doUpdateSet({ rules: JSON.stringify(rules), updated_at: writeInstant(at) }),
    )
    .execute();
}

export async function listHolidayCalendars(
  db: Queryable,
  orgId: string,
): Promise<{ year: number; data: HolidayYear; version: number }[]> {
  const rows = await db
    .selectFrom('holiday_calendars')
    .select(['year', 'data', 'version'])
    .where('org_id', '=', orgId)
    .orderBy('year')
    .execute();
  return rows.map((r) => ({
    year: r.year,
    data: JSON.parse(r.data) as HolidayYear,
    version: r.version,
  }));
}

/** Saves a year's calendar when its stored version is `expectedVersion` (0: none yet). */
export async function saveHolidayCalendar(
  db: Queryable,
  orgId: string,
  year: HolidayYear,
  expectedVersion: number,
  at: Date,
): Promise<boolean> {
  if (expectedVersion === 0) {
    const inserted = await db
      .insertInto('holiday_calendars')
      .values({
        org_id: orgId,
        year: year.year,
        data: JSON.stringify(year),
        version: 1,
        updated_at: writeInstant(at),
      })
      .onConflict((oc) => oc.columns(['org_id', 'year']).doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const result = await db
    .updateTable('holiday_calendars')
    .set({ data: JSON.stringify(year), version: expectedVersion + 1, updated_at: writeInstant(at) })
    .where('org_id', '=', orgId)
    .where('year', '=', year.year)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
