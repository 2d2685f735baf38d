import { useTranslation } from 'react-i18next';
import type { OfficeRole } from '../../../shared/roles.ts';

/** The role a person holds in the current office, or "system administrator" for an admin. */
export function useRoleLabel(role: OfficeRole | undefined, isAdmin: boolean): string | undefined {
  const { t } = useTranslation();
  if (role !== undefined) return t(`roles.${role}`);
  return isAdmin ? t('roles.admin') : undefined;
}
