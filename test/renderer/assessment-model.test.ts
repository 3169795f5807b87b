// The assessment page's pure parts: sections with only the questions asked (hidden ones
// counted), progress per section, where a question lives, threat order, and the small
// formatters the page shows.
import { describe, expect, it } from 'vitest';
import { lifecycleStages, type Answer, type Question, type Questionnaire, type RiskMatrix, type ThreatScore } from '../../electron/contract/index.ts';
import {
  base64ToBytes,
  bandOf,
  bytesToBase64,
  exposureText,
  formatBytes,
  formatEffect,
  isResponded,
  questionsById,
  safeMediaType,
  sectionOfQuestion,
  sectionProgress,
  sectionViews,
  sortThreats,
  stepLabels,
  suggestedStage,
} from '../../renderer/src/pages/assessments/assessment-model.ts';

const q = (id: string, required = false): Question => ({
  id,
  text: `Question ${id}?`,
  guidance: '',
  kind: 'yesNo',
  required,
  vendorAnswerable: false,
  refs: {},
  options: [
    { value: 'yes', label: 'Yes', effects: [{ control: 'C-X' }] },
    { value: 'no', label: 'No', effects: [] },
  ],
});

const questionnaire = (id: string, sections: { id: string; title: string; questions: Question[]; description?: string }[]): Questionnaire =>
  ({ id, version: '1.0.0', stage: 'procurement', kind: 'lifecycle', title: id, description: '', sections }) as Questionnaire;

const answer = (questionId: string, patch: Partial<Answer> = {}): Answer => ({
  questionId,
  value: 'yes',
  unknown: false,
  notApplicable: false,
  flagged: false,
  source: 'assessor',
  transcribed: false,
  review: null,
  answeredBy: 'Ada',
  answeredAt: '2025-01-01T00:00:00Z',
  toReconfirm: false,
  revision: 1,
  ...patch,
});

const snapshots = [
  questionnaire('procurement-core', [
    { id: 'PR-GOV', title: 'Governance', description: 'Who answers for it', questions: [q('PR-GOV-01', true), q('PR-GOV-02'), q('PR-GOV-03', true)] },
    { id: 'PR-SEC', title: 'Security', questions: [q('PR-SEC-01'), q('PR-SEC-02')] },
  ]),
  questionnaire('vendor-core', [{ id: 'VE-DOC', title: 'Documents', questions: [q('VE-DOC-01', true)] }]),
];

describe('sectionViews', () => {
  it('keeps every section of every pinned questionnaire, in order, with the hidden questions counted', () => {
    const views = sectionViews({ questionnaireSnapshots: snapshots, visibleQuestions: ['PR-GOV-01', 'PR-GOV-03', 'VE-DOC-01'] });
    expect(views.map((v) => [v.id, v.questionnaireId, v.questions.map((x) => x.id), v.hidden])).toEqual([
      ['PR-GOV', 'procurement-core', ['PR-GOV-01', 'PR-GOV-03'], 1],
      ['PR-SEC', 'procurement-core', [], 2],
      ['VE-DOC', 'vendor-core', ['VE-DOC-01'], 0],
    ]);
    expect(views[0]?.title).toBe('Governance');
    expect(views[0]?.description).toBe('Who answers for it');
    expect(views[1]?.description).toBeUndefined();
  });

  it('keeps template order whatever order the visible list comes in, and ignores ids no section holds', () => {
    const views = sectionViews({ questionnaireSnapshots: snapshots, visibleQuestions: ['PR-GOV-03', 'NOPE-01', 'PR-GOV-01'] });
    expect(views[0]?.questions.map((x) => x.id)).toEqual(['PR-GOV-01', 'PR-GOV-03']);
    expect(views.reduce((n, v) => n + v.questions.length + v.hidden, 0)).toBe(6);
  });
});

describe('sectionProgress', () => {
  const [gov] = sectionViews({ questionnaireSnapshots: snapshots, visibleQuestions: ['PR-GOV-01', 'PR-GOV-02', 'PR-GOV-03'] });
  if (!gov) throw new Error('fixture');

  it('is all zero answered for a section with no answers', () => {
    expect(sectionProgress(gov, new Map())).toEqual({ visible: 3, answered: 0, required: 2, requiredAnswered: 0, flagged: 0 });
  });

  it('counts a value, "I don\'t know" and "Not applicable" as answered; a cleared value or a flag alone not', () => {
    const answers = new Map([
      ['PR-GOV-01', answer('PR-GOV-01', { value: null, unknown: true })],
      ['PR-GOV-02', answer('PR-GOV-02', { value: null, flagged: true })],
      ['PR-GOV-03', answer('PR-GOV-03', { value: null, notApplicable: true, flagged: true })],
    ]);
    expect(sectionProgress(gov, answers)).toEqual({ visible: 3, answered: 2, required: 2, requiredAnswered: 2, flagged: 2 });
  });

  it('counts only the questions asked: answers to hidden questions do not count', () => {
    const [onlyFirst] = sectionViews({ questionnaireSnapshots: snapshots, visibleQuestions: ['PR-GOV-01'] });
    if (!onlyFirst) throw new Error('fixture');
    const answers = new Map([
      ['PR-GOV-02', answer('PR-GOV-02', { flagged: true })],
      ['PR-GOV-03', answer('PR-GOV-03')],
    ]);
    expect(sectionProgress(onlyFirst, answers)).toEqual({ visible: 1, answered: 0, required: 1, requiredAnswered: 0, flagged: 0 });
  });

  it('counts a "no" and a zero as answers (only null is unanswered)', () => {
    expect(isResponded(answer('X', { value: 'no' }))).toBe(true);
    expect(isResponded(answer('X', { value: 0 }))).toBe(true);
    expect(isResponded(answer('X', { value: '' }))).toBe(true);
    expect(isResponded(answer('X', { value: [] }))).toBe(true);
    expect(isResponded(answer('X', { value: null }))).toBe(false);
    expect(isResponded(undefined)).toBe(false);
  });
});

