import { z } from 'zod';

/**
 * The duty desk's office settings: response and resolution targets per priority (WORK-4,
 * ESC-1), how long one ring lasts (PHONE-1: answered within three rings), and how long an
 * absence from the post may last before the supervisor is alerted (DISC-1).
 */
export const priorities = ['normal', 'important', 'major'] as const;
export const prioritySchema = z.enum(priorities);
export type Priority = z.infer<typeof prioritySchema>;

const minutesSchema = z
  .number()
  .int()
  .min(1)
  .max(60 * 24 * 30);

export const priorityTargetsSchema = z
  .object({
    /** someone must take the item in hand (status in progress) within this */
    respondMinutes: minutesSchema,
    /** the item must be resolved within this, counted from its creation */
    resolveMinutes: minutesSchema,
  })
  .strict()
  .refine((t) => t.resolveMinutes >= t.respondMinutes, {
    error: 'the resolution target cannot be shorter than the response target',
    path: ['resolveMinutes'],
  });

export const deskSettingsSchema = z
  .object({
    targets: z
      .object({
        normal: priorityTargetsSchema,
        important: priorityTargetsSchema,
        major: priorityTargetsSchema,
      })
      .strict(),
    /** PHONE-1: seconds one ring lasts; a call answered within 3 rings meets the rule */
    ringSeconds: z.number().int().min(1).max(30),
    /** DISC-1: an absence from the post longer than this alerts the supervisor */
    longAbsenceMinutes: z.number().int().min(5).max(480),
  })
  .strict();
export type DeskSettings = z.infer<typeof deskSettingsSchema>;

export const defaultDeskSettings: DeskSettings = {
  targets: {
    normal: { respondMinutes: 30, resolveMinutes: 24 * 60 },
    important: { respondMinutes: 10, resolveMinutes: 4 * 60 },
    major: { respondMinutes: 5, resolveMinutes: 60 },
  },
  ringSeconds: 5,
  longAbsenceMinutes: 30,
};

export const officeDeskSettingsSchema = z
  .object({ settings: deskSettingsSchema, version: z.number().int().min(0) })
  .meta({ id: 'OfficeDeskSettings' });
export type OfficeDeskSettings = z.infer<typeof officeDeskSettingsSchema>;

export const deskSettingsBodySchema = z
  .object({ settings: deskSettingsSchema, version: z.number().int().min(0) })
  .strict();
