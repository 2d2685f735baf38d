// Types only from the shared contract (see api-types.ts): a change there is a compile error here.
import type { z } from 'zod';
import type {
  assigneeSchema,
  CheckpointStatus,
  ncListQuerySchema,
  Nonconformance,
  NonconformanceDetail,
  PatrolRound,
  PatrolRoundList,
  PatrolRoute,
  PlannedRound,
  RouteBody,
  severitySchema,
} from '../../shared/contract/patrol.ts';
import { apiRequest, officePath } from './api-client.ts';

export type {
  CheckpointStatus,
  Nonconformance,
  NonconformanceDetail,
  PatrolRound,
  PatrolRoundList,
  PatrolRoute,
  PlannedRound,
  RouteBody,
};
export type Severity = z.infer<typeof severitySchema>;
export type Assignee = z.infer<typeof assigneeSchema>;
export type NcListQuery = Partial<z.input<typeof ncListQuerySchema>>;
export type NcEvent = NonconformanceDetail['events'][number];
export type MissedRound = PatrolRoundList['missed'][number];
export type Evidence = { sha256: string; fileName: string };

export const severities: readonly Severity[] = ['minor', 'major', 'critical'];
export const assignees: readonly Assignee[] = ['duty', 'maintenance', 'cleaning', 'contractor'];

function routePath(officeId: string, routeId: string, rest = ''): string {
  return officePath(officeId, `/patrol-routes/${encodeURIComponent(routeId)}${rest}`);
}

function ncPath(officeId: string, ncId: string, rest = ''): string {
  return officePath(officeId, `/nonconformances/${encodeURIComponent(ncId)}${rest}`);
}

function withQuery(path: string, query: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text === '' ? path : `${path}?${text}`;
}

/** The office's routes with their checkpoints (codes) and planned rounds; staff read them too. */
export async function listPatrolRoutes(officeId: string): Promise<PatrolRoute[]> {
  const { routes } = await apiRequest<{ routes: PatrolRoute[] }>(
    'GET',
    officePath(officeId, '/patrol-routes'),
  );
  return routes;
}

export function getPatrolRoute(officeId: string, routeId: string): Promise<PatrolRoute> {
  return apiRequest<PatrolRoute>('GET', routePath(officeId, routeId));
}

/** A new route (supervisor); field problems come back as 400 with paths like `checkpoints.1.name`. */
export function createPatrolRoute(officeId: string, body: RouteBody): Promise<PatrolRoute> {
  return apiRequest<PatrolRoute>('POST', officePath(officeId, '/patrol-routes'), body);
}

/** The route's next version; a stale `version` → 409, kept checkpoint ids keep their codes. */
export function updatePatrolRoute(
  officeId: string,
  routeId: string,
  version: number,
  body: RouteBody,
): Promise<PatrolRoute> {
  return apiRequest<PatrolRoute>('PUT', routePath(officeId, routeId), { ...body, version });
}

/** The QR label's image address (an <img> loads it with the session cookie). */
export function checkpointLabelUrl(
  officeId: string,
  routeId: string,
  checkpointId: string,
): string {
  return routePath(officeId, routeId, `/checkpoints/${encodeURIComponent(checkpointId)}/label.png`);
}

/** Every checkpoint of the office with its last visit and its unverified items. */
export async function listCheckpointStatus(officeId: string): Promise<CheckpointStatus[]> {
  const { checkpoints } = await apiRequest<{ checkpoints: CheckpointStatus[] }>(
    'GET',
    officePath(officeId, '/patrol-checkpoints'),
  );
  return checkpoints;
}

/** The rounds of an office-local day (today when absent) and the planned rounds missed. */
export function listPatrolRounds(
  officeId: string,
  query: { date?: string; routeId?: string } = {},
): Promise<PatrolRoundList> {
  return apiRequest<PatrolRoundList>(
    'GET',
    withQuery(officePath(officeId, '/patrol-rounds'), query),
  );
}

/** Non-conforming items 不合格项; the server's default status is "not verified yet". */
export async function listNonconformances(
  officeId: string,
  query: NcListQuery = {},
): Promise<Nonconformance[]> {
  const { items } = await apiRequest<{ items: Nonconformance[] }>(
    'GET',
    withQuery(officePath(officeId, '/nonconformances'), query),
  );
  return items;
}

export function getNonconformance(officeId: string, ncId: string): Promise<NonconformanceDetail> {
  return apiRequest<NonconformanceDetail>('GET', ncPath(officeId, ncId));
}

/** open → corrected, with at least one evidence file; a stale `version` → 409. */
export function correctNonconformance(
  officeId: string,
  ncId: string,
  body: { version: number; text: string; attachments: Evidence[] },
): Promise<NonconformanceDetail> {
  return apiRequest<NonconformanceDetail>('POST', ncPath(officeId, ncId, '/correct'), body);
}

/** corrected → verified: a supervisor who did not correct it (403 otherwise). */
export function verifyNonconformance(
  officeId: string,
  ncId: string,
  version: number,
): Promise<NonconformanceDetail> {
  return apiRequest<NonconformanceDetail>('POST', ncPath(officeId, ncId, '/verify'), { version });
}

/** corrected → open with the supervisor's reason. */
export function reopenNonconformance(
  officeId: string,
  ncId: string,
  body: { version: number; reason: string },
): Promise<NonconformanceDetail> {
  return apiRequest<NonconformanceDetail>('POST', ncPath(officeId, ncId, '/reopen'), body);
}
