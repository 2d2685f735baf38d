import { AppError } from '../../shared/errors.ts';
import type { z } from 'zod';
import type { HolidayYear } from '../../shared/contract/calendar.ts';
import type {
  officeRosterSettingsSchema,
  PersonRules,
  RosterSettings,
} from '../../shared/contract/roster-settings.ts';
import {
  listShiftTemplatesOfOffices,
  replaceShiftTemplates as storeShiftTemplates,
  type OfficeRow,
} from '../db/org.repo.ts';
import {
  findOfficeRosterSettings,
  listHolidayCalendars as loadHolidayCalendars,
  listPersonRules,
  saveHolidayCalendar as storeHolidayCalendar,
  saveOfficeRosterSettings,
  savePersonRules,
} from '../db/roster-settings.repo.ts';
import { listOfficeMembers } from '../db/user.repo.ts';
import type { Queryable } from '../db/database.ts';
import { shippedHolidayYears } from '../domain/calendar/holiday-calendar.ts';
import {
  checkPersonRules,
  checkRosterSettings,
  checkShiftTemplates,
  defaultRosterSettings,
} from '../domain/roster/office-settings.ts';
import { shiftMinutes, type ShiftTemplate } from '../domain/shift-templates.ts';
import { authorize } from './actor.ts';
import { recordAudit } from './audit.service.ts';
import { inTransaction, type ServiceContext } from './context.ts';
import { loadOfficeFor } from './offices.service.ts';

export type OfficeRosterSettings = z.infer<typeof officeRosterSettingsSchema>;

async function present(db: Queryable, office: OfficeRow): Promise<OfficeRosterSettings> {
  const [templates, stored, members, rules] = await Promise.all([
    listShiftTemplatesOfOffices(db, [office.id]),
    findOfficeRosterSettings(db, office.id),
    listOfficeMembers(db, office.id),
    listPersonRules(db, office.id),
  ]);
  return {
    officeId: office.id,
    version: stored?.version ?? 0,
    settings: stored?.settings ?? defaultRosterSettings(templates),
    shiftTemplates: templates.map((t) => ({
      id: t.id,
      code: t.code,
      name: t.name,
      startTime: t.startTime,
      endTime: t.endTime,
      minutes: shiftMinutes(t),
    })),
    people: members
      .filter((m) => m.active)
      .map((m) => ({
        userId: m.userId,
        displayName: m.displayName,
        role: m.role,
        rules: rules.get(m.userId) ?? { limits: {} },
      })),
  };
}

/** The office's roster settings, shifts and per-person rules (everyone in the office reads them). */
export async function getRosterSettings(
  ctx: ServiceContext,
  officeId: string,
): Promise<OfficeRosterSettings> {
  const office = await loadOfficeFor(ctx, officeId, 'roster.read');
  return present(ctx.db, office);
}

/** A settings save that lost to someone else's (roster settings, desk settings). */
export function versionConflict(): AppError {
  return new AppError(
    'VERSION_CONFLICT',
    'someone else saved these settings meanwhile; reload and try again',
  );
}

/** The supervisor saves the office's roster settings (ROSTER-1); stale versions get 409. */
export async function updateRosterSettings(
  ctx: ServiceContext,
  officeId: string,
  input: { version: number; settings: RosterSettings },
): Promise<OfficeRosterSettings> {
  const office = await loadOfficeFor(ctx, officeId, 'office.manage-settings');
  const templates = await listShiftTemplatesOfOffices(ctx.db, [office.id]);
  checkRosterSettings(
    input.settings,
    templates.map((t) => t.code),
  );
  await inTransaction(ctx, async (tx) => {
    const saved = await saveOfficeRosterSettings(
      tx,
      office,
      input.settings,
      input.version,
      ctx.actor.userId,
      ctx.clock.now(),
    );
    if (!saved) throw versionConflict();
    await recordAudit(tx, ctx.clock, {
      orgId: office.orgId,
      actorUserId: ctx.actor.userId,
      action: 'roster-settings.updated',
      entityType: 'office',
      entityId: office.id,
      payload: { version: input.version + 1, settings: input.settings },
    });
  });
  return present(ctx.db, office);
}

/**
 * The supervisor sets the office's shifts (SHIFT-1). Codes that disappear are retired, not
 * deleted; the head-count table follows: rows of retired shifts go, new shifts get one person.
 */
