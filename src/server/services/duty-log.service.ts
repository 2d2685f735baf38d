import type { z } from 'zod';
import type { LogEntry, logEntryBodySchema, logQuerySchema } from '../../shared/contract/duty.ts';
import { AppError, throwIfInvalid, type ErrorDetail } from '../../shared/errors.ts';
import type { Queryable } from '../db/database.ts';
import {
  deskItemInOffice,
  findLogEntry,
  insertLogEntry,
  listCorrectionsOf,
  listLogEntries,
  type LogEntryRecord,
} from '../db/duty-log.repo.ts';
import { findHandoverOfSession } from '../db/handover.repo.ts';
import { recordAudit } from './audit.service.ts';
import { inTransaction, type ServiceContext } from './context.ts';
import { currentSessionOf, resolvePost } from './duty.service.ts';
import { attachFiles, attachmentsByOwner } from './files.service.ts';
import { loadOfficeFor } from './offices.service.ts';

/**
 * The duty log 值班记录 (WORK-3, HO-OUT-2): append-only entries bound to the post and to the
 * author's duty session. A correction 更正 is a new entry pointing at the old one; no entry
 * is ever changed or removed.
 */

export const logEntryOwnerKind = 'duty-log-entry';

async function present(db: Queryable, records: readonly LogEntryRecord[]): Promise<LogEntry[]> {
  const ids = records.map((r) => r.id);
  const [attachments, corrections] = await Promise.all([
    attachmentsByOwner(db, logEntryOwnerKind, ids),
    listCorrectionsOf(db, ids),
  ]);
  // the newest correction wins: corrections come oldest first
  const correctedBy = new Map(corrections.map((c) => [c.correctsId, c.id]));
  return records.map((r) =>
    logEntryOf(r, attachments.get(r.id) ?? [], correctedBy.get(r.id) ?? null),
  );
}

function logEntryOf(
  r: LogEntryRecord,
  attachments: LogEntry['attachments'],
  correctedById: string | null,
): LogEntry {
  return {
    id: r.id,
    officeId: r.officeId,
    postId: r.postId,
    dutySessionId: r.dutySessionId,
    authorId: r.authorId,
    authorName: r.authorName,
    category: r.category as LogEntry['category'],
    text: r.text,
    correctsId: r.correctsId,
    deskItemId: r.deskItemId,
    createdAt: r.createdAt.toISOString(),
    attachments,
    correctedById,
  };
}

/**
 * Writes an entry (WORK-3). Staff must be checked in: the entry is bound to their session and
 * its post. Supervisors and directors may write without a session, bound to a post of the
 * office. Attachments must have been uploaded first; all of it lands in one transaction.
 */
