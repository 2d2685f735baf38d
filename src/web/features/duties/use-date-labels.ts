import { useMemo } from 'react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { dayjsLocaleOf } from '../../i18n/i18n-setup.ts';
import { useSession } from '../auth/session-context.tsx';
import { endsNextDay } from './duty-schedule.ts';

export type DateLabels = {
  /** "12月1日" / "Dec 1" */
  date: (date: string) => string;
  /** "星期二" / "Tuesday" */
  weekday: (date: string) => string;
  /** "12月1日 星期二" / "Tuesday Dec 1" */
  dateWithWeekday: (date: string) => string;
  /** "2026年12月" / "December 2026" */
  month: (month: string) => string;
  /** "08:30–16:30", or "23:30–次日 08:30" across midnight (SHIFT-1) */
  shiftTime: (shift: { startTime: string; endTime: string }) => string;
};

/**
 * Office-local dates and months in the user's language. Dates of the roster are calendar days
 * of the office, so they are formatted as they are, never shifted into the browser's zone.
 */
export function useDateLabels(): DateLabels {
  const { t } = useTranslation();
  const { locale } = useSession();
  return useMemo(() => {
    const localeName = dayjsLocaleOf(locale);
    const day = (date: string) => dayjs(date).locale(localeName);
    const labels: DateLabels = {
      date: (date) => day(date).format(t('duties.dateFormat')),
      weekday: (date) => day(date).format('dddd'),
      dateWithWeekday: (date) =>
        t('duties.dateWithWeekday', { date: labels.date(date), weekday: labels.weekday(date) }),
      month: (month) => day(`${month}-01`).format(t('duties.monthFormat')),
      shiftTime: (shift) =>
        t(endsNextDay(shift) ? 'duties.shiftTimeOvernight' : 'duties.shiftTime', {
          start: shift.startTime,
          end: shift.endTime,
        }),
    };
    return labels;
  }, [t, locale]);
}
