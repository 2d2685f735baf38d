import type { z } from 'zod';
import type {
  Handover,
  HandoverDesk,
  HandoverStepBody,
  HandoverSummary,
  HandoverVerification,
  handoverListQuerySchema,
  InventoryBody,
  openHandoverBodySchema,
  PostInventory,
} from '../../shared/contract/handover.ts';
import type { LogEntry } from '../../shared/contract/duty.ts';
import { AppError, type ErrorDetail, throwIfInvalid } from '../../shared/errors.ts';
import type { RuleId } from '../../shared/rules.ts';
import { listAuditEvents } from '../db/audit.repo.ts';
import type { Queryable, Tx } from '../db/database.ts';
import { listDeskItems, type DeskItemRecord } from '../db/desk-items.repo.ts';
import {
  findDutySession,
  findDutySessions,
  listDutySessions,
  type DutySessionRecord,
} from '../db/duty.repo.ts';
import {
  advanceHandover,
  appendHandoverStep,
  findHandover,
  findHandoverOfSession,
  findInventory,
  insertHandover,
  insertInventory,
  insertSignature,
  lastLogToOfPost,
  listHandovers,
  listHandoverSteps,
  listSignatures,
  type HandoverRecord,
  type InventoryLine,
  type StepRecord,
} from '../db/handover.repo.ts';
import type { OfficeRow } from '../db/org.repo.ts';
import { listDuties } from '../db/roster.repo.ts';
import { findUserById, listOfficeMembers } from '../db/user.repo.ts';
import { localToInstant } from '../domain/calendar/local-time.ts';
import {
  canOpenAt,
  decide,
  evolve,
  foldSteps,
  handoverDigest,
  handoverOpensAt,
  isDiscrepancy,
  refuseWho,
  statusOf,
  takeOverWindow,
  targetKey,
  unmetIncoming,
  unmetOutgoing,
  type Command,
  type HandoverFacts,
  type HandoverState,
  type SealedEntry,
  type Side,
  type Step,
  type StepContent,
} from '../domain/handover/handover.ts';
import { can } from '../domain/policy.ts';
import { recordAudit } from './audit.service.ts';
import { inTransaction, type ServiceContext, type ServiceDeps } from './context.ts';
import { takeOverFollowUps } from './desk-items.service.ts';
import { listLogEntriesOfPeriod } from './duty-log.service.ts';
import { currentSessionOf, resolvePost } from './duty.service.ts';
import { attachFiles } from './files.service.ts';
import { notify } from './leave.service.ts';
import { carriedNonconformances } from './nonconformances.service.ts';
import { shiftPatrols } from './patrol-rounds.service.ts';
import { loadOfficeFor } from './offices.service.ts';

/**
 * The shift handover 交接班 (HO-IN-1…5, HO-OUT-1…4) and the post inventory 岗位物品.
 * Every action is judged by the domain state machine (`domain/handover/handover.ts`) inside
 * one transaction with the facts of that moment, and stored as the next step of the record:
 * the handover row moves from the version the action was taken on (409 otherwise), the step
 * takes the next sequence number (unique), and a signature is one row per side (unique).
 */

const openStatuses = ['open', 'outgoing-signed'] as const;
/** attachments of anomalies found at the area check carry this owner kind */
const attachmentKind = 'handover';

// ---- post inventory ----

function presentInventory(
  post: { id: string; name: string },
  record: Awaited<ReturnType<typeof findInventory>>,
): PostInventory {
  return {
    postId: post.id,
    postName: post.name,
    version: record?.version ?? 0,
    items: record?.items ?? [],
    updatedAt: record?.createdAt.toISOString() ?? null,
    updatedByName: record?.createdByName ?? null,
  };
}

export async function getInventory(
  ctx: ServiceContext,
  officeId: string,
  postId: string,
): Promise<PostInventory> {
  const office = await loadOfficeFor(ctx, officeId, 'dutylog.read');
  const post = await resolvePost(ctx.db, office, postId);
  return presentInventory(post, await findInventory(ctx.db, post.id));
}

/**
 * The supervisor saves the post's list of items (HO-IN-2): a new version, never an edit in
 * place. Items keep their ids across versions; a version saved meanwhile is refused (409).
 */
