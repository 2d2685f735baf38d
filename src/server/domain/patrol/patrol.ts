/**
 * Garden patrols 花园巡查 as pure rules (issue 8): checkpoint codes and the windows of the
 * rounds planned in a shift. Nothing here reads a database or a clock.
 */

import { codeAlphabet, codeLength } from '../../../shared/patrol-codes.ts';

// the phone reads codes too, so they live in the shared contract
export { codeAlphabet, codeFromScan, codeLength } from '../../../shared/patrol-codes.ts';

/** A checkpoint code from random bytes (at least six): six characters of the alphabet. */
export function checkpointCode(random: Uint8Array): string {
  if (random.length < codeLength) throw new Error('need six random bytes for a code');
  let code = '';
  for (let i = 0; i < codeLength; i++)
    code += codeAlphabet.charAt(random[i]! % codeAlphabet.length);
  return code;
}

/** What a checkpoint's QR label holds: the scan page of the app for that code. */
export function checkpointScanUrl(origin: string, code: string): string {
  return `${origin.replace(/\/+$/, '')}/patrol/scan/${code}`;
}

export type PlannedRound = { shiftCode: string; offsetMinutes: number; windowMinutes: number };

/** A problem with a plan, by its index in the list. */
export type PlanProblem = { index: number; message: string };

/**
 * Checks planned rounds against the office's shifts: the shift exists, and the window lies
 * within the shift (a round outside its shift would be nobody's).
 */
export function checkPlan(
  plan: readonly PlannedRound[],
  shiftMinutes: ReadonlyMap<string, number>,
): PlanProblem[] {
  const problems: PlanProblem[] = [];
  plan.forEach((round, index) => {
    const length = shiftMinutes.get(round.shiftCode);
    if (length === undefined) {
      problems.push({ index, message: 'no such shift in this office' });
    } else if (round.offsetMinutes + round.windowMinutes > length) {
      problems.push({ index, message: `the window ends after the shift (${length} minutes)` });
    }
  });
  return problems;
}

/** The window of a planned round in a shift that starts at an instant. */
export function roundWindow(
  shiftStartsAt: Date,
  round: Pick<PlannedRound, 'offsetMinutes' | 'windowMinutes'>,
): { opensAt: Date; closesAt: Date } {
  const opensAt = new Date(shiftStartsAt.getTime() + round.offsetMinutes * 60_000);
  return { opensAt, closesAt: new Date(opensAt.getTime() + round.windowMinutes * 60_000) };
}

/** A planned round's identity: the route, the date and shift it belongs to, and its index. */
export function plannedRoundKey(routeId: string, date: string, shiftCode: string, index: number) {
  return `${routeId}:${date}:${shiftCode}:${index}`;
}
