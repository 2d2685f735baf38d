import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import {
  checkPersonRules,
  checkRosterSettings,
  checkShiftTemplates,
  defaultRosterSettings,
} from './office-settings.ts';
import { defaultShiftTemplates } from '../shift-templates.ts';

function refusal(run: () => void): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('checkShiftTemplates (SHIFT-1)', () => {
  it('accepts the default day and evening shifts and a night shift crossing midnight', () => {
    expect(() => {
      checkShiftTemplates([
        ...defaultShiftTemplates(),
        { code: 'N', name: '夜班', startTime: '23:30', endTime: '08:30' },
      ]);
    }).not.toThrow();
  });

  it('refuses overlapping shifts, naming the field and the rule', () => {
    const error = refusal(() => {
      checkShiftTemplates([
        ...defaultShiftTemplates(),
        { code: 'M', name: '中班', startTime: '12:00', endTime: '20:00' },
      ]);
    });
    expect(error.rule).toBe('SHIFT-1');
    expect(error.details).toEqual([
      { path: 'templates.2.startTime', message: 'overlaps the shift D' },
      { path: 'templates.2.startTime', message: 'overlaps the shift E' },
    ]);
  });

  it('sees an overlap across midnight', () => {
    const error = refusal(() => {
      checkShiftTemplates([
        { code: 'N', name: '夜班', startTime: '22:00', endTime: '06:00' },
        { code: 'D', name: '早班', startTime: '05:30', endTime: '13:30' },
      ]);
    });
    expect(error.details).toEqual([
      { path: 'templates.1.startTime', message: 'overlaps the shift N' },
    ]);
  });

  it('refuses duplicate codes and names and zero-length shifts', () => {
    const error = refusal(() => {
      checkShiftTemplates([
        { code: 'D', name: '早班', startTime: '08:00', endTime: '08:00' },
        { code: 'd', name: '早班', startTime: '09:00', endTime: '10:00' },
      ]);
    });
    const paths = (error.details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining(['templates.0.endTime', 'templates.1.code', 'templates.1.name']),
    );
  });
});

describe('checkRosterSettings (ROSTER-1)', () => {
  it('accepts the defaults for the default shifts', () => {
    expect(() => {
      checkRosterSettings(defaultRosterSettings(defaultShiftTemplates()), ['D', 'E']);
    }).not.toThrow();
  });

  it('refuses demand for unknown or repeated shifts and reminders after the deadline', () => {
    const settings = defaultRosterSettings(defaultShiftTemplates());
    settings.demand.push(
      { shiftCode: 'X', weekdays: [1, 1, 1, 1, 1, 1, 1], holiday: 0 },
      { ...settings.demand[0]! },
    );
    settings.publishByDay = 20;
    settings.remindFromDay = 25;
    const error = refusal(() => {
      checkRosterSettings(settings, ['D', 'E']);
    });
    expect(error.rule).toBe('ROSTER-1');
    expect((error.details as { path: string }[]).map((d) => d.path)).toEqual([
      'settings.demand.2.shiftCode',
      'settings.demand.3.shiftCode',
      'settings.remindFromDay',
    ]);
  });

  it('refuses person rules naming an unknown shift', () => {
    expect(() => {
      checkPersonRules({ limits: {}, allowedShiftCodes: ['D', 'Q'] }, ['D', 'E']);
    }).toThrow(/Q/);
  });
});
