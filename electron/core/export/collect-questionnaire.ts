import { frameworkNames, refFrameworks, type AiSystem, type AssessmentDetail, type Question, type ReferenceItem } from '../../contract/index.ts';
import { DomainError } from '../domain-error.ts';
import { systemMatches } from '../scoring/visibility.ts';
import { answerInWords, optionLabel } from './answer-words.ts';
import { questionIndex } from './collect-register.ts';
import type { QuestionnaireModel, QuestionnaireQuestion } from './questionnaire-model.ts';
import type { ReportStyle } from './register-model.ts';

export interface QuestionnaireRequest {
  preparedBy: string;
  generatedAt: string;
  ledger: { head: string; length: number };
  appVersion: string;
  style: ReportStyle;
  /** Named references (HTI-1, CHAI, MDS2, FDA) so the vendor reads a title, not only an id. */
  registry: ReadonlyMap<string, ReferenceItem>;
}

function conditionInWords(question: Question, byId: ReadonlyMap<string, Question>): string | null {
  const cond = question.showIf;
  if (!cond || 'system' in cond) return null;
  const parent = byId.get(cond.question);
  const labels = cond.in.map((v) => optionLabel(parent, v));
  return `Answer only if your answer to ${cond.question} was ${labels.map((l) => `"${l}"`).join(' or ')}.`;
}

/**
 * The vendor-answerable questions of an assessment as a paper questionnaire. Questions that
 * the system's own record rules out (a device question for a cloud service) are left out;
 * questions that depend on the vendor's own answers stay in, with the condition in words.
 */
export function collectQuestionnaire(detail: AssessmentDetail, system: AiSystem, request: QuestionnaireRequest): QuestionnaireModel {
  const byId = questionIndex(detail);
  const answers = new Map(detail.answers.map((a) => [a.questionId, a]));
  const applies = (q: Question) => !q.showIf || !('system' in q.showIf) || systemMatches(system, q.showIf.system, q.showIf.in);
  const toModel = (q: Question): QuestionnaireQuestion => {
    const answer = answers.get(q.id);
    return {
      id: q.id,
      text: q.text,
      guidance: q.guidance,
      kind: q.kind,
      options: 'options' in q ? q.options.map((o) => o.label) : [],
      required: q.required,
      condition: conditionInWords(q, byId),
      references: refFrameworks.flatMap((f) =>
        (q.refs[f] ?? []).map((id) => {
          const title = request.registry.get(id)?.title;
          return title ? `${frameworkNames[f]} ${id}: ${title}` : `${frameworkNames[f]} ${id}`;
        }),
      ),
      currentAnswer: answer && (answer.value !== null || answer.unknown) ? answerInWords(q, answer) : null,
    };
  };
  const sections = detail.questionnaireSnapshots.flatMap((questionnaire) =>
    questionnaire.sections
      .map((s) => ({ questionnaire: questionnaire.title, title: s.title, questions: s.questions.filter((q) => q.vendorAnswerable && applies(q)).map(toModel) }))
      .filter((s) => s.questions.length > 0),
  );
  if (sections.length === 0) {
    throw new DomainError('CONFLICT', `${detail.title} of ${detail.systemName} has no questions a vendor can answer.`);
  }
  return {
    meta: {
      title: 'Vendor transparency questionnaire',
      assessmentId: detail.id,
      generatedAt: request.generatedAt,
      preparedBy: request.preparedBy,
      ledger: request.ledger,
      appVersion: request.appVersion,
    },
    system: {
      name: system.name,
      vendor: system.vendor,
      productVersion: system.productVersion,
      modelVersion: system.modelVersion,
      intendedUse: system.intendedUse,
    },
    style: request.style,
    sections,
  };
}
