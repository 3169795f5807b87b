// Governance logic in the renderer: who "Acting as" resolves to, who may accept a risk and in
// which order risks are listed, the person form's checks, the task rows' checks, and the wording
// helpers. (What a lifecycle gate needs is the core's answer: test/core, step-availability.test.ts.)
import { afterEach, describe, expect, it, vi } from 'vitest';
import { roles, type Person, type Settings } from '../../electron/contract/index.ts';
import { actsAs, parseActingAs, resolveActing, setActingAs } from '../../renderer/src/acting/acting-as.ts';
import { eventLabel, formatDate, riskStatusLabel, roleDescriptions, roleLabel, todayIso } from '../../renderer/src/text/labels.ts';
import { checkTasks, emptyTask, trimTasks } from '../../renderer/src/components/TaskRows.tsx';
import { authorisedRoles, levelsText, mayAccept } from '../../renderer/src/pages/risks/risk-model.ts';
import { validatePerson } from '../../renderer/src/pages/settings/PersonDialog.tsx';

const person = (name: string, personRoles: Person['roles'], active = true): Person => ({ id: `PER-${name.toUpperCase().slice(0, 4).padEnd(4, 'X')}`, name, email: '', roles: personRoles, active });
const people = [person('Ada Lovelace', ['assessor', 'reviewer']), person('Rui Costa', ['committeeChair']), person('Old Hand', ['assessor'], false)];
const stored = (name: string, role: string | null) => JSON.stringify({ name, role });

describe('acting as', () => {
  it('reads a stored choice, dropping a role Vigil does not know', () => {
    expect(parseActingAs(stored('Ada', 'reviewer'))).toEqual({ name: 'Ada', role: 'reviewer' });
    expect(parseActingAs(stored('Ada', 'superuser'))).toEqual({ name: 'Ada', role: null });
    expect(parseActingAs(stored('Ada', null))).toEqual({ name: 'Ada', role: null });
  });

  it('reads nothing from nothing, a blank name or a damaged value', () => {
    expect(parseActingAs(null)).toBeNull();
    expect(parseActingAs('')).toBeNull();
    expect(parseActingAs(stored('', 'assessor'))).toBeNull();
    expect(parseActingAs('{"name": 7}')).toBeNull();
    expect(parseActingAs('{not json')).toBeNull();
    expect(parseActingAs('null')).toBeNull();
  });

  it('resolves to the person in the stored role, matching the name case-insensitively, under the name on record', () => {
    const acting = resolveActing(stored('ada lovelace', 'reviewer'), people, true);
    expect(acting.by).toEqual({ name: 'Ada Lovelace', role: 'reviewer' });
    expect(acting.person?.name).toBe('Ada Lovelace');
    expect(acting.ready).toBe(true);
  });

  it('falls back to the person\'s first role when the stored one is no longer theirs, or none was stored', () => {
    expect(resolveActing(stored('Rui Costa', 'assessor'), people, true).by).toEqual({ name: 'Rui Costa', role: 'committeeChair' });
    expect(resolveActing(stored('Ada Lovelace', null), people, true).by).toEqual({ name: 'Ada Lovelace', role: 'assessor' });
  });

  it('acts as nobody when the stored person left, is inactive, or has no role', () => {
    expect(resolveActing(stored('Someone Else', 'assessor'), people, true).by).toBeNull();
    expect(resolveActing(stored('Old Hand', 'assessor'), people, true)).toMatchObject({ by: null, person: null });
    expect(resolveActing(stored('Nobody', null), [person('Nobody', [])], true).by).toBeNull();
    expect(resolveActing(null, people, true).by).toBeNull();
  });

  it('offers only active people to choose from, and is not ready before the list loads', () => {
    expect(resolveActing(null, people, true).people.map((p) => p.name)).toEqual(['Ada Lovelace', 'Rui Costa']);
    expect(resolveActing(stored('Ada Lovelace', 'assessor'), undefined, false)).toEqual({ by: null, person: null, people: [], ready: false });
  });

  it('actsAs is true only for one of the allowed roles', () => {
    expect(actsAs({ name: 'A', role: 'reviewer' }, 'reviewer', 'committeeChair')).toBe(true);
    expect(actsAs({ name: 'A', role: 'assessor' }, 'reviewer', 'committeeChair')).toBe(false);
    expect(actsAs(null, 'assessor')).toBe(false);
    expect(actsAs({ name: 'A', role: 'assessor' })).toBe(false);
  });

  describe('setActingAs', () => {
    afterEach(() => {
      vi.unstubAllGlobals();
    });

    it('remembers the choice on this computer, and forgets it for null', () => {
      const items = new Map<string, string>();
      vi.stubGlobal('window', {
        localStorage: { setItem: (k: string, v: string) => items.set(k, v), removeItem: (k: string) => items.delete(k), getItem: (k: string) => items.get(k) ?? null },
      });
      setActingAs({ name: 'Ada Lovelace', role: 'reviewer' });
      const raw = items.get('vigil.acting-as') ?? null;
      expect(parseActingAs(raw)).toEqual({ name: 'Ada Lovelace', role: 'reviewer' });
      expect(resolveActing(raw, people, true).by).toEqual({ name: 'Ada Lovelace', role: 'reviewer' });
      setActingAs(null);
      expect(items.has('vigil.acting-as')).toBe(false);
    });

    it('does not fail when storage refuses (private mode)', () => {
      vi.stubGlobal('window', {
        localStorage: {
          setItem: () => {
            throw new Error('QuotaExceededError');
          },
          removeItem: () => {
            throw new Error('SecurityError');
          },
        },
      });
      expect(() => setActingAs({ name: 'Ada', role: 'assessor' })).not.toThrow();
      expect(() => setActingAs(null)).not.toThrow();
    });
  });
});

