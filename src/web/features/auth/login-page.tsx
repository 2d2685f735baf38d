import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-client.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { AuthLayout } from './auth-layout.tsx';
import { useSession } from './session-context.tsx';

type LoginValues = { username: string; password: string };

export function LoginPage() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const errorText = useErrorText();
  const [form] = Form.useForm<LoginValues>();
  const [failure, setFailure] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (values: LoginValues) => {
    setSubmitting(true);
    setFailure(null);
    try {
      await signIn({ username: values.username.trim(), password: values.password });
    } catch (error) {
      setFailure(error);
      setSubmitting(false);
      // a wrong password is retyped, the user name usually is right
      if (isApiError(error) && error.code === 'INVALID_CREDENTIALS') {
        form.setFieldValue('password', '');
        form.focusField('password');
      }
    }
  };

  return (
    <AuthLayout title={t('login.title')}>
      <Form<LoginValues>
        form={form}
        name="login"
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item
          label={t('login.username')}
          name="username"
          rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
        >
          <Input
            prefix={<UserOutlined aria-hidden />}
            autoComplete="username"
            autoCapitalize="none"
            autoFocus
            size="large"
          />
        </Form.Item>
        <Form.Item
          label={t('login.password')}
          name="password"
          rules={[{ required: true, message: t('login.passwordRequired') }]}
        >
          <Input.Password
            prefix={<LockOutlined aria-hidden />}
            autoComplete="current-password"
            size="large"
          />
        </Form.Item>
        {failure !== null && (
          <Alert type="error" showIcon title={errorText(failure)} style={{ marginBottom: 16 }} />
        )}
        <Button type="primary" htmlType="submit" size="large" block loading={submitting}>
          {t('login.submit')}
        </Button>
      </Form>
    </AuthLayout>
  );
}
