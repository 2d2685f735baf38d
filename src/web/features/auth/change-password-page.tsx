import { Card, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ChangePasswordForm } from './change-password-form.tsx';

/** The user menu's "change password", inside the app frame. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <Typography.Title level={2}>{t('password.title')}</Typography.Title>
      <Card style={{ maxWidth: 440 }}>
        <ChangePasswordForm onChanged={() => void navigate('/')} />
      </Card>
    </>
  );
}
