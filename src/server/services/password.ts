import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Password hashing with scrypt from node:crypto; the cost travels inside each stored hash. */
export type PasswordHasher = {
  hash: (password: string) => Promise<string>;
  verify: (password: string, stored: string) => Promise<boolean>;
};

const keyLength = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

/**
 * `cost` is log2 of scrypt's N. 15 (32 MiB, ~80 ms) for real use; tests pass a low cost to stay
 * fast, and a stored hash keeps verifying whatever the current cost is.
 */
export function createPasswordHasher(cost = 15): PasswordHasher {
  const r = 8;
  const p = 1;
  return {
    async hash(password) {
      const salt = randomBytes(16);
      const N = 2 ** cost;
      const key = await derive(password, salt, { N, r, p, maxmem: 256 * N * r });
      return [
        'scrypt',
        String(cost),
        String(r),
        String(p),
        salt.toString('base64'),
        key.toString('base64'),
      ].join('$');
    },
    async verify(password, stored) {
      const parts = stored.split('$');
      if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
      const [, costText, rText, pText, saltText, keyText] = parts as [
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      const storedCost = Number(costText);
      const storedR = Number(rText);
      const storedP = Number(pText);
      if (
        ![storedCost, storedR, storedP].every(Number.isInteger) ||
        storedCost < 1 ||
        storedCost > 20
      )
        return false;
      const expected = Buffer.from(keyText, 'base64');
      const N = 2 ** storedCost;
      const key = await derive(password, Buffer.from(saltText, 'base64'), {
        N,
        r: storedR,
        p: storedP,
        maxmem: 256 * N * storedR,
      });
      return key.length === expected.length && timingSafeEqual(key, expected);
    },
  };
}
