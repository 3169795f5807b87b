// `npm run bench`, export part: the cost of writing a Word register of 5,000 and of 20,000 risks
// against a bare docx table of the same register cells. Each measurement runs in a child process
// of its own, so its peak RSS is its own; runs alternate (baseline, register, baseline, …) so a
// noisy machine hurts both alike, and the medians are compared.
//
// The register is synthetic but shaped like a large hospital's (test/support/register-model-
// fixture.ts): 27 risks a system (185 systems at 5,000 risks, 741 at 20,000), one assessment
// each, realistic text lengths, traces of 6–10 lines, 2–5 evidence gaps, references,
// treatments, reviews, and an appendix capped at 60 answers per assessment (real assessments
// have 60–150 questions). Then the same sizes end to end from a real database (built once and
// cached, test/bench/risk-database-cache.ts): export.register as Word, as CSV, and as Word of
// every risk selected by id (riskIds), each against a bare docx table of the same rows read
// from that database.
//
// VIGIL_BENCH_EXPORT_RISKS=5000,20000 (the default) chooses the sizes; VIGIL_BENCH_EXPORT_RUNS
// (default 3) the runs of each measurement.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { maxExportRisks, type ExportResult } from '../../electron/contract/index.ts';
import { benchCall as call } from './build-risk-database.ts';
import { cachedRiskDatabase } from './risk-database-cache.ts';
import { parse } from 'csv-parse/sync';
import { createCore, type Core } from '../../electron/core/create-core.ts';
import { randomIds, systemClock } from '../../electron/core/deps.ts';
import { buildRegisterDocument } from '../../electron/core/export/register-document.ts';
import { registerRow } from '../../electron/core/export/register-row.ts';
import { registerColumns, type RegisterModel } from '../../electron/core/export/register-model.ts';
import { templatesDir } from '../support/core-fixture.ts';
import { syntheticRegister } from '../support/register-model-fixture.ts';

const sizes = (process.env.VIGIL_BENCH_EXPORT_RISKS ?? '5000,20000').split(',').map(Number);
const runsEach = Number(process.env.VIGIL_BENCH_EXPORT_RUNS ?? '3');
/** Targets per 5,000 risks: a register four times the size may take four times as long and hold about four times the rows. */
const targetsPer5000 = { registerMs: 3000, registerMb: 600, ratio: 1.5 };
const targetsFor = (risks: number) => ({ registerMs: (targetsPer5000.registerMs * risks) / 5000, registerMb: Math.max(targetsPer5000.registerMb, (targetsPer5000.registerMb * risks) / 5000 / 2), ratio: targetsPer5000.ratio });

type Kind = 'baseline' | 'register' | 'database' | 'database-csv' | 'database-selected' | 'database-baseline';
interface Measurement {
  kind: Kind;
  ms: number;
  /** CPU time (user + system, every thread) over the same span: steadier than `ms` on a shared machine. */
  cpuMs: number;
  maxRssMb: number;
  bytes: number;
}

/** The baseline: the same cells in a plain docx table, one Paragraph/TextRun per cell, no styling. */
async function bareTable(cells: readonly (readonly string[])[]): Promise<Uint8Array> {
  const rows = cells.map((row) => new TableRow({ children: row.map((text) => new TableCell({ children: [new Paragraph({ children: [new TextRun(text)] })] })) }));
  return Packer.toBuffer(new Document({ sections: [{ children: [new Table({ rows })] }] }));
}

const cpuSince = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
};

const registerCells = (model: RegisterModel) => model.risks.map((risk) => registerRow(risk, model.matrix));

/**
 * The whole export as a user runs it: read the register from SQLite, write the file, record it;
 * or, for the baseline, the same rows (the register's CSV, its columns less the CSV's extras,
 * read back) as a bare docx table. Only the export (or the table) is timed.
 */
