// `npm run bench`, export part: the cost of writing a 5,000-risk Word register against a bare
// docx table of the same register cells. Each measurement runs in a child process of its own,
// so its peak RSS is its own; runs alternate (baseline, register, baseline, …) so a noisy
// machine hurts both alike, and the medians of three are compared.
//
// The register is synthetic but shaped like a large hospital's (test/support/register-model-
// fixture.ts): 5,000 risks over 185 systems, one assessment each, realistic text lengths,
// traces of 6–10 lines, 2–5 evidence gaps, references, treatments, reviews, and an appendix
// capped at 60 answers per assessment (real assessments have 60–150 questions).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import type { ExportResult } from '../../electron/contract/index.ts';
import { benchCall as call, buildRiskDatabase as buildDatabase } from './build-risk-database.ts';
import { createCore } from '../../electron/core/create-core.ts';
import { randomIds, systemClock } from '../../electron/core/deps.ts';
import { buildRegisterDocument } from '../../electron/core/export/register-document.ts';
import { registerRow } from '../../electron/core/export/register-row.ts';
import { templatesDir } from '../support/core-fixture.ts';
import { syntheticRegister } from '../support/register-model-fixture.ts';

const risks = 5000;
const systems = 185;
const runsEach = 3;
const targets = { registerMs: 3000, registerMb: 600, ratio: 1.5 };

type Kind = 'baseline' | 'register' | 'database';
interface Measurement {
  kind: Kind;
  ms: number;
  maxRssMb: number;
  bytes: number;
}

/** The baseline: the same cells in a plain docx table, one Paragraph/TextRun per cell, no styling. */
async function bareTable(model: ReturnType<typeof syntheticRegister>): Promise<Uint8Array> {
  const rows = model.risks.map((risk) => new TableRow({ children: registerRow(risk, model.matrix).map((text) => new TableCell({ children: [new Paragraph({ children: [new TextRun(text)] })] })) }));
  return Packer.toBuffer(new Document({ sections: [{ children: [new Table({ rows })] }] }));
}

/** The whole export as a user runs it: read the register from SQLite, write the .docx, record it. */
async function exportFromDatabase(source: string): Promise<Measurement> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-export-bench-'));
  try {
    const dbPath = join(dir, 'vigil.db');
    copyFileSync(source, dbPath);
    const core = createCore({ dbPath, clock: systemClock, ids: randomIds, templatesDir });
    await call(core, 'app.info', {});
    (globalThis as { gc?: () => void }).gc?.();
    const start = performance.now();
    const result = await call<ExportResult>(core, 'export.register', { out: join(dir, 'register.docx') });
    const ms = performance.now() - start;
    core.close();
    return { kind: 'database', ms, maxRssMb: process.resourceUsage().maxRSS / 1024, bytes: result.size };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(kind: Kind, source: string): Promise<Measurement> {
  if (kind === 'database') return exportFromDatabase(source);
  const model = syntheticRegister({ risks, systems, answersPerAssessment: 60 });
  // Collect what generating the model left behind, so neither measurement pays for it.
  (globalThis as { gc?: () => void }).gc?.();
  const start = performance.now();
  const bytes = kind === 'baseline' ? await bareTable(model) : await buildRegisterDocument(model);
  const ms = performance.now() - start;
  return { kind, ms, maxRssMb: process.resourceUsage().maxRSS / 1024, bytes: bytes.length };
}

function child(kind: Kind, source = ''): Measurement {
  const run = spawnSync(process.execPath, ['--expose-gc', process.argv[1] ?? '', '--measure', kind, source], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`${kind} measurement failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '') as Measurement;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const at = process.argv.indexOf('--measure');
  if (at >= 0) {
    console.log(JSON.stringify(await measure(process.argv[at + 1] as Kind, process.argv[at + 2] ?? '')));
    return;
  }
  console.log(`\nExport: ${risks} risks, ${systems} systems, ${runsEach} runs each, alternating, one child process per run`);
  const results: Measurement[] = [];
  for (let i = 0; i < runsEach; i++) {
    for (const kind of ['baseline', 'register'] as const) {
      const m = child(kind);
      results.push(m);
      console.log(`  run ${i + 1} ${kind.padEnd(9)} ${m.ms.toFixed(0).padStart(6)} ms  ${m.maxRssMb.toFixed(0).padStart(5)} MB peak RSS  ${(m.bytes / 1e6).toFixed(1)} MB .docx`);
    }
  }
  const of = (kind: Kind) => results.filter((r) => r.kind === kind);
  const baseMs = median(of('baseline').map((r) => r.ms));
  const baseMb = median(of('baseline').map((r) => r.maxRssMb));
  const regMs = median(of('register').map((r) => r.ms));
  const regMb = median(of('register').map((r) => r.maxRssMb));
  const ratio = regMs / baseMs;
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  console.log(`  median bare docx table (${risks} × 11)  ${baseMs.toFixed(0).padStart(6)} ms  ${baseMb.toFixed(0).padStart(5)} MB`);
  console.log(`  median full register document       ${regMs.toFixed(0).padStart(6)} ms  ${regMb.toFixed(0).padStart(5)} MB`);
  console.log(`  register time       ${regMs.toFixed(0)} ms   target ≤ ${targets.registerMs} ms   ${verdict(regMs <= targets.registerMs)}`);
  console.log(`  register peak RSS   ${regMb.toFixed(0)} MB   target ≤ ${targets.registerMb} MB   ${verdict(regMb <= targets.registerMb)}`);
  console.log(`  ratio register/bare ${ratio.toFixed(2)}      target ≤ ${targets.ratio}       ${verdict(ratio <= targets.ratio)}`);

  // The same size of register end to end, from a real database through the dispatcher.
  const dir = mkdtempSync(join(tmpdir(), 'vigil-export-bench-db-'));
  try {
    const source = join(dir, 'portfolio.db');
    const setupStart = performance.now();
    const built = await buildDatabase(source, risks);
    console.log(`\nExport from a database: ${built} risks (built in ${((performance.now() - setupStart) / 1000).toFixed(0)} s, ${(statSync(source).size / 1e6).toFixed(0)} MB), export.register with collection, .docx and ledger event`);
    const runs: Measurement[] = [];
    for (let i = 0; i < runsEach; i++) {
      const m = child('database', source);
      runs.push(m);
      console.log(`  run ${i + 1} database  ${m.ms.toFixed(0).padStart(6)} ms  ${m.maxRssMb.toFixed(0).padStart(5)} MB peak RSS  ${(m.bytes / 1e6).toFixed(1)} MB .docx`);
    }
    const dbMs = median(runs.map((r) => r.ms));
    const dbMb = median(runs.map((r) => r.maxRssMb));
    console.log(`  median export.register end to end  ${dbMs.toFixed(0).padStart(6)} ms  ${dbMb.toFixed(0).padStart(5)} MB   ratio to bare table ${(dbMs / baseMs).toFixed(2)}`);
    console.log(`  end-to-end time     ${dbMs.toFixed(0)} ms   target ≤ ${targets.registerMs} ms   ${verdict(dbMs <= targets.registerMs)}`);
    console.log(`  end-to-end peak RSS ${dbMb.toFixed(0)} MB   target ≤ ${targets.registerMb} MB   ${verdict(dbMb <= targets.registerMb)}`);
  } finally {
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