export async function saveInventory(
  ctx: ServiceContext,
  officeId: string,
  postId: string,
  body: InventoryBody,
): Promise<PostInventory> {
  const office = await loadOfficeFor(ctx, officeId, 'office.manage-settings');
  const post = await resolvePost(ctx.db, office, postId);
  const current = await findInventory(ctx.db, post.id);
  const known = new Set(current?.items.map((i) => i.id) ?? []);
  const details: ErrorDetail[] = [];
  body.items.forEach((item, index) => {
    if (item.id !== undefined && !known.has(item.id)) {
      details.push({ path: `items.${index}.id`, message: 'not an item of this post' });
    }
  });
  throwIfInvalid(details, 'HO-IN-2');
  if ((current?.version ?? 0) !== body.version) throw inventoryChanged();
  const items: InventoryLine[] = body.items.map((item) => ({
    id: item.id ?? ctx.ids.newId(),
    name: item.name,
    quantity: item.quantity,
    condition: item.condition ?? 'ok',
    note: item.note === undefined || item.note === '' ? null : item.note,
  }));
  const version = body.version + 1;
  await inTransaction(ctx, async (tx) => {
    const saved = await insertInventory(tx, {
      id: ctx.ids.newId(),
      orgId: office.orgId,
      officeId: office.id,
      postId: post.id,
      version,
      items,
      at: ctx.clock.now(),
      by: ctx.actor.userId,
    });
    if (!saved) throw inventoryChanged();
    await recordAudit(tx, ctx.clock, {
      orgId: office.orgId,
      actorUserId: ctx.actor.userId,
      action: 'inventory.saved',
      entityType: 'post',
      entityId: post.id,
      payload: { officeId: office.id, version, items },
    });
  });
  return presentInventory(post, await findInventory(ctx.db, post.id));
}

function inventoryChanged(): AppError {
  return new AppError('VERSION_CONFLICT', 'the post inventory was changed meanwhile; reload it', {
    rule: 'HO-IN-2',
  });
}

// ---- reading a handover ----

type Loaded = {
  record: HandoverRecord;
  steps: StepRecord[];
  state: HandoverState;
};

function toStep(s: StepRecord): Step {
  return { ...(s.payload as StepContent), kind: s.kind, actorId: s.actorId, at: s.at } as Step;
}

async function loadRecord(db: Queryable, record: HandoverRecord): Promise<Loaded> {
  const steps = await listHandoverSteps(db, [record.id]);
  return { record, steps, state: foldSteps(record.outgoingUserId, steps.map(toStep)) };
}

async function loadHandover(db: Queryable, office: OfficeRow, handoverId: string): Promise<Loaded> {
  const record = await findHandover(db, handoverId);
  if (record?.officeId !== office.id) throw new AppError('NOT_FOUND', 'no such handover');
  return loadRecord(db, record);
}

/**
 * The facts an action is judged with, read in the action's transaction (or for a view).
 * Whether anyone takes over soon is read only for the outgoing signature, its one use.
 */
async function factsOf(
  db: Queryable,
  loaded: Loaded,
  outgoing: DutySessionRecord,
  now: Date,
  forOutgoingSignature = false,
): Promise<{ facts: HandoverFacts; openItems: DeskItemRecord[]; entries: LogEntry[] }> {
  const { record, state } = loaded;
  const [openItems, entries, nobodyToTakeOver] = await Promise.all([
    listDeskItems(db, record.officeId, { statuses: ['new', 'in_progress'], limit: 1000 }),
    listLogEntriesOfPeriod(db, record.postId, record.logFrom, record.logTo ?? now),
    forOutgoingSignature ? nobodyTakesOver(db, record, outgoing) : false,
  ]);
  return {
    openItems,
    entries,
    facts: {
      now,
      blockingItemIds: openItems.filter((i) => i.priority !== 'normal').map((i) => i.id),
      ownOpenItemIds: openItems.filter((i) => i.ownerId === record.outgoingUserId).map((i) => i.id),
      // HO-IN-3: what the incoming person wrote themselves needs no reading
      entriesToRead: entries.filter((e) => e.authorId !== state.incomingUserId).map((e) => e.id),
      nobodyToTakeOver,
    },
  };
}

/**
 * Whether anyone takes over soon: another person rostered to start around the shift's end,
 * or checked in at the office for a shift that goes on after it (issue 7, point 5).
 */
