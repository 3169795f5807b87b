import { describe, expect, it } from 'vitest';
import type { Recommendation } from '../../../electron/contract/index.ts';
import { acceptability, outputDrives } from '../../../electron/core/committee/acceptability.ts';
import { changesSince, maxChanges } from '../../../electron/core/committee/changes-since.ts';
import { decisionsFor, reassessment } from '../../../electron/core/committee/decisions.ts';
import type { AssessmentFacts, LedgerFact, PolicyFacts, RiskFacts, SystemFacts } from '../../../electron/core/committee/facts.ts';
import { recommend } from '../../../electron/core/committee/recommend.ts';
import { currentAssessments, supersededBy } from '../../../electron/core/rules/current-assessments.ts';

/*
 * The committee's rules as tables of facts → recommendation and reasons, without a database
 * (xstate-style: pure functions, every row a situation a committee meets).
 */

const policy: PolicyFacts = {
  today: '2026-03-01',
  appetite: 'medium',
  bands: [
    { id: 'low', label: 'Low' },
    { id: 'medium', label: 'Medium' },
    { id: 'high', label: 'High' },
    { id: 'critical', label: 'Critical' },
  ],
};

const level = (band: string) => ({ likelihood: 4, impact: 4, score: 16, band });

function assessment(overrides: Partial<AssessmentFacts> & { signOffs?: AssessmentFacts['review']['signOffs'] } = {}): AssessmentFacts {
  const { signOffs = [], ...rest } = overrides;
  return {
    id: 'ASM-00000001',
    systemId: 'SYS-00000001',
    stage: 'validation',
    title: 'Local validation assessment',
    status: 'approved',
    createdAt: '2026-01-10T09:00:00.000Z',
    overall: { band: 'medium', highestResidual: 6 },
    review: { requiredSignOffs: 2, signOffs, approvals: signOffs.filter((s) => s.decision.startsWith('approve')).length, submittedAt: '2026-01-20T09:00:00.000Z', decidedAt: '2026-01-25T09:00:00.000Z' },
    progress: { missingRequired: [] },
    highestInherent: 'high',
    ...rest,
  };
}

const signOff = (name: string, decision: 'approve' | 'approveWithConditions' | 'return' | 'reject', extra: { comment?: string; conditions?: { text: string; owner: string; due: string }[] } = {}) => ({
  name,
  role: 'reviewer',
  decision,
  comment: extra.comment ?? '',
  conditions: extra.conditions ?? [],
  at: '2026-01-25T09:00:00.000Z',
});

function risk(overrides: Partial<RiskFacts> = {}): RiskFacts {
  return {
    id: 'RSK-00000001',
    assessmentId: 'ASM-00000001',
    systemId: 'SYS-00000001',
    threatName: 'Training data poisoning',
    inherent: level('critical'),
    residual: level('high'),
    band: 'high',
    aboveAppetite: true,
    status: 'identified',
    owner: 'James Chen',
    treatment: null,
    acceptance: null,
    dueDate: null,
    ...overrides,
  };
}

function facts(overrides: Partial<SystemFacts> & { stage?: SystemFacts['system']['lifecycleStage'] } = {}): SystemFacts {
  const { stage = 'validation', ...rest } = overrides;
  return {
    system: {
      id: 'SYS-00000001',
      name: 'Sepsis early warning',
      vendor: 'Northwind',
      lifecycleStage: stage,
      intendedUse: 'Flags patients at risk of sepsis',
      intendedUsers: 'Emergency department nurses',
      patientPopulation: 'Adults in the emergency department',
      autonomyLevel: 'informs',
      modelVersion: '2.1',
      reassessmentDue: null,
      createdAt: '2026-01-01T09:00:00.000Z',
    },
    assessments: [assessment({ signOffs: [signOff('Tom Okafor', 'approve'), signOff('Hannah Weiss', 'approve')] })],
    risks: [],
    events: [],
    ledger: [],
    registers: [],
    ...rest,
  };
}

