import { z } from 'zod';
import { idSchema } from './common.ts';

/**
 * The monthly duty roster 《值班安排表》 (ROSTER-1, ROSTER-2): the draft the supervisor plans,
 * generates and edits, the published versions, staff wishes, generation runs and "my duties".
 * Dates are office-local `YYYY-MM-DD`; a cell holds a shift code or null (off).
 */

export const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month as YYYY-MM')
  .refine(
    (m) => Number(m.slice(0, 4)) >= 2000 && Number(m.slice(0, 4)) <= 2100,
    'year out of range',
  );

export const localDateSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'date as YYYY-MM-DD');

export const rosterParamsSchema = z.object({ officeId: idSchema, month: monthSchema }).strict();

const shiftCodeSchema = z.string().min(1).max(8);

export const rosterDaySchema = z.object({
  date: z.string(),
  /** 0 = Monday … 6 = Sunday */
  weekday: z.number().int(),
  kind: z.enum(['workday', 'weekend', 'holiday', 'adjusted-workday']),
  holidayName: z.string().optional(),
});

export const rosterShiftSchema = z.object({
  code: z.string(),
  name: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  minutes: z.number().int(),
  /** an evening or night shift (starts at 16:00 or later, or crosses midnight) */
  evening: z.boolean(),
});

export const personTotalsSchema = z.object({
  shifts: z.number().int(),
  minutes: z.number().int(),
  evenings: z.number().int(),
  weekends: z.number().int(),
  holidays: z.number().int(),
});

export const rosterRowSchema = z.object({
  userId: idSchema,
  displayName: z.string(),
  /** one entry per day of the month: a shift code or null (off) */
  cells: z.array(z.string().nullable()),
  /** cells the supervisor set by hand; re-optimising keeps them */
  pinned: z.array(z.boolean()),
  totals: personTotalsSchema,
});

export const rosterViolationSchema = z.object({
  /** the evaluator's hard rule (day-off, succession, max-shifts, …) */
  rule: z.string(),
  userId: z.string().nullable(),
  dates: z.array(z.string()),
  message: z.string(),
});

export const rosterCheckSchema = z.object({
  /** the optimiser's objective (lower is better); meaningful without hard violations */
  objective: z.number(),
  hardViolations: z.array(rosterViolationSchema),
  cover: z.array(
    z.object({
      date: z.string(),
      shiftCode: z.string(),
      required: z.number().int(),
      assigned: z.number().int(),
    }),
  ),
  brokenWishes: z.array(
    z.object({
      userId: z.string(),
      date: z.string(),
      kind: z.enum(['wish-off', 'wish-shift']),
      shiftCode: z.string().nullable(),
    }),
  ),
  /** office averages of the per-person totals */
  averages: z.object({
    shifts: z.number(),
    minutes: z.number(),
    evenings: z.number(),
    weekends: z.number(),
    holidays: z.number(),
  }),
});

export const rosterDeadlinesSchema = z.object({
  /** ROSTER-1: the roster of this month must be published by the end of this local date */
  publishBy: z.string(),
  /** the instant the publishing deadline passes */
  deadlineAt: z.string(),
  remindFrom: z.string(),
  /** staff enter wishes until the end of this local date */
  wishesCutoff: z.string(),
  wishesOpen: z.boolean(),
});

export const rosterMonthSchema = z
  .object({
    officeId: idSchema,
    officeName: z.string(),
    timeZone: z.string(),
    month: z.string(),
    /** none: nothing planned yet; draft: being planned (staff do not see cells); published */
    status: z.enum(['none', 'draft', 'published']),
    /** draft revision; send it back with edits and publishing (stale → 409) */
    revision: z.number().int(),
    publishedVersion: z.number().int().nullable(),
    publishedAt: z.string().nullable(),
    publishedLate: z.boolean(),
    deadlines: rosterDeadlinesSchema,
    days: z.array(rosterDaySchema),
    /**
     * whether a public-holiday calendar (the organization's or a shipped one) covers the
     * month's year; without one its days count as ordinary workdays and weekends
     */
    holidayCalendarKnown: z.boolean(),
    shifts: z.array(rosterShiftSchema),
    rows: z.array(rosterRowSchema),
    /** the evaluator's judgement of the cells shown (absent for staff before publication) */
    check: rosterCheckSchema.nullable(),
    canEdit: z.boolean(),
  })
  .meta({ id: 'RosterMonth' });

export type RosterMonth = z.infer<typeof rosterMonthSchema>;

export const cellChangeSchema = z
  .object({
    userId: idSchema,
    date: localDateSchema,
    /** a shift code, or null for a day off */
    shiftCode: shiftCodeSchema.nullable(),
    /** keep this cell when re-optimising (default true for an edit) */
    pinned: z.boolean().optional(),
  })
  .strict();

export const editCellsBodySchema = z
  .object({
    revision: z.number().int().min(0),
    changes: z.array(cellChangeSchema).min(1).max(2000),
  })
  .strict();

