import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ruleIds, type RuleId } from '../../shared/rules.ts';
import { isApiError } from '../api/api-client.ts';

function isRuleId(value: string | undefined): value is RuleId {
  return value !== undefined && (ruleIds as readonly string[]).includes(value);
}

/**
 * What a person reads for a failure: the translation of its code (never the server's English
 * message), with the regulation clause when a rule refused the action.
 */
export function errorText(t: TFunction, error: unknown): string {
  if (!isApiError(error)) {
    console.error(error); // a bug in the web app, not a refusal: keep it for the developer
    return t('errors.INTERNAL');
  }
  const message = t(`errors.${error.code}`);
  if (!isRuleId(error.rule)) return message;
  return t('errors.withRule', { message, rule: error.rule, ruleText: t(`rules.${error.rule}`) });
}

export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback((error: unknown) => errorText(t, error), [t]);
}
