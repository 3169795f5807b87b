import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TemplateProblem } from '../../../electron/contract/index.ts';
import { lintTemplatesDir } from '../../../electron/core/templates/lint-template-set.ts';
import { loadTemplateSet } from '../../../electron/core/templates/load-template-set.ts';
import { tempDir } from '../../support/core-fixture.ts';
import { minimalTemplates, writeTemplates, type TemplateFixture } from '../../support/template-fixture.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('vigil-lint-'));
});
afterEach(() => cleanup());

type Q = { sections: { questions: Record<string, unknown>[] }[] };
const procurement = (t: TemplateFixture) => t.questionnaires.procurement as unknown as Q;
const question = (t: TemplateFixture, n: number) => procurement(t).sections[0]?.questions[n] as Record<string, unknown>;

function lintWith(mutate: (t: TemplateFixture) => void): TemplateProblem[] {
  const t = minimalTemplates();
  mutate(t);
  writeTemplates(dir, t);
  return lintTemplatesDir(dir).problems;
}

/** Exactly one problem of the given rule, located in the given file and path, saying `message`. */
function expectProblem(problems: TemplateProblem[], expected: { rule: string; file: string; path: RegExp | string; message: RegExp }) {
  const matching = problems.filter((p) => p.rule === expected.rule);
  expect(matching, JSON.stringify(problems, null, 2)).toHaveLength(1);
  const [p] = matching as [TemplateProblem];
  expect(p.file).toBe(expected.file);
  if (typeof expected.path === 'string') expect(p.path).toBe(expected.path);
  else expect(p.path).toMatch(expected.path);
  expect(p.message).toMatch(expected.message);
}

