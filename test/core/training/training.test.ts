// Clinician readiness (issue 20, docs/readiness.md): training records entered and imported, each
// one transaction with its ledger event; every refusal of a file names its row and column and
// writes nothing; a role group in shortfall raises exactly one observed trace entry on
// T-CLINICIAN-READINESS in the live profile, and a group back on target none. Both engines.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FieldIssue } from '../../../electron/contract/index.ts';
import { fixedClock, makeTestCore, type TestCore } from '../../support/core-fixture.ts';
import { benignSystem } from '../../support/governance-fixture.ts';

let core: TestCore;
let systemId: string;
// Today is 5 March 2026 (the clock moves a second per reading).
beforeEach(async () => {
  core = makeTestCore({ clock: fixedClock('2026-03-05T09:00:00.000Z') });
  systemId = (await core.call('systems.create', { ...benignSystem, name: 'Sepsis watch' })).id;
});
afterEach(() => core.dispose());

const header = 'role,trained,using,date,materialVersion,refresherDue';
const icu = { role: 'ICU nurses', trained: 14, using: 40, date: '2025-03-01', materialVersion: '2.1', refresherDue: '2026-03-01' };

const trainingRows = async () => (await core.rows<{ n: number }>('SELECT count(*) AS n FROM training_records'))[0]!.n;
const importRows = async () => (await core.rows<{ n: number }>('SELECT count(*) AS n FROM training_imports'))[0]!.n;

/** Refused with `code`, and the database exactly as it was. */
async function refusedUnchanged(method: 'training.import' | 'training.record', input: unknown, code: string): Promise<{ message: string; issues: FieldIssue[]; total: unknown }> {
  const before = await core.sql.digest();
  const result = await core.raw(method, input);
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('accepted');
  expect(result.error.code).toBe(code);
  expect(await core.sql.digest()).toBe(before);
  return { message: result.error.message, issues: result.error.details?.issues ?? [], total: result.error.details?.total };
}

const importFile = (text: string, fileName = 'training.csv') => refusedUnchanged('training.import', { systemId, fileName, text }, 'DATA_FILE_INVALID');

const observedOn = async (assessmentId: string) => {
  const detail = await core.call('assessments.get', { id: assessmentId });
  const threat = detail.profile.threats.find((t) => t.id === 'T-CLINICIAN-READINESS');
  return (threat?.trace ?? []).filter((t) => t.step === 'observed');
};