async function nobodyTakesOver(
  db: Queryable,
  record: HandoverRecord,
  outgoing: DutySessionRecord,
): Promise<boolean> {
  const window = takeOverWindow(outgoing.endsAt);
  const [duties, sessions] = await Promise.all([
    listDuties(db, { officeId: record.officeId, from: window.from, to: window.to }),
    listDutySessions(db, { officeId: record.officeId, open: true, endsAfter: outgoing.endsAt }),
  ]);
  const starting = duties.some(
    (d) =>
      d.userId !== record.outgoingUserId &&
      d.startsAt.getTime() >= window.from.getTime() &&
      d.startsAt.getTime() <= window.to.getTime(),
  );
  const staying = sessions.some((s) => s.userId !== record.outgoingUserId);
  return !starting && !staying;
}

function presentPerson(s: DutySessionRecord): Handover['outgoing'] {
  return {
    userId: s.userId,
    displayName: s.displayName,
    sessionId: s.id,
    date: s.date,
    shiftName: s.shiftName,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    checkedInAt: s.checkedInAt.toISOString(),
    lateMinutes: s.lateMinutes,
  };
}

async function sessionOf(db: Queryable, id: string): Promise<DutySessionRecord> {
  const session = await findDutySession(db, id);
  if (session === null) throw new Error(`duty session ${id} vanished`);
  return session;
}

async function present(db: Queryable, loaded: Loaded, now: Date): Promise<Handover> {
  const { record, steps, state } = loaded;
  const [outgoing, incoming, signatures, nonconformances] = await Promise.all([
    sessionOf(db, record.outgoingSessionId),
    record.incomingSessionId === null ? null : sessionOf(db, record.incomingSessionId),
    listSignatures(db, record.id),
    carriedNonconformances(db, record.officeId, record.sealedAt, now),
  ]);
  const patrols = await shiftPatrols(db, outgoing);
  const { facts, openItems, entries } = await factsOf(db, loaded, outgoing, now);
  const names = new Map(steps.map((s) => [s.actorId, s.actorName]));
  names.set(outgoing.userId, outgoing.displayName);
  if (incoming !== null) names.set(incoming.userId, incoming.displayName);
  const nameOf = (id: string | null) => (id === null ? '' : (names.get(id) ?? ''));
  const signature = (side: Side) => {
    const s = signatures.find((x) => x.side === side);
    return s === undefined
      ? null
      : { userId: s.userId, displayName: nameOf(s.userId), at: s.at.toISOString(), hash: s.hash };
  };
  const excepted = new Set(state.exceptions.flatMap((e) => e.itemIds));
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const sealed = statusOf(state) === 'sealed';
  return {
    id: record.id,
    officeId: record.officeId,
    postId: record.postId,
    postName: record.postName,
    status: statusOf(state),
    version: record.version,
    openedAt: record.openedAt.toISOString(),
    outgoing: presentPerson(outgoing),
    incoming: incoming === null ? null : presentPerson(incoming),
    gap: state.gap,
    logFrom: record.logFrom.toISOString(),
    logTo: iso(record.logTo),
    checklist: {
      tidiedAt: iso(state.tidiedAt),
      logCompletedAt: iso(state.logCompletedAt),
      unfinished: state.unfinished,
      exceptions: state.exceptions.map((e) => ({
        itemIds: e.itemIds,
        reason: e.reason,
        byName: nameOf(e.by),
        at: e.at.toISOString(),
      })),
      countedAt: iso(state.count?.at ?? null),
      inventoryVersion: state.count?.inventoryVersion ?? null,
      discrepancies: (state.count?.lines ?? []).filter(isDiscrepancy).map((l) => ({
        ...l,
        explanation: state.explanations.get(targetKey({ type: 'item', id: l.itemId })) ?? null,
      })),
      followUpsAcceptedAt: iso(state.followUpsAcceptedAt),
      followUpItemIds: state.followUpItemIds,
      areaCheckedAt: iso(state.areaCheckedAt),
      anomalies: state.anomalies.map((a) => ({
        ...a,
        explanation: state.explanations.get(targetKey({ type: 'anomaly', id: a.id })) ?? null,
      })),
      readEntryIds: [...state.readEntryIds],
    },
    logEntries: entries.filter((e) => facts.entriesToRead.includes(e.id)),
    nonconformances,
    patrols,
    blocking: openItems
      .filter((i) => facts.blockingItemIds.includes(i.id))
      .map((i) => ({
        id: i.id,
        subject: i.subject,
        priority: i.priority,
        status: i.status,
        excepted: excepted.has(i.id),
      })),
    unmet: sealed
      ? { outgoing: [], incoming: [] }
      : {
          outgoing: state.signatures.outgoing === undefined ? unmetOutgoing(state, facts) : [],
          incoming: unmetIncoming(state, facts),
        },
    signatures: { outgoing: signature('outgoing'), incoming: signature('incoming') },
    sealedAt: iso(record.sealedAt),
    steps: steps.map((s) => ({
      seq: s.seq,
      kind: s.kind,
      actorId: s.actorId,
      actorName: s.actorName,
      at: s.at.toISOString(),
      payload: s.payload,
    })),
  };
}

