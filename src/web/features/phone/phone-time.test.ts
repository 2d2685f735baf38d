import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { officeClock, officeInstant, percentOf } from './phone-time.ts';

// the app extends dayjs at start-up (i18n-setup.ts); the test does the same without a DOM
dayjs.extend(utc);
dayjs.extend(timezone);

describe('officeInstant', () => {
  it('reads the office wall clock with or without seconds', () => {
    expect(officeInstant('2026-11-27', '09:00:05', 'Asia/Shanghai')).toBe(
      '2026-11-27T01:00:05.000Z',
    );
    expect(officeInstant('2026-11-27', '09:00', 'Asia/Shanghai')).toBe('2026-11-27T01:00:00.000Z');
    expect(officeInstant('2026-11-27', '', 'Asia/Shanghai')).toBeNull();
    expect(officeClock('2026-11-27T01:00:05.000Z', 'Asia/Shanghai')).toBe('09:00:05');
  });

  it('shows the answer rate as a percentage with one decimal (PHONE-1)', () => {
    expect(percentOf(3 / 7)).toBe(42.9);
    expect(percentOf(null)).toBeNull();
  });
});
