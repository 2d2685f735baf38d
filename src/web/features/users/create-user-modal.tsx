import { useState } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { locales, type Locale } from '../../../shared/roles.ts';
import type { Office, RoleAssignment, User } from '../../api/api-types.ts';
import { createUser } from '../../api/users.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import {
  displayNameLength,
  generatePassword,
  passwordLength,
  usernamePattern,
} from '../auth/password-rules.ts';
import { RolesEditor } from './roles-editor.tsx';
import { userFieldErrors, userFormFields } from './user-form-errors.ts';

type CreateUserValues = {
  username: string;
  displayName: string;
  password: string;
  isAdmin: boolean;
  locale: Locale;
  roles: RoleAssignment[];
};

const formId = 'create-user';

/** Mounted while open, so every opening starts from an empty form. */
export function CreateUserModal({
  offices,
  defaultOfficeId,
  onClose,
  onCreated,
}: {
  offices: readonly Office[];
  defaultOfficeId: string | undefined;
  onClose: () => void;
  onCreated: (user: User) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<CreateUserValues>();
  const [failure, setFailure] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const [passwordVisible, setPasswordVisible] = useState(false);

  const submit = async (values: CreateUserValues) => {
    setSubmitting(true);
    setFailure(null);
    try {
      const user = await createUser({ ...values, username: values.username.trim() });
      void message.success(t('users.created', { name: user.displayName }));
      onCreated(user);
    } catch (error) {
      setSubmitting(false);
      const fieldErrors = userFieldErrors(t, error, userFormFields);
      if (fieldErrors.length > 0) form.setFields(fieldErrors);
      else setFailure(error);
    }
  };

  return (
    <Modal
      open
      title={t('users.createTitle')}
      onCancel={onClose}
      okText={t('users.create')}
      // the OK button submits the form, so Enter in any field submits too
      okButtonProps={{ htmlType: 'submit', form: formId, loading: submitting }}
      mask={{ closable: false }}
    >
      <Form<CreateUserValues>
        form={form}
        name={formId}
        layout="vertical"
        requiredMark
        initialValues={{
          isAdmin: false,
          locale: 'zh-CN',
          roles:
            defaultOfficeId === undefined ? [] : [{ officeId: defaultOfficeId, role: 'staff' }],
        }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item
          label={t('users.username')}
          name="username"
          extra={t('users.usernameHint')}
          rules={[
            { required: true, whitespace: true, message: t('users.validation.usernameRequired') },
            { pattern: usernamePattern, message: t('users.validation.usernameInvalid') },
          ]}
        >
          <Input autoComplete="off" autoCapitalize="none" autoFocus />
        </Form.Item>
        <Form.Item
          label={t('users.displayName')}
          name="displayName"
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('users.validation.displayNameRequired'),
            },
            { max: displayNameLength.max, message: t('users.validation.displayNameInvalid') },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={t('users.initialPassword')}
          required
          extra={t('users.passwordHint', passwordLength)}
        >
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item
              name="password"
              noStyle
              rules={[
                {
                  required: true,
                  min: passwordLength.min,
                  message: t('users.validation.passwordTooShort', passwordLength),
                },
                {
                  max: passwordLength.max,
                  message: t('users.validation.passwordInvalid', passwordLength),
                },
              ]}
            >
              <Input.Password
                aria-label={t('users.initialPassword')}
                autoComplete="new-password"
                visibilityToggle={{ visible: passwordVisible, onVisibleChange: setPasswordVisible }}
              />
            </Form.Item>
            <Button
              onClick={() => {
                form.setFieldValue('password', generatePassword());
                setPasswordVisible(true);
                void form.validateFields(['password']);
              }}
            >
              {t('users.generatePassword')}
            </Button>
          </Space.Compact>
        </Form.Item>
        <Form.Item label={t('users.locale')} name="locale">
          <Select
            options={locales.map((value) => ({ value, label: t(`language.${value}`) }))}
            style={{ width: 160 }}
          />
        </Form.Item>
        <Form.Item label={t('users.roles')} name="roles" extra={t('users.rolesHint')}>
          <RolesEditor offices={offices} />
        </Form.Item>
        <Form.Item name="isAdmin" valuePropName="checked" extra={t('users.isAdminHint')}>
          <Checkbox>{t('users.isAdmin')}</Checkbox>
        </Form.Item>
        {failure !== null && <Alert type="error" showIcon title={errorText(failure)} />}
      </Form>
    </Modal>
  );
}
