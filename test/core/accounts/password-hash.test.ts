// Local passwords (docs/team-mode.md): scrypt with N=2^15, r=8, p=1, a 16-byte salt and a 64-byte
// key, stored as scrypt$N$r$p$salt$hash; verified in constant time; anything else matches nothing.
import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { defaultScryptCost, hashPassword, verifyPassword } from '../../../electron/core/accounts/password-hash.ts';

describe('password hashes', () => {
  it('are scrypt with the documented cost, salt and key length, and verify the same password only', async () => {
    const hash = await hashPassword('correct horse battery staple');
    const [scheme, n, r, p, salt, key] = hash.split('$');
    expect([scheme, Number(n), Number(r), Number(p)]).toEqual(['scrypt', 2 ** 15, 8, 1]);
    expect(Buffer.from(salt!, 'base64url')).toHaveLength(16);
    expect(Buffer.from(key!, 'base64url')).toHaveLength(64);
    // The stored key is what node:crypto's scrypt makes of the password and salt: nothing home-made.
    const expected = scryptSync('correct horse battery staple', Buffer.from(salt!, 'base64url'), 64, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    expect(Buffer.from(key!, 'base64url').equals(expected)).toBe(true);

    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
    expect(await verifyPassword('Correct horse battery staple', hash)).toBe(false);
  });

  it('are salted: one password hashes differently each time, and each verifies', async () => {
    const [a, b] = await Promise.all([hashPassword('same password twice'), hashPassword('same password twice')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password twice', a)).toBe(true);
    expect(await verifyPassword('same password twice', b)).toBe(true);
  });

  it('keep their cost with them, so a later cost still verifies earlier hashes', async () => {
    const cheap = await hashPassword('an older, cheaper hash', { N: 2 ** 10, r: 8, p: 1 });
    expect(cheap.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifyPassword('an older, cheaper hash', cheap)).toBe(true);
    expect(defaultScryptCost).toEqual({ N: 2 ** 15, r: 8, p: 1 });
  });

  it('match nothing when the stored form is not theirs (plain text, another scheme, a cut key)', async () => {
    const hash = await hashPassword('a good password');
    for (const stored of ['a good password', `bcrypt${hash.slice(6)}`, hash.slice(0, hash.lastIndexOf('$') + 1), '', 'scrypt$x$8$1$AAAA$AAAA']) {
      expect(await verifyPassword('a good password', stored), stored).toBe(false);
    }
    // A key of another length is refused before any comparison (timingSafeEqual would throw).
    const short = hash.slice(0, hash.lastIndexOf('$') + 1) + Buffer.alloc(32).toString('base64url');
    expect(await verifyPassword('a good password', short)).toBe(false);
  });
});
