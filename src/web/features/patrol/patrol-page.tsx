import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Grid,
  Select,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { TabsProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EnvironmentOutlined, SettingOutlined, WarningOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useOfficeEvents } from '../../api/live-updates.ts';
import {
  assignees,
  listCheckpointStatus,
  listNonconformances,
  listPatrolRounds,
  listPatrolRoutes,
  severities,
  type Assignee,
  type CheckpointStatus,
  type NcListQuery,
  type Nonconformance,
  type PatrolRound,
  type Severity,
} from '../../api/patrol.api.ts';
import { useLoad } from '../../api/use-load.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { useOfficeDateTime } from '../handover/handover-texts.ts';
import { patrolRoutesSettingsPath } from '../shell/app-modules.tsx';
import { useOffices } from '../shell/office-context.tsx';
import {
  notVisitedSince,
  plannedRoundRows,
  unplannedRounds,
  type PlannedRoundRow,
  type PlannedRoundStatus,
} from './patrol-progress.ts';
import { ncDetailPath, patrolRoundPath, raiseNcPath } from './patrol-paths.ts';
import { ncStatusColour, severityColour } from './patrol-colours.ts';
import './patrol.css';

const dateFormat = 'YYYY-MM-DD';
const tabKeys = ['today', 'checkpoints', 'nonconformances'] as const;
type TabKey = (typeof tabKeys)[number];

const statusColour: Record<PlannedRoundStatus, string> = {
  done: 'green',
  'in-progress': 'blue',
  missed: 'red',
  pending: 'default',
};

function useClock(timeZone: string): (instant: string) => string {
  return (instant) => dayjs(instant).tz(timeZone).format('HH:mm');
}

/** The checkpoints a round did not reach: its misses once finished, still to go before. */
function NotReached({ row }: { row: PlannedRoundRow }) {
  const { t } = useTranslation();
  if (row.round === null) return <>—</>;
  if (row.notVisited.length === 0) return <Tag color="green">{t('patrol.today.allReached')}</Tag>;
  return (
    <Flex gap={4} wrap>
      {row.notVisited.map((checkpoint) => (
        <Tag key={checkpoint.id} color={row.status === 'done' ? 'red' : 'default'}>
          {checkpoint.name}
        </Tag>
      ))}
    </Flex>
  );
}

