import { useState } from 'react';
import { Alert, App, Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Office, RoleAssignment, User } from '../../api/api-types.ts';
import { setUserRoles } from '../../api/users.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { RolesEditor } from './roles-editor.tsx';
import { userFieldErrors } from './user-form-errors.ts';

const formId = 'user-roles';

export function RolesModal({
  user,
  offices,
  onClose,
  onSaved,
}: {
  user: User;
  offices: readonly Office[];
  onClose: () => void;
  onSaved: (user: User) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ roles: RoleAssignment[] }>();
  const [failure, setFailure] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async ({ roles }: { roles: RoleAssignment[] }) => {
    setSubmitting(true);
    setFailure(null);
    try {
      const saved = await setUserRoles(user.id, roles);
      void message.success(t('users.rolesSaved', { name: saved.displayName }));
      onSaved(saved);
    } catch (error) {
      setSubmitting(false);
      const fieldErrors = userFieldErrors(t, error, ['roles']);
      if (fieldErrors.length > 0) form.setFields(fieldErrors);
      else setFailure(error);
    }
  };

  return (
    <Modal
      open
      title={t('users.rolesTitle', { name: user.displayName })}
      onCancel={onClose}
      okText={t('common.save')}
      okButtonProps={{ htmlType: 'submit', form: formId, loading: submitting }}
      mask={{ closable: false }}
    >
      <Form<{ roles: RoleAssignment[] }>
        form={form}
        name={formId}
        layout="vertical"
        initialValues={{
          roles: user.roles.map(({ officeId, role }) => ({ officeId, role })),
        }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item label={t('users.roles')} name="roles" extra={t('users.rolesHint')}>
          <RolesEditor offices={offices} />
        </Form.Item>
        {failure !== null && <Alert type="error" showIcon title={errorText(failure)} />}
      </Form>
    </Modal>
  );
}
