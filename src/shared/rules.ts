/**
 * Rule ids of the duty regulation (../shared/REGULATION.md). Cite them in code comments and
 * test names where a rule is enforced; errors that refuse an action carry one of these.
 */
export const ruleIds = [
  'ROSTER-1',
  'ROSTER-2',
  'SHIFT-1',
  'WORK-1',
  'WORK-2',
  'WORK-3',
  'WORK-4',
  'DISC-1',
  'ESC-1',
  'PHONE-1',
  'LEAVE-1',
  'LEAVE-2',
  'LEAVE-3',
  'HO-IN-1',
  'HO-IN-2',
  'HO-IN-3',
  'HO-IN-4',
  'HO-IN-5',
  'HO-OUT-1',
  'HO-OUT-2',
  'HO-OUT-3',
  'HO-OUT-4',
] as const;

export type RuleId = (typeof ruleIds)[number];
