import type { zhCN } from './zh-cn.locale.ts';

// Typed keys: t('nav.rostr') or a missing interpolation value is a compile error. Declaration
// merging needs an interface.
declare module 'i18next' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
    strictInterpolationChecks: true;
  }
}
