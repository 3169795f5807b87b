import { frameworkNames, refFrameworks, type AiSystem, type AssessmentDetail, type Question, type ReferenceItem, type ContactForVendors } from '../../contract/index.ts';
import { DomainError } from '../domain-error.ts';
import { systemMatches } from '../scoring/visibility.ts';
import { vendorWordingOf } from '../templates/vendor-wording.ts';
import { questionIndex } from './collect-register.ts';
import type { QuestionnaireModel, QuestionnaireQuestion, QuestionnaireSection } from './questionnaire-model.ts';
import type { ReportStyle } from './register-model.ts';

export interface QuestionnaireRequest {
  /** The open vendor request the questionnaire answers. */
  request: { id: string; nonce: string; issuedAt: string; expiresAt: string; issuedBy: string; questionIds: readonly string[] };
  preparedBy: string;
  generatedAt: string;
  appVersion: string;
  style: ReportStyle;
  /** The contact named in Settings, or null (the person who issued the request stands in). */
  contact: ContactForVendors | null;
  /** Named references (HTI-1, CHAI, MDS2, FDA) so the vendor reads a title, not only an id. */
  registry: ReadonlyMap<string, ReferenceItem>;
}

function conditionInWords(question: Question, byId: ReadonlyMap<string, Question>): string | null {
  const cond = question.showIf;
  if (!cond || 'system' in cond) return null;
  const parent = byId.get(cond.question);
  const labels = cond.in.map((v) => (parent ? (vendorWordingOf(parent).options.find((o) => o.value === v)?.label ?? v) : v));
  return `Answer only if your answer to ${cond.question} was ${labels.map((l) => `"${l}"`).join(' or ')}.`;
}

/**
 * The questions of one vendor request as a questionnaire for the vendor, in the vendor's
 * wording. Questions that the system's own record rules out (a device question for a cloud
 * service) are left out; questions that depend on the vendor's own answers stay in, with the
 * condition in words. Each question appears once, in the first section that asks it, and
 * sections of the same title (the same topic in two pinned questionnaires) are one section.
 * Nothing the hospital recorded is included: no answers, no ledger head.
 */
export function collectQuestionnaire(detail: AssessmentDetail, system: AiSystem, input: QuestionnaireRequest): QuestionnaireModel {
  const byId = questionIndex(detail);
  const requested = new Set(input.request.questionIds);
  const applies = (q: Question) => !q.showIf || !('system' in q.showIf) || systemMatches(system, q.showIf.system, q.showIf.in);
  const toModel = (q: Question): QuestionnaireQuestion => {
    const wording = vendorWordingOf(q);
    return {
      id: q.id,
      text: wording.text,
      guidance: wording.guidance,
      kind: q.kind,
      options: wording.options,
      required: q.required,
      condition: conditionInWords(q, byId),
      references: refFrameworks.flatMap((f) =>
        (q.refs[f] ?? []).map((id) => {
          const title = input.registry.get(id)?.title;
          return title ? `${frameworkNames[f]} ${id}: ${title}` : `${frameworkNames[f]} ${id}`;
        }),
      ),
    };
  };
  const sections = new Map<string, QuestionnaireSection>();
  const placed = new Set<string>();
  for (const questionnaire of detail.questionnaireSnapshots) {
    for (const s of questionnaire.sections) {
      for (const q of s.questions) {
        if (!requested.has(q.id) || placed.has(q.id) || !applies(q)) continue;
        placed.add(q.id);
        const section = sections.get(s.title) ?? { title: s.title, questions: [] };
        sections.set(s.title, section);
        section.questions.push(toModel(q));
      }
    }
  }
  if (sections.size === 0) {
    throw new DomainError('CONFLICT', `Request ${input.request.id} asks no question that applies to ${system.name}, so there is no questionnaire to write.`, { requestId: input.request.id });
  }
  const contact = input.contact ?? { name: input.request.issuedBy, email: '', telephone: '' };
  return {
    meta: {
      title: 'Vendor questionnaire',
      requestId: input.request.id,
      nonce: input.request.nonce,
      issuedAt: input.request.issuedAt,
      expiresAt: input.request.expiresAt,
      generatedAt: input.generatedAt,
      preparedBy: input.preparedBy,
      appVersion: input.appVersion,
      organisation: input.style.organisation,
      contact,
      contactIsSet: input.contact !== null,
    },
    system: {
      name: system.name,
      vendor: system.vendor,
      productVersion: system.productVersion,
      modelVersion: system.modelVersion,
      intendedUse: system.intendedUse,
    },
    style: input.style,
    sections: [...sections.values()],
  };
}