const accepted = (by: string, requestedBy: string, expiry = '2026-09-01') => ({
  status: 'accepted',
  acceptance: { rationale: 'Pilot only', expiry, requestedBy, grantedBy: { name: by, role: 'committeeChair', at: '2026-02-01T09:00:00.000Z' } },
});
const planned = { status: 'planned', treatment: { kind: 'mitigate', owner: 'James Chen', plan: 'Monitor drift', actions: [{ text: 'Set up drift alerts', owner: 'IT', due: '2026-04-01' }] }, dueDate: '2026-04-01' };

describe('the recommendation, from the facts', () => {
  const table: { name: string; facts: SystemFacts; expected: Recommendation; reasons: RegExp[] }[] = [
    {
      name: 'approved, every risk within appetite → approve',
      facts: facts({ risks: [risk({ band: 'medium', residual: level('medium'), aboveAppetite: false })] }),
      expected: 'approve',
      reasons: [/^The local validation assessment was approved by Tom Okafor \(Reviewer\) and Hannah Weiss \(Reviewer\) on 2026-01-25\.$/],
    },
    {
      name: 'rejected → do not approve, with the reviewer and comment',
      facts: facts({ assessments: [assessment({ status: 'rejected', signOffs: [signOff('Tom Okafor', 'reject', { comment: 'No local validation data' })] })] }),
      expected: 'doNotApprove',
      reasons: [/was rejected by Tom Okafor \(Reviewer\) on 2026-01-25: No local validation data\.$/],
    },
    {
      name: 'a risk above appetite with neither treatment nor acceptance → do not approve, even though approved',
      facts: facts({ risks: [risk()] }),
      expected: 'doNotApprove',
      reasons: [/^1 residual risk above the appetite \(Medium\) has neither a treatment nor an acceptance: "Training data poisoning" \(High\)\.$/],
    },
    {
      name: 'an acceptance that was turned down is no decision → do not approve',
      facts: facts({ risks: [risk({ status: 'rejected' })] }),
      expected: 'doNotApprove',
      reasons: [/neither a treatment nor an acceptance/],
    },
    {
      name: 'in review, 1 of 2 sign-offs → not ready, sign-offs missing',
      facts: facts({ assessments: [assessment({ status: 'inReview', signOffs: [signOff('Tom Okafor', 'approve')] })] }),
      expected: 'notReady',
      reasons: [/^The local validation assessment is not yet approved: it is in review\.$/, /^Sign-offs missing: 1 of 2 given\.$/],
    },
    {
      name: 'in progress with required questions unanswered → not ready, says how many',
      facts: facts({ assessments: [assessment({ status: 'inProgress', progress: { missingRequired: ['VA-DATA-01', 'VA-DATA-02', 'VA-PERF-03'] } })] }),
      expected: 'notReady',
      reasons: [/^The local validation assessment is not yet submitted \(In progress\)\.$/, /^3 required questions are unanswered in the local validation assessment\.$/],
    },
    {
      name: 'no assessment of the stage the system is at → not ready',
      facts: facts({ stage: 'deployment' }),
      expected: 'notReady',
      reasons: [/^The deployment assessment has not been started\.$/],
    },
    {
      name: 'an acceptance awaiting a decision → not ready',
      facts: facts({ risks: [risk({ status: 'acceptanceRequested', acceptance: { rationale: 'Pilot', expiry: '2026-09-01', requestedBy: 'Maria Lopez' } })] }),
      expected: 'notReady',
      reasons: [/^The acceptance of "Training data poisoning" \(High\), requested by Maria Lopez, awaits a decision\.$/],
    },
    {
      name: 'approved with conditions → with conditions, the conditions listed with owner and date',
      facts: facts({
        assessments: [
          assessment({
            status: 'approvedWithConditions',
            signOffs: [signOff('Tom Okafor', 'approveWithConditions', { conditions: [{ text: 'Report sensitivity by age band', owner: 'Maria Lopez', due: '2026-02-15' }] }), signOff('Hannah Weiss', 'approve')],
          }),
        ],
      }),
      expected: 'approveWithConditions',
      reasons: [/was approved with conditions by Tom Okafor \(Reviewer\) and Hannah Weiss \(Reviewer\)/, /^1 condition of approval remains open \(1 overdue\): "Report sensitivity by age band" \(Maria Lopez, due 2026-02-15\)\.$/],
    },
    {
      name: 'approved, a risk above appetite accepted → with conditions, the approval first',
      facts: facts({ risks: [risk(accepted('Dr Priya Raman', 'Maria Lopez'))] }),
      expected: 'approveWithConditions',
      reasons: [/was approved by/, /^"Training data poisoning" \(High\) is above the appetite and accepted by Dr Priya Raman until 2026-09-01\.$/],
    },
    {
      name: 'approved, a planned treatment not yet done → with conditions',
      facts: facts({ risks: [risk(planned)] }),
      expected: 'approveWithConditions',
      reasons: [/was approved by/, /^The treatment of "Training data poisoning" \(High\) is planned but not yet done \(owner James Chen, due 2026-04-01\)\.$/],
    },
    {
      name: 'an accepted risk whose acceptance has expired is undecided again → do not approve',
      facts: facts({ risks: [risk(accepted('Dr Priya Raman', 'Maria Lopez', '2026-02-01'))] }),
      expected: 'doNotApprove',
      reasons: [/neither a treatment nor an acceptance/],
    },
    {
      name: 'a verified treatment leaves nothing to decide → approve',
      facts: facts({ risks: [risk({ status: 'verified' })] }),
      expected: 'approve',
      reasons: [/was approved by/],
    },
    {
      name: "a superseded assessment's risks do not count: the newer approved one decides → approve",
      facts: facts({
        assessments: [
          assessment({ id: 'ASM-00000001', createdAt: '2026-01-01T09:00:00.000Z', status: 'rejected' }),
          assessment({ id: 'ASM-00000002', createdAt: '2026-02-01T09:00:00.000Z', signOffs: [signOff('Tom Okafor', 'approve')] }),
        ],
        risks: [risk({ assessmentId: 'ASM-00000001' })],
      }),
      expected: 'approve',
      reasons: [/approved by Tom Okafor/],
    },
    {
      name: 'retired → not ready',
      facts: facts({ stage: 'retired' }),
      expected: 'notReady',
      reasons: [/^The system is retired: there is nothing to approve\.$/],
    },
  ];
  for (const row of table) {
    it(row.name, () => {
      const { recommendation, reasons } = recommend(row.facts, policy);
      expect(recommendation).toBe(row.expected);
      expect(reasons).toHaveLength(row.reasons.length);
      row.reasons.forEach((pattern, i) => expect(reasons[i]).toMatch(pattern));
    });
  }
});

