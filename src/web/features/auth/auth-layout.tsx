import type { ReactNode } from 'react';
import { Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './language-switch.tsx';

/** The frame of the pages before the app: brand, language switch, one centred card. */
export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Flex vertical style={{ minHeight: '100vh', background: '#f0f2f5' }}>
      <Flex justify="flex-end" style={{ padding: 16 }}>
        <LanguageSwitch />
      </Flex>
      <Flex flex={1} align="flex-start" justify="center" style={{ padding: '4vh 16px 48px' }}>
        <main style={{ width: '100%', maxWidth: 400 }}>
          <Flex vertical align="center" style={{ marginBottom: 24 }}>
            <Typography.Title level={1} style={{ margin: 0, fontSize: 32 }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
          </Flex>
          <Card>
            <Typography.Title level={2} style={{ marginTop: 0, fontSize: 20 }}>
              {title}
            </Typography.Title>
            {children}
          </Card>
        </main>
      </Flex>
    </Flex>
  );
}
