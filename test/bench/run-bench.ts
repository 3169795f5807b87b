// `npm run bench`: how much the contract + dispatcher + audit ledger + transports cost over
// the bare work underneath, as ratios measured in the same process (machines here are noisy,
// so absolute times mean little; ratios against a baseline run side by side do). Then the
// assessment hot paths against their targets: scoring a fully answered procurement assessment
// (p95 ≤ 0.5 ms) and saving one answer with its rescore (p95 ≤ 2 ms), with the same-run breakdown.
import { createServer, request } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { AnswerChange, AnswerValue, Question, ThreatProfile } from '../../electron/contract/index.ts';
import { withoutTraces } from '../../electron/core/assessments/assessments-service.ts';
import { createSnapshotCache, hashSnapshot, snapshotFor } from '../../electron/core/assessments/snapshot.ts';
import { createCore, type Core } from '../../electron/core/create-core.ts';
import { scoreAssessment, type ScoringAnswer } from '../../electron/core/scoring/score-assessment.ts';
import { systemMatches, visibleQuestions, type SystemProfile } from '../../electron/core/scoring/visibility.ts';
import { loadTemplateSet } from '../../electron/core/templates/load-template-set.ts';
import { startRpcServer } from '../../electron/server/rpc-server.ts';
import { benchMonitoringImport } from './monitoring-bench.ts';
import { fixedClock, sequentialIds, tempDir, templatesDir } from '../support/core-fixture.ts';

const ctx = { actor: 'bench' };

async function time(label: string, runs: number, fn: (i: number) => unknown): Promise<number> {
  for (let i = 0; i < Math.min(50, runs); i++) await fn(-1 - i); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) await fn(i);
  const perOpUs = Number(process.hrtime.bigint() - start) / 1000 / runs;
  console.log(`  ${label.padEnd(44)} ${perOpUs.toFixed(1).padStart(9)} µs/op`);
  return perOpUs;
}

/** Times every call on its own; returns p50/p95 in µs. */
async function percentiles(runs: number, fn: (i: number) => unknown): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < Math.min(50, runs); i++) await fn(-1 - i); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  return summarize(samples);
}

function summarize(samples: number[]): { p50: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95) };
}

const us = (n: number) => `${n.toFixed(1).padStart(8)} µs`;
function report(label: string, p: { p50: number; p95: number }, targetP95Us?: number): void {
  const verdict = targetP95Us === undefined ? '' : `   target p95 ≤ ${targetP95Us} µs  ${p.p95 <= targetP95Us ? 'PASS' : 'MISS'}`;
  console.log(`  ${label.padEnd(44)} p50 ${us(p.p50)}   p95 ${us(p.p95)}${verdict}`);
}

/**
 * Every profile rule that can hold at once: the deployment rules exclude each other (one
 * deployment type), so embedded device is taken, which also shows the device questions.
 */
const worstCaseSystem: SystemProfile = {
  autonomyLevel: 'automates',
  dataCategories: ['phi', 'imaging', 'genomic', 'freeText', 'physiological'],
  deploymentType: 'embeddedDevice',
  integrationPoints: ['ehr', 'pacs', 'lis', 'devices', 'pharmacy', 'patientPortal', 'other'],
  worstCredibleHarm: 'catastrophic',
  timeCritical: true,
  modelType: 'generative',
};

/** An answer for every question: a branching parent gets a value that shows its children, multi gets every option. */
function fullAnswers(questions: readonly Question[]): Map<string, AnswerValue> {
  const shownBy = new Map<string, string[]>();
  for (const q of questions) if (q.showIf && 'question' in q.showIf) shownBy.set(q.showIf.question, [...(shownBy.get(q.showIf.question) ?? []), ...q.showIf.in]);
  const values = new Map<string, AnswerValue>();
  questions.forEach((q, i) => {
    if ('options' in q) {
      const all = q.options.map((o) => o.value);
      const show = shownBy.get(q.id)?.find((v) => all.includes(v));
      values.set(q.id, q.kind === 'multi' ? (show ? [show, ...all.filter((v) => v !== show)] : all) : (show ?? (i % 2 === 0 ? all[0] : all.at(-1)) ?? ''));
    } else values.set(q.id, q.kind === 'number' ? 3 : q.kind === 'date' ? '2026-01-15' : 'Documented in the vendor model card');
  });
  return values;
}

