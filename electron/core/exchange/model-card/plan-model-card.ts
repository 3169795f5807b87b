import type { AiSystem, AnswerValue, AssessmentDetail, ModelCardItem, ModelCardMapping, ModelCardPreview } from '../../../contract/index.ts';
import { answerInWords } from '../../export/answer-words.ts';
import { ehrCompatibilityOf, metricsOf, schemaVersionOf, signatureOf } from './card-facts.ts';
import { cardMismatch } from './card-mismatch.ts';
import type { ModelCard } from './read-model-card.ts';
import { textAt } from './read-model-card.ts';

/** An answer is at most 10,000 characters (AnswerValue); a longer card text is cut with this note. */
export const maxAnswerChars = 10_000;
const truncationNote = (length: number) => `\n\n[Cut by Vigil: the model card's text was ${length.toLocaleString('en-GB')} characters; the full card is attached as evidence.]`;

function fit(text: string): { value: string; truncated: boolean } {
  if (text.length <= maxAnswerChars) return { value: text, truncated: false };
  const note = truncationNote(text.length);
  return { value: text.slice(0, maxAnswerChars - note.length).trimEnd() + note, truncated: true };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What a card would change in an assessment, by the mapping's rules: which questions it fills,
 * each before → after, and which of the card's sections were found. Pure; reads nothing.
 */
export function planModelCard(
  card: ModelCard,
  mapping: ModelCardMapping,
  assessment: AssessmentDetail,
  system: Pick<AiSystem, 'id' | 'name' | 'vendor' | 'productVersion'>,
  options: { fileName: string; overwrite: boolean },
): ModelCardPreview {
  const questionnaire = assessment.questionnaireSnapshots.find((q) => q.id === mapping.questionnaire);
  const questions = new Map((questionnaire?.sections.flatMap((s) => s.questions) ?? []).filter((q) => q.vendorAnswerable).map((q) => [q.id, q]));
  const visible = new Set(assessment.visibleQuestions);
  const current = new Map(assessment.answers.map((a) => [a.questionId, a]));
  const items: ModelCardItem[] = [];
  for (const rule of mapping.rules) {
    const question = questions.get(rule.question);
    // Only the assessment's pinned questionnaire counts: a rule for a question it lacks does nothing.
    if (!question) continue;
    let after: AnswerValue;
    let truncated = false;
    let from: string[];
    if ('text' in rule) {
      const parts = rule.text.map((p) => ({ ...p, text: textAt(card.root, p.path) })).filter((p) => p.text !== '');
      if (parts.length === 0) continue;
      const labelled = rule.text.length > 1;
      ({ value: after, truncated } = fit(parts.map((p) => (labelled && p.label ? `${p.label}: ${p.text}` : p.text)).join('\n\n')));
      from = parts.map((p) => p.path);
    } else {
      if (!rule.whenPresent.every((path) => textAt(card.root, path) !== '')) continue;
      after = rule.value;
      from = rule.whenPresent;
    }
    const now = current.get(rule.question);
    const before = now && !now.unknown ? now.value : null;
    const answered = now !== undefined && (now.unknown || now.value !== null);
    const action = !visible.has(rule.question) ? 'hidden' : !answered ? 'fill' : !now.unknown && same(now.value, after) ? 'same' : 'conflict';
    items.push({
      questionId: rule.question,
      text: question.text,
      action,
      write: action === 'fill' || (action === 'conflict' && options.overwrite),
      before,
      beforeUnknown: now?.unknown ?? false,
      beforeSource: answered ? now.source : null,
      after,
      beforeText: answered ? answerInWords(question, now) : null,
      afterText: answerInWords(question, { value: after, unknown: false, notApplicable: false }),
      truncated,
      from,
    });
  }
  // The card is evidence for its question only where that answer is, or becomes, the card's.
  const evidenceItem = mapping.evidence ? items.find((i) => i.questionId === mapping.evidence?.question && (i.write || i.action === 'same')) : undefined;
  const modelName = textAt(card.root, mapping.namePath) || null;
  const developer = mapping.developerPath ? textAt(card.root, mapping.developerPath) || null : null;
  const version = mapping.versionPath ? textAt(card.root, mapping.versionPath) || null : null;
  return {
    assessmentId: assessment.id,
    mapping: { id: mapping.id, version: mapping.version },
    sha256: card.sha256,
    fileName: options.fileName,
    modelName,
    namespace: card.namespace,
    schemaVersion: schemaVersionOf(card.namespace),
    developer,
    system: { id: system.id, name: system.name, vendor: system.vendor },
    // A mapping that names no developer element cannot tell: only the product is compared then.
    mismatch: cardMismatch({ product: modelName, developer: mapping.developerPath ? developer : system.vendor, version }, system),
    ehrCompatibility: ehrCompatibilityOf(card.root),
    metrics: metricsOf(card.root),
    signature: signatureOf(card.root),
    sections: mapping.sections.map((s) => ({ path: s.path, title: s.title, found: textAt(card.root, s.path) !== '' })),
    items,
    evidenceQuestion: evidenceItem ? evidenceItem.questionId : null,
  };
}
