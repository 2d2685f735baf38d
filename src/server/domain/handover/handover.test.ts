import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ruleIds } from '../../../shared/rules.ts';
import {
  canOpenAt,
  decide,
  evolve,
  foldSteps,
  handoverDigest,
  initialState,
  isDiscrepancy,
  mayLeavePost,
  statusOf,
  unmetIncoming,
  unmetOutgoing,
  type Command,
  type CountLine,
  type HandoverFacts,
  type HandoverState,
  type Refusal,
  type StepContent,
} from './handover.ts';

/**
 * The handover state machine, judged by model-based tests: random command sequences (fast-check
 * `fc.commands`) by the outgoing person, the incoming person, a supervisor and a stranger, mixed
 * with the world changing underneath (important items opened and closed, items taken in hand,
 * log entries written, the next shift's start). A model kept here, independently of the domain's
 * own bookkeeping, checks at every accepted signature that each rule held (HO-IN-1…5,
 * HO-OUT-1…4), and every refusal names a handover rule and changes nothing.
 */

const users = ['out', 'in', 'sup', 'x'] as const;
type User = (typeof users)[number];
const itemPool = ['i1', 'i2', 'i3', 'i4'];
const entryPool = ['e1', 'e2', 'e3', 'e4', 'e5'];
const handoverRules = new Set(ruleIds.filter((r) => r.startsWith('HO-')));

const t0 = new Date('2026-12-01T08:15:00.000Z');

/** What the test knows independently of the domain: the world and the accepted steps. */
type Model = {
  blocking: Set<string>;
  own: Set<string>;
  entries: Set<string>;
  nobodyToTakeOver: boolean;
  tidy: boolean;
  logDone: boolean;
  told: Set<string> | null;
  toldCount: number;
  excepted: Set<string>;
  joined: User | null;
  counted: CountLine[] | null;
  anomalies: string[];
  explained: Set<string>;
  read: Set<string>;
  accepted: boolean;
  areaChecked: boolean;
  outSigned: boolean;
  inSigned: boolean;
  gap: boolean;
  signedCount: number;
};

type Real = { state: HandoverState; steps: number; clock: number };

function newModel(): Model {
  return {
    blocking: new Set(),
    own: new Set(),
    entries: new Set(),
    nobodyToTakeOver: false,
    tidy: false,
    logDone: false,
    told: null,
    toldCount: 0,
    excepted: new Set(),
    joined: null,
    counted: null,
    anomalies: [],
    explained: new Set(),
    read: new Set(),
    accepted: false,
    areaChecked: false,
    outSigned: false,
    inSigned: false,
    gap: false,
    signedCount: 0,
  };
}

function factsOf(m: Model, real: Real): HandoverFacts {
  return {
    now: new Date(t0.getTime() + real.clock * 1000),
    blockingItemIds: [...m.blocking],
    ownOpenItemIds: [...m.own],
    entriesToRead: [...m.entries],
    nobodyToTakeOver: m.nobodyToTakeOver,
  };
}

/** What must be explained, as the model saw it found. */
function found(m: Model): string[] {
  const items = (m.counted ?? [])
    .filter(
      (l) => l.counted < l.expected || (l.condition === 'damaged' && l.expectedCondition === 'ok'),
    )
    .map((l) => `item:${l.itemId}`);
  return [...items, ...m.anomalies.map((a) => `anomaly:${a}`)];
}

/** The rules a side's signature needs, checked from the model alone. */
function modelAllowsSignature(m: Model, side: 'outgoing' | 'incoming', signer: User | null) {
  const allExplained = found(m).every((k) => m.explained.has(k));
  if (side === 'outgoing') {
    return (
      signer === 'out' &&
      m.tidy &&
      m.logDone &&
      m.told !== null &&
      [...m.own].every((id) => m.told!.has(id)) &&
      [...m.blocking].every((id) => m.excepted.has(id)) &&
      allExplained
    );
  }
  return (
    signer !== null &&
    signer !== 'out' &&
    m.outSigned &&
    m.counted !== null &&
    m.areaChecked &&
    [...m.entries].every((id) => m.read.has(id)) &&
    m.told !== null &&
    (m.toldCount === 0 || m.accepted) &&
    (m.gap || allExplained)
  );
}

