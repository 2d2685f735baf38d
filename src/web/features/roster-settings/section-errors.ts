import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { isApiError } from '../../api/api-client.ts';
import { fieldPathOf } from '../../api/form-errors.ts';
import type { ShiftTemplateInput } from '../../api/api-types.ts';
import { earlierOverlaps } from './shift-times.ts';

type FieldError = { name: (string | number)[]; errors: string[] };

/**
 * What a form's setFields takes. The server's paths are only known at run time, so the names are
 * asserted; a name the form does not hold shows nowhere (the section's alert still says it).
 */
export type FieldErrors<Values> = Parameters<FormInstance<Values>['setFields']>[0];

function grouped(entries: { name: (string | number)[]; message: string }[]): FieldError[] {
  const byName = new Map<string, FieldError>();
  for (const { name, message } of entries) {
    const key = name.join('.');
    const found = byName.get(key) ?? { name, errors: [] };
    if (!found.errors.includes(message)) found.errors.push(message);
    byName.set(key, found);
  }
  return [...byName.values()];
}

/**
 * Puts a refusal of the shift list onto its rows ("templates.2.startTime" → row 3's start), in
 * the user's language: SHIFT-1's overlaps name the shifts overlapped, other details get the
 * field's own hint.
 */
export function shiftFieldErrors<Values>(
  t: TFunction,
  error: unknown,
  rows: readonly ShiftTemplateInput[],
): FieldErrors<Values> {
  if (!isApiError(error)) return [];
  const entries: { name: (string | number)[]; message: string }[] = [];
  for (const detail of error.details) {
    const [top, index, field] = fieldPathOf(detail.path);
    if (top !== 'templates' || typeof index !== 'number' || typeof field !== 'string') continue;
    entries.push({
      name: ['templates', index, field],
      message: shiftMessage(t, error.rule, rows, index, field),
    });
  }
  return grouped(entries) as unknown as FieldErrors<Values>;
}

function shiftMessage(
  t: TFunction,
  rule: string | undefined,
  rows: readonly ShiftTemplateInput[],
  index: number,
  field: string,
): string {
  if (rule === 'SHIFT-1') {
    if (field === 'startTime') {
      const codes = earlierOverlaps(rows, index);
      return t('rosterSettings.shifts.overlaps', { codes: codes.join('、') });
    }
    if (field === 'endTime') return t('rosterSettings.shifts.zeroLength');
    if (field === 'code') return t('rosterSettings.shifts.codeTwice');
    if (field === 'name') return t('rosterSettings.shifts.nameTwice');
  }
  if (field === 'code') return t('rosterSettings.shifts.codeInvalid');
  if (field === 'name') return t('rosterSettings.shifts.nameInvalid');
  return t('rosterSettings.shifts.timeInvalid');
}

/**
 * Puts a refusal of the settings onto the form's fields ("settings.remindFromDay" →
 * remindFromDay; minutes of rest → the hours field).
 */
export function settingsFieldErrors<Values>(t: TFunction, error: unknown): FieldErrors<Values> {
  if (!isApiError(error)) return [];
  const entries: { name: (string | number)[]; message: string }[] = [];
  for (const detail of error.details) {
    const name = fieldPathOf(detail.path);
    if (name[0] === 'settings') name.shift();
    if (name.length === 0) continue;
    if (name[0] === 'minRestMinutes') {
      entries.push({ name: ['minRestHours'], message: t('rosterSettings.rules.invalid') });
    } else if (name[0] === 'remindFromDay' && error.rule === 'ROSTER-1') {
      entries.push({ name, message: t('rosterSettings.rules.remindAfterPublish') });
    } else {
      entries.push({ name, message: t('rosterSettings.rules.invalid') });
    }
  }
  return grouped(entries) as unknown as FieldErrors<Values>;
}
