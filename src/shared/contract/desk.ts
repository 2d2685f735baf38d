import { z } from 'zod';
import { idSchema } from './common.ts';
import { prioritySchema } from './desk-settings.ts';
import { attachmentRefSchema, attachmentSchema, logEntrySchema } from './duty.ts';

/**
 * Residents' inquiries 咨询 (WORK-1) and help requests 求助 (WORK-2) at the duty desk, with
 * their clocks (WORK-4) and escalation level 逐级上报 (ESC-1).
 */
export const itemKindSchema = z.enum(['inquiry', 'help']);
export const itemStatusSchema = z.enum(['new', 'in_progress', 'resolved', 'closed', 'cancelled']);
export const levelSchema = z.enum(['staff', 'supervisor', 'director']);
export const channelSchema = z.enum(['walk-in', 'phone', 'wechat', 'other']);

const textSchema = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();

export const createDeskItemBodySchema = z
  .object({
    kind: itemKindSchema,
    priority: prioritySchema,
    channel: channelSchema,
    subject: textSchema(1000),
    residentName: optionalText(50),
    unit: optionalText(50),
    phone: z
      .string()
      .trim()
      .regex(/^[0-9+\-() ]{0,30}$/, { error: 'digits, spaces, +, - and brackets only' })
      .optional(),
    /** WORK-1: an inquiry answered on the spot closes in one step with this answer */
    answer: optionalText(2000),
    /** evidence uploaded first (POST …/files), attached by sha256 */
    attachments: z.array(attachmentRefSchema).max(10).optional(),
  })
  .strict()
  .refine((body) => body.answer === undefined || body.answer === '' || body.kind === 'inquiry', {
    error: 'only an inquiry can be answered on the spot',
    path: ['answer'],
  });
export type CreateDeskItemBody = z.infer<typeof createDeskItemBodySchema>;

export const deskItemSchema = z
  .object({
    id: idSchema,
    officeId: idSchema,
    kind: itemKindSchema,
    priority: prioritySchema,
    status: itemStatusSchema,
    level: levelSchema,
    residentName: z.string().nullable(),
    unit: z.string().nullable(),
    phone: z.string().nullable(),
    channel: channelSchema,
    subject: z.string(),
    ownerId: idSchema.nullable(),
    ownerName: z.string().nullable(),
    version: z.number().int(),
    createdBy: idSchema,
    createdByName: z.string(),
    createdAt: z.string(),
    /** WORK-4: take it in hand by then (null once responded) */
    respondBy: z.string().nullable(),
    /** WORK-4: resolve it by then at its present level */
    resolveBy: z.string().nullable(),
    respondedAt: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
  })
  .meta({ id: 'DeskItem' });
export type DeskItem = z.infer<typeof deskItemSchema>;

export const deskItemEventSchema = z.object({
  seq: z.number().int(),
  kind: z.enum([
    'created',
    'taken',
    'note',
    'resolved',
    'closed',
    'cancelled',
    'escalated',
    'overdue',
    /** HO-IN-3: taken over by the next shift at a handover */
    'handed-over',
  ]),
  actorId: idSchema.nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
  /** text, reason, from/to level, who was reached, whether a level was vacant */
  payload: z.record(z.string(), z.unknown()),
});
export type DeskItemEvent = z.infer<typeof deskItemEventSchema>;

export const deskItemDetailSchema = z
  .object({
    item: deskItemSchema,
    events: z.array(deskItemEventSchema),
    /** evidence attached at any step; each step's payload names its files' sha256 */
    attachments: z.array(attachmentSchema),
    /** duty-log entries written about this item */
    logEntries: z.array(logEntrySchema),
  })
  .meta({ id: 'DeskItemDetail' });
export type DeskItemDetail = z.infer<typeof deskItemDetailSchema>;

export const deskItemListQuerySchema = z
  .object({
    status: z.enum(['open', 'done', 'all']).default('open'),
    kind: itemKindSchema.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const deskItemListSchema = z.object({ items: z.array(deskItemSchema) });

export const deskItemParamsSchema = z.object({ officeId: idSchema, itemId: idSchema }).strict();

export const itemVersionBodySchema = z.object({ version: z.number().int().min(1) }).strict();

const attachmentsField = z.array(attachmentRefSchema).max(10).optional();

export const itemTextBodySchema = z
  .object({
    version: z.number().int().min(1),
    text: textSchema(2000),
    attachments: attachmentsField,
  })
  .strict();

export const itemNoteBodySchema = z
  .object({ text: textSchema(2000), attachments: attachmentsField })
  .strict();
