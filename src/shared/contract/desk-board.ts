import { z } from 'zod';
import { idSchema } from './common.ts';
import { deskItemSchema } from './desk.ts';
import { logEntrySchema, onDutySchema } from './duty.ts';
import { answerRateSchema, phoneCallSchema } from './phone.ts';

/**
 * The desk board 值班台 (issue 6, item 6): one read with everything the person on duty keeps
 * in sight — who is on duty (HO-IN-1, DISC-1), the open inquiries and help requests with their
 * clocks and levels (WORK-4, ESC-1), today's calls and the three-rings rate (PHONE-1), the
 * latest duty-log entries (WORK-3) and what still waits for a follow-up 跟进.
 */

/**
 * Something that waits for someone at the desk: a missed call to call back (PHONE-1) or an
 * item nobody has taken yet (WORK-1, WORK-2). Issue 7 adds the handover's follow-ups (HO-IN-3).
 */
export const followUpSchema = z.object({
  kind: z.enum(['callback', 'new-item']),
  /** the phone call's id or the item's id */
  id: idSchema,
  /** the caller's number, or the item's subject */
  text: z.string(),
  /** when it started waiting: the ring start or the item's creation */
  since: z.string(),
  /** WORK-4: take it in hand by then (items only) */
  dueBy: z.string().nullable(),
});
export type FollowUp = z.infer<typeof followUpSchema>;

export const deskBoardSchema = z
  .object({
    /** the server's time of the read: clocks tick on from it in the browser */
    now: z.string(),
    /** the office-local date "today" means */
    today: z.string(),
    onDuty: onDutySchema,
    openItems: z.array(deskItemSchema),
    phone: z.object({ summary: answerRateSchema, callbacks: z.array(phoneCallSchema) }),
    recentLog: z.array(logEntrySchema),
    /** oldest first */
    followUps: z.array(followUpSchema),
  })
  .meta({ id: 'DeskBoard' });
export type DeskBoard = z.infer<typeof deskBoardSchema>;

/** How many duty-log entries the board shows. */
export const boardLogEntries = 10;