/** Runs one handover command and checks the outcome against the model. */
function act(m: Model, real: Real, user: User, command: Command): void {
  const actor = { userId: user, mayGrantExceptions: user === 'sup' };
  const facts = factsOf(m, real);
  const verdict = decide(real.state, command, actor, facts);
  real.clock += 1;
  if (!verdict.ok) {
    checkRefusal(verdict.refusal);
    if (command.kind === 'sign' && command.passwordOk && !m.inSigned) {
      const signer = command.side === 'outgoing' ? 'out' : m.joined;
      const party = user === 'out' || (m.joined !== null && user === m.joined);
      const signedAlready = command.side === 'outgoing' ? m.outSigned : m.inSigned;
      // the domain refuses only when the model also finds a rule unmet
      if (party && !signedAlready)
        expect(modelAllowsSignature(m, command.side, signer)).toBe(false);
    }
    return;
  }
  const step = verdict.step;
  // the safety property: nothing reaches a signature while a rule is unmet
  expect(m.inSigned && !(step.kind === 'explained' && m.gap)).toBe(false);
  switch (step.kind) {
    case 'tidied':
      expect(user).toBe('out');
      m.tidy = true;
      break;
    case 'log-completed':
      m.logDone = true;
      break;
    case 'unfinished-declared':
      expect(m.accepted).toBe(false);
      m.told = new Set(step.items.map((i) => i.deskItemId ?? ''));
      m.toldCount = step.items.length;
      break;
    case 'exception-granted':
      expect(user).toBe('sup');
      expect(step.itemIds.every((id) => m.blocking.has(id))).toBe(true);
      for (const id of step.itemIds) m.excepted.add(id);
      break;
    case 'joined':
      expect(user).not.toBe('out');
      expect(m.joined).toBeNull();
      m.joined = user;
      break;
    case 'counted':
      m.counted = step.lines;
      break;
    case 'explained':
      expect(user === 'out' || (user === 'sup' && m.outSigned)).toBe(true);
      m.explained.add(`${step.target.type}:${step.target.id}`);
      break;
    case 'log-read':
      for (const id of step.entryIds) {
        expect(m.entries.has(id)).toBe(true);
        m.read.add(id);
      }
      break;
    case 'follow-ups-accepted':
      expect(m.told).not.toBeNull();
      m.accepted = true;
      break;
    case 'area-checked':
      m.areaChecked = true;
      m.anomalies = step.anomalies.map((a) => a.id);
      break;
    case 'signed': {
      expect(command.kind === 'sign' && command.passwordOk).toBe(true);
      const signer = step.side === 'outgoing' ? 'out' : m.joined;
      expect(step.userId).toBe(signer);
      expect(modelAllowsSignature(m, step.side, signer)).toBe(true);
      if (step.side === 'outgoing') {
        m.outSigned = true;
        m.gap = step.gap;
        expect(step.gap).toBe(m.joined === null && m.nobodyToTakeOver);
      } else {
        expect(step.userId).not.toBe('out');
        m.inSigned = true;
      }
      m.signedCount += 1;
      break;
    }
    case 'opened':
      throw new Error('decide never opens');
  }
  real.state = evolve(real.state, { ...step, actorId: user, at: facts.now });
  real.steps += 1;
  // the domain's own view of what is unmet agrees with the model at every point
  expect(statusOf(real.state)).toBe(
    m.inSigned ? 'sealed' : m.outSigned ? 'outgoing-signed' : 'open',
  );
  expect(mayLeavePost(real.state)).toBe(m.inSigned || (m.outSigned && m.gap));
}

function checkRefusal(refusal: Refusal): void {
  expect(handoverRules.has(refusal.rule)).toBe(true);
  expect(refusal.message.length).toBeGreaterThan(0);
  for (const u of refusal.unmet ?? []) expect(handoverRules.has(u.rule)).toBe(true);
}

type HCommand = fc.Command<Model, Real>;

/** A command of the handover or of the world, for fc.commands. */
class Do implements HCommand {
  constructor(
    readonly label: string,
    readonly run: (m: Model, r: Real) => void,
  ) {}
  check(): boolean {
    return true;
  }
  toString(): string {
    return this.label;
  }
}

const userArb = fc.constantFrom(...users);
const idsArb = (pool: string[]) => fc.subarray([...pool, 'bogus'], { maxLength: 3 });

const worldCommands = [
  fc
    .constantFrom(...itemPool)
    .map((id) => new Do(`important ${id} opens`, (m) => void m.blocking.add(id))),
  fc
    .constantFrom(...itemPool)
    .map((id) => new Do(`important ${id} resolved`, (m) => void m.blocking.delete(id))),
  fc.constantFrom(...itemPool).map(
    (id) =>
      new Do(`out takes ${id}`, (m) => {
        if (!m.outSigned) m.own.add(id);
      }),
  ),
  fc.constantFrom(...entryPool).map(
    // the log grows until the outgoing signature fixes its period
    (id) =>
      new Do(`entry ${id}`, (m) => {
        if (!m.outSigned) m.entries.add(id);
      }),
  ),
  fc
    .boolean()
    .map((b) => new Do(`nobody to take over: ${b}`, (m) => void (m.nobodyToTakeOver = b))),
];

