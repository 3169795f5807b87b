import { Document, Packer, type FileChild } from 'docx';
import type { QuestionnaireModel, QuestionnaireQuestion } from './questionnaire-model.ts';
import { cover } from './register-sections/cover.ts';
import { bullets, dateTime, dotted, heading, muted } from './word/blocks.ts';
import { documentStyles, styleIds, tableStylesXml } from './word/document-styles.ts';
import { cell, LazyBlocks, para, row, RunWriter, table, textPara, type Xml } from './word/ooxml.ts';
import { documentProperties, section, textWidth } from './word/page-frame.ts';

/*
 * The vendor questionnaire: what a hospital sends a vendor who does not run Vigil. It must
 * work on paper and in Word alike: tick boxes for options, a ruled box to write in, each
 * question's id to quote back, and the assessment id and ledger head so the returned answers
 * can be traced to the assessment that asked for them.
 */

const answerLines = { text: 5, number: 1 } as const;

function instructions(model: QuestionnaireModel): Xml[] {
  const { meta, style } = model;
  return [
    heading(1, 'How to answer'),
    ...bullets([
      'Answer every question marked “Required”. The others help us assess the system fully; answer as many as you can.',
      'For “Select one” questions tick one box (☐ → ☒); for “Select all that apply” tick every box that applies.',
      'Write text and numbers in the ruled answer boxes. If you need more room, continue on a separate page and quote the question id (for example VT-DEV-01).',
      'Some questions apply only after a particular earlier answer (“Answer if …”). Skip them when the condition does not hold.',
      '“I don’t know” is an acceptable answer and better than a guess; say so in the answer box or next to the options.',
      'Where an answer is already on record, confirm it or correct it.',
      'Attach evidence (test reports, model cards, certificates, policies) and name each file with the question id it supports.',
    ]),
    textPara(
      `Return the completed questionnaire and its evidence to ${style.organisation} (${meta.preparedBy}), quoting assessment ${meta.assessmentId}. ` +
        `The ledger reference ${meta.ledger.head.slice(0, 12)}… (entry ${meta.ledger.length}) on the cover identifies this copy.`,
      undefined,
      { bold: true },
    ),
  ];
}

function optionLines(q: QuestionnaireQuestion): Xml[] {
  const prompt = q.kind === 'multi' ? 'Select all that apply:' : 'Select one:';
  return [textPara(prompt, { style: styleIds.muted }), ...q.options.map((option) => textPara(`☐  ${option}`, { style: styleIds.checkbox }))];
}

/** A bordered one-cell table with room to write: text and number answers. */
function answerBox(q: QuestionnaireQuestion, colour: string): Xml {
  const lines = q.kind === 'number' ? answerLines.number : answerLines.text;
  const hint = q.kind === 'number' ? 'Number:' : 'Answer:';
  const paragraphs = [textPara(hint, undefined, { style: styleIds.mutedText }), ...Array.from({ length: lines }, () => para([]))];
  return table([textWidth.portrait - 360], [row([cell(paragraphs)], 'split')], { border: colour });
}

function questionBlocks(q: QuestionnaireQuestion, model: QuestionnaireModel): Xml[] {
  const { colours } = model.style;
  const title = new RunWriter().text(`${q.id}  `).text(q.text);
  const out: Xml[] = [para(title.runs, { style: styleIds.heading2 })];
  const status = dotted(q.required ? 'Required' : 'Optional', q.condition);
  out.push(textPara(status, undefined, q.required ? { bold: true, colour: colours.accent } : { style: styleIds.mutedText }));
  if (q.guidance) out.push(muted(q.guidance));
  if (q.kind === 'text' || q.kind === 'number') out.push(answerBox(q, colours.accent));
  else out.push(...optionLines(q));
  if (q.currentAnswer !== null) {
    out.push(para(new RunWriter().text('Answer on record: ', { style: styleIds.label }).text(q.currentAnswer).runs));
  }
  if (q.references.length) out.push(textPara(`References: ${q.references.join('; ')}`, { style: styleIds.muted }));
  return out;
}

function sectionBlocks(model: QuestionnaireModel): Xml[] {
  const out: Xml[] = [];
  model.sections.forEach((s, i) => {
    out.push(heading(1, s.title, i === 0), muted(`From the ${s.questionnaire}. ${s.questions.length} question${s.questions.length === 1 ? '' : 's'}.`));
    for (const q of s.questions) out.push(...questionBlocks(q, model));
  });
  return out;
}

export async function buildQuestionnaireDocument(model: QuestionnaireModel): Promise<Uint8Array> {
  const { meta, style, system } = model;
  const facts: [string, string][] = [
    ['System', system.name],
    ['Vendor', system.vendor],
    ['Product version', system.productVersion || '—'],
    ['Model version', system.modelVersion || '—'],
    ['Intended use', system.intendedUse || '—'],
    ['Assessment', meta.assessmentId],
    ['Sent', dateTime(meta.generatedAt)],
    ['Prepared by', meta.preparedBy],
    ['Ledger head', meta.ledger.head],
    ['Ledger length', `${meta.ledger.length} entries`],
    ['Vigil version', meta.appVersion],
  ];
  const questions = model.sections.reduce((n, s) => n + s.questions.length, 0);
  const children: FileChild[] = [
    ...cover(style, { title: meta.title, subtitle: `For ${system.vendor}: ${system.name}`, facts }),
    new LazyBlocks(() => [...instructions(model), ...sectionBlocks(model)]),
  ];
  const doc = new Document({
    ...documentProperties({
      title: `${meta.title}: ${system.name}`,
      subject: `Vendor questionnaire for ${system.name} (${system.vendor})`,
      preparedBy: meta.preparedBy,
      keywords: ['vendor questionnaire', 'AI transparency', 'AI governance', 'healthcare', style.organisation],
      description: `${questions} questions for ${system.vendor} about ${system.name}, assessment ${meta.assessmentId}, generated ${meta.generatedAt} at audit ledger entry ${meta.ledger.length} (head ${meta.ledger.head}).`,
    }),
    externalStyles: tableStylesXml,
    styles: documentStyles(style),
    sections: [section(style, meta.title, 'portrait', children)],
  });
  return Packer.toBuffer(doc);
}
