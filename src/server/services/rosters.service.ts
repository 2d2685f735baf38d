import type { z } from 'zod';
import { AppError, throwIfInvalid, type ErrorDetail } from '../../shared/errors.ts';
import type {
  cellChangeSchema,
  myDutiesSchema,
  personMonthSchema,
  rosterStatusSchema,
  rosterVersionListSchema,
  rosterVersionSchema,
  RosterMonth,
  wishInputSchema,
  wishListSchema,
} from '../../shared/contract/rosters.ts';
import type { Queryable, Tx } from '../db/database.ts';
import {
  findOffice,
  listAllShiftTemplatesOfOffice,
  listShiftTemplatesOfOffices,
  type OfficeRow,
} from '../db/org.repo.ts';
import {
  findRosterVersion,
  findRoster,
  findGeneration,
  advancePublishedVersion,
  hasPublishedRosterBefore,
  insertAssignments,
  insertRoster,
  insertRosterVersion,
  listDuties,
  listRosterVersions,
  listWishes,
  markPublished,
  replaceWishes,
  updateDraft,
  type AssignmentRecord,
  type RosterDraft,
  type RosterRecord,
  type VersionSnapshot,
} from '../db/roster.repo.ts';
import {
  findOfficeRosterSettings,
  listHolidayCalendars,
  listPersonRules,
} from '../db/roster-settings.repo.ts';
import { findUserById, listOfficeMembers } from '../db/user.repo.ts';
import { createHolidayLookup, shippedHolidayYears } from '../domain/calendar/holiday-calendar.ts';
import {
  addDays,
  datesOfMonth,
  instantToLocal,
  shiftInterval,
  weekdayOf,
} from '../domain/calendar/local-time.ts';
import {
  buildOfficeMonth,
  checkOfficeMonth,
  type MonthCells,
  type MonthViolation,
  type PersonTotals,
  type OfficeMonthInput,
} from '../domain/roster/office-month.ts';
import { defaultRosterSettings } from '../domain/roster/office-settings.ts';
import {
  nextMonth,
  rosterDeadlines,
  type RosterDeadlines,
} from '../domain/roster/roster-deadlines.ts';
import { can } from '../domain/policy.ts';
import { shiftMinutes } from '../domain/shift-templates.ts';
import { recordAudit } from './audit.service.ts';
import { inTransaction, type ServiceContext } from './context.ts';
import { loadOfficeFor } from './offices.service.ts';

/** How long a generation may go without a heartbeat before it counts as abandoned. */
export const generationHeartbeatSeconds = 60;

/** Everything the engine and the views need about one office month. */
export type MonthContext = {
  office: OfficeRow;
  month: string;
  input: OfficeMonthInput;
  templates: Awaited<ReturnType<typeof listShiftTemplatesOfOffices>>;
  names: Map<string, string>;
  roster: RosterRecord | null;
  /** whether a holiday calendar covers the month's year (else no day is a holiday) */
  holidayCalendarKnown: boolean;
};

/**
 * Loads an office month: active shifts, settings (or defaults), the people on the roster
 * (the office's active staff, and anyone the draft already names), their rules, the holiday
 * calendars in force and the wishes in force.
 */
export async function loadMonthContext(
  db: Queryable,
  office: OfficeRow,
  month: string,
): Promise<MonthContext> {
  const [templates, stored, members, rules, calendars, wishes, roster] = await Promise.all([
    listShiftTemplatesOfOffices(db, [office.id]),
    findOfficeRosterSettings(db, office.id),
    listOfficeMembers(db, office.id),
    listPersonRules(db, office.id),
    listHolidayCalendars(db, office.orgId),
    listWishes(db, office.id, month),
    findRoster(db, office.id, month),
  ]);
  const years = calendars.map((c) => c.data);
  for (const shipped of shippedHolidayYears()) {
    if (!years.some((y) => y.year === shipped.year)) years.push(shipped);
  }
  const named = new Set(Object.keys(roster?.draft.cells ?? {}));
  const people = members.filter((m) => m.active && (m.role === 'staff' || named.has(m.userId)));
  return {
    office,
    month,
    templates,
    names: new Map(members.map((m) => [m.userId, m.displayName])),
    roster,
    holidayCalendarKnown: years.some((y) => y.year === Number(month.slice(0, 4))),
    input: {
      month,
      templates,
      settings: stored?.settings ?? defaultRosterSettings(templates),
      people: people.map((m) => ({
        userId: m.userId,
        rules: rules.get(m.userId) ?? { limits: {} },
      })),
      dayInfo: createHolidayLookup(years),
      wishes: wishes.map((w) => ({
        userId: w.userId,
        date: w.date,
        kind: w.kind,
        shiftCode: w.shiftCode,
      })),
    },
  };
}

