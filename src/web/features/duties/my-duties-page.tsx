import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Flex, Row, Segmented, Spin, Tag, Typography } from 'antd';
import { CalendarOutlined, DownloadOutlined, UnorderedListOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { getMyDuties, rosterExportUrl, type Duty } from '../../api/duties.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { useOffices } from '../shell/office-context.tsx';
import { CalendarFeedsPanel } from './calendar-feeds-panel.tsx';
import { DutyCalendar } from './duty-calendar.tsx';
import { groupByWeek, monthsByOffice, nextDutyOf, shiftColorOf } from './duty-schedule.ts';
import { wishesPath } from './duties-paths.ts';
import { CountdownTag, NextDutyCard, useNow } from './next-duty-card.tsx';
import { useDateLabels } from './use-date-labels.ts';

type Load =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'ready'; duties: Duty[] };

type View = 'list' | 'calendar';

/**
 * 我的值班: the signed-in person's duties from the published rosters (ROSTER-2), the next one
 * at the top, then by week or as a month calendar; calendar subscriptions and the month's
 * 值班安排表 to download.
 */
export function MyDutiesPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { office, role } = useOffices();
  const now = useNow();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [view, setView] = useState<View>('list');

  useEffect(() => {
    let cancelled = false;
    getMyDuties().then(
      ({ duties }) => {
        if (!cancelled) setLoad({ status: 'ready', duties });
      },
      (error: unknown) => {
        if (!cancelled) setLoad({ status: 'failed', error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  const retry = useCallback(() => {
    setLoad({ status: 'loading' });
    setAttempt((count) => count + 1);
  }, []);

  const today = (office === undefined ? dayjs() : dayjs().tz(office.timeZone)).format('YYYY-MM-DD');
  const duties = load.status === 'ready' ? load.duties : [];
  const next = nextDutyOf(duties, now);

  return (
    <Flex vertical gap={16} style={{ maxWidth: 1100 }}>
      <div>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('duties.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('duties.intro')}</Typography.Text>
      </div>
      {load.status === 'loading' && <Spin description={t('app.loading')} />}
      {load.status === 'failed' && (
        <Alert
          type="error"
          showIcon
          title={errorText(load.error)}
          action={<Button onClick={retry}>{t('app.retry')}</Button>}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Flex vertical gap={16}>
            {load.status === 'ready' && next === undefined && (
              <Card>
                <Empty
                  description={
                    <Flex vertical gap={4}>
                      <Typography.Text strong>{t('duties.empty')}</Typography.Text>
                      <Typography.Text type="secondary">{t('duties.emptyHint')}</Typography.Text>
                      {role === 'staff' && <Link to={wishesPath}>{t('duties.wishesLink')}</Link>}
                    </Flex>
                  }
                />
              </Card>
            )}
            {next !== undefined && <NextDutyCard duty={next} now={now} />}
            {load.status === 'ready' && (
              <Card
                title={
                  <Segmented<View>
                    aria-label={t('duties.viewLabel')}
                    value={view}
                    onChange={setView}
                    options={[
                      {
                        value: 'list',
                        label: t('duties.listView'),
                        icon: <UnorderedListOutlined aria-hidden />,
                      },
                      {
                        value: 'calendar',
                        label: t('duties.calendarView'),
                        icon: <CalendarOutlined aria-hidden />,
                      },
                    ]}
                  />
                }
              >
                {view === 'list' ? (
                  <DutyList duties={duties} now={now} />
                ) : (
                  <DutyCalendar initialMonth={(next?.date ?? today).slice(0, 7)} today={today} />
                )}
              </Card>
            )}
            {duties.length > 0 && <ExportLinks duties={duties} />}
          </Flex>
        </Col>
        <Col xs={24} lg={9}>
          <CalendarFeedsPanel
            officeId={office?.id}
            canSubscribeOffice={role === 'supervisor' || role === 'director'}
          />
        </Col>
      </Row>
    </Flex>
  );
}

/** The duties by Monday-to-Sunday week, each with its date, shift, times and office. */
function DutyList({ duties, now }: { duties: Duty[]; now: Date }) {
  const { t } = useTranslation();
  const labels = useDateLabels();
  if (duties.length === 0) {
    return <Typography.Text type="secondary">{t('duties.empty')}</Typography.Text>;
  }
  return (
    <Flex vertical gap={16}>
      {groupByWeek(duties).map((week) => {
        const heading = t('duties.weekRange', {
          start: labels.date(week.weekStart),
          end: labels.date(week.weekEnd),
        });
        return (
          <section key={week.weekStart} aria-label={heading}>
            <Typography.Title level={5} style={{ margin: '0 0 4px' }}>
              {heading}
            </Typography.Title>
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {week.items.map((duty) => (
                <li
                  key={`${duty.officeId}-${duty.date}-${duty.shiftCode}`}
                  style={{
                    display: 'flex',
                    flexWrap: 'wrap',
                    alignItems: 'center',
                    columnGap: 12,
                    rowGap: 4,
                    padding: '8px 0',
                    borderBottom: '1px solid rgba(5, 5, 5, 0.06)',
                  }}
                >
                  <Typography.Text strong style={{ minWidth: 130 }}>
                    {labels.dateWithWeekday(duty.date)}
                  </Typography.Text>
                  <Tag color={shiftColorOf(duty)}>{duty.shiftName}</Tag>
                  <Typography.Text>{labels.shiftTime(duty)}</Typography.Text>
                  <Typography.Text type="secondary">{duty.officeName}</Typography.Text>
                  {Date.parse(duty.startsAt) - now.getTime() < 48 * 3_600_000 && (
                    <CountdownTag duty={duty} now={now} />
                  )}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </Flex>
  );
}

/** The published months of these duties as the paper 值班安排表 (xlsx). */
function ExportLinks({ duties }: { duties: Duty[] }) {
  const { t } = useTranslation();
  const labels = useDateLabels();
  return (
    <Card size="small" title={t('duties.exportsTitle')}>
      <Flex vertical gap={4}>
        {monthsByOffice(duties).map((entry) => (
          <Typography.Link
            key={`${entry.officeId}-${entry.month}`}
            href={rosterExportUrl(entry.officeId, entry.month)}
            download
          >
            <DownloadOutlined aria-hidden />{' '}
            {t('duties.exportLink', { office: entry.officeName, month: labels.month(entry.month) })}
          </Typography.Link>
        ))}
      </Flex>
    </Card>
  );
}
