import { useCallback, useMemo } from 'react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { dayjsLocaleOf } from '../../i18n/i18n-setup.ts';
import { useSession } from '../auth/session-context.tsx';
import { dateRuns } from './roster-month.ts';

/** The evaluator's hard rules (src/server/domain/roster), as the roster page names them. */
export const evaluatorRules = [
  'shape',
  'day-off',
  'succession',
  'max-shifts',
  'max-shifts-per-month',
  'min-total-minutes',
  'max-total-minutes',
  'max-consecutive-shifts',
  'min-consecutive-shifts',
  'min-consecutive-days-off',
  'max-weekends',
  'pinned',
] as const;
type EvaluatorRule = (typeof evaluatorRules)[number];

function isEvaluatorRule(rule: string): rule is EvaluatorRule {
  return (evaluatorRules as readonly string[]).includes(rule);
}

export type RosterTexts = {
  /** a hard rule in the user's language; an unknown id (a newer server) is shown as it is */
  ruleName: (rule: string) => string;
  /** one local date, short: 12月7日 / Dec 7 */
  date: (date: string) => string;
  /** dates as ranges: 12月1日–12月7日、12月9日 */
  dates: (dates: readonly string[]) => string;
  /** a month `YYYY-MM`: 2026年12月 / December 2026 */
  month: (month: string) => string;
  /** an instant in the office's time zone */
  instant: (iso: string, timeZone: string) => string;
};

export function useRosterTexts(): RosterTexts {
  const { t } = useTranslation();
  const { locale } = useSession();
  const dayjsLocale = dayjsLocaleOf(locale);
  const date = useCallback(
    (value: string) => dayjs(value).locale(dayjsLocale).format(t('roster.format.date')),
    [dayjsLocale, t],
  );
  return useMemo(
    () => ({
      ruleName: (rule) => (isEvaluatorRule(rule) ? t(`roster.rules.${rule}`) : rule),
      date,
      dates: (dates) =>
        dateRuns(dates)
          .map(([from, to]) => (from === to ? date(from) : `${date(from)}–${date(to)}`))
          .join(t('roster.format.listSeparator')),
      month: (month) => dayjs(`${month}-01`).locale(dayjsLocale).format(t('roster.format.month')),
      instant: (iso, timeZone) =>
        dayjs(iso).tz(timeZone).locale(dayjsLocale).format(t('roster.format.instant')),
    }),
    [date, dayjsLocale, t],
  );
}
