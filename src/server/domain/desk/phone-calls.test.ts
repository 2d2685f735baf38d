import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  answerRate,
  answeredWithinThreeRings,
  checkCallTimes,
  countRings,
  isMissedCall,
  measureCall,
} from './phone-calls.ts';

const ringStart = new Date('2026-11-27T01:00:00.000Z');
const now = new Date('2026-11-27T02:00:00.000Z');
const after = (ms: number) => new Date(ringStart.getTime() + ms);

describe('measureCall', () => {
  it('counts an answer after exactly 15 s of 5 s rings as 3 rings, within three (PHONE-1)', () => {
    expect(
      measureCall({ ringStartedAt: ringStart, answeredAt: after(15_000), endedAt: null }, 5),
    ).toEqual({ answered: true, ringMs: 15_000, ringCount: 3, withinThreeRings: true });
  });

  it('counts 15.001 s as a fourth ring, not within three (PHONE-1)', () => {
    expect(
      measureCall({ ringStartedAt: ringStart, answeredAt: after(15_001), endedAt: null }, 5),
    ).toEqual({ answered: true, ringMs: 15_001, ringCount: 4, withinThreeRings: false });
  });

  it('counts an answer at once as the first ring (PHONE-1)', () => {
    expect(
      measureCall({ ringStartedAt: ringStart, answeredAt: ringStart, endedAt: after(60_000) }, 5),
    ).toEqual({ answered: true, ringMs: 0, ringCount: 1, withinThreeRings: true });
  });

  it('is within three rings exactly when the ring count is at most 3 (PHONE-1, property)', () => {
    fc.assert(
      fc.property(fc.nat(600_000), fc.integer({ min: 1, max: 30 }), (ringMs, ringSeconds) => {
        const measure = measureCall(
          { ringStartedAt: ringStart, answeredAt: after(ringMs), endedAt: null },
          ringSeconds,
        );
        expect(measure.withinThreeRings).toBe((measure.ringCount ?? 0) <= 3);
        expect(countRings(ringMs + 1, ringSeconds)).toBeGreaterThanOrEqual(measure.ringCount ?? 0);
      }),
    );
  });

  it('follows the office’s ring length (PHONE-1)', () => {
    expect(countRings(15_000, 3)).toBe(5);
    expect(answeredWithinThreeRings(9_000, 3)).toBe(true);
    expect(answeredWithinThreeRings(9_001, 3)).toBe(false);
  });

  it('counts a missed call’s rings from ring start to end, never within three (PHONE-1)', () => {
    const missed = { ringStartedAt: ringStart, answeredAt: null, endedAt: after(12_000) };
    expect(isMissedCall(missed)).toBe(true);
    expect(measureCall(missed, 5)).toEqual({
      answered: false,
      ringMs: 12_000,
      ringCount: 3,
      withinThreeRings: false,
    });
  });

  it('has no ring count yet for a call still ringing (PHONE-1)', () => {
    const ringing = { ringStartedAt: ringStart, answeredAt: null, endedAt: null };
    expect(isMissedCall(ringing)).toBe(false);
    expect(measureCall(ringing, 5)).toMatchObject({ ringCount: null, withinThreeRings: false });
  });
});

describe('answerRate', () => {
  it('is calls answered within three rings over all calls of the day (PHONE-1)', () => {
    const calls = [
      { ringStartedAt: ringStart, answeredAt: after(4_000), endedAt: after(90_000) },
      { ringStartedAt: ringStart, answeredAt: after(15_000), endedAt: after(90_000) },
      { ringStartedAt: ringStart, answeredAt: after(20_000), endedAt: after(90_000) },
      { ringStartedAt: ringStart, answeredAt: null, endedAt: after(30_000) },
    ];
    expect(answerRate(calls, 5)).toEqual({
      calls: 4,
      answered: 3,
      withinThreeRings: 2,
      missed: 1,
      rate: 0.5,
    });
  });

  it('has no rate on a day without calls (PHONE-1)', () => {
    expect(answerRate([], 5)).toMatchObject({ calls: 0, rate: null });
  });
});

describe('checkCallTimes', () => {
  it('accepts times in order up to now (PHONE-1)', () => {
    expect(
      checkCallTimes({ ringStartedAt: ringStart, answeredAt: after(5_000), endedAt: now }, now),
    ).toEqual([]);
  });

  it('names an answer before the ring, an end before the answer and a time in the future (PHONE-1)', () => {
    expect(
      checkCallTimes(
        { ringStartedAt: ringStart, answeredAt: after(-1), endedAt: after(-2) },
        now,
      ).map((p) => p.path),
    ).toEqual(['answeredAt', 'endedAt']);
    expect(
      checkCallTimes(
        { ringStartedAt: ringStart, answeredAt: after(10_000), endedAt: after(5_000) },
        now,
      ),
    ).toEqual([{ path: 'endedAt', message: 'is before the call was answered' }]);
    expect(
      checkCallTimes(
        { ringStartedAt: new Date(now.getTime() + 1), answeredAt: null, endedAt: null },
        now,
      ),
    ).toEqual([{ path: 'ringStartedAt', message: 'is in the future' }]);
  });
});
