import { prng } from '../crash/protocol.ts';
import type { ActingAs, AiSystem, AssessmentDetail, LedgerVerification, Result, SystemHistory, WorkflowState } from '../../electron/contract/index.ts';

/*
 * The bounded load test's workload (issue 15): simulated users, each working on its own system
 * and assessment through whatever transport `call` goes over, with a fixed mix of reads and
 * writes. Every write that was acknowledged is remembered; afterwards the database must hold it
 * (the last acknowledged value of each field, and one ledger entry per acknowledged write) and the
 * ledger must verify. Loops are bounded by count, never by time: the figures it reports are the
 * latencies seen, not a verdict on the machine's speed.
 */

/** One call on the user's own connection (its session, cookie and CSRF token, or a bearer token). */
export type LoadCall = (method: string, input: Record<string, unknown>) => Promise<Result<unknown>>;

export interface LoadUser {
  call: LoadCall;
  /** Whom the calls name on the desktop ("Acting as"); a team server knows it from the session. */
  by?: ActingAs;
}

export type OperationKind = 'read' | 'answer' | 'systemUpdate' | 'workflowEvent';
export const operationKinds: readonly OperationKind[] = ['read', 'answer', 'systemUpdate', 'workflowEvent'];

export interface LoadOptions {
  operationsPerUser: number;
}

export interface LoadOutcome {
  /** Milliseconds per call, by what it did. */
  latencies: Record<OperationKind, number[]>;
  acknowledgedWrites: number;
  /** Writes the server refused, by error code (e.g. CONFLICT): not acknowledged, so not expected. */
  refused: Record<string, number>;
  /** What was acknowledged and then missing or wrong afterwards; empty when all is well. */
  problems: string[];
  ledger: LedgerVerification;
}