export const unpinBodySchema = z.object({ revision: z.number().int().min(0) }).strict();

export const publishBodySchema = z
  .object({
    revision: z.number().int().min(0),
    /** publish although the evaluator finds hard violations; the reason is recorded */
    overrideReason: z.string().trim().min(1).max(500).optional(),
  })
  .strict();

export const generationSchema = z
  .object({
    id: idSchema,
    month: z.string(),
    status: z.enum(['running', 'done', 'stopped', 'infeasible', 'failed', 'abandoned']),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    timeLimitSeconds: z.number(),
    keepPinned: z.boolean(),
    objective: z.number().nullable(),
    bound: z.number().nullable(),
    /** (objective − bound) / objective */
    gap: z.number().nullable(),
    elapsedSeconds: z.number(),
    /** why the rules cannot all be met: who, which rules, which days */
    conflicts: z.array(
      z.object({
        userId: z.string().nullable(),
        rules: z.array(z.string()),
        dates: z.array(z.string()),
        message: z.string(),
      }),
    ),
    message: z.string().nullable(),
  })
  .meta({ id: 'RosterGeneration' });

export type RosterGeneration = z.infer<typeof generationSchema>;

export const startGenerationBodySchema = z
  .object({
    timeLimitSeconds: z.number().int().min(2).max(600).default(30),
    /** keep the cells the supervisor pinned ("re-optimise the rest") */
    keepPinned: z.boolean().default(true),
  })
  .strict();

export const generationParamsSchema = z
  .object({ officeId: idSchema, month: monthSchema, generationId: idSchema })
  .strict();

export const currentGenerationSchema = z.object({ generation: generationSchema.nullable() });

export const rosterVersionSummarySchema = z.object({
  version: z.number().int(),
  kind: z.string(),
  reason: z.string().nullable(),
  late: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string(),
  createdByName: z.string(),
});

export const rosterVersionListSchema = z
  .object({ versions: z.array(rosterVersionSummarySchema) })
  .meta({ id: 'RosterVersions' });

export const rosterVersionSchema = rosterVersionSummarySchema
  .extend({
    rows: z.array(
      z.object({
        userId: z.string(),
        displayName: z.string(),
        cells: z.array(z.string().nullable()),
      }),
    ),
  })
  .meta({ id: 'RosterVersion' });

export const versionParamsSchema = z
  .object({ officeId: idSchema, month: monthSchema, version: z.coerce.number().int().min(1) })
  .strict();

export const wishKindSchema = z.enum(['unavailable', 'wish-off', 'wish-shift']);

export const wishInputSchema = z
  .object({
    date: localDateSchema,
    /** unavailable: cannot work that day (a hard rule); wish-off / wish-shift: preferences */
    kind: wishKindSchema,
    shiftCode: shiftCodeSchema.optional(),
    note: z.string().trim().max(200).optional(),
  })
  .strict();

export const saveWishesBodySchema = z.object({ wishes: z.array(wishInputSchema).max(62) }).strict();

export const wishListSchema = z
  .object({
    month: z.string(),
    deadlines: rosterDeadlinesSchema,
    wishes: z.array(
      z.object({
        id: idSchema,
        userId: idSchema,
        displayName: z.string(),
        date: z.string(),
        kind: wishKindSchema,
        shiftCode: z.string().nullable(),
        note: z.string().nullable(),
        createdAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'RosterWishes' });

export const dutySchema = z.object({
  officeId: idSchema,
  officeName: z.string(),
  date: z.string(),
  shiftCode: z.string(),
  shiftName: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  rosterVersion: z.number().int(),
});

export const myDutiesQuerySchema = z
  .object({ from: localDateSchema.optional(), to: localDateSchema.optional() })
  .strict();

export const myDutiesSchema = z.object({ duties: z.array(dutySchema) }).meta({ id: 'MyDuties' });

export const rosterStatusSchema = z
  .object({
    month: z.string(),
    status: z.enum(['none', 'draft', 'published']),
    deadlines: rosterDeadlinesSchema,
    /** reminders run (ROSTER-1): from the reminder day until published */
    reminder: z.boolean(),
    /** the deadline passed and the month is not published */
    overdue: z.boolean(),
    publishedLate: z.boolean(),
  })
  .meta({ id: 'RosterStatus' });

export const personMonthParamsSchema = z
  .object({ officeId: idSchema, month: monthSchema, userId: idSchema })
  .strict();

/** One person's month: the duties first published (planned) against those in force (actual). */
export const personMonthSchema = z
  .object({
    userId: idSchema,
    displayName: z.string(),
    month: z.string(),
    dates: z.array(z.string()),
    planned: z.array(z.string().nullable()),
    actual: z.array(z.string().nullable()),
    /** every later version that changed this person's duties, with who, when and why */
    changes: z.array(
      z.object({
        version: z.number().int(),
        kind: z.string(),
        reason: z.string().nullable(),
        createdAt: z.string(),
        createdByName: z.string(),
        dates: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'PersonRosterMonth' });
