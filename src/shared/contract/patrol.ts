import { z } from 'zod';
import { idSchema } from './common.ts';

/**
 * Garden patrols 花园巡查 (issue 8; WORK-3, WORK-4, DISC-1): routes with ordered checkpoints,
 * each with its checklist and a short code printed as a QR label, and the rounds planned per
 * shift. Rounds, visits and non-conforming items 不合格项 follow.
 */

const text = (max: number) => z.string().trim().min(1).max(max);

/** A checkpoint's short code: on the label, typed when a QR code cannot be scanned. */
export const checkpointCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z2-9]{6}$/, 'six letters and digits, as printed on the label');

export const plannedRoundSchema = z
  .object({
    /** the office's shift (SHIFT-1) the round belongs to */
    shiftCode: z.string().min(1).max(8),
    /** the round's window opens this many minutes after the shift starts */
    offsetMinutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60),
    /** and stays open this long: a round not started within it is missed */
    windowMinutes: z
      .number()
      .int()
      .min(5)
      .max(12 * 60),
  })
  .strict();
export type PlannedRound = z.infer<typeof plannedRoundSchema>;

export const routeBodySchema = z
  .object({
    name: text(60),
    checkpoints: z
      .array(
        z
          .object({
            /** keep a checkpoint's id (and its code and label) when editing it */
            id: idSchema.optional(),
            name: text(60),
            /** what to look at there: lights, fences, drainage, cleanliness, hazards… */
            checklist: z.array(text(100)).max(20),
          })
          .strict(),
      )
      .min(1)
      .max(50),
    plannedRounds: z.array(plannedRoundSchema).max(12),
  })
  .strict();
export type RouteBody = z.infer<typeof routeBodySchema>;

export const updateRouteBodySchema = routeBodySchema.safeExtend({
  /** the version the edit started from; a stale one is refused (409) */
  version: z.number().int().min(1),
});
export type UpdateRouteBody = z.infer<typeof updateRouteBodySchema>;

export const checkpointSchema = z
  .object({
    id: idSchema,
    seq: z.number().int(),
    name: z.string(),
    code: z.string(),
    checklist: z.array(z.string()),
  })
  .meta({ id: 'Checkpoint' });
export type Checkpoint = z.infer<typeof checkpointSchema>;

export const patrolRouteSchema = z
  .object({
    id: idSchema,
    officeId: idSchema,
    name: z.string(),
    version: z.number().int(),
    checkpoints: z.array(checkpointSchema),
    plannedRounds: z.array(plannedRoundSchema),
    updatedAt: z.string(),
  })
  .meta({ id: 'PatrolRoute' });
export type PatrolRoute = z.infer<typeof patrolRouteSchema>;

export const routeParamsSchema = z.object({ officeId: idSchema, routeId: idSchema }).strict();
export const labelParamsSchema = z
  .object({ officeId: idSchema, routeId: idSchema, checkpointId: idSchema })
  .strict();
