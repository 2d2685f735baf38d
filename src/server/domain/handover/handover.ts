import { createHash } from 'node:crypto';
import type { RuleId } from '../../../shared/rules.ts';
import { canonicalJson } from '../canonical-json.ts';

/**
 * The shift handover 交接班 as a pure state machine (HO-IN-1…5, HO-OUT-1…4). A handover's
 * record is a list of steps; `foldSteps` rebuilds the state from them, `decide` judges one
 * action against the state and the facts of the moment (the clock, the office's open items,
 * the log to read) and returns the next step or a refusal naming its rule. The service stores
 * the step; nothing here reads a database or a clock.
 */

const minuteMs = 60_000;

/** HO-OUT-1: the handing over starts this long before the shift ends. */
export const handoverOpensMinutesBefore = 15;

/**
 * When nobody takes over within this long after the shift's end (23:30 → 08:30), the
 * outgoing side signs alone and the incoming side completes at the next start (issue 7, 5).
 */
export const gapAfterEndMinutes = 30;

export type Side = 'outgoing' | 'incoming';
export type Condition = 'ok' | 'damaged';

export type FollowUpNote = {
  deskItemId: string | null;
  what: string;
  state: string;
  nextStep: string;
};

export type CountLine = {
  itemId: string;
  name: string;
  expected: number;
  /** the condition on record in the inventory */
  expectedCondition: Condition;
  counted: number;
  condition: Condition;
  note: string | null;
};

export type Anomaly = { id: string; text: string; attachments: string[] };

export type ExplainTarget = { type: 'item' | 'anomaly'; id: string };

/** What a step records; the service adds who and when. */
export type StepContent =
  | { kind: 'opened'; sessionId: string }
  | { kind: 'tidied' }
  | { kind: 'log-completed' }
  | { kind: 'unfinished-declared'; items: FollowUpNote[] }
  | { kind: 'exception-granted'; itemIds: string[]; reason: string }
  | { kind: 'joined'; userId: string; sessionId: string }
  | { kind: 'counted'; inventoryVersion: number; lines: CountLine[] }
  | { kind: 'explained'; target: ExplainTarget; text: string }
  | { kind: 'log-read'; entryIds: string[] }
  | { kind: 'follow-ups-accepted'; deskItemIds: string[] }
  | { kind: 'area-checked'; anomalies: Anomaly[] }
  | {
      kind: 'signed';
      side: Side;
      userId: string;
      /** sha-256 of the log and the record as signed; filled in by the service */
      hash: string;
      /** outgoing only: nobody was there to take over (gap between shifts) */
      gap: boolean;
    };

export type Step = StepContent & { actorId: string | null; at: Date };

export type HandoverState = {
  outgoingUserId: string;
  incomingUserId: string | null;
  tidiedAt: Date | null;
  logCompletedAt: Date | null;
  unfinished: FollowUpNote[] | null;
  exceptions: { itemIds: string[]; reason: string; by: string | null; at: Date }[];
  count: { at: Date; inventoryVersion: number; lines: CountLine[] } | null;
  areaCheckedAt: Date | null;
  anomalies: Anomaly[];
  /** explanations by target key (`item:<id>`, `anomaly:<id>`) */
  explanations: Map<string, string>;
  readEntryIds: Set<string>;
  followUpsAcceptedAt: Date | null;
  followUpItemIds: string[];
  signatures: Partial<Record<Side, { userId: string; at: Date; hash: string }>>;
  gap: boolean;
};

export function initialState(outgoingUserId: string): HandoverState {
  return {
    outgoingUserId,
    incomingUserId: null,
    tidiedAt: null,
    logCompletedAt: null,
    unfinished: null,
    exceptions: [],
    count: null,
    areaCheckedAt: null,
    anomalies: [],
    explanations: new Map(),
    readEntryIds: new Set(),
    followUpsAcceptedAt: null,
    followUpItemIds: [],
    signatures: {},
    gap: false,
  };
}

