import type { TemplateProblem, TemplateSet } from '../../contract/index.ts';
import { answerProblem } from '../assessments/answer-validation.ts';
import { templateFiles } from './load-template-set.ts';

/**
 * A mapping may only fill questions a vendor may answer, of the questionnaire it names, with a
 * value that fits: text into text questions, an option into the question that has it.
 */
export function lintModelCardMappings(set: TemplateSet): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const mapping of set.modelCardMappings) {
    const file = `${templateFiles.mappings}/${mapping.id}.json`;
    const report = (path: string, rule: string, message: string) => problems.push({ file, path, rule, message });
    const questionnaire = set.questionnaires.find((q) => q.id === mapping.questionnaire);
    if (!questionnaire) {
      report('questionnaire', 'unknown-questionnaire', `questionnaire "${mapping.questionnaire}" is not installed`);
      continue;
    }
    const questions = new Map(questionnaire.sections.flatMap((s) => s.questions).map((q) => [q.id, q]));
    const check = (path: string, id: string) => {
      const q = questions.get(id);
      if (!q) report(path, 'unknown-question', `${id} is not a question of ${questionnaire.id}`);
      else if (!q.vendorAnswerable) report(path, 'not-vendor-answerable', `${id} is not vendor-answerable, so a vendor's card may not answer it`);
      return q;
    };
    const mapped = new Set<string>();
    mapping.rules.forEach((rule, n) => {
      const path = `rules[${n}] (${rule.question})`;
      if (mapped.has(rule.question)) report(path, 'duplicate-id', `${rule.question} is mapped more than once`);
      mapped.add(rule.question);
      const q = check(path, rule.question);
      if (!q) return;
      if ('text' in rule) {
        if (q.kind !== 'text') report(path, 'kind', `${rule.question} is a ${q.kind} question; only text questions take the card's text`);
      } else {
        const problem = answerProblem(q, rule.value);
        if (problem) report(path, 'value', problem);
      }
    });
    mapping.notMapped.forEach((entry, n) => {
      if (!questions.has(entry.question)) report(`notMapped[${n}]`, 'unknown-question', `${entry.question} is not a question of ${questionnaire.id}`);
      if (mapped.has(entry.question)) report(`notMapped[${n}]`, 'duplicate-id', `${entry.question} is both mapped and listed as not mapped`);
    });
    if (mapping.evidence) check('evidence.question', mapping.evidence.question);
  }
  return problems;
}