function deadlinesView(d: RosterDeadlines, now: Date): RosterMonth['deadlines'] {
  return {
    publishBy: d.publishBy,
    deadlineAt: d.deadlineAt.toISOString(),
    remindFrom: d.remindFrom,
    wishesCutoff: d.wishesCutoff,
    wishesOpen: now < d.wishesCloseAt,
  };
}

function deadlinesOf(context: Pick<MonthContext, 'office' | 'month' | 'input'>, now: Date) {
  const d = rosterDeadlines(context.month, context.input.settings, context.office.timeZone);
  return { raw: d, view: deadlinesView(d, now) };
}

function snapshotCells(snapshot: VersionSnapshot, dates: readonly string[]): MonthCells {
  const cells: MonthCells = {};
  for (const row of snapshot.rows) {
    const byDate: Record<string, string> = {};
    row.cells.forEach((code, d) => {
      if (code !== null && dates[d] !== undefined) byDate[dates[d]] = code;
    });
    cells[row.userId] = byDate;
  }
  return cells;
}

/** The month as the actor may see it: supervisors see the draft; staff only what is published. */
async function presentMonth(ctx: ServiceContext, context: MonthContext): Promise<RosterMonth> {
  const { office, month, input, roster } = context;
  const monthModel = buildOfficeMonth(input);
  const canEdit = can(ctx.actor, 'roster.edit', { orgId: office.orgId, officeId: office.id });
  let cells: MonthCells | null = null;
  let pins: RosterDraft['pins'] = {};
  if (roster?.status === 'published' && roster.publishedVersion !== null) {
    const version = await findRosterVersion(ctx.db, roster.id, roster.publishedVersion);
    cells = version === null ? {} : snapshotCells(version.snapshot, monthModel.dates);
  } else if (roster !== null && canEdit) {
    cells = roster.draft.cells;
    pins = roster.draft.pins;
  }
  const check = cells === null ? null : checkOfficeMonth(monthModel, input, cells);
  const deadlines = deadlinesOf(context, ctx.clock.now());
  return {
    officeId: office.id,
    officeName: office.name,
    timeZone: office.timeZone,
    month,
    status: roster === null ? 'none' : roster.status,
    revision: roster?.revision ?? 0,
    publishedVersion: roster?.publishedVersion ?? null,
    publishedAt: roster?.publishedAt?.toISOString() ?? null,
    publishedLate: roster?.publishedLate ?? false,
    deadlines: deadlines.view,
    days: monthModel.days.map((day) => ({
      date: day.date,
      weekday: (weekdayOf(day.date) + 6) % 7,
      kind: day.kind,
      ...(day.holidayName === null ? {} : { holidayName: day.holidayName }),
    })),
    holidayCalendarKnown: context.holidayCalendarKnown,
    shifts: context.templates.map((t, i) => ({
      code: t.code,
      name: t.name,
      startTime: t.startTime,
      endTime: t.endTime,
      minutes: shiftMinutes(t),
      evening: monthModel.evening[i]!,
    })),
    rows:
      cells === null
        ? []
        : monthModel.userIds.map((userId, p) => ({
            userId,
            displayName: context.names.get(userId) ?? userId,
            cells: monthModel.dates.map((date) => cells[userId]?.[date] ?? null),
            pinned: monthModel.dates.map((date) => pins[userId]?.includes(date) ?? false),
            totals: check!.totals[p]!,
          })),
    check:
      check === null
        ? null
        : {
            objective: check.objective,
            hardViolations: check.hardViolations,
            cover: check.cover,
            brokenWishes: check.brokenWishes,
            averages: check.averages,
          },
    canEdit: canEdit && roster?.status !== 'published',
  };
}

/** The roster of an office month (ROSTER-1): everyone in the office reads it. */
export async function getRosterMonth(
  ctx: ServiceContext,
  officeId: string,
  month: string,
): Promise<RosterMonth> {
  const office = await loadOfficeFor(ctx, officeId, 'roster.read');
  return presentMonth(ctx, await loadMonthContext(ctx.db, office, month));
}

/** ROSTER-2: a published roster changes only through leave, substitution or approved swaps. */
export function refusePublished(roster: RosterRecord | null): void {
  if (roster?.status === 'published') {
    throw new AppError(
      'RULE_VIOLATION',
      'the roster is published; it changes only through approved leave, substitution or swaps',
      { rule: 'ROSTER-2' },
    );
  }
}

