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
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { buildRegisterDocument } from '../../electron/core/export/register-document.ts';
import { registerRow } from '../../electron/core/export/register-row.ts';
import { syntheticRegister } from '../support/register-model-fixture.ts';

const risks = 5000;
const systems = 185;
const runsEach = 3;
const targets = { registerMs: 3000, registerMb: 600, ratio: 1.5 };

type Kind = 'baseline' | 'register';
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

async function measure(kind: Kind): Promise<Measurement> {
  const model = syntheticRegister({ risks, systems, answersPerAssessment: 60 });
  // Collect what generating the model left behind, so neither measurement pays for it.
  (globalThis as { gc?: () => void }).gc?.();
  const start = performance.now();
  const bytes = kind === 'baseline' ? await bareTable(model) : await buildRegisterDocument(model);
  const ms = performance.now() - start;
  return { kind, ms, maxRssMb: process.resourceUsage().maxRSS / 1024, bytes: bytes.length };
}

function child(kind: Kind): Measurement {
  const run = spawnSync(process.execPath, ['--expose-gc', process.argv[1] ?? '', '--measure', kind], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`${kind} measurement failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '') as Measurement;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const at = process.argv.indexOf('--measure');
  if (at >= 0) {
    console.log(JSON.stringify(await measure(process.argv[at + 1] as Kind)));
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
}

await main();
