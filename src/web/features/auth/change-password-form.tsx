import { useState } from 'react';
import { Alert, App, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-client.ts';
import { changePassword } from '../../api/auth.api.ts';
import { fieldsOfError } from '../../api/form-errors.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { passwordLength } from './password-rules.ts';
import { useSession } from './session-context.tsx';

type PasswordValues = { currentPassword: string; newPassword: string; confirmPassword: string };

/** Changes one's own password, then asks the server who is signed in (the flag is cleared). */
export function ChangePasswordForm({ onChanged }: { onChanged?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { reload } = useSession();
  const errorText = useErrorText();
  const [form] = Form.useForm<PasswordValues>();
  const [failure, setFailure] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (values: PasswordValues) => {
    setSubmitting(true);
    setFailure(null);
    try {
      await changePassword({
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      });
      void message.success(t('password.changed'));
      await reload();
      onChanged?.();
    } catch (error) {
      setSubmitting(false);
      const fields = isApiError(error)
        ? fieldsOfError(error, ['currentPassword', 'newPassword'] as const)
        : [];
      if (fields.length === 0) {
        setFailure(error);
        return;
      }
      form.setFields(
        fields.map((field) => ({
          name: field,
          errors: [
            field === 'currentPassword'
              ? t('password.currentWrong')
              : t('password.newInvalid', { min: passwordLength.min }),
          ],
        })),
      );
    }
  };

  return (
    <Form<PasswordValues>
      form={form}
      name="change-password"
      layout="vertical"
      requiredMark={false}
      onFinish={(values) => void submit(values)}
    >
      <Form.Item
        label={t('password.current')}
        name="currentPassword"
        rules={[{ required: true, message: t('password.currentRequired') }]}
      >
        <Input.Password autoComplete="current-password" autoFocus />
      </Form.Item>
      <Form.Item
        label={t('password.new')}
        name="newPassword"
        extra={t('password.newHint', { min: passwordLength.min })}
        rules={[
          {
            required: true,
            min: passwordLength.min,
            max: passwordLength.max,
            message: t('password.newTooShort', { min: passwordLength.min }),
          },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label={t('password.confirm')}
        name="confirmPassword"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('password.confirmMismatch') },
          ({ getFieldValue }) => ({
            validator: (_rule, value: unknown) =>
              value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(t('password.confirmMismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      {failure !== null && (
        <Alert type="error" showIcon title={errorText(failure)} style={{ marginBottom: 16 }} />
      )}
      <Button type="primary" htmlType="submit" block loading={submitting}>
        {t('password.submit')}
      </Button>
    </Form>
  );
}
