import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Flex, Input, Popconfirm, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/api-types.ts';
import { listUsers, setUserActive } from '../../api/users.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { useMe } from '../auth/session-context.tsx';
import { useOffices } from '../shell/office-context.tsx';
import { CreateUserModal } from './create-user-modal.tsx';
import { ResetPasswordModal } from './reset-password-modal.tsx';
import { RolesModal } from './roles-modal.tsx';

type Dialog =
  | { kind: 'none' }
  | { kind: 'create' }
  | { kind: 'roles'; user: User }
  | { kind: 'reset-password'; user: User };

type UsersLoad = { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready' };

/** 设置 → 用户管理 (admins): accounts, roles per office, passwords, deactivation. */
export function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const me = useMe();
  const { offices, office } = useOffices();
  const [users, setUsers] = useState<User[]>([]);
  const [load, setLoad] = useState<UsersLoad>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [dialog, setDialog] = useState<Dialog>({ kind: 'none' });
  const [search, setSearch] = useState('');
  const [busyUserId, setBusyUserId] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    listUsers().then(
      (result) => {
        if (cancelled) return;
        setUsers(result.users);
        setLoad({ status: 'ready' });
      },
      (error: unknown) => {
        if (!cancelled) setLoad({ status: 'failed', error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  const replaceUser = (changed: User) => {
    setUsers((current) => {
      const known = current.some((user) => user.id === changed.id);
      return known
        ? current.map((user) => (user.id === changed.id ? changed : user))
        : [...current, changed];
    });
  };

  const changeActive = async (user: User, active: boolean) => {
    setBusyUserId(user.id);
    try {
      const changed = await setUserActive(user.id, active);
      replaceUser(changed);
      void message.success(
        t(active ? 'users.reactivated' : 'users.deactivated', { name: changed.displayName }),
      );
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setBusyUserId(null);
    }
  };

  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    if (needle === '') return users;
    return users.filter(
      (user) =>
        user.username.toLowerCase().includes(needle) ||
        user.displayName.toLowerCase().includes(needle),
    );
  }, [users, search]);

  const columns: TableProps<User>['columns'] = [
    {
      title: t('users.displayName'),
      dataIndex: 'displayName',
      render: (_value, user) => (
        <Typography.Text strong>
          {user.displayName}
          {user.id === me.user.id && t('users.you')}
        </Typography.Text>
      ),
    },
    { title: t('users.username'), dataIndex: 'username' },
    {
      title: t('users.roles'),
      key: 'roles',
      render: (_value, user) => (
        <Flex gap={4} wrap>
          {user.isAdmin && <Tag color="purple">{t('roles.admin')}</Tag>}
          {user.roles.map((role) => (
            <Tag key={role.officeId} color={role.role === 'staff' ? 'default' : 'blue'}>
              {`${role.officeName} · ${t(`roles.${role.role}`)}`}
            </Tag>
          ))}
          {!user.isAdmin && user.roles.length === 0 && (
            <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('users.status'),
      key: 'status',
      render: (_value, user) =>
        user.active ? (
          <Tag color="green">{t('users.active')}</Tag>
        ) : (
          <Tag>{t('users.inactive')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_value, user) => (
        <Flex gap={4} wrap>
          <Button
            size="small"
            onClick={() => {
              setDialog({ kind: 'roles', user });
            }}
          >
            {t('users.editRoles')}
          </Button>
          {/* one's own password is changed in the user menu, knowing the current one */}
          {user.id !== me.user.id && (
            <Button
              size="small"
              onClick={() => {
                setDialog({ kind: 'reset-password', user });
              }}
            >
              {t('users.resetPassword')}
            </Button>
          )}
          {user.id !== me.user.id &&
            (user.active ? (
              <Popconfirm
                title={t('users.deactivateConfirm', { name: user.displayName })}
                okText={t('users.deactivate')}
                okButtonProps={{ danger: true }}
                onConfirm={() => void changeActive(user, false)}
              >
                <Button size="small" danger loading={busyUserId === user.id}>
                  {t('users.deactivate')}
                </Button>
              </Popconfirm>
            ) : (
              <Button
                size="small"
                loading={busyUserId === user.id}
                onClick={() => void changeActive(user, true)}
              >
                {t('users.reactivate')}
              </Button>
            ))}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <div>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t('users.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('users.intro')}</Typography.Text>
        </div>
        <Button
          type="primary"
          icon={<PlusOutlined aria-hidden />}
          onClick={() => {
            setDialog({ kind: 'create' });
          }}
        >
          {t('users.create')}
        </Button>
      </Flex>
      {load.status === 'failed' && (
        <Alert
          type="error"
          showIcon
          title={errorText(load.error)}
          action={
            <Button
              onClick={() => {
                setLoad({ status: 'loading' });
                setAttempt((count) => count + 1);
              }}
            >
              {t('app.retry')}
            </Button>
          }
        />
      )}
      <Input.Search
        aria-label={t('users.search')}
        placeholder={t('users.search')}
        allowClear
        value={search}
        onChange={(event) => {
          setSearch(event.target.value);
        }}
        style={{ maxWidth: 320 }}
      />
      <Table<User>
        rowKey="id"
        columns={columns}
        dataSource={shown}
        loading={load.status === 'loading'}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 860 }}
        size="middle"
      />
      {dialog.kind === 'create' && (
        <CreateUserModal
          offices={offices}
          defaultOfficeId={office?.id}
          onClose={() => {
            setDialog({ kind: 'none' });
          }}
          onCreated={(user) => {
            replaceUser(user);
            setDialog({ kind: 'none' });
          }}
        />
      )}
      {dialog.kind === 'roles' && (
        <RolesModal
          user={dialog.user}
          offices={offices}
          onClose={() => {
            setDialog({ kind: 'none' });
          }}
          onSaved={(user) => {
            replaceUser(user);
            setDialog({ kind: 'none' });
          }}
        />
      )}
      {dialog.kind === 'reset-password' && (
        <ResetPasswordModal
          user={dialog.user}
          onClose={() => {
            setDialog({ kind: 'none' });
          }}
        />
      )}
    </Flex>
  );
}
