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

// ---- rounds 巡查 and visits (issue 8, point 2) ----

/** An id the phone makes for what it records, so a replay after a dropped connection is one. */
export const clientIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, '8 to 64 letters, digits, - or _');

export const startRoundBodySchema = z
  .object({
    clientId: clientIdSchema,
    routeId: idSchema,
    /** DISC-1: how long the patrol keeps the person away from the post */
    expectedMinutes: z.number().int().min(5).max(240).default(30),
    /** when the phone started it, if it syncs later (between check-in and now); now when absent */
    startedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export const finishRoundBodySchema = z
  .object({
    /** when the phone finished it, if it syncs later (between the start and now); now when absent */
    finishedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export const visitBodySchema = z
  .object({
    clientId: clientIdSchema,
    /** the code on the label: scanned (method qr) or typed (method code) */
    code: checkpointCodeSchema,
    method: z.enum(['qr', 'code']),
    /** when the phone recorded it (it may sync later); the server's time when absent */
    visitedAt: z.iso.datetime({ offset: true }).optional(),
    results: z
      .array(z.object({ item: text(100), ok: z.boolean() }).strict())
      .max(20)
      .default([]),
    note: z.string().trim().max(1000).optional(),
    attachments: z
      .array(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), fileName: text(200) }).strict())
      .max(5)
      .optional(),
  })
  .strict();
export type VisitBody = z.infer<typeof visitBodySchema>;

export const roundParamsSchema = z.object({ officeId: idSchema, roundId: idSchema }).strict();
export const roundListQuerySchema = z
  .object({ date: z.iso.date().optional(), routeId: idSchema.optional() })
  .strict();

export const visitSchema = z.object({
  id: idSchema,
  checkpointId: idSchema,
  checkpointName: z.string(),
  code: z.string(),
  method: z.enum(['qr', 'code']),
  visitedAt: z.string(),
  results: z.array(z.object({ item: z.string(), ok: z.boolean() })),
  note: z.string().nullable(),
  attachments: z.array(z.string()),
});

export const roundSchema = z
  .object({
    id: idSchema,
    officeId: idSchema,
    routeId: idSchema,
    routeName: z.string(),
    userId: idSchema,
    displayName: z.string(),
    status: z.enum(['in_progress', 'finished']),
    /** the planned round it fulfils, if any, with its window */
    planned: z
      .object({ index: z.number().int(), opensAt: z.string(), closesAt: z.string() })
      .nullable(),
    /** started after its planned window closed */
    late: z.boolean(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    /** DISC-1: the absence from the post the round is */
    absenceId: idSchema,
    visits: z.array(visitSchema),
    /** checkpoints of the route not visited: still to go, or missed once finished */
    notVisited: z.array(z.object({ id: idSchema, name: z.string(), code: z.string() })),
  })
  .meta({ id: 'PatrolRound' });
export type PatrolRound = z.infer<typeof roundSchema>;

// ---- non-conforming items 不合格项 (issue 8, point 3) ----

export const severitySchema = z.enum(['minor', 'major', 'critical']);
export const assigneeSchema = z.enum(['duty', 'maintenance', 'cleaning', 'contractor']);
export const ncStatusSchema = z.enum(['open', 'corrected', 'verified']);

const evidenceSchema = z
  .array(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), fileName: text(200) }).strict())
  .max(5);

export const raiseNcBodySchema = z
  .object({
    clientId: clientIdSchema,
    what: text(1000),
    /** where: a checkpoint, or in words */
    checkpointId: idSchema.optional(),
    location: z.string().trim().max(200).optional(),
    /** the round it was found on, if any */
    roundId: idSchema.optional(),
    severity: severitySchema,
    /** who must correct it */
    assignee: assigneeSchema,
    dueAt: z.iso.datetime({ offset: true }),
    attachments: evidenceSchema.optional(),
  })
  .strict()
  .refine((b) => b.checkpointId !== undefined || (b.location ?? '') !== '', {
    error: 'say where: a checkpoint or a location',
    path: ['location'],
  });
