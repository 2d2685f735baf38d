import { describe, expect, it } from 'vitest';
import {
  currentSessionsEndAfter,
  isCheckable,
  lateMinutes,
  longAbsenceDueAt,
  pickCheckableDuty,
} from './duty.ts';

// 早班 08:30–16:30 on 1 December 2026 in Shanghai (UTC+8)
const startsAt = new Date('2026-12-01T00:30:00.000Z');
const endsAt = new Date('2026-12-01T08:30:00.000Z');
const at = (iso: string) => new Date(iso);

describe('lateMinutes (HO-IN-1)', () => {
  it('is on time exactly 5 minutes before the start', () => {
    expect(lateMinutes(startsAt, at('2026-12-01T00:25:00.000Z'))).toBe(0);
    expect(lateMinutes(startsAt, at('2026-11-30T23:50:00.000Z'))).toBe(0);
  });

  it('is late one second after start − 5 min, counted in whole minutes begun', () => {
    expect(lateMinutes(startsAt, at('2026-12-01T00:25:01.000Z'))).toBe(1);
    expect(lateMinutes(startsAt, at('2026-12-01T00:26:00.000Z'))).toBe(1);
    expect(lateMinutes(startsAt, at('2026-12-01T00:26:00.001Z'))).toBe(2);
  });

  it('counts an arrival at the start itself as 5 minutes late', () => {
    expect(lateMinutes(startsAt, startsAt)).toBe(5);
    expect(lateMinutes(startsAt, at('2026-12-01T01:30:00.000Z'))).toBe(65);
  });
});

describe('isCheckable (HO-IN-1)', () => {
  const duty = { startsAt, endsAt };
  it('opens an hour before the start and closes at the end', () => {
    expect(isCheckable(duty, at('2026-11-30T23:29:59.999Z'))).toBe(false);
    expect(isCheckable(duty, at('2026-11-30T23:30:00.000Z'))).toBe(true);
    expect(isCheckable(duty, at('2026-12-01T08:29:59.999Z'))).toBe(true);
    expect(isCheckable(duty, endsAt)).toBe(false);
  });
});

describe('pickCheckableDuty (HO-IN-1)', () => {
  const day = { userId: 'u1', date: '2026-12-01', shiftCode: 'D', startsAt, endsAt };
  const evening = {
    userId: 'u1',
    date: '2026-12-01',
    shiftCode: 'E',
    startsAt: endsAt,
    endsAt: at('2026-12-01T15:30:00.000Z'),
  };
  const other = { ...day, userId: 'u2' };
  const duties = [evening, day, other];

  it('finds the person’s current duty and refuses another person’s (not yours)', () => {
    expect(pickCheckableDuty(duties, at('2026-12-01T00:20:00.000Z'), { userId: 'u1' })).toBe(day);
    expect(pickCheckableDuty([other], startsAt, { userId: 'u1' })).toBeNull();
  });

  it('refuses a duty that has not opened or has ended', () => {
    expect(pickCheckableDuty(duties, at('2026-11-30T20:00:00.000Z'), { userId: 'u1' })).toBeNull();
    expect(pickCheckableDuty(duties, at('2026-12-01T16:00:00.000Z'), { userId: 'u1' })).toBeNull();
  });

  it('takes the next duty when the current one is checked in, or the one asked for', () => {
    const now = at('2026-12-01T08:00:00.000Z');
    expect(pickCheckableDuty(duties, now, { userId: 'u1' }, (d) => d === day)).toBe(evening);
    expect(pickCheckableDuty(duties, now, { userId: 'u1', shiftCode: 'E' })).toBe(evening);
    expect(pickCheckableDuty(duties, now, { userId: 'u1', date: '2026-12-02' })).toBeNull();
    // all checked in: the earliest, so the caller answers 409
    expect(pickCheckableDuty(duties, now, { userId: 'u1' }, () => true)).toBe(day);
  });
});

describe('longAbsenceDueAt (DISC-1)', () => {
  it('is the office’s long-absence minutes after leaving', () => {
    expect(longAbsenceDueAt(startsAt, 30).toISOString()).toBe('2026-12-01T01:00:00.000Z');
  });
});

describe('currentSessionsEndAfter', () => {
  it('keeps a session current for two hours after its shift, for the handover', () => {
    expect(currentSessionsEndAfter(endsAt).toISOString()).toBe('2026-12-01T06:30:00.000Z');
  });
});
