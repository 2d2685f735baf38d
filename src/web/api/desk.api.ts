// Types only from the shared contract (see api-types.ts): a change there is a compile error here.
import type { z } from 'zod';
import type {
  createDeskItemBodySchema,
  DeskItem,
  DeskItemDetail,
  DeskItemEvent,
  deskItemListQuerySchema,
} from '../../shared/contract/desk.ts';
import type { DeskSettings, OfficeDeskSettings } from '../../shared/contract/desk-settings.ts';
import { apiRequest } from './api-client.ts';

export type { DeskItem, DeskItemDetail, DeskItemEvent, DeskSettings, OfficeDeskSettings };
export type CreateDeskItemBody = z.input<typeof createDeskItemBodySchema>;
export type DeskItemListQuery = z.input<typeof deskItemListQuerySchema>;

function itemsPath(officeId: string, rest = ''): string {
  return `/api/offices/${encodeURIComponent(officeId)}/desk-items${rest}`;
}

/** Records an inquiry 咨询 or help request 求助 (WORK-1, WORK-2). */
export function createDeskItem(
  officeId: string,
  body: CreateDeskItemBody,
): Promise<DeskItemDetail> {
  return apiRequest<DeskItemDetail>('POST', itemsPath(officeId), body);
}

export async function listDeskItems(
  officeId: string,
  query: DeskItemListQuery = {},
): Promise<DeskItem[]> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === 'string' || typeof value === 'number') search.set(key, String(value));
  }
  const text = search.toString();
  const { items } = await apiRequest<{ items: DeskItem[] }>(
    'GET',
    itemsPath(officeId, text === '' ? '' : `?${text}`),
  );
  return items;
}

export function getDeskItem(officeId: string, itemId: string): Promise<DeskItemDetail> {
  return apiRequest<DeskItemDetail>('GET', itemsPath(officeId, `/${encodeURIComponent(itemId)}`));
}

export type ItemStep = 'take' | 'close' | 'resolve' | 'cancel' | 'escalate';

/** One step on an item; `text` is the resolution, the cancel reason or the 上报 reason. */
export function stepDeskItem(
  officeId: string,
  itemId: string,
  step: ItemStep,
  body: { version: number; text?: string },
): Promise<DeskItemDetail> {
  return apiRequest<DeskItemDetail>(
    'POST',
    itemsPath(officeId, `/${encodeURIComponent(itemId)}/${step}`),
    body,
  );
}

export function noteDeskItem(
  officeId: string,
  itemId: string,
  text: string,
): Promise<DeskItemDetail> {
  return apiRequest<DeskItemDetail>(
    'POST',
    itemsPath(officeId, `/${encodeURIComponent(itemId)}/notes`),
    { text },
  );
}

export function getDeskSettings(officeId: string): Promise<OfficeDeskSettings> {
  return apiRequest<OfficeDeskSettings>(
    'GET',
    `/api/offices/${encodeURIComponent(officeId)}/desk-settings`,
  );
}

export function saveDeskSettings(
  officeId: string,
  body: OfficeDeskSettings,
): Promise<OfficeDeskSettings> {
  return apiRequest<OfficeDeskSettings>(
    'PUT',
    `/api/offices/${encodeURIComponent(officeId)}/desk-settings`,
    body,
  );
}
