// The Compare page's model: when "Compare selected" may go, a threat's cells in words with the
// lowest residual and above-appetite marks (not colour alone), and the findings headings.
import { describe, expect, it } from 'vitest';
import type { Comparison } from '../../electron/contract/index.ts';
import { candidateLabel, findingsText, selectionProblem, threatRows } from '../../renderer/src/pages/compare/compare-model.ts';
import { parseRoute } from '../../renderer/src/routing/use-hash-route.ts';

const level = (likelihood: number, impact: number, band: string) => ({ likelihood, impact, score: likelihood * impact, band });

const comparison: Comparison = {
  candidates: ['ASM-AAAA1111', 'ASM-BBBB2222'].map((id, i) => ({
    assessmentId: id,
    label: i === 0 ? 'Scribe (Quillwright)' : 'Notes (Scribewell)',
    systemId: `SYS-${i}`,
    systemName: i === 0 ? 'Scribe' : 'Notes',
    vendor: i === 0 ? 'Quillwright' : 'Scribewell',
    productVersion: '1',
    stage: 'procurement',
    title: 'Procurement assessment',
    status: 'inProgress',
    scoringModel: 2,
    questionnaires: [{ id: 'procurement', version: '2.0.0' }],
    overall: { band: 'high', highestResidual: 12 },
    appetite: 'medium',
    answered: 10,
    visible: 20,
  })),
  threats: [
    {
      threatId: 'T-ONE',
      name: 'Threat one',
      cells: [
        { assessmentId: 'ASM-AAAA1111', inherent: level(4, 3, 'high'), residual: level(4, 3, 'high'), aboveAppetite: true },
        { assessmentId: 'ASM-BBBB2222', inherent: level(4, 3, 'high'), residual: level(1, 3, 'low'), aboveAppetite: false },
      ],
      differs: true,
      lowestResidual: ['ASM-BBBB2222'],
      note: 'Residual lowest with Notes (Scribewell) (3 against 12).',
    },
    {
      threatId: 'T-TWO',
      name: 'Threat two',
      cells: [
        { assessmentId: 'ASM-AAAA1111', inherent: level(2, 2, 'low'), residual: level(2, 2, 'low'), aboveAppetite: false },
        { assessmentId: 'ASM-BBBB2222', inherent: null, residual: null, aboveAppetite: false },
      ],
      differs: true,
      lowestResidual: [],
      note: 'Not in the threat catalog pinned by ASM-BBBB2222.',
    },
    {
      threatId: 'T-THREE',
      name: 'Threat three',
      cells: [
        { assessmentId: 'ASM-AAAA1111', inherent: level(1, 1, 'low'), residual: level(1, 1, 'low'), aboveAppetite: false },
        { assessmentId: 'ASM-BBBB2222', inherent: level(1, 1, 'low'), residual: level(1, 1, 'low'), aboveAppetite: false },
      ],
      differs: false,
      lowestResidual: [],
      note: 'The same for every candidate.',
    },
  ],
  answers: [],
  questionsCompared: 0,
  findings: [
    { assessmentId: 'ASM-AAAA1111', gaps: [{ questionId: 'PR-DAT-01', text: 'Q', threats: ['Threat one'] }], contradictions: [{ controlId: 'C-1', controlName: 'Encryption', statement: 'Open: …', open: true }] },
    { assessmentId: 'ASM-BBBB2222', gaps: [], contradictions: [] },
  ],
  templateDifferences: [],
  summary: { lowest: ['ASM-BBBB2222'], statement: 'Notes (Scribewell) leaves the least residual risk.', reasons: [], threatsCompared: 2, standings: [] },
  bands: [
    { id: 'low', label: 'Low', color: '#2f9e44' },
    { id: 'medium', label: 'Medium', color: '#f08c00' },
    { id: 'high', label: 'High', color: '#e03131' },
  ],
  comparedAt: '2026-03-01T09:00:00.000Z',
};

describe('compare model', () => {
  it('lets "Compare selected" go with 2 to 4 assessments and says why not otherwise', () => {
    expect(selectionProblem(0)).toBe('Select 2 to 4 assessments to compare.');
    expect(selectionProblem(1)).toBe('Select 2 to 4 assessments to compare (1 selected).');
    expect(selectionProblem(2)).toBeNull();
    expect(selectionProblem(4)).toBeNull();
    expect(selectionProblem(5)).toBe('Compare at most 4 assessments at once (5 selected).');
  });

  it('words each cell as likelihood × impact = score and band, marking the lowest and above appetite', () => {
    const [one, two] = threatRows(comparison, false);
    expect(one?.cells.map((c) => [c.residual, c.lowest, c.aboveAppetite])).toEqual([
      ['4×3 = 12 High', false, true],
      ['1×3 = 3 Low', true, false],
    ]);
    expect(one?.cells[0]?.inherent).toBe('4×3 = 12 High');
    expect(two?.cells[1]?.residual).toBe('Not in its catalog');
    expect(two?.cells.some((c) => c.lowest)).toBe(false);
  });

  it('keeps only the threats that differ when asked', () => {
    expect(threatRows(comparison, false).map((t) => t.threatId)).toEqual(['T-ONE', 'T-TWO', 'T-THREE']);
    expect(threatRows(comparison, true).map((t) => t.threatId)).toEqual(['T-ONE', 'T-TWO']);
  });

  it('names candidates and their findings', () => {
    expect(candidateLabel(comparison, 'ASM-BBBB2222')).toBe('Notes (Scribewell)');
    expect(findingsText(comparison.findings[0]!)).toBe('1 evidence gap, 1 contradiction (1 open)');
    expect(findingsText(comparison.findings[1]!)).toBe('0 evidence gaps, 0 contradictions');
  });

  it('reads the ids from the address, with spaces and empty parts dropped', () => {
    expect(parseRoute('#/compare?ids=ASM-AAAA1111,%20ASM-BBBB2222,')).toEqual({ page: 'compare', ids: ['ASM-AAAA1111', 'ASM-BBBB2222'] });
    expect(parseRoute('#/compare')).toEqual({ page: 'compare', ids: [] });
  });
});