describe('template linter', () => {
  it('passes the minimal valid fixture', () => {
    expect(lintWith(() => {})).toEqual([]);
  });

  it('passes the shipped templates', () => {
    const report = lintTemplatesDir(join(import.meta.dirname, '..', '..', '..', 'templates'));
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  describe('vendor wording', () => {
    it('requires vendorText and vendorGuidance on a vendor-answerable question', () => {
      const problems = lintWith((t) => {
        delete question(t, 0).vendorText;
        delete question(t, 0).vendorGuidance;
      });
      const wording = problems.filter((p) => p.rule === 'vendor-wording');
      expect(wording.map((p) => [p.file, p.path, p.message])).toEqual([
        ['questionnaires/procurement.json', 'PR-GOV-01', 'PR-GOV-01 is vendor-answerable but has no vendorText (the question addressed to the vendor)'],
        ['questionnaires/procurement.json', 'PR-GOV-01', 'PR-GOV-01 is vendor-answerable but has no vendorGuidance (the guidance addressed to the vendor)'],
      ]);
    });

    it('refuses vendor wording and vendor labels on a question the vendor does not answer', () => {
      const problems = lintWith((t) => {
        Object.assign(question(t, 1), { vendorText: 'Do you train clinicians?', vendorGuidance: 'Why we ask.' });
        Object.assign((question(t, 1).options as Record<string, unknown>[])[0]!, { vendorLabel: 'All of yours' });
      });
      expect(problems.filter((p) => p.rule === 'vendor-wording').map((p) => [p.path, p.message])).toEqual([
        ['PR-GOV-02', 'PR-GOV-02 is not vendor-answerable, so it must not have vendorText'],
        ['PR-GOV-02', 'PR-GOV-02 is not vendor-answerable, so it must not have vendorGuidance'],
        ['PR-GOV-02 option "all"', 'PR-GOV-02 is not vendor-answerable, so option "all" must not have a vendorLabel'],
      ]);
    });

    it('loads a questionnaire without vendor wording (an older pinned snapshot) and refuses an empty vendorText', () => {
      const old = minimalTemplates();
      delete question(old, 0).vendorText;
      delete question(old, 0).vendorGuidance;
      writeTemplates(dir, old);
      const loaded = loadTemplateSet(dir);
      expect(loaded.ok && loaded.set.questionnaires[0]?.sections[0]?.questions[0]?.vendorText).toBeUndefined();
      expect(loaded.ok).toBe(true);
      const problems = lintWith((t) => {
        question(t, 0).vendorText = '  ';
      });
      expect(problems.map((p) => p.message).join('\n')).toMatch(/vendorText must not be empty/);
    });
  });

  it('finds a repeated threat id', () => {
    const problems = lintWith((t) => {
      t.threats.threats.push({ ...t.threats.threats[0]!, name: 'Copy' });
    });
    expectProblem(problems, { rule: 'duplicate-id', file: 'catalog/threats.json', path: 'T-ONE', message: /threat id T-ONE is used more than once/ });
  });

  it('finds a wording variant keyed by something that is not a model type or clinical domain', () => {
    const problems = lintWith((t) => {
      Object.assign(t.threats.threats[0]!, {
        descriptionByModelType: { generative: 'How it arises in a generative tool.' },
        consequenceByDomain: { radiology: 'A finding is missed.', cardiologie: 'Misspelt domain.' },
      });
    });
    expectProblem(problems, {
      rule: 'unknown-variant',
      file: 'catalog/threats.json',
      path: 'T-ONE.consequenceByDomain.cardiologie',
      message: /consequenceByDomain has "cardiologie", which is not one of: radiology, cardiology/,
    });
  });

  it('finds a model-type variant keyed by a clinical domain', () => {
    const problems = lintWith((t) => {
      Object.assign(t.threats.threats[0]!, { consequenceByModelType: { radiology: 'Wrong map.' } });
    });
    expectProblem(problems, { rule: 'unknown-variant', file: 'catalog/threats.json', path: 'T-ONE.consequenceByModelType.radiology', message: /not one of: predictive, generative, other/ });
  });

  it('finds a question id repeated across questionnaires', () => {
    const problems = lintWith((t) => {
      const copy = structuredClone(t.questionnaires.procurement) as Record<string, unknown>;
      Object.assign(copy, { id: 'use', stage: 'use', title: 'Use' });
      t.questionnaires = { ...t.questionnaires, use: copy };
    });
    expect(problems.some((p) => p.rule === 'duplicate-id' && /question id PR-GOV-01 is used more than once/.test(p.message))).toBe(true);
  });

  it('finds an effect naming a threat that does not exist', () => {
    const problems = lintWith((t) => {
      (question(t, 0).options as { effects: unknown[] }[])[1]!.effects.push({ threat: 'T-NOPE', impact: 1 });
    });
    expectProblem(problems, {
      rule: 'unknown-threat',
      file: 'questionnaires/procurement.json',
      path: 'PR-GOV-01 option "no"',
      message: /unknown threat T-NOPE/,
    });
  });

  it('finds a credited control that does not exist', () => {
    const problems = lintWith((t) => {
      (question(t, 0).options as { effects: unknown[] }[])[0]!.effects.push({ control: 'C-GHOST' });
    });
    expectProblem(problems, { rule: 'unknown-control', file: 'questionnaires/procurement.json', path: /PR-GOV-01/, message: /unknown control C-GHOST/ });
  });

  it('finds a control mitigating a threat that does not exist', () => {
    const problems = lintWith((t) => {
      t.controls.controls[0]!.mitigates.push({ threat: 'T-GONE', reduces: 'likelihood', by: 1 });
    });
    expectProblem(problems, { rule: 'unknown-threat', file: 'catalog/controls.json', path: 'C-ALPHA', message: /unknown threat T-GONE/ });
  });

  it('finds a threat that no question touches', () => {
    const problems = lintWith((t) => {
      t.threats.threats.push({ ...t.threats.threats[1]!, id: 'T-ORPHAN', name: 'Orphan' });
    });
    expectProblem(problems, {
      rule: 'uncovered-threat',
      file: 'catalog/threats.json',
      path: 'T-ORPHAN',
      message: /T-ORPHAN is touched by no question in any questionnaire/,
    });
  });

  it('finds a control that no question credits', () => {
    const problems = lintWith((t) => {
      t.controls.controls.push({ ...t.controls.controls[1]!, id: 'C-UNUSED', name: 'Unused' });
    });
    expectProblem(problems, { rule: 'uncredited-control', file: 'catalog/controls.json', path: 'C-UNUSED', message: /C-UNUSED is credited by no question/ });
  });

  it('finds a showIf pointing at a missing question', () => {
    const problems = lintWith((t) => {
      question(t, 1).showIf = { question: 'PR-GOV-99', in: ['yes'] };
    });
    expectProblem(problems, {
      rule: 'showif-missing',
      file: 'questionnaires/procurement.json',
      path: 'PR-GOV-02.showIf',
      message: /refers to PR-GOV-99, which is not in this questionnaire/,
    });
  });

  it('finds a showIf using a value its question does not offer', () => {
    const problems = lintWith((t) => {
      question(t, 1).showIf = { question: 'PR-GOV-01', in: ['maybe'] };
    });
    expectProblem(problems, { rule: 'showif-value', file: 'questionnaires/procurement.json', path: 'PR-GOV-02.showIf', message: /PR-GOV-01 has no option "maybe"/ });
  });

  it('finds a showIf cycle', () => {
    const problems = lintWith((t) => {
      question(t, 0).showIf = { question: 'PR-GOV-02', in: ['all'] };
    });
    expectProblem(problems, {
      rule: 'showif-cycle',
      file: 'questionnaires/procurement.json',
      path: /PR-GOV-0[12]\.showIf/,
      message: /cycle: PR-GOV-0[12] → PR-GOV-0[12] → PR-GOV-0[12]/,
    });
  });

  describe('a safer answer that hides a crediting follow-up', () => {
    // In the fixture, PR-GOV-01 "yes" credits C-ALPHA and "no" raises T-ONE: "yes" is the safer
    // answer. PR-GOV-02 credits C-BETA.
    const showFollowUpOn = (t: TemplateFixture, values: string[]) => {
      question(t, 1).showIf = { question: 'PR-GOV-01', in: values };
    };

    it('finds a safer option that hides a follow-up crediting a control it does not credit itself', () => {
      const problems = lintWith((t) => showFollowUpOn(t, ['no']));
      expectProblem(problems, {
        rule: 'showif-safer-hides',
        file: 'questionnaires/procurement.json',
        path: 'PR-GOV-02.showIf',
        message: /PR-GOV-01 "yes" is a safer answer than "no" but hides PR-GOV-02, dropping the credit it can give for C-BETA/,
      });
    });

    it('accepts it when the hiding option credits the same controls', () => {
      const problems = lintWith((t) => {
        showFollowUpOn(t, ['no']);
        (question(t, 0).options as { effects: unknown[] }[])[0]!.effects.push({ control: 'C-BETA' });
      });
      expect(problems).toEqual([]);
    });

    it('accepts it when the follow-up credits nothing', () => {
      const problems = lintWith((t) => {
        showFollowUpOn(t, ['no']);
        (question(t, 1).options as { effects: unknown[] }[])[0]!.effects = [];
        // C-BETA must still be credited somewhere.
        (question(t, 0).options as { effects: unknown[] }[])[0]!.effects.push({ control: 'C-BETA' });
      });
      expect(problems).toEqual([]);
    });

    it('tries a multi question with non-empty answers only', () => {
      const multi = (t: TemplateFixture, extra: Record<string, unknown>[]) => {
        Object.assign(question(t, 0), {
          kind: 'multi',
          options: [
            { value: 'encrypted', label: 'Encrypted', effects: [{ control: 'C-ALPHA' }] },
            { value: 'plain', label: 'Stored in plain text', effects: [{ threat: 'T-ONE', likelihood: 1 }] },
            ...extra,
          ],
        });
        showFollowUpOn(t, ['encrypted', 'plain']);
      };
      // Only the empty list would hide PR-GOV-02, and an empty list is not an answer.
      expect(lintWith((t) => multi(t, []))).toEqual([]);
      // "None of these" is an answer: safer than "plain", and it hides PR-GOV-02.
      expectProblem(
        lintWith((t) => multi(t, [{ value: 'none', label: 'None of these', effects: [] }])),
        {
          rule: 'showif-safer-hides',
          file: 'questionnaires/procurement.json',
          path: 'PR-GOV-02.showIf',
          message: /PR-GOV-01 \[none\] is a safer answer than \[plain\] but hides PR-GOV-02, dropping the credit it can give for C-BETA/,
        },
      );
    });
  });

  it.each([
    ['atlas', 'AML.X0001', /"AML.X0001" is not a valid MITRE ATLAS reference/],
    ['owasp', 'ML11', /"ML11" is not a valid OWASP/],
    ['nistAiRmf', 'GOVERN-1.1', /"GOVERN-1.1" is not a valid NIST AI RMF reference/],
    ['hipaa', '164.3', /"164.3" is not a valid HIPAA reference/],
    ['euAiAct', 'Article 9', /"Article 9" is not a valid EU AI Act reference/],
    ['hti1', 'HTI1-SA-32', /"HTI1-SA-32" is not a valid HTI-1 reference/],
  ])('finds a malformed %s reference', (framework, value, message) => {
    const problems = lintWith((t) => {
      question(t, 1).refs = { [framework]: [value] };
    });
    expectProblem(problems, { rule: 'schema', file: 'questionnaires/procurement.json', path: /sections\[0\]\.questions\[1\]\.refs\.\w+\[0\] \(PR-GOV-02\)/, message });
  });

  it('finds a well-formed reference missing from the registry', () => {
    const problems = lintWith((t) => {
      question(t, 0).refs = { mds2: ['MDS2-ZZZZ'] };
    });
    expectProblem(problems, {
      rule: 'unknown-reference',
      file: 'questionnaires/procurement.json',
      path: 'PR-GOV-01',
      message: /mds2 reference MDS2-ZZZZ is not listed in catalog\/references.json/,
    });
  });
});

describe('template loader errors name the file, the path and the problem', () => {
  it('reports schema problems with their location', () => {
    const t = minimalTemplates();
    t.threats.threats[1]!.baseLikelihood = 7;
    Object.assign(question(t, 0), { colour: 'red' });
    question(t, 1).options = [{ value: 'unknown', label: 'Unknown', effects: [] }, { value: 'x', label: 'X', effects: [{ control: 'C-BETA' }] }];
    writeTemplates(dir, t);
    const loaded = loadTemplateSet(dir);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    const text = loaded.problems.map((p) => `${p.file}: ${p.path}: ${p.message}`);
    expect(text).toContainEqual(expect.stringMatching(/^catalog\/threats\.json: threats\[1\]\.baseLikelihood \(T-TWO\): .*5/));
    expect(text).toContainEqual(
      expect.stringMatching(/^questionnaires\/procurement\.json: sections\[0\]\.questions\[0\]\.colour \(PR-GOV-01\): unknown field\(s\): colour/),
    );
    expect(text).toContainEqual(expect.stringMatching(/questions\[1\]\.options\[0\]\.value \(PR-GOV-02\): "unknown" and "notApplicable" are reserved/));
  });

  it('reports invalid JSON with the file name', () => {
    writeTemplates(dir, minimalTemplates());
    writeFileSync(join(dir, 'catalog', 'controls.json'), '{ "id": "x", ');
    const loaded = loadTemplateSet(dir);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.problems).toContainEqual(expect.objectContaining({ file: 'catalog/controls.json', rule: 'json', message: expect.stringMatching(/not valid JSON/) }));
  });

  it('reports a questionnaire whose file name does not match its id', () => {
    const t = minimalTemplates();
    t.questionnaires = { misnamed: t.questionnaires.procurement! };
    writeTemplates(dir, t);
    const loaded = loadTemplateSet(dir);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.problems[0]?.message).toMatch(/must be named procurement\.json/);
  });
});