/** 今日巡查: each planned round of the day per route and shift, with its window and status. */
function TodayTab({ officeId, timeZone }: { officeId: string; timeZone: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const clock = useClock(timeZone);
  const { office } = useOffices();
  const screens = Grid.useBreakpoint();
  const [date, setDate] = useState<Dayjs>(() => dayjs().tz(timeZone));
  const day = date.format(dateFormat);
  const load = useLoad(async () => {
    const [routes, list] = await Promise.all([
      listPatrolRoutes(officeId),
      listPatrolRounds(officeId, { date: day }),
    ]);
    return { routes, list };
  }, `${officeId}|${day}`);
  useOfficeEvents(officeId, ['patrol-rounds', 'patrol-routes', 'round'], load.reload);
  const shiftStarts = new Map(
    (office?.shiftTemplates ?? []).map((shift) => [shift.code, shift.startTime]),
  );
  const shiftName = (code: string) =>
    office?.shiftTemplates.find((shift) => shift.code === code)?.name ?? code;

  const windowOf = (row: PlannedRoundRow) =>
    row.round?.planned != null
      ? `${clock(row.round.planned.opensAt)}–${clock(row.round.planned.closesAt)}`
      : row.opens === null
        ? '—'
        : `${row.opens}–${row.closes ?? ''}`;
  const peopleOf = (row: PlannedRoundRow) =>
    row.round === null
      ? '—'
      : t('patrol.today.startedBy', {
          name: row.round.displayName,
          time: clock(row.round.startedAt),
        });
  const statusOf = (row: PlannedRoundRow) => (
    <Flex gap={4} wrap>
      <Tag color={statusColour[row.status]}>
        {t(`patrol.today.statuses.${row.status}`, { visited: row.visited, total: row.total })}
      </Tag>
      {row.late && <Tag color="orange">{t('patrol.today.late')}</Tag>}
      {row.missedAt !== null && (
        <Typography.Text type="danger">
          {t('patrol.today.missedAt', { time: clock(row.missedAt) })}
        </Typography.Text>
      )}
    </Flex>
  );

  const columns: ColumnsType<PlannedRoundRow> = [
    { key: 'route', title: t('patrol.today.route'), dataIndex: 'routeName' },
    {
      key: 'planned',
      title: t('patrol.today.planned'),
      render: (_: unknown, row) =>
        t('patrol.today.plannedText', { shift: shiftName(row.shiftCode), n: row.index + 1 }),
    },
    {
      key: 'window',
      title: t('patrol.today.window'),
      render: (_: unknown, row) => windowOf(row),
    },
    {
      key: 'status',
      title: t('patrol.today.status'),
      render: (_: unknown, row) => statusOf(row),
    },
    {
      key: 'people',
      title: t('patrol.today.people'),
      render: (_: unknown, row) => peopleOf(row),
    },
    {
      key: 'notReached',
      title: t('patrol.today.notReached'),
      render: (_: unknown, row) => <NotReached row={row} />,
    },
  ];

  const extraColumns: ColumnsType<PatrolRound> = [
    { key: 'route', title: t('patrol.today.route'), dataIndex: 'routeName' },
    {
      key: 'status',
      title: t('patrol.today.status'),
      render: (_: unknown, round) => {
        const status = round.status === 'finished' ? 'done' : 'in-progress';
        return (
          <Tag color={statusColour[status]}>
            {t(`patrol.today.statuses.${status}`, {
              visited: round.visits.length,
              total: round.visits.length + round.notVisited.length,
            })}
          </Tag>
        );
      },
    },
    {
      key: 'people',
      title: t('patrol.today.people'),
      render: (_: unknown, round) =>
        t('patrol.today.startedBy', { name: round.displayName, time: clock(round.startedAt) }),
    },
    {
      key: 'notReached',
      title: t('patrol.today.notReached'),
      render: (_: unknown, round) =>
        round.notVisited.length === 0 ? (
          <Tag color="green">{t('patrol.today.allReached')}</Tag>
        ) : (
          <Flex gap={4} wrap>
            {round.notVisited.map((c) => (
              <Tag key={c.id} color={round.status === 'finished' ? 'red' : 'default'}>
                {c.name}
              </Tag>
            ))}
          </Flex>
        ),
    },
  ];

  const ready = load.state.status === 'ready' ? load.state.value : null;
  const rows = ready === null ? [] : plannedRoundRows(ready.routes, shiftStarts, ready.list);
  const extra = ready === null ? [] : unplannedRounds(ready.list);
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} align="center" wrap>
        <Typography.Text>{t('patrol.today.date')}</Typography.Text>
        <DatePicker
          value={date}
          allowClear={false}
          aria-label={t('patrol.today.date')}
          onChange={(value: Dayjs | null) => {
            if (value !== null) setDate(value);
          }}
        />
      </Flex>
      {load.state.status === 'failed' && (
        <Alert type="error" showIcon title={errorText(load.state.error)} />
      )}
      {ready !== null && ready.routes.length === 0 ? (
        <Empty description={t('patrol.today.noRoutes')} />
      ) : // a phone shows each planned round as a card: nothing hidden off the side
      !screens.md && ready !== null ? (
        rows.length === 0 ? (
          <Empty description={t('patrol.today.noPlan')} />
        ) : (
          <Flex vertical gap={8}>
            {rows.map((row) => (
              <Card
                key={row.key}
                size="small"
                className={row.status === 'missed' ? 'patrol-card-missed' : undefined}
                title={`${row.routeName} · ${t('patrol.today.plannedText', {
                  shift: shiftName(row.shiftCode),
                  n: row.index + 1,
                })}`}
                extra={windowOf(row)}
              >
                <Flex vertical gap={6}>
                  {statusOf(row)}
                  {row.round !== null && <Typography.Text>{peopleOf(row)}</Typography.Text>}
                  {row.round !== null && (
                    <Flex gap={4} wrap align="center">
                      <Typography.Text type="secondary">
                        {t('patrol.today.notReached')}
                      </Typography.Text>
                      <NotReached row={row} />
                    </Flex>
                  )}
                </Flex>
              </Card>
            ))}
          </Flex>
        )
      ) : (
        <Table<PlannedRoundRow>
          size="small"
          rowKey="key"
          loading={load.state.status === 'loading'}
          dataSource={rows}
          columns={columns}
          pagination={false}
          scroll={{ x: 'max-content' }}
          rowClassName={(row) => (row.status === 'missed' ? 'patrol-row-missed' : '')}
          locale={{ emptyText: t('patrol.today.noPlan') }}
        />
      )}
      {extra.length > 0 && (
        <>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('patrol.today.unplanned')}
          </Typography.Title>
          <Table<PatrolRound>
            size="small"
            rowKey="id"
            dataSource={extra}
            columns={extraColumns}
            pagination={false}
            scroll={{ x: 'max-content' }}
          />
        </>
      )}
    </Flex>
  );
}