export async function getHandover(
  ctx: ServiceContext,
  officeId: string,
  handoverId: string,
): Promise<Handover> {
  const office = await loadOfficeFor(ctx, officeId, 'dutylog.read');
  return present(ctx.db, await loadHandover(ctx.db, office, handoverId), ctx.clock.now());
}

/**
 * What the desk offers the caller: opening the handover of their session (from 15 minutes
 * before its end, HO-OUT-1), the handovers they take part in, and those of their post that
 * wait for someone to take over. Supervisors and directors see every unsealed one.
 */
export async function getHandoverDesk(
  ctx: ServiceContext,
  officeId: string,
): Promise<HandoverDesk> {
  const office = await loadOfficeFor(ctx, officeId, 'dutylog.read');
  const now = ctx.clock.now();
  const userId = ctx.actor.userId;
  const session = await currentSessionOf(ctx.db, office.id, userId, now);
  const own = session === null ? null : await findHandoverOfSession(ctx.db, session.id, 'outgoing');
  const oversees = can(ctx.actor, 'handover.grant-exception', {
    orgId: office.orgId,
    officeId: office.id,
  });
  const unsealed = await listHandovers(ctx.db, {
    officeId: office.id,
    statuses: openStatuses,
    limit: 100,
  });
  const mine = unsealed.filter(
    (h) => h.outgoingUserId === userId || h.incomingUserId === userId || oversees,
  );
  const awaiting = unsealed.filter(
    (h) =>
      h.incomingUserId === null &&
      h.outgoingUserId !== userId &&
      session !== null &&
      h.postId === session.postId &&
      h.outgoingSessionId !== session.id,
  );
  const presentAll = (records: HandoverRecord[]) =>
    Promise.all(records.map(async (r) => present(ctx.db, await loadRecord(ctx.db, r), now)));
  return {
    now: now.toISOString(),
    canOpen:
      session === null || own !== null || session.checkedOutAt !== null
        ? null
        : {
            sessionId: session.id,
            opensAt: handoverOpensAt(session.endsAt).toISOString(),
            endsAt: session.endsAt.toISOString(),
          },
    mine: await presentAll(mine),
    awaiting: await presentAll(awaiting),
  };
}

/** The handovers of an office with their compliance, newest first (issue 7, point 6). */
export async function listHandoverSummaries(
  ctx: ServiceContext,
  officeId: string,
  query: z.infer<typeof handoverListQuerySchema>,
): Promise<{ handovers: HandoverSummary[] }> {
  const office = await loadOfficeFor(ctx, officeId, 'dutylog.read');
  const dayStart = (date: string, plusDays = 0) => {
    const instant = localToInstant(date, '00:00', office.timeZone);
    return new Date(instant.getTime() + plusDays * 86_400_000);
  };
  const records = await listHandovers(ctx.db, {
    officeId: office.id,
    ...(query.postId === undefined ? {} : { postId: query.postId }),
    ...(query.from === undefined ? {} : { openedFrom: dayStart(query.from) }),
    ...(query.to === undefined ? {} : { openedTo: dayStart(query.to, 1) }),
    limit: query.limit,
  });
  const steps = await listHandoverSteps(
    ctx.db,
    records.map((r) => r.id),
  );
  const sessions = await findDutySessions(
    ctx.db,
    records.flatMap((r) => [r.outgoingSessionId, r.incomingSessionId ?? r.outgoingSessionId]),
  );
  const handovers = records.map((r): HandoverSummary => {
    const state = foldSteps(
      r.outgoingUserId,
      steps.filter((s) => s.handoverId === r.id).map(toStep),
    );
    const outgoing = sessions.get(r.outgoingSessionId)!;
    const incoming =
      r.incomingSessionId === null ? null : (sessions.get(r.incomingSessionId) ?? null);
    const discrepancies = (state.count?.lines ?? []).filter(isDiscrepancy);
    const targets = [
      ...discrepancies.map((l) => targetKey({ type: 'item', id: l.itemId })),
      ...state.anomalies.map((a) => targetKey({ type: 'anomaly', id: a.id })),
    ];
    const outgoingSigned = state.signatures.outgoing?.at ?? null;
    return {
      id: r.id,
      postName: r.postName,
      status: statusOf(state),
      openedAt: r.openedAt.toISOString(),
      outgoingName: outgoing.displayName,
      incomingName: incoming?.displayName ?? null,
      shiftEndsAt: outgoing.endsAt.toISOString(),
      sealedAt: r.sealedAt?.toISOString() ?? null,
      gap: state.gap,
      onTime: outgoingSigned !== null && outgoingSigned.getTime() <= outgoing.endsAt.getTime(),
      incomingLateMinutes: incoming?.lateMinutes ?? null,
      exceptions: state.exceptions.length,
      discrepancies: discrepancies.length,
      unexplained: targets.filter((k) => !state.explanations.has(k)).length,
      anomalies: state.anomalies.length,
    };
  });
  return { handovers };
}