describe('risk model', () => {
  const settings = { organisation: 'H', workspaceMode: 'hospital', signOffsRequired: 2, acceptanceAuthority: { high: ['committeeChair'], medium: ['riskOwner', 'committeeChair'] }, separationOfDuties: true, vendorContact: null, readinessTarget: 90 } satisfies Settings;

  it('lets only the roles authorised for the risk\'s band accept it', () => {
    expect(authorisedRoles(settings, 'medium')).toEqual(['riskOwner', 'committeeChair']);
    expect(authorisedRoles(settings, 'extreme')).toEqual([]);
    expect(authorisedRoles(undefined, 'high')).toEqual([]);
    expect(mayAccept(settings, { band: 'high' }, { name: 'R', role: 'committeeChair' })).toBe(true);
    expect(mayAccept(settings, { band: 'high' }, { name: 'R', role: 'riskOwner' })).toBe(false);
    expect(mayAccept(settings, { band: 'high' }, null)).toBe(false);
    expect(mayAccept(undefined, { band: 'high' }, { name: 'R', role: 'committeeChair' })).toBe(false);
  });

  it('writes levels as likelihood × impact = score', () => {
    expect(levelsText({ likelihood: 3, impact: 4, score: 12, band: 'high' })).toBe('3 × 4 = 12');
  });
});

describe('person form', () => {
  const values = { name: '  Ada Lovelace ', email: ' ada@hospital.org ', roles: ['assessor' as const], active: true };

  it('gives back the trimmed input the core accepts, with the id when editing', () => {
    expect(validatePerson(values, undefined)).toEqual({ input: { name: 'Ada Lovelace', email: 'ada@hospital.org', roles: ['assessor'], active: true } });
    expect(validatePerson(values, 'PER-ABCD')).toEqual({ input: { id: 'PER-ABCD', name: 'Ada Lovelace', email: 'ada@hospital.org', roles: ['assessor'], active: true } });
  });

  it('uses the contract\'s messages, as sentences, per field', () => {
    expect(validatePerson({ ...values, name: ' ', roles: [] }, undefined)).toEqual({ errors: { name: 'Name is required', roles: 'Give the person at least one role' } });
    expect(validatePerson({ ...values, name: 'n'.repeat(121) }, undefined)).toEqual({ errors: { name: 'Name must be at most 120 characters' } });
  });

  it('accepts an empty e-mail and refuses one that is not an address', () => {
    expect('input' in validatePerson({ ...values, email: '' }, undefined)).toBe(true);
    expect(validatePerson({ ...values, email: 'ada at hospital' }, undefined)).toEqual({ errors: { email: 'Give an e-mail address like name@hospital.org, or leave it empty' } });
  });
});

describe('task rows (actions and conditions)', () => {
  it('needs text, an owner and a due date on every row, keyed by row and field', () => {
    const tasks = [{ text: 'Patch the server', owner: 'Ada', due: '2025-06-01' }, { text: ' ', owner: '', due: '' }, { text: 'x', owner: 'y', due: '1/6/2025' }];
    expect(checkTasks(tasks, 'Condition')).toEqual({ '1.text': 'Describe the condition', '1.owner': 'Name an owner', '1.due': 'Choose a due date', '2.due': 'Choose a due date' });
    expect(checkTasks([], 'Action')).toEqual({});
  });

  it('starts a row with the suggested owner and trims rows before sending', () => {
    expect(emptyTask('Rui')).toEqual({ text: '', owner: 'Rui', due: '' });
    expect(emptyTask()).toEqual({ text: '', owner: '', due: '' });
    expect(trimTasks([{ text: ' a ', owner: ' b ', due: '2025-01-01' }])).toEqual([{ text: 'a', owner: 'b', due: '2025-01-01' }]);
  });
});

describe('governance wording', () => {
  it('labels and describes every role, and leaves an unknown one as it is', () => {
    for (const role of roles) {
      expect(roleLabel(role)).not.toBe(role);
      expect(roleDescriptions[role]).toBeTruthy();
    }
    expect(roleLabel('auditor')).toBe('auditor');
  });

  it('labels events and risk states, falling back to the raw name', () => {
    expect(eventLabel('review.submit')).toBe('Submit for review');
    expect(eventLabel('review.someday')).toBe('review.someday');
    expect(riskStatusLabel('madeUp')).toBe('madeUp');
  });

  it('gives today in local time as YYYY-MM-DD', () => {
    expect(todayIso(new Date(2025, 0, 5, 23, 59))).toBe('2025-01-05');
    expect(todayIso(new Date(2025, 11, 31, 0, 0))).toBe('2025-12-31');
  });

  it('formats a date without shifting it a day, and leaves what is not a date as it is', () => {
    expect(formatDate('2025-03-01')).toContain('2025');
    expect(formatDate('2025-03-01')).toMatch(/\b1\b/);
    expect(formatDate('2025-03-01T23:30:00Z')).toBe(formatDate('2025-03-01'));
    expect(formatDate('someday')).toBe('someday');
  });
});