const handoverCommands = [
  userArb.map(
    (u) =>
      new Do(`${u} tidy`, (m, r) => {
        act(m, r, u, { kind: 'tidy' });
      }),
  ),
  userArb.map(
    (u) =>
      new Do(`${u} log`, (m, r) => {
        act(m, r, u, { kind: 'log-complete' });
      }),
  ),
  fc.tuple(userArb, idsArb(itemPool), fc.boolean()).map(
    ([u, ids, extra]) =>
      new Do(`${u} unfinished ${ids.join(',')}`, (m, r) => {
        act(m, r, u, {
          kind: 'unfinished',
          items: [
            ...ids.map((id) => ({ deskItemId: id, what: 'w', state: 's', nextStep: 'n' })),
            ...(extra ? [{ deskItemId: null, what: 'w', state: 's', nextStep: 'n' }] : []),
          ],
        });
      }),
  ),
  fc
    .tuple(userArb, idsArb(itemPool))
    .filter(([, ids]) => ids.length > 0)
    .map(
      ([u, ids]) =>
        new Do(`${u} exception ${ids.join(',')}`, (m, r) => {
          act(m, r, u, { kind: 'exception', itemIds: ids, reason: 'r' });
        }),
    ),
  userArb.map(
    (u) =>
      new Do(`${u} join`, (m, r) => {
        act(m, r, u, { kind: 'join', sessionId: `s-${u}` });
      }),
  ),
  fc.tuple(userArb, fc.nat(2), fc.boolean()).map(
    ([u, radios, damaged]) =>
      new Do(`${u} count radios=${radios} torch damaged=${damaged}`, (m, r) => {
        act(m, r, u, {
          kind: 'count',
          inventoryVersion: 1,
          lines: [
            {
              itemId: 'radio',
              name: 'radio',
              expected: 2,
              expectedCondition: 'ok',
              counted: radios,
              condition: 'ok',
              note: null,
            },
            {
              itemId: 'torch',
              name: 'torch',
              expected: 1,
              expectedCondition: 'ok',
              counted: 1,
              condition: damaged ? 'damaged' : 'ok',
              note: null,
            },
          ],
        });
      }),
  ),
  fc
    .tuple(
      userArb,
      fc.constantFrom('item:radio', 'item:torch', 'anomaly:A1', 'anomaly:A2', 'item:x'),
    )
    .map(
      ([u, key]) =>
        new Do(`${u} explain ${key}`, (m, r) => {
          const [type, id] = key.split(':') as ['item' | 'anomaly', string];
          act(m, r, u, { kind: 'explain', target: { type, id }, text: 'because' });
        }),
    ),
  fc
    .tuple(userArb, idsArb(entryPool))
    .filter(([, ids]) => ids.length > 0)
    .map(
      ([u, ids]) =>
        new Do(`${u} read ${ids.join(',')}`, (m, r) => {
          act(m, r, u, { kind: 'read-log', entryIds: ids });
        }),
    ),
  userArb.map(
    (u) =>
      new Do(`${u} accept`, (m, r) => {
        act(m, r, u, { kind: 'accept-follow-ups' });
      }),
  ),
  fc.tuple(userArb, fc.nat(2)).map(
    ([u, n]) =>
      new Do(`${u} area ${n} anomalies`, (m, r) => {
        act(m, r, u, {
          kind: 'check-area',
          anomalies: Array.from({ length: n }, (_, i) => ({
            id: `A${i + 1}`,
            text: 'a',
            attachments: [],
          })),
        });
      }),
  ),
  fc
    .tuple(userArb, fc.constantFrom<'outgoing' | 'incoming'>('outgoing', 'incoming'), fc.boolean())
    .map(
      ([u, side, passwordOk]) =>
        new Do(`${u} signs ${side} ${passwordOk ? '' : '(wrong password)'}`, (m, r) => {
          act(m, r, u, { kind: 'sign', side, passwordOk });
        }),
    ),
];

/**
 * The way through, each part of which may be skipped (`skip[i]`), so that signatures are tried
 * with one or two rules unmet as often as with none: the domain must refuse exactly those.
 */
type Plan = { skip: readonly boolean[]; radios: number; anomalies: number; wrongPassword: boolean };

