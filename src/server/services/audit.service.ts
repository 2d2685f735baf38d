import { AppError } from '../../shared/errors.ts';
import type { AuditEventView } from '../../shared/contract/audit.ts';
import type { Queryable, Tx } from '../db/database.ts';
import {
  insertAuditEvent,
  listAuditEvents,
  listAuditOrganizations,
  lockAuditHead,
  readAuditHead,
  saveAuditHead,
  streamAuditEvents,
} from '../db/audit.repo.ts';
import {
  createChainVerifier,
  genesisHash,
  hashAuditEvent,
  type ChainProblem,
} from '../domain/audit-chain.ts';
import { authorize } from './actor.ts';
import type { Clock, ServiceContext } from './context.ts';
import { listUsersOfOrganization } from '../db/user.repo.ts';

export type AuditEntry = {
  orgId: string;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  payload: Record<string, unknown>;
};

/**
 * Appends one event to the organization's hash chain inside the caller's transaction, so the
 * change and its audit event land together or not at all.
 */
export async function recordAudit(tx: Tx, clock: Clock, entry: AuditEntry): Promise<void> {
  const head = await lockAuditHead(tx, entry.orgId);
  const prevHash = head?.hash ?? genesisHash;
  const content = {
    orgId: entry.orgId,
    seq: (head?.seq ?? 0) + 1,
    at: clock.now().toISOString(),
    actorUserId: entry.actorUserId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    payload: entry.payload,
  };
  const hash = hashAuditEvent(prevHash, content);
  await insertAuditEvent(tx, { ...content, prevHash, hash });
  await saveAuditHead(tx, entry.orgId, { seq: content.seq, hash }, head === null);
}

export type AuditVerification = {
  organizations: number;
  events: number;
  problems: ChainProblem[];
};

/**
 * Walks every organization's chain, or only the ones named; reports the first bad row of
 * each broken chain.
 */
export async function verifyAuditLog(
  db: Queryable,
  only?: readonly string[],
): Promise<AuditVerification> {
  const orgIds = only ?? (await listAuditOrganizations(db));
  const problems: ChainProblem[] = [];
  let events = 0;
  for (const orgId of orgIds) {
    const verifier = createChainVerifier(orgId);
    let problem: ChainProblem | null = null;
    for await (const event of streamAuditEvents(db, orgId)) {
      events += 1;
      problem = verifier.check(event);
      if (problem !== null) break;
    }
    problem ??= verifier.finish(await readAuditHead(db, orgId));
    if (problem !== null) problems.push(problem);
  }
  return { organizations: orgIds.length, events, problems };
}

/** The organization's audit trail, newest first, a page at a time (admin). */
export async function listAuditTrail(
  ctx: ServiceContext,
  query: {
    limit: number;
    beforeSeq?: number | undefined;
    entityType?: string | undefined;
    entityId?: string | undefined;
  },
): Promise<{ events: AuditEventView[]; nextBeforeSeq: number | null }> {
  authorize(ctx.actor, 'org.read-audit', { orgId: ctx.actor.orgId });
  const [events, users] = await Promise.all([
    listAuditEvents(ctx.db, ctx.actor.orgId, {
      limit: query.limit,
      ...(query.beforeSeq === undefined ? {} : { beforeSeq: query.beforeSeq }),
      ...(query.entityType === undefined ? {} : { entityType: query.entityType }),
      ...(query.entityId === undefined ? {} : { entityId: query.entityId }),
    }),
    listUsersOfOrganization(ctx.db, ctx.actor.orgId),
  ]);
  const nameOf = new Map(users.map((u) => [u.id, u.displayName]));
  const last = events[events.length - 1];
  return {
    events: events.map((e) => ({
      seq: e.seq,
      at: e.at,
      actorUserId: e.actorUserId,
      actorName: e.actorUserId === null ? null : (nameOf.get(e.actorUserId) ?? null),
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      payload: e.payload,
      hash: e.hash,
    })),
    nextBeforeSeq:
      events.length === query.limit && last !== undefined && last.seq > 1 ? last.seq : null,
  };
}

/** Verifies the actor's organization chain (admin); the CLI verifies every chain. */
export async function verifyOwnAuditTrail(
  ctx: ServiceContext,
): Promise<{ intact: boolean; events: number; problem: ChainProblem | null }> {
  authorize(ctx.actor, 'org.read-audit', { orgId: ctx.actor.orgId });
  const result = await verifyAuditLog(ctx.db, [ctx.actor.orgId]);
  const problem = result.problems[0] ?? null;
  if (result.organizations !== 1) throw new AppError('INTERNAL', 'organization chain missing');
  return { intact: problem === null, events: result.events, problem };
}