describe('finding questions', () => {
  it('names the section that holds a question, across questionnaires', () => {
    expect(sectionOfQuestion(snapshots, 'PR-SEC-02')).toBe('PR-SEC');
    expect(sectionOfQuestion(snapshots, 'VE-DOC-01')).toBe('VE-DOC');
    expect(sectionOfQuestion(snapshots, 'XX-YY-01')).toBeUndefined();
  });

  it('indexes every question by id', () => {
    const byId = questionsById(snapshots);
    expect([...byId.keys()]).toEqual(['PR-GOV-01', 'PR-GOV-02', 'PR-GOV-03', 'PR-SEC-01', 'PR-SEC-02', 'VE-DOC-01']);
    expect(byId.get('PR-GOV-03')?.required).toBe(true);
  });
});

describe('sortThreats', () => {
  const threat = (name: string, residual: number, inherent: number): ThreatScore =>
    ({ id: name, name, inherent: { likelihood: 1, impact: 1, score: inherent, band: 'low' }, residual: { likelihood: 1, impact: 1, score: residual, band: 'low' }, trace: [], gaps: [], controls: [] }) as ThreatScore;

  it('puts the highest residual first, then the highest inherent, then by name, without changing its input', () => {
    const input = [threat('Beta', 6, 10), threat('Alpha', 6, 10), threat('Gamma', 12, 12), threat('Delta', 6, 16)];
    expect(sortThreats(input).map((t) => t.name)).toEqual(['Gamma', 'Delta', 'Alpha', 'Beta']);
    expect(input.map((t) => t.name)).toEqual(['Beta', 'Alpha', 'Gamma', 'Delta']);
  });
});

describe('formatting', () => {
  const levels: RiskMatrix['likelihood'] = [1, 2, 3, 4, 5].map((level) => ({ level, label: ['Rare', 'Unlikely', 'Occasional', 'Likely', 'Frequent'][level - 1] ?? '', description: '' })) as RiskMatrix['likelihood'];

  it('shows an exposure on the scale plainly, and one beyond it with what it is shown as', () => {
    expect(exposureText(3, 3, levels)).toBe('3 — Occasional');
    expect(exposureText(7.456, 5, levels)).toBe('7.46, shown as 5 — Frequent');
    expect(exposureText(0.5, 1, levels)).toBe('0.5, shown as 1 — Rare');
    expect(exposureText(4, 4, [])).toBe('4');
  });

  it('writes effects with a sign and a true minus, and a dash for none', () => {
    expect(formatEffect(0)).toBe('—');
    expect(formatEffect(1)).toBe('+1');
    expect(formatEffect(-2)).toBe('−2');
    expect(formatEffect(0.5)).toBe('+0.5');
    expect(formatEffect(-1.5)).toBe('−1.5');
  });

  it('writes sizes in bytes, KB and MB', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1023)).toBe('1023 bytes');
    expect(formatBytes(1024)).toBe('1.0 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(25 * 1024 * 1024)).toBe('25.0 MB');
  });

  it('labels every step of a score explanation', () => {
    for (const step of ['base', 'severity', 'profile', 'exposure', 'unknown', 'inherited', 'clamp', 'control', 'contradiction', 'floor', 'rounding'] as const) {
      expect(stepLabels[step]).toBeTruthy();
    }
  });

  it('finds a band of the matrix by id', () => {
    const matrix = { bands: [{ id: 'low', label: 'Low' }, { id: 'high', label: 'High' }] } as unknown as RiskMatrix;
    expect(bandOf(matrix, 'high')?.label).toBe('High');
    expect(bandOf(matrix, 'extreme')).toBeUndefined();
  });
});

describe('evidence files', () => {
  it('round-trips bytes through base64, including sizes past one chunk', () => {
    const bytes = new Uint8Array(0x8000 * 2 + 17);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) % 256;
    const encoded = bytesToBase64(bytes);
    expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
    expect(base64ToBytes(encoded)).toEqual(bytes);
    expect(bytesToBase64(new Uint8Array())).toBe('');
  });

  it('keeps a well-formed media type and replaces anything else with the generic one', () => {
    expect(safeMediaType('application/pdf')).toBe('application/pdf');
    expect(safeMediaType('image/svg+xml')).toBe('image/svg+xml');
    expect(safeMediaType('')).toBe('application/octet-stream');
    expect(safeMediaType('text/html; charset=utf-8')).toBe('application/octet-stream');
    expect(safeMediaType('pdf')).toBe('application/octet-stream');
    expect(safeMediaType(`application/${'x'.repeat(120)}`)).toBe('application/octet-stream');
  });
});

describe('suggestedStage', () => {
  it('suggests the assessment each lifecycle stage needs next', () => {
    const expected = { procurement: 'procurement', validation: 'validation', deployment: 'deployment', inUse: 'use', reassessmentDue: 'use', retired: 'procurement' } as const;
    for (const stage of lifecycleStages) expect(suggestedStage({ lifecycleStage: stage })).toBe(expected[stage]);
  });
});
