import { Card, Flex, Typography } from 'antd';
import {
  CalendarOutlined,
  ClockCircleOutlined,
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
  rosterSettingsPath,
  usersPath,
} from '../shell/app-modules.tsx';
import { useOffices } from '../shell/office-context.tsx';
import { ModulePlaceholder } from '../shell/module-placeholder.tsx';

/**
 * 设置: the office's roster settings (shifts, head counts, rules, holidays) for everyone in the
 * office; user administration for admins; posts and phone settings are still to come.
 */
export function SettingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { office } = useOffices();
  return (
    <Flex vertical gap={16}>
      <ModulePlaceholder module="settings" rules={['SHIFT-1', 'ROSTER-1', 'PHONE-1']} />
      {office !== undefined && (
        <Link to={rosterSettingsPath} style={{ maxWidth: 880 }}>
          <Card hoverable size="small">
            <Flex align="center" gap={12}>
              <CalendarOutlined aria-hidden style={{ fontSize: 20 }} />
              <Flex vertical flex={1}>
                <Typography.Text strong>{t('rosterSettings.title')}</Typography.Text>
                <Typography.Text type="secondary">{t('rosterSettings.linkIntro')}</Typography.Text>
              </Flex>
              <RightOutlined aria-hidden />
            </Flex>
          </Card>
        </Link>
      )}
      {office !== undefined && (
        <Link to={deskSettingsPath} style={{ maxWidth: 880 }}>
          <Card hoverable size="small">
            <Flex align="center" gap={12}>
              <ClockCircleOutlined aria-hidden style={{ fontSize: 20 }} />
              <Flex vertical flex={1}>
                <Typography.Text strong>{t('deskSettings.title')}</Typography.Text>
                <Typography.Text type="secondary">{t('deskSettings.linkIntro')}</Typography.Text>
              </Flex>
              <RightOutlined aria-hidden />
            </Flex>
          </Card>
        </Link>
      )}
      {office !== undefined && (
        <Link to={inventorySettingsPath} style={{ maxWidth: 880 }}>
          <Card hoverable size="small">
            <Flex align="center" gap={12}>
              <KeyOutlined aria-hidden style={{ fontSize: 20 }} />
              <Flex vertical flex={1}>
                <Typography.Text strong>{t('handover.inventory.title')}</Typography.Text>
                <Typography.Text type="secondary">
                  {t('handover.inventory.linkIntro')}
                </Typography.Text>
              </Flex>
              <RightOutlined aria-hidden />
            </Flex>
          </Card>
        </Link>
      )}
      {me.user.isAdmin && (
        <Link to={usersPath} style={{ maxWidth: 880 }}>
          <Card hoverable size="small">
            <Flex align="center" gap={12}>
              <TeamOutlined aria-hidden style={{ fontSize: 20 }} />
              <Flex vertical flex={1}>
                <Typography.Text strong>{t('users.title')}</Typography.Text>
                <Typography.Text type="secondary">{t('users.intro')}</Typography.Text>
              </Flex>
              <RightOutlined aria-hidden />
            </Flex>
          </Card>
        </Link>
      )}
    </Flex>
  );
}
