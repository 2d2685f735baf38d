import type { Nonconformance, Severity } from '../../api/patrol.api.ts';

/** The tag colours of a non-conforming item's status and severity, the same on every page. */
export const ncStatusColour: Record<Nonconformance['status'], string> = {
  open: 'red',
  corrected: 'gold',
  verified: 'green',
};

export const severityColour: Record<Severity, string> = {
  minor: 'default',
  major: 'orange',
  critical: 'red',
};