const completion = (
  m: Model,
  r: Real,
  { skip, radios, anomalies, wrongPassword }: Plan = {
    skip: [],
    radios: 2,
    anomalies: 0,
    wrongPassword: false,
  },
) => {
  const parts: (() => void)[] = [
    () => {
      act(m, r, 'out', { kind: 'tidy' });
    },
    () => {
      act(m, r, 'out', { kind: 'log-complete' });
    },
    () => {
      act(m, r, 'out', {
        kind: 'unfinished',
        items: [...m.own].map((id) => ({ deskItemId: id, what: 'w', state: 's', nextStep: 'n' })),
      });
    },
    () => {
      if (m.blocking.size > 0) {
        act(m, r, 'sup', { kind: 'exception', itemIds: [...m.blocking], reason: 'r' });
      }
    },
    () => {
      for (const key of found(m)) {
        const [type, id] = key.split(':') as ['item' | 'anomaly', string];
        act(m, r, 'out', { kind: 'explain', target: { type, id }, text: 'because' });
      }
    },
    () => {
      act(m, r, 'out', { kind: 'sign', side: 'outgoing', passwordOk: !wrongPassword });
    },
    () => {
      act(m, r, 'in', { kind: 'join', sessionId: 's-in' });
    },
    () => {
      act(m, r, 'in', {
        kind: 'count',
        inventoryVersion: 1,
        lines: [
          {
            itemId: 'radio',
            name: 'radio',
            expected: 2,
            expectedCondition: 'ok',
            counted: radios,
            condition: 'ok',
            note: null,
          },
        ],
      });
    },
    () => {
      if (m.entries.size > 0) act(m, r, 'in', { kind: 'read-log', entryIds: [...m.entries] });
    },
    () => {
      act(m, r, 'in', { kind: 'accept-follow-ups' });
    },
    () => {
      act(m, r, 'in', {
        kind: 'check-area',
        anomalies: Array.from({ length: anomalies }, (_, i) => ({
          id: `A${i + 1}`,
          text: 'a',
          attachments: [],
        })),
      });
    },
    () => {
      // what the incoming side found, explained by the outgoing person (or not: skipped)
      for (const key of found(m)) {
        const [type, id] = key.split(':') as ['item' | 'anomaly', string];
        act(m, r, 'out', { kind: 'explain', target: { type, id }, text: 'because' });
      }
    },
    () => {
      act(m, r, 'in', { kind: 'sign', side: 'incoming', passwordOk: !wrongPassword });
    },
  ];
  parts.forEach((part, i) => {
    if (skip[i] !== true) part();
  });
  // whatever was skipped, both sides try to sign at the end
  act(m, r, 'out', { kind: 'sign', side: 'outgoing', passwordOk: true });
  if (m.joined !== null) act(m, r, m.joined, { kind: 'sign', side: 'incoming', passwordOk: true });
};

describe('the handover state machine (model-based)', () => {
  it('never reaches a signature while a rule is unmet, and every refusal names its rule (HO-IN-1…5, HO-OUT-1…4)', () => {
    let sealed = 0;
    fc.assert(
      fc.property(
        fc.commands([...worldCommands, ...handoverCommands], { maxCommands: 40 }),
        fc.record({
          skip: fc.array(
            fc.nat(6).map((n) => n === 0),
            { minLength: 13, maxLength: 13 },
          ),
          radios: fc.constantFrom(0, 1, 2, 2, 2),
          anomalies: fc.constantFrom(0, 0, 1, 2),
          wrongPassword: fc.nat(5).map((n) => n === 0),
        }),
        (commands, plan) => {
          const model = newModel();
          const real: Real = { state: initialState('out'), steps: 0, clock: 0 };
          fc.modelRun(() => ({ model, real }), commands);
          if (!model.inSigned) completion(model, real, plan);
          if (model.inSigned) sealed += 1;
        },
      ),
      { numRuns: 400 },
    );
    // the property is not vacuous: many runs get all the way to the seal
    expect(sealed).toBeGreaterThan(50);
  });

  it('reaches the seal by the rules, after which the outgoing person may leave (HO-OUT-3)', () => {
    const model = newModel();
    const real: Real = { state: initialState('out'), steps: 0, clock: 0 };
    model.blocking.add('i1');
    model.own.add('i2');
    model.entries.add('e1');
    completion(model, real);
    expect(statusOf(real.state)).toBe('sealed');
    expect(mayLeavePost(real.state)).toBe(true);
    expect(real.state.readEntryIds).toEqual(new Set(['e1']));
  });
});

