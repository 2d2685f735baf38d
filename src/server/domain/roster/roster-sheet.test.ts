import { describe, expect, it } from 'vitest';
import type { DayInfo } from '../calendar/holiday-calendar.ts';
import { defaultShiftTemplates } from '../shift-templates.ts';
import { buildRosterSheet } from './roster-sheet.ts';

const days: DayInfo[] = [
  { date: '2026-10-01', kind: 'holiday', statutory: true, holidayName: '国庆节' },
  { date: '2026-10-02', kind: 'holiday', statutory: true, holidayName: '国庆节' },
  { date: '2026-10-03', kind: 'weekend', statutory: false, holidayName: null },
  { date: '2026-10-10', kind: 'adjusted-workday', statutory: false, holidayName: '国庆节' },
];

describe('buildRosterSheet (ROSTER-1 paper form)', () => {
  const sheet = buildRosterSheet({
    officeName: 'A大厦管理处',
    month: '2026-10',
    version: 2,
    publishedOn: '2026-09-28',
    days,
    shifts: defaultShiftTemplates(),
    rows: [
      { displayName: '张三', cells: ['D', 'E', null, 'D'] },
      { displayName: '李四', cells: ['E', 'E', 'D', null] },
    ],
  });

  it('titles the form with the office, the month and the version in force', () => {
    expect(sheet.title).toBe('A大厦管理处值班安排表');
    expect(sheet.monthLabel).toBe('2026年10月');
    expect(sheet.versionLabel).toBe('第2版 · 2026-09-28 发布');
  });

  it('heads each day with its number, weekday and holiday mark', () => {
    expect(sheet.days.map((d) => [d.day, d.weekday, d.weekend, d.mark])).toEqual([
      [1, '四', false, '休'],
      [2, '五', false, '休'],
      [3, '六', true, null],
      [10, '六', true, '班'],
    ]);
  });

  it('totals shifts and hours per person (早班 8 h, 晚班 7 h, SHIFT-1)', () => {
    expect(sheet.people.map((p) => [p.displayName, p.shifts, p.hours])).toEqual([
      ['张三', 3, 23],
      ['李四', 3, 22],
    ]);
  });

  it('counts people per day and shift, and lists the legend', () => {
    expect(sheet.counts).toEqual([
      { code: 'D', name: '早班', perDay: [1, 0, 1, 1], total: 3 },
      { code: 'E', name: '晚班', perDay: [1, 2, 0, 0], total: 3 },
    ]);
    expect(sheet.legend).toEqual(['D = 早班 08:30–16:30', 'E = 晚班 16:30–23:30']);
  });
});
