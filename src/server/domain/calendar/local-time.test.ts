import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  datesOfMonth,
  instantToLocal,
  localToInstant,
  shiftInterval,
  weekdayOf,
} from './local-time.ts';

describe('localToInstant', () => {
  it('places the day shift of SHIFT-1 at 00:30–08:30 UTC in Asia/Shanghai', () => {
    const { start, end } = shiftInterval(
      '2026-12-01',
      { startTime: '08:30', endTime: '16:30' },
      'Asia/Shanghai',
    );
    expect(start.toISOString()).toBe('2026-12-01T00:30:00.000Z');
    expect(end.toISOString()).toBe('2026-12-01T08:30:00.000Z');
  });

  it('ends a shift crossing midnight on the next day (SHIFT-1)', () => {
    const { start, end } = shiftInterval(
      '2026-12-31',
      { startTime: '23:30', endTime: '08:30' },
      'Asia/Shanghai',
    );
    expect(start.toISOString()).toBe('2026-12-31T15:30:00.000Z');
    expect(end.toISOString()).toBe('2027-01-01T00:30:00.000Z');
  });

  it('follows daylight saving time in zones that have it', () => {
    // Europe/Berlin: UTC+1 in winter, UTC+2 in summer (change on 2026-03-29)
    expect(localToInstant('2026-03-28', '08:30', 'Europe/Berlin').toISOString()).toBe(
      '2026-03-28T07:30:00.000Z',
    );
    expect(localToInstant('2026-03-30', '08:30', 'Europe/Berlin').toISOString()).toBe(
      '2026-03-30T06:30:00.000Z',
    );
    // a night shift across the change lasts one hour less
    const { start, end } = shiftInterval(
      '2026-03-28',
      { startTime: '23:00', endTime: '07:00' },
      'Europe/Berlin',
    );
    expect((end.getTime() - start.getTime()) / 3_600_000).toBe(7);
  });

  it('round-trips any wall time in Shanghai (property)', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2035-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (instant) => {
          const whole = new Date(Math.floor(instant.getTime() / 60_000) * 60_000);
          const local = instantToLocal(whole, 'Asia/Shanghai');
          expect(localToInstant(local.date, local.time, 'Asia/Shanghai').getTime()).toBe(
            whole.getTime(),
          );
        },
      ),
    );
  });

  it('refuses malformed dates and times', () => {
    expect(() => localToInstant('2026-1-1', '08:30', 'Asia/Shanghai')).toThrow(RangeError);
    expect(() => localToInstant('2026-01-01', '8:30', 'Asia/Shanghai')).toThrow(RangeError);
  });
});

describe('calendar helpers', () => {
  it('counts the days of months, leap years included', () => {
    expect(datesOfMonth('2026-02')).toHaveLength(28);
    expect(datesOfMonth('2028-02')).toHaveLength(29);
    expect(datesOfMonth('2026-12').at(-1)).toBe('2026-12-31');
  });

  it('adds days across months and years and names weekdays', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(weekdayOf('2026-11-28')).toBe(6); // a Saturday
  });
});
