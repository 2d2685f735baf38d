import { describe, expect, it } from 'vitest';
import type { PatrolRound, PatrolRoundList, PatrolRoute } from '../../api/patrol.api.ts';
import {
  notVisitedSince,
  plannedRoundRows,
  planWindow,
  unplannedRounds,
} from './patrol-progress.ts';

function buildRoute(overrides: Partial<PatrolRoute> = {}): PatrolRoute {
  return {
    id: 'route-garden',
    officeId: 'office-h',
    name: '花园',
    version: 1,
    checkpoints: [
      { id: 'cp-1', seq: 1, name: '东门', code: 'AAAAAA', checklist: ['照明'] },
      { id: 'cp-2', seq: 2, name: '水景', code: 'BBBBBB', checklist: [] },
      { id: 'cp-3', seq: 3, name: '车库入口', code: 'CCCCCC', checklist: [] },
    ],
    plannedRounds: [
      { shiftCode: 'D', offsetMinutes: 60, windowMinutes: 60 },
      { shiftCode: 'D', offsetMinutes: 300, windowMinutes: 60 },
      { shiftCode: 'N', offsetMinutes: 180, windowMinutes: 90 },
    ],
    updatedAt: '2026-11-28T00:00:00.000Z',
    ...overrides,
  };
}

function buildRound(overrides: Partial<PatrolRound> = {}): PatrolRound {
  return {
    id: 'round-1',
    officeId: 'office-h',
    routeId: 'route-garden',
    routeName: '花园',
    userId: 'user-zw',
    displayName: '张伟',
    status: 'finished',
    planned: {
      index: 0,
      opensAt: '2026-11-28T01:30:00.000Z',
      closesAt: '2026-11-28T02:30:00.000Z',
    },
    late: false,
    startedAt: '2026-11-28T01:40:00.000Z',
    finishedAt: '2026-11-28T02:00:00.000Z',
    absenceId: 'absence-1',
    visits: [
      {
        id: 'visit-1',
        checkpointId: 'cp-1',
        checkpointName: '东门',
        code: 'AAAAAA',
        method: 'qr',
        visitedAt: '2026-11-28T01:45:00.000Z',
        results: [],
        note: null,
        attachments: [],
      },
    ],
    notVisited: [
      { id: 'cp-2', name: '水景', code: 'BBBBBB' },
      { id: 'cp-3', name: '车库入口', code: 'CCCCCC' },
    ],
    ...overrides,
  };
}

const shiftStarts = new Map([
  ['D', '08:30'],
  ['N', '22:30'],
]);

describe('planWindow', () => {
  it('opens the offset after the shift starts and closes the window later', () => {
    expect(planWindow('08:30', { offsetMinutes: 60, windowMinutes: 45 })).toEqual({
      opens: '09:30',
      closes: '10:15',
    });
  });

  it('runs past midnight for a night shift', () => {
    expect(planWindow('22:30', { offsetMinutes: 180, windowMinutes: 90 })).toEqual({
      opens: '01:30',
      closes: '03:00',
    });
  });

  it('is unknown when the shift is not among the office’s shifts', () => {
    expect(planWindow(undefined, { offsetMinutes: 0, windowMinutes: 30 })).toBeNull();
  });
});

describe('plannedRoundRows', () => {
  it('marks a finished planned round done with its missed checkpoints', () => {
    const day: PatrolRoundList = { rounds: [buildRound()], missed: [] };
    const [first] = plannedRoundRows([buildRoute()], shiftStarts, day);
    expect(first).toMatchObject({
      status: 'done',
      visited: 1,
      total: 3,
      opens: '09:30',
      closes: '10:30',
    });
    expect(first?.notVisited.map((c) => c.name)).toEqual(['水景', '车库入口']);
  });

  it('counts the checkpoints of a round in progress and keeps its lateness', () => {
    const day: PatrolRoundList = {
      rounds: [
        buildRound({
          status: 'in_progress',
          finishedAt: null,
          late: true,
          planned: { index: 1, opensAt: 'x', closesAt: 'y' },
        }),
      ],
      missed: [],
    };
    const rows = plannedRoundRows([buildRoute()], shiftStarts, day);
    expect(rows.map((r) => r.status)).toEqual(['pending', 'in-progress', 'pending']);
    expect(rows[1]).toMatchObject({ late: true, visited: 1, total: 3 });
  });

  it('marks a planned round nobody started as missed, with the time its window closed', () => {
    const day: PatrolRoundList = {
      rounds: [],
      missed: [
        {
          routeId: 'route-garden',
          routeName: '花园',
          shiftCode: 'N',
          plannedIndex: 2,
          closedAt: '2026-11-27T19:00:00.000Z',
        },
      ],
    };
    const rows = plannedRoundRows([buildRoute()], shiftStarts, day);
    expect(rows[2]).toMatchObject({ status: 'missed', missedAt: '2026-11-27T19:00:00.000Z' });
    expect(rows[0]).toMatchObject({ status: 'pending', visited: 0, total: 3 });
  });

  it('does not take a round of another route for this route’s plan', () => {
    const day: PatrolRoundList = { rounds: [buildRound({ routeId: 'route-lobby' })], missed: [] };
    expect(plannedRoundRows([buildRoute()], shiftStarts, day)[0]?.status).toBe('pending');
  });
});

describe('unplannedRounds', () => {
  it('keeps only the rounds outside any plan', () => {
    const extra = buildRound({ id: 'round-2', planned: null });
    expect(unplannedRounds({ rounds: [buildRound(), extra], missed: [] })).toEqual([extra]);
  });
});

describe('notVisitedSince', () => {
  const dayStart = new Date('2026-11-27T16:00:00.000Z');
  it('highlights a checkpoint never visited or last visited before the day began', () => {
    expect(notVisitedSince(null, dayStart)).toBe(true);
    expect(notVisitedSince('2026-11-27T15:59:00.000Z', dayStart)).toBe(true);
    expect(notVisitedSince('2026-11-27T16:01:00.000Z', dayStart)).toBe(false);
  });
});