/** Creates the month's empty draft when there is none yet; returns the roster. */
export async function ensureDraft(
  ctx: ServiceContext,
  office: OfficeRow,
  month: string,
): Promise<RosterRecord> {
  const existing = await findRoster(ctx.db, office.id, month);
  if (existing !== null) return existing;
  await inTransaction(ctx, async (tx) => {
    const id = ctx.ids.newId();
    if (
      await insertRoster(
        tx,
        { id, orgId: office.orgId, officeId: office.id, month },
        ctx.actor.userId,
        ctx.clock.now(),
      )
    ) {
      await recordAudit(tx, ctx.clock, {
        orgId: office.orgId,
        actorUserId: ctx.actor.userId,
        action: 'roster.draft-created',
        entityType: 'roster',
        entityId: id,
        payload: { officeId: office.id, month },
      });
    }
  });
  return (await findRoster(ctx.db, office.id, month))!;
}

function staleRevision(): AppError {
  return new AppError('VERSION_CONFLICT', 'the roster changed meanwhile; reload and try again');
}

/** A generation that is running (and alive) blocks edits and publishing until it ends. */
async function refuseWhileGenerating(ctx: ServiceContext, roster: RosterRecord): Promise<void> {
  const generation = await findGeneration(ctx.db, { rosterId: roster.id });
  if (
    generation?.status === 'running' &&
    ctx.clock.now().getTime() - generation.heartbeatAt.getTime() < generationHeartbeatSeconds * 1000
  ) {
    throw new AppError('CONFLICT', 'the roster is being generated; wait for it or stop it first', {
      details: { generationId: generation.id },
    });
  }
}

/**
 * The supervisor edits draft cells (ROSTER-1). Every edit is judged at once by the
 * evaluator (the answer carries the check); edited cells are pinned unless told otherwise.
 */
export async function editRosterCells(
  ctx: ServiceContext,
  officeId: string,
  month: string,
  body: { revision: number; changes: z.infer<typeof cellChangeSchema>[] },
): Promise<RosterMonth> {
  const office = await loadOfficeFor(ctx, officeId, 'roster.read');
  if (!can(ctx.actor, 'roster.edit', { orgId: office.orgId, officeId: office.id })) {
    // LEAVE-3: staff change the roster only through leave or a swap the supervisor approves
    throw new AppError(
      'FORBIDDEN',
      'staff change the roster only through leave requests or approved swaps',
      { rule: 'LEAVE-3' },
    );
  }
  const before = await loadMonthContext(ctx.db, office, month);
  refusePublished(before.roster);
  const onRoster = new Set(before.input.people.map((p) => p.userId));
  const codes = new Set(before.templates.map((t) => t.code));
  const dates = new Set(buildOfficeMonth(before.input).dates);
  const details: ErrorDetail[] = [];
  body.changes.forEach((change, i) => {
    const at = `changes.${String(i)}`;
    if (!onRoster.has(change.userId))
      details.push({ path: `${at}.userId`, message: 'this person is not on the office’s roster' });
    if (!dates.has(change.date))
      details.push({ path: `${at}.date`, message: `the date is not in ${month}` });
    if (change.shiftCode !== null && !codes.has(change.shiftCode))
      details.push({
        path: `${at}.shiftCode`,
        message: `no shift ${change.shiftCode} in this office`,
      });
  });
  throwIfInvalid(details);
  const roster = before.roster ?? (await ensureDraft(ctx, office, month));
  if (roster.revision !== body.revision) throw staleRevision();
  await refuseWhileGenerating(ctx, roster);

  const draft: RosterDraft = structuredClone(roster.draft);
  for (const change of body.changes) {
    const row = Object.entries(draft.cells[change.userId] ?? {}).filter(
      ([date]) => date !== change.date,
    );
    if (change.shiftCode !== null) row.push([change.date, change.shiftCode]);
    draft.cells[change.userId] = Object.fromEntries(row.sort(([a], [b]) => a.localeCompare(b)));
    const pins = new Set(draft.pins[change.userId] ?? []);
    if (change.pinned === false) pins.delete(change.date);
    else pins.add(change.date);
    draft.pins[change.userId] = [...pins].sort();
  }
  await inTransaction(ctx, async (tx) => {
    if (!(await updateDraft(tx, roster.id, body.revision, draft, ctx.clock.now())))
      throw staleRevision();
    await recordAudit(tx, ctx.clock, {
      orgId: office.orgId,
      actorUserId: ctx.actor.userId,
      action: 'roster.cells-edited',
      entityType: 'roster',
      entityId: roster.id,
      payload: { month, revision: body.revision + 1, changes: body.changes },
    });
  });
  return presentMonth(ctx, await loadMonthContext(ctx.db, office, month));
}

