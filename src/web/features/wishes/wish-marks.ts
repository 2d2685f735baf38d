import type { Wish, WishInput, WishKind } from '../../api/duties.api.ts';

/** What a person marked on one day of the month. */
export type DayMark = { kind: WishKind; shiftCode?: string; note?: string };

export const wishKinds: readonly WishKind[] = ['unavailable', 'wish-off', 'wish-shift'];

/** Unavailable is a hard rule for the roster; wishes are preferences: the colours say so. */
export const wishColors: Record<WishKind, string> = {
  unavailable: 'red',
  'wish-off': 'orange',
  'wish-shift': 'blue',
};

/** The marks of a saved wish list by date. */
export function marksOf(wishes: readonly Pick<Wish, 'date' | 'kind' | 'shiftCode' | 'note'>[]) {
  const marks = new Map<string, DayMark>();
  for (const wish of wishes) {
    marks.set(wish.date, {
      kind: wish.kind,
      ...(wish.shiftCode === null ? {} : { shiftCode: wish.shiftCode }),
      ...(wish.note === null || wish.note === '' ? {} : { note: wish.note }),
    });
  }
  return marks;
}

/**
 * The list the server replaces mine with, by date: a shift only with wish-shift (the server
 * refuses it elsewhere), no empty note.
 */
export function wishInputsOf(marks: ReadonlyMap<string, DayMark>): WishInput[] {
  return [...marks]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, mark]) => {
      const note = mark.note?.trim() ?? '';
      return {
        date,
        kind: mark.kind,
        ...(mark.kind === 'wish-shift' && mark.shiftCode !== undefined
          ? { shiftCode: mark.shiftCode }
          : {}),
        ...(note === '' ? {} : { note }),
      };
    });
}

/** Whether two mark lists say the same (to show unsaved changes). */
export function sameMarks(a: ReadonlyMap<string, DayMark>, b: ReadonlyMap<string, DayMark>) {
  return JSON.stringify(wishInputsOf(a)) === JSON.stringify(wishInputsOf(b));
}

/**
 * The days a validation refusal names, with the refused field ("wishes.3.shiftCode" → the
 * fourth wish's date, "shiftCode"); the server numbers the list as it was sent. The page words
 * them in the user's language rather than showing the server's English.
 */
export function refusedDatesOf(
  sent: readonly WishInput[],
  details: readonly { path: string; message?: string }[],
): Map<string, string[]> {
  const refused = new Map<string, string[]>();
  for (const detail of details) {
    const match = /(?:^|\.)wishes\.(\d+)(?:\.(\w+))?/.exec(detail.path);
    const date = match === null ? undefined : sent[Number(match[1])]?.date;
    if (match === null || date === undefined) continue;
    refused.set(date, [...(refused.get(date) ?? []), match[2] ?? 'date']);
  }
  return refused;
}
