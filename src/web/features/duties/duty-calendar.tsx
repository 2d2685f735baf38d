import { useEffect, useState } from 'react';
import { Alert, Button, Flex, Spin, Tag, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { getMyDuties, type Duty } from '../../api/duties.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { addMonths, datesOfMonth, monthWeeks, shiftColorOf } from './duty-schedule.ts';
import { useDateLabels } from './use-date-labels.ts';

export const weekdayKeys = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

type Load =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'ready'; duties: Duty[] };

/**
 * The month of my duties as a compact Monday-first grid that fits a phone: each day shows its
 * shift codes; past duties of the month are included.
 */
export function DutyCalendar({ initialMonth, today }: { initialMonth: string; today: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const labels = useDateLabels();
  const [month, setMonth] = useState(initialMonth);
  // the answer kept with the month it is for: another month shows as loading until its own
  const [answer, setAnswer] = useState<{ month: string; load: Load } | null>(null);
  const load: Load = answer?.month === month ? answer.load : { status: 'loading' };

  useEffect(() => {
    let cancelled = false;
    const dates = datesOfMonth(month);
    getMyDuties({ from: dates[0] ?? `${month}-01`, to: dates.at(-1) ?? `${month}-28` }).then(
      ({ duties }) => {
        if (!cancelled) setAnswer({ month, load: { status: 'ready', duties } });
      },
      (error: unknown) => {
        if (!cancelled) setAnswer({ month, load: { status: 'failed', error } });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [month]);

  const byDate = new Map<string, Duty[]>();
  if (load.status === 'ready') {
    for (const duty of load.duties) byDate.set(duty.date, [...(byDate.get(duty.date) ?? []), duty]);
  }

  return (
    <Flex vertical gap={12}>
      <Flex align="center" justify="space-between" gap={8}>
        <Button
          icon={<LeftOutlined aria-hidden />}
          aria-label={t('duties.previousMonth')}
          onClick={() => {
            setMonth(addMonths(month, -1));
          }}
        />
        <Typography.Title level={4} style={{ margin: 0 }} aria-live="polite">
          {labels.month(month)}
        </Typography.Title>
        <Button
          icon={<RightOutlined aria-hidden />}
          aria-label={t('duties.nextMonth')}
          onClick={() => {
            setMonth(addMonths(month, 1));
          }}
        />
      </Flex>
      {load.status === 'failed' && <Alert type="error" showIcon title={errorText(load.error)} />}
      <Spin spinning={load.status === 'loading'}>
        <table
          aria-label={labels.month(month)}
          style={{ width: '100%', tableLayout: 'fixed', borderCollapse: 'collapse' }}
        >
          <thead>
            <tr>
              {weekdayKeys.map((key) => (
                <th key={key} scope="col" style={{ fontWeight: 500, padding: 4, fontSize: 12 }}>
                  {t(`duties.weekdays.${key}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {monthWeeks(month).map((week) => (
              <tr key={week.find((date) => date !== null) ?? month}>
                {week.map((date, index) => {
                  if (date === null) return <td key={`blank-${String(index)}`} />;
                  const duties = byDate.get(date) ?? [];
                  const isToday = date === today;
                  return (
                    <td
                      key={date}
                      aria-label={t('duties.dayLabel', {
                        date: labels.dateWithWeekday(date),
                        shifts:
                          duties.length === 0
                            ? t('duties.dayOff')
                            : duties
                                .map((duty) => `${duty.shiftName} ${labels.shiftTime(duty)}`)
                                .join('、'),
                      })}
                      style={{
                        verticalAlign: 'top',
                        height: 64,
                        padding: 4,
                        border: '1px solid rgba(5, 5, 5, 0.06)',
                        background: isToday ? '#e6f4ff' : undefined,
                      }}
                    >
                      <div style={{ fontSize: 12, fontWeight: isToday ? 700 : 400 }}>
                        {Number(date.slice(8))}
                      </div>
                      <Flex vertical gap={2} align="start">
                        {duties.map((duty) => (
                          <Tag
                            key={`${duty.officeId}-${duty.shiftCode}`}
                            color={shiftColorOf(duty)}
                            title={`${duty.shiftName} ${labels.shiftTime(duty)} ${duty.officeName}`}
                            style={{ marginInlineEnd: 0, maxWidth: '100%', overflow: 'hidden' }}
                          >
                            {duty.shiftName}
                          </Tag>
                        ))}
                      </Flex>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </Spin>
      {load.status === 'ready' && load.duties.length === 0 && (
        <Typography.Text type="secondary">{t('duties.noDutiesThisMonth')}</Typography.Text>
      )}
    </Flex>
  );
}
