// Crash-test worker: a child process that opens the core on a database and runs state-changing
// commands in a loop until it is killed (SIGKILL, by test/crash/harness.ts). It must run in plain
// Node, so the harness bundles it with esbuild (packages external, `?raw` SQL inlined).
//
//   node worker.mjs <dbPath> <templatesDir> <seed> <run>
//
// The mix is random but deterministic for (seed, run) and the database it finds. After each
// command returns it writes one line to stdout (protocol in test/crash/protocol.ts):
// `ACK <command-id> <kind> <entity> <audit-length-after>`; refused commands give NACK. The
// write is synchronous, so a line the parent reads was written after the commit it reports.
import { writeSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { AnswerChange, AssessmentDetail, MethodName, Question, Result, SystemCreateRequest } from '../../electron/contract/index.ts';
import { changeKinds, dataCategories, incidentKinds, integrationPoints } from '../../electron/contract/index.ts';
import { createCore } from '../../electron/core/create-core.ts';
import type { IdSource } from '../../electron/core/deps.ts';
import { prng, type CommandKind } from '../crash/protocol.ts';
import { fixedClock } from './core-fixture.ts';
import { answerFor, assessorPerson, chair, owner, reviewerA, reviewerB } from './governance-fixture.ts';

const [dbPath, templatesDir, seedArg, runArg] = process.argv.slice(2);
if (!dbPath || !templatesDir || !seedArg || !runArg) {
  process.stderr.write('usage: worker <dbPath> <templatesDir> <seed> <run>\n');
  process.exit(2);
}
const seed = Number(seedArg);
const run = Number(runArg);
const random = prng(seed, run);

function emit(line: string): void {
  const buf = Buffer.from(`${line}\n`);
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(1, buf, off);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}

// The parent closes our stdin when it goes away: stop rather than run on as an orphan.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
setTimeout(() => process.exit(3), 120_000).unref();

/** Ids unique to this run, so a restart never reuses an id a killed run may have committed. */
const runTag = run.toString(36).toUpperCase().padStart(3, '0');
function runIds(): IdSource {
  const counters = new Map<string, number>();
  return {
    next(prefix) {
      const n = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, n);
      return `${prefix}-${runTag}X${String(n).padStart(6, '0')}`;
    },
  };
}

// Five simulated days per run: later runs see later dates, so re-assessment dates can pass and
// the startup sweep (a transaction of its own, killable too) sometimes has work (seen in long runs).
const start = new Date(Date.UTC(2026, 2, 1, 9) + run * 5 * 86_400_000).toISOString();
const core = createCore({
  dbPath,
  clock: fixedClock(start),
  ids: runIds(),
  templatesDir,
  onInternalError: (method, error) => process.stderr.write(`INTERNAL ${method}: ${(error as Error)?.stack ?? String(error)}\n`),
});
const ro = new Database(dbPath, { readonly: true, fileMustExist: true });
const lengthStmt = ro.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM audit_events');
const auditLength = () => (lengthStmt.get() as { n: number }).n;

const ctx = { actor: 'crash.worker' };
let counter = 0;
// c<seed>r<run>n<n>x: starts and ends with a letter, so no id is a substring of another.
const nextId = () => `c${seed}r${run}n${++counter}x`;

const chance = (p: number) => random() < p;
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
function pick<T>(list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}
function subset<T>(list: readonly T[], p: number): T[] {
  return list.filter(() => chance(p));
}

/** One row chosen at random among those `sql` returns (it must order them deterministically). */
function pickRow<T>(sql: string, ...params: unknown[]): T | undefined {
  const n = (ro.prepare(`SELECT COUNT(*) AS n FROM (${sql})`).get(...params) as { n: number }).n;
  if (n === 0) return undefined;
  return ro.prepare(`${sql} LIMIT 1 OFFSET ?`).get(...params, Math.floor(random() * n)) as T;
}

async function exec(kind: CommandKind, entity: string, id: string, method: MethodName, input: unknown, entityOf?: (value: unknown) => string): Promise<Result<unknown>> {
  emit(`INTENT ${id} ${kind} ${entity}`);
  const result = await core.dispatch(method, input, ctx);
  if (result.ok) emit(`ACK ${id} ${kind} ${entityOf ? entityOf(result.value) : entity} ${auditLength()}`);
  else emit(`NACK ${id} ${kind} ${entity} ${result.error.code} ${auditLength()}`);
  return result;
}

