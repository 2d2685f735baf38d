import { describe, expect, it } from 'vitest';
import { defaultDeskSettings } from '../../../shared/contract/desk-settings.ts';
import {
  clocksFor,
  initialLevel,
  levelResolveBy,
  levels,
  nextLevel,
  recipientsAt,
  secondsLeft,
  transition,
  type Level,
  type Member,
} from './desk-items.ts';

const at = new Date('2026-11-28T01:00:00.000Z');

const office: Member[] = [
  { userId: 'dir', role: 'director', active: true },
  { userId: 'sup', role: 'supervisor', active: true },
  { userId: 'sup-old', role: 'supervisor', active: false },
  { userId: 's1', role: 'staff', active: true },
  { userId: 's2', role: 'staff', active: true },
];

describe('escalation ladder (ESC-1)', () => {
  it('ESC-1: goes staff → supervisor → director, one level at a time, and stops at the director', () => {
    const climbed: Level[] = ['staff'];
    let level: Level | null = 'staff';
    while ((level = nextLevel(level)) !== null) climbed.push(level);
    expect(climbed).toEqual([...levels]);
    expect(nextLevel('director')).toBeNull();
  });

  it('ESC-1: a major issue goes to the director at once; others start with the staff on duty', () => {
    expect(initialLevel('major')).toBe('director');
    expect(initialLevel('important')).toBe('staff');
    expect(initialLevel('normal')).toBe('staff');
  });

  it('ESC-1: reaches everyone active holding the role, never an inactive one', () => {
    expect(recipientsAt('supervisor', office, { ownerId: null, onDutyIds: [] })).toEqual({
      level: 'supervisor',
      userIds: ['sup'],
      vacant: false,
    });
    expect(recipientsAt('director', office, { ownerId: null, onDutyIds: [] }).userIds).toEqual([
      'dir',
    ]);
  });

  it('ESC-1: at staff level the owner first, else whoever is on duty, else all staff', () => {
    expect(recipientsAt('staff', office, { ownerId: 's2', onDutyIds: ['s1'] }).userIds).toEqual([
      's2',
    ]);
    expect(recipientsAt('staff', office, { ownerId: null, onDutyIds: ['s1'] }).userIds).toEqual([
      's1',
    ]);
    expect(recipientsAt('staff', office, { ownerId: null, onDutyIds: [] }).userIds).toEqual([
      's1',
      's2',
    ]);
  });

  it('ESC-1: a level nobody holds is reported vacant, not skipped', () => {
    const noSupervisor = office.filter((m) => m.userId !== 'sup');
    const reached = recipientsAt('supervisor', noSupervisor, { ownerId: null, onDutyIds: [] });
    expect(reached).toEqual({ level: 'supervisor', userIds: [], vacant: true });
    // the ladder itself still goes through the supervisor level
    expect(nextLevel('staff')).toBe('supervisor');
  });
});

describe('item lifecycle (WORK-1, WORK-2)', () => {
  it('WORK-2: new → in progress → resolved → closed', () => {
    expect(transition({ status: 'new', level: 'staff' }, 'take')).toEqual({
      ok: true,
      status: 'in_progress',
    });
    expect(transition({ status: 'in_progress', level: 'staff' }, 'resolve')).toEqual({
      ok: true,
      status: 'resolved',
    });
    expect(transition({ status: 'resolved', level: 'staff' }, 'close')).toEqual({
      ok: true,
      status: 'closed',
    });
  });

  it('WORK-2: refuses steps out of order and anything after closing or cancelling', () => {
    expect(transition({ status: 'new', level: 'staff' }, 'close').ok).toBe(false);
    expect(transition({ status: 'closed', level: 'staff' }, 'take').ok).toBe(false);
    expect(transition({ status: 'closed', level: 'staff' }, 'escalate').ok).toBe(false);
    expect(transition({ status: 'cancelled', level: 'staff' }, 'note').ok).toBe(false);
    expect(transition({ status: 'resolved', level: 'staff' }, 'cancel').ok).toBe(false);
  });

  it('ESC-1: escalating keeps the status and is refused at the director level', () => {
    expect(transition({ status: 'in_progress', level: 'supervisor' }, 'escalate')).toEqual({
      ok: true,
      status: 'in_progress',
    });
    expect(transition({ status: 'new', level: 'director' }, 'escalate')).toEqual({
      ok: false,
      reason: 'top-level',
    });
  });
});

describe('clocks (WORK-4)', () => {
  it('WORK-4: response and resolution targets come from the priority', () => {
    const clocks = clocksFor('important', at, defaultDeskSettings);
    expect(clocks.respondBy.toISOString()).toBe('2026-11-28T01:10:00.000Z');
    expect(clocks.resolveBy.toISOString()).toBe('2026-11-28T05:00:00.000Z');
    const major = clocksFor('major', at, defaultDeskSettings);
    expect(major.respondBy.toISOString()).toBe('2026-11-28T01:05:00.000Z');
  });

  it('WORK-4: each new level gets the resolution target again from the escalation', () => {
    expect(levelResolveBy('normal', at, defaultDeskSettings).toISOString()).toBe(
      '2026-11-29T01:00:00.000Z',
    );
  });

  it('WORK-4: the clock counts down to zero and then goes negative (overdue)', () => {
    const due = new Date(at.getTime() + 90_000);
    expect(secondsLeft(due, at)).toBe(90);
    expect(secondsLeft(due, due)).toBe(0);
    expect(secondsLeft(due, new Date(due.getTime() + 1_500))).toBe(-2);
  });
});
