import { describe, expect, it } from 'vitest';
import { ncActionsFor } from './nc-actions.ts';

describe('ncActionsFor', () => {
  it('lets anyone in the office correct an open item, nobody verify it yet (WORK-3)', () => {
    expect(
      ncActionsFor({ status: 'open', correctedBy: null }, { userId: 'u-staff', role: 'staff' }),
    ).toEqual({ correct: true, verify: false, reopen: false, verifyBlocked: null });
  });

  it('offers staff no verify button on a corrected item: a supervisor verifies (WORK-3)', () => {
    expect(
      ncActionsFor(
        { status: 'corrected', correctedBy: 'u-other' },
        { userId: 'u-staff', role: 'staff' },
      ),
    ).toEqual({ correct: false, verify: false, reopen: false, verifyBlocked: 'not-supervisor' });
  });

  it('refuses verifying one’s own correction, even to a supervisor, who may still reopen it', () => {
    expect(
      ncActionsFor(
        { status: 'corrected', correctedBy: 'u-boss' },
        { userId: 'u-boss', role: 'supervisor' },
      ),
    ).toEqual({ correct: false, verify: false, reopen: true, verifyBlocked: 'own-correction' });
  });

  it('lets a supervisor who did not correct it verify or reopen it', () => {
    expect(
      ncActionsFor(
        { status: 'corrected', correctedBy: 'u-staff' },
        { userId: 'u-boss', role: 'director' },
      ),
    ).toEqual({ correct: false, verify: true, reopen: true, verifyBlocked: null });
  });

  it('offers nothing on a verified item', () => {
    expect(
      ncActionsFor(
        { status: 'verified', correctedBy: 'u-staff' },
        { userId: 'u-boss', role: 'supervisor' },
      ),
    ).toEqual({ correct: false, verify: false, reopen: false, verifyBlocked: null });
  });
});
