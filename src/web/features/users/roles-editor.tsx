import { Button, Flex, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { officeRoles } from '../../../shared/roles.ts';
import type { Office, RoleAssignment } from '../../api/api-types.ts';

type RolesEditorProps = {
  offices: readonly Office[];
  value?: RoleAssignment[];
  onChange?: (roles: RoleAssignment[]) => void;
  id?: string;
};

/**
 * A person's role in each office, one row per office: an office already listed is not offered
 * again, so "one role per office" holds before the server checks it. Used as a form control.
 */
export function RolesEditor({ offices, value = [], onChange, id }: RolesEditorProps) {
  const { t } = useTranslation();
  const used = new Set(value.map((assignment) => assignment.officeId));
  const unused = offices.filter((office) => !used.has(office.id));

  const replace = (index: number, next: RoleAssignment) => {
    onChange?.(value.map((assignment, at) => (at === index ? next : assignment)));
  };

  return (
    <Flex vertical gap={8} id={id}>
      {value.map((assignment, index) => (
        <Flex key={assignment.officeId} gap={8} align="center" wrap>
          <Select
            aria-label={`${t('users.office')} ${String(index + 1)}`}
            value={assignment.officeId}
            options={offices
              .filter((office) => office.id === assignment.officeId || !used.has(office.id))
              .map((office) => ({ value: office.id, label: office.name }))}
            onChange={(officeId) => {
              replace(index, { ...assignment, officeId });
            }}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ flex: '1 1 180px', minWidth: 0 }}
          />
          <Select
            aria-label={`${t('users.role')} ${String(index + 1)}`}
            value={assignment.role}
            options={officeRoles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
            onChange={(role) => {
              replace(index, { ...assignment, role });
            }}
            style={{ flex: '1 1 160px', minWidth: 0 }}
          />
          <Button
            icon={<DeleteOutlined aria-hidden />}
            aria-label={`${t('users.removeRole')} ${String(index + 1)}`}
            title={t('users.removeRole')}
            onClick={() => {
              onChange?.(value.filter((_assignment, at) => at !== index));
            }}
          />
        </Flex>
      ))}
      {value.length === 0 && <Typography.Text type="secondary">{t('common.none')}</Typography.Text>}
      <div>
        <Button
          icon={<PlusOutlined aria-hidden />}
          disabled={unused.length === 0}
          title={unused.length === 0 ? t('users.noOfficesLeft') : undefined}
          onClick={() => {
            const office = unused[0];
            if (office !== undefined)
              onChange?.([...value, { officeId: office.id, role: 'staff' }]);
          }}
        >
          {t('users.addRole')}
        </Button>
      </div>
    </Flex>
  );
}
