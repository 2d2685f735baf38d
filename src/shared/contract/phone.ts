import { z } from 'zod';
import { idSchema } from './common.ts';
import { localDateSchema } from './rosters.ts';

/**
 * Phone calls (PHONE-1: answered within three rings 电话铃响三声内接听). A call arrives by the
 * quick manual log, the phone system's signed webhook, or an Asterisk CDR import; each call's
 * ring count is derived from the office's ring length. A missed call 未接来电 opens a call-back
 * 回电 on the desk, closed once with a note.
 */
export const instantSchema = z.iso.datetime({ offset: true });

const phoneNumberSchema = z.string().trim().min(1).max(40);

export const phoneCallSourceSchema = z.enum(['manual', 'webhook', 'cdr']);

export const logPhoneCallBodySchema = z
  .object({
    ringStartedAt: instantSchema,
    /** null or absent: the call was missed */
    answeredAt: instantSchema.nullable().optional(),
    endedAt: instantSchema,
    line: phoneNumberSchema.optional(),
    caller: phoneNumberSchema.optional(),
    /** who picked up; defaults to the person logging an answered call */
    answeredBy: idSchema.optional(),
  })
  .strict();

export const phoneCallSchema = z
  .object({
    id: idSchema,
    officeId: idSchema,
    source: phoneCallSourceSchema,
    line: z.string().nullable(),
    caller: z.string().nullable(),
    ringStartedAt: z.string(),
    answeredAt: z.string().nullable(),
    endedAt: z.string().nullable(),
    answeredBy: z.string().nullable(),
    answeredByName: z.string().nullable(),
    /** PHONE-1: rings until answered (or until a missed call ended); null while ringing */
    ringCount: z.number().int().nullable(),
    ringSeconds: z.number().int(),
    withinThreeRings: z.boolean(),
    missed: z.boolean(),
    callback: z
      .object({
        doneAt: z.string().nullable(),
        by: z.string().nullable(),
        byName: z.string().nullable(),
        note: z.string().nullable(),
      })
      .nullable()
      .describe('the call-back 回电 of a missed call; null for other calls'),
  })
  .meta({ id: 'PhoneCall' });
export type PhoneCall = z.infer<typeof phoneCallSchema>;

export const answerRateSchema = z
  .object({
    date: localDateSchema,
    ringSeconds: z.number().int(),
    calls: z.number().int(),
    answered: z.number().int(),
    withinThreeRings: z.number().int(),
    missed: z.number().int(),
    /** answered within three rings ÷ all calls; null on a day without calls */
    rate: z.number().nullable(),
    openCallbacks: z.number().int(),
  })
  .meta({ id: 'PhoneAnswerRate' });
export type PhoneAnswerRate = z.infer<typeof answerRateSchema>;

export const phoneDayQuerySchema = z
  .object({ date: localDateSchema.optional().describe('office-local date; today by default') })
  .strict();

export const phoneDaySchema = z
  .object({ summary: answerRateSchema, calls: z.array(phoneCallSchema) })
  .meta({ id: 'PhoneDay' });
export type PhoneDay = z.infer<typeof phoneDaySchema>;

export const phoneCallbackListSchema = z
  .object({ calls: z.array(phoneCallSchema) })
  .meta({ id: 'PhoneCallbacks' });

export const phoneCallParamsSchema = z.object({ officeId: idSchema, callId: idSchema }).strict();

export const callbackBodySchema = z.object({ note: z.string().trim().min(1).max(1000) }).strict();

/** The phone system's events, one per request (PHONE-1). */
export const phoneWebhookEventSchema = z
  .object({
    callId: z.string().trim().min(1).max(200),
    event: z.enum(['ringing', 'answered', 'ended']),
    at: instantSchema,
    line: phoneNumberSchema.optional(),
    caller: phoneNumberSchema.optional(),
    /** the username of the office member who picked up */
    answeredBy: z.string().trim().min(1).max(64).optional(),
  })
  .strict();
export type PhoneWebhookEvent = z.infer<typeof phoneWebhookEventSchema>;

export const phoneWebhookResultSchema = z
  .object({
    ok: z.literal(true),
    /** true: this call id and event arrived before; nothing changed */
    duplicate: z.boolean(),
    phoneCallId: idSchema.nullable(),
    /** answeredBy named nobody of the office; the answer is kept without a person */
    unknownAnsweredBy: z.boolean(),
  })
  .meta({ id: 'PhoneWebhookResult' });

export const webhookParamsSchema = z.object({ officeId: idSchema }).strict();

export const webhookSecretStatusSchema = z
  .object({
    configured: z.boolean(),
    createdAt: z.string().nullable(),
    createdByName: z.string().nullable(),
    /** the path the phone system posts to */
    url: z.string(),
    signatureHeader: z.literal('x-dutydesk-signature'),
  })
  .meta({ id: 'PhoneWebhookSecretStatus' });

export const webhookSecretSchema = webhookSecretStatusSchema
  .extend({
    /** shown this once; only a new one can be had later */
    secret: z.string(),
  })
  .meta({ id: 'PhoneWebhookSecret' });

/** The CDR file as a JSON body; the same route also takes the file as text/csv. */
export const cdrImportBodySchema = z.union([
  z.object({ csv: z.string().min(1) }).strict(),
  z.string().min(1),
]);

export const cdrImportResultSchema = z
  .object({
    lines: z.number().int(),
    imported: z.number().int(),
    /** calls already there from an earlier import */
    alreadyImported: z.number().int(),
    problems: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  })
  .meta({ id: 'PhoneCdrImportResult' });
export type CdrImportResult = z.infer<typeof cdrImportResultSchema>;

/** How large a CDR file the import route takes (the API's other routes keep the 1 MiB limit). */
export const cdrImportBodyLimit = 8 * 1024 * 1024;