describe('the rule for current assessments', () => {
  const a = (id: string, stage: string, createdAt: string, status = 'approved') => ({ id, systemId: 'SYS-1', stage, createdAt, status });
  it('keeps the latest of each stage, by created time then id, and says which supersedes which', () => {
    const list = [
      a('ASM-A', 'procurement', '2026-01-01T00:00:00.000Z'),
      a('ASM-B', 'procurement', '2026-02-01T00:00:00.000Z'),
      a('ASM-C', 'validation', '2026-01-05T00:00:00.000Z'),
      a('ASM-E', 'validation', '2026-03-01T00:00:00.000Z'),
      a('ASM-D', 'validation', '2026-03-01T00:00:00.000Z'),
    ];
    expect(currentAssessments(list).map((x) => x.id).sort()).toEqual(['ASM-B', 'ASM-E']);
    const superseded = supersededBy(list);
    expect(Object.fromEntries([...superseded].map(([id, by]) => [id, by.id]))).toEqual({ 'ASM-A': 'ASM-B', 'ASM-C': 'ASM-E', 'ASM-D': 'ASM-E' });
  });
  it('a draft supersedes nothing: the last submitted one of its stage stays current until the draft is submitted', () => {
    const approved = a('ASM-A', 'use', '2026-01-01T00:00:00.000Z');
    const draft = a('ASM-B', 'use', '2026-02-01T00:00:00.000Z', 'inProgress');
    expect(currentAssessments([approved, draft]).map((x) => x.id)).toEqual(['ASM-A']);
    expect(supersededBy([approved, draft]).get('ASM-B')?.id).toBe('ASM-A');
    // Once submitted it takes over.
    expect(currentAssessments([approved, { ...draft, status: 'submitted' }]).map((x) => x.id)).toEqual(['ASM-B']);
    // A stage with drafts only is represented by its latest draft.
    expect(currentAssessments([a('ASM-C', 'validation', '2026-01-01', 'draft'), a('ASM-D', 'validation', '2026-02-01', 'inProgress')]).map((x) => x.id)).toEqual(['ASM-D']);
  });
  it('keeps systems apart: the same stage of two systems is two current assessments', () => {
    expect(currentAssessments([a('ASM-A', 'use', '2026-01-01'), { ...a('ASM-B', 'use', '2026-02-01'), systemId: 'SYS-2' }])).toHaveLength(2);
  });
});

