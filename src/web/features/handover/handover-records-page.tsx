import { useState } from 'react';
import { Alert, DatePicker, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { listHandovers, type HandoverSummary } from '../../api/handover.api.ts';
import { useOfficeEvents } from '../../api/live-updates.ts';
import { useLoad } from '../../api/use-load.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { useOffices } from '../shell/office-context.tsx';
import { useOfficeDateTime } from './handover-texts.ts';
import { handoverRecordPath } from './handover-paths.ts';
import { statusColour } from './handover-workspace.tsx';

const dateFormat = 'YYYY-MM-DD';

/** A count that should be zero: red when it is not. */
function CountTag({ count, colour }: { count: number; colour: string }) {
  return count === 0 ? (
    <Typography.Text type="secondary">0</Typography.Text>
  ) : (
    <Tag color={colour}>{count}</Tag>
  );
}

/**
 * 交接班记录: every handover of the chosen dates with its compliance — the outgoing signature on
 * time (HO-OUT-3), sealed by both (HO-IN-5), exceptions (HO-OUT-4), item discrepancies and
 * anomalies with how many are unexplained (HO-IN-2, HO-IN-4), and the incoming person's
 * lateness (HO-IN-1) — each linking to its printable record.
 */
export function HandoverRecordsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { office } = useOffices();
  const officeId = office?.id ?? null;
  const timeZone = office?.timeZone ?? 'Asia/Shanghai';
  const at = useOfficeDateTime(timeZone);
  const today = dayjs().tz(timeZone);
  const [range, setRange] = useState<[Dayjs, Dayjs]>([today.subtract(6, 'day'), today]);
  const [changes, setChanges] = useState(0);
  const from = range[0].format(dateFormat);
  const to = range[1].format(dateFormat);
  const list = useLoad(
    () =>
      officeId === null ? Promise.resolve([]) : listHandovers(officeId, { from, to, limit: 500 }),
    `${officeId ?? ''}|${from}|${to}|${String(changes)}`,
  );
  useOfficeEvents(officeId, ['handovers'], () => {
    setChanges((count) => count + 1);
  });

  if (officeId === null) return <Empty description={t('handover.noOffice')} />;

  const yesNo = (ok: boolean) =>
    ok ? (
      <Tag color="green">{t('handover.records.yes')}</Tag>
    ) : (
      <Tag color="red">{t('handover.records.no')}</Tag>
    );
  const columns: ColumnsType<HandoverSummary> = [
    {
      key: 'date',
      title: t('handover.records.date'),
      render: (_: unknown, h) => <Link to={handoverRecordPath(h.id)}>{at(h.shiftEndsAt)}</Link>,
    },
    { key: 'post', title: t('handover.records.post'), dataIndex: 'postName' },
    {
      key: 'people',
      title: t('handover.records.people'),
      render: (_: unknown, h) => `${h.outgoingName} → ${h.incomingName ?? '—'}`,
    },
    {
      key: 'status',
      title: t('handover.records.status'),
      render: (_: unknown, h) => (
        <Flex gap={4} wrap>
          <Tag color={statusColour[h.status]}>{t(`handover.status.${h.status}`)}</Tag>
          {h.gap && <Tag>{t('handover.records.gap')}</Tag>}
        </Flex>
      ),
    },
    {
      key: 'onTime',
      title: t('handover.records.onTime'),
      render: (_: unknown, h) => yesNo(h.onTime),
    },
    {
      key: 'late',
      title: t('handover.records.late'),
      render: (_: unknown, h) =>
        h.incomingLateMinutes === null ? (
          '—'
        ) : h.incomingLateMinutes === 0 ? (
          <Tag color="green">{t('dutyLog.checkIn.onTime')}</Tag>
        ) : (
          <Tag color="red">{t('handover.records.minutes', { count: h.incomingLateMinutes })}</Tag>
        ),
    },
    {
      key: 'exceptions',
      title: t('handover.records.exceptions'),
      render: (_: unknown, h) => <CountTag count={h.exceptions} colour="purple" />,
    },
    {
      key: 'discrepancies',
      title: t('handover.records.discrepancies'),
      render: (_: unknown, h) => <CountTag count={h.discrepancies} colour="orange" />,
    },
    {
      key: 'anomalies',
      title: t('handover.records.anomalies'),
      render: (_: unknown, h) => <CountTag count={h.anomalies} colour="orange" />,
    },
    {
      key: 'unexplained',
      title: t('handover.records.unexplained'),
      render: (_: unknown, h) => <CountTag count={h.unexplained} colour="red" />,
    },
    {
      key: 'view',
      title: t('common.actions'),
      render: (_: unknown, h) => (
        <Link to={handoverRecordPath(h.id)}>{t('handover.records.view')}</Link>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('handover.records.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('handover.records.intro')}
      </Typography.Paragraph>
      <Flex gap={8} align="center" wrap>
        <Typography.Text>{t('handover.records.range')}</Typography.Text>
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          aria-label={t('handover.records.range')}
          onChange={(values) => {
            if (values?.[0] != null && values[1] != null) setRange([values[0], values[1]]);
          }}
        />
      </Flex>
      {list.state.status === 'failed' && (
        <Alert type="error" showIcon title={errorText(list.state.error)} />
      )}
      <Table<HandoverSummary>
        size="small"
        rowKey="id"
        loading={list.state.status === 'loading'}
        dataSource={list.state.status === 'ready' ? list.state.value : []}
        columns={columns}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('handover.records.none') }}
      />
    </Flex>
  );
}
