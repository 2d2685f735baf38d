import type { OfficeRole } from '../../../shared/roles.ts';
import type { Nonconformance } from '../../api/patrol.api.ts';

/** Why the verify button is not offered on a corrected item (the server refuses it, 403). */
export type VerifyBlock = 'own-correction' | 'not-supervisor';

export type NcActions = {
  correct: boolean;
  verify: boolean;
  reopen: boolean;
  /** set when the item awaits verification but not by this person */
  verifyBlocked: VerifyBlock | null;
};

function isSupervisor(role: OfficeRole | undefined): boolean {
  return role === 'supervisor' || role === 'director';
}

/**
 * What a person may do with a non-conforming item (WORK-3), mirroring the server: anyone in the
 * office corrects an open item with evidence; a supervisor verifies or reopens a corrected one,
 * but never verifies what they corrected themselves.
 */
export function ncActionsFor(
  item: Pick<Nonconformance, 'status' | 'correctedBy'>,
  viewer: { userId: string; role: OfficeRole | undefined },
): NcActions {
  const supervisor = isSupervisor(viewer.role);
  const corrected = item.status === 'corrected';
  const own = item.correctedBy !== null && item.correctedBy === viewer.userId;
  const verifyBlocked: VerifyBlock | null = !corrected
    ? null
    : !supervisor
      ? 'not-supervisor'
      : own
        ? 'own-correction'
        : null;
  return {
    correct: item.status === 'open' && viewer.role !== undefined,
    verify: corrected && verifyBlocked === null,
    reopen: corrected && supervisor,
    verifyBlocked,
  };
}
