// Helpers for governance tests: people in every role, systems with a benign or a risky profile,
// and a driver that answers an assessment completely and takes it through review.
import { isExposure, isFloor, type AnswerChange, type AssessmentDetail, type Question, type SystemCreateRequest, type ThreatProfile } from '../../electron/contract/index.ts';
import { createCore } from '../../electron/core/create-core.ts';
import type { IdSource } from '../../electron/core/deps.ts';
import { fixedClock, templatesDir, withCalls, type Caller, type CoreHandle, type TestCore } from './core-fixture.ts';

export type { Caller, CoreHandle } from './core-fixture.ts';
export { auditCount, auditRows, query, type AuditRow } from './engine-sql.ts';

/** Sequential ids with a letter after the dash, so a second core on the same file never reuses an id. */
export function prefixedIds(letter: string): IdSource {
  const counters = new Map<string, number>();
  return {
    next(prefix) {
      const n = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, n);
      return `${prefix}-${letter}${String(n).padStart(7, '0')}`;
    },
  };
}

/**
 * A core on an existing database (a restart), with its own clock start and ids: a test core's
 * database on the engine under test, or a SQLite file by its path.
 */
export function coreOn(database: string | TestCore, clockStart: string, ids: IdSource = prefixedIds('R')): CoreHandle {
  if (typeof database !== 'string') return database.reopen(clockStart, ids);
  return withCalls(createCore({ dbPath: database, clock: fixedClock(clockStart), ids, templatesDir }), database);
}

export const reviewerA = { name: 'Dr Ada Reviewer', role: 'reviewer' } as const;
export const reviewerB = { name: 'Ben Reviewer', role: 'reviewer' } as const;
export const chair = { name: 'Chair Carol', role: 'committeeChair' } as const;
export const owner = { name: 'Owner Olu', role: 'riskOwner' } as const;
export const assessorPerson = { name: 'Asha Assessor', role: 'assessor' } as const;

/** The people every governance test needs: two reviewers, a chair (also a reviewer), a risk owner, an assessor. */
export async function addPeople(core: Caller): Promise<void> {
  await core.call('people.save', { name: reviewerA.name, roles: ['reviewer'] });
  await core.call('people.save', { name: reviewerB.name, roles: ['reviewer'] });
  await core.call('people.save', { name: chair.name, roles: ['committeeChair', 'reviewer'] });
  await core.call('people.save', { name: owner.name, roles: ['riskOwner'] });
  await core.call('people.save', { name: assessorPerson.name, roles: ['assessor'] });
}

/**
 * A small on-premises tool that only informs: few exposures before any answer. Its worst
 * credible harm is not recorded, so clinical threats keep their typical impact and safe answers
 * still leave clinician over-reliance at Medium (scoring model 2 keeps it visible).
 */
export const benignSystem: SystemCreateRequest = {
  name: 'Bed-flow forecaster',
  vendor: 'Quiet Analytics',
  modelType: 'predictive',
  deploymentType: 'onPremises',
  autonomyLevel: 'informs',
  dataCategories: [],
  integrationPoints: [],
};

/** The same tool with its worst credible harm recorded as serious and not time-critical: safe answers leave every threat Low. */
export const lowStakesSystem: SystemCreateRequest = { ...benignSystem, name: 'Bed-flow forecaster (low stakes)', worstCredibleHarm: 'serious', timeCritical: false };

/** A generative cloud product that automates decisions on rich patient data. */
export const riskySystem: SystemCreateRequest = {
  name: 'Discharge letter writer',
  vendor: 'Cloudy Gen',
  modelType: 'generative',
  deploymentType: 'vendorCloud',
  autonomyLevel: 'automates',
  dataCategories: ['phi', 'freeText', 'imaging', 'genomic', 'physiological'],
  integrationPoints: ['ehr', 'pacs', 'patientPortal', 'pharmacy'],
};

export type Posture = 'safest' | 'riskiest';

type OptionQuestion = Extract<Question, { options: unknown }>;

const exposure = (o: OptionQuestion['options'][number]) =>
  o.effects.reduce((n, e) => n + (isExposure(e) ? (e.likelihood ?? 0) + (e.impact ?? 0) : isFloor(e) ? (e.floor.likelihood ?? 0) + (e.floor.impact ?? 0) : 0), 0);
const controls = (o: OptionQuestion['options'][number]) => o.effects.filter((e) => 'control' in e).length;

/** The answer a cautious (safest) or careless (riskiest) organisation would give. */
export function answerFor(q: Question, posture: Posture): AnswerChange {
  if (!('options' in q)) {
    if (q.kind === 'number') return { questionId: q.id, value: 1 };
    if (q.kind === 'date') return { questionId: q.id, value: '2026-01-15' };
    return { questionId: q.id, value: 'Documented in the vendor pack.' };
  }
  // Safest: no exposure, most controls. Riskiest: most exposure, fewest controls.
  const rank = (o: OptionQuestion['options'][number]) => (posture === 'safest' ? exposure(o) * 100 - controls(o) : controls(o) * 100 - exposure(o));
  const sorted = [...q.options].sort((a, b) => rank(a) - rank(b));
  if (q.kind === 'multi') {
    const best = rank(sorted[0]!);
    const chosen = posture === 'safest' ? sorted.filter((o) => rank(o) === best) : sorted.filter((o) => exposure(o) > 0);
    return { questionId: q.id, value: (chosen.length > 0 ? chosen : [sorted[0]!]).map((o) => o.value) };
  }
  return { questionId: q.id, value: sorted[0]!.value };
}

