/** Shift times as the supervisor types them (HH:mm, office-local), mirroring SHIFT-1's check. */

export const timeOfDayPattern = /^([01]\d|2[0-3]):[0-5]\d$/;
export const shiftCodePattern = /^[A-Za-z0-9]{1,8}$/;

export type ShiftTimes = { startTime: string; endTime: string };

function minutesOfDay(time: string): number | undefined {
  if (!timeOfDayPattern.test(time)) return undefined;
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** A shift's length in minutes; one ending at or before its start runs past midnight. */
export function shiftLength(shift: ShiftTimes): number | undefined {
  const start = minutesOfDay(shift.startTime);
  const end = minutesOfDay(shift.endTime);
  if (start === undefined || end === undefined || start === end) return undefined;
  return end > start ? end - start : end + 1440 - start;
}

export function crossesMidnight(shift: ShiftTimes): boolean {
  const length = shiftLength(shift);
  const start = minutesOfDay(shift.startTime);
  return length !== undefined && start !== undefined && start + length > 1440;
}

/** The minutes of the day a shift covers, as one or two intervals on [0, 1440). */
function coveredIntervals(shift: ShiftTimes): [number, number][] {
  const start = minutesOfDay(shift.startTime);
  const length = shiftLength(shift);
  if (start === undefined || length === undefined) return [];
  const end = start + length;
  return end <= 1440
    ? [[start, end]]
    : [
        [start, 1440],
        [0, end - 1440],
      ];
}

/**
 * The codes of the shifts listed before `index` whose time of day overlaps it: the server names
 * the overlap on the later shift's start (SHIFT-1), and this says with which shifts.
 */
export function earlierOverlaps(
  shifts: readonly (ShiftTimes & { code: string })[],
  index: number,
): string[] {
  const shift = shifts[index];
  if (shift === undefined) return [];
  return shifts
    .slice(0, index)
    .filter((other) =>
      coveredIntervals(shift).some(([s1, e1]) =>
        coveredIntervals(other).some(([s2, e2]) => s1 < e2 && s2 < e1),
      ),
    )
    .map((other) => other.code);
}
