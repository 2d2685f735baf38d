import { App, Avatar, Button, Dropdown, Flex, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { CheckOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isLocale } from '../../i18n/i18n-setup.ts';
import { locales } from '../../../shared/roles.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { useMe, useSession } from '../auth/session-context.tsx';
import { changePasswordPath } from './app-modules.tsx';
import { useOffices } from './office-context.tsx';
import { useRoleLabel } from './role-label.ts';

/** Who is signed in and in what role, the language, the password, signing out. */
export function UserMenu({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const me = useMe();
  const { locale, changeLocale, signOut } = useSession();
  const { office, role } = useOffices();
  const roleLabel = useRoleLabel(role, me.user.isAdmin);
  const navigate = useNavigate();

  const items: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      label: (
        <Flex vertical>
          <Typography.Text strong>{me.user.displayName}</Typography.Text>
          <Typography.Text type="secondary">
            {[roleLabel, office?.name].filter(Boolean).join(' · ')}
          </Typography.Text>
        </Flex>
      ),
    },
    { type: 'divider' },
    {
      type: 'group',
      label: t('language.label'),
      children: locales.map((value) => ({
        key: `locale:${value}`,
        label: t(`language.${value}`),
        icon: value === locale ? <CheckOutlined aria-hidden /> : <span style={{ width: 14 }} />,
      })),
    },
    { type: 'divider' },
    { key: 'password', icon: <KeyOutlined aria-hidden />, label: t('userMenu.changePassword') },
    { key: 'logout', icon: <LogoutOutlined aria-hidden />, label: t('userMenu.logout') },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    const chosen = key.startsWith('locale:') ? key.slice('locale:'.length) : null;
    if (isLocale(chosen)) {
      void changeLocale(chosen);
    } else if (key === 'password') {
      void navigate(changePasswordPath);
    } else if (key === 'logout') {
      signOut().catch((error: unknown) => void message.error(errorText(error)));
    }
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button
        type="text"
        aria-label={`${t('userMenu.label')}: ${me.user.displayName}`}
        style={{ height: 48, paddingInline: 8 }}
      >
        <Flex align="center" gap={8}>
          <Avatar size="small" icon={<UserOutlined aria-hidden />} />
          {!compact && (
            <Flex vertical align="flex-start" style={{ lineHeight: 1.25 }}>
              <Typography.Text strong>{me.user.displayName}</Typography.Text>
              {roleLabel !== undefined && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {roleLabel}
                </Typography.Text>
              )}
            </Flex>
          )}
        </Flex>
      </Button>
    </Dropdown>
  );
}
