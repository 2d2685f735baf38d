import { describe, expect, it } from 'vitest';
import { nextMonth, previousMonth, rosterDeadlines } from './roster-deadlines.ts';

describe('roster deadlines (ROSTER-1)', () => {
  it('publishes month M+1 by the last day of M by default, at midnight office time', () => {
    const d = rosterDeadlines(
      '2026-12',
      { publishByDay: 0, remindFromDay: 25, wishesCutoffDay: 20 },
      'Asia/Shanghai',
    );
    expect(d.publishBy).toBe('2026-11-30');
    // the end of 30 November in Shanghai (UTC+8) is 16:00 UTC that day
    expect(d.deadlineAt.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(d.remindFrom).toBe('2026-11-25');
    expect(d.remindAt.toISOString()).toBe('2026-11-24T16:00:00.000Z');
    expect(d.wishesCutoff).toBe('2026-11-20');
    expect(d.wishesCloseAt.toISOString()).toBe('2026-11-20T16:00:00.000Z');
  });

  it('takes a set publishing day and clamps days beyond a short month', () => {
    const d = rosterDeadlines(
      '2026-03',
      { publishByDay: 28, remindFromDay: 28, wishesCutoffDay: 10 },
      'Europe/Berlin',
    );
    expect(d.publishBy).toBe('2026-02-28');
    expect(d.deadlineAt.toISOString()).toBe('2026-02-28T23:00:00.000Z');
    expect(d.wishesCutoff).toBe('2026-02-10');
  });

  it('steps months across years', () => {
    expect(previousMonth('2027-01')).toBe('2026-12');
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(nextMonth('2026-02')).toBe('2026-03');
  });
});