/** Releases every pinned cell of the draft, so re-optimising may change all of them. */
export async function unpinRosterCells(
  ctx: ServiceContext,
  officeId: string,
  month: string,
  revision: number,
): Promise<RosterMonth> {
  const office = await loadOfficeFor(ctx, officeId, 'roster.edit');
  const roster = await findRoster(ctx.db, office.id, month);
  refusePublished(roster);
  if (roster === null) throw new AppError('NOT_FOUND', `no roster for ${month} yet`);
  if (roster.revision !== revision) throw staleRevision();
  await refuseWhileGenerating(ctx, roster);
  await inTransaction(ctx, async (tx) => {
    if (
      !(await updateDraft(tx, roster.id, revision, { ...roster.draft, pins: {} }, ctx.clock.now()))
    )
      throw staleRevision();
    await recordAudit(tx, ctx.clock, {
      orgId: office.orgId,
      actorUserId: ctx.actor.userId,
      action: 'roster.unpinned',
      entityType: 'roster',
      entityId: roster.id,
      payload: { month, revision: revision + 1 },
    });
  });
  return presentMonth(ctx, await loadMonthContext(ctx.db, office, month));
}

/**
 * Publishes the draft as version 1 (ROSTER-1). After the deadline it is still allowed but
 * recorded as late. A roster the evaluator finds hard violations in needs a written reason.
 * From then on the roster is read-only (ROSTER-2).
 */
export async function publishRoster(
  ctx: ServiceContext,
  officeId: string,
  month: string,
  body: { revision: number; overrideReason?: string | undefined },
): Promise<RosterMonth> {
  const office = await loadOfficeFor(ctx, officeId, 'roster.publish');
  const context = await loadMonthContext(ctx.db, office, month);
  const roster = context.roster;
  refusePublished(roster);
  if (roster === null) throw new AppError('NOT_FOUND', `no roster for ${month} to publish`);
  if (roster.revision !== body.revision) throw staleRevision();
  await refuseWhileGenerating(ctx, roster);
  const monthModel = buildOfficeMonth(context.input);
  const check = checkOfficeMonth(monthModel, context.input, roster.draft.cells);
  if (check.hardViolations.length > 0 && body.overrideReason === undefined) {
    throw new AppError(
      'RULE_VIOLATION',
      `the roster breaks ${String(check.hardViolations.length)} rule(s); fix them or publish with a written reason`,
      { rule: 'ROSTER-1', details: { violations: check.hardViolations } },
    );
  }
  const now = ctx.clock.now();
  const late = now >= rosterDeadlines(month, context.input.settings, office.timeZone).deadlineAt;
  const snapshot: VersionSnapshot = {
    shifts: context.templates.map((t) => ({
      code: t.code,
      name: t.name,
      startTime: t.startTime,
      endTime: t.endTime,
    })),
    rows: monthModel.userIds.map((userId) => ({
      userId,
      displayName: context.names.get(userId) ?? userId,
      cells: monthModel.dates.map((date) => roster.draft.cells[userId]?.[date] ?? null),
    })),
  };
  const assignments = await assignmentsOf(ctx, office, roster.id, 1, snapshot, monthModel.dates);
  await inTransaction(ctx, async (tx) => {
    if (
      !(await markPublished(tx, roster.id, body.revision, {
        version: 1,
        by: ctx.actor.userId,
        at: now,
        late,
      }))
    )
      throw staleRevision();
    await insertRosterVersion(tx, {
      id: ctx.ids.newId(),
      orgId: office.orgId,
      rosterId: roster.id,
      version: 1,
      kind: 'publish',
      reason: body.overrideReason ?? null,
      late,
      snapshot,
      by: ctx.actor.userId,
      at: now,
    });
    await insertAssignments(tx, assignments);
    await recordAudit(tx, ctx.clock, {
      orgId: office.orgId,
      actorUserId: ctx.actor.userId,
      action: 'roster.published',
      entityType: 'roster',
      entityId: roster.id,
      payload: {
        officeId: office.id,
        month,
        version: 1,
        late,
        overrideReason: body.overrideReason ?? null,
        hardViolations: check.hardViolations.length,
        assignments: assignments.length,
      },
    });
  });
  return presentMonth(ctx, await loadMonthContext(ctx.db, office, month));
}

/**
 * The duties of a version as assignment rows with their instants in the office's time zone;
 * shift codes resolve through every template the office ever had (retired ones included).
 */
