import type { Tx } from '../db/database.ts';
import { insertDeadline, type DeadlineRow } from '../db/deadlines.repo.ts';
import type { DutySessionRecord } from '../db/duty.repo.ts';
import type { OfficeRow } from '../db/org.repo.ts';
import { insertMissedRound, listRoutes, listRounds } from '../db/patrol.repo.ts';
import { plannedRoundKey, roundWindow } from '../domain/patrol/patrol.ts';
import { recordAudit } from './audit.service.ts';
import type { ServiceDeps } from './context.ts';

/**
 * The clocks of planned patrol rounds (issue 8): when someone checks in for a shift, each
 * round planned in that shift gets a deadline at its window's close (one per route, date,
 * shift and index, however many check in). If no round claimed it by then, it is recorded as
 * missed.
 */

export const roundWindowKind = 'round.window';

export async function schedulePlannedRounds(
  tx: Tx,
  deps: ServiceDeps,
  office: Pick<OfficeRow, 'id' | 'orgId'>,
  session: Pick<DutySessionRecord, 'date' | 'shiftCode' | 'startsAt'>,
): Promise<void> {
  const now = deps.clock.now();
  for (const route of await listRoutes(tx, office.id)) {
    for (const [index, round] of route.plannedRounds.entries()) {
      if (round.shiftCode !== session.shiftCode) continue;
      const key = plannedRoundKey(route.id, session.date, session.shiftCode, index);
      await insertDeadline(
        tx,
        {
          id: deps.ids.newId(),
          orgId: office.orgId,
          officeId: office.id,
          kind: roundWindowKind,
          subjectId: route.id,
          key: `round:${key}`,
          dueAt: roundWindow(session.startsAt, round).closesAt,
        },
        now,
      );
    }
  }
}

/** The 'round.window' deadline: a planned round nobody started in its window is missed. */
export async function handleRoundWindow(
  tx: Tx,
  deadline: DeadlineRow,
  deps: ServiceDeps,
): Promise<string> {
  const plannedKey = deadline.key.slice('round:'.length);
  const [claimed] = await listRounds(tx, {
    officeId: deadline.officeId,
    plannedKeys: [plannedKey],
  });
  if (claimed !== undefined) return 'done';
  const parts = plannedKey.split(':');
  const index = Number(parts.at(-1));
  const [routeId, date] = parts;
  const shiftCode = parts.slice(2, -1).join(':');
  const id = deps.ids.newId();
  const recorded = await insertMissedRound(tx, {
    id,
    orgId: deadline.orgId,
    officeId: deadline.officeId,
    routeId: routeId!,
    plannedKey,
    date: date!,
    shiftCode,
    plannedIndex: index,
    closedAt: deadline.dueAt,
  });
  if (!recorded) return 'recorded-already';
  await recordAudit(tx, deps.clock, {
    orgId: deadline.orgId,
    actorUserId: null,
    action: 'patrol.round-missed',
    entityType: 'patrol-route',
    entityId: routeId!,
    payload: { officeId: deadline.officeId, plannedKey },
  });
  return 'missed';
}