export type RaiseNcBody = z.infer<typeof raiseNcBodySchema>;

export const correctNcBodySchema = z
  .object({
    version: z.number().int().min(1),
    text: text(1000),
    /** the evidence of the correction: at least one photo or document */
    attachments: evidenceSchema.min(1),
  })
  .strict();
export const verifyNcBodySchema = z.object({ version: z.number().int().min(1) }).strict();
export const reopenNcBodySchema = z
  .object({ version: z.number().int().min(1), reason: text(1000) })
  .strict();

export const ncParamsSchema = z.object({ officeId: idSchema, ncId: idSchema }).strict();
export const ncListQuerySchema = z
  .object({
    status: z.enum(['open', 'corrected', 'verified', 'unverified', 'all']).default('unverified'),
    severity: severitySchema.optional(),
    assignee: assigneeSchema.optional(),
    checkpointId: idSchema.optional(),
  })
  .strict();

export const nonconformanceSchema = z
  .object({
    id: idSchema,
    officeId: idSchema,
    what: z.string(),
    checkpointId: idSchema.nullable(),
    checkpointName: z.string().nullable(),
    location: z.string().nullable(),
    roundId: idSchema.nullable(),
    severity: severitySchema,
    assignee: assigneeSchema,
    dueAt: z.string(),
    overdue: z.boolean(),
    status: ncStatusSchema,
    version: z.number().int(),
    createdBy: idSchema,
    createdByName: z.string(),
    createdAt: z.string(),
    correctedBy: idSchema.nullable(),
    correctedAt: z.string().nullable(),
    verifiedBy: idSchema.nullable(),
    verifiedAt: z.string().nullable(),
  })
  .meta({ id: 'Nonconformance' });
export type Nonconformance = z.infer<typeof nonconformanceSchema>;

export const nonconformanceDetailSchema = z
  .object({
    item: nonconformanceSchema,
    attachments: z.array(z.object({ sha256: z.string(), fileName: z.string() })),
    events: z.array(
      z.object({
        seq: z.number().int(),
        kind: z.enum(['raised', 'corrected', 'verified', 'reopened', 'overdue']),
        actorId: idSchema.nullable(),
        actorName: z.string().nullable(),
        at: z.string(),
        payload: z.record(z.string(), z.unknown()),
      }),
    ),
  })
  .meta({ id: 'NonconformanceDetail' });
export type NonconformanceDetail = z.infer<typeof nonconformanceDetailSchema>;

/** A planned round nobody started in its window, recorded at the window's close. */
export const missedRoundSchema = z.object({
  routeId: idSchema,
  routeName: z.string(),
  shiftCode: z.string(),
  plannedIndex: z.number().int(),
  closedAt: z.string(),
});

export const roundListSchema = z
  .object({ rounds: z.array(roundSchema), missed: z.array(missedRoundSchema) })
  .meta({ id: 'PatrolRoundList' });
export type PatrolRoundList = z.infer<typeof roundListSchema>;

/** The checkpoints of the office's routes as a list, each with when it was last reached. */
export const checkpointStatusSchema = z
  .object({
    id: idSchema,
    routeId: idSchema,
    routeName: z.string(),
    seq: z.number().int(),
    name: z.string(),
    code: z.string(),
    checklist: z.array(z.string()),
    lastVisit: z
      .object({
        at: z.string(),
        roundId: idSchema,
        userId: idSchema,
        displayName: z.string(),
        /** checklist items found not in order on that visit */
        notOk: z.array(z.string()),
      })
      .nullable(),
    /** non-conforming items raised at this checkpoint and not yet verified */
    openNonconformances: z.number().int(),
  })
  .meta({ id: 'CheckpointStatus' });
export type CheckpointStatus = z.infer<typeof checkpointStatusSchema>;
export const checkpointStatusListSchema = z
  .object({ checkpoints: z.array(checkpointStatusSchema) })
  .meta({ id: 'CheckpointStatusList' });