export async function replaceShiftTemplates(
  ctx: ServiceContext,
  officeId: string,
  templates: ShiftTemplate[],
): Promise<OfficeRosterSettings> {
  const office = await loadOfficeFor(ctx, officeId, 'office.manage-settings');
  checkShiftTemplates(templates);
  await inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now();
    await storeShiftTemplates(tx, office, templates, ctx.ids.newId, now);
    const stored = await findOfficeRosterSettings(tx, office.id);
    if (stored !== null) {
      const codes = templates.map((t) => t.code);
      const kept = stored.settings.demand.filter((row) => codes.includes(row.shiftCode));
      const added = defaultRosterSettings(
        templates.filter((t) => !kept.some((row) => row.shiftCode === t.code)),
      ).demand;
      const settings = { ...stored.settings, demand: [...kept, ...added] };
      if (
        !(await saveOfficeRosterSettings(
          tx,
          office,
          settings,
          stored.version,
          ctx.actor.userId,
          now,
        ))
      )
        throw versionConflict();
    }
    await recordAudit(tx, ctx.clock, {
      orgId: office.orgId,
      actorUserId: ctx.actor.userId,
      action: 'shift-templates.replaced',
      entityType: 'office',
      entityId: office.id,
      payload: { templates },
    });
  });
  return present(ctx.db, office);
}

/** The supervisor sets one person's limits and allowed shifts in the office. */
export async function setPersonRosterRules(
  ctx: ServiceContext,
  officeId: string,
  userId: string,
  rules: PersonRules,
): Promise<OfficeRosterSettings> {
  const office = await loadOfficeFor(ctx, officeId, 'office.manage-settings');
  const members = await listOfficeMembers(ctx.db, office.id);
  if (!members.some((m) => m.userId === userId))
    throw new AppError('NOT_FOUND', 'this person has no role in the office');
  const templates = await listShiftTemplatesOfOffices(ctx.db, [office.id]);
  checkPersonRules(
    rules,
    templates.map((t) => t.code),
  );
  await inTransaction(ctx, async (tx) => {
    await savePersonRules(tx, office, userId, rules, ctx.clock.now());
    await recordAudit(tx, ctx.clock, {
      orgId: office.orgId,
      actorUserId: ctx.actor.userId,
      action: 'person-roster-rules.set',
      entityType: 'user',
      entityId: userId,
      payload: { officeId: office.id, rules },
    });
  });
  return present(ctx.db, office);
}

export type HolidayCalendarEntry = {
  year: number;
  version: number;
  source: 'shipped' | 'organization';
  calendar: HolidayYear;
};

/** The public-holiday calendars in force: the organization's own, and the shipped ones it has not replaced. */
export async function listHolidayCalendars(ctx: ServiceContext): Promise<HolidayCalendarEntry[]> {
  const own = await loadHolidayCalendars(ctx.db, ctx.actor.orgId);
  const entries: HolidayCalendarEntry[] = own.map((c) => ({
    year: c.year,
    version: c.version,
    source: 'organization',
    calendar: c.data,
  }));
  for (const shipped of shippedHolidayYears()) {
    if (!entries.some((e) => e.year === shipped.year)) {
      entries.push({ year: shipped.year, version: 0, source: 'shipped', calendar: shipped });
    }
  }
  return entries.sort((a, b) => a.year - b.year);
}

/** An administrator enters or corrects a year's public holidays (announced each November). */
export async function saveHolidayCalendar(
  ctx: ServiceContext,
  year: number,
  input: { version: number; calendar: HolidayYear },
): Promise<HolidayCalendarEntry[]> {
  authorize(ctx.actor, 'org.manage-offices', { orgId: ctx.actor.orgId });
  if (input.calendar.year !== year) {
    throw new AppError('VALIDATION_FAILED', 'the calendar is for another year', {
      details: [{ path: 'calendar.year', message: `expected ${String(year)}` }],
    });
  }
  await inTransaction(ctx, async (tx) => {
    if (
      !(await storeHolidayCalendar(
        tx,
        ctx.actor.orgId,
        input.calendar,
        input.version,
        ctx.clock.now(),
      ))
    )
      throw versionConflict();
    await recordAudit(tx, ctx.clock, {
      orgId: ctx.actor.orgId,
      actorUserId: ctx.actor.userId,
      action: 'holiday-calendar.saved',
      entityType: 'holiday-calendar',
      entityId: String(year),
      payload: { version: input.version + 1, calendar: input.calendar },
    });
  });
  return listHolidayCalendars(ctx);
}
