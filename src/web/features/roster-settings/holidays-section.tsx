import { useEffect, useState } from 'react';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Spin, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HolidayCalendarEntry } from '../../api/api-types.ts';
import { listHolidayCalendars } from '../../api/roster-settings.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { useMe } from '../auth/session-context.tsx';
import { HolidayYearEditor } from './holiday-year-editor.tsx';

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
 * weekend days worked in exchange (调休). An administrator enters later years (announced each
 * November) and corrects a year; the organization's copy then replaces the shipped one.
 */
export function HolidaysSection() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const english = i18n.language === 'en-US';
  const isAdmin = useMe().user.isAdmin;
  const [editing, setEditing] = useState<{ entry: HolidayCalendarEntry | undefined } | null>(null);
  const [saved, setSaved] = useState<number | null>(null);

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
  const calendars = load.calendars;
  const nextYear = Math.max(new Date().getFullYear(), ...calendars.map((c) => c.year)) + 1;
  const editor =
    editing === null ? null : (
      <HolidayYearEditor
        entry={editing.entry}
        newYear={nextYear}
        onClose={() => {
          setEditing(null);
        }}
        onSaved={(next) => {
          setLoad({ status: 'ready', calendars: next });
          setSaved(editing.entry?.year ?? nextYear);
          setEditing(null);
        }}
      />
    );

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text type="secondary">{t('rosterSettings.holidays.hint')}</Typography.Text>
        {isAdmin && (
          <Button
            icon={<PlusOutlined aria-hidden />}
            onClick={() => {
              setEditing({ entry: undefined });
            }}
          >
            {t('rosterSettings.holidays.addYear')}
          </Button>
        )}
      </Flex>
      {saved !== null && (
        <Alert
          type="success"
          showIcon
          closable
          title={t('rosterSettings.holidays.saved', { year: saved })}
        />
      )}
      {calendars.length === 0 && <Empty description={t('rosterSettings.holidays.empty')} />}
      {editor}
      {calendars.map((entry) => (
        <Card
          key={entry.year}
          size="small"
          title={t('rosterSettings.holidays.year', { year: entry.year })}
          extra={
            <Flex gap={8} align="center">
              <Tag color={entry.source === 'organization' ? 'gold' : 'default'}>
                {t(`rosterSettings.holidays.${entry.source}`)}
              </Tag>
              {isAdmin && (
                <Button
                  size="small"
                  icon={<EditOutlined aria-hidden />}
                  aria-label={t('rosterSettings.holidays.editYear', { year: entry.year })}
                  onClick={() => {
                    setEditing({ entry });
                  }}
                >
                  {t('rosterSettings.holidays.edit')}
                </Button>
              )}
            </Flex>
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