describe('acceptability against the appetite', () => {
  it('is acceptable within the appetite, conditional with decisions, not acceptable without, unknown when unscored or an open assessment looks worse', () => {
    expect(acceptability([risk({ band: 'medium', aboveAppetite: false })], [], true, policy)).toEqual({ acceptable: true, statement: 'Acceptable: the highest residual risk is Medium, within the appetite (Medium).' });
    expect(acceptability([risk(planned), risk({ id: 'RSK-2', ...accepted('A', 'B') })], [], true, policy)).toEqual({
      acceptable: true,
      statement: 'Acceptable with conditions: 2 residual risks above the appetite (Medium) remain, 1 accepted by an authorised role until a set date and 1 with a treatment planned or under way.',
    });
    expect(acceptability([risk()], [], true, policy)).toMatchObject({ acceptable: false, statement: expect.stringMatching(/^Not acceptable: 1 residual risk above the appetite \(Medium\) has neither/) });
    expect(acceptability([], [], false, policy).acceptable).toBe(false);
    expect(acceptability([], [{ stage: 'procurement', band: 'critical' }], true, policy)).toMatchObject({
      acceptable: false,
      statement: expect.stringMatching(/^Not yet known: the procurement assessment is still open and, as answered so far, its highest residual risk is Critical/),
    });
  });
});

describe('what the output drives', () => {
  it('says who decides, from the autonomy level and the users', () => {
    expect(outputDrives({ autonomyLevel: 'informs', intendedUsers: 'Emergency department nurses' })).toBe('Information for emergency department nurses to take into account; a person makes every decision.');
    expect(outputDrives({ autonomyLevel: 'automates', intendedUsers: 'ICU nurses' })).toMatch(/^Actions taken without a person reviewing each one; ICU nurses oversee it/);
    expect(outputDrives({ autonomyLevel: null, intendedUsers: '' })).toBe('Not recorded: the autonomy level is not set.');
  });
});

