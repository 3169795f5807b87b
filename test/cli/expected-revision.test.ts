// --expected-revision on `vigil assessments answer` and `vigil workflow send`: a stale write is
// refused (exit 1) naming who changed it, nothing is written; without it the last writer wins.
import { describe, expect, it } from 'vitest';
import type { AssessmentDetail, WorkflowState } from '../../electron/contract/index.ts';
import { benignSystem, coreOn, prefixedIds } from '../support/governance-fixture.ts';
import { useTempDatabase, vigil, type CliRun } from '../support/run-cli.ts';

let db = '';
useTempDatabase((paths) => ({ db } = paths));

const run = (args: string[]): CliRun => vigil([...args, '--db', db]);
const json = <T>(args: string[]): T => {
  const r = run([...args, '--json']);
  if (r.code !== 0) throw new Error(`vigil ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
};

/** A system and a draft assessment, seeded in-process; returns the assessment and one free-text question. */
async function seed(): Promise<{ id: string; question: string }> {
  const core = coreOn(db, new Date(Date.now() - 3_600_000).toISOString(), prefixedIds('Q'));
  try {
    const system = await core.call('systems.create', benignSystem);
    const started = await core.call('assessments.start', { systemId: system.id, stage: 'procurement' });
    const questions = started.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions));
    const text = questions.find((q) => !('options' in q) && q.kind === 'text' && started.visibleQuestions.includes(q.id))!;
    return { id: started.id, question: text.id };
  } finally {
    core.close();
  }
}

const answerOf = (id: string, question: string) => json<AssessmentDetail>(['assessments', 'show', id]).answers.find((a) => a.questionId === question);

describe('vigil --expected-revision', () => {
  it('guards an answer: the revision read is accepted, a stale one refused naming the changer, a bad one is a usage error', async () => {
    const { id, question } = await seed();
    expect(run(['assessments', 'answer', id, '--set', `${question}=first`]).code).toBe(0);
    expect(answerOf(id, question)).toMatchObject({ value: 'first', revision: 1 });
    const second = run(['assessments', 'answer', id, '--set', `${question}=second`, '--expected-revision', '1']);
    expect(second.code).toBe(0);
    expect(run(['assessments', 'show', id]).stdout).toMatch(new RegExp(`${question} .*second.* 2\\s*\\n`));

    const stale = run(['assessments', 'answer', id, '--set', `${question}=stale`, '--expected-revision', '1']);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toBe('');
    expect(stale.stderr).toMatch(new RegExp(`os:\\S+ changed the answer to ${question} at \\d{2}:\\d{2} UTC on \\d{4}-\\d{2}-\\d{2} \\(revision 2; you edited revision 1\\)\\. Reload to see their answer`));
    expect(answerOf(id, question)).toMatchObject({ value: 'second', revision: 2 });

    const bad = run(['assessments', 'answer', id, '--set', `${question}=x`, '--expected-revision', 'two']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--expected-revision takes a whole number');
    const many = run(['assessments', 'answer', id, '--set', `${question}=x`, '--flag', 'Q-OTHER', '--expected-revision', '2']);
    expect(many.code).toBe(2);
    expect(many.stderr).toContain('--expected-revision guards one answer');
    // Without it: last writer wins.
    expect(run(['assessments', 'answer', id, '--set', `${question}=last`]).code).toBe(0);
    expect(answerOf(id, question)).toMatchObject({ value: 'last', revision: 3 });
  });

  it('guards a workflow event and shows the revision to send', async () => {
    const { id, question } = await seed();
    expect(run(['workflow', 'show', id]).stdout).toBe(`${id} is draft (revision 1). Allowed now: vendor.request.\n`);
    expect(run(['assessments', 'answer', id, '--set', `${question}=begun`]).code).toBe(0);
    const stale = run(['workflow', 'send', id, 'vendor.request', '--expected-revision', '1']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(new RegExp(`changed the workflow state of ${id} at .* \\(revision 2; you edited revision 1\\)`));
    expect(json<WorkflowState>(['workflow', 'show', id])).toMatchObject({ state: 'inProgress', revision: 2 });
    const sent = run(['workflow', 'send', id, 'vendor.request', '--expected-revision', '2']);
    expect(sent).toMatchObject({ code: 0, stdout: `${id} is awaitingVendor (revision 3). Allowed now: vendor.receive.\n` });
  });
});
