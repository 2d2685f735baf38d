import { z } from 'zod';
import { idSchema } from './common.ts';
import { localDateSchema } from './rosters.ts';

/**
 * Going on duty (HO-IN-1), leaving the post (DISC-1), the duty log 值班记录 (WORK-3,
 * HO-OUT-2) and the evidence files attached to it.
 */

const shiftCodeSchema = z.string().min(1).max(8);
const instantSchema = z.iso.datetime({ offset: true });

export const checkInBodySchema = z
  .object({
    /** the post to sit at; the office's first post when absent */
    postId: idSchema.optional(),
    /** pick one rostered duty when a person has two that can be checked in */
    date: localDateSchema.optional(),
    shiftCode: shiftCodeSchema.optional(),
  })
  .strict();

export const checkOutBodySchema = z.object({ sessionId: idSchema.optional() }).strict();

export const absenceReasons = ['patrol', 'errand', 'meal', 'other'] as const;
export const absenceReasonSchema = z.enum(absenceReasons);
export type AbsenceReason = z.infer<typeof absenceReasonSchema>;

export const absenceBodySchema = z
  .object({
    reason: absenceReasonSchema,
    note: z.string().trim().max(500).optional(),
    expectedMinutes: z.number().int().min(1).max(480),
  })
  .strict()
  .refine((b) => b.reason !== 'other' || (b.note !== undefined && b.note.length > 0), {
    error: 'say where you go when the reason is other',
    path: ['note'],
  });

export const absenceSchema = z
  .object({
    id: idSchema,
    sessionId: idSchema,
    userId: idSchema,
    reason: absenceReasonSchema,
    note: z.string().nullable(),
    leftAt: z.string(),
    expectedBackAt: z.string(),
    returnedAt: z.string().nullable(),
  })
  .meta({ id: 'PostAbsence' });
export type PostAbsence = z.infer<typeof absenceSchema>;

/** A person's shift on a date, with its instants, as the published roster holds it. */
const personShiftFields = {
  userId: idSchema,
  displayName: z.string(),
  date: z.string(),
  shiftCode: z.string(),
  shiftName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
};

export const dutySessionSchema = z
  .object({
    id: idSchema,
    officeId: idSchema,
    postId: idSchema,
    postName: z.string(),
    ...personShiftFields,
    checkedInAt: z.string(),
    /** HO-IN-1: minutes after start − 5 min; 0 when on time */
    lateMinutes: z.number().int(),
    checkedOutAt: z.string().nullable(),
    /** the open absence from the post, if any (DISC-1) */
    absence: absenceSchema.nullable(),
  })
  .meta({ id: 'DutySession' });
export type DutySession = z.infer<typeof dutySessionSchema>;

export const rosteredDutySchema = z.object({
  ...personShiftFields,
  /** how late the person is if they check in now (HO-IN-1); 0 before start − 5 min */
  minutesLate: z.number().int(),
});

export const onDutySchema = z
  .object({
    now: z.string(),
    /** checked in and not checked out, for a shift that has not ended */
    sessions: z.array(dutySessionSchema),
    /** rostered now (or within the check-in hour) and not checked in */
    expected: z.array(rosteredDutySchema),
    /** the caller's own: the duty they can check in for now, and their open session */
    mine: z.object({
      duty: rosteredDutySchema.nullable(),
      session: dutySessionSchema.nullable(),
    }),
  })
  .meta({ id: 'OnDuty' });
export type OnDuty = z.infer<typeof onDutySchema>;

export const onDutyQuerySchema = z.object({ postId: idSchema.optional() }).strict();

export const absenceParamsSchema = z.object({ officeId: idSchema, absenceId: idSchema }).strict();

// ---- evidence files ----

export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'a sha-256 in lower-case hex');

export const storedFileSchema = z
  .object({
    sha256: sha256Schema,
    mediaType: z.string(),
    size: z.number().int(),
    fileName: z.string(),
  })
  .meta({ id: 'StoredFile' });
export type StoredFile = z.infer<typeof storedFileSchema>;

export const fileParamsSchema = z.object({ officeId: idSchema, sha256: sha256Schema }).strict();

export const fileNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine(isPlainFileName, 'no slashes or control characters');

/** A file name is kept as given, but never with a path separator or a control character. */
function isPlainFileName(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code < 0x20 || code === 0x2f || code === 0x5c || code === 0x7f) return false;
  }
  return true;
}

export const attachmentRefSchema = z
  .object({ sha256: sha256Schema, fileName: fileNameSchema })
  .strict();

export const attachmentSchema = z.object({
  sha256: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

// ---- the duty log ----

export const logCategories = [
  'inquiry',
  'help-request',
  'patrol',
  'incident',
  'phone',
  'notice',
  'other',
] as const;
export const logCategorySchema = z.enum(logCategories);
export type LogCategory = z.infer<typeof logCategorySchema>;

export const logEntryBodySchema = z
  .object({
    category: logCategorySchema,
    text: z.string().trim().min(1).max(4000),
    attachments: z.array(attachmentRefSchema).max(10).optional(),
    /** the entry this one corrects (a correction never changes the old entry) */
    correctsId: idSchema.optional(),
    deskItemId: idSchema.optional(),
    /** for supervisors and directors writing without a duty session; else the session's post */
    postId: idSchema.optional(),
  })
  .strict();

export const logEntrySchema = z
  .object({
    id: idSchema,
    officeId: idSchema,
    postId: idSchema,
    dutySessionId: idSchema.nullable(),
    authorId: idSchema,
    authorName: z.string(),
    category: logCategorySchema,
    text: z.string(),
    correctsId: idSchema.nullable(),
    deskItemId: idSchema.nullable(),
    createdAt: z.string(),
    attachments: z.array(attachmentSchema),
    /** the newest entry that corrects this one, when there is one */
    correctedById: idSchema.nullable(),
  })
  .meta({ id: 'DutyLogEntry' });
export type LogEntry = z.infer<typeof logEntrySchema>;

export const logQuerySchema = z
  .object({
    postId: idSchema.optional(),
    from: instantSchema.optional(),
    to: instantSchema.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const logListSchema = z.object({ entries: z.array(logEntrySchema) }).meta({ id: 'DutyLog' });
