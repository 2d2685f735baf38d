/** A shift as an office defines it, in the office's local time (SHIFT-1). */
export type ShiftTemplate = { code: string; name: string; startTime: string; endTime: string };

/** SHIFT-1: day shift 早班 08:30–16:30 and evening shift 晚班 16:30–23:30. */
export function defaultShiftTemplates(): ShiftTemplate[] {
  return [
    { code: 'D', name: '早班', startTime: '08:30', endTime: '16:30' },
    { code: 'E', name: '晚班', startTime: '16:30', endTime: '23:30' },
  ];
}

/** Minutes from local midnight of a HH:mm time. */
export function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

/** A shift's length in minutes; an end at or before the start crosses midnight. */
export function shiftMinutes(template: Pick<ShiftTemplate, 'startTime' | 'endTime'>): number {
  const start = minutesOfDay(template.startTime);
  const end = minutesOfDay(template.endTime);
  return end > start ? end - start : end + 24 * 60 - start;
}
