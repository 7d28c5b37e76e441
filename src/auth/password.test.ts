import { describe, expect, it } from 'vitest';
import { ARGON2ID, hashPassword, verifyPassword } from './password.ts';

describe('argon2id password hashing', () => {
  it('stores a PHC string at the ASVS baseline parameters with a fresh salt', async () => {
    const [one, two] = await Promise.all([hashPassword('correct horse battery'), hashPassword('correct horse battery')]);
    expect(one).toMatch(new RegExp(`^\\$argon2id\\$v=19\\$m=${ARGON2ID.memory},t=${ARGON2ID.passes},p=${ARGON2ID.parallelism}\\$`));
    expect(ARGON2ID.memory).toBeGreaterThanOrEqual(19_456);
    expect(ARGON2ID.passes).toBeGreaterThanOrEqual(2);
    expect(one).not.toBe(two);
  });

  it('verifies the right password and rejects a wrong or malformed one', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(await verifyPassword({ hash, password: 'correct horse battery' })).toBe(true);
    expect(await verifyPassword({ hash, password: 'correct horse batterz' })).toBe(false);
    expect(await verifyPassword({ hash: 'scrypt:abc', password: 'correct horse battery' })).toBe(false);
  });
});
