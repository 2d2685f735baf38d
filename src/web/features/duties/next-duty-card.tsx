import { useEffect, useState } from 'react';
import { Card, Flex, Tag, Typography } from 'antd';
import { ClockCircleOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Duty } from '../../api/duties.api.ts';
import { countdownTo, shiftColorOf } from './duty-schedule.ts';
import { useDateLabels } from './use-date-labels.ts';

/** The clock of a page that counts down to a duty; a minute's precision is enough. */
export function useNow(intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => {
      setNow(new Date());
    }, intervalMs);
    return () => {
      window.clearInterval(timer);
    };
  }, [intervalMs]);
  return now;
}

/** "now on duty" or "starts in N hours" for the duty. */
export function CountdownTag({ duty, now }: { duty: Duty; now: Date }) {
  const { t } = useTranslation();
  const countdown = countdownTo(duty, now);
  switch (countdown.kind) {
    case 'on-duty':
      return <Tag color="green">{t('duties.onDutyNow')}</Tag>;
    case 'minutes':
      return <Tag color="orange">{t('duties.startsInMinutes', { count: countdown.count })}</Tag>;
    case 'hours':
      return <Tag color="blue">{t('duties.startsInHours', { count: countdown.count })}</Tag>;
    case 'days':
      return <Tag>{t('duties.startsInDays', { count: countdown.count })}</Tag>;
  }
}

/** The next shift, big, at the top of 我的值班: date, weekday, shift and times, office. */
export function NextDutyCard({ duty, now }: { duty: Duty; now: Date }) {
  const { t } = useTranslation();
  const labels = useDateLabels();
  return (
    <Card
      title={t('duties.nextTitle')}
      extra={<CountdownTag duty={duty} now={now} />}
      styles={{ body: { paddingBlock: 16 } }}
    >
      <section aria-label={t('duties.nextTitle')}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {labels.dateWithWeekday(duty.date)}
        </Typography.Title>
        <Flex align="center" gap={8} wrap style={{ marginTop: 8 }}>
          <Tag color={shiftColorOf(duty)} style={{ fontSize: 16, paddingInline: 10 }}>
            {duty.shiftName}
          </Tag>
          <Typography.Text style={{ fontSize: 20 }}>
            <ClockCircleOutlined aria-hidden /> {labels.shiftTime(duty)}
          </Typography.Text>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          <EnvironmentOutlined aria-hidden /> {duty.officeName}
        </Typography.Paragraph>
      </section>
    </Card>
  );
}