// ---- acting on a handover ----

/**
 * Opens the handover of the caller's duty session (HO-OUT-1: from 15 minutes before its end).
 * The log to hand over starts where the post's last handed-over log ended, or at check-in.
 */
export async function openHandover(
  ctx: ServiceContext,
  officeId: string,
  body: z.infer<typeof openHandoverBodySchema>,
): Promise<Handover> {
  const office = await loadOfficeFor(ctx, officeId, 'handover.take-part');
  const now = ctx.clock.now();
  const session =
    body.sessionId === undefined
      ? await currentSessionOf(ctx.db, office.id, ctx.actor.userId, now)
      : await findDutySession(ctx.db, body.sessionId);
  if (
    session?.officeId !== office.id ||
    session.userId !== ctx.actor.userId ||
    session.checkedOutAt !== null
  ) {
    throw new AppError('RULE_VIOLATION', 'only the person on duty hands over their shift', {
      rule: 'HO-OUT-3',
    });
  }
  if (!canOpenAt(session.endsAt, now)) {
    throw new AppError(
      'RULE_VIOLATION',
      `the handover opens at ${handoverOpensAt(session.endsAt).toISOString()}, 15 minutes before the shift ends`,
      { rule: 'HO-OUT-1', details: { opensAt: handoverOpensAt(session.endsAt).toISOString() } },
    );
  }
  const id = ctx.ids.newId();
  await inTransaction(ctx, async (tx) => {
    const logFrom = (await lastLogToOfPost(tx, session.postId)) ?? session.checkedInAt;
    const opened = await insertHandover(tx, {
      id,
      orgId: office.orgId,
      officeId: office.id,
      postId: session.postId,
      outgoingSessionId: session.id,
      outgoingUserId: session.userId,
      status: 'open',
      version: 1,
      gap: false,
      openedAt: now,
      logFrom,
    });
    if (!opened) {
      throw new AppError('CONFLICT', 'the handover of this shift is open already', {
        rule: 'HO-OUT-3',
      });
    }
    await appendHandoverStep(tx, {
      id: ctx.ids.newId(),
      orgId: office.orgId,
      handoverId: id,
      seq: 1,
      kind: 'opened',
      actorId: ctx.actor.userId,
      at: now,
      payload: { sessionId: session.id },
    });
    await recordAudit(tx, ctx.clock, {
      orgId: office.orgId,
      actorUserId: ctx.actor.userId,
      action: 'handover.opened',
      entityType: 'handover',
      entityId: id,
      payload: { officeId: office.id, postId: session.postId, sessionId: session.id },
    });
  });
  return getHandover(ctx, office.id, id);
}

function refusal(
  code: AppError['code'],
  rule: RuleId,
  message: string,
  details?: Record<string, unknown>,
) {
  return new AppError(code, message, { rule, ...(details === undefined ? {} : { details }) });
}

/**
 * Takes one step of a handover: checks the password first when signing (outside the
 * transaction: hashing is slow), then judges the action with the facts read in the
 * transaction and writes the step, its effects and the audit event, or nothing.
 */
