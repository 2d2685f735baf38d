// Types only from the shared contract (see api-types.ts): a change there is a compile error here.
import type { DeskBoard, FollowUp } from '../../shared/contract/desk-board.ts';
import { apiRequest } from './api-client.ts';

export type { DeskBoard, FollowUp };

/** The desk board 值班台 in one read (issue 6). */
export function getDeskBoard(officeId: string): Promise<DeskBoard> {
  return apiRequest<DeskBoard>('GET', `/api/offices/${encodeURIComponent(officeId)}/desk-board`);
}