/** Applies one recorded step. Steps were judged when taken; this only accumulates them. */
export function evolve(state: HandoverState, step: Step): HandoverState {
  const next: HandoverState = {
    ...state,
    explanations: new Map(state.explanations),
    readEntryIds: new Set(state.readEntryIds),
    signatures: { ...state.signatures },
  };
  switch (step.kind) {
    case 'opened':
      break;
    case 'tidied':
      next.tidiedAt = step.at;
      break;
    case 'log-completed':
      next.logCompletedAt = step.at;
      break;
    case 'unfinished-declared':
      next.unfinished = step.items;
      break;
    case 'exception-granted':
      next.exceptions = [
        ...state.exceptions,
        { itemIds: step.itemIds, reason: step.reason, by: step.actorId, at: step.at },
      ];
      break;
    case 'joined':
      next.incomingUserId = step.userId;
      break;
    case 'counted':
      next.count = { at: step.at, inventoryVersion: step.inventoryVersion, lines: step.lines };
      break;
    case 'explained':
      next.explanations.set(targetKey(step.target), step.text);
      break;
    case 'log-read':
      for (const id of step.entryIds) next.readEntryIds.add(id);
      break;
    case 'follow-ups-accepted':
      next.followUpsAcceptedAt = step.at;
      next.followUpItemIds = step.deskItemIds;
      break;
    case 'area-checked':
      next.areaCheckedAt = step.at;
      next.anomalies = step.anomalies;
      break;
    case 'signed':
      next.signatures[step.side] = { userId: step.userId, at: step.at, hash: step.hash };
      if (step.side === 'outgoing') next.gap = step.gap;
      break;
  }
  return next;
}

export function foldSteps(outgoingUserId: string, steps: readonly Step[]): HandoverState {
  return steps.reduce(evolve, initialState(outgoingUserId));
}

export const targetKey = (t: ExplainTarget) => `${t.type}:${t.id}`;

/** HO-IN-2: missing, or damaged when the inventory has it in good condition. */
export function isDiscrepancy(line: CountLine): boolean {
  return (
    line.counted < line.expected ||
    (line.condition === 'damaged' && line.expectedCondition === 'ok')
  );
}

/** HO-IN-2, HO-IN-4: what the outgoing person must explain, found so far. */
export function explainTargets(state: HandoverState): ExplainTarget[] {
  const items = (state.count?.lines ?? [])
    .filter(isDiscrepancy)
    .map((l): ExplainTarget => ({ type: 'item', id: l.itemId }));
  const anomalies = state.anomalies.map((a): ExplainTarget => ({ type: 'anomaly', id: a.id }));
  return [...items, ...anomalies];
}

export function unexplained(state: HandoverState): ExplainTarget[] {
  return explainTargets(state).filter((t) => !state.explanations.has(targetKey(t)));
}

export type HandoverStatus = 'open' | 'outgoing-signed' | 'sealed';

export function statusOf(state: HandoverState): HandoverStatus {
  if (state.signatures.incoming !== undefined) return 'sealed';
  if (state.signatures.outgoing !== undefined) return 'outgoing-signed';
  return 'open';
}

/** The facts of the moment an action is judged in, read by the service. */
export type HandoverFacts = {
  now: Date;
  /** HO-OUT-4: open important and major items of the office */
  blockingItemIds: readonly string[];
  /** HO-OUT-2: open items the outgoing person owns: each must be told as unfinished */
  ownOpenItemIds: readonly string[];
  /** HO-IN-3: the period's log entries the incoming person must read (not their own) */
  entriesToRead: readonly string[];
  /** nobody takes over soon after the shift's end (the outgoing side may sign alone) */
  nobodyToTakeOver: boolean;
};

/** Who acts, as far as the handover is concerned. */
export type HandoverActor = {
  userId: string;
  /** supervisor or director of the office: may grant exceptions (HO-OUT-4) */
  mayGrantExceptions: boolean;
};

