import { apiRequest } from './api-client.ts';
import type {
  HolidayCalendarEntry,
  OfficeRosterSettings,
  PersonRules,
  RosterSettings,
  ShiftTemplateInput,
} from './api-types.ts';

function officePath(officeId: string, rest: string): string {
  return `/api/offices/${encodeURIComponent(officeId)}/${rest}`;
}

/** The office's shifts, head counts, rules and people's own rules; everyone in the office reads them. */
export function getRosterSettings(officeId: string): Promise<OfficeRosterSettings> {
  return apiRequest<OfficeRosterSettings>('GET', officePath(officeId, 'roster-settings'));
}

/** Saves the settings read at `version` (supervisor); a stale version is VERSION_CONFLICT. */
export function saveRosterSettings(
  officeId: string,
  version: number,
  settings: RosterSettings,
): Promise<OfficeRosterSettings> {
  return apiRequest<OfficeRosterSettings>('PUT', officePath(officeId, 'roster-settings'), {
    version,
    settings,
  });
}

/** Replaces the office's shifts (supervisor); overlapping shifts are refused (SHIFT-1). */
export function saveShiftTemplates(
  officeId: string,
  templates: ShiftTemplateInput[],
): Promise<OfficeRosterSettings> {
  return apiRequest<OfficeRosterSettings>('PUT', officePath(officeId, 'shift-templates'), {
    templates,
  });
}

/** Sets one person's limits and allowed shifts in the office (supervisor). */
export function savePersonRules(
  officeId: string,
  userId: string,
  rules: PersonRules,
): Promise<OfficeRosterSettings> {
  return apiRequest<OfficeRosterSettings>(
    'PUT',
    officePath(officeId, `people/${encodeURIComponent(userId)}/roster-rules`),
    rules,
  );
}

/** Public holidays, 调休 working days and statutory days per year. */
export function listHolidayCalendars(): Promise<{ calendars: HolidayCalendarEntry[] }> {
  return apiRequest<{ calendars: HolidayCalendarEntry[] }>('GET', '/api/holiday-calendars');
}

/** An administrator enters or corrects a year's holidays; send the version read (0: none yet). */
export function saveHolidayCalendar(
  year: number,
  version: number,
  calendar: HolidayCalendarEntry['calendar'],
): Promise<{ calendars: HolidayCalendarEntry[] }> {
  return apiRequest<{ calendars: HolidayCalendarEntry[] }>(
    'PUT',
    `/api/holiday-calendars/${String(year)}`,
    { version, calendar },
  );
}
