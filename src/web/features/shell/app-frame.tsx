import { useState } from 'react';
import { Button, Drawer, Flex, Grid, Layout, Menu, Typography } from 'antd';
import type { MenuProps } from 'antd';
import {
  HomeOutlined,
  MenuFoldOutlined,
  MenuOutlined,
  MenuUnfoldOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/session-context.tsx';
import { useDutiesMenuItems } from '../duties/duties-menu.tsx';
import { NotificationBell } from '../notifications/notification-bell.tsx';
import { appModules, usersPath } from './app-modules.tsx';
import { OfficeSwitcher } from './office-switcher.tsx';
import { UserMenu } from './user-menu.tsx';

const settingsGroupKey = 'settings-group';

/** The menu entry a path belongs to: the longest entry path that prefixes it. */
function selectedKeyOf(pathname: string, keys: readonly string[]): string {
  const matching = keys.filter(
    (key) => key === pathname || (key !== '/' && pathname.startsWith(`${key}/`)),
  );
  return matching.sort((a, b) => b.length - a.length)[0] ?? '/';
}

/**
 * The app frame: side menu on a desk's screen, a drawer behind a button on a phone (staff on
 * patrol carry one), the office switcher and the user menu in the header.
 */
export function AppFrame() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const screens = Grid.useBreakpoint();
  // before the first measurement screens is empty: render the desk layout, not a flash of phone
  const isPhone = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);

  const dutiesItems = useDutiesMenuItems();
  const moduleItems = appModules.map((module) => ({
    key: module.path,
    icon: module.icon,
    label: t(`nav.${module.key}`),
  }));
  // admins reach user administration under Settings (设置 → 用户管理)
  const items: NonNullable<MenuProps['items']> = [
    { key: '/', icon: <HomeOutlined aria-hidden />, label: t('nav.home') },
    ...dutiesItems,
    ...moduleItems.map((item) =>
      item.key === '/settings' && me.user.isAdmin
        ? {
            key: settingsGroupKey,
            icon: <SettingOutlined aria-hidden />,
            label: t('nav.settings'),
            children: [
              { key: '/settings', label: t('nav.officeSettings') },
              { key: usersPath, icon: <TeamOutlined aria-hidden />, label: t('nav.users') },
            ],
          }
        : item,
    ),
  ];
  const selectedKey = selectedKeyOf(pathname, [
    '/',
    ...dutiesItems.map((item) => item.key),
    ...moduleItems.map((item) => item.key),
    usersPath,
  ]);

  const navigation = (
    <nav aria-label={t('nav.mainNavigation')}>
      <Menu
        mode="inline"
        items={items}
        selectedKeys={[selectedKey]}
        defaultOpenKeys={selectedKey.startsWith('/settings') ? [settingsGroupKey] : []}
        onClick={({ key }) => {
          setDrawerOpen(false);
          void navigate(key);
        }}
        style={{ borderInlineEnd: 'none' }}
      />
    </nav>
  );

  const brand = (short: boolean) => (
    <Typography.Text strong style={{ fontSize: 18, whiteSpace: 'nowrap' }}>
      {short ? t('app.name').slice(0, 1) : t('app.name')}
    </Typography.Text>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!isPhone && (
        <Layout.Sider
          theme="light"
          width={216}
          collapsible
          collapsed={collapsed}
          trigger={null}
          style={{ borderInlineEnd: '1px solid rgba(5, 5, 5, 0.06)' }}
        >
          <Flex align="center" justify="center" style={{ height: 64 }}>
            {brand(collapsed)}
          </Flex>
          {navigation}
        </Layout.Sider>
      )}
      {isPhone && (
        <Drawer
          open={drawerOpen}
          placement="left"
          size={264}
          title={brand(false)}
          onClose={() => {
            setDrawerOpen(false);
          }}
          styles={{ body: { padding: 0 } }}
        >
          {navigation}
        </Drawer>
      )}
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            paddingInline: isPhone ? 8 : 16,
            display: 'flex',
            alignItems: 'center',
            gap: isPhone ? 4 : 12,
            borderBottom: '1px solid rgba(5, 5, 5, 0.06)',
          }}
        >
          {isPhone ? (
            <>
              <Button
                type="text"
                icon={<MenuOutlined aria-hidden />}
                aria-label={t('nav.openMenu')}
                aria-expanded={drawerOpen}
                onClick={() => {
                  setDrawerOpen(true);
                }}
              />
              {brand(false)}
            </>
          ) : (
            <Button
              type="text"
              icon={
                collapsed ? <MenuUnfoldOutlined aria-hidden /> : <MenuFoldOutlined aria-hidden />
              }
              aria-label={collapsed ? t('nav.expand') : t('nav.collapse')}
              onClick={() => {
                setCollapsed(!collapsed);
              }}
            />
          )}
          <div style={{ flex: 1 }} />
          <NotificationBell />
          <OfficeSwitcher compact={isPhone} />
          <UserMenu compact={isPhone} />
        </Layout.Header>
        <Layout.Content style={{ padding: isPhone ? 12 : 24, minWidth: 0 }}>
          <main>
            <Outlet />
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