export async function takeHandoverStep(
  ctx: ServiceContext,
  officeId: string,
  handoverId: string,
  body: HandoverStepBody,
): Promise<Handover> {
  const office = await loadOfficeFor(ctx, officeId, 'handover.take-part');
  const action = body.action;
  let passwordOk = true;
  if (action.kind === 'sign') {
    const { record, state } = await loadHandover(ctx.db, office, handoverId);
    const signerId = action.side === 'outgoing' ? record.outgoingUserId : state.incomingUserId;
    if (
      signerId !== null &&
      [record.outgoingUserId, state.incomingUserId].includes(ctx.actor.userId)
    ) {
      const signer = await findUserById(ctx.db, signerId);
      passwordOk =
        signer !== null &&
        signer.active &&
        (await ctx.passwords.verify(action.password, signer.passwordHash));
      if (!passwordOk) {
        await inTransaction(ctx, (tx) =>
          recordAudit(tx, ctx.clock, {
            orgId: office.orgId,
            actorUserId: ctx.actor.userId,
            action: 'handover.sign-failed',
            entityType: 'handover',
            entityId: record.id,
            payload: { officeId: office.id, side: action.side, signerId, reason: 'wrong-password' },
          }),
        );
      }
    }
  }
  await inTransaction(ctx, async (tx) => {
    const loaded = await loadHandover(tx, office, handoverId);
    const { record, state } = loaded;
    if (record.version !== body.version) {
      throw new AppError('VERSION_CONFLICT', 'the handover moved on meanwhile; reload it', {
        rule: 'HO-IN-5',
      });
    }
    const now = ctx.clock.now();
    const actor = {
      userId: ctx.actor.userId,
      mayGrantExceptions: can(ctx.actor, 'handover.grant-exception', {
        orgId: office.orgId,
        officeId: office.id,
      }),
    };
    const early = refuseWho(state, body.action.kind, actor);
    if (early !== null) throw refusal(early.code, early.rule, early.message);
    const outgoing = await sessionOf(tx, record.outgoingSessionId);
    const action = body.action;
    const { facts } = await factsOf(
      tx,
      loaded,
      outgoing,
      now,
      action.kind === 'sign' && action.side === 'outgoing',
    );
    const command = await commandOf(tx, ctx, office, loaded, body, passwordOk, now);
    const verdict = decide(state, command, actor, facts);
    if (!verdict.ok) {
      const r = verdict.refusal;
      throw refusal(
        r.code,
        r.rule,
        r.message,
        r.unmet === undefined ? undefined : { unmet: r.unmet },
      );
    }
    await applyStep(tx, ctx, office, loaded, verdict.step, now);
  });
  return getHandover(ctx, office.id, handoverId);
}

/** Turns the request's action into the domain's command, with what only the database knows. */
async function commandOf(
  tx: Tx,
  ctx: ServiceContext,
  office: OfficeRow,
  loaded: Loaded,
  body: HandoverStepBody,
  passwordOk: boolean,
  now: Date,
): Promise<Command> {
  const action = body.action;
  switch (action.kind) {
    case 'unfinished': {
      const details: ErrorDetail[] = [];
      const open = await listDeskItems(tx, office.id, {
        statuses: ['new', 'in_progress'],
        limit: 1000,
      });
      action.items.forEach((item, index) => {
        if (item.deskItemId !== undefined && !open.some((i) => i.id === item.deskItemId)) {
          details.push({
            path: `action.items.${index}.deskItemId`,
            message: 'no open item by that id in this office',
          });
        }
      });
      throwIfInvalid(details, 'HO-OUT-2');
      return {
        kind: 'unfinished',
        items: action.items.map((i) => ({
          deskItemId: i.deskItemId ?? null,
          what: i.what,
          state: i.state,
          nextStep: i.nextStep,
        })),
      };
    }
    case 'join': {
      const session = await currentSessionOf(tx, office.id, ctx.actor.userId, now);
      if (session === null) {
        throw refusal('RULE_VIOLATION', 'HO-IN-1', 'check in for your shift before taking over');
      }
      if (session.id === loaded.record.outgoingSessionId) {
        throw refusal('RULE_VIOLATION', 'HO-IN-5', 'the same person cannot take both sides');
      }
      if (session.postId !== loaded.record.postId) {
        throw refusal('RULE_VIOLATION', 'HO-IN-5', 'you are checked in at another post');
      }
      return { kind: 'join', sessionId: session.id };
    }
    case 'count': {
      const inventory = await findInventory(tx, loaded.record.postId);
      if ((inventory?.version ?? 0) !== action.inventoryVersion) {
        throw new AppError(
          'VERSION_CONFLICT',
          'the post inventory was changed meanwhile; count the list in force',
          { rule: 'HO-IN-2' },
        );
      }
      const items = inventory?.items ?? [];
      const details: ErrorDetail[] = [];
      const seen = new Set<string>();
      action.lines.forEach((line, index) => {
        if (!items.some((i) => i.id === line.itemId)) {
          details.push({
            path: `action.lines.${index}.itemId`,
            message: 'not an item of this post',
          });
        } else if (seen.has(line.itemId)) {
          details.push({ path: `action.lines.${index}.itemId`, message: 'counted twice' });
        }
        seen.add(line.itemId);
      });
      for (const item of items) {
        if (!seen.has(item.id)) {
          details.push({ path: 'action.lines', message: `${item.name} is not counted` });
        }
      }
      throwIfInvalid(details, 'HO-IN-2');
      return {
        kind: 'count',
        inventoryVersion: action.inventoryVersion,
        lines: items.map((item) => {
          const line = action.lines.find((l) => l.itemId === item.id)!;
          return {
            itemId: item.id,
            name: item.name,
            expected: item.quantity,
            expectedCondition: item.condition,
            counted: line.counted,
            condition: line.condition,
            note: line.note === undefined || line.note === '' ? null : line.note,
          };
        }),
      };
    }
    case 'check-area': {
      const anomalies = [];
      for (const [index, anomaly] of action.anomalies.entries()) {
        const attached = await attachFiles(tx, {
          orgId: office.orgId,
          officeId: office.id,
          ownerKind: attachmentKind,
          ownerId: loaded.record.id,
          files: anomaly.attachments ?? [],
          by: ctx.actor.userId,
          at: now,
          ids: ctx.ids,
        });
        anomalies.push({
          id: `A${index + 1}`,
          text: anomaly.text,
          attachments: attached.map((a) => a.sha256),
        });
      }
      return { kind: 'check-area', anomalies };
    }
    case 'sign':
      return { kind: 'sign', side: action.side, passwordOk };
    case 'explain':
    case 'read-log':
    case 'exception':
    case 'tidy':
    case 'log-complete':
    case 'accept-follow-ups':
      return action;
  }
}

