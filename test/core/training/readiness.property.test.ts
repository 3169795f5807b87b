// Properties of clinician readiness (docs/readiness.md): the readiness rule against a plain model of
// it over generated records (latest per role group whatever its case, coverage exact at the
// target's edge, refreshers overdue only once their day has passed), and the training import: a
// valid file (columns in any order and case, cells quoted where they must be) reads and imports
// exactly its rows; the same file with one bad mutation is refused naming that row, and nothing
// is written.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingColumns, type TrainingRecord } from '../../../electron/contract/index.ts';
import { readinessOf } from '../../../electron/core/training/readiness.ts';
import { readTrainingFile } from '../../../electron/core/training/read-training-file.ts';
import { fixedClock, makeTestCore, type TestCore } from '../../support/core-fixture.ts';
import { benignSystem } from '../../support/governance-fixture.ts';

const today = '2026-03-05';
const day = (offset: number) => new Date(Date.UTC(2024, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
const roles = ['ICU nurses', 'Ward doctors', 'Pharmacists', 'Midwives, night shift', 'Porters "A" team'];
const caseOf = (role: string, variant: number) => (variant === 1 ? role.toUpperCase() : variant === 2 ? role.toLowerCase() : role);

const recordArb = fc
  .record({
    role: fc.constantFrom(...roles),
    variant: fc.integer({ min: 0, max: 2 }),
    using: fc.integer({ min: 1, max: 500 }),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
    date: fc.integer({ min: 0, max: 790 }),
    refresher: fc.integer({ min: 1, max: 900 }),
    recorded: fc.integer({ min: 0, max: 5 }),
  })
  .map((r) => ({
    role: caseOf(r.role, r.variant),
    using: r.using,
    trained: Math.min(r.using, Math.round(r.share * r.using)),
    date: day(r.date),
    refresherDue: day(r.date + r.refresher),
    recordedAt: `2026-03-0${r.recorded}T09:00:00.000Z`,
  }));

const asRecords = (rows: readonly ReturnType<typeof recordArb.generate>['value'][]): TrainingRecord[] =>
  rows.map((r, i) => ({ ...r, id: `TRN-${String(i).padStart(8, '0')}`, systemId: 'SYS-PROP0001', materialVersion: '1', note: '', importId: null, recordedBy: 'x' }));

describe('the readiness rule against a plain model', () => {
  it('takes the latest record per group, and judges coverage and refreshers exactly', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 25 }), fc.integer({ min: 1, max: 100 }), (rows, target) => {
        const records = asRecords(rows);
        const summary = readinessOf('SYS-PROP0001', records, target, today);
        // The model: one group per role whatever its case; the latest by date, then recorded time, then id.
        const groups = new Map<string, TrainingRecord>();
        for (const r of records) {
          const key = r.role.toLowerCase();
          const held = groups.get(key);
          const later = !held || [r.date, r.recordedAt, r.id].join(' ') > [held.date, held.recordedAt, held.id].join(' ');
          if (later) groups.set(key, r);
        }
        expect(summary.groups.map((g) => g.latest.id).sort()).toEqual([...groups.values()].map((r) => r.id).sort());
        for (const g of summary.groups) {
          const r = g.latest;
          expect(g.coverage).toBe(r.trained / r.using);
          // Below target exactly: trained / using < target / 100, never by a rounded percentage.
          expect(g.belowTarget).toBe(BigInt(r.trained) * 100n < BigInt(target) * BigInt(r.using));
          expect(g.refresherOverdue).toBe(r.refresherDue < today);
          expect(g.shortfall).toBe(g.belowTarget || g.refresherOverdue);
          expect(g.words).toContain(`${r.trained} of ${r.using} ${r.role}`);
          expect(g.words).toContain(g.refresherOverdue ? 'the refresher was due on' : 'the refresher is due on');
        }
        expect(summary.groupsInShortfall).toBe(summary.groups.filter((g) => g.shortfall).length);
        expect(summary.status).toBe(records.length === 0 ? 'noRecords' : summary.groupsInShortfall > 0 ? 'shortfall' : 'ready');
        expect(summary.trained).toBe([...groups.values()].reduce((n, r) => n + r.trained, 0));
      }),
      { numRuns: 300 },
    );
  });
});

/** A valid file's rows: distinct role groups (one date each), all before today. */
const fileRowsArb = fc.uniqueArray(recordArb, { minLength: 1, maxLength: 8, selector: (r) => r.role.toLowerCase() }).map((rows) => rows.map((r) => ({ ...r, note: '' })));
type FileRow = ReturnType<typeof fileRowsArb.generate>['value'][number];

