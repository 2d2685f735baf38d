import { listAllOffices } from '../db/org.repo.ts';
import { claimRosterReminder } from '../db/roster.repo.ts';
import { listOfficeMembers } from '../db/user.repo.ts';
import { instantToLocal } from '../domain/calendar/local-time.ts';
import { inTransaction, type ServiceDeps } from '../services/context.ts';
import { insertNotifications } from '../db/leave.repo.ts';
import { rosterDue } from '../services/rosters.service.ts';

/**
 * ROSTER-1 reminders: from the reminder day until the roster due is published, the office's
 * supervisors and director get one in-app reminder a day (an overdue one once the deadline
 * passed). Each office-month-day is claimed by one insert, so restarts and several instances
 * neither skip nor double a reminder. Returns the number of offices reminded.
 */
export async function sendRosterReminders(deps: ServiceDeps): Promise<number> {
  const now = deps.clock.now();
  let sent = 0;
  for (const office of await listAllOffices(deps.db)) {
    const due = await rosterDue(deps.db, office, now);
    if (!due.reminder) continue;
    const day = instantToLocal(now, office.timeZone).date;
    const members = await listOfficeMembers(deps.db, office.id);
    const deciders = members.filter(
      (m) => m.active && (m.role === 'supervisor' || m.role === 'director'),
    );
    const claimed = await inTransaction(deps, async (tx) => {
      const first = await claimRosterReminder(
        tx,
        { officeId: office.id, orgId: office.orgId, month: due.month, day, overdue: due.overdue },
        now,
      );
      if (!first) return false;
      await insertNotifications(
        tx,
        deciders.map((m) => ({
          id: deps.ids.newId(),
          orgId: office.orgId,
          userId: m.userId,
          kind: due.overdue ? 'roster.overdue' : 'roster.reminder',
          payload: {
            officeId: office.id,
            officeName: office.name,
            month: due.month,
            publishBy: due.deadlines.publishBy,
          },
          at: now,
        })),
      );
      return true;
    });
    if (claimed) sent++;
  }
  return sent;
}

/** Runs the reminders now and every `minutes` until stopped. */
export function startRosterReminders(
  deps: ServiceDeps,
  minutes: number,
  onError: (error: unknown) => void,
): () => void {
  const run = (): void => {
    sendRosterReminders(deps).catch(onError);
  };
  run();
  const timer = setInterval(run, minutes * 60_000);
  timer.unref();
  return () => {
    clearInterval(timer);
  };
}