const row = (i: number) => ({ name: `System ${i}`, vendor: `Vendor ${i % 17}`, intendedUse: 'Bench record', dataCategories: ['phi'] });

async function main() {
  const { dir, cleanup } = tempDir('vigil-bench-');
  const results: string[] = [];
  // VIGIL_BENCH=monitoring runs only the monitoring import's part (issue 20).
  if (process.env.VIGIL_BENCH === 'monitoring') {
    try {
      console.log('import 100,000 monitoring rows (one transaction each):');
      results.push(await benchMonitoringImport(dir));
    } finally {
      cleanup();
    }
    console.log('\nratios (lower is better; 1.00x = no overhead over the baseline):');
    for (const line of results) console.log(`  ${line}`);
    return;
  }
  try {
    // 1. Create: bare INSERT in a transaction (same pragmas) vs systems.create through the dispatcher.
    const bare = new Database(join(dir, 'bare.db'));
    bare.pragma('journal_mode = WAL');
    bare.pragma('synchronous = FULL');
    bare.exec('CREATE TABLE systems (id TEXT PRIMARY KEY, name TEXT, vendor TEXT, intended_use TEXT, data_categories TEXT)');
    const insert = bare.prepare('INSERT INTO systems VALUES (?, ?, ?, ?, ?)');
    const bareInsert = bare.transaction((i: number) => {
      const r = row(i);
      insert.run(`B${i}`, r.name, r.vendor, r.intendedUse, JSON.stringify(r.dataCategories));
    });
    const core = createCore({ dbPath: join(dir, 'core.db'), clock: fixedClock(), ids: sequentialIds(), templatesDir });
    console.log('create one system (durable commit each time):');
    const n = 400;
    const tBare = await time('baseline: bare INSERT + commit', n, (i) => bareInsert(i + 100));
    const tCore = await time('core: systems.create (validate + audit hash)', n, async (i) => {
      const r = await core.dispatch('systems.create', row(i + 100), ctx);
      if (!r.ok) throw new Error(r.error.message);
    });
    results.push(`systems.create / bare insert: ${(tCore / tBare).toFixed(2)}x`);

    // 2. List the whole inventory.
    const select = bare.prepare('SELECT * FROM systems ORDER BY name');
    console.log(`list ${n + 50} systems:`);
    const lBare = await time('baseline: bare SELECT + JSON.parse', 200, () => select.all().map((r) => JSON.parse((r as { data_categories: string }).data_categories)));
    const lCore = await time('core: systems.list', 200, () => core.dispatch('systems.list', {}, ctx));
    results.push(`systems.list / bare select: ${(lCore / lBare).toFixed(2)}x`);

    // 3. HTTP: a bare Node echo server vs POST /rpc/app.info with all the checks.
    const echo = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    const echoPort = (echo.address() as { port: number }).port;
    const rpc = await startRpcServer({ dispatch: (m, i) => core.dispatch(m, i, ctx), staticDir: dir, token: 'bench' });
    const post = (port: number, path: string) =>
      new Promise<void>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port, path, method: 'POST', agent: false, headers: { 'Content-Type': 'application/json', Authorization: 'Bearer bench' } },
          (res) => {
            res.resume();
            res.on('end', resolve);
          },
        );
        req.on('error', reject);
        req.end('{}');
      });
    console.log('one HTTP round trip on 127.0.0.1:');
    const hBare = await time('baseline: bare Node echo server', 300, () => post(echoPort, '/'));
    const hRpc = await time('browser mode: POST /rpc/app.info', 300, () => post(rpc.port, '/rpc/app.info'));
    results.push(`HTTP rpc / bare echo: ${(hRpc / hBare).toFixed(2)}x`);
    await rpc.close();
    await new Promise<void>((r) => echo.close(() => r()));

    // 4. Scoring: one fully answered procurement assessment, index built once (as the snapshot cache does).
    const targets: string[] = [];
    const loaded = loadTemplateSet(templatesDir);
    if (!loaded.ok) throw new Error('templates do not load');
    const { hash, json } = hashSnapshot(snapshotFor(loaded.set, 'procurement'));
    const { index } = createSnapshotCache(() => json)(hash);
    const full = fullAnswers(index.questions);
    const scoring = new Map<string, ScoringAnswer>(
      [...full].map(([id, value], i) => [id, { value, unknown: false, source: i % 2 === 0 ? 'assessor' : 'vendor', hasEvidence: i % 3 === 0 }]),
    );
    const visible = visibleQuestions(index.questions, index.questionsById, worstCaseSystem, scoring);
    // Predictive-only and generative-only questions exclude each other, so not every question can
    // be asked of one system; the generative device asks all the others.
    const excluded = index.questions.filter((q) => q.showIf && 'system' in q.showIf && !systemMatches(worstCaseSystem, q.showIf.system, q.showIf.in)).length;
    if (visible.size + excluded < index.questions.length) throw new Error(`only ${visible.size} of ${index.questions.length - excluded} questions are visible`);
    const activeRules = index.content.profileRules.filter((r) => r.effects.length > 0 && r.in.some((v) => systemMatches(worstCaseSystem, r.field, [v])));
    const meta = { assessmentId: 'ASM-BENCH001', scoredAt: '2026-03-01T09:00:00.000Z' };
    const profile = scoreAssessment(2, { index, system: worstCaseSystem, answers: scoring, meta });
    const traceEntries = profile.threats.reduce((n, t) => n + t.trace.length, 0);
    console.log(
      `score one fully answered procurement assessment (${index.questions.length} questions in ${index.content.questionnaires.length} questionnaires, ` +
        `${profile.threats.length} threats, ${index.content.controls.length} controls, ${activeRules.length}/${index.content.profileRules.length} profile rules active, ${traceEntries} trace entries):`,
    );
    // Model 1 on the same content and answers is the baseline: model 2 does more per threat
    // (clinical severity, pools, floors, contradictions, inherited stages), and this says how much.
    const tModel1 = await percentiles(2000, () => scoreAssessment(1, { index, system: worstCaseSystem, answers: scoring, meta }));
    report('baseline: scoring model 1', tModel1);
    const tScore = await percentiles(2000, () => scoreAssessment(2, { index, system: worstCaseSystem, answers: scoring, meta }));
    report('scoreAssessment model 2 (pure, index built once)', tScore, 500);
    results.push(`scoring model 2 / model 1: p50 ${(tScore.p50 / tModel1.p50).toFixed(2)}x, p95 ${(tScore.p95 / tModel1.p95).toFixed(2)}x`);
    targets.push(`scoring p95 ${tScore.p95.toFixed(1)} µs (target ≤ 500 µs): ${tScore.p95 <= 500 ? 'PASS' : 'MISS'}`);

    // 5. Saving one answer (validate, upsert, rescore, store the profile, audit, durable commit) beside a bare insert.
    const assessCore: Core = createCore({ dbPath: join(dir, 'assess.db'), clock: fixedClock(), ids: sequentialIds(), templatesDir });
    const call = async <T>(method: string, input: unknown): Promise<T> => {
      const r = await assessCore.dispatch(method, input, ctx);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.value as T;
    };
    const sys = await call<{ id: string }>('systems.create', { name: 'Bench system', vendor: 'Bench vendor', ...worstCaseSystem });
    const asm = await call<{ id: string }>('assessments.start', { systemId: sys.id, stage: 'procurement' });
    await call('assessments.answer', { id: asm.id, answers: [...full].map(([questionId, value]): AnswerChange => ({ questionId, value })) });
    // A yes/no question whose two answers both move the profile and that shows or hides nothing.
    const parents = new Set(index.questions.flatMap((q) => (q.showIf && 'question' in q.showIf ? [q.showIf.question] : [])));
    const toggled = index.questions.find((q) => q.kind === 'yesNo' && !parents.has(q.id) && 'options' in q && q.options.every((o) => o.effects.length > 0));
    if (!toggled) throw new Error('no yes/no question to toggle');
    bare.exec('CREATE TABLE answers_bare (seq INTEGER PRIMARY KEY, question_id TEXT, value TEXT)');
    const bareAnswer = bare.prepare('INSERT INTO answers_bare VALUES (?, ?, ?)');
    const bareAnswerTxn = bare.transaction((i: number) => bareAnswer.run(i + 1_000_000, toggled.id, i % 2 === 0 ? '"no"' : '"yes"'));
    const saveRuns = 400;
    let seq = 0;
    const answerSamples: number[] = [];
    const bareSamples: number[] = [];
    let lastBand = '';
    // Interleaved, so both see the same disk and machine noise.
    for (let i = -50; i < saveRuns; i++) {
      const value = i % 2 === 0 ? 'no' : 'yes';
      let start = process.hrtime.bigint();
      bareAnswerTxn(seq++);
      const tb = Number(process.hrtime.bigint() - start) / 1000;
      start = process.hrtime.bigint();
      const r = await assessCore.dispatch('assessments.answer', { id: asm.id, answers: [{ questionId: toggled.id, value }] }, ctx);
      const ta = Number(process.hrtime.bigint() - start) / 1000;
      if (!r.ok) throw new Error(r.error.message);
      lastBand = (r.value as { profile: { overall: { band: string } } }).profile.overall.band;
      if (i >= 0) {
        bareSamples.push(tb);
        answerSamples.push(ta);
      }
    }
    const tAnswer = summarize(answerSamples);
    const tBareAnswer = summarize(bareSamples);
    console.log(`save one answer (${toggled.id}, alternating yes/no) on the fully answered assessment, ${saveRuns} runs, overall band ${lastBand}:`);
    report('baseline: bare single-row INSERT + commit', tBareAnswer);
    report('core: assessments.answer (rescore + audit)', tAnswer, 2000);
    console.log(`  ratio answer / bare: p50 ${(tAnswer.p50 / tBareAnswer.p50).toFixed(2)}x, p95 ${(tAnswer.p95 / tBareAnswer.p95).toFixed(2)}x`);
    results.push(`assessments.answer / bare insert: p50 ${(tAnswer.p50 / tBareAnswer.p50).toFixed(2)}x, p95 ${(tAnswer.p95 / tBareAnswer.p95).toFixed(2)}x`);
    targets.push(`answer save p95 ${tAnswer.p95.toFixed(1)} µs (target ≤ 2000 µs): ${tAnswer.p95 <= 2000 ? 'PASS' : 'MISS'}`);

    // Where an answer's time goes, measured beside it: the rescore, serialising the stored
    // profile (scores without traces; traces are recomputed on read), and committing a row of
    // that size durably.
    const traced = await call<{ profile: ThreatProfile }>('assessments.get', { id: asm.id });
    const stored = { profile: withoutTraces(traced.profile) };
    const profileJson = JSON.stringify(stored.profile);
    bare.exec('CREATE TABLE profiles_bare (id TEXT PRIMARY KEY, profile TEXT)');
    const upsertProfile = bare.prepare('INSERT INTO profiles_bare VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET profile = excluded.profile');
    const bareProfileTxn = bare.transaction((i: number) => upsertProfile.run('ASM-1', i % 2 === 0 ? profileJson : `${profileJson} `));
    console.log(
      `  where it goes (same run; the stored scores are ${(profileJson.length / 1024).toFixed(0)} KB of JSON, the full traced profile ${(JSON.stringify(traced.profile).length / 1024).toFixed(0)} KB):`,
    );
    report('  rescore: scoreAssessment', await percentiles(1000, () => scoreAssessment(2, { index, system: worstCaseSystem, answers: scoring, meta })));
    report('  JSON.stringify(stored scores)', await percentiles(1000, () => JSON.stringify(stored.profile)));
    report('  bare upsert of that JSON + commit', await percentiles(saveRuns, (i) => bareProfileTxn(i)));
    assessCore.close();

    // 7. Importing 100,000 monitoring rows beside a bare batched insert of them (issue 20).
    console.log('\nimport 100,000 monitoring rows (one transaction each):');
    results.push(await benchMonitoringImport(dir));

    core.close();
    bare.close();
    console.log('\ntargets:');
    for (const line of targets) console.log(`  ${line}`);
  } finally {
    cleanup();
  }
  console.log('\nratios (lower is better; 1.00x = no overhead over the baseline):');
  for (const line of results) console.log(`  ${line}`);
}

await main();
