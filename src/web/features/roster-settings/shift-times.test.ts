import { describe, expect, it } from 'vitest';
import { crossesMidnight, earlierOverlaps, shiftLength } from './shift-times.ts';

const day = { code: 'D', startTime: '08:30', endTime: '16:30' };
const evening = { code: 'E', startTime: '16:30', endTime: '23:30' };

describe('shift times (SHIFT-1)', () => {
  it('measures shifts, also across midnight', () => {
    expect(shiftLength(day)).toBe(480);
    expect(shiftLength({ startTime: '23:30', endTime: '08:30' })).toBe(540);
    expect(crossesMidnight({ startTime: '23:30', endTime: '08:30' })).toBe(true);
    expect(crossesMidnight(evening)).toBe(false);
    expect(shiftLength({ startTime: '08:00', endTime: '08:00' })).toBeUndefined();
    expect(shiftLength({ startTime: '8:00', endTime: '12:00' })).toBeUndefined();
  });

  it('names the earlier shifts a shift overlaps; touching ends do not overlap', () => {
    const middle = { code: 'M', startTime: '12:00', endTime: '20:00' };
    expect(earlierOverlaps([day, evening, middle], 2)).toEqual(['D', 'E']);
    const night = { code: 'N', startTime: '23:30', endTime: '08:30' };
    expect(earlierOverlaps([day, evening, night], 2)).toEqual([]);
    const early = { code: 'X', startTime: '06:00', endTime: '09:00' };
    expect(earlierOverlaps([night, early], 1)).toEqual(['N']);
  });
});