const questionsOf = (a: AssessmentDetail) => new Map(a.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions)).map((q) => [q.id, q]));

/**
 * Answers every visible question the assessment has not yet answered (so its required ones
 * too), batch after batch until the questions revealed by earlier answers are answered as well.
 */
export async function answerAll(core: Caller, id: string, posture: Posture = 'safest'): Promise<AssessmentDetail> {
  let detail = await core.call('assessments.get', { id });
  const questions = questionsOf(detail);
  for (let round = 0; round < 10; round++) {
    const answered = new Set(detail.answers.filter((a) => !a.toReconfirm && (a.unknown || a.value !== null)).map((a) => a.questionId));
    const todo = detail.visibleQuestions.filter((q) => !answered.has(q));
    if (todo.length === 0) return detail;
    await core.call('assessments.answer', { id, answers: todo.map((q) => answerFor(questions.get(q)!, posture)) });
    detail = await core.call('assessments.get', { id });
  }
  throw new Error(`${id}: questions kept appearing`);
}

/** Answers only the required questions (again walking those revealed by each batch). */
export async function answerRequired(core: Caller, id: string, posture: Posture = 'safest'): Promise<AssessmentDetail> {
  let detail = await core.call('assessments.get', { id });
  const questions = questionsOf(detail);
  for (let round = 0; round < 10; round++) {
    if (detail.progress.missingRequired.length === 0) return detail;
    await core.call('assessments.answer', { id, answers: detail.progress.missingRequired.map((q) => answerFor(questions.get(q)!, posture)) });
    detail = await core.call('assessments.get', { id });
  }
  throw new Error(`${id}: required questions kept appearing`);
}

const bandOrder = ['low', 'medium', 'high', 'critical'];
const appetite = 'medium';

/**
 * Answers everything safely, then turns answers careless one by one until exactly one threat
 * sits above appetite, in `band`, with every other threat at or under appetite. Returns that
 * threat's id. (Greedy over the installed questionnaires, so it follows template changes.)
 */
export async function answerWithOneRiskAbove(core: Caller, id: string, band: 'high' | 'critical'): Promise<string> {
  const detail = await answerAll(core, id, 'safest');
  const questions = questionsOf(detail);
  const target = bandOrder.indexOf(band);
  const above = (p: ThreatProfile) => p.threats.filter((t) => bandOrder.indexOf(t.residual.band) > bandOrder.indexOf(appetite));
  for (const qid of detail.visibleQuestions) {
    const q = questions.get(qid)!;
    await core.call('assessments.answer', { id, answers: [answerFor(q, 'riskiest')] });
    const over = above(await core.call('assessments.score', { id }));
    if (over.length > 1 || over.some((t) => bandOrder.indexOf(t.residual.band) > target)) {
      await core.call('assessments.answer', { id, answers: [answerFor(q, 'safest')] });
    } else if (over.length === 1 && over[0]!.residual.band === band) break;
  }
  await answerAll(core, id, 'safest');
  const over = above(await core.call('assessments.score', { id }));
  if (over.length !== 1 || over[0]!.residual.band !== band) throw new Error(`${id}: could not leave exactly one ${band} risk (${over.map((t) => `${t.id} ${t.residual.band}`).join(', ')})`);
  return over[0]!.id;
}

export interface DriveOptions {
  posture?: Posture;
  /** Stop after this state (default: approved with two sign-offs). */
  until?: 'answered' | 'submitted' | 'inReview' | 'approved';
}

/** Starts (or continues) an assessment and takes it through answers, submission, review and two approvals. */
export async function driveAssessment(core: Caller, id: string, options: DriveOptions = {}): Promise<void> {
  const until = options.until ?? 'approved';
  await answerAll(core, id, options.posture ?? 'safest');
  if (until === 'answered') return;
  await core.call('workflow.send', { entityId: id, event: 'review.submit' });
  if (until === 'submitted') return;
  await core.call('workflow.send', { entityId: id, event: 'review.start', by: reviewerA });
  if (until === 'inReview') return;
  await core.call('workflow.send', { entityId: id, event: 'review.approve', by: reviewerA, comment: 'Fine.' });
  await core.call('workflow.send', { entityId: id, event: 'review.approve', by: reviewerB, comment: 'Agreed.' });
}

/** A new system taken through procurement, validation and deployment (safest answers) to inUse. */
export async function systemInUse(core: Caller, fields: SystemCreateRequest = benignSystem): Promise<{ systemId: string; assessments: string[] }> {
  const system = await core.call('systems.create', fields);
  const ids: string[] = [];
  for (const stage of ['procurement', 'validation', 'deployment'] as const) {
    const a = await core.call('assessments.start', { systemId: system.id, stage });
    await driveAssessment(core, a.id);
    ids.push(a.id);
  }
  const after = await core.call('systems.get', { id: system.id });
  if (after.lifecycleStage !== 'inUse') throw new Error(`${system.id} is ${after.lifecycleStage}, not inUse`);
  return { systemId: system.id, assessments: ids };
}
