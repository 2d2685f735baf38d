import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/** The hash that stands before the first event of every organization's chain. */
export const genesisHash = '0'.repeat(64);

/** One audit event as hashed: everything but its own hash. */
export type AuditEventContent = {
  orgId: string;
  seq: number;
  at: string;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  payload: unknown;
};

export type AuditEvent = AuditEventContent & { prevHash: string; hash: string };

/** sha-256 of the previous hash and the event's canonical JSON (DESIGN.md "Records are append-only"). */
export function hashAuditEvent(prevHash: string, content: AuditEventContent): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(canonicalJson(content))
    .digest('hex');
}

export type ChainProblem = {
  orgId: string;
  seq: number;
  reason: 'hash-mismatch' | 'broken-link' | 'sequence-gap' | 'head-mismatch';
  message: string;
};

/**
 * Checks one organization's events in sequence order, one at a time so a long chain need not
 * be held in memory, and names the first bad row: a changed row fails its hash, a removed or
 * reordered row breaks the sequence or the link, and a removed tail no longer reaches the
 * recorded head.
 */
export function createChainVerifier(orgId: string) {
  let expectedSeq = 1;
  let prevHash = genesisHash;
  const problem = (seq: number, reason: ChainProblem['reason'], message: string): ChainProblem => ({
    orgId,
    seq,
    reason,
    message,
  });
  return {
    check(event: AuditEvent): ChainProblem | null {
      if (event.seq !== expectedSeq) {
        return problem(
          event.seq,
          'sequence-gap',
          `expected event #${String(expectedSeq)} but found #${String(event.seq)}: a row was removed or reordered`,
        );
      }
      if (event.prevHash !== prevHash) {
        return problem(
          event.seq,
          'broken-link',
          `event #${String(event.seq)} does not link to the hash of the event before it`,
        );
      }
      const { prevHash: _prev, hash, ...content } = event;
      if (hashAuditEvent(prevHash, content) !== hash) {
        return problem(
          event.seq,
          'hash-mismatch',
          `event #${String(event.seq)} was changed after it was written`,
        );
      }
      prevHash = hash;
      expectedSeq += 1;
      return null;
    },
    finish(head: { seq: number; hash: string } | null): ChainProblem | null {
      const lastSeq = expectedSeq - 1;
      if (head !== null && (head.seq !== lastSeq || head.hash !== prevHash)) {
        return problem(
          head.seq,
          'head-mismatch',
          `the chain ends at event #${String(lastSeq)} but the recorded head is #${String(head.seq)}: rows at the end were removed`,
        );
      }
      return null;
    },
  };
}

/** Verifies a whole chain held in memory (tests, small chains). */
export function verifyChain(
  orgId: string,
  events: Iterable<AuditEvent>,
  head: { seq: number; hash: string } | null,
): ChainProblem | null {
  const verifier = createChainVerifier(orgId);
  for (const event of events) {
    const problem = verifier.check(event);
    if (problem !== null) return problem;
  }
  return verifier.finish(head);
}