export type Command =
  | { kind: 'tidy' }
  | { kind: 'log-complete' }
  | { kind: 'unfinished'; items: FollowUpNote[] }
  | { kind: 'exception'; itemIds: string[]; reason: string }
  | { kind: 'join'; sessionId: string }
  | { kind: 'count'; inventoryVersion: number; lines: CountLine[] }
  | { kind: 'explain'; target: ExplainTarget; text: string }
  | { kind: 'read-log'; entryIds: string[] }
  | { kind: 'accept-follow-ups' }
  | { kind: 'check-area'; anomalies: Anomaly[] }
  /** the password of the side's person has been checked by the service */
  | { kind: 'sign'; side: Side; passwordOk: boolean };

export type RefusalCode = 'RULE_VIOLATION' | 'FORBIDDEN' | 'CONFLICT' | 'VALIDATION_FAILED';

export type Unmet = { rule: RuleId; key: string; ids: string[] };

export type Refusal = {
  code: RefusalCode;
  rule: RuleId;
  message: string;
  unmet?: Unmet[];
};

export type Decision = { ok: true; step: StepContent } | { ok: false; refusal: Refusal };

const refuse = (code: RefusalCode, rule: RuleId, message: string, unmet?: Unmet[]): Decision => ({
  ok: false,
  refusal: { code, rule, message, ...(unmet === undefined ? {} : { unmet }) },
});
const accept = (step: StepContent): Decision => ({ ok: true, step });

/** HO-OUT-1: the handover can be opened from 15 minutes before the shift's end. */
export function handoverOpensAt(shiftEndsAt: Date): Date {
  return new Date(shiftEndsAt.getTime() - handoverOpensMinutesBefore * minuteMs);
}

export function canOpenAt(shiftEndsAt: Date, now: Date): boolean {
  return now.getTime() >= handoverOpensAt(shiftEndsAt).getTime();
}

/** The window in which someone else's rostered start makes them the one who takes over. */
export function takeOverWindow(shiftEndsAt: Date): { from: Date; to: Date } {
  return {
    from: new Date(shiftEndsAt.getTime() - 60 * minuteMs),
    to: new Date(shiftEndsAt.getTime() + gapAfterEndMinutes * minuteMs),
  };
}

/**
 * What still stands in the way of the outgoing signature (HO-OUT-1, HO-OUT-2, HO-OUT-4, and
 * the explanations owed for what the count and the area check found so far: HO-IN-2, HO-IN-4).
 */
export function unmetOutgoing(state: HandoverState, facts: HandoverFacts): Unmet[] {
  const unmet: Unmet[] = [];
  if (state.tidiedAt === null) unmet.push({ rule: 'HO-OUT-1', key: 'tidy', ids: [] });
  if (state.logCompletedAt === null) unmet.push({ rule: 'HO-OUT-2', key: 'log', ids: [] });
  if (state.unfinished === null) unmet.push({ rule: 'HO-OUT-2', key: 'unfinished', ids: [] });
  const told = new Set((state.unfinished ?? []).map((u) => u.deskItemId));
  const untold = facts.ownOpenItemIds.filter((id) => !told.has(id));
  if (untold.length > 0) unmet.push({ rule: 'HO-OUT-2', key: 'untold-items', ids: untold });
  const excepted = new Set(state.exceptions.flatMap((e) => e.itemIds));
  const blocking = facts.blockingItemIds.filter((id) => !excepted.has(id));
  if (blocking.length > 0) unmet.push({ rule: 'HO-OUT-4', key: 'blocking-items', ids: blocking });
  unmet.push(...unexplainedUnmet(state));
  return unmet;
}

function unexplainedUnmet(state: HandoverState): Unmet[] {
  const open = unexplained(state);
  const items = open.filter((t) => t.type === 'item').map((t) => t.id);
  const anomalies = open.filter((t) => t.type === 'anomaly').map((t) => t.id);
  return [
    ...(items.length > 0
      ? [{ rule: 'HO-IN-2' as const, key: 'unexplained-items', ids: items }]
      : []),
    ...(anomalies.length > 0
      ? [{ rule: 'HO-IN-4' as const, key: 'unexplained-anomalies', ids: anomalies }]
      : []),
  ];
}

