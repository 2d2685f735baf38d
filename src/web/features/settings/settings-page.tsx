import type { ReactNode } from 'react';
import { Card, Flex, Typography } from 'antd';
import {
  CalendarOutlined,
  ClockCircleOutlined,
  EnvironmentOutlined,
  KeyOutlined,
  RightOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/session-context.tsx';
import {
  deskSettingsPath,
  inventorySettingsPath,
  patrolRoutesSettingsPath,
  rosterSettingsPath,
  usersPath,
} from '../shell/app-modules.tsx';
import { useOffices } from '../shell/office-context.tsx';
import { ModulePlaceholder } from '../shell/module-placeholder.tsx';

/** One settings page as a card that links to it. */
function SettingsLink({
  to,
  icon,
  title,
  intro,
}: {
  to: string;
  icon: ReactNode;
  title: string;
  intro: string;
}) {
  return (
    <Link to={to} style={{ maxWidth: 880 }}>
      <Card hoverable size="small">
        <Flex align="center" gap={12}>
          {icon}
          <Flex vertical flex={1}>
            <Typography.Text strong>{title}</Typography.Text>
            <Typography.Text type="secondary">{intro}</Typography.Text>
          </Flex>
          <RightOutlined aria-hidden />
        </Flex>
      </Card>
    </Link>
  );
}

/**
 * 设置: the office's roster settings (shifts, head counts, rules, holidays) for everyone in the
 * office, the desk's time limits, each post's items 岗位物品 and the patrol routes 巡查路线; user
 * administration for admins;
 * posts and phone settings are still to come.
 */
export function SettingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { office } = useOffices();
  return (
    <Flex vertical gap={16}>
      <ModulePlaceholder module="settings" rules={['SHIFT-1', 'ROSTER-1', 'PHONE-1']} />
      {office !== undefined && (
        <SettingsLink
          to={rosterSettingsPath}
          icon={<CalendarOutlined aria-hidden style={{ fontSize: 20 }} />}
          title={t('rosterSettings.title')}
          intro={t('rosterSettings.linkIntro')}
        />
      )}
      {office !== undefined && (
        <SettingsLink
          to={deskSettingsPath}
          icon={<ClockCircleOutlined aria-hidden style={{ fontSize: 20 }} />}
          title={t('deskSettings.title')}
          intro={t('deskSettings.linkIntro')}
        />
      )}
      {office !== undefined && (
        <SettingsLink
          to={inventorySettingsPath}
          icon={<KeyOutlined aria-hidden style={{ fontSize: 20 }} />}
          title={t('handover.inventory.title')}
          intro={t('handover.inventory.linkIntro')}
        />
      )}
      {office !== undefined && (
        <SettingsLink
          to={patrolRoutesSettingsPath}
          icon={<EnvironmentOutlined aria-hidden style={{ fontSize: 20 }} />}
          title={t('patrol.routes.title')}
          intro={t('patrol.routes.linkIntro')}
        />
      )}
      {me.user.isAdmin && (
        <SettingsLink
          to={usersPath}
          icon={<TeamOutlined aria-hidden style={{ fontSize: 20 }} />}
          title={t('users.title')}
          intro={t('users.intro')}
        />
      )}
    </Flex>
  );
}