async function assignmentsOf(
  ctx: ServiceContext,
  office: OfficeRow,
  rosterId: string,
  version: number,
  snapshot: VersionSnapshot,
  dates: readonly string[],
): Promise<AssignmentRecord[]> {
  const templates = await listAllShiftTemplatesOfOffice(ctx.db, office.id);
  const byCode = new Map(templates.map((t) => [t.code, t]));
  return snapshot.rows.flatMap((row) =>
    row.cells.flatMap((code, d) => {
      const template = code === null ? undefined : byCode.get(code);
      const date = dates[d];
      if (template === undefined || date === undefined) return [];
      const interval = shiftInterval(date, template, office.timeZone);
      return [
        {
          id: ctx.ids.newId(),
          orgId: office.orgId,
          officeId: office.id,
          rosterId,
          version,
          userId: row.userId,
          date,
          shiftTemplateId: template.id,
          startsAt: interval.start,
          endsAt: interval.end,
        },
      ];
    }),
  );
}

/** A published month in force: its cells by person and date, and how to judge changes to it. */
export type PublishedMonth = {
  office: OfficeRow;
  month: string;
  context: MonthContext;
  roster: RosterRecord;
  version: number;
  dates: string[];
  cells: MonthCells;
  /** the shift a person holds on a date in the version in force, or null */
  dutyOf: (userId: string, date: string) => string | null;
};

export async function loadPublishedMonth(
  db: Queryable,
  office: OfficeRow,
  month: string,
): Promise<PublishedMonth | null> {
  const context = await loadMonthContext(db, office, month);
  const roster = context.roster;
  if (roster?.status !== 'published' || roster.publishedVersion === null) return null;
  const version = await findRosterVersion(db, roster.id, roster.publishedVersion);
  if (version === null) return null;
  const dates = datesOfMonth(month);
  const cells = snapshotCells(version.snapshot, dates);
  return {
    office,
    month,
    context,
    roster,
    version: roster.publishedVersion,
    dates,
    cells,
    dutyOf: (userId, date) => cells[userId]?.[date] ?? null,
  };
}

/**
 * Judges changes to a published month with the evaluator: the hard violations the changed
 * month has that the month in force had not (by rule, person and dates), and the per-person
 * totals before the change. People the month does not name yet (a substitute from outside the
 * roster) are judged with the office's default limits.
 */
export function judgeCellChanges(
  published: PublishedMonth,
  changes: readonly RosterCellChange[],
): {
  newViolations: MonthViolation[];
  totalsBefore: Map<string, PersonTotals>;
} {
  const input = published.context.input;
  const extra = changes
    .map((c) => c.userId)
    .filter((id, i, all) => all.indexOf(id) === i)
    .filter((id) => !input.people.some((p) => p.userId === id))
    .map((userId) => ({ userId, rules: { limits: {} } }));
  const judged = { ...input, people: [...input.people, ...extra] };
  const model = buildOfficeMonth(judged);
  const before = checkOfficeMonth(model, judged, published.cells);
  const after: MonthCells = structuredClone(published.cells);
  for (const change of changes) {
    const row = Object.entries(after[change.userId] ?? {}).filter(([d]) => d !== change.date);
    if (change.shiftCode !== null) row.push([change.date, change.shiftCode]);
    after[change.userId] = Object.fromEntries(row);
  }
  const key = (v: MonthViolation): string => `${v.rule}|${v.userId ?? ''}|${v.dates.join(',')}`;
  const known = new Set(before.hardViolations.map(key));
  return {
    newViolations: checkOfficeMonth(model, judged, after).hardViolations.filter(
      (v) => !known.has(key(v)),
    ),
    totalsBefore: new Map(model.userIds.map((id, p) => [id, before.totals[p]!])),
  };
}

export type RosterCellChange = { userId: string; date: string; shiftCode: string | null };

/**
 * Changes a published roster (ROSTER-2) — only leave with a substitute, an approved swap or an
 * emergency cover call this — as a new version with who, when, why and the cells changed.
 * Runs inside the caller's transaction; a concurrent change of the same roster fails with 409.
 */