/**
 * What still stands in the way of the incoming signature, which seals the handover (HO-IN-2…5).
 * After a gap signature the explanations may follow: they go back to the outgoing person and
 * the supervisor instead of keeping the incoming shift from starting.
 */
export function unmetIncoming(state: HandoverState, facts: HandoverFacts): Unmet[] {
  const unmet: Unmet[] = [];
  if (state.incomingUserId === null) unmet.push({ rule: 'HO-IN-5', key: 'join', ids: [] });
  if (state.signatures.outgoing === undefined) {
    unmet.push({ rule: 'HO-IN-5', key: 'outgoing-signature', ids: [] });
  }
  if (state.count === null) unmet.push({ rule: 'HO-IN-2', key: 'count', ids: [] });
  const unread = facts.entriesToRead.filter((id) => !state.readEntryIds.has(id));
  if (unread.length > 0) unmet.push({ rule: 'HO-IN-3', key: 'unread-log', ids: unread });
  if (state.unfinished === null) {
    unmet.push({ rule: 'HO-OUT-2', key: 'unfinished', ids: [] });
  } else if (state.unfinished.length > 0 && state.followUpsAcceptedAt === null) {
    unmet.push({ rule: 'HO-IN-3', key: 'follow-ups', ids: [] });
  }
  if (state.areaCheckedAt === null) unmet.push({ rule: 'HO-IN-4', key: 'area', ids: [] });
  if (!state.gap) unmet.push(...unexplainedUnmet(state));
  return unmet;
}

function refuseUnmet(unmet: Unmet[], side: Side): Decision {
  const first = unmet[0]!;
  return refuse(
    'RULE_VIOLATION',
    first.rule,
    `the ${side} side cannot sign yet: ${unmet.map((u) => `${u.key} (${u.rule})`).join(', ')}`,
    unmet,
  );
}

const outgoingOnly = new Set<Command['kind']>(['tidy', 'log-complete', 'unfinished']);
const incomingOnly = new Set<Command['kind']>([
  'count',
  'read-log',
  'accept-follow-ups',
  'check-area',
]);

/**
 * The refusals that depend only on who acts and where the handover stands (sealed, a side's
 * own steps): judged before anything else, so a stranger's malformed count is a 403, not a 400.
 */
export function refuseWho(
  state: HandoverState,
  kind: Command['kind'],
  actor: HandoverActor,
): Refusal | null {
  const status = statusOf(state);
  // after a gap, what the incoming side found is explained later: the one step a sealed
  // handover still takes (the signatures bind only the steps before them)
  if (status === 'sealed' && !(kind === 'explain' && state.gap)) {
    return {
      code: 'CONFLICT',
      rule: 'HO-IN-5',
      message: 'this handover is signed by both and sealed',
    };
  }
  const isOutgoing = actor.userId === state.outgoingUserId;
  const isIncoming = state.incomingUserId !== null && actor.userId === state.incomingUserId;
  if (outgoingOnly.has(kind)) {
    if (!isOutgoing) {
      return {
        code: 'FORBIDDEN',
        rule: 'HO-OUT-2',
        message: 'only the person handing over takes this step',
      };
    }
    if (status !== 'open') {
      return {
        code: 'CONFLICT',
        rule: 'HO-OUT-3',
        message: 'the outgoing side has signed; its steps are sealed',
      };
    }
  }
  if (incomingOnly.has(kind) && !isIncoming) {
    return {
      code: 'FORBIDDEN',
      rule: 'HO-IN-5',
      message:
        state.incomingUserId === null
          ? 'take part in the handover as the incoming person first'
          : 'only the person taking over takes this step',
    };
  }
  return null;
}

