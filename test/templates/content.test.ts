import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Question, Questionnaire, TemplateSet } from '../../electron/contract/index.ts';
import { computeCoverage } from '../../electron/core/templates/coverage.ts';
import { loadTemplateSet } from '../../electron/core/templates/load-template-set.ts';
import { templatesDir } from '../support/core-fixture.ts';

/** The shipped content, held to what issue #3 and the seed articles ask of it. */
let set: TemplateSet;
beforeAll(() => {
  const loaded = loadTemplateSet(templatesDir);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems.slice(0, 5), null, 2));
  set = loaded.set;
});

const questionnaire = (id: string): Questionnaire => {
  const q = set.questionnaires.find((x) => x.id === id);
  if (!q) throw new Error(`no questionnaire ${id}`);
  return q;
};
const questionsOf = (id: string): Question[] => questionnaire(id).sections.flatMap((s) => s.questions);
const refsOf = (questions: Question[], framework: 'hti1' | 'chai' | 'mds2') => new Set(questions.flatMap((q) => q.refs[framework] ?? []));

describe('shipped templates', () => {
  it('has at least 20 threats and 40 controls, each well described', () => {
    expect(set.threats.threats.length).toBeGreaterThanOrEqual(20);
    expect(set.controls.controls.length).toBeGreaterThanOrEqual(40);
    for (const t of set.threats.threats) {
      expect(t.clinicalConsequence.length, t.id).toBeGreaterThan(40);
      expect(t.refs.nistAiRmf?.length ?? 0, `${t.id} cites NIST AI RMF`).toBeGreaterThan(0);
    }
  });

  it('covers every seed-table threat with a catalog threat', () => {
    const ids = new Set(set.threats.threats.map((t) => t.id));
    const seedRows = [
      ['T-PHI-BREACH'], // breach of training or live data
      ['T-BIAS'],
      ['T-ADVERSARIAL-INPUT'],
      ['T-DATA-POISONING', 'T-LLM-POISONING'],
      ['T-MODEL-THEFT'],
      ['T-MEMBERSHIP-INFERENCE', 'T-MODEL-INVERSION'],
      ['T-OPACITY'],
      ['T-CASCADE'],
      ['T-DEVICE-COMPROMISE', 'T-DEVICE-UNPATCHED'],
      ['T-DRIFT', 'T-FEEDBACK-LOOP'],
      ['T-PROMPT-INJECTION', 'T-UNSAFE-GENAI-OUTPUT'],
      ['T-SUPPLY-CHAIN'],
      ['T-OVER-RELIANCE', 'T-CLINICIAN-READINESS'],
      ['T-GOVERNANCE-GAP'],
      ['T-AI-DOS'],
    ];
    for (const row of seedRows) for (const id of row) expect(ids, id).toContain(id);
    // Every seed article is cited by at least one threat.
    const seeds = new Set(set.threats.threats.flatMap((t) => t.seeds));
    expect([...seeds].sort()).toEqual(['000', '001', '002']);
  });

  it('has four lifecycle questionnaires of 30-80 questions and a vendor questionnaire of at least 60', () => {
    for (const stage of ['procurement', 'validation', 'deployment', 'use'] as const) {
      const q = set.questionnaires.find((x) => x.kind === 'lifecycle' && x.stage === stage);
      expect(q, stage).toBeDefined();
      const n = q?.sections.flatMap((s) => s.questions).length ?? 0;
      expect(n, stage).toBeGreaterThanOrEqual(30);
      expect(n, stage).toBeLessThanOrEqual(80);
    }
    const vendor = questionsOf('vendor-transparency');
    expect(vendor.length).toBeGreaterThanOrEqual(60);
    expect(vendor.every((q) => q.vendorAnswerable)).toBe(true);
  });

  it('puts every vendor-answerable question to the vendor in the vendor\'s words (issue 17)', () => {
    const asked = set.questionnaires.flatMap((q) => q.sections.flatMap((s) => s.questions.filter((x) => x.vendorAnswerable).map((x) => ({ kind: q.kind, question: x }))));
    expect(asked.length).toBeGreaterThanOrEqual(119);
    for (const { kind, question } of asked) {
      const words = `${question.vendorText ?? ''} ${question.vendorGuidance ?? ''}`;
      expect(words, question.id).not.toMatch(/\b(Has|Does|Can|Will|Did) the vendor\b|\bAsk (the vendor|for)\b|\bthe vendor's\b/);
      // A lifecycle question speaking of the vendor (to the assessor) is rewritten; the vendor questionnaire already spoke to the vendor.
      if (kind === 'lifecycle' && /\bvendor\b/.test(question.text)) expect(question.vendorText, question.id).not.toBe(question.text);
      const labels = 'options' in question ? question.options.map((o) => o.vendorLabel ?? o.label) : [];
      expect(labels.filter((l) => /\bvendor('s)?\b/i.test(l) && !/equipment vendors/.test(l)), question.id).toEqual([]);
    }
  });

  it('covers all 31 HTI-1 source attributes, the CHAI model card sections and MDS2 capabilities in the vendor questionnaire', () => {
    const vendor = questionsOf('vendor-transparency');
    const hti1 = refsOf(vendor, 'hti1');
    for (let n = 1; n <= 31; n++) expect(hti1, `HTI1-SA-${n}`).toContain(`HTI1-SA-${String(n).padStart(2, '0')}`);
    const chaiSections = set.references.items.filter((r) => r.framework === 'chai').map((r) => r.id);
    expect(chaiSections.length).toBeGreaterThanOrEqual(9);
    for (const id of chaiSections) expect(refsOf(vendor, 'chai'), id).toContain(id);
    expect(refsOf(vendor, 'mds2').size).toBeGreaterThanOrEqual(15);
  });

  it('asks the vendor the AI-specific questions', () => {
    const text = questionsOf('vendor-transparency')
      .map((q) => `${q.text} ${q.guidance}`)
      .join('\n')
      .toLowerCase();
    for (const topic of ['provenance', 'poison', 'adversarial', 'extraction', 'change control', 'incident', 'bill of materials', 'sbom']) {
      expect(text, topic).toContain(topic);
    }
  });

  it('asks about clinician readiness in deployment and routine use', () => {
    for (const id of ['deployment', 'use']) {
      const text = questionsOf(id)
        .map((q) => q.text)
        .join('\n')
        .toLowerCase();
      expect(text, `${id}: training`).toMatch(/train/);
      expect(text, `${id}: drift or manipulation`).toMatch(/drift|manipulat/);
      expect(text, `${id}: escalation`).toMatch(/escalat|report/);
      const credited = new Set(questionsOf(id).flatMap((q) => ('options' in q ? q.options.flatMap((o) => o.effects) : q.answeredEffects)).flatMap((e) => ('control' in e ? [e.control] : [])));
      expect(credited).toContain('C-CLINICIAN-TRAINING');
      expect(credited).toContain('C-ESCALATION-PATH');
    }
  });

  it('branches generative and device questions on the system record', () => {
    for (const q of set.questionnaires) {
      const conditions = q.sections.flatMap((s) => s.questions).flatMap((x) => (x.showIf && 'system' in x.showIf ? [x.showIf] : []));
      expect(conditions.some((c) => c.system === 'modelType' && c.in.includes('generative')), `${q.id} generative`).toBe(true);
      expect(conditions.some((c) => c.system === 'deploymentType' && c.in.includes('embeddedDevice')), `${q.id} device`).toBe(true);
    }
  });

  it('touches every catalog threat in the procurement and routine-use questionnaires (coverage)', () => {
    const coverage = computeCoverage(set);
    expect(coverage.threats.map((t) => t.id).sort()).toEqual(set.threats.threats.map((t) => t.id).sort());
    for (const t of coverage.threats) {
      expect(t.byQuestionnaire.procurement, `${t.id} in procurement`).toBeGreaterThan(0);
      expect(t.byQuestionnaire.use, `${t.id} in use`).toBeGreaterThan(0);
      expect(t.total).toBe(Object.values(t.byQuestionnaire).reduce((a, b) => a + b, 0));
    }
  });

  it('has a 5 × 5 matrix with ISO 14971-style wording, four bands and an appetite', () => {
    const m = set.matrix;
    expect(m.impact.map((i) => i.label)).toEqual(['Negligible', 'Minor', 'Serious', 'Critical', 'Catastrophic']);
    expect(m.likelihood.map((l) => l.label)).toEqual(['Improbable', 'Remote', 'Occasional', 'Probable', 'Frequent']);
    expect(m.bands.map((b) => b.label)).toEqual(['Low', 'Medium', 'High', 'Critical']);
    expect(m.bands.map((b) => b.id)).toContain(m.appetite);
    // Bands never fall as likelihood or impact rise.
    const rank = (band: string) => m.bands.findIndex((b) => b.id === band);
    for (let l = 0; l < 5; l++) {
      for (let i = 0; i < 5; i++) {
        if (l > 0) expect(rank(m.cells[l]![i]!)).toBeGreaterThanOrEqual(rank(m.cells[l - 1]![i]!));
        if (i > 0) expect(rank(m.cells[l]![i]!)).toBeGreaterThanOrEqual(rank(m.cells[l]![i - 1]!));
      }
    }
  });

  it('writes every file with an id and a semver version', () => {
    for (const file of ['catalog/threats.json', 'catalog/controls.json', 'catalog/profile-effects.json', 'catalog/references.json', 'matrices/default.json']) {
      const data = JSON.parse(readFileSync(join(templatesDir, file), 'utf8')) as { id?: unknown; version?: unknown };
      expect(typeof data.id, file).toBe('string');
      expect(String(data.version), file).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });
});
