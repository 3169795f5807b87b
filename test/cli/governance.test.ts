// The governance commands of the built `vigil` binary: people and settings, workflow events with
// --actor/--role, the risk register, changes, incidents and history, and the exit codes
// (0 done, 1 refused with the reason on stderr, 2 usage error).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnswerChange, AssessmentDetail, Person, Risk, RiskPage, Settings, SystemHistory, TriggerResult, WorkflowState } from '../../electron/contract/index.ts';
import {
  addPeople,
  answerFor,
  answerWithOneRiskAbove,
  benignSystem,
  coreOn,
  prefixedIds,
  reviewerA,
  reviewerB,
  systemInUse,
  type CoreHandle,
} from '../support/governance-fixture.ts';
import { useTempDatabase, vigil, type CliRun } from '../support/run-cli.ts';

// Each test spawns the binary dozens of times: about 30 s on a loaded two-core machine, so the
// limit only catches a hang.

let dir = '';
let db = '';
useTempDatabase((paths) => ({ dir, db } = paths));

const run = (args: string[]): CliRun => vigil([...args, '--db', db]);
const json = <T>(args: string[]): T => {
  const r = run([...args, '--json']);
  if (r.code !== 0) throw new Error(`vigil ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
};
const expectRefusal = (r: CliRun, code: 1 | 2, stderr: string | RegExp) => {
  expect(r.stdout).toBe('');
  expect(r.code).toBe(code);
  if (typeof stderr === 'string') expect(r.stderr).toContain(stderr);
  else expect(r.stderr).toMatch(stderr);
};

/**
 * Seeds the CLI's database in-process. The CLI runs on the system clock, so the seeding clock
 * starts an hour ago (it moves a second per reading) to keep seeded records in the past.
 */
async function seed<T>(body: (core: CoreHandle) => Promise<T>): Promise<T> {
  const core = coreOn(db, new Date(Date.now() - 3_600_000).toISOString(), prefixedIds('Q'));
  try {
    return await body(core);
  } finally {
    core.close();
  }
}

/** Answers an assessment through `vigil assessments answer --file`, until nothing visible is left. */
function answerEverything(id: string) {
  for (let round = 0; round < 10; round++) {
    const d = json<AssessmentDetail>(['assessments', 'show', id]);
    const questions = new Map(d.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions)).map((q) => [q.id, q]));
    const answered = new Set(d.answers.map((a) => a.questionId));
    const todo: AnswerChange[] = d.visibleQuestions.filter((q) => !answered.has(q)).map((q) => answerFor(questions.get(q)!, 'safest'));
    if (todo.length === 0) return;
    const file = join(dir, `answers-${round}.json`);
    writeFileSync(file, JSON.stringify(todo));
    expect(run(['assessments', 'answer', id, '--file', file]).code).toBe(0);
  }
  throw new Error('questions kept appearing');
}

describe('vigil people, settings and workflow', () => {
  it('adds people, sets one sign-off, and takes an assessment through review with --actor/--role', () => {
    const added = run(['people', 'add', '--name', 'Dr Ada Reviewer', '--roles', 'reviewer']);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^Added Dr Ada Reviewer \(PER-[0-9A-Z]+\) as reviewer\n$/);
    expect(run(['people', 'add', '--name', 'Owner Olu', '--roles', 'riskOwner']).code).toBe(0);
    expectRefusal(run(['people', 'add', '--name', 'Owner Olu', '--roles', 'assessor']), 1, 'already in the list of people');
    expectRefusal(run(['people', 'add', '--name', 'Sam', '--roles', 'boss']), 1, 'role must be one of');
    expect(json<Person[]>(['people', 'list']).map((p) => [p.name, p.roles])).toEqual([
      ['Dr Ada Reviewer', ['reviewer']],
      ['Owner Olu', ['riskOwner']],
    ]);

    const set = run(['settings', 'set', '--sign-offs', '1']);
    expect(set).toMatchObject({ code: 0, stdout: 'Settings saved.\n' });
    expect(json<Settings>(['settings', 'show']).signOffsRequired).toBe(1);
    expect(run(['settings', 'show']).stdout).toMatch(/Sign-offs required\s+1/);
    expectRefusal(run(['settings', 'set', '--sign-offs', '0']), 1, 'signOffsRequired');
    // The vendor contact a Word questionnaire names (issue 17); "none" removes it.
    expect(run(['settings', 'set', '--vendor-contact', 'AI Procurement Desk;ai.procurement@hospital.example;+44 20 7946 0001']).code).toBe(0);
    expect(json<Settings>(['settings', 'show']).vendorContact).toEqual({ name: 'AI Procurement Desk', email: 'ai.procurement@hospital.example', telephone: '+44 20 7946 0001' });
    expect(run(['settings', 'show']).stdout).toMatch(/Vendor contact\s+AI Procurement Desk, ai.procurement@hospital.example, \+44 20 7946 0001/);
    expectRefusal(run(['settings', 'set', '--vendor-contact', 'Desk;not-an-email']), 1, 'the contact email must look like name@example.org');
    expectRefusal(run(['settings', 'set', '--vendor-contact', 'Desk only']), 2, '--vendor-contact takes');
    expect(run(['settings', 'set', '--vendor-contact', 'none']).code).toBe(0);
    expect(json<Settings>(['settings', 'show']).vendorContact).toBeNull();

    const system = json<{ id: string }>(['systems', 'add', '--name', 'Sepsis early warning', '--vendor', 'Northwind', '--deployment', 'onPremises', '--autonomy', 'informs', '--model-type', 'predictive']);
    const assessment = json<AssessmentDetail>(['assessments', 'start', '--system', system.id, '--stage', 'procurement']);
    expect(assessment.review.requiredSignOffs).toBe(1);

    // Refused by the core: exit 1 with the state and the events allowed on stderr.
    expectRefusal(run(['workflow', 'send', assessment.id, 'review.submit']), 1, `vigil: ${assessment.id} is draft; review.submit is not allowed now. Allowed now: vendor.request.`);
    const asJson = run(['workflow', 'send', assessment.id, 'review.submit', '--json']);
    expect(asJson.code).toBe(1);
    expect(JSON.parse(asJson.stderr)).toMatchObject({ error: { code: 'TRANSITION_REFUSED', details: { state: 'draft', allowed: ['vendor.request'] } } });

    answerEverything(assessment.id);
    const submitted = run(['workflow', 'send', assessment.id, 'review.submit']);
    expect(submitted).toMatchObject({ code: 0, stdout: `${assessment.id} is submitted (revision 3). Allowed now: review.start.\n` });

    const queue = run(['reviews', 'queue', '--actor', 'Dr Ada Reviewer']);
    expect(queue.code).toBe(0);
    expect(queue.stdout).toContain('Awaiting Dr Ada Reviewer (reviewer)');
    expect(queue.stdout).toContain(assessment.id);
    expect(queue.stdout).toContain('Submitted: start the review');
    expect(run(['reviews', 'queue', '--actor', 'Nobody']).stdout).toContain('Nobody is not in the list of people');

    // Usage errors: exit 2.
    expectRefusal(run(['workflow', 'send', assessment.id, 'review.start', '--actor', 'Dr Ada Reviewer']), 2, 'vigil: --actor and --role go together\nUsage: vigil workflow send');
    expectRefusal(run(['workflow', 'send', assessment.id, 'review.start', '--role', 'reviewer']), 2, '--actor and --role go together');
    expectRefusal(run(['workflow', 'send', assessment.id]), 2, 'takes 2 argument(s), got 1');
    expectRefusal(run(['workflow', 'send', assessment.id, 'review.approve', '--actor', 'A', '--role', 'reviewer', '--condition', 'no owner']), 2, '--condition takes "text|owner|YYYY-MM-DD"');
    expectRefusal(run(['workflow', 'send', assessment.id, 'review.start', '--actor', 'Dr Ada Reviewer', '--role', 'reviewer', '--bogus']), 2, 'Unknown option');
    expectRefusal(run(['reviews', 'queue']), 2, '--actor NAME is required');
    // A bad event name is refused by the contract: exit 1.
    expectRefusal(run(['workflow', 'send', assessment.id, 'review.bless']), 1, 'event must be one of');

    const started = run(['workflow', 'send', assessment.id, 'review.start', '--actor', 'Dr Ada Reviewer', '--role', 'reviewer']);
    expect(started).toMatchObject({ code: 0, stdout: expect.stringContaining(`${assessment.id} is inReview (revision 4).`) as string });
    expectRefusal(run(['workflow', 'send', assessment.id, 'review.approve', '--actor', 'Owner Olu', '--role', 'riskOwner']), 1, 'Owner Olu is acting as riskOwner');
    expectRefusal(run(['workflow', 'send', assessment.id, 'review.approve', '--actor', 'Owner Olu', '--role', 'reviewer']), 1, 'does not hold the reviewer role');

    const approved = json<WorkflowState>(['workflow', 'send', assessment.id, 'review.approve', '--actor', 'Dr Ada Reviewer', '--role', 'reviewer', '--comment', 'Complete.']);
    expect(approved).toEqual({ entityId: assessment.id, kind: 'assessment', state: 'approved', allowedEvents: [], revision: 5 });
    const detail = json<AssessmentDetail>(['assessments', 'show', assessment.id]);
    expect(detail.review.signOffs).toMatchObject([{ name: 'Dr Ada Reviewer', role: 'reviewer', decision: 'approve', comment: 'Complete.' }]);
    expect(run(['workflow', 'show', system.id]).stdout).toBe(`${system.id} is validation (revision 2). Allowed now: lifecycle.retire.\n`);
  });
});

describe('vigil risks', () => {
  it('lists with filters, refuses a risk owner accepting a high risk, treats with --action and accepts a medium risk', async () => {
    const { systemId } = await seed(async (core) => {
      await addPeople(core);
      const system = await core.call('systems.create', benignSystem);
      const a = await core.call('assessments.start', { systemId: system.id, stage: 'procurement' });
      await answerWithOneRiskAbove(core, a.id, 'high');
      await core.call('workflow.send', { entityId: a.id, event: 'review.submit' });
      await core.call('workflow.send', { entityId: a.id, event: 'review.start', by: reviewerA });
      await core.call('workflow.send', { entityId: a.id, event: 'review.approve', by: reviewerA });
      await core.call('workflow.send', { entityId: a.id, event: 'review.approve', by: reviewerB });
      return { systemId: system.id };
    });

    const all = json<RiskPage>(['risks', 'list']).rows;
    const high = all.find((r) => r.band === 'high')!;
    const medium = all.find((r) => r.band === 'medium')!;
    expect(high).toBeDefined();
    expect(medium).toBeDefined();
    expect(json<RiskPage>(['risks', 'list', '--band', 'high']).rows.map((r) => r.id)).toEqual([high.id]);
    expect(json<RiskPage>(['risks', 'list', '--system-id', systemId, '--status', 'identified']).rows.map((r) => r.id).sort()).toEqual(all.map((r) => r.id).sort());
    expect(json<RiskPage>(['risks', 'list', '--status', 'planned'])).toMatchObject({ rows: [], total: 0 });
    const table = run(['risks', 'list', '--band', 'high']);
    expect(table.stdout).toContain(high.id);
    expect(table.stdout).toContain('high !');

    expectRefusal(
      run(['risks', 'accept', high.id, '--actor', 'Owner Olu', '--role', 'riskOwner', '--rationale', 'Pilot', '--expiry', '2099-01-01']),
      1,
      'Only committeeChair may accept a high risk',
    );
    expectRefusal(run(['risks', 'treat', high.id, '--kind', 'mitigate', '--owner', 'Owner Olu', '--plan', 'Fix', '--action', 'just text']), 2, '--action takes "text|owner|YYYY-MM-DD"');
    expectRefusal(run(['risks', 'treat', high.id, '--kind', 'mitigate', '--owner', 'Owner Olu', '--plan', 'Fix']), 1, 'A mitigation needs at least one action');
    expect(run(['workflow', 'show', systemId]).stdout).toContain('is procurement');

    const treated = run([
      'risks', 'treat', high.id, '--kind', 'mitigate', '--owner', 'Owner Olu', '--plan', 'Committee review of governance',
      '--action', 'Present at committee|Owner Olu|2020-01-15', '--action', 'Minute the decision|Chair Carol|2099-02-01',
      '--actor', 'Owner Olu', '--role', 'riskOwner',
    ]);
    expect(treated.code).toBe(0);
    expect(treated.stdout).toMatch(/Status\s+planned/);
    expect(treated.stdout).toMatch(/action 1\s+Present at committee — Owner Olu, due 2020-01-15/);
    expect(run(['workflow', 'show', systemId]).stdout).toContain('is validation');

    expect(json<RiskPage>(['risks', 'list', '--owner', 'Owner Olu']).rows.map((r) => r.id)).toEqual([high.id]);
    expect(json<RiskPage>(['risks', 'list', '--overdue']).rows.map((r) => [r.id, r.dueDate])).toEqual([[high.id, '2020-01-15']]);
    expect(run(['risks', 'list', '--overdue']).stdout).toContain('OVERDUE');

    const accepted = json<Risk>(['risks', 'accept', medium.id, '--actor', 'Owner Olu', '--role', 'riskOwner', '--rationale', 'Within appetite', '--expiry', '2099-01-01']);
    expect(accepted).toMatchObject({ status: 'accepted', acceptance: { rationale: 'Within appetite', expiry: '2099-01-01', grantedBy: { name: 'Owner Olu', role: 'riskOwner' } } });
    expect(run(['risks', 'show', medium.id]).stdout).toMatch(/Acceptance\s+Within appetite \(expires 2099-01-01, granted by Owner Olu as riskOwner\)/);
    expectRefusal(run(['risks', 'accept', medium.id, '--actor', 'Owner Olu']), 2, '--actor and --role go together');

    // Bulk owner: one person for several risks; an unknown person or risk is refused, nothing written.
    const assigned = run(['risks', 'assign-owner', high.id, medium.id, '--owner', 'chair carol', '--actor', 'Chair Carol', '--role', 'committeeChair']);
    expect(assigned.code).toBe(0);
    expect(assigned.stdout).toBe(`Chair Carol now owns 2 risk(s): ${[high.id, medium.id].sort().join(', ')}.\n`);
    expectRefusal(run(['risks', 'assign-owner', high.id, '--owner', 'Nobody Here']), 1, 'must be an active person in People');
    expectRefusal(run(['risks', 'assign-owner', high.id, 'RSK-MISSING1', '--owner', 'Owner Olu']), 1, 'No risk with id RSK-MISSING1');
    expect(json<RiskPage>(['risks', 'list', '--owner', 'Chair Carol', '--sort', 'dueDate', '--direction', 'asc']).rows.map((r) => r.id)).toEqual([high.id, medium.id]);
    const page = run(['risks', 'list', '--limit', '1', '--page', '2', '--sort', 'dueDate', '--direction', 'asc']);
    expect(page.stdout).toContain(medium.id);
    expect(page.stdout).toMatch(new RegExp(`^Rows 2–2 of ${all.length}\\n`));
    expectRefusal(run(['risks', 'list', '--page', '2', '--offset', '5']), 2, 'give --page or --offset, not both');
  });
});

describe('vigil changes, incidents and history', () => {
  it('records a change and an incident on an in-use system and shows the history', async () => {
    const { systemId } = await seed(async (core) => {
      await addPeople(core);
      return systemInUse(core, { ...benignSystem, modelVersion: '1.0' });
    });

    const change = run(['systems', 'record-change', systemId, '--kind', 'modelVersion', '--description', 'Retrained on 2025 data', '--model-version', '2.0', '--change-notice', 'CN-9', '--date', '2026-01-05']);
    expect(change.code).toBe(0);
    expect(change.stdout).toMatch(new RegExp(`^Recorded modelVersion EVT-\\w+ for ${systemId}; lifecycle stage now reassessmentDue\\.\\nRe-assessment: ASM-\\w+`));
    expectRefusal(run(['systems', 'record-change', systemId, '--kind', 'firmware', '--description', 'x']), 1, 'kind must be one of');

    const incident = json<TriggerResult>(['incidents', 'report', '--system', systemId, '--kind', 'suspectedManipulation', '--description', 'Odd outputs on ward 4', '--date', '2026-01-09']);
    expect(incident).toMatchObject({ lifecycleStage: 'reassessmentDue', event: { kind: 'suspectedManipulation', occurredAt: '2026-01-09' } });
    expectRefusal(run(['incidents', 'report', '--kind', 'driftAlert', '--description', 'x']), 2, '--system ID is required');

    const history = json<SystemHistory>(['systems', 'history', systemId]);
    expect(history.lifecycle.state).toBe('reassessmentDue');
    expect(history.events.map((e) => [e.occurredAt, e.kind, e.modelVersion])).toEqual([
      ['2026-01-05', 'modelVersion', '2.0'],
      ['2026-01-09', 'suspectedManipulation', ''],
    ]);
    expect(history.events.map((e) => e.assessmentId)).toEqual([incident.assessmentId, incident.assessmentId]);
    expect(history.ledger.map((l) => l.action)).toEqual(expect.arrayContaining(['lifecycle.reassessmentDue', 'system.changeRecorded', 'incident.reported']));
    const text = run(['systems', 'history', systemId]);
    expect(text.stdout).toContain(`${systemId} is reassessmentDue (revision `);
    expect(text.stdout).toContain('Changes and incidents');
    expect(text.stdout).toContain('Retrained on 2025 data');
    expect(json<{ modelVersion: string }>(['systems', 'show', systemId]).modelVersion).toBe('2.0');
  });
});
