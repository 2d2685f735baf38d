import { handleItemDeadline } from '../services/desk-items.service.ts';
import { handleLongAbsence } from '../services/duty.service.ts';
import { handleNcDue } from '../services/nonconformances.service.ts';
import { handleRoundWindow } from '../services/patrol-plan.service.ts';
import type { DeadlineHandlers } from './ticker.ts';

/**
 * Every kind of deadline row and the use case that handles it when due. One place, so the
 * ticker in main.ts and the tests run the same handlers.
 */
export const deadlineHandlers: DeadlineHandlers = {
  // WORK-4 / ESC-1: an inquiry's or help request's response and resolution clocks
  'item.respond': handleItemDeadline,
  'item.resolve': handleItemDeadline,
  // DISC-1: an absence from the post longer than the office allows alerts the supervisor
  'absence.long': handleLongAbsence,
  // WORK-4 / ESC-1: a non-conforming item still open at its due time goes up level by level
  'nc.due': handleNcDue,
  // issue 8: a planned patrol round nobody started in its window is recorded as missed
  'round.window': handleRoundWindow,
  // @anchor handlers (one line per kind; keep this comment)
};
