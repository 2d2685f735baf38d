import { describe, expect, it } from 'vitest';
import { formatDuration, runningClock } from './item-clock.tsx';

describe('item clocks (WORK-4)', () => {
  it('WORK-4: shows minutes and seconds, and hours once there are any', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(249)).toBe('4:09');
    expect(formatDuration(-61)).toBe('1:01');
    expect(formatDuration(3 * 3600 + 5 * 60 + 9)).toBe('3:05:09');
  });

  it('WORK-4: the response clock runs until someone takes the item, then the resolution clock', () => {
    expect(runningClock({ respondBy: 'a', resolveBy: 'b' })).toEqual({ kind: 'respond', due: 'a' });
    expect(runningClock({ respondBy: null, resolveBy: 'b' })).toEqual({
      kind: 'resolve',
      due: 'b',
    });
    expect(runningClock({ respondBy: null, resolveBy: null })).toBeNull();
  });
});
