import { z } from 'zod';
import { idSchema } from './common.ts';
import { prioritySchema } from './desk-settings.ts';
import { itemStatusSchema } from './desk.ts';
import { attachmentRefSchema, logEntrySchema, sha256Schema } from './duty.ts';
import { nonconformanceSchema, roundListSchema } from './patrol.ts';

/**
 * The shift handover 交接班 (HO-IN-1…5, HO-OUT-1…4) and the post inventory 岗位物品 it counts.
 * A handover belongs to the outgoing person's duty session; every action on it is a step in
 * its record (append-only); both sides sign with their own password, and the signatures bind
 * the sha-256 of the previous shift's log and the handover record.
 */

const text = (max: number) => z.string().trim().min(1).max(max);

// ---- post inventory 岗位物品 (HO-IN-2, HO-OUT-1) ----

export const conditionSchema = z.enum(['ok', 'damaged']);

export const inventoryItemSchema = z
  .object({
    id: idSchema,
    name: z.string(),
    quantity: z.number().int(),
    /** the condition on record: counting a known-damaged item as damaged is no discrepancy */
    condition: conditionSchema,
    note: z.string().nullable(),
  })
  .meta({ id: 'InventoryItem' });
export type InventoryItem = z.infer<typeof inventoryItemSchema>;

export const inventorySchema = z
  .object({
    postId: idSchema,
    postName: z.string(),
    /** 0 before the supervisor first saves a list */
    version: z.number().int(),
    items: z.array(inventoryItemSchema),
    updatedAt: z.string().nullable(),
    updatedByName: z.string().nullable(),
  })
  .meta({ id: 'PostInventory' });
export type PostInventory = z.infer<typeof inventorySchema>;

export const inventoryBodySchema = z
  .object({
    /** the version the edit started from; a stale one is refused (409) */
    version: z.number().int().min(0),
    items: z
      .array(
        z
          .object({
            /** keep an item's id when editing it; new items get one */
            id: idSchema.optional(),
            name: text(60),
            quantity: z.number().int().min(0).max(999),
            condition: conditionSchema.default('ok'),
            note: z.string().trim().max(200).optional(),
          })
          .strict(),
      )
      .max(200),
  })
  .strict()
  .refine((b) => new Set(b.items.map((i) => i.name)).size === b.items.length, {
    error: 'each item is listed once',
    path: ['items'],
  });
/** as sent: a condition left out is 'ok' */
export type InventoryBody = z.input<typeof inventoryBodySchema>;

export const postParamsSchema = z.object({ officeId: idSchema, postId: idSchema }).strict();

// ---- the handover's actions (one steps route) ----

export const sideSchema = z.enum(['outgoing', 'incoming']);
export type Side = z.infer<typeof sideSchema>;

/** HO-OUT-2: one piece of unfinished work, told truthfully: what, its state, the next step. */
export const unfinishedNoteSchema = z
  .object({
    /** the help request or inquiry it is about, if any */
    deskItemId: idSchema.optional(),
    what: text(500),
    state: text(500),
    nextStep: text(500),
  })
  .strict();

export const explainTargetSchema = z
  .object({ type: z.enum(['item', 'anomaly']), id: idSchema })
  .strict();

