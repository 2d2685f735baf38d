// Types only from the shared contract (see api-types.ts): a change there is a compile error here.
import type { z } from 'zod';
import type {
  cellChangeSchema,
  currentGenerationSchema,
  personMonthSchema,
  RosterGeneration,
  RosterMonth,
  rosterVersionListSchema,
  rosterVersionSchema,
  startGenerationBodySchema,
} from '../../shared/contract/rosters.ts';
import { apiRequest } from './api-client.ts';

export type { RosterGeneration, RosterMonth };
export type RosterDay = RosterMonth['days'][number];
export type RosterShift = RosterMonth['shifts'][number];
export type RosterRow = RosterMonth['rows'][number];
export type RosterCheck = NonNullable<RosterMonth['check']>;
export type RosterViolation = RosterCheck['hardViolations'][number];
export type PersonTotals = RosterRow['totals'];
export type CellChange = z.input<typeof cellChangeSchema>;
export type StartGenerationBody = z.input<typeof startGenerationBodySchema>;
export type CurrentGeneration = z.infer<typeof currentGenerationSchema>;
export type RosterVersionSummary = z.infer<typeof rosterVersionListSchema>['versions'][number];
export type RosterVersion = z.infer<typeof rosterVersionSchema>;
export type GenerationConflict = RosterGeneration['conflicts'][number];

function rosterPath(officeId: string, month: string, rest = ''): string {
  const base = `/api/offices/${encodeURIComponent(officeId)}/rosters/${encodeURIComponent(month)}`;
  return rest === '' ? base : `${base}/${rest}`;
}

/** The month's roster with the evaluator's check; staff see rows only once published (ROSTER-2). */
export function getRosterMonth(officeId: string, month: string): Promise<RosterMonth> {
  return apiRequest<RosterMonth>('GET', rosterPath(officeId, month));
}

/**
 * Edits draft cells read at `revision` (supervisor); the answer is judged at once by the
 * evaluator. Stale → VERSION_CONFLICT; while generating → CONFLICT; published → ROSTER-2.
 */
export function editRosterCells(
  officeId: string,
  month: string,
  revision: number,
  changes: CellChange[],
): Promise<RosterMonth> {
  return apiRequest<RosterMonth>('PUT', rosterPath(officeId, month, 'cells'), {
    revision,
    changes,
  });
}

/** Releases every pinned cell, so re-optimising may change all of them. */
export function unpinRosterCells(
  officeId: string,
  month: string,
  revision: number,
): Promise<RosterMonth> {
  return apiRequest<RosterMonth>('POST', rosterPath(officeId, month, 'unpin'), { revision });
}

/**
 * Publishes the draft (ROSTER-1); a draft breaking hard rules needs `overrideReason`, else
 * RULE_VIOLATION with the violations in the details.
 */
export function publishRoster(
  officeId: string,
  month: string,
  revision: number,
  overrideReason?: string,
): Promise<RosterMonth> {
  return apiRequest<RosterMonth>('POST', rosterPath(officeId, month, 'publish'), {
    revision,
    ...(overrideReason === undefined ? {} : { overrideReason }),
  });
}

/** Starts the optimiser on the month's draft; answers at once with the running generation. */
export function startRosterGeneration(
  officeId: string,
  month: string,
  body: StartGenerationBody,
): Promise<RosterGeneration> {
  return apiRequest<RosterGeneration>('POST', rosterPath(officeId, month, 'generations'), body);
}

/** The latest generation with its live progress; poll about once a second while running. */
export function getCurrentGeneration(officeId: string, month: string): Promise<CurrentGeneration> {
  return apiRequest<CurrentGeneration>('GET', rosterPath(officeId, month, 'generations/current'));
}

/** Stops a generation early, keeping the best roster found so far. */
export function stopRosterGeneration(
  officeId: string,
  month: string,
  generationId: string,
): Promise<RosterGeneration> {
  return apiRequest<RosterGeneration>(
    'POST',
    rosterPath(officeId, month, `generations/${encodeURIComponent(generationId)}/stop`),
  );
}

/** Every published version of the month with who, when and why (ROSTER-2). */
export function listRosterVersions(
  officeId: string,
  month: string,
): Promise<{ versions: RosterVersionSummary[] }> {
  return apiRequest<{ versions: RosterVersionSummary[] }>(
    'GET',
    rosterPath(officeId, month, 'versions'),
  );
}

/** One published version, cell by cell. */
export function getRosterVersion(
  officeId: string,
  month: string,
  version: number,
): Promise<RosterVersion> {
  return apiRequest<RosterVersion>('GET', rosterPath(officeId, month, `versions/${version}`));
}

export type PersonRosterMonth = z.infer<typeof personMonthSchema>;

/** One person's month: planned (first published) against actual duties, and each change. */
export function getPersonRosterMonth(
  officeId: string,
  month: string,
  userId: string,
): Promise<PersonRosterMonth> {
  return apiRequest<PersonRosterMonth>(
    'GET',
    rosterPath(officeId, month, `people/${encodeURIComponent(userId)}`),
  );
}
