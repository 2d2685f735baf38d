import { handleLongAbsence } from '../services/duty.service.ts';
import type { DeadlineHandlers } from './ticker.ts';

/**
 * Every kind of deadline row and the use case that handles it when due. One place, so the
 * ticker in main.ts and the tests run the same handlers.
 */
export const deadlineHandlers: DeadlineHandlers = {
  // @anchor handlers (one line per kind; keep this comment)
  'absence.long': handleLongAbsence,
};
