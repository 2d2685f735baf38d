// Types only from the shared contract (see api-types.ts): a change there is a compile error here.
import type { z } from 'zod';
import type {
  Checkpoint,
  Nonconformance,
  NonconformanceDetail,
  PatrolRound,
  PatrolRoundList,
  PatrolRoute,
  PlannedRound,
  raiseNcBodySchema,
  startRoundBodySchema,
  visitBodySchema,
} from '../../shared/contract/patrol.ts';
import { apiRequest, officePath } from './api-client.ts';

export type {
  Checkpoint,
  Nonconformance,
  NonconformanceDetail,
  PatrolRound,
  PatrolRoundList,
  PatrolRoute,
  PlannedRound,
};
export type StartRoundBody = z.input<typeof startRoundBodySchema>;
export type VisitInput = z.input<typeof visitBodySchema>;
export type RaiseNcBody = z.input<typeof raiseNcBodySchema>;
// one client for what the phone and the overview both read
export { listPatrolRoutes, listPatrolRounds, type Assignee, type Severity } from './patrol.api.ts';

function roundPath(officeId: string, roundId: string, rest = ''): string {
  return officePath(officeId, `/patrol-rounds/${encodeURIComponent(roundId)}${rest}`);
}

/**
 * Starts a round (DISC-1: leaving the post is recorded; 422 when not checked in). The same
 * clientId again answers 200 with the round stored the first time.
 */
export function startRound(officeId: string, body: StartRoundBody): Promise<PatrolRound> {
  return apiRequest<PatrolRound>('POST', officePath(officeId, '/patrol-rounds'), body);
}

export function getRound(officeId: string, roundId: string): Promise<PatrolRound> {
  return apiRequest<PatrolRound>('GET', roundPath(officeId, roundId));
}

/** Reaching a checkpoint by its code; an unknown code is a 400 naming the field `code`. */
export function recordVisit(
  officeId: string,
  roundId: string,
  body: VisitInput,
): Promise<PatrolRound> {
  return apiRequest<PatrolRound>('POST', roundPath(officeId, roundId, '/visits'), body);
}

/** Finishes the round: the return to the post; checkpoints not reached are recorded as missed. */
export function finishRound(
  officeId: string,
  roundId: string,
  body: { finishedAt?: string } = {},
): Promise<PatrolRound> {
  return apiRequest<PatrolRound>('POST', roundPath(officeId, roundId, '/finish'), body);
}

/** Raises a non-conforming item 不合格项; the same clientId again answers 200 with the same item. */
export function raiseNonconformance(
  officeId: string,
  body: RaiseNcBody,
): Promise<NonconformanceDetail> {
  return apiRequest<NonconformanceDetail>('POST', officePath(officeId, '/nonconformances'), body);
}
