/** Why the server refused one shift of a leave request (LEAVE-1), by its English detail. */
export type ShiftProblem = 'twice' | 'notPublished' | 'notYours' | 'past' | 'overlap' | 'other';

export function shiftProblemOf(message: string): ShiftProblem {
  if (message.includes('twice')) return 'twice';
  if (message.includes('no published roster')) return 'notPublished';
  if (message.includes('not on')) return 'notYours';
  if (message.includes('started') || message.includes('past')) return 'past';
  if (message.includes('another leave request')) return 'overlap';
  return 'other';
}
