import { useEffect, useState } from 'react';
import { Alert, Card, Flex, Spin, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { OfficeRole } from '../../../shared/roles.ts';
import {
  getMyDuties,
  getRosterStatus,
  type Duty,
  type RosterStatus,
} from '../../api/duties.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { useOffices } from '../shell/office-context.tsx';
import { nextDutyOf, shiftColorOf } from './duty-schedule.ts';
import { myDutiesPath, wishesPath } from './duties-paths.ts';
import { CountdownTag, useNow } from './next-duty-card.tsx';
import { useDateLabels } from './use-date-labels.ts';

type Load<T> =
  { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; data: T };

/**
 * Loads what the key names, once per key; another key shows as loading until its own answer.
 * The card is small and never blocks the home page.
 */
function useLoad<T>(key: string, load: (key: string) => Promise<T>): Load<T> {
  const [answer, setAnswer] = useState<{ key: string; load: Load<T> } | null>(null);
  const [loader] = useState(() => load);
  useEffect(() => {
    let cancelled = false;
    loader(key).then(
      (data) => {
        if (!cancelled) setAnswer({ key, load: { status: 'ready', data } });
      },
      (error: unknown) => {
        if (!cancelled) setAnswer({ key, load: { status: 'failed', error } });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [key, loader]);
  return answer?.key === key ? answer.load : { status: 'loading' };
}

/**
 * The home page's roster card: for the supervisor and the director the roster that is due
 * (ROSTER-1: status, publish-by date, the reminder from the reminder day, overdue in red); for
 * staff their next duty.
 */
export function RosterStatusCard() {
  const { office, role } = useOffices();
  if (office === undefined || role === undefined) return null;
  return isPlanner(role) ? (
    <PlannerCard key={office.id} officeId={office.id} />
  ) : (
    <NextDutySummaryCard />
  );
}

function isPlanner(role: OfficeRole): boolean {
  return role === 'supervisor' || role === 'director';
}

function PlannerCard({ officeId }: { officeId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const labels = useDateLabels();
  const load = useLoad<RosterStatus>(officeId, getRosterStatus);

  if (load.status === 'loading') {
    return (
      <Card title={t('rosterStatus.title')}>
        <Spin />
      </Card>
    );
  }
  if (load.status === 'failed') {
    return (
      <Card title={t('rosterStatus.title')}>
        <Alert type="error" showIcon title={errorText(load.error)} />
      </Card>
    );
  }
  const status = load.data;
  const month = labels.month(status.month);
  const statusColor = { none: 'default', draft: 'processing', published: 'success' }[status.status];
  return (
    <Card
      title={t('rosterStatus.titleMonth', { month })}
      extra={<Link to="/roster">{t('rosterStatus.openRoster')}</Link>}
      style={status.overdue ? { borderColor: '#ff4d4f' } : undefined}
    >
      <section aria-label={t('rosterStatus.title')}>
        <Flex vertical gap={8}>
          <Flex gap={8} wrap align="center">
            <Tag color={statusColor}>{t(`rosterStatus.status.${status.status}`)}</Tag>
            {status.overdue && <Tag color="red">{t('rosterStatus.overdue')}</Tag>}
            {status.publishedLate && <Tag color="orange">{t('rosterStatus.publishedLate')}</Tag>}
          </Flex>
          <Typography.Text>
            {t('rosterStatus.publishBy', { date: status.deadlines.publishBy })}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('rosterStatus.wishesCutoff', { date: status.deadlines.wishesCutoff })}
          </Typography.Text>
          {status.overdue ? (
            <Alert type="error" showIcon title={t('rosterStatus.overdueMessage', { month })} />
          ) : (
            status.reminder && (
              <Alert
                type="warning"
                showIcon
                title={t('rosterStatus.reminder', { month, date: status.deadlines.publishBy })}
              />
            )
          )}
        </Flex>
      </section>
    </Card>
  );
}

function NextDutySummaryCard() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const labels = useDateLabels();
  const now = useNow();
  const load = useLoad<{ duties: Duty[] }>('me', () => getMyDuties());
  const next = load.status === 'ready' ? nextDutyOf(load.data.duties, now) : undefined;
  return (
    <Card
      title={t('rosterStatus.nextDutyTitle')}
      extra={<Link to={myDutiesPath}>{t('rosterStatus.openMyDuties')}</Link>}
    >
      <section aria-label={t('rosterStatus.nextDutyTitle')}>
        {load.status === 'loading' && <Spin />}
        {load.status === 'failed' && <Alert type="error" showIcon title={errorText(load.error)} />}
        {load.status === 'ready' && next === undefined && (
          <Flex vertical gap={4}>
            <Typography.Text type="secondary">{t('rosterStatus.noDuty')}</Typography.Text>
            <Link to={wishesPath}>{t('rosterStatus.openWishes')}</Link>
          </Flex>
        )}
        {next !== undefined && (
          <Flex vertical gap={8}>
            <Typography.Text strong style={{ fontSize: 18 }}>
              {labels.dateWithWeekday(next.date)}
            </Typography.Text>
            <Flex gap={8} wrap align="center">
              <Tag color={shiftColorOf(next)}>{next.shiftName}</Tag>
              <Typography.Text>{labels.shiftTime(next)}</Typography.Text>
              <CountdownTag duty={next} now={now} />
            </Flex>
            <Typography.Text type="secondary">{next.officeName}</Typography.Text>
          </Flex>
        )}
      </section>
    </Card>
  );
}
