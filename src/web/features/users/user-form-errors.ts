import type { TFunction } from 'i18next';
import { isApiError } from '../../api/api-client.ts';
import { fieldsOfError } from '../../api/form-errors.ts';
import { passwordLength } from '../auth/password-rules.ts';

export type UserFormField =
  'username' | 'displayName' | 'password' | 'isAdmin' | 'locale' | 'roles';

export const userFormFields: readonly UserFormField[] = [
  'username',
  'displayName',
  'password',
  'isAdmin',
  'locale',
  'roles',
];

/** The message shown under a field the server refused, in the user's language. */
function messageOf(t: TFunction, field: UserFormField): string {
  switch (field) {
    case 'username':
      return t('users.validation.usernameInvalid');
    case 'displayName':
      return t('users.validation.displayNameInvalid');
    case 'password':
      return t('users.validation.passwordInvalid', passwordLength);
    case 'roles':
      return t('users.validation.rolesInvalid');
    case 'isAdmin':
    case 'locale':
      return t('users.validation.invalid');
  }
}

/**
 * Puts a refused request's details onto the form's fields ("body.username" → username). A taken
 * user name says so; other details get the field's own hint. Returns the errors it placed; an
 * empty list means the caller shows the error as a whole.
 */
export function userFieldErrors<Field extends UserFormField>(
  t: TFunction,
  error: unknown,
  formFields: readonly Field[],
): { name: Field; errors: string[] }[] {
  if (!isApiError(error)) return [];
  return fieldsOfError(error, formFields).map((name) => ({
    name,
    errors: [
      error.code === 'USERNAME_TAKEN' && name === 'username'
        ? t('errors.USERNAME_TAKEN')
        : messageOf(t, name),
    ],
  }));
}