export async function addLogEntry(
  ctx: ServiceContext,
  officeId: string,
  body: z.infer<typeof logEntryBodySchema>,
): Promise<LogEntry> {
  const office = await loadOfficeFor(ctx, officeId, 'dutylog.write');
  const session = await currentSessionOf(ctx.db, office.id, ctx.actor.userId, ctx.clock.now());
  const role = ctx.actor.roles.get(office.id);
  if (session === null && role !== 'supervisor' && role !== 'director') {
    throw new AppError('RULE_VIOLATION', 'check in at your post before writing the duty log', {
      rule: 'WORK-3',
    });
  }
  if (session !== null && body.postId !== undefined && body.postId !== session.postId) {
    throw new AppError('VALIDATION_FAILED', 'postId: you are checked in at another post', {
      details: [{ path: 'postId', message: 'you are checked in at another post' }],
    });
  }
  if (session !== null) {
    const handover = await findHandoverOfSession(ctx.db, session.id, 'outgoing');
    if (handover !== null && handover.status !== 'open') {
      // HO-IN-5: once signed, the shift's log is read-only; the next shift writes on
      throw new AppError('RULE_VIOLATION', 'your shift’s log is handed over and sealed', {
        rule: 'HO-IN-5',
      });
    }
  }
  const postId = session?.postId ?? (await resolvePost(ctx.db, office, body.postId)).id;
  const details: ErrorDetail[] = [];
  if (body.correctsId !== undefined) {
    const corrected = await findLogEntry(ctx.db, body.correctsId);
    if (corrected?.officeId !== office.id) {
      details.push({ path: 'correctsId', message: 'no such entry in this office' });
    }
  }
  if (
    body.deskItemId !== undefined &&
    !(await deskItemInOffice(ctx.db, office.id, body.deskItemId))
  ) {
    details.push({ path: 'deskItemId', message: 'no such item in this office' });
  }
  throwIfInvalid(details, 'WORK-3');
  const id = ctx.ids.newId();
  const now = ctx.clock.now();
  const attached = await inTransaction(ctx, async (tx) => {
    await insertLogEntry(tx, {
      id,
      orgId: office.orgId,
      officeId: office.id,
      postId,
      dutySessionId: session?.id ?? null,
      authorId: ctx.actor.userId,
      category: body.category,
      text: body.text,
      correctsId: body.correctsId ?? null,
      deskItemId: body.deskItemId ?? null,
      createdAt: now,
    });
    const attached = await attachFiles(tx, {
      orgId: office.orgId,
      officeId: office.id,
      ownerKind: logEntryOwnerKind,
      ownerId: id,
      files: body.attachments ?? [],
      by: ctx.actor.userId,
      at: now,
      ids: ctx.ids,
    });
    await recordAudit(tx, ctx.clock, {
      orgId: office.orgId,
      actorUserId: ctx.actor.userId,
      action: body.correctsId === undefined ? 'dutylog.written' : 'dutylog.corrected',
      entityType: 'duty-log-entry',
      entityId: id,
      payload: {
        officeId: office.id,
        postId,
        sessionId: session?.id ?? null,
        category: body.category,
        text: body.text,
        correctsId: body.correctsId ?? null,
        deskItemId: body.deskItemId ?? null,
        attachments: attached.map((a) => a.sha256),
      },
    });
    return attached;
  });
  // a new entry has the files just attached and no correction yet
  const created = await findLogEntry(ctx.db, id);
  return logEntryOf(created!, attached, null);
}

/** The log of an office (or one post), newest first, with authors, files and corrections. */
export async function listLog(
  ctx: ServiceContext,
  officeId: string,
  query: z.infer<typeof logQuerySchema>,
): Promise<{ entries: LogEntry[] }> {
  const office = await loadOfficeFor(ctx, officeId, 'dutylog.read');
  const records = await listLogEntries(ctx.db, {
    officeId: office.id,
    ...(query.postId === undefined ? {} : { postId: query.postId }),
    ...(query.from === undefined ? {} : { from: new Date(query.from) }),
    ...(query.to === undefined ? {} : { to: new Date(query.to) }),
    limit: query.limit,
  });
  return { entries: await present(ctx.db, records) };
}

/**
 * The entries of a post written after an instant (the last handover) up to another (the
 * outgoing signature, inclusive), oldest first: the log the incoming shift must read
 * (HO-IN-3) and the signatures bind (HO-IN-5). No actor: the handover use case authorizes.
 */
export async function listLogEntriesOfPeriod(
  db: Queryable,
  postId: string,
  since: Date,
  until: Date,
): Promise<LogEntry[]> {
  const records = await listLogEntries(db, {
    postId,
    from: since,
    fromExclusive: true,
    to: until,
    toInclusive: true,
    order: 'asc',
  });
  return present(db, records);
}

/** The log entries linked to an inquiry or help request, oldest first (WORK-2 history). */
export async function listLogEntriesOfItem(db: Queryable, deskItemId: string): Promise<LogEntry[]> {
  const records = await listLogEntries(db, { deskItemId, order: 'asc' });
  return present(db, records);
}