/** 巡查点: every checkpoint with its last visit; one not reached today stands out. */
function CheckpointsTab({ officeId, timeZone }: { officeId: string; timeZone: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const at = useOfficeDateTime(timeZone);
  const load = useLoad(() => listCheckpointStatus(officeId), officeId);
  useOfficeEvents(officeId, ['patrol-rounds', 'patrol-routes', 'nonconformances'], load.reload);
  const dayStart = dayjs().tz(timeZone).startOf('day').toDate();
  const columns: ColumnsType<CheckpointStatus> = [
    { key: 'route', title: t('patrol.checkpoints.route'), dataIndex: 'routeName' },
    { key: 'seq', title: t('patrol.checkpoints.seq'), dataIndex: 'seq' },
    {
      key: 'name',
      title: t('patrol.checkpoints.name'),
      render: (_: unknown, c) => <Typography.Text strong>{c.name}</Typography.Text>,
    },
    {
      key: 'code',
      title: t('patrol.checkpoints.code'),
      render: (_: unknown, c) => <Typography.Text code>{c.code}</Typography.Text>,
    },
    {
      key: 'checklist',
      title: t('patrol.checkpoints.checklist'),
      render: (_: unknown, c) => c.checklist.join('、') || '—',
    },
    {
      key: 'lastVisit',
      title: t('patrol.checkpoints.lastVisit'),
      render: (_: unknown, c) => {
        const stale = notVisitedSince(c.lastVisit?.at ?? null, dayStart);
        return (
          <Flex vertical gap={2}>
            {c.lastVisit === null ? (
              <Typography.Text type="secondary">{t('patrol.checkpoints.never')}</Typography.Text>
            ) : (
              <span>
                {at(c.lastVisit.at)} {c.lastVisit.displayName}
              </span>
            )}
            {stale && (
              <span>
                <Tag color="orange" icon={<WarningOutlined aria-hidden />}>
                  {t('patrol.checkpoints.notToday')}
                </Tag>
              </span>
            )}
            {c.lastVisit !== null && c.lastVisit.notOk.length > 0 && (
              <Typography.Text type="danger">
                {t('patrol.checkpoints.notOk', { items: c.lastVisit.notOk.join('、') })}
              </Typography.Text>
            )}
          </Flex>
        );
      },
    },
    {
      key: 'openNc',
      title: t('patrol.checkpoints.openNc'),
      render: (_: unknown, c) =>
        c.openNonconformances === 0 ? (
          <Typography.Text type="secondary">0</Typography.Text>
        ) : (
          <Link to={`?tab=nonconformances&checkpointId=${encodeURIComponent(c.id)}`}>
            <Tag color="red">{c.openNonconformances}</Tag>
          </Link>
        ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      {load.state.status === 'failed' && (
        <Alert type="error" showIcon title={errorText(load.state.error)} />
      )}
      <Table<CheckpointStatus>
        size="small"
        rowKey="id"
        loading={load.state.status === 'loading'}
        dataSource={load.state.status === 'ready' ? load.state.value : []}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowClassName={(c) =>
          notVisitedSince(c.lastVisit?.at ?? null, dayStart) ? 'patrol-row-not-visited' : ''
        }
        locale={{ emptyText: t('patrol.checkpoints.none') }}
      />
    </Flex>
  );
}

const statusFilters = ['unverified', 'open', 'corrected', 'verified', 'all'] as const;
type StatusFilter = (typeof statusFilters)[number];

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((candidate) => candidate === value);
}

/** 不合格项: the office's items by status, severity, assignee and checkpoint; overdue marked. */
function NonconformancesTab({ officeId, timeZone }: { officeId: string; timeZone: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const at = useOfficeDateTime(timeZone);
  const [search, setSearch] = useSearchParams();
  const status: StatusFilter = oneOf(statusFilters, search.get('status')) ?? 'unverified';
  const severity = oneOf(severities, search.get('severity'));
  const assignee = oneOf(assignees, search.get('assignee'));
  const checkpointId = search.get('checkpointId') ?? undefined;
  const query: NcListQuery = {
    status,
    ...(severity === undefined ? {} : { severity }),
    ...(assignee === undefined ? {} : { assignee }),
    ...(checkpointId === undefined ? {} : { checkpointId }),
  };
  const list = useLoad(
    () => listNonconformances(officeId, query),
    `${officeId}|${JSON.stringify(query)}`,
  );
  const checkpoints = useLoad(() => listCheckpointStatus(officeId), officeId);
  useOfficeEvents(officeId, ['nonconformances', 'nc'], list.reload);
  const setFilter = (key: string, value: string | undefined) => {
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('tab', 'nonconformances');
        if (value === undefined || value === '') next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );
  };
  const any = { value: '', label: t('patrol.nc.any') };

  const columns: ColumnsType<Nonconformance> = [
    {
      key: 'what',
      title: t('patrol.nc.what'),
      render: (_: unknown, n) => <Link to={ncDetailPath(n.id)}>{n.what}</Link>,
    },
    {
      key: 'where',
      title: t('patrol.nc.where'),
      render: (_: unknown, n) => n.checkpointName ?? n.location ?? '—',
    },
    {
      key: 'severity',
      title: t('patrol.nc.severity'),
      render: (_: unknown, n) => (
        <Tag color={severityColour[n.severity]}>{t(`patrol.nc.severities.${n.severity}`)}</Tag>
      ),
    },
    {
      key: 'assignee',
      title: t('patrol.nc.assignee'),
      render: (_: unknown, n) => t(`patrol.nc.assignees.${n.assignee}`),
    },
    {
      key: 'due',
      title: t('patrol.nc.due'),
      render: (_: unknown, n) => (
        <Flex gap={4} wrap>
          <span>{at(n.dueAt)}</span>
          {n.overdue && <Tag color="red">{t('patrol.nc.overdue')}</Tag>}
        </Flex>
      ),
    },
    {
      key: 'status',
      title: t('patrol.nc.status'),
      render: (_: unknown, n) => (
        <Tag color={ncStatusColour[n.status]}>{t(`patrol.nc.statuses.${n.status}`)}</Tag>
      ),
    },
    {
      key: 'raisedBy',
      title: t('patrol.nc.raisedBy'),
      render: (_: unknown, n) => `${n.createdByName} ${at(n.createdAt)}`,
    },
    {
      key: 'view',
      title: t('common.actions'),
      render: (_: unknown, n) => <Link to={ncDetailPath(n.id)}>{t('patrol.nc.view')}</Link>,
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap align="center">
        <Flex gap={4} align="center">
          <Typography.Text>{t('patrol.nc.status')}</Typography.Text>
          <Select<StatusFilter>
            aria-label={t('patrol.nc.status')}
            value={status}
            style={{ minWidth: 140 }}
            options={statusFilters.map((value) => ({
              value,
              label: t(`patrol.nc.statusFilter.${value}`),
            }))}
            onChange={(value) => {
              setFilter('status', value === 'unverified' ? undefined : value);
            }}
          />
        </Flex>
        <Flex gap={4} align="center">
          <Typography.Text>{t('patrol.nc.severity')}</Typography.Text>
          <Select<Severity | ''>
            aria-label={t('patrol.nc.severity')}
            value={severity ?? ''}
            style={{ minWidth: 100 }}
            options={[
              any,
              ...severities.map((value) => ({
                value,
                label: t(`patrol.nc.severities.${value}`),
              })),
            ]}
            onChange={(value) => {
              setFilter('severity', value);
            }}
          />
        </Flex>
        <Flex gap={4} align="center">
          <Typography.Text>{t('patrol.nc.assignee')}</Typography.Text>
          <Select<Assignee | ''>
            aria-label={t('patrol.nc.assignee')}
            value={assignee ?? ''}
            style={{ minWidth: 110 }}
            options={[
              any,
              ...assignees.map((value) => ({
                value,
                label: t(`patrol.nc.assignees.${value}`),
              })),
            ]}
            onChange={(value) => {
              setFilter('assignee', value);
            }}
          />
        </Flex>
        <Flex gap={4} align="center">
          <Typography.Text>{t('patrol.nc.checkpoint')}</Typography.Text>
          <Select<string>
            aria-label={t('patrol.nc.checkpoint')}
            value={checkpointId ?? ''}
            style={{ minWidth: 160 }}
            options={[
              any,
              ...(checkpoints.state.status === 'ready' ? checkpoints.state.value : []).map((c) => ({
                value: c.id,
                label: `${c.routeName} · ${c.name}`,
              })),
            ]}
            onChange={(value) => {
              setFilter('checkpointId', value);
            }}
          />
        </Flex>
      </Flex>
      {list.state.status === 'failed' && (
        <Alert type="error" showIcon title={errorText(list.state.error)} />
      )}
      <Table<Nonconformance>
        size="small"
        rowKey="id"
        loading={list.state.status === 'loading'}
        dataSource={list.state.status === 'ready' ? list.state.value : []}
        columns={columns}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        rowClassName={(n) => (n.overdue ? 'patrol-row-overdue' : '')}
        locale={{ emptyText: t('patrol.nc.none') }}
      />
    </Flex>
  );
}

/**
 * 巡查: today's rounds with their progress, the checkpoints with their last visits, and the
 * non-conforming items 不合格项 with filters (issue 8, point 4). Everyone in the office reads it;
 * the round and raising an item are pages of their own.
 */
export function PatrolPage() {
  const { t } = useTranslation();
  const { office, role } = useOffices();
  const [search, setSearch] = useSearchParams();
  const tab: TabKey = oneOf(tabKeys, search.get('tab')) ?? 'today';
  if (office === undefined) return <Empty description={t('patrol.noOffice')} />;
  const supervisor = role === 'supervisor' || role === 'director';
  const props = { officeId: office.id, timeZone: office.timeZone };
  const items: NonNullable<TabsProps['items']> = [
    { key: 'today', label: t('patrol.tabs.today'), children: <TodayTab {...props} /> },
    {
      key: 'checkpoints',
      label: t('patrol.tabs.checkpoints'),
      children: <CheckpointsTab {...props} />,
    },
    {
      key: 'nonconformances',
      label: t('patrol.tabs.nonconformances'),
      children: <NonconformancesTab {...props} />,
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('patrol.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('patrol.intro')}
      </Typography.Paragraph>
      <Flex gap={8} wrap>
        <Link to={patrolRoundPath}>
          <Button type="primary" icon={<EnvironmentOutlined aria-hidden />}>
            {t('patrol.startRound')}
          </Button>
        </Link>
        <Link to={raiseNcPath}>
          <Button icon={<WarningOutlined aria-hidden />}>{t('patrol.raiseNc')}</Button>
        </Link>
        {supervisor && (
          <Link to={patrolRoutesSettingsPath}>
            <Button icon={<SettingOutlined aria-hidden />}>{t('patrol.routesSettings')}</Button>
          </Link>
        )}
      </Flex>
      <Tabs
        key={office.id}
        activeKey={tab}
        items={items}
        onChange={(key) => {
          setSearch({ tab: key }, { replace: true });
        }}
      />
    </Flex>
  );
}
