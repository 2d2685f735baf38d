import type { Queryable, Tx } from '../db/database.ts';
import {
  insertAuditEvent,
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
import type { Clock } from './context.ts';

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

/** Walks every organization's chain; reports the first bad row of each broken chain. */
export async function verifyAuditLog(db: Queryable): Promise<AuditVerification> {
  const orgIds = await listAuditOrganizations(db);
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
