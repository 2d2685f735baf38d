import { AppError, throwIfInvalid } from '../../../shared/errors.ts';
import type { ErrorDetail } from '../../../shared/errors.ts';
import type { PersonRules, RosterSettings } from '../../../shared/contract/roster-settings.ts';
import { minutesOfDay, shiftMinutes, type ShiftTemplate } from '../shift-templates.ts';

/**
 * The office's roster settings when the supervisor has not set them: the head count of one
 * person on every shift every day (one duty desk), rest of 8 hours, and limits of an ordinary
 * working month.
 */
export function defaultRosterSettings(
  templates: readonly Pick<ShiftTemplate, 'code'>[],
): RosterSettings {
  return {
    demand: templates.map((t) => ({
      shiftCode: t.code,
      weekdays: [1, 1, 1, 1, 1, 1, 1],
      holiday: 1,
    })),
    minRestMinutes: 8 * 60,
    defaults: {
      maxShiftsPerMonth: 23,
      maxConsecutiveDays: 6,
      minConsecutiveDaysOff: 1,
      maxWeekendsPerMonth: 3,
    },
    fairness: { evening: 10, weekend: 10, holiday: 20 },
    publishByDay: 0,
    remindFromDay: 25,
    wishesCutoffDay: 20,
  };
}

/** The minutes of the day a shift covers, as one or two intervals on [0, 1440). */
function coveredIntervals(
  template: Pick<ShiftTemplate, 'startTime' | 'endTime'>,
): [number, number][] {
  const start = minutesOfDay(template.startTime);
  const end = start + shiftMinutes(template);
  return end <= 1440
    ? [[start, end]]
    : [
        [start, 1440],
        [0, end - 1440],
      ];
}

/**
 * Checks a list of shift templates (SHIFT-1): codes and names unique, no shift of zero length,
 * and no two shifts covering the same time of day, since one duty desk is held by one shift at
 * a time. A shift may cross midnight.
 */
export function checkShiftTemplates(templates: readonly ShiftTemplate[]): void {
  const details: ErrorDetail[] = [];
  templates.forEach((template, index) => {
    const at = `templates.${String(index)}`;
    if (template.startTime === template.endTime) {
      details.push({
        path: `${at}.endTime`,
        message: 'a shift must end at another time than it starts',
      });
    }
    if (
      templates.findIndex((t) => t.code.toUpperCase() === template.code.toUpperCase()) !== index
    ) {
      details.push({ path: `${at}.code`, message: `the code ${template.code} is used twice` });
    }
    if (templates.findIndex((t) => t.name === template.name) !== index) {
      details.push({ path: `${at}.name`, message: `the name ${template.name} is used twice` });
    }
    for (let other = 0; other < index; other += 1) {
      const overlaps = coveredIntervals(template).some(([s1, e1]) =>
        coveredIntervals(templates[other]!).some(([s2, e2]) => s1 < e2 && s2 < e1),
      );
      if (overlaps) {
        details.push({
          path: `${at}.startTime`,
          message: `overlaps the shift ${templates[other]!.code}`,
        });
      }
    }
  });
  throwIfInvalid(details, 'SHIFT-1');
}

/** Checks that the settings speak only of the office's shifts, each once. */
export function checkRosterSettings(settings: RosterSettings, shiftCodes: readonly string[]): void {
  const details: ErrorDetail[] = [];
  settings.demand.forEach((row, index) => {
    if (!shiftCodes.includes(row.shiftCode)) {
      details.push({
        path: `settings.demand.${String(index)}.shiftCode`,
        message: `no shift ${row.shiftCode} in this office`,
      });
    }
    if (settings.demand.findIndex((r) => r.shiftCode === row.shiftCode) !== index) {
      details.push({
        path: `settings.demand.${String(index)}.shiftCode`,
        message: `${row.shiftCode} is listed twice`,
      });
    }
  });
  if (settings.remindFromDay > (settings.publishByDay === 0 ? 28 : settings.publishByDay)) {
    details.push({
      path: 'settings.remindFromDay',
      message: 'reminders must start on or before the publishing day',
    });
  }
  throwIfInvalid(details, 'ROSTER-1');
}

/** Checks a person's rules against the office's shifts. */
export function checkPersonRules(rules: PersonRules, shiftCodes: readonly string[]): void {
  const unknown = (rules.allowedShiftCodes ?? []).filter((code) => !shiftCodes.includes(code));
  if (unknown.length > 0) {
    throw new AppError('VALIDATION_FAILED', `no shift ${unknown.join(', ')} in this office`, {
      details: [{ path: 'allowedShiftCodes', message: `unknown: ${unknown.join(', ')}` }],
    });
  }
}
