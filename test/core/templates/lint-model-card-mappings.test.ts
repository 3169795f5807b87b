// The model card mapping is template data: the linter holds it to the installed questionnaire.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lintTemplatesDir } from '../../../electron/core/templates/lint-template-set.ts';
import { tempDir, templatesDir } from '../../support/core-fixture.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('vigil-mapping-lint-'));
  cpSync(templatesDir, dir, { recursive: true });
});
afterEach(() => cleanup());

const file = () => join(dir, 'mappings', 'chai-model-card.json');
type Mapping = { rules: Record<string, unknown>[]; notMapped: { question: string }[]; evidence?: { question: string; why: string } };
function lintWith(change: (m: Mapping) => void) {
  const mapping = JSON.parse(readFileSync(file(), 'utf8')) as Mapping;
  change(mapping);
  writeFileSync(file(), JSON.stringify(mapping));
  return lintTemplatesDir(dir).problems;
}

describe('model card mapping lint', () => {
  it('passes the installed mapping', () => {
    expect(lintTemplatesDir(dir).problems).toEqual([]);
  });

  it('fails a rule naming an unknown question', () => {
    const problems = lintWith((m) => m.rules.push({ question: 'VT-DEV-99', text: [{ path: 'BasicInfo/ModelName' }], why: 'a rule for a question that does not exist' }));
    expect(problems).toEqual([expect.objectContaining({ file: 'mappings/chai-model-card.json', rule: 'unknown-question', message: 'VT-DEV-99 is not a question of vendor-transparency' })]);
  });

  it('fails a rule for a question the vendor may not answer, of the wrong kind, or with a value not among its options', () => {
    const problems = lintWith((m) => {
      m.rules[0] = { ...m.rules[0], question: 'VT-USE-02' };
      m.rules[2] = { ...m.rules[2], value: 'maybe' };
    });
    expect(problems.map((p) => p.rule).sort()).toEqual(['kind', 'value']);
    expect(problems.find((p) => p.rule === 'value')?.message).toMatch(/"maybe" is not one of the options/);
  });

  it('fails an unknown field or a rule without a reason at load', () => {
    const problems = lintWith((m) => {
      m.rules[0] = { ...m.rules[0], why: '', guess: true };
    });
    expect(new Set(problems.map((p) => p.rule))).toEqual(new Set(['schema']));
    expect(problems.map((p) => p.message).join('\n')).toMatch(/unknown field\(s\): guess|say why this rule is safe/);
  });

  it('fails the evidence question when the questionnaire lacks it', () => {
    const problems = lintWith((m) => {
      m.evidence = { question: 'VT-XYZ-01', why: 'the card belongs to a question that is gone' };
    });
    expect(problems.map((p) => [p.rule, p.path])).toEqual([['unknown-question', 'evidence.question']]);
  });
});
