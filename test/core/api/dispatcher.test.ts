import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../../support/core-fixture.ts';

let core: TestCore;
beforeEach(() => {
  core = makeTestCore();
});
afterEach(() => core.dispose());

async function systemCount(): Promise<number> {
  return (await core.call('systems.list', { includeArchived: true })).length;
}

async function auditCount(): Promise<number> {
  return (await core.call('app.info', {})).auditEvents;
}

/** Each bad input is refused with VALIDATION_FAILED naming the field, and nothing is written. */
const badInputs: { what: string; input: unknown; field: string; message: RegExp }[] = [
  { what: 'missing name', input: { vendor: 'Acme' }, field: 'name', message: /Name is required/ },
  { what: 'blank name', input: { name: '   ', vendor: 'Acme' }, field: 'name', message: /Name is required/ },
  {
    what: 'unknown autonomy level',
    input: { name: 'X', vendor: 'Acme', autonomyLevel: 'decides' },
    field: 'autonomyLevel',
    message: /Autonomy level must be one of: informs, augments, automates/,
  },
  {
    what: '1 MB string',
    input: { name: 'x'.repeat(1024 * 1024), vendor: 'Acme' },
    field: 'name',
    message: /at most 200 characters/,
  },
  { what: 'unknown key', input: { name: 'X', vendor: 'Acme', colour: 'red' }, field: 'colour', message: /Unknown field "colour"/ },
  { what: 'wrong type', input: { name: 42, vendor: 'Acme' }, field: 'name', message: /Name must be text/ },
  {
    what: 'wrong list type',
    input: { name: 'X', vendor: 'Acme', dataCategories: 'phi' },
    field: 'dataCategories',
    message: /must be a list/,
  },
  // PostgreSQL's text cannot hold NUL: both engines refuse it alike, by path, before anything is written.
  { what: 'a NUL character in text', input: { name: 'Sepsis\u0000predictor', vendor: 'Acme' }, field: 'name', message: /NUL character/ },
  {
    what: 'repeated list value',
    input: { name: 'X', vendor: 'Acme', dataCategories: ['phi', 'phi'] },
    field: 'dataCategories',
    message: /more than once/,
  },
];

describe('dispatcher refuses bad input before any handler runs', () => {
  for (const bad of badInputs) {
    it(`refuses ${bad.what}`, async () => {
      const before = await auditCount();
      const result = await core.raw('systems.create', bad.input);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('VALIDATION_FAILED');
      expect(result.error.message).toContain(bad.field);
      const issue = result.error.details?.issues?.find((i) => i.path === bad.field);
      expect(issue?.message).toMatch(bad.message);
      expect(await systemCount()).toBe(0);
      expect(await auditCount()).toBe(before);
    });
  }

  it('names nested fields of an update by their path', async () => {
    const created = await core.call('systems.create', { name: 'Sepsis predictor', vendor: 'Acme' });
    const result = await core.raw('systems.update', { id: created.id, changes: { autonomyLevel: 'decides', extra: 1 } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.details?.issues?.map((i) => i.path).sort()).toEqual(['changes.autonomyLevel', 'changes.extra']);
    expect((await core.call('systems.get', { id: created.id })).autonomyLevel).toBeNull();
  });

  it('names a NUL character nested in an update by its path', async () => {
    const created = await core.call('systems.create', { name: 'Sepsis predictor', vendor: 'Acme' });
    const before = await auditCount();
    const result = await core.raw('systems.update', { id: created.id, changes: { intendedUsers: 'ward\u0000clerks' } });
    expect(result.ok ? null : result.error.details?.issues).toEqual([{ path: 'changes.intendedUsers', message: 'text contains the NUL character (U+0000)' }]);
    expect(await auditCount()).toBe(before);
  });

  // The one rule for text from outside (contract/plain-text.ts) holds for every field of every method.
  for (const [what, text] of [
    ['a right-to-left override', 'model-card\u202Efdp.exe'],
    ['an isolate', 'ward \u2066clerks\u2069'],
    ['the escape character', 'ward \u001B[2Jclerks'],
    ['DEL', 'ward\u007Fclerks'],
    ['a C1 control (CSI)', 'ward\u009B2Jclerks'],
    ['a noncharacter', 'ward\uFFFEclerks'],
    ['a lone surrogate', 'ward\uD800clerks'],
  ] as const) {
    it(`refuses ${what} in any text field, naming it, and writes nothing`, async () => {
      const created = await core.call('systems.create', { name: 'Sepsis predictor', vendor: 'Acme' });
      const before = await auditCount();
      const result = await core.raw('systems.update', { id: created.id, changes: { intendedUsers: text } });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('VALIDATION_FAILED');
      expect(result.error.details?.issues?.[0]?.path).toBe('changes.intendedUsers');
      expect(result.error.message).toMatch(/U\+[0-9A-F]{4}/);
      expect(await auditCount()).toBe(before);
      expect((await core.call('systems.get', { id: created.id })).intendedUsers).toBe('');
    });
  }

  it('keeps right-to-left writing and its marks, tabs and new lines', async () => {
    const created = await core.call('systems.create', { name: 'מנבא אלח דם\u200F', vendor: 'شركة\u061C' });
    const updated = await core.call('systems.update', { id: created.id, changes: { intendedUsers: 'Ward nurses\n\tand clerks 👩‍⚕️' } });
    expect(updated.intendedUsers).toBe('Ward nurses\n\tand clerks 👩‍⚕️');
    expect(updated.name).toBe('מנבא אלח דם\u200F');
  });

  it('refuses an unknown method by name', async () => {
    const result = await core.raw('systems.explode', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_METHOD', message: 'Unknown method "systems.explode".', details: { method: 'systems.explode' } },
    });
  });

  it('does not treat inherited object keys as methods', async () => {
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      const result = await core.raw(name, {});
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('UNKNOWN_METHOD');
    }
  });

  it('refuses input that is not an object', async () => {
    for (const input of [null, 'name=X', 42, ['X']]) {
      const result = await core.raw('systems.create', input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('VALIDATION_FAILED');
    }
    expect(await systemCount()).toBe(0);
  });

  it('turns an unexpected failure into INTERNAL without leaking the stack', async () => {
    core.close();
    const result = await core.raw('systems.list', {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INTERNAL');
    expect(result.error.message).not.toMatch(/at \w+ \(/);
  });
});