export const handoverActionSchema = z.discriminatedUnion('kind', [
  /** HO-OUT-1: the post's items in order and the desk clean */
  z.object({ kind: z.literal('tidy') }).strict(),
  /** HO-OUT-2: the duty log complete, the shift's evidence attached */
  z.object({ kind: z.literal('log-complete') }).strict(),
  /** HO-OUT-2: the unfinished work (may be empty); replaces an earlier list until accepted */
  z
    .object({ kind: z.literal('unfinished'), items: z.array(unfinishedNoteSchema).max(50) })
    .strict(),
  /** HO-OUT-4: a supervisor or director lets open important items through, with a reason */
  z
    .object({
      kind: z.literal('exception'),
      itemIds: z.array(idSchema).min(1).max(50),
      reason: text(1000),
    })
    .strict(),
  /** the incoming person, checked in at the post, takes part */
  z.object({ kind: z.literal('join') }).strict(),
  /** HO-IN-2: every item of the inventory counted, its condition noted */
  z
    .object({
      kind: z.literal('count'),
      inventoryVersion: z.number().int().min(0),
      lines: z
        .array(
          z
            .object({
              itemId: idSchema,
              counted: z.number().int().min(0).max(999),
              condition: conditionSchema,
              note: z.string().trim().max(500).optional(),
            })
            .strict(),
        )
        .max(200),
    })
    .strict(),
  /** HO-IN-2, HO-IN-4: the outgoing person explains a missing or damaged item or an anomaly */
  z.object({ kind: z.literal('explain'), target: explainTargetSchema, text: text(1000) }).strict(),
  /** HO-IN-3: the incoming person has read these log entries */
  z.object({ kind: z.literal('read-log'), entryIds: z.array(idSchema).min(1).max(500) }).strict(),
  /** HO-IN-3: the incoming person takes over the unfinished work as desk items they own */
  z.object({ kind: z.literal('accept-follow-ups') }).strict(),
  /** HO-IN-4: the area checked; each anomaly found (none: an empty list) */
  z
    .object({
      kind: z.literal('check-area'),
      anomalies: z
        .array(
          z
            .object({
              text: text(1000),
              attachments: z.array(attachmentRefSchema).max(5).optional(),
            })
            .strict(),
        )
        .max(20),
    })
    .strict(),
  /** HO-IN-5, HO-OUT-3: a side signs with its own password (on any device of the two) */
  z
    .object({ kind: z.literal('sign'), side: sideSchema, password: z.string().min(1).max(200) })
    .strict(),
]);
export type HandoverAction = z.infer<typeof handoverActionSchema>;

export const handoverStepBodySchema = z
  .object({
    /** the handover's version the action was taken on; a stale one is refused (409) */
    version: z.number().int().min(0),
    action: handoverActionSchema,
  })
  .strict();
export type HandoverStepBody = z.infer<typeof handoverStepBodySchema>;

export const openHandoverBodySchema = z.object({ sessionId: idSchema.optional() }).strict();

export const handoverParamsSchema = z.object({ officeId: idSchema, handoverId: idSchema }).strict();

