import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { Handover } from '../../api/handover.api.ts';
import { zhCN } from '../../i18n/zh-cn.locale.ts';
import { stepText, unmetText } from './handover-texts.ts';

const t = i18next.createInstance();
await t.init({ lng: 'zh-CN', resources: { 'zh-CN': { translation: zhCN } }, initAsync: false });

const person = {
  sessionId: 's',
  date: '2026-11-28',
  shiftName: '白班',
  startsAt: '2026-11-28T00:30:00Z',
  endsAt: '2026-11-28T10:30:00Z',
  checkedInAt: '2026-11-28T00:25:00Z',
  lateMinutes: 0,
};

/** A handover with just what the texts read; the rest left empty. */
function buildHandover(overrides: Partial<Handover> = {}): Handover {
  return {
    id: 'h1',
    officeId: 'o1',
    postId: 'p1',
    postName: '客服前台',
    status: 'open',
    version: 1,
    openedAt: '2026-11-28T10:15:00Z',
    outgoing: { ...person, userId: 'u1', displayName: '张伟' },
    incoming: { ...person, userId: 'u2', displayName: '刘洋' },
    gap: false,
    logFrom: '2026-11-28T00:25:00Z',
    logTo: null,
    checklist: {
      tidiedAt: null,
      logCompletedAt: null,
      unfinished: null,
      exceptions: [],
      countedAt: null,
      inventoryVersion: null,
      discrepancies: [],
      followUpsAcceptedAt: null,
      followUpItemIds: [],
      areaCheckedAt: null,
      anomalies: [],
      readEntryIds: [],
    },
    logEntries: [],
    blocking: [],
    nonconformances: [],
    patrols: { rounds: [], missed: [] },
    unmet: { outgoing: [], incoming: [] },
    signatures: { outgoing: null, incoming: null },
    sealedAt: null,
    steps: [],
    ...overrides,
  };
}

describe('unmetText', () => {
  it('names the open important items that block the handover (HO-OUT-4)', () => {
    const handover = buildHandover({
      blocking: [
        { id: 'i1', subject: '电梯停运', priority: 'important', status: 'new', excepted: false },
      ],
    });
    const text = unmetText(t.t, { rule: 'HO-OUT-4', key: 'blocking-items', ids: ['i1'] }, handover);
    expect(text).toBe('重要工作未处理完毕：电梯停运');
  });

  it('counts the unread log entries (HO-IN-3) and names a missing item (HO-IN-2)', () => {
    const handover = buildHandover({
      checklist: {
        ...buildHandover().checklist,
        discrepancies: [
          {
            itemId: 'r1',
            name: '对讲机',
            expected: 2,
            counted: 1,
            condition: 'ok',
            note: null,
            explanation: null,
          },
        ],
      },
    });
    expect(
      unmetText(t.t, { rule: 'HO-IN-3', key: 'unread-log', ids: ['e1', 'e2'] }, handover),
    ).toBe('阅读值班记录（还有 2 条未阅）');
    expect(
      unmetText(t.t, { rule: 'HO-IN-2', key: 'unexplained-items', ids: ['r1'] }, handover),
    ).toBe('交班人员说明缺失或损坏的物品：对讲机');
  });

  it('shows a condition the web does not know yet by its key', () => {
    expect(
      unmetText(t.t, { rule: 'HO-IN-5', key: 'something-new', ids: [] }, buildHandover()),
    ).toBe('something-new');
  });
});

describe('stepText', () => {
  it('names who signed a side, not who held the shared device (HO-OUT-3)', () => {
    const handover = buildHandover({
      signatures: {
        outgoing: {
          userId: 'u1',
          displayName: '张伟',
          at: '2026-11-28T10:20:00Z',
          hash: 'a'.repeat(64),
        },
        incoming: null,
      },
    });
    const step = {
      seq: 9,
      kind: 'signed',
      actorId: 'u2',
      actorName: '刘洋',
      at: '2026-11-28T10:20:00Z',
      payload: { side: 'outgoing' },
    };
    expect(stepText(t.t, step, handover)).toBe('交班签名：张伟');
  });

  it('keeps a step kind it does not know as it is', () => {
    const step = { seq: 1, kind: 'new-kind', actorId: null, actorName: null, at: '', payload: {} };
    expect(stepText(t.t, step, buildHandover())).toBe('new-kind');
  });
});
