// The administrator's account dialog: the contract's own schema checks each field and says
// what is wrong in a sentence; a password is sent only when an account is created.
import { describe, expect, it } from 'vitest';
import type { Account } from '../../electron/contract/index.ts';
import { accountValues, lockedNow, validateAccount, validateNewPassword } from '../../renderer/src/pages/admin/account-form.ts';

const existing: Account = {
  id: 'ACC-REV00001',
  login: 'rita',
  name: 'Rita Reviewer',
  email: 'rita@hospital.org',
  roles: ['reviewer'],
  administrator: false,
  active: true,
  hasPassword: true,
  oidcSubject: null,
  failedSignIns: 0,
  lockedUntil: null,
  lastSignInAt: null,
  createdAt: '2026-12-01T09:00:00Z',
};

describe('account dialog', () => {
  it('turns a new account into accounts.save input, login lower-cased, with its initial password', () => {
    const checked = validateAccount({ ...accountValues(null), login: ' Rita.R ', name: 'Rita Reviewer', roles: ['reviewer'], password: 'long enough password' }, undefined);
    expect(checked).toEqual({
      input: { login: 'rita.r', name: 'Rita Reviewer', email: '', roles: ['reviewer'], administrator: false, active: true, password: 'long enough password' },
    });
  });

  it('a new account without a password is one for single sign-on; an edit never sends a password', () => {
    const sso = validateAccount({ ...accountValues(null), login: 'sam', name: 'Sam' }, undefined);
    expect('input' in sso && 'password' in sso.input).toBe(false);
    const edit = validateAccount({ ...accountValues(existing), active: false, password: 'ignored but long' }, existing.id);
    expect(edit).toEqual({ input: { id: existing.id, login: 'rita', name: 'Rita Reviewer', email: 'rita@hospital.org', roles: ['reviewer'], administrator: false, active: false } });
  });

  it('says what is wrong with each field, in sentences', () => {
    const checked = validateAccount({ ...accountValues(null), login: 'a b', name: ' ', email: 'not-an-address', password: 'short' }, undefined);
    expect(checked).toEqual({
      errors: {
        login: 'Login must be 2–64 characters: letters, digits and . _ @ -',
        name: 'Name is required',
        email: 'Give an e-mail address like name@hospital.org, or leave it empty',
        password: 'Password must be at least 12 characters',
      },
    });
  });

  it('asks for a new password twice, at least 12 characters', () => {
    expect(validateNewPassword('short', 'short')).toEqual({ password: 'Password must be at least 12 characters' });
    expect(validateNewPassword('long enough password', 'long enough passw0rd')).toEqual({ repeated: 'The two passwords differ. Type the same password twice' });
    expect(validateNewPassword('long enough password', 'long enough password')).toEqual({});
  });

  it('shows a lock only while it lasts', () => {
    const now = Date.parse('2026-12-06T10:00:00Z');
    expect(lockedNow({ ...existing, lockedUntil: '2026-12-06T10:10:00Z' }, now)).toBe(true);
    expect(lockedNow({ ...existing, lockedUntil: '2026-12-06T09:50:00Z' }, now)).toBe(false);
    expect(lockedNow(existing, now)).toBe(false);
  });
});
