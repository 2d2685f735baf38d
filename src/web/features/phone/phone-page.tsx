import { useState } from 'react';
import { Empty, Flex, Tabs, Typography } from 'antd';
import type { TabsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { getPhoneDay, listOpenCallbacks } from '../../api/phone.api.ts';
import dayjs from 'dayjs';
import { useMe } from '../auth/session-context.tsx';
import { peopleOf, useLoad, useRosterMonths } from '../leave/leave-data.ts';
import { useOffices } from '../shell/office-context.tsx';
import { CallbacksCard } from './callbacks-card.tsx';
import { PhoneDayCard } from './phone-day-card.tsx';
import { PhoneSystemTab } from './phone-system-tab.tsx';
import { QuickLogForm } from './quick-log-form.tsx';

/**
 * 电话: calls answered within three rings (PHONE-1). The desk logs calls, sees today's ring
 * counts and answer rate, and calls back missed calls; supervisors import the PBX's CDR file
 * and wire its signed webhook.
 */
export function PhonePage() {
  const { t } = useTranslation();
  const { office, role } = useOffices();
  const [changes, setChanges] = useState(0);
  const key = `${office?.id ?? ''}|${String(changes)}`;
  const day = useLoad(() => getPhoneDay(office?.id ?? ''), key);
  const callbacks = useLoad(() => listOpenCallbacks(office?.id ?? ''), key);
  const me = useMe();
  const month = (office === undefined ? dayjs() : dayjs().tz(office.timeZone)).format('YYYY-MM');
  const rosters = useRosterMonths(office?.id ?? '', office === undefined ? [] : [month]);

  if (office === undefined || role === undefined) {
    return <Empty description={t('phone.noOffice')} />;
  }
  const onChanged = () => {
    setChanges((count) => count + 1);
  };
  const manager = role === 'supervisor' || role === 'director';
  const deskTab = (
    <Flex vertical gap={16}>
      <QuickLogForm
        officeId={office.id}
        timeZone={office.timeZone}
        me={{ userId: me.user.id, name: me.user.displayName }}
        colleagues={peopleOf(rosters.values())}
        onLogged={onChanged}
      />
      <CallbacksCard
        officeId={office.id}
        timeZone={office.timeZone}
        load={callbacks.state}
        onDone={onChanged}
      />
      <PhoneDayCard load={day.state} timeZone={office.timeZone} />
    </Flex>
  );
  const items: NonNullable<TabsProps['items']> = [
    { key: 'desk', label: t('phone.tabs.desk'), children: deskTab },
    ...(manager
      ? [
          {
            key: 'system',
            label: t('phone.tabs.system'),
            children: (
              <PhoneSystemTab
                officeId={office.id}
                timeZone={office.timeZone}
                onImported={onChanged}
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16} style={{ maxWidth: 1100 }}>
      <div>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('nav.phone')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('phone.intro')}</Typography.Text>
      </div>
      <Tabs key={office.id} items={items} />
    </Flex>
  );
}
