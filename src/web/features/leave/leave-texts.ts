import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeaveStatus, LeaveType, SwapStatus } from '../../api/leave.api.ts';
import { useDateLabels } from '../duties/use-date-labels.ts';

export const leaveTypes: readonly LeaveType[] = [
  'personal',
  'sick',
  'annual',
  'compensatory',
  'other',
];

/** Colours of a request's status tag. */
export const statusColours: Record<LeaveStatus | SwapStatus, string> = {
  pending: 'processing',
  proposed: 'processing',
  accepted: 'gold',
  approved: 'success',
  declined: 'default',
  rejected: 'error',
  cancelled: 'default',
};

export type LeaveTexts = {
  /** "12月1日 星期二 早班" */
  duty: (duty: { date: string; shiftCode: string }) => string;
  date: (date: string) => string;
  month: (month: string) => string;
  hours: (minutes: number) => string;
};

/** Duties and months as the leave page writes them, shift names from the office's roster. */
export function useLeaveTexts(shiftNames: Map<string, string>): LeaveTexts {
  const { t } = useTranslation();
  const labels = useDateLabels();
  return useMemo(
    () => ({
      duty: ({ date, shiftCode }) =>
        t('leave.duty', {
          date: labels.dateWithWeekday(date),
          shift: shiftNames.get(shiftCode) ?? shiftCode,
        }),
      date: labels.date,
      month: labels.month,
      hours: (minutes) => t('leave.hours', { hours: Math.round((minutes / 60) * 10) / 10 }),
    }),
    [labels, shiftNames, t],
  );
}
