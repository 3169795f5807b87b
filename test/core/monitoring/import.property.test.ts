// Property tests of the monitoring import (issue 20): (a) any valid file imports and the summary
// gives back exactly its values; (b) a valid file with one bad change is refused naming the row,
// and nothing is written; (c) the same file twice records no new values, breaches or events.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricDefinitions, monitoringMetrics, type MonitoringMetric } from '../../../electron/contract/index.ts';
import { makeTestCore, type TestCore } from '../../support/core-fixture.ts';
import { criteria, monitoringCounts } from './monitoring-fixture.ts';

let core: TestCore;
beforeAll(() => {
  core = makeTestCore();
});
afterAll(() => core.dispose());

interface Row {
  metric: MonitoringMetric;
  subgroup: string;
  period: string;
  value: number;
  n: number;
  source: string;
}

const subgroups = ['all', 'age:65+', 'age:18-64', 'sex:female', 'site:north ward', 'ethnicity:asian'];
// The fixed clock is on 1 March 2026: every month up to February 2026 is in the past.
const periods = Array.from({ length: 26 }, (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);

const rowArb: fc.Arbitrary<Row> = fc
  .record({
    metric: fc.constantFrom(...monitoringMetrics),
    subgroup: fc.constantFrom(...subgroups),
    period: fc.constantFrom(...periods),
    thousandths: fc.integer({ min: 0, max: 1000 }),
    n: fc.integer({ min: 1, max: 100_000 }),
    source: fc.constantFrom('Seismometer', 'Local dashboard, ICU', 'EHR "nightly" export', 'Validation team'),
  })
  .map(({ thousandths, ...r }) => ({ ...r, value: (thousandths / 1000) * metricDefinitions[r.metric].max }));

const rowsArb = fc.uniqueArray(rowArb, { minLength: 1, maxLength: 40, selector: (r) => `${r.metric}|${r.subgroup}|${r.period}` });

const columns = ['metric', 'subgroup', 'period', 'value', 'n', 'source'] as const;
const quoteCell = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
/** A CSV in the column order given, LF or CRLF. */
function toCsv(rows: readonly Row[], order: readonly (typeof columns)[number][] = columns, eol = '\n'): string {
  return [order.join(','), ...rows.map((r) => order.map((c) => quoteCell(String(r[c]))).join(','))].join(eol) + eol;
}

const fileArb = fc.record({
  rows: rowsArb,
  format: fc.constantFrom('csv', 'csv-crlf', 'json', 'json-rows'),
  order: fc.shuffledSubarray([...columns], { minLength: 6, maxLength: 6 }),
});
function fileText(f: { rows: Row[]; format: string; order: (typeof columns)[number][] }): string {
  if (f.format === 'json') return JSON.stringify(f.rows);
  if (f.format === 'json-rows') return JSON.stringify({ rows: f.rows });
  return toCsv(f.rows, f.order, f.format === 'csv-crlf' ? '\r\n' : '\n');
}

const byKey = (a: { metric: string; subgroup: string; period: string }, b: typeof a) => `${a.metric}|${a.subgroup}|${a.period}`.localeCompare(`${b.metric}|${b.subgroup}|${b.period}`);

let systems = 0;
/** A new system whose draft local validation records the fixture's criteria (in force: no submitted one). */
async function systemWithCriteria(): Promise<string> {
  systems += 1;
  const system = await core.call('systems.create', { name: `Property system ${systems}`, vendor: 'Acme Health' });
  const validation = await core.call('assessments.start', { systemId: system.id, stage: 'validation' });
  await core.call('monitoring.setCriteria', { assessmentId: validation.id, reviewPeriod: 'quarterly', criteria });
  return system.id;
}

describe('monitoring import, for any file', () => {
  it('(a) a valid file imports, and the summary holds exactly its values (20 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(fileArb, async (f) => {
        const systemId = await systemWithCriteria();
        const result = await core.call('monitoring.import', { systemId, fileName: 'values.csv', text: fileText(f) });
        expect(result).toMatchObject({ rows: f.rows.length, alreadyRecorded: 0 });
        const summary = await core.call('monitoring.summary', { systemId });
        const back = summary.series.flatMap((s) => s.points.map((p) => ({ metric: s.metric, subgroup: s.subgroup, period: p.period, value: p.value, n: p.n })));
        expect(back.sort(byKey)).toEqual(f.rows.map(({ source: _s, ...r }) => r).sort(byKey));
        expect(summary.latestPeriod).toBe(f.rows.map((r) => r.period).sort().at(-1));
        expect(summary.imports[0]).toMatchObject({ id: result.importId, rows: f.rows.length, sha256: result.sha256 });
      }),
      { numRuns: 20 },
    );
  });

  type Mutation = 'metric' | 'percentage' | 'future' | 'notMonth' | 'nZero' | 'nFraction' | 'subgroup' | 'control' | 'duplicate' | 'width' | 'emptySource';
  const mutations: Mutation[] = ['metric', 'percentage', 'future', 'notMonth', 'nZero', 'nFraction', 'subgroup', 'control', 'duplicate', 'width', 'emptySource'];
  /** The file with one row broken, and the row (file line) and column the refusal must name. */
  function mutate(rows: readonly Row[], pick: number, mutation: Mutation): { text: string; path: string } {
    const i = pick % rows.length;
    const line = i + 2;
    const changed = rows.map((r) => ({ ...r }) as Record<string, unknown> & Row);
    const row = changed[i]!;
    const column: Record<Mutation, string> = {
      metric: 'metric',
      percentage: 'value',
      future: 'period',
      notMonth: 'period',
      nZero: 'n',
      nFraction: 'n',
      subgroup: 'subgroup',
      control: 'source',
      duplicate: 'period',
      width: '',
      emptySource: 'source',
    };
    if (mutation === 'metric') (row as Record<string, unknown>).metric = 'accuracy';
    if (mutation === 'percentage') Object.assign(row, { metric: 'sensitivity', value: 82 });
    if (mutation === 'future') row.period = '2026-04';
    if (mutation === 'notMonth') row.period = '2026-1';
    if (mutation === 'nZero') row.n = 0;
    if (mutation === 'nFraction') row.n = 2.5;
    if (mutation === 'subgroup') row.subgroup = 'age 65+';
    if (mutation === 'control') row.source = 'Seismo\u202Emeter';
    if (mutation === 'emptySource') row.source = '  ';
    if (mutation === 'duplicate') {
      changed.push({ ...row });
      return { text: toCsv(changed), path: `row ${changed.length + 1}, column period` };
    }
    const text = toCsv(changed);
    if (mutation === 'width') {
      const lines = text.split('\n');
      lines[line - 1] += ',extra';
      return { text: lines.join('\n'), path: `row ${line}` };
    }
    return { text, path: `row ${line}, column ${column[mutation]}` };
  }

  it('(b) a valid file with one bad change is refused naming the row, and nothing is written (60 runs)', async () => {
    const systemId = await systemWithCriteria();
    await fc.assert(
      fc.asyncProperty(rowsArb, fc.nat(), fc.constantFrom(...mutations), async (rows, pick, mutation) => {
        const { text, path } = mutate(rows, pick, mutation);
        const before = await monitoringCounts(core);
        const result = await core.raw('monitoring.import', { systemId, fileName: 'broken.csv', text });
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.error.code).toBe('DATA_FILE_INVALID');
        expect(result.error.details?.issues?.map((i) => i.path)).toContain(path);
        expect(await monitoringCounts(core)).toEqual(before);
      }),
      { numRuns: 60 },
    );
  });

  it('(c) the same file twice records no new values, breaches or events the second time (12 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(fileArb, async (f) => {
        const systemId = await systemWithCriteria();
        const text = fileText(f);
        await core.call('monitoring.import', { systemId, fileName: 'first.csv', text });
        const before = await monitoringCounts(core);
        const again = await core.call('monitoring.import', { systemId, fileName: 'again.csv', text });
        expect(again).toMatchObject({ rows: f.rows.length, alreadyRecorded: f.rows.length, newBreaches: [], assessmentId: null });
        // Only the import itself is recorded: its file as evidence and its one ledger event.
        expect(await monitoringCounts(core)).toEqual({ ...before, imports: before.imports! + 1, ledger: before.ledger! + 1 });
      }),
      { numRuns: 12 },
    );
  });
});
