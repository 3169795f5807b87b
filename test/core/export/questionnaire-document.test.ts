// The vendor questionnaire read back: cover and instructions with the traceability ids, every
// question with its options as tick boxes or an answer box, conditions, references and the
// answer on record; same footer and document properties as the register.
import { describe, expect, it } from 'vitest';
import { buildQuestionnaireDocument } from '../../../electron/core/export/questionnaire-document.ts';
import { assertWellFormedXml, docxPart, docxText, wordText, zipEntryNames } from '../../support/read-docx.ts';
import { ledgerHead, questionnaireModel } from '../../support/register-model-fixture.ts';

describe('buildQuestionnaireDocument', () => {
  it('has the system, instructions and the ids that trace it back to the assessment', async () => {
    const model = questionnaireModel();
    const text = docxText(await buildQuestionnaireDocument(model));
    for (const value of [model.system.name, model.system.vendor, model.system.intendedUse, model.meta.assessmentId, ledgerHead, 'How to answer', `quoting assessment ${model.meta.assessmentId}`]) {
      expect(text).toContain(value);
    }
  });

  it('lists every question with its guidance, options, answer box, condition and references', async () => {
    const model = questionnaireModel();
    const docx = await buildQuestionnaireDocument(model);
    const xml = docxPart(docx);
    assertWellFormedXml(xml);
    const text = wordText(xml);
    for (const section of model.sections) {
      expect(text).toContain(section.title);
      for (const q of section.questions) {
        expect(text).toContain(`${q.id}  ${q.text}`);
        expect(text).toContain(q.guidance);
        for (const option of q.options) expect(text).toContain(`☐  ${option}`);
        for (const ref of q.references) expect(text).toContain(ref);
        if (q.condition) expect(text).toContain(q.condition);
      }
    }
    expect(text).toContain('Select all that apply:');
    expect(text).toContain('Select one:');
    expect(text).toContain('Answer on record: Option A; Option C');
    expect(text.match(/^Required/gm)?.length).toBe(2);
    // Text and number questions get a bordered box to write in.
    expect(text).toContain('Answer:');
    expect(text).toContain('Number:');
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(xml).toContain('<w:pStyle w:val="Heading2"/>');
  });

  it('carries the footer marking, page numbers and document properties', async () => {
    const model = questionnaireModel();
    const docx = await buildQuestionnaireDocument(model);
    const footer = zipEntryNames(docx).find((n) => /^word\/footer\d+\.xml$/.test(n)) ?? '';
    expect(wordText(docxPart(docx, footer))).toContain(model.style.confidentiality);
    expect(docxPart(docx, footer)).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    const core = docxPart(docx, 'docProps/core.xml');
    expect(core).toContain('<dc:title>Vendor transparency questionnaire: Sepsis early warning</dc:title>');
    expect(core).toContain('<dc:creator>Dr Grace Preparer</dc:creator>');
    expect(core).toMatch(/<cp:keywords>[^<]*vendor questionnaire/);
  });

  it('keeps awkward text in questions and answers on record', async () => {
    const base = questionnaireModel();
    const odd = `<b>&"'</b> 🩺 مرحبا بالعالم`;
    const model = questionnaireModel({
      system: { ...base.system, name: odd },
      sections: [{ questionnaire: 'q', title: odd, questions: [{ ...base.sections[0]!.questions[0]!, text: odd, currentAnswer: `שלום\n${odd}` }] }],
    });
    const xml = docxPart(await buildQuestionnaireDocument(model));
    assertWellFormedXml(xml);
    const text = wordText(xml);
    expect(text).toContain(`VT-DEV-01  ${odd}`);
    expect(text).toContain(`Answer on record: שלום\n${odd}`);
  });
});