describe('decisions asked of the committee', () => {
  const kinds = (f: SystemFacts) => decisionsFor(f, policy).map((d) => d.kind);
  it('asks for sign-off of an assessment in review', () => {
    const items = decisionsFor(facts({ assessments: [assessment({ status: 'inReview', signOffs: [signOff('Tom Okafor', 'approve')] })] }), policy);
    expect(items).toEqual([{ kind: 'signOffDue', text: 'Sign off the local validation assessment of Sepsis early warning (1 of 2 sign-offs given).', systemId: 'SYS-00000001', ref: 'ASM-00000001', due: null }]);
  });
  it('lists every risk above appetite without a decision, and none that has one', () => {
    const f = facts({ risks: [risk({ id: 'RSK-1' }), risk({ id: 'RSK-2', ...planned }), risk({ id: 'RSK-3', status: 'acceptanceRequested', acceptance: { rationale: 'x', expiry: '2026-09-01', requestedBy: 'Maria Lopez' } })] });
    const items = decisionsFor(f, policy).filter((d) => d.kind === 'aboveAppetiteUndecided');
    expect(items.map((d) => d.ref)).toEqual(['RSK-1', 'RSK-3']);
    expect(items[1]?.text).toBe('Decide whether to accept the high risk "Training data poisoning" of Sepsis early warning (local validation assessment) (requested by Maria Lopez, until 2026-09-01).');
  });
  it('flags acceptances expiring within 30 days or expired, and self-granted ones', () => {
    const f = facts({
      risks: [
        risk({ id: 'RSK-SOON', ...accepted('Dr Priya Raman', 'Dr Priya Raman', '2026-03-20') }),
        risk({ id: 'RSK-LATER', ...accepted('Dr Priya Raman', 'Maria Lopez', '2026-06-01') }),
        risk({ id: 'RSK-GONE', ...accepted('Dr Priya Raman', 'Maria Lopez', '2026-02-01'), status: 'identified' }),
      ],
    });
    const items = decisionsFor(f, policy);
    expect(items.filter((d) => d.kind === 'acceptanceExpiring').map((d) => [d.ref, d.due])).toEqual([
      ['RSK-SOON', '2026-03-20'],
      ['RSK-GONE', '2026-02-01'],
    ]);
    expect(items.find((d) => d.ref === 'RSK-GONE' && d.kind === 'acceptanceExpiring')?.text).toMatch(/expired on 2026-02-01/);
    // The expired one is asked about once, as an expired acceptance, not again as undecided.
    expect(items.filter((d) => d.ref === 'RSK-GONE')).toHaveLength(1);
    expect(items.filter((d) => d.kind === 'selfGrantedAcceptance').map((d) => d.ref)).toEqual(['RSK-SOON']);
    // The same person written differently is still the same person (the signers rule).
    expect(kinds(facts({ risks: [risk(accepted('dr  priya RAMAN', 'Dr Priya Raman'))] }))).toContain('selfGrantedAcceptance');
  });
  it('asks for conditions due within 30 days, not later ones', () => {
    const conditions = [
      { text: 'Soon', owner: 'A', due: '2026-03-15' },
      { text: 'Later', owner: 'B', due: '2026-09-15' },
    ];
    const f = facts({ assessments: [assessment({ status: 'approvedWithConditions', signOffs: [signOff('Tom Okafor', 'approveWithConditions', { conditions })] })] });
    expect(decisionsFor(f, policy).filter((d) => d.kind === 'conditionDue').map((d) => d.due)).toEqual(['2026-03-15']);
  });
  it('says why a re-assessment is due: a model change, an expired acceptance, or the date', () => {
    const madeDue = (reason: string, at = '2026-02-20T10:00:00.000Z'): LedgerFact => ({ seq: 9, at, actor: 'os:root', action: 'lifecycle.reassessmentDue', entity: 'SYS-00000001', payload: { from: 'inUse', to: 'reassessmentDue', reason } });
    const event = { id: 'EVT-1', systemId: 'SYS-00000001', kind: 'modelVersion' as const, description: 'Retrained on new data', modelVersion: '3.0', provenance: '', datasetDigest: '', changeNotice: '', occurredAt: '2026-02-19', recordedBy: 'os:root', recordedAt: '2026-02-20T10:00:00.000Z', assessmentId: null };
    const changed = facts({ stage: 'reassessmentDue', ledger: [madeDue('modelVersion: Retrained on new data')], events: [event] });
    expect(reassessment(changed, policy)).toEqual({ due: '2026-02-20', why: 'New model version (3.0) recorded on 2026-02-19: Retrained on new data' });
    expect(decisionsFor(changed, policy).find((d) => d.kind === 'reassessmentDue')?.text).toBe('Re-assess Sepsis early warning (due 2026-02-20): New model version (3.0) recorded on 2026-02-19: Retrained on new data');
    const expired = facts({ stage: 'reassessmentDue', ledger: [madeDue('a risk acceptance expired')], risks: [risk({ ...accepted('A', 'B', '2026-02-10'), status: 'identified' })] });
    expect(reassessment(expired, policy).why).toBe('The acceptance of "Training data poisoning" expired on 2026-02-10.');
    const incident = facts({ stage: 'reassessmentDue', ledger: [madeDue('driftAlert: Sensitivity fell', '2026-02-21T00:00:00.000Z')] });
    expect(reassessment(incident, policy).why).toBe('Drift alert: Sensitivity fell');
    const scheduled = facts({ system: { ...facts().system, reassessmentDue: '2026-02-01' } });
    expect(decisionsFor(scheduled, policy).find((d) => d.kind === 'reassessmentDue')).toMatchObject({ due: '2026-02-01', text: 'Re-assess Sepsis early warning (due 2026-02-01): The scheduled re-assessment date (2026-02-01) has passed.' });
    expect(kinds(facts({ system: { ...facts().system, reassessmentDue: '2026-12-01' } }))).not.toContain('reassessmentDue');
  });
});

