// Small pieces of page logic exported from their components: how a choice maps to an answer
// draft and back, the saved-answer line, section progress in words, model-card import actions,
// whose side of a contradiction, and the system record's rows.
import { describe, expect, it } from 'vitest';
import type { AiSystem, Answer, ModelCardItem } from '../../electron/contract/index.ts';
import { effectiveAnswer, mergeDrafts } from '../../renderer/src/pages/assessments/answer-saver.ts';
import { whose } from '../../renderer/src/pages/assessments/ContradictionsPanel.tsx';
import { draftForChoice, notApplicableChoice, savedLine, specialChoice, unknownChoice } from '../../renderer/src/pages/assessments/QuestionCard.tsx';
import { progressText } from '../../renderer/src/pages/assessments/SectionNav.tsx';
import { fieldRows } from '../../renderer/src/pages/systems/SystemDetailPage.tsx';
import { actionLabel, excerpt } from '../../renderer/src/pages/vendor/ModelCardImport.tsx';

const saved = (patch: Partial<Answer>): Answer => ({
  questionId: 'Q',
  value: null,
  unknown: false,
  notApplicable: false,
  flagged: false,
  source: 'assessor',
  transcribed: false,
  review: null,
  answeredBy: 'Ada',
  answeredAt: '2025-03-04T10:20:30Z',
  toReconfirm: false,
  revision: 1,
  ...patch,
});

describe('choice controls', () => {
  it('maps the special choices to their drafts and any option to a value', () => {
    expect(draftForChoice(unknownChoice)).toEqual({ unknown: true });
    expect(draftForChoice(notApplicableChoice)).toEqual({ notApplicable: true });
    expect(draftForChoice('yes')).toEqual({ value: 'yes' });
  });

  it('shows a special choice as selected only when the answer is one, and a chosen special choice round-trips', () => {
    expect(specialChoice(effectiveAnswer(undefined, undefined))).toBeNull();
    expect(specialChoice(effectiveAnswer(saved({ value: 'yes' }), undefined))).toBeNull();
    for (const choice of [unknownChoice, notApplicableChoice]) {
      expect(specialChoice(effectiveAnswer(saved({ value: 'yes' }), draftForChoice(choice)))).toBe(choice);
    }
    // Choosing an option after "I don't know" clears it.
    const draft = mergeDrafts(draftForChoice(unknownChoice), draftForChoice('no'));
    expect(specialChoice(effectiveAnswer(undefined, draft))).toBeNull();
    expect(effectiveAnswer(undefined, draft).value).toBe('no');
  });

  it('never collides with an option value (options never start with an underscore)', () => {
    expect(unknownChoice.startsWith('_')).toBe(true);
    expect(notApplicableChoice.startsWith('_')).toBe(true);
    expect(unknownChoice).not.toBe(notApplicableChoice);
  });
});

describe('savedLine', () => {
  it('says not answered for no answer, a cleared one or a flag alone', () => {
    expect(savedLine(undefined)).toBe('Not answered yet');
    expect(savedLine(saved({ flagged: true }))).toBe('Not answered yet');
  });

  it('says what was recorded, by whom and whose claim it is', () => {
    expect(savedLine(saved({ value: 'yes' }))).toMatch(/^Answered .* by Ada \(assessor\)$/);
    expect(savedLine(saved({ unknown: true }))).toMatch(/^Marked "I don't know" .* by Ada \(assessor\)$/);
    expect(savedLine(saved({ notApplicable: true }))).toMatch(/^Marked "Not applicable" /);
    expect(savedLine(saved({ value: 'no', source: 'vendor', transcribed: true }))).toMatch(/\(vendor, transcribed\)$/);
  });
});

