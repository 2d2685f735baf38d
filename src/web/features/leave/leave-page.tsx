import { useState } from 'react';
import { Empty, Flex, Tabs, Typography } from 'antd';
import type { TabsProps } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useOffices } from '../shell/office-context.tsx';
import { comingMonths, useRosterMonths, useShiftNames } from './leave-data.ts';
import { useLeaveTexts } from './leave-texts.ts';
import { MyLeaveTab } from './my-leave-tab.tsx';
import { PendingLeaveTab } from './pending-leave-tab.tsx';
import { SwapsTab } from './swaps-tab.tsx';
import { EmergencyCoverTab } from './emergency-cover-tab.tsx';
import { HistoryTab } from './history-tab.tsx';

/**
 * 请假调班: leave (LEAVE-1), approval with a substitute (LEAVE-2) and swaps approved by the
 * supervisor (LEAVE-3); the published roster changes only through these (ROSTER-2).
 */
export function LeavePage() {
  const { t } = useTranslation();
  const { office, role } = useOffices();
  const [changes, setChanges] = useState(0);
  const today = (office === undefined ? dayjs() : dayjs().tz(office.timeZone)).format('YYYY-MM-DD');
  const rosters = useRosterMonths(
    office?.id ?? '',
    office === undefined ? [] : comingMonths(today),
  );
  const texts = useLeaveTexts(useShiftNames(rosters));

  if (office === undefined || role === undefined) {
    return <Empty description={t('leave.noOffice')} />;
  }
  const decider = role === 'supervisor' || role === 'director';
  const onChanged = () => {
    setChanges((count) => count + 1);
  };
  const items: NonNullable<TabsProps['items']> = decider
    ? [
        {
          key: 'pending',
          label: t('leave.tabs.pending'),
          children: <PendingLeaveTab officeId={office.id} texts={texts} onDecided={onChanged} />,
        },
        {
          key: 'swaps',
          label: t('leave.tabs.swapApprovals'),
          children: (
            <SwapsTab
              officeId={office.id}
              texts={texts}
              rosters={rosters}
              today={today}
              decider
              onDecided={onChanged}
            />
          ),
        },
        {
          key: 'emergency',
          label: t('leave.tabs.emergency'),
          children: (
            <EmergencyCoverTab
              officeId={office.id}
              rosters={rosters}
              today={today}
              onCovered={onChanged}
            />
          ),
        },
        {
          key: 'history',
          label: t('leave.tabs.history'),
          children: (
            <HistoryTab
              officeId={office.id}
              texts={texts}
              rosters={rosters}
              initialMonth={today.slice(0, 7)}
              timeZone={office.timeZone}
              refresh={changes}
            />
          ),
        },
        // a supervisor on the roster asks for leave too; someone else decides it
        {
          key: 'leave',
          label: t('leave.tabs.myLeave'),
          children: <MyLeaveTab officeId={office.id} texts={texts} />,
        },
      ]
    : [
        {
          key: 'leave',
          label: t('leave.tabs.leave'),
          children: <MyLeaveTab officeId={office.id} texts={texts} />,
        },
        {
          key: 'swaps',
          label: t('leave.tabs.swaps'),
          children: (
            <SwapsTab
              officeId={office.id}
              texts={texts}
              rosters={rosters}
              today={today}
              decider={false}
            />
          ),
        },
      ];

  return (
    <Flex vertical gap={16} style={{ maxWidth: 1100 }}>
      <div>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('nav.leave')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('leave.intro')}</Typography.Text>
      </div>
      <Tabs key={office.id} items={items} />
    </Flex>
  );
}
