import { describe, expect, it } from 'vitest';
import { createPasswordHasher } from './password.ts';

describe('createPasswordHasher', () => {
  const hasher = createPasswordHasher(4);

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hasher.hash('值班台 password');
    expect(stored.startsWith('scrypt$4$')).toBe(true);
    expect(await hasher.verify('值班台 password', stored)).toBe(true);
    expect(await hasher.verify('值班台 passwore', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hasher.hash('same')).not.toBe(await hasher.hash('same'));
  });

  it('keeps verifying hashes made at another cost', async () => {
    const stored = await createPasswordHasher(5).hash('secret-pass');
    expect(await hasher.verify('secret-pass', stored)).toBe(true);
  });

  it('refuses malformed stored hashes instead of throwing', async () => {
    for (const stored of ['', 'plain', 'scrypt$99$8$1$aa$bb', 'bcrypt$1$2$3$4$5']) {
      expect(await hasher.verify('x', stored)).toBe(false);
    }
  });
});
