import { useEffect, useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Spin, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HolidayCalendarEntry } from '../../api/api-types.ts';
import { listHolidayCalendars } from '../../api/roster-settings.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';

type Holiday = HolidayCalendarEntry['calendar']['holidays'][number];
type Load =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'ready'; calendars: HolidayCalendarEntry[] };

const dayMs = 24 * 60 * 60 * 1000;

/** Days from the first to the last day off, both included. */
function daysOff(holiday: Holiday): number {
  const [first, last] = holiday.offDays;
  return Math.round((Date.parse(last) - Date.parse(first)) / dayMs) + 1;
}

/** "2026-10-01" → "10-01": the year is the card's. */
function monthDay(date: string): string {
  return date.slice(5);
}

/**
 * 节假日: the public holidays per year, with the statutory days (法定节假日) marked and the
 * weekend days worked in exchange (调休). Read-only here; an admin enters later years through
 * the API.
 */
export function HolidaysSection() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const english = i18n.language === 'en-US';

  useEffect(() => {
    let cancelled = false;
    listHolidayCalendars().then(
      ({ calendars }) => {
        if (!cancelled) setLoad({ status: 'ready', calendars });
      },
      (error: unknown) => {
        if (!cancelled) setLoad({ status: 'failed', error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  if (load.status === 'loading') return <Spin description={t('app.loading')} />;
  if (load.status === 'failed') {
    return (
      <Alert
        type="error"
        showIcon
        title={errorText(load.error)}
        action={
          <Button
            onClick={() => {
              setLoad({ status: 'loading' });
              setAttempt((count) => count + 1);
            }}
          >
            {t('app.retry')}
          </Button>
        }
      />
    );
  }
  if (load.calendars.length === 0)
    return <Empty description={t('rosterSettings.holidays.empty')} />;

  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary">{t('rosterSettings.holidays.hint')}</Typography.Text>
      {load.calendars.map((entry) => (
        <Card
          key={entry.year}
          size="small"
          title={t('rosterSettings.holidays.year', { year: entry.year })}
          extra={
            <Tag color={entry.source === 'organization' ? 'gold' : 'default'}>
              {t(`rosterSettings.holidays.${entry.source}`)}
            </Tag>
          }
        >
          <Table<Holiday>
            rowKey="name"
            dataSource={entry.calendar.holidays}
            pagination={false}
            size="small"
            scroll={{ x: 760 }}
            columns={[
              {
                title: t('rosterSettings.holidays.name'),
                key: 'name',
                render: (_value, holiday) => (
                  <Typography.Text strong>{english ? holiday.en : holiday.name}</Typography.Text>
                ),
              },
              {
                title: t('rosterSettings.holidays.offDays'),
                key: 'offDays',
                render: (_value, holiday) => (
                  <Flex gap={8} wrap>
                    <Typography.Text>
                      {`${monthDay(holiday.offDays[0])} – ${monthDay(holiday.offDays[1])}`}
                    </Typography.Text>
                    <Typography.Text type="secondary">
                      {t('rosterSettings.holidays.days', { days: daysOff(holiday) })}
                    </Typography.Text>
                  </Flex>
                ),
              },
              {
                title: t('rosterSettings.holidays.statutory'),
                key: 'statutory',
                render: (_value, holiday) => (
                  <Flex gap={4} wrap>
                    {holiday.statutory.map((date) => (
                      <Tag key={date} color="red">
                        {monthDay(date)}
                      </Tag>
                    ))}
                  </Flex>
                ),
              },
              {
                title: t('rosterSettings.holidays.workdays'),
                key: 'workdays',
                render: (_value, holiday) =>
                  holiday.workdays.length === 0 ? (
                    <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
                  ) : (
                    <Flex gap={4} wrap>
                      {holiday.workdays.map((date) => (
                        <Tag key={date} color="orange">
                          {monthDay(date)}
                        </Tag>
                      ))}
                    </Flex>
                  ),
              },
            ]}
          />
        </Card>
      ))}
    </Flex>
  );
}