export async function changePublishedRoster(
  tx: Tx,
  ctx: ServiceContext,
  change: {
    office: OfficeRow;
    month: string;
    kind: 'leave' | 'swap' | 'emergency';
    reason: string;
    cells: readonly RosterCellChange[];
    /** the request or decision behind the change, for the audit */
    source: Record<string, unknown>;
  },
): Promise<{ version: number }> {
  const { office, month } = change;
  const roster = await findRoster(tx, office.id, month);
  if (roster?.status !== 'published' || roster.publishedVersion === null) {
    throw new AppError('NOT_FOUND', `${month} is not published`);
  }
  const current = await findRosterVersion(tx, roster.id, roster.publishedVersion);
  if (current === null) throw new AppError('NOT_FOUND', `${month} has no published version`);
  const dates = datesOfMonth(month);
  const rows = current.snapshot.rows.map((row) => ({ ...row, cells: [...row.cells] }));
  for (const cell of change.cells) {
    const day = dates.indexOf(cell.date);
    if (day < 0) throw new AppError('VALIDATION_FAILED', `${cell.date} is not in ${month}`);
    let row = rows.find((r) => r.userId === cell.userId);
    if (row === undefined) {
      const user = await findUserById(tx, cell.userId);
      row = {
        userId: cell.userId,
        displayName: user?.displayName ?? cell.userId,
        cells: dates.map(() => null),
      };
      rows.push(row);
    }
    row.cells[day] = cell.shiftCode;
  }
  const snapshot: VersionSnapshot = { shifts: current.snapshot.shifts, rows };
  const version = roster.publishedVersion + 1;
  const now = ctx.clock.now();
  if (!(await advancePublishedVersion(tx, roster.id, roster.publishedVersion, now))) {
    throw new AppError('VERSION_CONFLICT', 'the roster changed meanwhile; reload and try again');
  }
  await insertRosterVersion(tx, {
    id: ctx.ids.newId(),
    orgId: office.orgId,
    rosterId: roster.id,
    version,
    kind: change.kind,
    reason: change.reason,
    late: false,
    snapshot,
    by: ctx.actor.userId,
    at: now,
  });
  await insertAssignments(
    tx,
    await assignmentsOf({ ...ctx, db: tx }, office, roster.id, version, snapshot, dates),
  );
  await recordAudit(tx, ctx.clock, {
    orgId: office.orgId,
    actorUserId: ctx.actor.userId,
    action: 'roster.version-created',
    entityType: 'roster',
    entityId: roster.id,
    payload: {
      month,
      version,
      kind: change.kind,
      reason: change.reason,
      cells: change.cells,
      ...change.source,
    },
  });
  return { version };
}

async function publishedRoster(ctx: ServiceContext, officeId: string, month: string) {
  const office = await loadOfficeFor(ctx, officeId, 'roster.read');
  const roster = await findRoster(ctx.db, office.id, month);
  if (roster?.status !== 'published') throw new AppError('NOT_FOUND', `${month} is not published`);
  return { office, roster };
}

/** Every published version of a month, oldest first (ROSTER-2). */
export async function listVersions(
  ctx: ServiceContext,
  officeId: string,
  month: string,
): Promise<z.infer<typeof rosterVersionListSchema>> {
  const { roster } = await publishedRoster(ctx, officeId, month);
  const versions = await listRosterVersions(ctx.db, roster.id);
  return {
    versions: versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
  };
}

export async function getVersion(
  ctx: ServiceContext,
  officeId: string,
  month: string,
  version: number,
): Promise<z.infer<typeof rosterVersionSchema>> {
  const { roster } = await publishedRoster(ctx, officeId, month);
  const found = await findRosterVersion(ctx.db, roster.id, version);
  if (found === null) throw new AppError('NOT_FOUND', `no version ${String(version)} of ${month}`);
  return {
    version: found.version,
    kind: found.kind,
    reason: found.reason,
    late: found.late,
    createdAt: found.createdAt.toISOString(),
    createdBy: found.createdBy,
    createdByName: found.createdByName,
    rows: found.snapshot.rows,
  };
}

/**
 * One person's month (ROSTER-2, LEAVE history): the duties of the first published version
 * (planned) against the version in force (actual), and each version that changed them.
 * Staff read their own; supervisors and the director anyone's in the office.
 */
