import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client.ts';
import { fieldPathOf, fieldsOfError } from './form-errors.ts';

describe('fieldPathOf', () => {
  it('drops the request part the server prefixes and keeps list indexes as numbers', () => {
    expect(fieldPathOf('body.username')).toEqual(['username']);
    expect(fieldPathOf('body.roles.0.officeId')).toEqual(['roles', 0, 'officeId']);
    expect(fieldPathOf('params.userId')).toEqual(['userId']);
  });

  it('takes a service’s bare field name as it is', () => {
    expect(fieldPathOf('currentPassword')).toEqual(['currentPassword']);
  });
});

describe('fieldsOfError', () => {
  const refusal = new ApiError(400, 'VALIDATION_FAILED', 'invalid', {
    details: [
      { path: 'body.username', message: 'too short' },
      { path: 'body.roles.1.officeId', message: 'no such office' },
      { path: 'body.roles.2.officeId', message: 'listed twice' },
      { path: 'body.unknownField', message: 'unexpected' },
    ],
  });

  it('names each field of the form once, nested parts by their top field', () => {
    expect(fieldsOfError(refusal, ['username', 'displayName', 'roles'])).toEqual([
      'username',
      'roles',
    ]);
  });

  it('names nothing when no detail points at the form’s fields', () => {
    expect(fieldsOfError(refusal, ['displayName'])).toEqual([]);
    expect(fieldsOfError(new ApiError(409, 'CONFLICT', 'no'), ['username'])).toEqual([]);
  });
});
