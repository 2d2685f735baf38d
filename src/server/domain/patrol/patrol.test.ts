import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkPlan,
  checkpointCode,
  checkpointScanUrl,
  codeAlphabet,
  codeFromScan,
  roundWindow,
} from './patrol.ts';

describe('checkpoint codes (issue 8)', () => {
  it('are six characters that cannot be mistaken (no I, O, 0 or 1), read back from a scan', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 6, maxLength: 6 }), (bytes) => {
        const code = checkpointCode(bytes);
        expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
        expect(codeFromScan(checkpointScanUrl('https://desk.example.com/', code))).toBe(code);
        expect(codeFromScan(code.toLowerCase())).toBe(code);
      }),
    );
    expect(codeAlphabet).toHaveLength(32);
  });

  it('refuses what is not a code', () => {
    expect(codeFromScan('https://desk.example.com/patrol/scan/ABC')).toBeNull();
    expect(codeFromScan('ABCDE0')).toBeNull();
    expect(codeFromScan('hello world')).toBeNull();
    expect(() => checkpointCode(new Uint8Array(5))).toThrow();
  });
});

describe('planned rounds', () => {
  const shifts = new Map([
    ['D', 480],
    ['E', 420],
  ]);

  it('lie within a shift of the office', () => {
    expect(
      checkPlan(
        [
          { shiftCode: 'D', offsetMinutes: 60, windowMinutes: 60 },
          { shiftCode: 'D', offsetMinutes: 420, windowMinutes: 60 },
          { shiftCode: 'D', offsetMinutes: 421, windowMinutes: 60 },
          { shiftCode: 'N', offsetMinutes: 0, windowMinutes: 30 },
        ],
        shifts,
      ),
    ).toEqual([
      { index: 2, message: expect.stringContaining('480') },
      { index: 3, message: 'no such shift in this office' },
    ]);
  });

  it('open their window at the offset from the shift start', () => {
    const start = new Date('2026-12-01T00:30:00.000Z');
    expect(roundWindow(start, { offsetMinutes: 90, windowMinutes: 45 })).toEqual({
      opensAt: new Date('2026-12-01T02:00:00.000Z'),
      closesAt: new Date('2026-12-01T02:45:00.000Z'),
    });
  });
});