async function exportFromDatabase(kind: Kind, source: string): Promise<Measurement> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-export-bench-'));
  try {
    const dbPath = join(dir, 'vigil.db');
    copyFileSync(source, dbPath);
    const core = createCore({ dbPath, clock: systemClock, ids: randomIds, templatesDir });
    await call(core, 'app.info', {});
    const input =
      kind === 'database-csv'
        ? { format: 'csv', out: join(dir, 'register.csv') }
        : kind === 'database-selected'
          ? { riskIds: (await call<{ id: string }[]>(core, 'risks.list', {})).slice(0, maxExportRisks).map((r) => r.id), out: join(dir, 'register.docx') }
          : { out: join(dir, 'register.docx') };
    const rows = kind === 'database-baseline' ? await registerRowsOf(core, dir) : [];
    (globalThis as { gc?: () => void }).gc?.();
    const cpu = process.cpuUsage();
    const start = performance.now();
    const bytes = kind === 'database-baseline' ? (await bareTable(rows)).length : (await call<ExportResult>(core, 'export.register', input)).size;
    const ms = performance.now() - start;
    const cpuMs = cpuSince(cpu);
    core.close();
    return { kind, ms, cpuMs, maxRssMb: process.resourceUsage().maxRSS / 1024, bytes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The register's rows as the database gives them (its CSV export), cut to the Word table's columns (the CSV's first ones). */
async function registerRowsOf(core: Core, dir: string): Promise<string[][]> {
  const csv = await call<ExportResult>(core, 'export.register', { format: 'csv', out: join(dir, 'rows.csv') });
  const rows = parse(readFileSync(csv.path ?? '', 'utf8').replace(/^\uFEFF/, '')) as string[][];
  return rows.slice(1).map((row) => row.slice(0, registerColumns.length));
}

async function measure(kind: Kind, source: string, risks: number): Promise<Measurement> {
  if (kind !== 'baseline' && kind !== 'register') return exportFromDatabase(kind, source);
  const model = syntheticRegister({ risks, answersPerAssessment: 60 });
  // Collect what generating the model left behind, so neither measurement pays for it.
  (globalThis as { gc?: () => void }).gc?.();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const bytes = kind === 'baseline' ? await bareTable(registerCells(model)) : await buildRegisterDocument(model);
  const ms = performance.now() - start;
  return { kind, ms, cpuMs: cpuSince(cpu), maxRssMb: process.resourceUsage().maxRSS / 1024, bytes: bytes.length };
}

function child(kind: Kind, risks: number, source = ''): Measurement {
  const run = spawnSync(process.execPath, ['--expose-gc', process.argv[1] ?? '', '--measure', kind, String(risks), source], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`${kind} measurement failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '') as Measurement;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const line = (label: string, m: Measurement) => `  ${label.padEnd(22)} ${m.ms.toFixed(0).padStart(7)} ms (CPU ${m.cpuMs.toFixed(0).padStart(6)} ms)  ${m.maxRssMb.toFixed(0).padStart(5)} MB peak RSS  ${(m.bytes / 1e6).toFixed(1)} MB file`;

/** Runs the kinds alternately, `runsEach` times, and returns each kind's medians. */
function alternate(kinds: readonly Kind[], risks: number, source = ''): Map<Kind, { ms: number; cpuMs: number; mb: number }> {
  const results: Measurement[] = [];
  for (let i = 0; i < runsEach; i++) {
    for (const kind of kinds) {
      const m = child(kind, risks, source);
      results.push(m);
      console.log(line(`run ${i + 1} ${kind}`, m));
    }
  }
  return new Map(kinds.map((kind) => {
    const of = results.filter((r) => r.kind === kind);
    return [kind, { ms: median(of.map((r) => r.ms)), cpuMs: median(of.map((r) => r.cpuMs)), mb: median(of.map((r) => r.maxRssMb)) }];
  }));
}

async function benchSize(risks: number): Promise<void> {
  const targets = targetsFor(risks);
  console.log(`\nExport: ${risks} risks (synthetic model), ${runsEach} runs each, alternating, one child process per run`);
  const synthetic = alternate(['baseline', 'register'], risks);
  const base = synthetic.get('baseline') ?? { ms: NaN, cpuMs: NaN, mb: NaN };
  const reg = synthetic.get('register') ?? { ms: NaN, cpuMs: NaN, mb: NaN };
  console.log(`  median bare docx table (${risks} × ${registerColumns.length})  ${base.ms.toFixed(0).padStart(7)} ms (CPU ${base.cpuMs.toFixed(0)} ms)  ${base.mb.toFixed(0).padStart(5)} MB`);
  console.log(`  median full register document        ${reg.ms.toFixed(0).padStart(7)} ms (CPU ${reg.cpuMs.toFixed(0)} ms)  ${reg.mb.toFixed(0).padStart(5)} MB`);
  console.log(`  register time       ${reg.ms.toFixed(0)} ms   target ≤ ${targets.registerMs} ms   ${verdict(reg.ms <= targets.registerMs)}`);
  console.log(`  register peak RSS   ${reg.mb.toFixed(0)} MB   target ≤ ${targets.registerMb} MB   ${verdict(reg.mb <= targets.registerMb)}`);
  console.log(`  ratio register/bare ${(reg.ms / base.ms).toFixed(2)}      target ≤ ${targets.ratio}       ${verdict(reg.ms / base.ms <= targets.ratio)}`);

  // The same size of register end to end, from a real database through the dispatcher.
  const source = await cachedRiskDatabase(risks, console.log);
  const built = await riskCount(source);
  console.log(`\nExport from a database: ${built} risks (${(statSync(source).size / 1e6).toFixed(0)} MB), export.register with collection, file and ledger event, against a bare docx table of the same rows`);
  const db = alternate(['database-baseline', 'database', 'database-csv', 'database-selected'], risks, source);
  const dbBase = db.get('database-baseline') ?? { ms: NaN, cpuMs: NaN, mb: NaN };
  for (const [kind, label] of [['database-baseline', 'bare docx table of the rows'], ['database', 'export.register (Word)'], ['database-csv', 'export.register (CSV)'], ['database-selected', `Word, ${Math.min(built, maxExportRisks)} selected by id`]] as const) {
    const m = db.get(kind) ?? { ms: NaN, cpuMs: NaN, mb: NaN };
    console.log(
      `  median ${label.padEnd(34)} ${m.ms.toFixed(0).padStart(7)} ms (CPU ${m.cpuMs.toFixed(0).padStart(6)} ms)  ${m.mb.toFixed(0).padStart(5)} MB   to bare table: ${(m.ms / dbBase.ms).toFixed(2)} time, ${(m.cpuMs / dbBase.cpuMs).toFixed(2)} CPU, ${(m.mb / dbBase.mb).toFixed(2)} memory`,
    );
  }
  const word = db.get('database') ?? { ms: NaN, cpuMs: NaN, mb: NaN };
  console.log(`  end-to-end time     ${word.ms.toFixed(0)} ms   target ≤ ${targets.registerMs} ms   ${verdict(word.ms <= targets.registerMs)}`);
  console.log(`  end-to-end peak RSS ${word.mb.toFixed(0)} MB   target ≤ ${targets.registerMb} MB   ${verdict(word.mb <= targets.registerMb)}`);
}

/** How many risks a cached database holds (it was built to "about" a size). */
async function riskCount(source: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-export-bench-count-'));
  try {
    const dbPath = join(dir, 'vigil.db');
    copyFileSync(source, dbPath);
    const core = createCore({ dbPath, clock: systemClock, ids: randomIds, templatesDir });
    const count = (await call<unknown[]>(core, 'risks.list', {})).length;
    core.close();
    return count;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--measure');
  if (at >= 0) {
    console.log(JSON.stringify(await measure(process.argv[at + 1] as Kind, process.argv[at + 3] ?? '', Number(process.argv[at + 2]))));
    return;
  }
  for (const risks of sizes) await benchSize(risks);
}

await main();
