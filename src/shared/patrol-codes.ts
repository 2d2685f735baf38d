/**
 * Checkpoint codes as the server and the phone both read them (issue 8): the alphabet leaves
 * out I, O, 0 and 1 so a code typed from a label cannot be mistaken.
 */

/** Letters and digits that cannot be mistaken for one another when typed from a label. */
export const codeAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const codeLength = 6;

/** The code in a scanned text: a scan URL, or the code itself as typed. Null if neither. */
export function codeFromScan(text: string): string | null {
  const trimmed = text.trim();
  const match =
    /\/patrol\/scan\/([A-Za-z0-9]{6})\/?$/.exec(trimmed) ?? /^([A-Za-z0-9]{6})$/.exec(trimmed);
  if (match === null) return null;
  const code = match[1]!.toUpperCase();
  return /^[A-HJ-NP-Z2-9]{6}$/.test(code) ? code : null;
}