async function read<T>(method: MethodName, input: unknown): Promise<T> {
  const result = await core.dispatch(method, input, ctx);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

const idOf = (value: unknown) => (value as { id: string }).id;

async function ensurePeople(): Promise<void> {
  const wanted = [
    { name: reviewerA.name, roles: ['reviewer'] },
    { name: reviewerB.name, roles: ['reviewer'] },
    { name: chair.name, roles: ['committeeChair', 'reviewer'] },
    { name: owner.name, roles: ['riskOwner'] },
    { name: assessorPerson.name, roles: ['assessor'] },
  ];
  for (const p of wanted) {
    if (ro.prepare('SELECT 1 FROM people WHERE name = ?').get(p.name)) continue;
    await exec('person', '-', nextId(), 'people.save', p, idOf);
  }
}

// ---- the commands -------------------------------------------------------------------------

const vendors = ['Quiet Analytics', 'Cloudy Gen', 'Northwind Imaging', 'Helix Labs'];

async function createSystem(): Promise<boolean> {
  const id = nextId();
  const careless = chance(0.35);
  const input: SystemCreateRequest = {
    name: `Crash system ${id}`,
    vendor: pick(vendors),
    intendedUse: `created by ${id}`,
    modelType: pick(['predictive', 'generative', 'other'] as const),
    deploymentType: pick(['vendorCloud', 'onPremises', 'embeddedDevice'] as const),
    autonomyLevel: careless ? pick(['augments', 'automates'] as const) : 'informs',
    dataCategories: subset(dataCategories, careless ? 0.6 : 0.15),
    integrationPoints: subset(integrationPoints, careless ? 0.5 : 0.1),
  };
  await exec('sys.create', '-', id, 'systems.create', input, idOf);
  return true;
}

async function updateSystem(): Promise<boolean> {
  const row = pickRow<{ id: string }>('SELECT id FROM systems WHERE archived_at IS NULL ORDER BY id');
  if (!row) return false;
  const id = nextId();
  const changes: Record<string, unknown> = { intendedUse: `updated by ${id}` };
  if (chance(0.3)) changes.patientPopulation = `Adults (${id})`;
  await exec('sys.update', row.id, id, 'systems.update', { id: row.id, changes });
  return true;
}

const gateStageSql = "CASE s.lifecycle_stage WHEN 'reassessmentDue' THEN 'use' ELSE s.lifecycle_stage END";

async function startAssessment(): Promise<boolean> {
  const row = pickRow<{ id: string; stage: string }>(
    `SELECT s.id, ${gateStageSql} AS stage FROM systems s
      WHERE s.archived_at IS NULL AND s.lifecycle_stage IN ('procurement', 'validation', 'deployment', 'reassessmentDue')
        AND COALESCE((SELECT a.status FROM assessments a WHERE a.system_id = s.id AND a.stage = ${gateStageSql}
                      ORDER BY a.created_at DESC, a.rowid DESC LIMIT 1), 'rejected') = 'rejected'
      ORDER BY s.id`,
  );
  if (!row) return false;
  const id = nextId();
  await exec('asm.start', '-', id, 'assessments.start', { systemId: row.id, stage: row.stage, title: `Assessment ${id}` }, idOf);
  return true;
}

const questionsOf = (d: AssessmentDetail) => new Map(d.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions)).map((q) => [q.id, q]));
const markerQuestion = (questions: Map<string, Question>) => [...questions.values()].find((q) => q.kind === 'text' && !q.showIf);

/** Answers in bulk (everything unanswered, a part of it, or a re-answer of a sample), with the marker. */
function answerBatch(d: AssessmentDetail, id: string, careless: boolean): AnswerChange[] {
  const questions = questionsOf(d);
  const answered = new Set(d.answers.filter((a) => !a.toReconfirm && (a.unknown || a.value !== null)).map((a) => a.questionId));
  let todo = d.visibleQuestions.filter((q) => !answered.has(q));
  if (todo.length === 0 || chance(0.15)) todo = subset(d.visibleQuestions, 0.2);
  else if (chance(0.3)) todo = todo.slice(0, int(1, todo.length));
  const changes: AnswerChange[] = todo.map((qid) => {
    const q = questions.get(qid)!;
    if (!q.required && chance(0.03)) return { questionId: qid, unknown: true };
    return answerFor(q, chance(careless ? 0.5 : 0.04) ? 'riskiest' : 'safest');
  });
  const marker = markerQuestion(questions);
  if (marker) {
    const change = { questionId: marker.id, value: `answered by ${id}` };
    const at = changes.findIndex((c) => c.questionId === marker.id);
    if (at >= 0) changes[at] = change;
    else changes.push(change);
  }
  if (changes.length === 0) changes.push(answerFor(questions.get(pick(d.visibleQuestions))!, 'safest'));
  return changes;
}