describe('the handover rules one by one', () => {
  const facts: HandoverFacts = {
    now: t0,
    blockingItemIds: [],
    ownOpenItemIds: [],
    entriesToRead: [],
    nobodyToTakeOver: false,
  };
  const out = { userId: 'out', mayGrantExceptions: false };
  const step = (state: HandoverState, s: StepContent) =>
    evolve(state, { ...s, actorId: 'out', at: t0 });

  it('counts missing items, and damage only to what the inventory has in good condition (HO-IN-2)', () => {
    const line = {
      itemId: 'u',
      name: '雨伞',
      expected: 3,
      expectedCondition: 'ok' as const,
      counted: 3,
      condition: 'ok' as const,
      note: null,
    };
    expect(isDiscrepancy(line)).toBe(false);
    expect(isDiscrepancy({ ...line, counted: 2 })).toBe(true);
    expect(isDiscrepancy({ ...line, condition: 'damaged' })).toBe(true);
    expect(isDiscrepancy({ ...line, condition: 'damaged', expectedCondition: 'damaged' })).toBe(
      false,
    );
    expect(
      isDiscrepancy({ ...line, condition: 'damaged', expectedCondition: 'damaged', counted: 2 }),
    ).toBe(true);
  });

  it('opens the handover 15 minutes before the shift ends, not a second earlier (HO-OUT-1)', () => {
    const end = new Date('2026-12-01T08:30:00.000Z');
    expect(canOpenAt(end, new Date('2026-12-01T08:14:59.999Z'))).toBe(false);
    expect(canOpenAt(end, new Date('2026-12-01T08:15:00.000Z'))).toBe(true);
  });

  it('blocks the outgoing signature on open important work, until an exception (HO-OUT-4)', () => {
    let state = initialState('out');
    for (const kind of ['tidied', 'log-completed'] as const) state = step(state, { kind });
    state = step(state, { kind: 'unfinished-declared', items: [] });
    const blocked = decide(state, { kind: 'sign', side: 'outgoing', passwordOk: true }, out, {
      ...facts,
      blockingItemIds: ['i1'],
    });
    expect(blocked).toMatchObject({ ok: false, refusal: { rule: 'HO-OUT-4' } });
    state = step(state, { kind: 'exception-granted', itemIds: ['i1'], reason: 'r' });
    expect(unmetOutgoing(state, { ...facts, blockingItemIds: ['i1'] })).toEqual([]);
    // an item opened after the exception blocks again
    expect(unmetOutgoing(state, { ...facts, blockingItemIds: ['i1', 'i2'] })).toEqual([
      { rule: 'HO-OUT-4', key: 'blocking-items', ids: ['i2'] },
    ]);
  });

  it('needs every entry of the period read and the area checked before the incoming signature (HO-IN-3, HO-IN-4)', () => {
    let state = foldSteps('out', [
      { kind: 'joined', userId: 'in', sessionId: 's', actorId: 'in', at: t0 },
    ]);
    const keys = () =>
      unmetIncoming(state, { ...facts, entriesToRead: ['e1', 'e2'] }).map((u) => u.key);
    expect(keys()).toEqual(['outgoing-signature', 'count', 'unread-log', 'unfinished', 'area']);
    state = step(state, { kind: 'log-read', entryIds: ['e1'] });
    expect(unmetIncoming(state, { ...facts, entriesToRead: ['e1', 'e2'] })).toContainEqual({
      rule: 'HO-IN-3',
      key: 'unread-log',
      ids: ['e2'],
    });
  });

  it('binds the log and the record in the signed digest: any change changes it (HO-IN-5)', () => {
    const input = {
      handoverId: 'h',
      postId: 'p',
      outgoingSessionId: 's',
      side: 'outgoing' as const,
      logFrom: t0.toISOString(),
      logTo: t0.toISOString(),
      entries: [
        {
          id: 'e1',
          authorId: 'out',
          category: 'notice',
          text: '电梯维保',
          correctsId: null,
          deskItemId: null,
          createdAt: t0.toISOString(),
          attachments: [],
        },
      ],
      steps: [{ seq: 1, kind: 'opened', actorId: 'out', at: t0.toISOString(), payload: {} }],
    };
    const digest = handoverDigest(input);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(handoverDigest(structuredClone(input))).toBe(digest);
    const changedText = structuredClone(input);
    changedText.entries[0]!.text = '电梯维保已取消';
    expect(handoverDigest(changedText)).not.toBe(digest);
    const changedStep = structuredClone(input);
    changedStep.steps[0]!.actorId = 'someone';
    expect(handoverDigest(changedStep)).not.toBe(digest);
  });
});