export const handoverListQuerySchema = z
  .object({
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    postId: idSchema.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

// ---- the handover as read ----

export const handoverStatusSchema = z.enum(['open', 'outgoing-signed', 'sealed']);
export type HandoverStatus = z.infer<typeof handoverStatusSchema>;

const personSchema = z.object({
  userId: idSchema,
  displayName: z.string(),
  sessionId: idSchema,
  date: z.string(),
  shiftName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  checkedInAt: z.string(),
  /** HO-IN-1 minutes late at check-in */
  lateMinutes: z.number().int(),
});

/** What still stands in the way of a side's signature, each with its rule. */
export const unmetSchema = z.object({
  rule: z.string(),
  /** a stable key the web translates (e.g. 'tidy', 'blocking-items') */
  key: z.string(),
  /** the ids concerned: items, entries, discrepancies */
  ids: z.array(z.string()),
});
export type Unmet = z.infer<typeof unmetSchema>;

export const discrepancySchema = z.object({
  itemId: idSchema,
  name: z.string(),
  expected: z.number().int(),
  counted: z.number().int(),
  condition: conditionSchema,
  note: z.string().nullable(),
  explanation: z.string().nullable(),
});

export const anomalySchema = z.object({
  id: z.string(),
  text: z.string(),
  attachments: z.array(z.string()),
  explanation: z.string().nullable(),
});

export const handoverStepSchema = z.object({
  seq: z.number().int(),
  kind: z.string(),
  actorId: idSchema.nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
  payload: z.record(z.string(), z.unknown()),
});

export const signatureSchema = z.object({
  userId: idSchema,
  displayName: z.string(),
  at: z.string(),
  /** sha-256 of the previous shift's log and the handover record as signed */
  hash: sha256Schema,
});

export const blockingItemSchema = z.object({
  id: idSchema,
  subject: z.string(),
  priority: prioritySchema,
  status: itemStatusSchema,
  /** a supervisor's exception lets it through (HO-OUT-4) */
  excepted: z.boolean(),
});

export const handoverSchema = z
  .object({
    id: idSchema,
    officeId: idSchema,
    postId: idSchema,
    postName: z.string(),
    status: handoverStatusSchema,
    version: z.number().int(),
    openedAt: z.string(),
    outgoing: personSchema,
    incoming: personSchema.nullable(),
    /** the outgoing side signed with nobody to hand over to: the next shift starts later */
    gap: z.boolean(),
    /** the previous shift's log: entries of the post after logFrom up to logTo (set on signing) */
    logFrom: z.string(),
    logTo: z.string().nullable(),
    checklist: z.object({
      tidiedAt: z.string().nullable(),
      logCompletedAt: z.string().nullable(),
      unfinished: z
        .array(
          z.object({
            deskItemId: idSchema.nullable(),
            what: z.string(),
            state: z.string(),
            nextStep: z.string(),
          }),
        )
        .nullable(),
      exceptions: z.array(
        z.object({
          itemIds: z.array(idSchema),
          reason: z.string(),
          byName: z.string(),
          at: z.string(),
        }),
      ),
      countedAt: z.string().nullable(),
      inventoryVersion: z.number().int().nullable(),
      discrepancies: z.array(discrepancySchema),
      followUpsAcceptedAt: z.string().nullable(),
      /** desk items the accepted follow-ups became, in the order of the list */
      followUpItemIds: z.array(idSchema),
      areaCheckedAt: z.string().nullable(),
      anomalies: z.array(anomalySchema),
      readEntryIds: z.array(idSchema),
    }),
    /** HO-IN-3: the log entries the incoming person reads (the period's, not their own) */
    logEntries: z.array(logEntrySchema),
    /** HO-OUT-4: open important and major items of the office */
    blocking: z.array(blockingItemSchema),
    /**
     * Non-conforming items 不合格项 not yet verified, carried across shifts (issue 8): the
     * office's current ones, or for a sealed handover those unverified when it was sealed.
     */
    nonconformances: z.array(nonconformanceSchema),
    /**
     * The outgoing shift's patrols (issue 8): the rounds the outgoing person made, with the
     * checkpoints missed, and the shift's planned rounds nobody started.
     */
    patrols: roundListSchema,
    unmet: z.object({ outgoing: z.array(unmetSchema), incoming: z.array(unmetSchema) }),
    signatures: z.object({
      outgoing: signatureSchema.nullable(),
      incoming: signatureSchema.nullable(),
    }),
    sealedAt: z.string().nullable(),
    steps: z.array(handoverStepSchema),
  })
  .meta({ id: 'Handover' });
export type Handover = z.infer<typeof handoverSchema>;

/** What the desk offers the caller now: their own handover, or one awaiting them. */
export const handoverDeskSchema = z
  .object({
    now: z.string(),
    /** the caller's session that can be handed over, and from when (HO-OUT-1) */
    canOpen: z.object({ sessionId: idSchema, opensAt: z.string(), endsAt: z.string() }).nullable(),
    /** unsealed handovers the caller takes part in (for supervisors and directors: all of the office) */
    mine: z.array(handoverSchema),
    /** handovers of the caller's post waiting for someone to take over */
    awaiting: z.array(handoverSchema),
  })
  .meta({ id: 'HandoverDesk' });
export type HandoverDesk = z.infer<typeof handoverDeskSchema>;

/** One line of the list of handovers with its compliance. */
export const handoverSummarySchema = z
  .object({
    id: idSchema,
    postName: z.string(),
    status: handoverStatusSchema,
    openedAt: z.string(),
    outgoingName: z.string(),
    incomingName: z.string().nullable(),
    shiftEndsAt: z.string(),
    sealedAt: z.string().nullable(),
    gap: z.boolean(),
    /** the outgoing side signed by the shift's end (HO-OUT-3) */
    onTime: z.boolean(),
    /** minutes late of the incoming person at check-in (HO-IN-1) */
    incomingLateMinutes: z.number().int().nullable(),
    exceptions: z.number().int(),
    discrepancies: z.number().int(),
    unexplained: z.number().int(),
    anomalies: z.number().int(),
  })
  .meta({ id: 'HandoverSummary' });
export type HandoverSummary = z.infer<typeof handoverSummarySchema>;

export const handoverVerificationSchema = z
  .object({
    ok: z.boolean(),
    signatures: z.array(
      z.object({
        side: sideSchema,
        stored: z.string(),
        computed: z.string(),
        /** the hash the audit chain recorded when the side signed */
        audited: z.string().nullable(),
        ok: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'HandoverVerification' });
export type HandoverVerification = z.infer<typeof handoverVerificationSchema>;