/** A batch whose last answer is invalid: the whole batch must be refused, none of it kept. */
function poisonedBatch(d: AssessmentDetail, id: string, careless: boolean): AnswerChange[] | null {
  const questions = questionsOf(d);
  const changes = answerBatch(d, id, careless);
  const options = d.visibleQuestions.filter((q) => {
    const kind = questions.get(q)?.kind;
    return kind === 'choice' || kind === 'yesNo';
  });
  if (options.length === 0) return null;
  const target = pick(options);
  const rest = changes.filter((c) => c.questionId !== target);
  return [...rest, { questionId: target, value: `bogus-${id}` }];
}

const carelessSystem = (systemId: string) => [...systemId].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, seed) % 3 === 0;

async function workOnAssessment(): Promise<boolean> {
  const row = pickRow<{ id: string; status: string; system_id: string }>(
    "SELECT id, status, system_id FROM assessments WHERE status IN ('draft', 'inProgress', 'awaitingVendor') ORDER BY rowid",
  );
  if (!row) return false;
  const d = await read<AssessmentDetail>('assessments.get', { id: row.id });
  const careless = carelessSystem(row.system_id);
  const id = nextId();
  const roll = random();
  if (d.status === 'inProgress' && d.progress.missingRequired.length === 0 && d.progress.toReconfirm.length === 0 && roll < 0.6) {
    await exec('review.submit', d.id, id, 'workflow.send', { entityId: d.id, event: 'review.submit' });
  } else if (d.status === 'awaitingVendor' && roll < 0.5) {
    await exec('vendor.receive', d.id, id, 'workflow.send', { entityId: d.id, event: 'vendor.receive' });
  } else if (d.status !== 'awaitingVendor' && roll < 0.03) {
    await exec('vendor.request', d.id, id, 'workflow.send', { entityId: d.id, event: 'vendor.request' });
  } else if (roll < 0.15) {
    const questionId = pick(d.visibleQuestions);
    const bytes = Buffer.from(`evidence ${id}\n`.repeat(int(1, 3000)));
    await exec('evidence.add', '-', id, 'evidence.add', { assessmentId: d.id, questionId, fileName: `crash-${id}.txt`, mediaType: 'text/plain', dataBase64: bytes.toString('base64') }, idOf);
  } else if (d.evidence.length > 0 && roll < 0.2) {
    const evidence = pick(d.evidence);
    await exec('evidence.remove', evidence.id, id, 'evidence.remove', { id: evidence.id });
  } else if (roll < 0.32) {
    const changes = poisonedBatch(d, id, careless);
    if (!changes) return false;
    await exec('answer.bad', d.id, id, 'assessments.answer', { id: d.id, answers: changes });
  } else {
    await exec('answer', d.id, id, 'assessments.answer', { id: d.id, answers: answerBatch(d, id, careless) });
  }
  return true;
}

async function startReview(): Promise<boolean> {
  const row = pickRow<{ id: string }>("SELECT id FROM assessments WHERE status = 'submitted' ORDER BY rowid");
  if (!row) return false;
  await exec('review.start', row.id, nextId(), 'workflow.send', { entityId: row.id, event: 'review.start', by: pick([reviewerA, chair]) });
  return true;
}

async function signOff(): Promise<boolean> {
  const row = pickRow<{ id: string; review_snapshot: string }>("SELECT id, review_snapshot FROM assessments WHERE status = 'inReview' ORDER BY rowid");
  if (!row) return false;
  const signed = new Set((JSON.parse(row.review_snapshot) as { context: { signOffs: { name: string }[] } }).context.signOffs.map((s) => s.name));
  const candidates = [reviewerA, reviewerB, chair].filter((p) => !signed.has(p.name));
  if (candidates.length === 0) return false;
  const id = nextId();
  const by = pick(candidates);
  if (chance(0.12)) {
    await exec('review.return', row.id, id, 'workflow.send', { entityId: row.id, event: 'review.return', by, comment: `returned by ${id}` });
  } else {
    await exec('review.approve', row.id, id, 'workflow.send', { entityId: row.id, event: 'review.approve', by, comment: `approved by ${id}` });
  }
  return true;
}

async function reopen(): Promise<boolean> {
  const row = pickRow<{ id: string }>("SELECT id FROM assessments WHERE status = 'returned' ORDER BY rowid");
  if (!row) return false;
  await exec('review.reopen', row.id, nextId(), 'workflow.send', { entityId: row.id, event: 'review.reopen' });
  return true;
}