/** Writes a judged step: the row moves on, the step is appended, effects and audit follow. */
async function applyStep(
  tx: Tx,
  ctx: ServiceContext,
  office: OfficeRow,
  loaded: Loaded,
  decided: StepContent,
  now: Date,
): Promise<void> {
  const { record, steps, state } = loaded;
  let step = decided;
  let patch: Parameters<typeof advanceHandover>[3] = {};
  if (step.kind === 'joined') {
    patch = { incomingSessionId: step.sessionId, incomingUserId: step.userId };
  }
  if (step.kind === 'follow-ups-accepted') {
    const ids = await takeOverFollowUps(
      tx,
      ctx,
      office,
      state.unfinished ?? [],
      ctx.actor.userId,
      record.id,
    );
    step = { ...step, deskItemIds: ids };
  }
  if (step.kind === 'signed') {
    const logTo = step.side === 'outgoing' ? now : (record.logTo ?? now);
    const hash = await digestAt(tx, record, step.side, logTo, steps);
    step = { ...step, hash };
    const kept = await insertSignature(tx, {
      handoverId: record.id,
      side: step.side,
      orgId: office.orgId,
      userId: step.userId,
      at: now,
      hash,
    });
    if (!kept) {
      throw refusal('CONFLICT', 'HO-IN-5', `the ${step.side} side has signed already`);
    }
    patch =
      step.side === 'outgoing'
        ? { status: 'outgoing-signed', logTo, gap: step.gap }
        : { status: 'sealed', sealedAt: now };
  }
  if (!(await advanceHandover(tx, record.id, record.version, patch))) {
    throw new AppError('VERSION_CONFLICT', 'the handover moved on meanwhile; reload it', {
      rule: 'HO-IN-5',
    });
  }
  const { kind, ...payload } = step;
  const appended = await appendHandoverStep(tx, {
    id: ctx.ids.newId(),
    orgId: office.orgId,
    handoverId: record.id,
    seq: steps.length + 1,
    kind,
    actorId: ctx.actor.userId,
    at: now,
    payload,
  });
  if (!appended) {
    throw new AppError('VERSION_CONFLICT', 'the handover moved on meanwhile; reload it', {
      rule: 'HO-IN-5',
    });
  }
  await recordAudit(tx, ctx.clock, {
    orgId: office.orgId,
    actorUserId: ctx.actor.userId,
    action: `handover.${kind}`,
    entityType: 'handover',
    entityId: record.id,
    payload: { officeId: office.id, seq: steps.length + 1, ...payload },
  });
  const after = evolve(state, { ...step, actorId: ctx.actor.userId, at: now });
  await tellFindings(tx, ctx, office, record, after, step);
}

