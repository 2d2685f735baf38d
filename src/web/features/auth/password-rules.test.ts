import { describe, expect, it } from 'vitest';
import { newPasswordSchema, usernameSchema } from '../../../shared/contract/auth.ts';
import { generatePassword, passwordLength, usernamePattern } from './password-rules.ts';

describe('password-rules', () => {
  it('checks password length like the server schema', () => {
    for (const length of [passwordLength.min - 1, passwordLength.min, passwordLength.max]) {
      const password = 'x'.repeat(length);
      const client = password.length >= passwordLength.min && password.length <= passwordLength.max;
      expect(client).toBe(newPasswordSchema.safeParse(password).success);
    }
    expect(newPasswordSchema.safeParse('x'.repeat(passwordLength.max + 1)).success).toBe(false);
  });

  it('accepts the same user names as the server schema', () => {
    const samples = ['ab', 'a', 'staff7', 'li.min', 'wang-jg_2', 'x'.repeat(64), 'x'.repeat(65)];
    for (const sample of [...samples, '李敏', 'a b', 'a@b']) {
      expect(usernamePattern.test(sample), sample).toBe(usernameSchema.safeParse(sample).success);
    }
  });

  it('generates passwords the server accepts', () => {
    const password = generatePassword();
    expect(newPasswordSchema.safeParse(password).success).toBe(true);
    expect(generatePassword()).not.toBe(password);
  });
});
