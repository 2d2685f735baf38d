/**
 * Limits the forms check before sending, mirroring the server's schemas in
 * src/shared/contract (newPasswordSchema, usernameSchema) without shipping zod to the browser.
 * The server checks again; password-rules.test.ts keeps the two in step.
 */
export const passwordLength = { min: 8, max: 256 } as const;

export const usernamePattern = /^[A-Za-z0-9._-]{2,64}$/;

export const displayNameLength = { min: 1, max: 64 } as const;

/** A password an administrator can read out once: no look-alike characters (0/O, 1/l/I). */
export function generatePassword(length = 12): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const random = new Uint32Array(length);
  crypto.getRandomValues(random);
  return Array.from(random, (value) => alphabet[value % alphabet.length]).join('');
}
