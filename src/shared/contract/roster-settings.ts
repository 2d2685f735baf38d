import { z } from 'zod';
import { idSchema } from './common.ts';

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time as HH:mm');
const shiftCode = z
  .string()
  .trim()
  .min(1)
  .max(8)
  .regex(/^[A-Za-z0-9]+$/, 'letters and digits only');
const headCount = z.number().int().min(0).max(50);

/** A shift template as the supervisor edits it (SHIFT-1). */
export const shiftTemplateInputSchema = z
  .object({
    code: shiftCode,
    name: z.string().trim().min(1).max(20),
    startTime: timeOfDay,
    endTime: timeOfDay,
  })
  .strict();

export const shiftTemplatesBodySchema = z
  .object({ templates: z.array(shiftTemplateInputSchema).min(1).max(12) })
  .strict();

/** Per-person limits; the office defaults fill what a person's own rules leave out. */
export const personLimitsSchema = z
  .object({
    maxShiftsPerMonth: z.number().int().min(0).max(31),
    maxConsecutiveDays: z.number().int().min(1).max(31),
    minConsecutiveDaysOff: z.number().int().min(1).max(7),
    maxWeekendsPerMonth: z.number().int().min(0).max(6),
  })
  .strict();

export const rosterSettingsSchema = z
  .object({
    /** head count per shift code: Monday … Sunday, and on public holidays */
    demand: z
      .array(
        z
          .object({
            shiftCode,
            weekdays: z.array(headCount).length(7),
            holiday: headCount,
          })
          .strict(),
      )
      .max(12),
    minRestMinutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60),
    defaults: personLimitsSchema,
    fairness: z
      .object({
        evening: z.number().int().min(0).max(100),
        weekend: z.number().int().min(0).max(100),
        holiday: z.number().int().min(0).max(100),
      })
      .strict(),
    /** ROSTER-1: next month's roster is published by this day of the month (0 = the last day) */
    publishByDay: z.number().int().min(0).max(28),
    /** reminders to the supervisor and the director from this day of the month */
    remindFromDay: z.number().int().min(1).max(28),
    /** staff enter wishes for next month until this day of the month */
    wishesCutoffDay: z.number().int().min(1).max(28),
  })
  .strict();

export type RosterSettings = z.infer<typeof rosterSettingsSchema>;

export const rosterSettingsBodySchema = z
  .object({ version: z.number().int().min(0), settings: rosterSettingsSchema })
  .strict();

export const personRulesSchema = z
  .object({
    limits: personLimitsSchema.partial().strict(),
    /** the shift codes the person may work; absent: all */
    allowedShiftCodes: z.array(shiftCode).max(12).optional(),
  })
  .strict();

export type PersonRules = z.infer<typeof personRulesSchema>;

export const officeRosterSettingsSchema = z
  .object({
    officeId: idSchema,
    version: z.number().int(),
    settings: rosterSettingsSchema,
    shiftTemplates: z.array(
      z.object({
        id: idSchema,
        code: z.string(),
        name: z.string(),
        startTime: z.string(),
        endTime: z.string(),
        minutes: z.number().int(),
      }),
    ),
    people: z.array(
      z.object({
        userId: idSchema,
        displayName: z.string(),
        role: z.string(),
        rules: personRulesSchema,
      }),
    ),
  })
  .meta({ id: 'OfficeRosterSettings' });

export const personParamsSchema = z.object({ officeId: idSchema, userId: idSchema }).strict();
