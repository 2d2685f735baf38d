import { claimDueDeadline, completeDeadline, type DeadlineRow } from '../db/deadlines.repo.ts';
import type { Tx } from '../db/database.ts';
import { inTransaction, type ServiceDeps } from '../services/context.ts';

/**
 * Handles one due deadline inside the transaction that claimed it and returns the outcome
 * to record ('escalated', 'alerted', 'nothing-to-do', …). It must be idempotent in effect:
 * the row is marked done in the same transaction, so a crash before commit retries it whole.
 */
export type DeadlineHandler = (tx: Tx, deadline: DeadlineRow, deps: ServiceDeps) => Promise<string>;

export type DeadlineHandlers = Readonly<Record<string, DeadlineHandler>>;

/**
 * Claims and handles due deadlines one transaction each, until none is due or `max` were
 * handled (WORK-4 clocks, ESC-1 escalations, DISC-1 absence alerts). Returns how many ran.
 * A kind nobody handles is closed with outcome 'unhandled' rather than retried forever.
 */
export async function runDueDeadlines(
  deps: ServiceDeps,
  handlers: DeadlineHandlers,
  max = 200,
  onHandled?: (deadline: DeadlineRow) => void,
): Promise<number> {
  let handled = 0;
  while (handled < max) {
    const ran = await inTransaction(deps, async (tx) => {
      const now = deps.clock.now();
      const deadline = await claimDueDeadline(tx, deps.dialect, now);
      if (deadline === null) return false;
      const handler = handlers[deadline.kind];
      const outcome = handler ? await handler(tx, deadline, deps) : 'unhandled';
      await completeDeadline(tx, deadline.id, outcome, now);
      return deadline;
    });
    if (ran === false) break;
    onHandled?.(ran);
    handled++;
  }
  return handled;
}

/**
 * Runs due deadlines now and every `intervalMs` until stopped; ticks never overlap.
 * `onHandled` runs after each commit (the live-update bus is told there).
 */
export function startTicker(
  deps: ServiceDeps,
  handlers: DeadlineHandlers,
  intervalMs: number,
  onError: (error: unknown) => void,
  onHandled?: (deadline: DeadlineRow) => void,
): () => void {
  let running = false;
  let stopped = false;
  const tick = (): void => {
    if (running || stopped) return;
    running = true;
    runDueDeadlines(deps, handlers, 200, onHandled)
      .catch(onError)
      .finally(() => {
        running = false;
      });
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