export async function getPersonMonth(
  ctx: ServiceContext,
  officeId: string,
  month: string,
  userId: string,
): Promise<z.infer<typeof personMonthSchema>> {
  const { office, roster } = await publishedRoster(ctx, officeId, month);
  if (
    userId !== ctx.actor.userId &&
    !can(ctx.actor, 'leave.decide', { orgId: office.orgId, officeId: office.id })
  ) {
    throw new AppError('FORBIDDEN', 'staff read only their own month');
  }
  const dates = datesOfMonth(month);
  const summaries = await listRosterVersions(ctx.db, roster.id);
  const rowOf = async (version: number) => {
    const found = await findRosterVersion(ctx.db, roster.id, version);
    const row = found?.snapshot.rows.find((r) => r.userId === userId);
    return { row, cells: dates.map((_, d) => row?.cells[d] ?? null) };
  };
  const first = await rowOf(1);
  let previous = first.cells;
  let displayName = first.row?.displayName;
  const changes = [];
  for (const summary of summaries.filter((v) => v.version > 1)) {
    const { row, cells } = await rowOf(summary.version);
    displayName ??= row?.displayName;
    const changed = dates.filter((_, d) => cells[d] !== previous[d]);
    if (changed.length > 0) {
      changes.push({
        version: summary.version,
        kind: summary.kind,
        reason: summary.reason,
        createdAt: summary.createdAt.toISOString(),
        createdByName: summary.createdByName,
        dates: changed,
      });
    }
    previous = cells;
  }
  if (displayName === undefined) {
    const user = await findUserById(ctx.db, userId);
    if (user?.orgId !== office.orgId) throw new AppError('NOT_FOUND', 'no such person');
    displayName = user.displayName;
  }
  return { userId, displayName, month, dates, planned: first.cells, actual: previous, changes };
}

/** Wishes of a month: staff see their own, supervisors everyone's. */
export async function getWishes(
  ctx: ServiceContext,
  officeId: string,
  month: string,
): Promise<z.infer<typeof wishListSchema>> {
  const office = await loadOfficeFor(ctx, officeId, 'roster.read');
  const context = await loadMonthContext(ctx.db, office, month);
  const everyone = can(ctx.actor, 'roster.edit', { orgId: office.orgId, officeId: office.id });
  const wishes = await listWishes(
    ctx.db,
    office.id,
    month,
    everyone ? undefined : ctx.actor.userId,
  );
  return {
    month,
    deadlines: deadlinesOf(context, ctx.clock.now()).view,
    wishes: wishes.map((w) => ({ ...w, createdAt: w.createdAt.toISOString() })),
  };
}

/**
 * A staff member sets their wishes for a month until the cut-off the supervisor set
 * (ROSTER-1): days they cannot work, days off or shifts they wish for. The new list replaces
 * the old one; the old rows are kept, marked withdrawn.
 */
export async function saveMyWishes(
  ctx: ServiceContext,
  officeId: string,
  month: string,
  wishes: z.infer<typeof wishInputSchema>[],
): Promise<z.infer<typeof wishListSchema>> {
  const office = await loadOfficeFor(ctx, officeId, 'roster.read');
  const context = await loadMonthContext(ctx.db, office, month);
  if (!context.input.people.some((p) => p.userId === ctx.actor.userId)) {
    throw new AppError('FORBIDDEN', 'only people on the office’s roster enter wishes');
  }
  const deadlines = deadlinesOf(context, ctx.clock.now());
  if (!deadlines.view.wishesOpen || context.roster?.status === 'published') {
    throw new AppError(
      'RULE_VIOLATION',
      `wishes for ${month} closed at the end of ${deadlines.view.wishesCutoff}`,
      { rule: 'ROSTER-1', details: { wishesCutoff: deadlines.view.wishesCutoff } },
    );
  }
  const dates = new Set(buildOfficeMonth(context.input).dates);
  const codes = new Set(context.templates.map((t) => t.code));
  const details: ErrorDetail[] = [];
  wishes.forEach((wish, i) => {
    const at = `wishes.${String(i)}`;
    if (!dates.has(wish.date))
      details.push({ path: `${at}.date`, message: `the date is not in ${month}` });
    if (wishes.findIndex((w) => w.date === wish.date) !== i)
      details.push({ path: `${at}.date`, message: 'one wish per day' });
    if (wish.kind === 'wish-shift') {
      if (wish.shiftCode === undefined)
        details.push({ path: `${at}.shiftCode`, message: 'name the shift you wish for' });
      else if (!codes.has(wish.shiftCode))
        details.push({
          path: `${at}.shiftCode`,
          message: `no shift ${wish.shiftCode} in this office`,
        });
    } else if (wish.shiftCode !== undefined) {
      details.push({ path: `${at}.shiftCode`, message: 'only a wish for a shift names a shift' });
    }
  });
  throwIfInvalid(details);
  await inTransaction(ctx, async (tx) => {
    await replaceWishes(
      tx,
      { orgId: office.orgId, officeId: office.id, month, userId: ctx.actor.userId },
      wishes.map((w) => ({
        id: ctx.ids.newId(),
        date: w.date,
        kind: w.kind,
        shiftCode: w.shiftCode ?? null,
        note: w.note ?? null,
      })),
      ctx.clock.now(),
    );
    await recordAudit(tx, ctx.clock, {
      orgId: office.orgId,
      actorUserId: ctx.actor.userId,
      action: 'roster.wishes-saved',
      entityType: 'office',
      entityId: office.id,
      payload: { month, wishes },
    });
  });
  return getWishes(ctx, officeId, month);
}