async function expectOk<T>(user: LoadUser, method: string, input: Record<string, unknown>): Promise<T> {
  const result = await user.call(method, input);
  if (!result.ok) throw new Error(`${method} was refused: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

const questionsOf = (detail: AssessmentDetail) => detail.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions));

/**
 * Questions whose answers can flip freely without changing which questions are shown: a visible
 * yes/no or single choice that no other question depends on.
 */
function flippableQuestions(detail: AssessmentDetail, count: number): { id: string; values: string[] }[] {
  const questions = questionsOf(detail);
  const parents = new Set(questions.flatMap((q) => (q.showIf && 'question' in q.showIf ? [q.showIf.question] : [])));
  const visible = new Set(detail.visibleQuestions);
  const picked: { id: string; values: string[] }[] = [];
  for (const q of questions) {
    if (picked.length === count) break;
    if (!visible.has(q.id) || parents.has(q.id) || (q.kind !== 'yesNo' && q.kind !== 'choice')) continue;
    const values = q.options.map((o) => o.value);
    if (values.length >= 2) picked.push({ id: q.id, values });
  }
  if (picked.length < count) throw new Error(`only ${picked.length} of ${count} flippable questions in ${detail.id}`);
  return picked;
}

interface UserState {
  user: LoadUser;
  index: number;
  systemId: string;
  assessmentId: string;
  questions: { id: string; values: string[] }[];
  detail: AssessmentDetail;
  /** Last acknowledged answer value per question. */
  answers: Map<string, string>;
  intendedUse: string | null;
  awaitingVendor: boolean;
  acknowledged: { answers: number; systemUpdates: number; workflowEvents: number };
}

/** Each user registers its own system and starts its procurement assessment (not timed). */
async function prepare(user: LoadUser, index: number): Promise<UserState> {
  const by = user.by ? { by: user.by } : {};
  const system = await expectOk<AiSystem>(user, 'systems.create', {
    name: `Load system ${index + 1}`,
    vendor: `Load vendor ${(index % 7) + 1}`,
    intendedUse: 'Bounded load test',
    dataCategories: ['phi'],
    ...by,
  });
  const started = await expectOk<AssessmentDetail>(user, 'assessments.start', { systemId: system.id, stage: 'procurement', ...by });
  return {
    user,
    index,
    systemId: system.id,
    assessmentId: started.id,
    questions: flippableQuestions(started, 6),
    detail: started,
    answers: new Map(),
    intendedUse: null,
    awaitingVendor: false,
    acknowledged: { answers: 0, systemUpdates: 0, workflowEvents: 0 },
  };
}

/** Out of 20 operations: 10 reads, 5 answers, 3 system updates, 2 workflow events. */
function pickKind(random: () => number): OperationKind {
  const n = Math.floor(random() * 20);
  return n < 10 ? 'read' : n < 15 ? 'answer' : n < 18 ? 'systemUpdate' : 'workflowEvent';
}

/** The revision of an answer as the user last read or wrote it; 0 when it has none yet. */
const revisionOf = (detail: AssessmentDetail, questionId: string) => detail.answers.find((a) => a.questionId === questionId)?.revision ?? 0;

async function timed(state: UserState, kind: OperationKind, method: string, input: Record<string, unknown>, outcome: LoadOutcome): Promise<Result<unknown>> {
  const start = performance.now();
  const result = await state.user.call(method, input);
  outcome.latencies[kind].push(performance.now() - start);
  return result;
}

async function work(state: UserState, options: LoadOptions, outcome: LoadOutcome): Promise<void> {
  // The same operations in the same order on every run (and on both engines).
  const random = prng(0x5eed, state.index);
  const by = state.user.by ? { by: state.user.by } : {};
  for (let op = 0; op < options.operationsPerUser; op++) {
    const kind = pickKind(random);
    let method: string;
    let input: Record<string, unknown>;
    let acknowledge: (value: unknown) => void = () => undefined;
    if (kind === 'read') {
      const reads: [string, Record<string, unknown>][] = [
        ['assessments.get', { id: state.assessmentId }],
        ['systems.get', { id: state.systemId }],
        ['workflow.allowed', { entityId: state.assessmentId }],
        ['assessments.list', { systemId: state.systemId }],
        ['systems.list', {}],
      ];
      [method, input] = reads[op % reads.length] ?? reads[0]!;
      if (method === 'assessments.get') acknowledge = (value) => (state.detail = value as AssessmentDetail);
    } else if (kind === 'answer') {
      const question = state.questions[Math.floor(random() * state.questions.length)]!;
      const value = question.values[Math.floor(random() * question.values.length)]!;
      method = 'assessments.answer';
      // As the page does: the revision of the answer as last read, so a stale write is refused.
      input = { id: state.assessmentId, answers: [{ questionId: question.id, value, expectedRevision: revisionOf(state.detail, question.id) }], ...by };
      acknowledge = (result) => {
        state.answers.set(question.id, value);
        state.acknowledged.answers++;
        state.detail = { ...state.detail, answers: (result as { answers: AssessmentDetail['answers'] }).answers };
      };
    } else if (kind === 'systemUpdate') {
      const intendedUse = `Bounded load test, user ${state.index + 1}, operation ${op + 1}`;
      method = 'systems.update';
      input = { id: state.systemId, changes: { intendedUse }, ...by };
      acknowledge = () => {
        state.intendedUse = intendedUse;
        state.acknowledged.systemUpdates++;
      };
    } else {
      // As the page does: show the state and its allowed events (a read), then send one with the
      // revision it showed.
      const shown = await timed(state, 'read', 'workflow.allowed', { entityId: state.assessmentId }, outcome);
      if (!shown.ok) {
        outcome.problems.push(`user ${state.index + 1}: workflow.allowed was refused: ${shown.error.code} ${shown.error.message}`);
        continue;
      }
      method = 'workflow.send';
      const revision = (shown.value as WorkflowState).revision;
      input = { entityId: state.assessmentId, event: state.awaitingVendor ? 'vendor.receive' : 'vendor.request', expectedRevision: revision, ...by };
      acknowledge = () => {
        state.awaitingVendor = !state.awaitingVendor;
        state.acknowledged.workflowEvents++;
      };
    }
    const result = await timed(state, kind, method, input, outcome);
    if (result.ok) {
      acknowledge(result.value);
      if (kind !== 'read') outcome.acknowledgedWrites++;
    } else if (kind === 'read') {
      outcome.problems.push(`user ${state.index + 1}: ${method} was refused: ${result.error.code} ${result.error.message}`);
    } else {
      outcome.refused[result.error.code] = (outcome.refused[result.error.code] ?? 0) + 1;
    }
  }
}

/** What the database holds now against what each user was told was written. */
async function verify(state: UserState, problems: string[]): Promise<void> {
  const who = `user ${state.index + 1}`;
  const detail = await expectOk<AssessmentDetail>(state.user, 'assessments.get', { id: state.assessmentId });
  for (const [questionId, value] of state.answers) {
    const stored = detail.answers.find((a) => a.questionId === questionId);
    if (stored?.value !== value) problems.push(`${who}: ${questionId} holds ${JSON.stringify(stored?.value ?? null)}, the last acknowledged answer was "${value}"`);
  }
  const system = await expectOk<AiSystem>(state.user, 'systems.get', { id: state.systemId });
  if (state.intendedUse !== null && system.intendedUse !== state.intendedUse) {
    problems.push(`${who}: intended use is "${system.intendedUse}", the last acknowledged update was "${state.intendedUse}"`);
  }
  const workflow = await expectOk<WorkflowState>(state.user, 'workflow.allowed', { entityId: state.assessmentId });
  const expectedState = state.awaitingVendor ? 'awaitingVendor' : state.acknowledged.answers + state.acknowledged.workflowEvents > 0 ? 'inProgress' : 'draft';
  if (workflow.state !== expectedState) problems.push(`${who}: the assessment is ${workflow.state}, expected ${expectedState}`);
  const history = await expectOk<SystemHistory>(state.user, 'systems.history', { id: state.systemId });
  const count = (actions: string[]) => history.ledger.filter((e) => actions.includes(e.action)).length;
  const expected: [string[], number][] = [
    [['assessment.answered'], state.acknowledged.answers],
    [['system.updated'], state.acknowledged.systemUpdates],
    [['vendor.request', 'vendor.receive'], state.acknowledged.workflowEvents],
  ];
  for (const [actions, n] of expected) {
    const found = count(actions);
    if (found !== n) problems.push(`${who}: the ledger holds ${found} ${actions.join('/')} entries, ${n} were acknowledged`);
  }
}

/**
 * Prepares every user (sequentially), runs all of them at once, then checks every acknowledged
 * write and the ledger. Throws only when preparing fails; what goes wrong under load is reported.
 */
export async function runLoad(users: readonly LoadUser[], options: LoadOptions): Promise<LoadOutcome> {
  const states: UserState[] = [];
  for (const [index, user] of users.entries()) states.push(await prepare(user, index));
  const outcome: LoadOutcome = {
    latencies: { read: [], answer: [], systemUpdate: [], workflowEvent: [] },
    acknowledgedWrites: 0,
    refused: {},
    problems: [],
    ledger: { ok: false, length: 0, head: '' },
  };
  await Promise.all(states.map((state) => work(state, options, outcome)));
  for (const state of states) await verify(state, outcome.problems);
  const first = users[0];
  if (first) outcome.ledger = await expectOk<LedgerVerification>(first, 'audit.verify', {});
  if (!outcome.ledger.ok) outcome.problems.push(`the ledger does not verify: ${JSON.stringify(outcome.ledger.firstBad)}`);
  return outcome;
}

/** p50 and p95 of a set of samples (nearest rank). */
export function percentiles(samples: readonly number[]): { p50: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
  return { p50: at(0.5), p95: at(0.95) };
}
