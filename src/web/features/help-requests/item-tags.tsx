import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DeskItem } from '../../api/desk.api.ts';

const priorityColour = { normal: 'default', important: 'orange', major: 'red' } as const;
const statusColour = {
  new: 'blue',
  in_progress: 'processing',
  resolved: 'green',
  closed: 'default',
  cancelled: 'default',
} as const;
const levelColour = { staff: 'default', supervisor: 'gold', director: 'volcano' } as const;

/** Kind, priority, status and level (ESC-1) of an item, as tags. */
export function ItemTags({ item }: { item: DeskItem }) {
  const { t } = useTranslation();
  return (
    <>
      <Tag>{t(`desk.kinds.${item.kind}`)}</Tag>
      <Tag color={priorityColour[item.priority]}>{t(`desk.priorities.${item.priority}`)}</Tag>
      <Tag color={statusColour[item.status]}>{t(`desk.statuses.${item.status}`)}</Tag>
      <Tag color={levelColour[item.level]}>{t(`desk.levels.${item.level}`)}</Tag>
    </>
  );
}
