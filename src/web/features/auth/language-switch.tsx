import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { locales, type Locale } from '../../../shared/roles.ts';
import { useSession } from './session-context.tsx';

/** 中文 / English, for pages without the user menu (sign-in, first password change). */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { locale, changeLocale } = useSession();
  return (
    <Segmented<Locale>
      aria-label={t('language.label')}
      value={locale}
      options={locales.map((value) => ({ value, label: t(`language.${value}`) }))}
      onChange={(value) => void changeLocale(value)}
    />
  );
}
