// A refusal from the core lands on the field it is about: the paths the contract's own schemas
// report (treatment.owner, conditions.0.due, description) are placed on the treatment, sign-off
// and change/incident forms exactly where those forms show errors.
import { describe, expect, it } from 'vitest';
import { RecordChangeInput, RiskTreatInput, toFieldIssues, WorkflowSendInput } from '../../electron/contract/index.ts';
import { issuesOnForm } from '../../renderer/src/components/form-issues.ts';

const issuesOf = (parsed: { success: boolean; error?: unknown }) => {
  if (parsed.success) throw new Error('expected a refusal');
  return toFieldIssues(parsed.error as Parameters<typeof toFieldIssues>[0]);
};

describe('issuesOnForm', () => {
  it('places a risks.treat refusal on the treatment form (owner, plan, action rows)', () => {
    const issues = issuesOf(
      RiskTreatInput.safeParse({
        id: 'RSK-ABCD',
        treatment: { kind: 'mitigate', owner: ' ', plan: '', actions: [{ text: 'Patch', owner: 'Ada', due: '2025-06-01' }, { text: '', owner: 'Ada', due: 'soon' }] },
      }),
    );
    const placed = issuesOnForm(issues, ['owner', 'plan'], { prefix: 'treatment.', rows: 'actions' });
    expect(placed.fields.owner).toBe('Owner is required');
    expect(placed.fields.plan).toMatch(/^[A-Z]/);
    expect(Object.keys(placed.rows).sort()).toEqual(['1.due', '1.text']);
    expect(placed.rows['1.due']).toBe('Dates are YYYY-MM-DD');
  });

  it('places a sign-off refusal on the comment and the condition rows', () => {
    const issues = issuesOf(
      WorkflowSendInput.safeParse({
        entityId: 'ASM-ABCD',
        event: 'review.approveWithConditions',
        comment: 'c'.repeat(5001),
        conditions: [{ text: 'Retrain', owner: '', due: '2025-06-01' }],
      }),
    );
    const placed = issuesOnForm(issues, ['comment'], { rows: 'conditions' });
    expect(Object.keys(placed.fields)).toEqual(['comment']);
    expect(placed.rows).toEqual({ '0.owner': 'Condition owner is required' });
  });

  it('places a recordChange refusal on the change form\'s own fields, and leaves the rest to the notice', () => {
    const issues = issuesOf(RecordChangeInput.safeParse({ systemId: 'nope', kind: 'modelVersion', description: '', occurredAt: '1 June' }));
    const placed = issuesOnForm(issues, ['kind', 'description', 'modelVersion', 'provenance', 'datasetDigest', 'changeNotice', 'occurredAt']);
    expect(placed.fields).toEqual({ description: 'Description is required', occurredAt: 'Dates are YYYY-MM-DD' });
    expect(placed.rows).toEqual({});
    // The system id is not on the form: the issue exists but is not placed.
    expect(issues.some((i) => i.path === 'systemId')).toBe(true);
  });

  it('keeps the first message for a field, and ignores paths outside the prefix', () => {
    const placed = issuesOnForm(
      [
        { path: 'treatment.owner', message: 'owner is required' },
        { path: 'treatment.owner', message: 'owner must be text' },
        { path: 'owner', message: 'not under the prefix' },
        { path: 'treatment.actionsX.0', message: 'not the list' },
        { path: '', message: 'whole input' },
      ],
      ['owner'],
      { prefix: 'treatment.', rows: 'actions' },
    );
    expect(placed).toEqual({ fields: { owner: 'Owner is required' }, rows: {} });
  });
});
