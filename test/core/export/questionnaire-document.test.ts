// The Word questionnaire for vendors (issue 17) read back: addressed to the vendor (marking,
// contact, deadline, return instructions, answer format), every answer a real content control
// named by question (check boxes with "I don't know", text controls), the request id and nonce
// as document properties, a declaration; nothing of the hospital's (no answers, no ledger head,
// no committee marking) and each section once.
import { describe, expect, it } from 'vitest';
import { buildQuestionnaireDocument } from '../../../electron/core/export/questionnaire-document.ts';
import { python } from '../../support/office-tools.ts';
import { assertWellFormedXml, docxPart, docxText, readWithPythonDocx, wordText, zipEntryNames } from '../../support/read-docx.ts';
import { questionnaireModel } from '../../support/register-model-fixture.ts';

const count = (text: string, what: string | RegExp) => (typeof what === 'string' ? text.split(what).length - 1 : (text.match(what) ?? []).length);

describe('buildQuestionnaireDocument', () => {
  it('is addressed to the vendor: contact, deadline, return instructions, answer format, reference and check code', async () => {
    const model = questionnaireModel();
    const text = docxText(await buildQuestionnaireDocument(model));
    for (const value of [
      model.system.name,
      model.system.vendor,
      model.system.intendedUse,
      'How to answer',
      'Priya Procurement',
      'ai.procurement@st-elsewhere.example',
      '+44 20 7946 0000',
      'Return by',
      '2026-04-13 09:30 UTC',
      'quoting reference VRQ-0001ABCD',
      'ab'.repeat(32),
      'Digits only',
      'YYYY-MM-DD',
      'saved as a Word document (.docx)',
    ]) {
      expect(text.toLowerCase()).toContain(value.toLowerCase());
    }
    // Nothing of the hospital's own: no ledger, no committee marking, no answers on record.
    for (const absent of [/ledger/i, /governance committee/i, /do not distribute/i, /answer on record/i, /assessment ASM-/]) expect(text).not.toMatch(absent);
  });

  it('marks every page for the vendor, not for the committee, and carries the request in its document properties', async () => {
    const model = questionnaireModel();
    const docx = await buildQuestionnaireDocument(model);
    const footer = zipEntryNames(docx).find((n) => /^word\/footer\d+\.xml$/.test(n)) ?? '';
    const marking = wordText(docxPart(docx, footer));
    expect(marking).toContain('Prepared for Acme Health AI by St Elsewhere University Hospital. Return to Priya Procurement (ai.procurement@st-elsewhere.example) by 2026-04-13 09:30 UTC');
    expect(marking).not.toMatch(/committee|distribute/i);
    const custom = docxPart(docx, 'docProps/custom.xml');
    expect(custom).toMatch(/name="VigilRequestId"><vt:lpwstr>VRQ-0001ABCD<\/vt:lpwstr>/);
    expect(custom).toContain(`name="VigilNonce"><vt:lpwstr>${'ab'.repeat(32)}</vt:lpwstr>`);
  });

  it('gives every answer a content control named by its question: check boxes with I don’t know, text controls', async () => {
    const model = questionnaireModel();
    const xml = docxPart(await buildQuestionnaireDocument(model));
    assertWellFormedXml(xml);
    const questions = model.sections.flatMap((s) => s.questions);
    const options = questions.reduce((n, q) => n + q.options.length, 0);
    // Real Word 2010 check boxes, one per option and one "I don't know" per question; no ☐ typed as text.
    expect(count(xml, '<w14:checkbox>')).toBe(options + questions.length);
    expect(count(xml, '☐')).toBe(options + questions.length);
    expect(count(wordText(xml), 'I don’t know')).toBeGreaterThanOrEqual(questions.length);
    for (const q of questions) {
      expect(xml).toContain(`<w:tag w:val="${q.id}:?"/>`);
      expect(xml).toContain(`w:name="vq_${q.id.replace(/-/g, '_')}_dk"`);
      q.options.forEach((o, i) => {
        expect(xml).toContain(`<w:tag w:val="${q.id}=${o.value}"/>`);
        expect(xml).toContain(`w:name="vq_${q.id.replace(/-/g, '_')}_o${i}"`);
      });
      if (q.options.length === 0) {
        expect(xml).toContain(`<w:tag w:val="${q.id}"/>`);
        expect(xml).toContain(`w:name="vq_${q.id.replace(/-/g, '_')}_t"`);
      }
    }
    // Number and date questions and the declaration: plain-text controls; text questions rich text (line breaks survive LibreOffice); all showing Word's placeholder.
    expect(count(xml, '<w:text/>')).toBe(questions.filter((q) => q.kind === 'number' || q.kind === 'date').length + 4);
    expect(count(xml, '<w:showingPlcHdr/>')).toBe(questions.filter((q) => q.options.length === 0).length + 4);
  });

  it('ends with a declaration and signature block with fields for who answered', async () => {
    const xml = docxPart(await buildQuestionnaireDocument(questionnaireModel()));
    const text = wordText(xml);
    expect(text).toContain('Declaration');
    expect(text).toMatch(/I confirm that the answers in this questionnaire about Sepsis early warning are accurate and complete/);
    expect(text).toContain('authorised to give these answers on behalf of Acme Health AI');
    expect(text).toContain('Signature: ____');
    for (const field of ['declaration-name', 'declaration-position', 'declaration-organisation', 'declaration-date']) expect(xml).toContain(`<w:tag w:val="${field}"/>`);
  });

  it('names the person who issued the request when no vendor contact is set, and says so', async () => {
    const base = questionnaireModel();
    const model = questionnaireModel({ meta: { ...base.meta, contact: { name: 'Dr Grace Preparer', email: '', telephone: '' }, contactIsSet: false } });
    const text = docxText(await buildQuestionnaireDocument(model));
    expect(text).toContain('Dr Grace Preparer (issued the request; no vendor contact is set)');
    expect(text).toContain('has not named a contact for vendors');
  });

  it('reads in python-docx as the vendor sees it: each section once, its questions under it, the declaration last', async (ctx) => {
    if (!python) return ctx.skip();
    const model = questionnaireModel();
    const blocks = readWithPythonDocx(python, await buildQuestionnaireDocument(model));
    const headings = blocks.filter((b) => b.type === 'p' && b.style === 'Heading 1').map((b) => (b.type === 'p' ? b.text : ''));
    expect(headings).toEqual(['How to answer', 'Model development', 'Performance', 'Declaration']);
    const paragraphs = blocks.flatMap((b) => (b.type === 'p' ? [b.text] : b.rows.flat()));
    expect(paragraphs.filter((p) => p.startsWith('VT-DEV-01  '))).toHaveLength(1);
    expect(paragraphs.some((p) => p.includes('Option B'))).toBe(true);
  });

  it('keeps awkward text in questions', async () => {
    const base = questionnaireModel();
    const odd = `<b>&"'</b> 🩺 مرحبا بالعالم`;
    const model = questionnaireModel({
      system: { ...base.system, name: odd },
      sections: [{ title: odd, questions: [{ ...base.sections[0]!.questions[0]!, text: odd }] }],
    });
    const xml = docxPart(await buildQuestionnaireDocument(model));
    assertWellFormedXml(xml);
    expect(wordText(xml)).toContain(`VT-DEV-01  ${odd}`);
  });
});
