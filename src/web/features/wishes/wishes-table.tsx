import { Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RosterMonthView, Wish, WishList } from '../../api/duties.api.ts';
import { useDateLabels } from '../duties/use-date-labels.ts';
import { wishColors } from './wish-marks.ts';
import { useMarkLabel } from './wishes-editor.tsx';

/** Everyone's wishes for the month, for the supervisor compiling the roster (read-only). */
export function WishesTable({ roster, wishList }: { roster: RosterMonthView; wishList: WishList }) {
  const { t } = useTranslation();
  const labels = useDateLabels();
  const markLabel = useMarkLabel(roster.shifts);
  const rows = [...wishList.wishes].sort(
    (a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN') || a.date.localeCompare(b.date),
  );
  const people = [...new Set(rows.map((row) => row.displayName))];

  const columns: TableColumnsType<Wish> = [
    {
      key: 'person',
      title: t('wishes.people'),
      dataIndex: 'displayName',
      filters: people.map((name) => ({ text: name, value: name })),
      onFilter: (value, row) => row.displayName === value,
    },
    {
      key: 'date',
      title: t('wishes.date'),
      render: (_, row) => labels.dateWithWeekday(row.date),
      sorter: (a, b) => a.date.localeCompare(b.date),
    },
    {
      key: 'kind',
      title: t('wishes.kind'),
      render: (_, row) => <Tag color={wishColors[row.kind]}>{markLabel(row)}</Tag>,
      filters: (['unavailable', 'wish-off', 'wish-shift'] as const).map((kind) => ({
        text: t(`wishes.kinds.${kind}`),
        value: kind,
      })),
      onFilter: (value, row) => row.kind === value,
    },
    {
      key: 'note',
      title: t('wishes.note'),
      render: (_, row) => row.note ?? '',
    },
  ];

  return (
    <Table<Wish>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      pagination={rows.length > 50 ? { pageSize: 50 } : false}
      locale={{ emptyText: t('wishes.tableEmpty') }}
      footer={() => (
        <Typography.Text type="secondary">
          {t('wishes.count', { count: rows.length })}
        </Typography.Text>
      )}
    />
  );
}