describe('changes since the last approval or register', () => {
  const entry = (seq: number, at: string, action: string, entity: string, payload: Record<string, unknown>, actor = 'Maria Lopez (assessor)'): LedgerFact => ({ seq, at, actor, action, entity, payload });
  it('lists only what came after the later of the approval and the register, in words, newest last', () => {
    const f = facts({
      registers: [{ at: '2026-02-01T00:00:00.000Z', version: 3 }],
      ledger: [
        entry(1, '2026-01-30T00:00:00.000Z', 'system.updated', 'SYS-00000001', { changes: { intendedUse: 'x' } }),
        entry(2, '2026-02-02T00:00:00.000Z', 'assessment.answered', 'ASM-00000001', { answers: [{}, {}] }),
        entry(3, '2026-02-03T00:00:00.000Z', 'assessment.answered', 'ASM-00000001', { answers: [{}] }, 'Aisha Bello (assessor)'),
        entry(4, '2026-02-04T00:00:00.000Z', 'system.changeRecorded', 'SYS-00000001', { kind: 'modelVersion', modelVersion: '3.0', description: 'Retrained' }, 'os:root'),
        entry(5, '2026-02-05T00:00:00.000Z', 'incident.reported', 'SYS-00000001', { kind: 'securityIncident', description: 'Credential leak' }),
        entry(6, '2026-02-06T00:00:00.000Z', 'review.approve', 'ASM-00000001', { from: 'inReview', to: 'approved', signOff: { name: 'Tom Okafor', decision: 'approve', comment: 'Fine.' } }, 'Tom Okafor (reviewer)'),
      ],
    });
    const result = changesSince(f);
    expect(result.since).toBe('2026-02-01T00:00:00.000Z');
    expect(result.sinceWhat).toBe('the register of 2026-02-01 (version 3)');
    expect(result.changes).toEqual([
      { at: '2026-02-03T00:00:00.000Z', by: 'Maria Lopez (Assessor), Aisha Bello (Assessor)', what: '3 answers given or changed in the local validation assessment.' },
      { at: '2026-02-04T00:00:00.000Z', by: 'os:root (no person chosen)', what: 'New model version (3.0): Retrained' },
      { at: '2026-02-05T00:00:00.000Z', by: 'Maria Lopez (Assessor)', what: 'Security incident: Credential leak' },
      { at: '2026-02-06T00:00:00.000Z', by: 'Tom Okafor (Reviewer)', what: 'The local validation assessment: In review → Approved (Tom Okafor: Approve — Fine).' },
    ]);
    expect(JSON.stringify(result)).not.toMatch(/inReview|modelVersion|securityIncident|\(assessor\)/);
  });
  it('caps a long list, keeping the newest and saying how many are left out', () => {
    const ledger = Array.from({ length: 40 }, (_, i) => entry(i, `2026-02-${String(Math.floor(i / 2) + 1).padStart(2, '0')}T${String(10 + (i % 2)).padStart(2, '0')}:00:00.000Z`, 'incident.reported', 'SYS-00000001', { kind: 'driftAlert', description: `Alert ${i}` }));
    const { changes, since } = changesSince(facts({ assessments: [], ledger }));
    expect(since).toBeNull();
    expect(changes).toHaveLength(maxChanges);
    expect(changes[0]?.what).toBe(`${40 - (maxChanges - 1)} earlier changes not listed here: see the system's history.`);
    expect(changes.at(-1)?.what).toBe('Drift alert: Alert 39');
  });
});