async function treatRisk(): Promise<boolean> {
  // Mostly the risks above appetite, which hold their system at its gate.
  const row =
    (chance(0.8) ? pickRow<{ id: string }>("SELECT id FROM risks WHERE status = 'identified' AND band IN ('high', 'critical') ORDER BY id") : undefined) ??
    pickRow<{ id: string }>("SELECT id FROM risks WHERE status = 'identified' ORDER BY id");
  if (!row) return false;
  const id = nextId();
  const treatment = { kind: 'mitigate', owner: owner.name, plan: `plan ${id}`, actions: [{ text: `action ${id}`, owner: owner.name, due: '2027-06-30' }] };
  await exec('risk.treat', row.id, id, 'risks.treat', { id: row.id, treatment, by: owner });
  return true;
}

async function startRiskWork(): Promise<boolean> {
  const row = pickRow<{ id: string }>("SELECT id FROM risks WHERE status = 'planned' ORDER BY id");
  if (!row) return false;
  await exec('risk.start', row.id, nextId(), 'workflow.send', { entityId: row.id, event: 'risk.start', by: owner });
  return true;
}

async function advance(): Promise<boolean> {
  const row = pickRow<{ id: string }>(
    "SELECT id FROM systems WHERE archived_at IS NULL AND lifecycle_stage IN ('procurement', 'validation', 'deployment', 'reassessmentDue') ORDER BY id",
  );
  if (!row) return false;
  const state = await read<{ allowedEvents: string[] }>('workflow.allowed', { entityId: row.id });
  const input = { entityId: row.id, event: 'lifecycle.advance' };
  if (state.allowedEvents.includes('lifecycle.advance')) await exec('lifecycle.advance', row.id, nextId(), 'workflow.send', input);
  else if (chance(0.3)) await exec('advance.refused', row.id, nextId(), 'workflow.send', input);
  else return false;
  return true;
}

async function recordChange(incident: boolean): Promise<boolean> {
  const where = "archived_at IS NULL AND lifecycle_stage != 'retired'";
  const row =
    (chance(0.25) ? pickRow<{ id: string }>(`SELECT id FROM systems WHERE ${where} AND lifecycle_stage = 'inUse' ORDER BY id`) : undefined) ??
    pickRow<{ id: string }>(`SELECT id FROM systems WHERE ${where} ORDER BY id`);
  if (!row) return false;
  const id = nextId();
  if (incident) {
    await exec('incident', row.id, id, 'incidents.report', { systemId: row.id, kind: pick(incidentKinds), description: `incident ${id}` });
  } else {
    const kind = pick(changeKinds);
    await exec('change', row.id, id, 'systems.recordChange', {
      systemId: row.id,
      kind,
      description: `change ${id}`,
      modelVersion: kind === 'modelVersion' ? `v-${id}` : '',
    });
  }
  return true;
}

async function retire(): Promise<boolean> {
  const row = pickRow<{ id: string }>("SELECT id FROM systems WHERE archived_at IS NULL AND lifecycle_stage != 'retired' ORDER BY id");
  if (!row) return false;
  const id = nextId();
  await exec('lifecycle.retire', row.id, id, 'workflow.send', { entityId: row.id, event: 'lifecycle.retire', by: chair, comment: `retired by ${id}` });
  return true;
}

const activeSystems = () =>
  (ro.prepare("SELECT COUNT(*) AS n FROM systems WHERE archived_at IS NULL AND lifecycle_stage NOT IN ('inUse', 'retired')").get() as { n: number }).n;

const actions: [number, () => Promise<boolean>][] = [
  [40, workOnAssessment],
  [8, startAssessment],
  [3, updateSystem],
  [8, startReview],
  [12, signOff],
  [4, reopen],
  [8, treatRisk],
  [3, startRiskWork],
  [4, advance],
  [3, () => recordChange(false)],
  [1, () => recordChange(true)],
  [0.4, retire],
];

async function step(): Promise<void> {
  if (activeSystems() < 4 || chance(0.04)) {
    await createSystem();
    return;
  }
  for (let attempt = 0; attempt < 6; attempt++) {
    const total = actions.reduce((s, [w]) => s + w, 0);
    let r = random() * total;
    const action = actions.find(([w]) => (r -= w) < 0)?.[1] ?? workOnAssessment;
    if (await action()) return;
  }
  await createSystem();
}

emit(`START ${run} ${auditLength()}`);
await ensurePeople();
for (;;) {
  await step();
  // Let stdin's end (the parent going away) be noticed between commands.
  await new Promise((resolve) => setImmediate(resolve));
}
