// The pure parts of the assessment page for scoring model 2: which questions offer "Not
// applicable", how drafts carry "transcribed" and "Not applicable", and how an exposure beyond
// the 1-5 scale is put into words.
import { describe, expect, it } from 'vitest';
import type { Question, RiskMatrix } from '../../electron/contract/index.ts';
import { effectiveAnswer, mergeDrafts } from '../../renderer/src/pages/assessments/answer-saver.ts';
import { exposureText, isResponded, notApplicableOffered, sourceText, type SystemConditions } from '../../renderer/src/pages/assessments/assessment-model.ts';

const system: SystemConditions = {
  autonomyLevel: 'augments',
  dataCategories: ['phi'],
  deploymentType: 'onPremises',
  integrationPoints: ['ehr'],
  modelType: 'predictive',
  worstCredibleHarm: 'catastrophic',
  timeCritical: true,
};

const question = (notApplicable?: Question['notApplicable']): Question => ({
  id: 'PR-ROB-06',
  text: 'Are queries to the model rate-limited?',
  guidance: 'Model extraction needs many queries.',
  kind: 'yesNo',
  required: false,
  vendorAnswerable: false,
  refs: {},
  ...(notApplicable ? { notApplicable } : {}),
  options: [
    { value: 'yes', label: 'Yes', effects: [{ control: 'C-QUERY-LIMITS' }] },
    { value: 'no', label: 'No', effects: [] },
  ],
});

describe('scoring model 2 on the assessment page', () => {
  it('offers "Not applicable" only when every condition matches the system record', () => {
    expect(notApplicableOffered(question(), system)).toBe(false);
    const inEhr = question({ when: [{ system: 'deploymentType', in: ['onPremises'] }, { system: 'integrationPoints', in: ['ehr', 'pacs'] }], why: 'The score is computed inside the EHR.' });
    expect(notApplicableOffered(inEhr, system)).toBe(true);
    expect(notApplicableOffered(inEhr, { ...system, integrationPoints: ['pacs'] })).toBe(true);
    expect(notApplicableOffered(inEhr, { ...system, integrationPoints: [] })).toBe(false);
    expect(notApplicableOffered(inEhr, undefined)).toBe(false);
    const timeCritical = question({ when: [{ system: 'timeCritical', in: ['no'] }], why: 'Not time-critical.' });
    expect(notApplicableOffered(timeCritical, system)).toBe(false);
    expect(notApplicableOffered(timeCritical, { ...system, timeCritical: false })).toBe(true);
    expect(notApplicableOffered(timeCritical, { ...system, timeCritical: null })).toBe(false);
  });

  it('keeps "transcribed" with its value and drops it for "I don\'t know" or "Not applicable"', () => {
    expect(mergeDrafts({ value: 'no', transcribed: true }, { flagged: true })).toEqual({ value: 'no', transcribed: true, flagged: true });
    expect(mergeDrafts({ value: 'no', transcribed: true }, { value: 'yes' })).toEqual({ value: 'yes' });
    expect(mergeDrafts({ value: 'no', transcribed: true }, { unknown: true })).toEqual({ unknown: true });
    expect(mergeDrafts({ unknown: true }, { notApplicable: true })).toEqual({ notApplicable: true });
    expect(mergeDrafts({ notApplicable: true }, { value: 'yes', transcribed: true })).toEqual({ value: 'yes', transcribed: true });
    const shown = effectiveAnswer(undefined, { notApplicable: true });
    expect(shown).toMatchObject({ value: null, unknown: false, notApplicable: true, transcribed: false });
    expect(isResponded(shown)).toBe(true);
    expect(effectiveAnswer(undefined, { value: 'no', transcribed: true })).toMatchObject({ value: 'no', transcribed: true });
    expect(sourceText({ source: 'vendor', transcribed: true })).toBe('vendor, transcribed');
    expect(sourceText({ source: 'assessor', transcribed: false })).toBe('assessor');
  });

  it('says how an exposure beyond the scale is shown', () => {
    const scale: RiskMatrix['likelihood'] = [1, 2, 3, 4, 5].map((level) => ({ level, label: ['Rare', 'Remote', 'Occasional', 'Probable', 'Frequent'][level - 1] ?? '', description: '' }));
    expect(exposureText(7.5, 5, scale)).toBe('7.5, shown as 5 — Frequent');
    expect(exposureText(1.25, 1, scale)).toBe('1.25, shown as 1 — Rare');
    expect(exposureText(3, 3, scale)).toBe('3 — Occasional');
  });
});
