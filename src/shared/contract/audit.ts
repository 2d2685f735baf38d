import { z } from 'zod';

export const auditQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    beforeSeq: z.coerce.number().int().min(1).optional(),
    entityType: z.string().min(1).max(64).optional(),
    entityId: z.string().min(1).max(64).optional(),
  })
  .strict();

export const auditEventViewSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  payload: z.unknown(),
  hash: z.string(),
});

export type AuditEventView = z.infer<typeof auditEventViewSchema>;

export const auditTrailSchema = z
  .object({ events: z.array(auditEventViewSchema), nextBeforeSeq: z.number().int().nullable() })
  .meta({ id: 'AuditTrail' });

export const auditVerificationSchema = z.object({
  intact: z.boolean(),
  events: z.number().int(),
  problem: z
    .object({
      orgId: z.string(),
      seq: z.number().int(),
      reason: z.enum(['hash-mismatch', 'broken-link', 'sequence-gap', 'head-mismatch']),
      message: z.string(),
    })
    .nullable(),
});
