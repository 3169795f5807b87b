import { Document, Packer, type FileChild } from 'docx';
import { bookmarkOf, answerPlaceholder, declarationFields, nonceProperty, requestProperty, tagOf, type FieldName } from '../exchange/questionnaire/questionnaire-fields.ts';
import { xmlSafeDeep } from './export-text.ts';
import type { QuestionnaireModel, QuestionnaireQuestion } from './questionnaire-model.ts';
import { cover } from './register-sections/cover.ts';
import { bullets, dateTime, dotted, heading, muted } from './word/blocks.ts';
import { checkBox, ControlIds, textControl } from './word/content-controls.ts';
import { documentStyles, styleIds, tableStylesXml } from './word/document-styles.ts';
import { cell, LazyBlocks, para, row, RunWriter, table, textPara, type Xml } from './word/ooxml.ts';
import { documentProperties, section, textWidth } from './word/page-frame.ts';

/*
 * The Word questionnaire for a vendor who does not run Vigil (issue 17). Addressed to the
 * vendor: who it is from, whom to return it to and by when, how to answer. Every answer is a
 * content control (check boxes for options and "I don't know", text controls for text, numbers
 * and dates) named by question, so `vigil vendor import-docx` reads the filled-in copy back; the
 * request id and nonce are custom document properties and printed on the cover.
 */

const formats: Record<QuestionnaireQuestion['kind'], string> = {
  yesNo: 'Tick one box.',
  choice: 'Tick one box.',
  multi: 'Tick every box that applies.',
  text: 'Type your answer in the box.',
  number: 'Type a number in the box, digits only (for example 12 or 0.85).',
  date: 'Type a date in the box as YYYY-MM-DD (for example 2026-03-31).',
};

const contactWords = (model: QuestionnaireModel) => {
  const c = model.meta.contact;
  return dotted(c.name, c.email, c.telephone);
};

function fieldName(field: FieldName, bookmarkField: FieldName = field): { tag: string; bookmark: string } {
  return { tag: tagOf(field), bookmark: bookmarkOf(bookmarkField) };
}

function instructions(model: QuestionnaireModel): Xml[] {
  const { meta, system } = model;
  const deadline = dateTime(meta.expiresAt);
  const contact = meta.contactIsSet
    ? [textPara(`Contact: ${contactWords(model)}`, undefined, { bold: true })]
    : [
        textPara(`Contact: ${meta.contact.name}, who issued this request.`, undefined, { bold: true }),
        muted(`${meta.organisation} has not named a contact for vendors in Vigil; reply through the person who sent you this questionnaire.`),
      ];
  return [
    heading(1, 'How to answer'),
    textPara(`${meta.organisation} asks ${system.vendor} these questions about ${system.name}. Please return the completed questionnaire by ${deadline}.`),
    ...contact,
    ...bullets([
      'Open this file in Microsoft Word (2010 or later) or LibreOffice Writer and answer in the boxes: click a check box to tick it, click a grey “Click or tap here to enter text.” box and type.',
      'Questions with options: tick one box, or every box that applies where the question says so. Text: type in the box. Numbers: digits only. Dates: YYYY-MM-DD.',
      'Every question has “I don’t know”. It is an acceptable answer and better than a guess; tick it rather than leaving the question blank.',
      'Answer every question marked “Required”. The others help us assess the product fully; answer as many as you can.',
      'Some questions apply only after a particular earlier answer (“Answer only if …”). Skip them when the condition does not hold.',
      'Do not add, delete or copy the boxes, and do not convert the file to PDF: the answers are read from the boxes.',
      'Send evidence (test reports, model cards, certificates, policies) as separate files, each named with the question id it supports, for example PR-GOV-01-policy.pdf.',
      'Complete and sign the declaration at the end.',
    ]),
    textPara(
      `Return the completed file, saved as a Word document (.docx), to ${meta.contactIsSet ? contactWords(model) : meta.contact.name} at ${meta.organisation} by ${deadline}, quoting reference ${meta.requestId}. ` +
        'After the deadline this questionnaire can no longer be accepted; ask for a new one.',
      undefined,
      { bold: true },
    ),
  ];
}

function optionParagraph(ids: ControlIds, field: FieldName, bookmarkField: FieldName, label: string): Xml {
  return para([...checkBox(ids, fieldName(field, bookmarkField)), ...new RunWriter().text(`  ${label}`).runs], { style: styleIds.checkbox });
}

function answerControls(q: QuestionnaireQuestion, ids: ControlIds, colour: string): Xml[] {
  const unknown = optionParagraph(ids, { questionId: q.id, kind: 'unknown' }, { questionId: q.id, kind: 'unknown' }, 'I don’t know');
  if (q.kind === 'text' || q.kind === 'number' || q.kind === 'date') {
    const field: FieldName = { questionId: q.id, kind: 'text' };
    const hint = q.kind === 'number' ? 'Number: ' : q.kind === 'date' ? 'Date (YYYY-MM-DD): ' : 'Answer: ';
    const box = para([...new RunWriter().text(hint, { style: styleIds.label }).runs, ...textControl(ids, fieldName(field), answerPlaceholder, q.kind === 'text' ? 'rich' : 'plain')]);
    return [table([textWidth.portrait - 360], [row([cell([box])], 'split')], { border: colour }), unknown];
  }
  return [
    ...q.options.map((o, index) => optionParagraph(ids, { questionId: q.id, kind: 'option', value: o.value }, { questionId: q.id, kind: 'option', index }, o.label)),
    unknown,
  ];
}