const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
const cellOf = (row: FileRow, column: string): string => {
  switch (column) {
    case 'role':
      return row.role;
    case 'trained':
      return String(row.trained);
    case 'using':
      return String(row.using);
    case 'date':
      return row.date;
    case 'materialVersion':
      return '2.1';
    default:
      return row.refresherDue;
  }
};

/** The rows as CSV, its columns in `order` and each header in some case. */
function csvOf(rows: readonly FileRow[], order: readonly number[], upper: boolean): string {
  const columns = order.map((i) => trainingColumns[i]!);
  const header = columns.map((c) => (upper ? c.toUpperCase() : c)).join(',');
  return [header, ...rows.map((r) => columns.map((c) => quote(cellOf(r, c))).join(','))].join('\r\n') + '\r\n';
}

const orderArb = fc.shuffledSubarray([0, 1, 2, 3, 4, 5], { minLength: 6, maxLength: 6 });

/** One bad change to one row, and the column the refusal must name (null: the row as a whole). */
const mutations: ((r: FileRow) => { row: FileRow; column: string | null })[] = [
  (r) => ({ row: { ...r, trained: r.using + 1 }, column: 'trained' }),
  (r) => ({ row: { ...r, date: '2026-03-06', refresherDue: '2027-03-06' }, column: 'date' }),
  (r) => ({ row: { ...r, refresherDue: r.date }, column: 'refresherDue' }),
  (r) => ({ row: { ...r, role: `${r.role}\u202E` }, column: 'role' }),
  (r) => ({ row: { ...r, role: '' }, column: 'role' }),
  (r) => ({ row: { ...r, using: 0, trained: 0 }, column: 'using' }),
];

describe('the training file reader', () => {
  it('reads a valid file exactly, and refuses one bad mutation naming its row and column', () => {
    fc.assert(
      fc.property(fileRowsArb, orderArb, fc.boolean(), fc.nat(), fc.nat(), (rows, order, upper, which, how) => {
        const read = readTrainingFile(csvOf(rows, order, upper), today);
        if (!read.ok) throw new Error(JSON.stringify(read.issues));
        expect(read.rows.map((r) => [r.row, r.fields])).toEqual(
          rows.map((r, i) => [i + 2, { role: r.role, trained: r.trained, using: r.using, date: r.date, materialVersion: '2.1', refresherDue: r.refresherDue, note: '' }]),
        );
        const index = which % rows.length;
        const bad = mutations[how % mutations.length]!(rows[index]!);
        const mutated = rows.map((r, i) => (i === index ? bad.row : r));
        const refused = readTrainingFile(csvOf(mutated, order, upper), today);
        expect(refused.ok).toBe(false);
        if (refused.ok) return;
        expect(refused.issues.map((i) => i.path)).toContain(`row ${index + 2}, column ${bad.column}`);
      }),
      { numRuns: 300 },
    );
  });
});

describe('training.import through the core (both engines)', () => {
  let core: TestCore;
  beforeAll(() => {
    core = makeTestCore({ clock: fixedClock(`${today}T09:00:00.000Z`) });
  });
  afterAll(() => core.dispose());

  it('imports a valid file exactly; the file with one bad mutation is refused and nothing is written', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fileRowsArb, orderArb, fc.nat(), fc.nat(), async (rows, order, which, how) => {
        n += 1;
        const systemId = (await core.call('systems.create', { ...benignSystem, name: `Property system ${n}` })).id;
        const index = which % rows.length;
        const bad = mutations[how % mutations.length]!(rows[index]!);
        const before = await core.sql.digest();
        const refused = await core.raw('training.import', { systemId, fileName: 'bad.csv', text: csvOf(rows.map((r, i) => (i === index ? bad.row : r)), order, false) });
        expect(refused.ok ? null : refused.error.code).toBe('DATA_FILE_INVALID');
        expect(await core.sql.digest()).toBe(before);

        const result = await core.call('training.import', { systemId, fileName: 'good.csv', text: csvOf(rows, order, true) });
        expect(result.rows).toBe(rows.length);
        const list = await core.call('training.list', { systemId });
        const key = (r: { role: string; trained: number; using: number; date: string; refresherDue: string }) => [r.role, r.trained, r.using, r.date, r.refresherDue].join('|');
        expect(list.records.map(key).sort()).toEqual(rows.map(key).sort());
      }),
      { numRuns: 12 },
    );
  });
});
