// The committee-meeting view's logic: decisions grouped by kind in a fixed order, links to the
// record each concerns, band words, and no internal code ever shown for a value.
import { describe, expect, it } from 'vitest';
import { decisionKindLabels, decisionKinds, recommendationLabels, recommendations, type DecisionItem, type RiskMatrix } from '../../electron/contract/index.ts';
import { hrefFor } from '../../renderer/src/routing/use-hash-route.ts';
import {
  assessmentStatusLabel,
  bandLabel,
  decisionSentence,
  groupDecisions,
  lifecycleLabel,
  overallText,
  refLinkText,
  riskStatusText,
  routeForRef,
} from '../../renderer/src/pages/committee/committee-model.ts';

const item = (kind: DecisionItem['kind'], text: string, due: string | null, ref = 'ASM-AAAA1111'): DecisionItem => ({ kind, text, systemId: 'SYS-ONE', ref, due });

const matrix = {
  bands: [
    { id: 'low', label: 'Low', color: '#2f9e44' },
    { id: 'high', label: 'High', color: '#e8590c' },
  ],
} as unknown as RiskMatrix;

describe('groupDecisions', () => {
  it('groups by kind in the contract order, leaves out kinds with nothing asked, soonest due first and undated last', () => {
    const groups = groupDecisions([
      item('reassessmentDue', 'Re-assess X', '2026-05-01'),
      item('signOffDue', 'Sign off B', null),
      item('signOffDue', 'Sign off A', '2026-03-01'),
      item('reassessmentDue', 'Re-assess Y', '2026-04-01'),
      item('signOffDue', 'Sign off C', '2026-02-01'),
    ]);
    expect(groups.map((g) => g.kind)).toEqual(['signOffDue', 'reassessmentDue']);
    expect(groups[0]?.label).toBe('Sign-offs due');
    expect(groups[0]?.items.map((d) => d.text)).toEqual(['Sign off C', 'Sign off A', 'Sign off B']);
    expect(groups[1]?.items.map((d) => d.text)).toEqual(['Re-assess Y', 'Re-assess X']);
  });

  it('keeps every decision exactly once and the given order among equals', () => {
    const all = decisionKinds.flatMap((k, i) => [item(k, `${k} first`, null), item(k, `${k} second`, null), item(k, `${k} dated`, `2026-01-0${i + 1}`)]);
    const groups = groupDecisions(all);
    expect(groups.map((g) => g.kind)).toEqual([...decisionKinds]);
    expect(groups.flatMap((g) => g.items)).toHaveLength(all.length);
    for (const g of groups) expect(g.items.map((d) => d.text)).toEqual([`${g.kind} dated`, `${g.kind} first`, `${g.kind} second`]);
  });

  it('gives nothing for no decisions', () => {
    expect(groupDecisions([])).toEqual([]);
  });
});

describe('links and words', () => {
  it('links a decision to its assessment, risk or system, and falls back to the system', () => {
    expect(hrefFor(routeForRef('ASM-AB12CD34', 'SYS-ONE'))).toBe('#/assessments/ASM-AB12CD34');
    expect(hrefFor(routeForRef('RSK-0001ABCD', 'SYS-ONE'))).toBe('#/risks/RSK-0001ABCD');
    expect(hrefFor(routeForRef('SYS-7K2M9QXA', 'SYS-ONE'))).toBe('#/systems/SYS-7K2M9QXA');
    expect(hrefFor(routeForRef('something else', 'SYS-ONE'))).toBe('#/systems/SYS-ONE');
    expect(refLinkText('RSK-0001ABCD')).toBe('Open risk RSK-0001ABCD');
    expect(refLinkText('ASM-AB12CD34')).toBe('Open assessment ASM-AB12CD34');
  });

  it('ends a decision with one full stop, its due date before it', () => {
    const iso = (d: string) => `on ${d}`;
    expect(decisionSentence('Sign off the procurement assessment (1 of 2 sign-offs given).', null, iso)).toBe('Sign off the procurement assessment (1 of 2 sign-offs given).');
    expect(decisionSentence('Re-assess X', '2026-05-01', iso)).toBe('Re-assess X — due on 2026-05-01.');
    expect(decisionSentence('Re-assess X. ', '2026-05-01', iso)).toBe('Re-assess X — due on 2026-05-01.');
  });

  it('says bands in the matrix words, "Not scored" for none', () => {
    expect(bandLabel(matrix, 'high')).toBe('High');
    expect(bandLabel(matrix, null)).toBe('Not scored');
    expect(overallText(matrix, { inherent: 'high', residual: 'low' })).toBe('High → Low');
    expect(overallText(matrix, { inherent: null, residual: null })).toBe('Not scored');
  });

  it('labels every recommendation and decision kind, and never shows a camelCase code for a value', () => {
    for (const r of recommendations) expect(recommendationLabels[r]).toMatch(/^[A-Z][a-z]/);
    for (const k of decisionKinds) expect(decisionKindLabels[k]).toMatch(/^[A-Z][a-z]/);
    expect(lifecycleLabel('inUse')).toBe('In use');
    expect(lifecycleLabel('reassessmentDue')).toBe('Re-assessment due');
    expect(assessmentStatusLabel('approvedWithConditions')).toBe('Approved with conditions');
    expect(riskStatusText('acceptanceRequested')).toBe('Acceptance requested');
    // A value no label knows yet still reads as words.
    expect(lifecycleLabel('underSurveillance')).toBe('Under surveillance');
    expect(riskStatusText('constructor')).toBe('Constructor');
  });
});