/** Judges one action. Refusals name their rule; a sealed handover takes no more steps. */
export function decide(
  state: HandoverState,
  command: Command,
  actor: HandoverActor,
  facts: HandoverFacts,
): Decision {
  const early = refuseWho(state, command.kind, actor);
  if (early !== null) return { ok: false, refusal: early };
  const status = statusOf(state);
  const isOutgoing = actor.userId === state.outgoingUserId;
  const isIncoming = state.incomingUserId !== null && actor.userId === state.incomingUserId;

  switch (command.kind) {
    case 'tidy':
      if (state.tidiedAt !== null) return refuse('CONFLICT', 'HO-OUT-1', 'ticked already');
      return accept({ kind: 'tidied' });
    case 'log-complete':
      if (state.logCompletedAt !== null) return refuse('CONFLICT', 'HO-OUT-2', 'ticked already');
      return accept({ kind: 'log-completed' });
    case 'unfinished': {
      if (state.followUpsAcceptedAt !== null) {
        return refuse('CONFLICT', 'HO-IN-3', 'the follow-ups were accepted already');
      }
      const told = new Set(command.items.map((i) => i.deskItemId));
      const untold = facts.ownOpenItemIds.filter((id) => !told.has(id));
      if (untold.length > 0) {
        return refuse(
          'RULE_VIOLATION',
          'HO-OUT-2',
          'tell every open item you hold as unfinished work',
          [{ rule: 'HO-OUT-2', key: 'untold-items', ids: untold }],
        );
      }
      return accept({ kind: 'unfinished-declared', items: command.items });
    }
    case 'exception': {
      if (!actor.mayGrantExceptions) {
        return refuse('FORBIDDEN', 'HO-OUT-4', 'only a supervisor or director grants an exception');
      }
      if (status !== 'open') {
        return refuse('CONFLICT', 'HO-OUT-3', 'the outgoing side has signed already');
      }
      const blocking = new Set(facts.blockingItemIds);
      const unknown = command.itemIds.filter((id) => !blocking.has(id));
      if (unknown.length > 0) {
        return refuse(
          'VALIDATION_FAILED',
          'HO-OUT-4',
          'itemIds: only open important or major items need an exception',
          [{ rule: 'HO-OUT-4', key: 'not-blocking', ids: unknown }],
        );
      }
      return accept({
        kind: 'exception-granted',
        itemIds: [...new Set(command.itemIds)],
        reason: command.reason,
      });
    }
    case 'join':
      if (isOutgoing) {
        return refuse('RULE_VIOLATION', 'HO-IN-5', 'the same person cannot take both sides');
      }
      if (state.incomingUserId !== null) {
        return refuse('CONFLICT', 'HO-IN-5', 'someone has taken over this handover already');
      }
      return accept({ kind: 'joined', userId: actor.userId, sessionId: command.sessionId });
    case 'count':
      if (state.count !== null) return refuse('CONFLICT', 'HO-IN-2', 'counted already');
      return accept({
        kind: 'counted',
        inventoryVersion: command.inventoryVersion,
        lines: command.lines,
      });
    case 'explain': {
      const mayExplain = isOutgoing || (status !== 'open' && actor.mayGrantExceptions);
      if (!mayExplain) {
        return refuse(
          'FORBIDDEN',
          command.target.type === 'item' ? 'HO-IN-2' : 'HO-IN-4',
          'the outgoing person explains (a supervisor too once they have signed and gone)',
        );
      }
      const key = targetKey(command.target);
      if (!explainTargets(state).some((t) => targetKey(t) === key)) {
        return refuse(
          'VALIDATION_FAILED',
          command.target.type === 'item' ? 'HO-IN-2' : 'HO-IN-4',
          'target: nothing missing, damaged or anomalous by that id',
        );
      }
      if (state.explanations.has(key)) {
        return refuse('CONFLICT', 'HO-IN-2', 'explained already; the explanation is recorded');
      }
      return accept({ kind: 'explained', target: command.target, text: command.text });
    }
    case 'read-log': {
      const period = new Set(facts.entriesToRead);
      const outside = command.entryIds.filter((id) => !period.has(id));
      if (outside.length > 0) {
        return refuse(
          'VALIDATION_FAILED',
          'HO-IN-3',
          'entryIds: not entries of the log being handed over',
          [{ rule: 'HO-IN-3', key: 'not-in-period', ids: outside }],
        );
      }
      return accept({ kind: 'log-read', entryIds: [...new Set(command.entryIds)] });
    }
    case 'accept-follow-ups':
      if (state.unfinished === null) {
        return refuse(
          'RULE_VIOLATION',
          'HO-OUT-2',
          'the outgoing person has not told the unfinished work yet',
        );
      }
      if (state.followUpsAcceptedAt !== null) {
        return refuse('CONFLICT', 'HO-IN-3', 'accepted already');
      }
      return accept({ kind: 'follow-ups-accepted', deskItemIds: [] });
    case 'check-area':
      if (state.areaCheckedAt !== null) return refuse('CONFLICT', 'HO-IN-4', 'checked already');
      return accept({ kind: 'area-checked', anomalies: command.anomalies });
    case 'sign':
      return decideSign(state, command, actor, facts, isOutgoing, isIncoming);
  }
}

