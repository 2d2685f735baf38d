import { Card, Flex, Typography } from 'antd';
import { RightOutlined, TeamOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/session-context.tsx';
import { usersPath } from '../shell/app-modules.tsx';
import { ModulePlaceholder } from '../shell/module-placeholder.tsx';

/**
 * 设置: office settings are still to come (shifts, posts, holidays, reminder days); user
 * administration is already here for admins.
 */
export function SettingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Flex vertical gap={16}>
      <ModulePlaceholder module="settings" rules={['SHIFT-1', 'ROSTER-1', 'PHONE-1']} />
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