describe('training.record', () => {
  it('records one role group, in the ledger naming the person, and shows its shortfall in words', async () => {
    const record = await core.call('training.record', { systemId, ...icu });
    expect(record).toMatchObject({ ...icu, systemId, note: '', importId: null, recordedBy: 'os:test.assessor' });
    const event = (await core.ledger()).at(-1)!;
    expect(event).toMatchObject({ action: 'training.recorded', entity: systemId, actor: 'os:test.assessor' });
    expect(JSON.parse(event.payload)).toMatchObject({ id: record.id, role: 'ICU nurses', trained: 14, using: 40 });

    const list = await core.call('training.list', { systemId });
    expect(list.records.map((r) => r.id)).toEqual([record.id]);
    expect(list.readiness).toMatchObject({ status: 'shortfall', target: 90, groupsInShortfall: 1, trained: 14, using: 40 });
    expect(list.readiness.groups[0]).toMatchObject({ role: 'ICU nurses', belowTarget: true, refresherOverdue: true, shortfall: true, coverage: 0.35 });
    expect(list.readiness.groups[0]!.words).toBe("Training: 14 of 40 ICU nurses (35%) trained on version 2.1, below the hospital's 90% target; the refresher was due on 1 March 2026.");
  });

  it('keeps the latest record per role group (whatever its case) and lists records newest first', async () => {
    await core.call('training.record', { systemId, ...icu });
    const later = await core.call('training.record', { systemId, ...icu, role: 'icu  NURSES', trained: 38, date: '2026-02-01', refresherDue: '2027-02-01' });
    await core.call('training.record', { systemId, role: 'Ward doctors', trained: 20, using: 20, date: '2025-12-01', materialVersion: '1.0', refresherDue: '2026-12-01' });
    const list = await core.call('training.list', { systemId });
    expect(list.records.map((r) => r.date)).toEqual(['2026-02-01', '2025-12-01', '2025-03-01']);
    expect(list.readiness.groups.map((g) => [g.latest.id, g.shortfall])).toEqual([
      [later.id, false],
      [list.records[1]!.id, false],
    ]);
    expect(list.readiness.status).toBe('ready');
  });

  it('refuses trained above using, a future date, a refresher not after training, the same group and date twice: nothing written', async () => {
    const over = await refusedUnchanged('training.record', { systemId, ...icu, trained: 41 }, 'VALIDATION_FAILED');
    expect(over.issues).toEqual([{ path: 'trained', message: '41 trained is more than the 40 people using the system' }]);
    const future = await refusedUnchanged('training.record', { systemId, ...icu, date: '2026-03-06', refresherDue: '2027-01-01' }, 'VALIDATION_FAILED');
    expect(future.issues).toEqual([{ path: 'date', message: '2026-03-06 is in the future (today is 2026-03-05)' }]);
    const early = await refusedUnchanged('training.record', { systemId, ...icu, refresherDue: '2025-03-01' }, 'VALIDATION_FAILED');
    expect(early.issues[0]!.path).toBe('refresherDue');
    await refusedUnchanged('training.record', { systemId, ...icu, using: 0 }, 'VALIDATION_FAILED');
    await refusedUnchanged('training.record', { systemId, ...icu, role: 'ICU\u202Enurses' }, 'VALIDATION_FAILED');
    await core.call('training.record', { systemId, ...icu });
    const twice = await refusedUnchanged('training.record', { systemId, ...icu, role: 'icu nurses', trained: 20 }, 'CONFLICT');
    expect(twice.message).toMatch(/ICU nurses on 2025-03-01 is already recorded/);
  });

  it('follows the target set in Settings (readinessTarget), which is recorded like any setting', async () => {
    await core.call('training.record', { systemId, ...icu, refresherDue: '2027-03-01' });
    expect((await core.call('settings.get', {})).readinessTarget).toBe(90);
    await core.call('settings.update', { readinessTarget: 30 });
    expect((await core.ledger()).at(-1)).toMatchObject({ action: 'settings.updated' });
    expect((await core.call('training.list', { systemId })).readiness).toMatchObject({ status: 'ready', target: 30 });
    for (const readinessTarget of [0, 101, 50.5]) {
      const r = await core.raw('settings.update', { readinessTarget });
      expect(r.ok ? null : r.error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('the live profile', () => {
  it('a group in shortfall raises exactly one observed entry on T-CLINICIAN-READINESS; back on target, none', async () => {
    const assessmentId = (await core.call('assessments.start', { systemId, stage: 'procurement' })).id;
    expect(await observedOn(assessmentId)).toEqual([]);
    await core.call('training.record', { systemId, ...icu });
    const observed = await observedOn(assessmentId);
    expect(observed).toHaveLength(1);
    expect(observed[0]).toMatchObject({ phase: 'inherent', ruleId: 'training:icu nurses' });
    expect(observed[0]!.detail).toContain("Training: 14 of 40 ICU nurses (35%) trained on version 2.1, below the hospital's 90% target; the refresher was due on 1 March 2026.");
    expect(observed[0]!.effect.likelihood).toBeGreaterThan(0);

    await core.call('training.record', { systemId, ...icu, trained: 39, date: '2026-03-02', refresherDue: '2027-03-02' });
    expect(await observedOn(assessmentId)).toEqual([]);
  });
});

describe('training.import', () => {
  it('imports every row of a CSV file (columns in any order and case), keeps its SHA-256, and counts a file sent again', async () => {
    const text = `RefresherDue,ROLE,trained,Using,date,materialversion,note\n2026-03-01,ICU nurses,14,40,2025-03-01,2.1,"Annual, in person"\n2027-01-10,"Ward ""A"" doctors",18,20,2026-01-10,2.1,\n`;
    const result = await core.call('training.import', { systemId, fileName: 'training.csv', text });
    const sha256 = createHash('sha256').update(text, 'utf8').digest('hex');
    expect(result).toMatchObject({ fileName: 'training.csv', sha256, rows: 2, alreadyRecorded: 0 });
    expect(result.readiness.groupsInShortfall).toBe(1);
    const event = (await core.ledger()).at(-1)!;
    expect(event).toMatchObject({ action: 'training.imported', entity: systemId });
    expect(JSON.parse(event.payload)).toMatchObject({ importId: result.importId, fileName: 'training.csv', sha256, rows: 2 });
    const list = await core.call('training.list', { systemId });
    expect(list.records.map((r) => [r.role, r.note, r.importId])).toEqual([
      ['Ward "A" doctors', '', result.importId],
      ['ICU nurses', 'Annual, in person', result.importId],
    ]);
    expect(await core.rows<{ sha256: string; text: string }>('SELECT sha256, text FROM training_imports')).toEqual([{ sha256, text }]);

    const again = await core.call('training.import', { systemId, fileName: 'training.csv', text });
    expect(again).toMatchObject({ rows: 0, alreadyRecorded: 2 });
    expect(await trainingRows()).toBe(2);
  });

  it('reads JSON: an array, or { "rows": [...] }', async () => {
    const rows = [{ ...icu, note: 'x' }];
    expect((await core.call('training.import', { systemId, fileName: 'a.json', text: JSON.stringify(rows) })).rows).toBe(1);
    expect((await core.call('training.import', { systemId, fileName: 'b.json', text: JSON.stringify({ rows: [{ ...icu, date: '2025-06-01', refresherDue: '2026-06-01' }] }) })).rows).toBe(1);
    const bad = await importFile(JSON.stringify([{ ...icu, date: '2025-07-01', extra: 1 }]), 'c.json');
    expect(bad.issues).toEqual([{ path: 'row 1', message: expect.stringContaining('unknown column "extra"') }]);
  });

  it('refuses a file with bad or missing columns, naming them: nothing written', async () => {
    const unknown = await importFile(`role,trained,using,date,material,refresherDue\nICU nurses,1,2,2025-01-01,1,2026-01-01\n`);
    expect(unknown.issues.map((i) => i.message).join(' ')).toMatch(/unknown column "material".*no materialVersion column/);
    expect(unknown.issues[0]!.path).toBe('row 1');
    const twice = await importFile(`role,role,trained,using,date,materialVersion,refresherDue\n`);
    expect(twice.issues[0]!.message).toBe('names the column role twice');
    const short = await importFile(`${header}\nICU nurses,1,2,2025-01-01,1\n`);
    expect(short.issues).toEqual([{ path: 'row 2', message: 'has 5 fields; the header names 6' }]);
    expect(await trainingRows()).toBe(0);
    expect(await importRows()).toBe(0);
  });

  it('refuses bad rows by row and column: trained above using, future dates, refresher before training, not numbers, duplicates', async () => {
    const text = [
      header,
      'ICU nurses,41,40,2025-03-01,2.1,2026-03-01',
      'Ward doctors,5,20,2026-04-01,2.1,2027-04-01',
      'Pharmacists,5,20,2025-04-01,2.1,2025-03-01',
      'Porters,five,20,2025-04-01,2.1,2026-03-01',
      'Midwives,5,20,2025-02-30,2.1,2026-03-01',
      'Midwives,5,20,2025-05-01,2.1,2026-05-01',
      'midwives,6,20,2025-05-01,2.1,2026-05-01',
      ',6,20,2025-05-01,2.1,2026-05-01',
    ].join('\n');
    const { issues, total, message } = await importFile(text);
    expect(issues).toEqual([
      { path: 'row 2, column trained', message: '41 trained is more than the 40 people using the system' },
      { path: 'row 3, column date', message: '2026-04-01 is in the future (today is 2026-03-05)' },
      { path: 'row 4, column refresherDue', message: 'the refresher (2025-03-01) must be due after the training date (2025-04-01)' },
      { path: 'row 5, column trained', message: 'trained must be a whole number' },
      { path: 'row 6, column date', message: '2025-02-30 is not a date on the calendar' },
      { path: 'row 9, column role', message: 'role is required (e.g. ICU nurses)' },
      { path: 'row 8, column date', message: 'midwives on 2025-05-01 is also in row 7; give one row per role group and date' },
    ]);
    expect(total).toBe(7);
    expect(message).toMatch(/^training\.csv was not imported: 7 problems \(row 2, column trained: .*\)\. Nothing was written\.$/);
  });

  it('refuses a row already recorded with other figures, naming the earlier record; nothing written', async () => {
    const held = await core.call('training.record', { systemId, ...icu });
    const { issues } = await importFile(`${header}\nWard doctors,5,20,2025-04-01,2.1,2026-04-01\nICU nurses,20,40,2025-03-01,2.1,2026-03-01\n`);
    expect(issues).toEqual([{ path: 'row 3, column date', message: `ICU nurses on 2025-03-01 is already recorded as 14 of 40 trained on version 2.1 (${held.id})` }]);
    expect(await trainingRows()).toBe(1);
  });

  it('lists at most 20 problems and counts them all', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `Group ${i},50,40,2025-03-01,2.1,2026-03-01`);
    const { issues, total, message } = await importFile([header, ...rows].join('\n'));
    expect(issues).toHaveLength(20);
    expect(total).toBe(30);
    expect(message).toMatch(/30 problems/);
  });

  it('refuses an empty file, a header alone, an oversized file, text that is not plain, broken quoting: nothing written', async () => {
    expect((await importFile('')).issues[0]!.message).toBe('The file is empty.');
    expect((await importFile(`${header}\n`)).issues[0]!.message).toMatch(/header row but no rows/);
    const big = `${header}\n${'ICU nurses,1,2,2025-01-01,1,2026-01-01\n'.repeat(60_000)}`;
    const oversize = await core.raw('training.import', { systemId, fileName: 'big.csv', text: big });
    expect(oversize.ok ? null : oversize.error.code).toMatch(/DATA_FILE_INVALID|VALIDATION_FAILED/);
    // The cell's text is the reader's to check (call-size.ts fileFields): refused by row and column.
    const bidi = await importFile(`${header}\nICU\u202Enurses,1,2,2025-01-01,1,2026-01-01\n`);
    expect(bidi.issues).toEqual([{ path: 'row 2, column role', message: expect.stringContaining('U+202E') }]);
    const ctl = await importFile(`${header}\nICU nurses,1,2,2025-01-01,1\u001b[31m,2026-01-01\n`);
    expect(ctl.issues[0]!.path).toBe('row 2, column materialVersion');
    const quote = await importFile(`${header}\n"ICU nurses,1,2,2025-01-01,1,2026-01-01\n`);
    expect(quote.issues[0]!.message).toBe('has a quoted field that is never closed');
    expect(await trainingRows()).toBe(0);
    expect(await importRows()).toBe(0);
  });

  it('refuses a file just over 2 MB in the reader, in words', async () => {
    const line = 'ICU nurses,1,2,2025-01-01,1,2026-01-01\n';
    const text = `${header}\n${line.repeat(Math.ceil((2 * 1024 * 1024) / line.length))}`;
    const { issues } = await importFile(text);
    expect(issues[0]!.message).toMatch(/^The file is 2\.0 MB; a training file may be at most 2 MB\.$/);
  });
});

describe('dashboard.summary readiness', () => {
  it('lists the systems with a role group in shortfall, with words and the earliest refresher, leaving out archived systems and groups on target', async () => {
    const ready = (await core.call('systems.create', { ...benignSystem, name: 'Ready system' })).id;
    const archived = (await core.call('systems.create', { ...benignSystem, name: 'Archived system' })).id;
    await core.call('training.record', { systemId, ...icu });
    await core.call('training.record', { systemId, role: 'Ward doctors', trained: 10, using: 20, date: '2026-01-01', materialVersion: '3', refresherDue: '2026-12-01' });
    await core.call('training.record', { systemId: ready, ...icu, trained: 38, refresherDue: '2027-01-01' });
    await core.call('training.record', { systemId: archived, ...icu });
    await core.call('systems.archive', { id: archived });
    const { readiness } = await core.call('dashboard.summary', {});
    expect(readiness).toEqual({
      total: 1,
      rows: [
        {
          systemId,
          systemName: 'Sepsis watch',
          groups: 2,
          due: '2026-03-01',
          words: [
            "Training: 14 of 40 ICU nurses (35%) trained on version 2.1, below the hospital's 90% target; the refresher was due on 1 March 2026.",
            "Training: 10 of 20 Ward doctors (50%) trained on version 3, below the hospital's 90% target; the refresher is due on 1 December 2026.",
          ],
        },
      ],
    });
  });
});

describe('the training target', () => {
  it('moving it re-scores the live profile of systems with training records, in the same transaction as the setting', async () => {
    const assessmentId = (await core.call('assessments.start', { systemId, stage: 'procurement' })).id;
    await core.call('training.record', { systemId, ...icu, refresherDue: '2027-03-01' });
    // The stored profile (what lists and the register read), not only a fresh evaluation.
    const stored = async () => {
      const [row] = await core.rows<{ profile: string }>(`SELECT profile FROM threat_profiles WHERE assessment_id = '${assessmentId}'`);
      const profile = JSON.parse(row!.profile) as { threats: { id: string; inherent: { raw: { likelihood: number } } }[] };
      return profile.threats.find((t) => t.id === 'T-CLINICIAN-READINESS')!.inherent.raw.likelihood;
    };
    expect(await observedOn(assessmentId)).toHaveLength(1);
    const raised = await stored();
    await core.call('settings.update', { readinessTarget: 30 });
    expect(await observedOn(assessmentId)).toEqual([]);
    expect(await stored()).toBeLessThan(raised);
    await core.call('settings.update', { readinessTarget: 36 });
    expect(await observedOn(assessmentId)).toHaveLength(1);
    expect(await stored()).toBe(raised);
  });
});