/**
 * HO-IN-2, HO-IN-4: a missing or damaged item or an anomaly is flagged to the supervisors at
 * once; after a gap signature it also goes back to the outgoing person for explanation.
 */
async function tellFindings(
  tx: Tx,
  deps: ServiceDeps,
  office: OfficeRow,
  record: HandoverRecord,
  state: HandoverState,
  step: StepContent,
): Promise<void> {
  const found =
    step.kind === 'counted'
      ? step.lines.filter(isDiscrepancy).map((l) => l.name)
      : step.kind === 'area-checked'
        ? step.anomalies.map((a) => a.text)
        : [];
  if (found.length === 0) return;
  const members = await listOfficeMembers(tx, office.id);
  const supervisors = members.filter((m) => m.active && m.role !== 'staff').map((m) => m.userId);
  const told = state.gap ? [...supervisors, record.outgoingUserId] : supervisors;
  await notify(tx, deps, office.orgId, told, 'handover.finding', {
    officeId: office.id,
    handoverId: record.id,
    kind: step.kind === 'counted' ? 'items' : 'anomalies',
    found,
  });
}

/** The log entries of a period as the signatures bind them. */
async function sealedEntries(
  db: Queryable,
  record: HandoverRecord,
  logTo: Date,
): Promise<SealedEntry[]> {
  const entries = await listLogEntriesOfPeriod(db, record.postId, record.logFrom, logTo);
  return entries.map((e) => ({
    id: e.id,
    authorId: e.authorId,
    category: e.category,
    text: e.text,
    correctsId: e.correctsId,
    deskItemId: e.deskItemId,
    createdAt: e.createdAt,
    attachments: e.attachments.map((a) => a.sha256),
  }));
}

/** The digest a side signs: the log of the period and the record's steps before the signature. */
async function digestAt(
  db: Queryable,
  record: HandoverRecord,
  side: Side,
  logTo: Date,
  stepsBefore: readonly StepRecord[],
): Promise<string> {
  return handoverDigest({
    handoverId: record.id,
    postId: record.postId,
    outgoingSessionId: record.outgoingSessionId,
    side,
    logFrom: record.logFrom.toISOString(),
    logTo: logTo.toISOString(),
    entries: await sealedEntries(db, record, logTo),
    steps: stepsBefore.map((s) => ({
      seq: s.seq,
      kind: s.kind,
      actorId: s.actorId,
      at: s.at.toISOString(),
      payload: s.payload,
    })),
  });
}

/**
 * Recomputes what each signature bound from the log and the record as they are now, and
 * compares it with the stored signature and with the hash the audit chain recorded when the
 * side signed: a sealed log entry or step changed in the database shows here.
 */
export async function verifyHandover(
  ctx: ServiceContext,
  officeId: string,
  handoverId: string,
): Promise<HandoverVerification> {
  const office = await loadOfficeFor(ctx, officeId, 'dutylog.read');
  const { record, steps } = await loadHandover(ctx.db, office, handoverId);
  const [signatures, audited] = await Promise.all([
    listSignatures(ctx.db, record.id),
    listAuditEvents(ctx.db, office.orgId, {
      limit: 1000,
      entityType: 'handover',
      entityId: record.id,
    }),
  ]);
  const results = await Promise.all(
    signatures.map(async (s) => {
      const side = s.side as Side;
      const signedStep = steps.find((x) => x.kind === 'signed' && x.payload.side === side);
      const before = steps.filter((x) => x.seq < (signedStep?.seq ?? Number.MAX_SAFE_INTEGER));
      const logTo = record.logTo ?? s.at;
      const computed = await digestAt(ctx.db, record, side, logTo, before);
      const event = audited.find(
        (e) =>
          e.action === 'handover.signed' && (e.payload as Record<string, unknown>).side === side,
      );
      const auditedHash = (event?.payload as Record<string, unknown> | undefined)?.hash;
      const auditedText = typeof auditedHash === 'string' ? auditedHash : null;
      return {
        side,
        stored: s.hash,
        computed,
        audited: auditedText,
        ok: computed === s.hash && auditedText === s.hash,
      };
    }),
  );
  return { ok: results.every((r) => r.ok), signatures: results };
}