function questionBlocks(q: QuestionnaireQuestion, model: QuestionnaireModel, ids: ControlIds): Xml[] {
  const { colours } = model.style;
  const out: Xml[] = [para(new RunWriter().text(`${q.id}  `).text(q.text).runs, { style: styleIds.heading2 })];
  const status = dotted(q.required ? 'Required' : 'Optional', q.condition, formats[q.kind]);
  out.push(textPara(status, undefined, q.required ? { bold: true, colour: colours.accent } : { style: styleIds.mutedText }));
  if (q.guidance) out.push(muted(q.guidance));
  out.push(...answerControls(q, ids, colours.accent));
  if (q.references.length) out.push(textPara(`References: ${q.references.join('; ')}`, { style: styleIds.muted }));
  return out;
}

function declaration(model: QuestionnaireModel, ids: ControlIds): Xml[] {
  const line = (label: string, field: (typeof declarationFields)[number]) =>
    para([...new RunWriter().text(`${label}: `, { style: styleIds.label }).runs, ...textControl(ids, field, answerPlaceholder, 'plain')]);
  const [name, position, organisation, date] = declarationFields;
  return [
    heading(1, 'Declaration', true),
    textPara(
      `I confirm that the answers in this questionnaire about ${model.system.name} are accurate and complete to the best of my knowledge, ` +
        `that “I don’t know” is ticked where I do not know, and that I am authorised to give these answers on behalf of ${model.system.vendor}.`,
    ),
    line('Name', name),
    line('Position', position),
    line('Organisation', organisation),
    line('Date (YYYY-MM-DD)', date),
    para([]),
    textPara('Signature: ______________________________________________'),
    muted(`${model.meta.organisation} records the answers as ${model.system.vendor}’s claims, typed in from this questionnaire (they carry no digital signature).`),
  ];
}

function sectionBlocks(model: QuestionnaireModel, ids: ControlIds): Xml[] {
  const out: Xml[] = [];
  model.sections.forEach((s, i) => {
    out.push(heading(1, s.title, i === 0), muted(`${s.questions.length} question${s.questions.length === 1 ? '' : 's'}.`));
    for (const q of s.questions) out.push(...questionBlocks(q, model, ids));
  });
  return out;
}

export async function buildQuestionnaireDocument(given: QuestionnaireModel): Promise<Uint8Array> {
  const model = xmlSafeDeep(given);
  const { meta, system } = model;
  const marking = `Prepared for ${system.vendor} by ${meta.organisation}. Return to ${meta.contact.name}${meta.contactIsSet && meta.contact.email ? ` (${meta.contact.email})` : ''} by ${dateTime(meta.expiresAt)}, quoting ${meta.requestId}.`;
  const style = { ...model.style, confidentiality: marking };
  const questions = model.sections.reduce((n, s) => n + s.questions.length, 0);
  const facts: [string, string][] = [
    ['For', system.vendor],
    ['Product', system.name],
    ['Product version', system.productVersion || '—'],
    ['Model version', system.modelVersion || '—'],
    ['Intended use', system.intendedUse || '—'],
    ['From', meta.organisation],
    ['Contact', meta.contactIsSet ? contactWords(model) : `${meta.contact.name} (issued the request; no vendor contact is set)`],
    ['Return by', dateTime(meta.expiresAt)],
    ['Reference', meta.requestId],
    ['Check code', meta.nonce],
    ['Questions', String(questions)],
  ];
  const ids = new ControlIds();
  const children: FileChild[] = [
    ...cover(style, { title: meta.title, subtitle: `For ${system.vendor}: ${system.name}`, facts }),
    new LazyBlocks(() => [...instructions(model), ...sectionBlocks(model, ids), ...declaration(model, ids)]),
  ];
  const doc = new Document({
    ...documentProperties({
      title: `${meta.title}: ${system.name}`,
      subject: `Questions for ${system.vendor} about ${system.name}, request ${meta.requestId}`,
      preparedBy: meta.preparedBy,
      keywords: ['vendor questionnaire', 'AI transparency', system.vendor, meta.organisation],
      description: `${questions} questions for ${system.vendor} about ${system.name} from ${meta.organisation}, request ${meta.requestId}, to return by ${meta.expiresAt}.`,
    }),
    customProperties: [
      { name: requestProperty, value: meta.requestId },
      { name: nonceProperty, value: meta.nonce },
    ],
    externalStyles: tableStylesXml,
    styles: documentStyles(style),
    sections: [section(style, meta.title, 'portrait', children)],
  });
  return Packer.toBuffer(doc);
}
