import { CarryOutOutlined, ScheduleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { myDutiesPath, wishesPath } from './duties-paths.ts';

/** The side-menu entries 我的值班 and 排班意愿, in the shape the shell's menu takes. */
export function useDutiesMenuItems() {
  const { t } = useTranslation();
  return [
    { key: myDutiesPath, icon: <CarryOutOutlined aria-hidden />, label: t('duties.nav') },
    { key: wishesPath, icon: <ScheduleOutlined aria-hidden />, label: t('wishes.nav') },
  ];
}
