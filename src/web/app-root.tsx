import { App, ConfigProvider } from 'antd';
import type { ThemeConfig } from 'antd';
import type { Locale as AntdLocale } from 'antd/es/locale';
import enUSAntd from 'antd/locale/en_US';
import zhCNAntd from 'antd/locale/zh_CN';
import { BrowserRouter } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../shared/roles.ts';
import { SessionProvider } from './features/auth/session-context.tsx';
import { AppRoutes } from './features/shell/app-routes.tsx';
import { defaultLocale, isLocale } from './i18n/i18n-setup.ts';

const antdLocales: Record<Locale, AntdLocale> = { 'zh-CN': zhCNAntd, 'en-US': enUSAntd };

// Chinese system fonts before the generic family, so Chinese text never falls to a Japanese face
const theme: ThemeConfig = {
  token: {
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Noto Sans', sans-serif, 'Apple Color Emoji', 'Segoe UI Emoji', 'Noto Color Emoji'",
  },
};

/** Providers in dependency order: language → Ant Design (locale, theme) → session → routes. */
export function AppRoot() {
  const { i18n } = useTranslation();
  const locale = isLocale(i18n.language) ? i18n.language : defaultLocale;
  return (
    <ConfigProvider
      locale={antdLocales[locale]}
      theme={theme}
      // "登录", not "登 录": the space Ant Design puts between two Chinese characters would
      // also reach screen readers and searches
      button={{ autoInsertSpace: false }}
    >
      <App>
        <SessionProvider>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </SessionProvider>
      </App>
    </ConfigProvider>
  );
}
