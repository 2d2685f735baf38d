import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/api-types.ts';
import { isApiError } from '../../api/api-client.ts';
import { fieldsOfError } from '../../api/form-errors.ts';
import { resetUserPassword } from '../../api/users.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { generatePassword, passwordLength } from '../auth/password-rules.ts';

const formId = 'reset-password';

/** An admin sets a first password again; the server ends the user's sessions. */
export function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ password: string }>();
  const [failure, setFailure] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const [visible, setVisible] = useState(false);

  const submit = async ({ password }: { password: string }) => {
    setSubmitting(true);
    setFailure(null);
    try {
      await resetUserPassword(user.id, password);
      void message.success(t('users.passwordReset', { name: user.displayName }));
      onClose();
    } catch (error) {
      setSubmitting(false);
      // the server names the field newPassword; this form calls it password
      if (isApiError(error) && fieldsOfError(error, ['newPassword']).length > 0) {
        form.setFields([
          { name: 'password', errors: [t('users.validation.passwordInvalid', passwordLength)] },
        ]);
      } else {
        setFailure(error);
      }
    }
  };

  return (
    <Modal
      open
      title={t('users.resetTitle', { name: user.displayName })}
      onCancel={onClose}
      okText={t('users.resetPassword')}
      okButtonProps={{ htmlType: 'submit', form: formId, loading: submitting, danger: true }}
      mask={{ closable: false }}
    >
      <Alert type="warning" showIcon title={t('users.resetHint')} style={{ marginBottom: 16 }} />
      <Form<{ password: string }>
        form={form}
        name={formId}
        layout="vertical"
        onFinish={(values) => void submit(values)}
      >
        <Form.Item
          label={t('users.newPassword')}
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
                aria-label={t('users.newPassword')}
                autoComplete="new-password"
                autoFocus
                visibilityToggle={{ visible, onVisibleChange: setVisible }}
              />
            </Form.Item>
            <Button
              onClick={() => {
                form.setFieldValue('password', generatePassword());
                setVisible(true);
                void form.validateFields(['password']);
              }}
            >
              {t('users.generatePassword')}
            </Button>
          </Space.Compact>
        </Form.Item>
        {failure !== null && <Alert type="error" showIcon title={errorText(failure)} />}
      </Form>
    </Modal>
  );
}