describe('progressText', () => {
  it('gives answered of asked, then required left and flagged only when there are some', () => {
    expect(progressText({ visible: 5, answered: 3, required: 2, requiredAnswered: 1, flagged: 2 })).toBe('3 of 5 answered · 1 required left · 2 flagged');
    expect(progressText({ visible: 4, answered: 4, required: 2, requiredAnswered: 2, flagged: 0 })).toBe('4 of 4 answered');
    expect(progressText({ visible: 0, answered: 0, required: 0, requiredAnswered: 0, flagged: 0 })).toBe('0 of 0 answered');
  });
});

describe('model card import', () => {
  const item = (action: ModelCardItem['action'], write: boolean) => ({ action, write }) as ModelCardItem;

  it('labels what applying will do to each answer; an overwrite stands out', () => {
    expect(actionLabel(item('fill', true))).toEqual({ label: 'fill', color: 'blue' });
    expect(actionLabel(item('same', false)).label).toBe('already so');
    expect(actionLabel(item('hidden', false)).label).toBe('skipped: not shown');
    expect(actionLabel(item('conflict', true))).toEqual({ label: 'overwrite', color: 'red' });
    expect(actionLabel(item('conflict', false)).label).toBe('keep current answer');
  });

  it('folds long card text to 280 characters and shows lists and nothing in words', () => {
    expect(excerpt('x'.repeat(280))).toBe('x'.repeat(280));
    const long = excerpt('y'.repeat(281));
    expect(long).toHaveLength(280);
    expect(long.endsWith('…')).toBe(true);
    expect(excerpt(['ehr', 'pacs'])).toBe('ehr, pacs');
    expect(excerpt(null)).toBe('—');
    expect(excerpt(3)).toBe('3');
  });
});

describe('contradictions', () => {
  it('says whose answer each side is, and where an inherited one was approved', () => {
    expect(whose({ source: 'assessor' } as Parameters<typeof whose>[0])).toBe("the assessor's finding");
    expect(whose({ source: 'vendor' } as Parameters<typeof whose>[0])).toBe("the vendor's claim");
    expect(whose({ source: 'vendor', fromAssessment: 'ASM-OLD1' } as Parameters<typeof whose>[0])).toBe("the vendor's claim, approved earlier in ASM-OLD1");
  });
});

describe('system record rows', () => {
  const system = {
    id: 'SYS-ABCD',
    name: 'Sepsis',
    vendor: 'Acme',
    owner: '',
    productVersion: '',
    modelVersion: '2.1',
    intendedUse: '',
    clinicalDomain: null,
    intendedUsers: '',
    patientPopulation: '',
    autonomyLevel: 'augments',
    worstCredibleHarm: null,
    timeCritical: false,
    modelType: null,
    dataCategories: [],
    deploymentType: null,
    regulatoryStatus: 'fda510k',
    regulatoryReference: 'K123',
    integrationPoints: ['ehr', 'pacs'],
    createdAt: '2025-01-01T00:00:00Z',
    createdBy: 'ada',
    updatedAt: '2025-01-02T00:00:00Z',
  } as unknown as AiSystem;
  const rows = new Map(fieldRows(system));

  it('says "Not recorded" for every missing detail, and false as "No", not as missing', () => {
    for (const field of ['Owner', 'Product version', 'Intended use', 'Clinical domain', 'Worst credible harm', 'Model type', 'Data categories', 'Deployment']) expect(rows.get(field), field).toBe('Not recorded');
    expect(rows.get('Time-critical condition')).toBe('No');
    expect(new Map(fieldRows({ ...system, timeCritical: null })).get('Time-critical condition')).toBe('Not recorded');
  });

  it('words recorded values with the contract\'s labels', () => {
    expect(rows.get('Model version')).toBe('2.1');
    expect(rows.get('Autonomy')).not.toBe('augments');
    expect(rows.get('Integration points')?.split(', ')).toHaveLength(2);
    expect(rows.get('Regulatory status')).toMatch(/\(K123\)$/);
    expect(rows.get('Registered')).toMatch(/ by ada$/);
    expect(new Map(fieldRows({ ...system, owner: 'Grace Hopper' })).get('Owner')).toBe('Grace Hopper');
  });
});
