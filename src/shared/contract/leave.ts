import { z } from 'zod';
import { idSchema } from './common.ts';
import { localDateSchema, monthSchema, personTotalsSchema } from './rosters.ts';

/**
 * Leave 请假 (LEAVE-1), approval with a substitute 顶班 (LEAVE-2), swaps 调班 (LEAVE-3) and
 * emergency cover. The published roster changes only through these (ROSTER-2), each change
 * a new roster version.
 */
export const leaveTypeSchema = z.enum(['personal', 'sick', 'annual', 'compensatory', 'other']);

const shiftCodeSchema = z.string().min(1).max(8);

export const dutyRefSchema = z
  .object({ date: localDateSchema, shiftCode: shiftCodeSchema })
  .strict();

export const createLeaveBodySchema = z
  .object({
    type: leaveTypeSchema,
    reason: z.string().trim().min(1).max(500),
    shifts: z.array(dutyRefSchema).min(1).max(31),
  })
  .strict();

export const leaveRequestSchema = z
  .object({
    id: idSchema,
    officeId: idSchema,
    userId: idSchema,
    displayName: z.string(),
    type: leaveTypeSchema,
    reason: z.string(),
    status: z.enum(['pending', 'approved', 'rejected', 'cancelled']),
    /** send it back with a decision; a stale one gets 409 */
    version: z.number().int(),
    createdAt: z.string(),
    decidedBy: z.string().nullable(),
    decidedByName: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionReason: z.string().nullable(),
    /** the roster version the approval made, when approved */
    rosterVersion: z.number().int().nullable(),
    shifts: z.array(
      z.object({
        date: z.string(),
        shiftCode: z.string(),
        substituteUserId: z.string().nullable(),
        substituteName: z.string().nullable(),
        /** why a substitute who breaks a rule was chosen anyway, or why the shift stays open */
        overrideReason: z.string().nullable(),
        /** covered already by an emergency cover before this request was filed */
        coveredByEmergency: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'LeaveRequest' });

export type LeaveRequest = z.infer<typeof leaveRequestSchema>;

export const leaveListQuerySchema = z
  .object({
    status: z.enum(['pending', 'approved', 'rejected', 'cancelled']).optional(),
    month: monthSchema.optional(),
    userId: idSchema.optional(),
  })
  .strict();

export const leaveListSchema = z
  .object({ requests: z.array(leaveRequestSchema) })
  .meta({ id: 'LeaveRequests' });

export const leaveParamsSchema = z.object({ officeId: idSchema, requestId: idSchema }).strict();

export const approveLeaveBodySchema = z
  .object({
    version: z.number().int().min(1),
    substitutes: z
      .array(
        z
          .object({
            date: localDateSchema,
            shiftCode: shiftCodeSchema,
            /** null: the shift stays open — needs overrideReason, recorded */
            substituteUserId: idSchema.nullable(),
            overrideReason: z.string().trim().min(1).max(500).optional(),
          })
          .strict(),
      )
      .min(0)
      .max(31),
  })
  .strict();

export const decisionBodySchema = z
  .object({ version: z.number().int().min(1), reason: z.string().trim().min(1).max(500) })
  .strict();

export const versionBodySchema = z.object({ version: z.number().int().min(1) }).strict();

export const substituteCandidateSchema = z.object({
  userId: idSchema,
  displayName: z.string(),
  /** the hard rules this person would break by taking the shift (empty: a clean choice) */
  violations: z.array(z.object({ rule: z.string(), message: z.string() })),
  /** the person's month so far, before taking the shift */
  totals: personTotalsSchema,
});

export const substituteSuggestionsSchema = z
  .object({
    shifts: z.array(
      z.object({
        date: z.string(),
        shiftCode: z.string(),
        /** best first: no broken rule, then fewest hours, then fewest evenings */
        candidates: z.array(substituteCandidateSchema),
      }),
    ),
  })
  .meta({ id: 'SubstituteSuggestions' });

export const createSwapBodySchema = z
  .object({
    counterpartId: idSchema,
    /** the proposer's duty the counterpart takes */
    give: dutyRefSchema,
    /** the counterpart's duty the proposer takes in exchange; absent: a give-away */
    take: dutyRefSchema.optional(),
    reason: z.string().trim().min(1).max(500),
  })
  .strict();

export const swapRequestSchema = z
  .object({
    id: idSchema,
    officeId: idSchema,
    proposerId: idSchema,
    proposerName: z.string(),
    counterpartId: idSchema,
    counterpartName: z.string(),
    give: z.object({ date: z.string(), shiftCode: z.string() }),
    take: z.object({ date: z.string(), shiftCode: z.string() }).nullable(),
    reason: z.string(),
    status: z.enum(['proposed', 'accepted', 'declined', 'approved', 'rejected', 'cancelled']),
    version: z.number().int(),
    createdAt: z.string(),
    respondedAt: z.string().nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionReason: z.string().nullable(),
    rosterVersion: z.number().int().nullable(),
  })
  .meta({ id: 'SwapRequest' });

export type SwapRequest = z.infer<typeof swapRequestSchema>;

export const swapListSchema = z
  .object({ requests: z.array(swapRequestSchema) })
  .meta({ id: 'SwapRequests' });

export const swapParamsSchema = z.object({ officeId: idSchema, swapId: idSchema }).strict();

export const declineBodySchema = z
  .object({ version: z.number().int().min(1), reason: z.string().trim().max(500).optional() })
  .strict();

export const approveSwapBodySchema = z
  .object({
    version: z.number().int().min(1),
    /** approve although the swap breaks a hard rule; recorded */
    overrideReason: z.string().trim().min(1).max(500).optional(),
  })
  .strict();

export const emergencyCoverBodySchema = z
  .object({
    date: localDateSchema,
    shiftCode: shiftCodeSchema,
    absentUserId: idSchema,
    substituteUserId: idSchema,
    reason: z.string().trim().min(1).max(500),
    overrideReason: z.string().trim().min(1).max(500).optional(),
  })
  .strict();

export const emergencyCoverSchema = z
  .object({
    id: idSchema,
    date: z.string(),
    shiftCode: z.string(),
    absentUserId: idSchema,
    substituteUserId: idSchema,
    reason: z.string(),
    rosterVersion: z.number().int(),
  })
  .meta({ id: 'EmergencyCover' });

export const notificationSchema = z.object({
  id: idSchema,
  kind: z.string(),
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const notificationListSchema = z
  .object({ notifications: z.array(notificationSchema), unread: z.number().int() })
  .meta({ id: 'Notifications' });

export const notificationParamsSchema = z.object({ notificationId: idSchema }).strict();
