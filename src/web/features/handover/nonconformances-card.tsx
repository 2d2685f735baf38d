import { Card, Flex, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Handover } from '../../api/handover.api.ts';
import { useOfficeDateTime } from './handover-texts.ts';

type Item = Handover['nonconformances'][number];

const severityColour = { minor: 'default', major: 'orange', critical: 'red' } as const;

export const nonconformancePath = (id: string) =>
  `/patrol/nonconformances/${encodeURIComponent(id)}`;

/** One non-conforming item as a line: what, where, severity, due, and where it stands. */
export function NonconformanceLine({ item, timeZone }: { item: Item; timeZone: string }) {
  const { t } = useTranslation();
  const at = useOfficeDateTime(timeZone);
  return (
    <Flex gap={4} wrap align="center" style={{ minWidth: 0 }}>
      <Link to={nonconformancePath(item.id)} style={{ overflowWrap: 'anywhere' }}>
        {item.what}
      </Link>
      <Typography.Text type="secondary">
        {item.checkpointName ?? item.location ?? ''}
      </Typography.Text>
      <Tag color={severityColour[item.severity]}>
        {t(`handover.nonconformances.severity.${item.severity}`)}
      </Tag>
      <Tag>{t(`handover.nonconformances.status.${item.status}`)}</Tag>
      <Typography.Text type={item.overdue ? 'danger' : 'secondary'}>
        {t(item.overdue ? 'handover.nonconformances.overdue' : 'handover.nonconformances.due', {
          time: at(item.dueAt),
        })}
      </Typography.Text>
    </Flex>
  );
}

/** The lines of the items a handover carries, or a line saying there are none. */
export function NonconformanceList({
  handover,
  timeZone,
}: {
  handover: Handover;
  timeZone: string;
}) {
  const { t } = useTranslation();
  if (handover.nonconformances.length === 0) {
    return <Typography.Text type="success">{t('handover.nonconformances.none')}</Typography.Text>;
  }
  return (
    <List
      size="small"
      bordered
      dataSource={handover.nonconformances}
      rowKey="id"
      renderItem={(item) => (
        <List.Item>
          <NonconformanceLine item={item} timeZone={timeZone} />
        </List.Item>
      )}
    />
  );
}

/**
 * Non-conforming items 不合格项 carried across shifts (issue 8): what the incoming shift takes
 * on until a supervisor verifies each one; not a step of its own, so it blocks no signature.
 */
export function NonconformancesCard({
  handover,
  timeZone,
}: {
  handover: Handover;
  timeZone: string;
}) {
  const { t } = useTranslation();
  return (
    <Card
      id="handover-nonconformances"
      size="small"
      title={t('handover.nonconformances.title', { count: handover.nonconformances.length })}
    >
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t('handover.nonconformances.hint')}</Typography.Text>
        <NonconformanceList handover={handover} timeZone={timeZone} />
      </Flex>
    </Card>
  );
}
