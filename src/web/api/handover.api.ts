// Types only from the shared contract (see api-types.ts): a change there is a compile error here.
import type { z } from 'zod';
import type {
  Handover,
  HandoverAction,
  HandoverDesk,
  handoverListQuerySchema,
  HandoverStatus,
  HandoverSummary,
  HandoverVerification,
  InventoryBody,
  InventoryItem,
  PostInventory,
  Side,
  Unmet,
} from '../../shared/contract/handover.ts';
import { apiRequest, isApiError, officePath } from './api-client.ts';

export type {
  Handover,
  HandoverAction,
  HandoverDesk,
  HandoverStatus,
  HandoverSummary,
  HandoverVerification,
  InventoryBody,
  InventoryItem,
  PostInventory,
  Side,
  Unmet,
};
export type HandoverListQuery = Partial<z.input<typeof handoverListQuerySchema>>;
export type Discrepancy = Handover['checklist']['discrepancies'][number];
export type Anomaly = Handover['checklist']['anomalies'][number];
export type FollowUpNote = NonNullable<Handover['checklist']['unfinished']>[number];

function inventoryPath(officeId: string, postId: string): string {
  return officePath(officeId, `/posts/${encodeURIComponent(postId)}/inventory`);
}

function handoverPath(officeId: string, handoverId: string, rest = ''): string {
  return officePath(officeId, `/handovers/${encodeURIComponent(handoverId)}${rest}`);
}

/** The post's items 岗位物品 the incoming person counts (HO-IN-2); version 0 before a first save. */
export function getInventory(officeId: string, postId: string): Promise<PostInventory> {
  return apiRequest<PostInventory>('GET', inventoryPath(officeId, postId));
}

/** A supervisor's new list; a stale `version` is refused with 409. */
export function saveInventory(
  officeId: string,
  postId: string,
  body: InventoryBody,
): Promise<PostInventory> {
  return apiRequest<PostInventory>('PUT', inventoryPath(officeId, postId), body);
}

/** What the desk offers me now: my session's handover, and those awaiting someone to take over. */
export function getHandoverDesk(officeId: string): Promise<HandoverDesk> {
  return apiRequest<HandoverDesk>('GET', officePath(officeId, '/handovers/desk'));
}

/** Opens the handover of my session (HO-OUT-1: from 15 minutes before its end, else 422). */
export function openHandover(officeId: string, sessionId?: string): Promise<Handover> {
  return apiRequest<Handover>(
    'POST',
    officePath(officeId, '/handovers'),
    sessionId === undefined ? {} : { sessionId },
  );
}

export async function listHandovers(
  officeId: string,
  query: HandoverListQuery = {},
): Promise<HandoverSummary[]> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === 'string' || typeof value === 'number') search.set(key, String(value));
  }
  const text = search.toString();
  const { handovers } = await apiRequest<{ handovers: HandoverSummary[] }>(
    'GET',
    officePath(officeId, `/handovers${text === '' ? '' : `?${text}`}`),
  );
  return handovers;
}

export function getHandover(officeId: string, handoverId: string): Promise<Handover> {
  return apiRequest<Handover>('GET', handoverPath(officeId, handoverId));
}

/**
 * One action on the handover, taken on the version the person saw (a stale one → 409). A
 * refusal names its rule; a refused signature lists what is still unmet (`unmetOfError`).
 */
export function stepHandover(
  officeId: string,
  handoverId: string,
  version: number,
  action: HandoverAction,
): Promise<Handover> {
  return apiRequest<Handover>('POST', handoverPath(officeId, handoverId, '/steps'), {
    version,
    action,
  });
}

/** Recomputes the signed hashes from the stored log and record (a changed entry shows here). */
export function verifyHandover(
  officeId: string,
  handoverId: string,
): Promise<HandoverVerification> {
  return apiRequest<HandoverVerification>('GET', handoverPath(officeId, handoverId, '/verify'));
}

function isUnmet(value: unknown): value is Unmet {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.rule === 'string' &&
    typeof candidate.key === 'string' &&
    Array.isArray(candidate.ids) &&
    candidate.ids.every((id) => typeof id === 'string')
  );
}

/**
 * The unmet conditions a refused step listed in its details, sent as the list itself or as
 * `{ unmet: [...] }` (empty for other failures).
 */
export function unmetOfError(error: unknown): Unmet[] {
  if (!isApiError(error)) return [];
  const details = error.rawDetails;
  const list: unknown =
    typeof details === 'object' && details !== null && !Array.isArray(details)
      ? (details as { unmet?: unknown }).unmet
      : details;
  return Array.isArray(list) ? list.filter(isUnmet) : [];
}
