import { Card, Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Handover } from '../../api/handover.api.ts';
import { useOfficeTime } from '../duty-log/on-duty-panel.tsx';

type Patrols = Handover['patrols'];

/**
 * The outgoing shift's patrols as lines (issue 8, WORK-3, DISC-1): each round with its route,
 * times, lateness and the checkpoints it missed, then the planned rounds nobody started.
 */
export function ShiftPatrolsList({ patrols, timeZone }: { patrols: Patrols; timeZone: string }) {
  const { t } = useTranslation();
  const time = useOfficeTime(timeZone);
  if (patrols.rounds.length === 0 && patrols.missed.length === 0) {
    return <Typography.Text type="secondary">{t('handover.patrols.none')}</Typography.Text>;
  }
  const lines = [
    ...patrols.rounds.map((round) => ({
      key: round.id,
      node: (
        <Flex gap={4} wrap align="center" style={{ minWidth: 0 }}>
          <Typography.Text strong>{round.routeName}</Typography.Text>
          <Typography.Text type="secondary">
            {round.finishedAt === null
              ? t('handover.patrols.started', { start: time(round.startedAt) })
              : t('handover.patrols.span', {
                  start: time(round.startedAt),
                  end: time(round.finishedAt),
                })}
          </Typography.Text>
          {round.late && <Tag color="orange">{t('handover.patrols.late')}</Tag>}
          <Tag color={round.notVisited.length === 0 ? 'green' : 'default'}>
            {t('handover.patrols.visited', {
              visited: round.visits.length,
              total: round.visits.length + round.notVisited.length,
            })}
          </Tag>
          {round.status === 'finished' && round.notVisited.length > 0 && (
            <Typography.Text type="danger">
              {t('handover.patrols.missedCheckpoints', {
                names: round.notVisited.map((c) => c.name).join('、'),
              })}
            </Typography.Text>
          )}
        </Flex>
      ),
    })),
    ...patrols.missed.map((missed) => ({
      key: `${missed.routeId}|${String(missed.plannedIndex)}`,
      node: (
        <Typography.Text type="danger">
          {t('handover.patrols.missedRound', {
            route: missed.routeName,
            index: missed.plannedIndex + 1,
            time: time(missed.closedAt),
          })}
        </Typography.Text>
      ),
    })),
  ];
  return (
    <List
      size="small"
      bordered
      dataSource={lines}
      rowKey="key"
      renderItem={(line) => <List.Item>{line.node}</List.Item>}
    />
  );
}

/** 本班巡查: what the outgoing shift patrolled, shown to both sides; it blocks no signature. */
export function ShiftPatrolsCard({ handover, timeZone }: { handover: Handover; timeZone: string }) {
  const { t } = useTranslation();
  return (
    <Card id="handover-patrols" size="small" title={t('handover.patrols.title')}>
      <ShiftPatrolsList patrols={handover.patrols} timeZone={timeZone} />
    </Card>
  );
}