/** The actor's duties in every office, from the published rosters in force (ROSTER-2). */
export async function getMyDuties(
  ctx: ServiceContext,
  range: { from?: string | undefined; to?: string | undefined },
): Promise<z.infer<typeof myDutiesSchema>> {
  const now = ctx.clock.now();
  const from =
    range.from === undefined
      ? new Date(now.getTime() - 86_400_000)
      : new Date(`${range.from}T00:00:00Z`);
  const to =
    range.to === undefined
      ? new Date(now.getTime() + 62 * 86_400_000)
      : new Date(`${addDays(range.to, 1)}T00:00:00Z`);
  if (to <= from) {
    throw new AppError('VALIDATION_FAILED', 'the range ends before it starts', {
      details: [{ path: 'to', message: 'must not be before from' }],
    });
  }
  if (to.getTime() - from.getTime() > 400 * 86_400_000) {
    throw new AppError('VALIDATION_FAILED', 'ask for at most 400 days at a time', {
      details: [{ path: 'to', message: 'at most 400 days after from' }],
    });
  }
  // a day's bounds differ by zone; widen by a day each side and keep duties of those dates
  const duties = await listDuties(ctx.db, {
    userId: ctx.actor.userId,
    from: new Date(from.getTime() - 86_400_000),
    to: new Date(to.getTime() + 86_400_000),
  });
  return {
    duties: duties
      .filter((d) =>
        range.from === undefined && range.to === undefined
          ? d.endsAt > now
          : (range.from === undefined || d.date >= range.from) &&
            (range.to === undefined || d.date <= range.to),
      )
      .map((d) => ({
        officeId: d.officeId,
        officeName: d.officeName,
        date: d.date,
        shiftCode: d.shiftCode,
        shiftName: d.shiftName,
        startTime: d.startTime,
        endTime: d.endTime,
        startsAt: d.startsAt.toISOString(),
        endsAt: d.endsAt.toISOString(),
        rosterVersion: d.rosterVersion,
      })),
  };
}

/**
 * The roster that is due (ROSTER-1): this month's when it is still unpublished although the
 * office rosters monthly (a draft exists, or an earlier month was published) — it is overdue —
 * otherwise next month's, with reminders from the reminder day until it is published and
 * overdue once its deadline passed (the director's dashboard).
 */
export async function getRosterStatus(
  ctx: ServiceContext,
  officeId: string,
): Promise<z.infer<typeof rosterStatusSchema>> {
  const office = await loadOfficeFor(ctx, officeId, 'roster.read');
  return rosterDue(ctx.db, office, ctx.clock.now());
}

/** The roster due for an office at an instant (see {@link getRosterStatus}); no actor needed. */
export async function rosterDue(
  db: Queryable,
  office: OfficeRow,
  now: Date,
): Promise<z.infer<typeof rosterStatusSchema>> {
  const thisMonth = instantToLocal(now, office.timeZone).date.slice(0, 7);
  const current = await findRoster(db, office.id, thisMonth);
  const currentDue =
    current?.status !== 'published' &&
    (current !== null || (await hasPublishedRosterBefore(db, office.id, thisMonth)));
  const month = currentDue ? thisMonth : nextMonth(thisMonth);
  const [stored, roster] = await Promise.all([
    findOfficeRosterSettings(db, office.id),
    currentDue ? current : findRoster(db, office.id, month),
  ]);
  const templates = stored === null ? await listShiftTemplatesOfOffices(db, [office.id]) : [];
  const settings = stored?.settings ?? defaultRosterSettings(templates);
  const d = rosterDeadlines(month, settings, office.timeZone);
  const published = roster?.status === 'published';
  return {
    month,
    status: roster === null ? 'none' : roster.status,
    deadlines: deadlinesView(d, now),
    reminder: !published && now >= d.remindAt,
    overdue: !published && now >= d.deadlineAt,
    publishedLate: roster?.publishedLate ?? false,
  };
}

/** Loads an office by id for jobs that run without an actor (generation runner). */
export async function officeById(db: Queryable, officeId: string): Promise<OfficeRow> {
  const office = await findOffice(db, officeId);
  if (office === null) throw new AppError('NOT_FOUND', 'no such office');
  return office;
}
