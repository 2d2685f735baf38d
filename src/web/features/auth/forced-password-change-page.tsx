import { Alert, App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../i18n/error-text.ts';
import { AuthLayout } from './auth-layout.tsx';
import { ChangePasswordForm } from './change-password-form.tsx';
import { useSession } from './session-context.tsx';

/**
 * A user whose password an administrator chose sees only this page until they choose their
 * own (the server sets mustChangePassword on users it creates and on password resets).
 */
export function ForcedPasswordChangePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { signOut } = useSession();
  return (
    <AuthLayout title={t('password.mustChangeTitle')}>
      <Alert
        type="info"
        showIcon
        title={t('password.mustChangeHint')}
        style={{ marginBottom: 16 }}
      />
      <ChangePasswordForm />
      <Button
        type="link"
        block
        style={{ marginTop: 8 }}
        onClick={() => {
          signOut().catch((error: unknown) => void message.error(errorText(error)));
        }}
      >
        {t('userMenu.logout')}
      </Button>
    </AuthLayout>
  );
}
