import type { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type {
  CreateDeskItemBody,
  DeskItem,
  DeskItemDetail,
  DeskItemEvent,
  deskItemListQuerySchema,
} from '../../shared/contract/desk.ts';
import type { Tx } from '../db/database.ts';
import type { DeadlineRow } from '../db/deadlines.repo.ts';
import { insertDeadline, settleDeadlinesOf } from '../db/deadlines.repo.ts';
import {
  appendItemEvent,
  findDeskItem,
  insertDeskItem,
  listDeskItems,
  listItemEvents,
  listOnDutyUserIds,
  listOrgAdminIds,
  updateDeskItem,
  type DeskItemPatch,
  type DeskItemRecord,
} from '../db/desk-items.repo.ts';
import { findDeskSettings } from '../db/desk-settings.repo.ts';
import type { OfficeRow } from '../db/org.repo.ts';
import { listOfficeMembers } from '../db/user.repo.ts';
import {
  clocksFor,
  initialLevel,
  isOpen,
  levelResolveBy,
  nextLevel,
  recipientsAt,
  transition,
  type ItemAction,
  type ItemStatus,
  type Level,
  type Member,
} from '../domain/desk/desk-items.ts';
import { can } from '../domain/policy.ts';
import { recordAudit } from './audit.service.ts';
import { inTransaction, type ServiceContext, type ServiceDeps } from './context.ts';
import { notify } from './leave.service.ts';
import { loadOfficeFor } from './offices.service.ts';
import { listLogEntriesOfItem } from './duty-log.service.ts';
import { attachFiles, attachmentsByOwner } from './files.service.ts';

/**
 * Residents' inquiries 咨询 (WORK-1) and help requests 求助 (WORK-2) at the desk: recorded,
 * taken in hand, resolved and closed, each with its clocks (WORK-4) and escalated level by
 * level (ESC-1) by hand or when a clock runs out. Every step is an event in the item's
 * history and in the audit chain; the item row only holds the present state and a version.
 */

const respondKind = 'item.respond';
const resolveKind = 'item.resolve';
const itemClockKinds = [respondKind, resolveKind] as const;
/** attachments of desk items carry this owner kind */
const attachmentKind = 'desk-item';

type FileRefs = readonly { sha256: string; fileName: string }[] | undefined;

/** Attaches a step's evidence to the item; the step's event names the files by sha256. */
async function attachEvidence(
  tx: Tx,
  ctx: ServiceContext,
  item: Pick<DeskItemRecord, 'id' | 'orgId' | 'officeId'>,
  files: FileRefs,
): Promise<{ attachments?: string[] }> {
  if (files === undefined || files.length === 0) return {};
  const attached = await attachFiles(tx, {
    orgId: item.orgId,
    officeId: item.officeId,
    ownerKind: attachmentKind,
    ownerId: item.id,
    files,
    by: ctx.actor.userId,
    at: ctx.clock.now(),
    ids: ctx.ids,
  });
  return { attachments: attached.map((a) => a.sha256) };
}

function present(item: DeskItemRecord): DeskItem {
  const iso = (value: Date | null) => value?.toISOString() ?? null;
  return {
    id: item.id,
    officeId: item.officeId,
    kind: item.kind,
    priority: item.priority,
    status: item.status,
    level: item.level,
    residentName: item.residentName,
    unit: item.unit,
    phone: item.phone,
    channel: item.channel as DeskItem['channel'],
    subject: item.subject,
    ownerId: item.ownerId,
    ownerName: item.ownerName,
    version: item.version,
    createdBy: item.createdBy,
    createdByName: item.createdByName,
    createdAt: item.createdAt.toISOString(),
    respondBy: item.respondedAt === null ? iso(item.respondBy) : null,
    resolveBy: isOpen(item.status) ? iso(item.resolveBy) : null,
    respondedAt: iso(item.respondedAt),
    resolvedAt: iso(item.resolvedAt),
    closedAt: iso(item.closedAt),
  };
}

async function detailOf(ctx: ServiceDeps, item: DeskItemRecord): Promise<DeskItemDetail> {
  const [events, files, logEntries] = await Promise.all([
    listItemEvents(ctx.db, item.id),
    attachmentsByOwner(ctx.db, attachmentKind, [item.id]),
    listLogEntriesOfItem(ctx.db, item.id),
  ]);
  return {
    item: present(item),
    attachments: files.get(item.id) ?? [],
    logEntries,
    events: events.map((e) => ({
      seq: e.seq,
      kind: e.kind as DeskItemEvent['kind'],
      actorId: e.actorId,
      actorName: e.actorName,
      at: e.at.toISOString(),
      payload: e.payload,
    })),
  };
}

async function loadItem(
  ctx: ServiceContext,
  officeId: string,
  itemId: string,
): Promise<{ office: OfficeRow; item: DeskItemRecord }> {
  const office = await loadOfficeFor(ctx, officeId, 'help-request.handle');
  const item = await findDeskItem(ctx.db, itemId);
  if (item?.officeId !== office.id) throw new AppError('NOT_FOUND', 'no such inquiry or request');
  return { office, item };
}

function changedMeanwhile(): AppError {
  return new AppError('VERSION_CONFLICT', 'this item was changed meanwhile; reload it', {
    rule: 'WORK-2',
  });
}

function refuse(item: DeskItemRecord, action: ItemAction): never {
  const verdict = transition(item, action);
  if (verdict.ok) throw new Error('refuse called for an allowed step');
  if (verdict.reason === 'top-level') {
    throw new AppError('RULE_VIOLATION', 'the item is with the director already: nowhere higher', {
      rule: 'ESC-1',
      details: { level: item.level },
    });
  }
  throw new AppError('RULE_VIOLATION', `cannot ${action} an item that is ${item.status}`, {
    rule: 'WORK-2',
    details: { status: item.status, action },
  });
}

async function writeEvent(
  tx: Tx,
  deps: ServiceDeps,
  item: DeskItemRecord,
  kind: DeskItemEvent['kind'],
  actorId: string | null,
  payload: Record<string, unknown>,
): Promise<void> {
  const at = deps.clock.now();
  await appendItemEvent(tx, {
    id: deps.ids.newId(),
    orgId: item.orgId,
    itemId: item.id,
    kind,
    actorId,
    at,
    payload,
  });
  await recordAudit(tx, deps.clock, {
    orgId: item.orgId,
    actorUserId: actorId,
    action: `desk-item.${kind}`,
    entityType: 'desk-item',
    entityId: item.id,
    payload: { officeId: item.officeId, ...payload },
  });
}

/** Applies a state change when the item is still at the version the caller saw. */
async function applyPatch(
  tx: Tx,
  item: DeskItemRecord,
  expectedVersion: number,
  patch: DeskItemPatch,
): Promise<void> {
  if (
    item.version !== expectedVersion ||
    !(await updateDeskItem(tx, item.id, expectedVersion, patch))
  )
    throw changedMeanwhile();
}

/** The clock of `level` (WORK-4): a deadline row the ticker escalates when it runs out. */
async function scheduleResolveClock(
  tx: Tx,
  deps: ServiceDeps,
  item: Pick<DeskItemRecord, 'id' | 'orgId' | 'officeId'>,
  level: Level,
  dueAt: Date,
): Promise<void> {
  await insertDeadline(
    tx,
    {
      id: deps.ids.newId(),
      orgId: item.orgId,
      officeId: item.officeId,
      kind: resolveKind,
      subjectId: item.id,
      key: `item:${item.id}:resolve:${level}`,
      dueAt,
    },
    deps.clock.now(),
  );
}

/**
 * Tells the people at `level` (ESC-1). A level nobody holds stays the item's level (never
 * skipped); the organization's administrators are told so that someone fills it.
 */
async function reachLevel(
  tx: Tx,
  deps: ServiceDeps,
  item: DeskItemRecord,
  level: Level,
  kind: 'item.escalated' | 'item.major' | 'item.overdue',
  reason: string,
): Promise<{ reached: string[]; vacant: boolean }> {
  const now = deps.clock.now();
  const members: Member[] = (await listOfficeMembers(tx, item.officeId)).map((m) => ({
    userId: m.userId,
    role: m.role,
    active: m.active,
  }));
  const onDutyIds = await listOnDutyUserIds(tx, item.officeId, now);
  const recipients = recipientsAt(level, members, { ownerId: item.ownerId, onDutyIds });
  const payload = {
    officeId: item.officeId,
    itemId: item.id,
    kind: item.kind,
    priority: item.priority,
    subject: item.subject,
    level,
    reason,
  };
  await notify(tx, deps, item.orgId, recipients.userIds, kind, payload);
  if (recipients.vacant) {
    await notify(
      tx,
      deps,
      item.orgId,
      await listOrgAdminIds(tx, item.orgId),
      'item.level-vacant',
      payload,
    );
  }
  return { reached: recipients.userIds, vacant: recipients.vacant };
}

/**
 * Records an inquiry or help request (WORK-1, WORK-2). An inquiry answered on the spot closes
 * in one step; anything else starts its clocks (WORK-4), and a major one is reported to the
 * director at once (ESC-1).
 */
export async function createDeskItem(
  ctx: ServiceContext,
  officeId: string,
  body: CreateDeskItemBody,
): Promise<DeskItemDetail> {
  const office = await loadOfficeFor(ctx, officeId, 'help-request.handle');
  const { settings } = await findDeskSettings(ctx.db, office.id);
  const now = ctx.clock.now();
  const id = ctx.ids.newId();
  const answer = body.answer?.trim() ?? '';
  const onTheSpot = body.kind === 'inquiry' && answer !== '';
  const level = onTheSpot ? 'staff' : initialLevel(body.priority);
  const clocks = clocksFor(body.priority, now, settings);
  const blank = (value: string | undefined) =>
    value === undefined || value.trim() === '' ? null : value.trim();
  const record: DeskItemRecord = {
    id,
    orgId: office.orgId,
    officeId: office.id,
    kind: body.kind,
    priority: body.priority,
    status: onTheSpot ? 'closed' : 'new',
    level,
    residentName: blank(body.residentName),
    unit: blank(body.unit),
    phone: blank(body.phone),
    channel: body.channel,
    subject: body.subject,
    ownerId: onTheSpot ? ctx.actor.userId : null,
    ownerName: null,
    version: 1,
    createdBy: ctx.actor.userId,
    createdByName: '',
    createdAt: now,
    respondBy: onTheSpot ? null : clocks.respondBy,
    resolveBy: onTheSpot ? null : clocks.resolveBy,
    respondedAt: onTheSpot ? now : null,
    resolvedAt: onTheSpot ? now : null,
    closedAt: onTheSpot ? now : null,
  };
  await inTransaction(ctx, async (tx) => {
    await insertDeskItem(tx, record);
    const evidence = await attachEvidence(tx, ctx, record, body.attachments);
    await writeEvent(tx, ctx, record, 'created', ctx.actor.userId, {
      kind: body.kind,
      priority: body.priority,
      level,
      subject: body.subject,
      ...evidence,
    });
    if (onTheSpot) {
      await writeEvent(tx, ctx, record, 'closed', ctx.actor.userId, { text: answer, onTheSpot });
      return;
    }
    await insertDeadline(
      tx,
      {
        id: ctx.ids.newId(),
        orgId: office.orgId,
        officeId: office.id,
        kind: respondKind,
        subjectId: id,
        key: `item:${id}:respond`,
        dueAt: clocks.respondBy,
      },
      now,
    );
    await scheduleResolveClock(tx, ctx, record, level, clocks.resolveBy);
    if (level === 'director') {
      const reached = await reachLevel(tx, ctx, record, 'director', 'item.major', 'major');
      await writeEvent(tx, ctx, record, 'escalated', null, {
        from: null,
        to: 'director',
        reason: 'major',
        ...reached,
      });
    }
  });
  const saved = await findDeskItem(ctx.db, id);
  if (saved === null) throw new Error('desk item vanished after insert');
  return detailOf(ctx, saved);
}

export async function listDeskItemsOf(
  ctx: ServiceContext,
  officeId: string,
  query: z.infer<typeof deskItemListQuerySchema>,
): Promise<{ items: DeskItem[] }> {
  const office = await loadOfficeFor(ctx, officeId, 'help-request.handle');
  const statuses: ItemStatus[] =
    query.status === 'open'
      ? ['new', 'in_progress']
      : query.status === 'done'
        ? ['resolved', 'closed', 'cancelled']
        : ['new', 'in_progress', 'resolved', 'closed', 'cancelled'];
  const items = await listDeskItems(ctx.db, office.id, {
    statuses,
    ...(query.kind === undefined ? {} : { kind: query.kind }),
    limit: query.limit,
  });
  return { items: items.map(present) };
}

export async function getDeskItem(
  ctx: ServiceContext,
  officeId: string,
  itemId: string,
): Promise<DeskItemDetail> {
  const { item } = await loadItem(ctx, officeId, itemId);
  return detailOf(ctx, item);
}

type TextStepBody = { version: number; text: string; attachments?: FileRefs };

/** Runs one step on an item in a transaction and returns the item as it now is. */
async function step(
  ctx: ServiceContext,
  officeId: string,
  itemId: string,
  action: ItemAction,
  work: (tx: Tx, item: DeskItemRecord, office: OfficeRow) => Promise<void>,
): Promise<DeskItemDetail> {
  const { office, item } = await loadItem(ctx, officeId, itemId);
  if (!transition(item, action).ok) refuse(item, action);
  await inTransaction(ctx, (tx) => work(tx, item, office));
  const saved = await findDeskItem(ctx.db, itemId);
  if (saved === null) throw new Error('desk item vanished');
  return detailOf(ctx, saved);
}

/** Takes an item in hand (new → in progress): its response clock stops (WORK-4). */
export function takeDeskItem(
  ctx: ServiceContext,
  officeId: string,
  itemId: string,
  version: number,
): Promise<DeskItemDetail> {
  return step(ctx, officeId, itemId, 'take', async (tx, item) => {
    const now = ctx.clock.now();
    await applyPatch(tx, item, version, {
      status: 'in_progress',
      ownerId: ctx.actor.userId,
      respondedAt: now,
    });
    await settleDeadlinesOf(tx, item.id, [respondKind], 'responded', now);
    await writeEvent(tx, ctx, item, 'taken', ctx.actor.userId, {});
  });
}

/** A note on the item's history (what was done, what the resident said); no state change. */
export function noteDeskItem(
  ctx: ServiceContext,
  officeId: string,
  itemId: string,
  body: { text: string; attachments?: FileRefs },
): Promise<DeskItemDetail> {
  return step(ctx, officeId, itemId, 'note', async (tx, item) => {
    const evidence = await attachEvidence(tx, ctx, item, body.attachments);
    await writeEvent(tx, ctx, item, 'note', ctx.actor.userId, { text: body.text, ...evidence });
  });
}

/**
 * Resolves an item with what was done (WORK-2). A major issue is the director's to decide
 * (ESC-1): only a director resolves it.
 */
export function resolveDeskItem(
  ctx: ServiceContext,
  officeId: string,
  itemId: string,
  body: TextStepBody,
): Promise<DeskItemDetail> {
  return step(ctx, officeId, itemId, 'resolve', async (tx, item, office) => {
    const decider = can(ctx.actor, 'help-request.decide-major', {
      orgId: office.orgId,
      officeId: office.id,
    });
    if (item.priority === 'major' && !decider) {
      throw new AppError('FORBIDDEN', 'a major issue is the director’s to decide and resolve', {
        rule: 'ESC-1',
      });
    }
    const now = ctx.clock.now();
    await applyPatch(tx, item, body.version, {
      status: 'resolved',
      resolvedAt: now,
      ...(item.respondedAt === null ? { respondedAt: now } : {}),
      ...(item.ownerId === null ? { ownerId: ctx.actor.userId } : {}),
    });
    await settleDeadlinesOf(tx, item.id, itemClockKinds, 'resolved', now);
    const evidence = await attachEvidence(tx, ctx, item, body.attachments);
    await writeEvent(tx, ctx, item, 'resolved', ctx.actor.userId, {
      text: body.text,
      ...evidence,
    });
  });
}

/** Closes a resolved item (the resident confirmed, or nothing more is owed). */
export function closeDeskItem(
  ctx: ServiceContext,
  officeId: string,
  itemId: string,
  version: number,
): Promise<DeskItemDetail> {
  return step(ctx, officeId, itemId, 'close', async (tx, item) => {
    await applyPatch(tx, item, version, { status: 'closed', closedAt: ctx.clock.now() });
    await writeEvent(tx, ctx, item, 'closed', ctx.actor.userId, {});
  });
}

/** Cancels an open item with a reason (duplicate, withdrawn by the resident …). */
export function cancelDeskItem(
  ctx: ServiceContext,
  officeId: string,
  itemId: string,
  body: TextStepBody,
): Promise<DeskItemDetail> {
  return step(ctx, officeId, itemId, 'cancel', async (tx, item) => {
    const now = ctx.clock.now();
    await applyPatch(tx, item, body.version, { status: 'cancelled', closedAt: now });
    await settleDeadlinesOf(tx, item.id, itemClockKinds, 'cancelled', now);
    const evidence = await attachEvidence(tx, ctx, item, body.attachments);
    await writeEvent(tx, ctx, item, 'cancelled', ctx.actor.userId, {
      reason: body.text,
      ...evidence,
    });
  });
}

/**
 * Moves an open item one level up (ESC-1) and gives the new level its own resolution clock.
 * Shared by 上报 by hand and by the ticker when a target is missed.
 */
async function escalateOneLevel(
  tx: Tx,
  deps: ServiceDeps,
  item: DeskItemRecord,
  by: {
    actorId: string | null;
    reason: string;
    expectedVersion: number;
    evidence?: { attachments?: string[] };
  },
): Promise<void> {
  const to = nextLevel(item.level);
  if (to === null) refuse(item, 'escalate');
  const now = deps.clock.now();
  const resolveBy = levelResolveBy(
    item.priority,
    now,
    (await findDeskSettings(tx, item.officeId)).settings,
  );
  await applyPatch(tx, item, by.expectedVersion, { level: to, resolveBy });
  await settleDeadlinesOf(tx, item.id, [resolveKind], `escalated-to-${to}`, now);
  await scheduleResolveClock(tx, deps, item, to, resolveBy);
  const reached = await reachLevel(tx, deps, item, to, 'item.escalated', by.reason);
  await writeEvent(tx, deps, item, 'escalated', by.actorId, {
    from: item.level,
    to,
    reason: by.reason,
    auto: by.actorId === null,
    ...reached,
    ...by.evidence,
  });
}

/** 上报: escalates by hand with a reason (ESC-1). */
export function escalateDeskItem(
  ctx: ServiceContext,
  officeId: string,
  itemId: string,
  body: TextStepBody,
): Promise<DeskItemDetail> {
  return step(ctx, officeId, itemId, 'escalate', async (tx, item) => {
    const evidence = await attachEvidence(tx, ctx, item, body.attachments);
    await escalateOneLevel(tx, ctx, item, {
      actorId: ctx.actor.userId,
      reason: body.text,
      expectedVersion: body.version,
      evidence,
    });
  });
}

/**
 * The ticker's handler for an item's clocks (WORK-4, ESC-1). A missed response or
 * resolution target moves the item one level up; at the director's level the director is
 * told it is overdue. Re-reads the item in the claiming transaction, so an item handled or
 * escalated by hand meanwhile is left alone.
 */
export async function handleItemDeadline(
  tx: Tx,
  deadline: DeadlineRow,
  deps: ServiceDeps,
): Promise<string> {
  const item = await findDeskItem(tx, deadline.subjectId);
  if (item === null || !isOpen(item.status)) return 'settled';
  if (deadline.kind === respondKind && item.respondedAt !== null) return 'responded';
  const reason =
    deadline.kind === respondKind ? 'response-target-missed' : 'resolution-target-missed';
  if (nextLevel(item.level) === null) {
    // nowhere higher: the director is told again that the item is overdue
    const reached = await reachLevel(tx, deps, item, item.level, 'item.overdue', reason);
    await writeEvent(tx, deps, item, 'overdue', null, { reason, level: item.level, ...reached });
    return 'overdue-at-top';
  }
  await escalateOneLevel(tx, deps, item, {
    actorId: null,
    reason,
    expectedVersion: item.version,
  });
  return `escalated-to-${String(nextLevel(item.level))}`;
}

/**
 * HO-IN-3: the unfinished work accepted at a handover becomes desk items the incoming person
 * owns, inside the handover's transaction. An open item told about changes hands (taken in
 * hand if nobody had: its response clock stops); work told in words becomes a help request
 * in hand with its resolution clock (WORK-4). Returns the items' ids in the order of the notes.
 */
export async function takeOverFollowUps(
  tx: Tx,
  deps: ServiceDeps,
  office: Pick<OfficeRow, 'id' | 'orgId'>,
  notes: readonly { deskItemId: string | null; what: string; state: string; nextStep: string }[],
  toUserId: string,
  handoverId: string,
): Promise<string[]> {
  const now = deps.clock.now();
  const { settings } = await findDeskSettings(tx, office.id);
  const ids: string[] = [];
  for (const note of notes) {
    const told = { handoverId, state: note.state, nextStep: note.nextStep };
    const existing = note.deskItemId === null ? null : await findDeskItem(tx, note.deskItemId);
    if (existing !== null && existing.officeId === office.id) {
      ids.push(existing.id);
      if (!isOpen(existing.status)) continue;
      const patch: DeskItemPatch =
        existing.status === 'new'
          ? { status: 'in_progress', ownerId: toUserId, respondedAt: now }
          : { ownerId: toUserId };
      if (!(await updateDeskItem(tx, existing.id, existing.version, patch))) {
        throw changedMeanwhile();
      }
      await settleDeadlinesOf(tx, existing.id, [respondKind], 'responded', now);
      await writeEvent(tx, deps, existing, 'handed-over', toUserId, {
        from: existing.ownerId,
        to: toUserId,
        ...told,
      });
      continue;
    }
    const clocks = clocksFor('normal', now, settings);
    const record: DeskItemRecord = {
      id: deps.ids.newId(),
      orgId: office.orgId,
      officeId: office.id,
      kind: 'help',
      priority: 'normal',
      status: 'in_progress',
      level: 'staff',
      residentName: null,
      unit: null,
      phone: null,
      channel: 'other',
      subject: note.what,
      ownerId: toUserId,
      ownerName: null,
      version: 1,
      createdBy: toUserId,
      createdByName: '',
      createdAt: now,
      respondBy: null,
      resolveBy: clocks.resolveBy,
      respondedAt: now,
      resolvedAt: null,
      closedAt: null,
    };
    await insertDeskItem(tx, record);
    await writeEvent(tx, deps, record, 'created', toUserId, {
      kind: 'help',
      priority: 'normal',
      level: 'staff',
      subject: note.what,
    });
    await writeEvent(tx, deps, record, 'handed-over', toUserId, {
      from: null,
      to: toUserId,
      ...told,
    });
    await scheduleResolveClock(tx, deps, record, 'staff', clocks.resolveBy);
    ids.push(record.id);
  }
  return ids;
}