function decideSign(
  state: HandoverState,
  command: Extract<Command, { kind: 'sign' }>,
  actor: HandoverActor,
  facts: HandoverFacts,
  isOutgoing: boolean,
  isIncoming: boolean,
): Decision {
  const rule: RuleId = command.side === 'outgoing' ? 'HO-OUT-3' : 'HO-IN-5';
  // on one shared desk screen either of the two may hold the device; no one else
  if (!isOutgoing && !isIncoming) {
    return refuse('FORBIDDEN', rule, 'only the two people of the handover sign it');
  }
  if (state.signatures[command.side] !== undefined) {
    return refuse('CONFLICT', rule, `the ${command.side} side has signed already`);
  }
  const signer = command.side === 'outgoing' ? state.outgoingUserId : state.incomingUserId;
  if (signer === null) {
    return refuse('RULE_VIOLATION', 'HO-IN-5', 'nobody has taken over yet');
  }
  if (command.side === 'incoming' && signer === state.outgoingUserId) {
    return refuse('RULE_VIOLATION', 'HO-IN-5', 'the same person cannot sign both sides');
  }
  if (!command.passwordOk) {
    return refuse('RULE_VIOLATION', rule, `the ${command.side} person's password is wrong`);
  }
  const unmet =
    command.side === 'outgoing' ? unmetOutgoing(state, facts) : unmetIncoming(state, facts);
  if (unmet.length > 0) return refuseUnmet(unmet, command.side);
  return accept({
    kind: 'signed',
    side: command.side,
    userId: signer,
    hash: '',
    gap: command.side === 'outgoing' && state.incomingUserId === null && facts.nobodyToTakeOver,
  });
}

/** Whether the outgoing person may leave the post (HO-OUT-3): both signed, or signed at a gap. */
export function mayLeavePost(state: HandoverState): boolean {
  const status = statusOf(state);
  return status === 'sealed' || (status === 'outgoing-signed' && state.gap);
}

/** One log entry as the signatures bind it. */
export type SealedEntry = {
  id: string;
  authorId: string;
  category: string;
  text: string;
  correctsId: string | null;
  deskItemId: string | null;
  createdAt: string;
  attachments: string[];
};

/** One step as the signatures bind it. */
export type SealedStep = {
  seq: number;
  kind: string;
  actorId: string | null;
  at: string;
  payload: unknown;
};

/**
 * The sha-256 a signature binds (HO-IN-5, HO-OUT-3): the handover's identity, the log entries
 * of the period and the record's steps before the signature, in canonical JSON. Changing any
 * of them afterwards changes this digest.
 */
export function handoverDigest(input: {
  handoverId: string;
  postId: string;
  outgoingSessionId: string;
  side: Side;
  logFrom: string;
  logTo: string;
  entries: readonly SealedEntry[];
  steps: readonly SealedStep[];
}): string {
  return createHash('sha256').update(canonicalJson(input)).digest('hex');
}
