// The check every Word export passes before it is saved (word/check-docx-xml.ts): a document
// with a part that is not well-formed XML is refused with EXPORT_INVALID naming the part, line
// and column; through the dispatcher nothing is written and nothing is recorded, for each of the
// three Word exports.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../../electron/core/domain-error.ts';
import { buildComparisonDocument } from '../../../electron/core/export/comparison-document.ts';
import { buildQuestionnaireDocument } from '../../../electron/core/export/questionnaire-document.ts';
import { buildRegisterDocument } from '../../../electron/core/export/register-document.ts';
import { checkDocxXml } from '../../../electron/core/export/word/check-docx-xml.ts';
import { replaceZipEntry, zipEntryText } from '../../../electron/core/export/word/docx-zip.ts';
import { actor, makeTestCore, type TestCore } from '../../support/core-fixture.ts';

const packed = async () => new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('The skeleton')] }] })));

/** `docx` with one part's text edited. */
const withPart = async (docx: Uint8Array, part: string, edit: (xml: string) => string | Uint8Array) => {
  const edited = edit(zipEntryText(docx, part));
  return replaceZipEntry(docx, part, [typeof edited === 'string' ? Buffer.from(edited, 'utf8') : edited]);
};

/** Line and column (from 1, in characters) of `index` in `text`. */
const lineColumn = (text: string, index: number) => {
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
};

const refusalOf = async (docx: Uint8Array): Promise<DomainError> => {
  try {
    await checkDocxXml(docx, 'The test document');
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the check accepted the document');
};

describe('checkDocxXml', () => {
  it('accepts a document as docx writes it', async () => {
    await expect(checkDocxXml(await packed(), 'The test document')).resolves.toBeUndefined();
  });

  // Each breaks word/document.xml at the text "The skeleton"; the refusal names the place.
  const breaks: [string, string, RegExp][] = [
    ['U+FFFE in text', 'The \uFFFE skeleton', /disallowed character/],
    ['U+FFFF in text', 'The \uFFFF skeleton', /disallowed character/],
    ['a C0 control in text', 'The \u0001 skeleton', /disallowed character/],
    ['a reference to a character XML forbids', 'The &#1; skeleton', /malformed character entity/],
    ['an undefined entity', 'The &nbsp; skeleton', /undefined entity/],
    ['an element closed by another', 'The </w:p> skeleton', /unexpected close tag/],
    ['an unbound namespace prefix', 'The <q:x/> skeleton', /unbound namespace prefix/],
    ['"--" in a comment', 'The <!-- a -- b --> skeleton', /malformed comment/],
  ];
  for (const [name, replacement, reason] of breaks) {
    it(`refuses ${name}, naming the part, line and column`, async () => {
      const docx = await packed();
      const xml = zipEntryText(docx, 'word/document.xml').replace('The skeleton', replacement);
      const error = await refusalOf(await withPart(docx, 'word/document.xml', () => xml));
      expect(error.code).toBe('EXPORT_INVALID');
      expect(error.message).toMatch(/^The test document was not saved: Vigil checks every Word document before saving it, and its part word\/document\.xml is not well-formed XML at line \d+, column \d+ \(/);
      expect(error.message).toMatch(reason);
      expect(error.message).toMatch(/nothing was written or recorded/);
      // The line is the one the break is on; the column at or just after the break's start.
      const at = lineColumn(xml, xml.indexOf(replacement));
      expect(error.details).toMatchObject({ part: 'word/document.xml', line: at.line });
      const column = (error.details as { column: number }).column;
      expect(column).toBeGreaterThanOrEqual(at.column);
      expect(column).toBeLessThanOrEqual(at.column + replacement.length);
    });
  }

  it('refuses a bare ampersand (saxes notices at the end of the part, where the element is left open)', async () => {
    const docx = await packed();
    const error = await refusalOf(await withPart(docx, 'word/document.xml', (xml) => xml.replace('The skeleton', 'The & skeleton')));
    expect(error.message).toMatch(/its part word\/document\.xml is not well-formed XML at line \d+, column \d+ \(unclosed tag: w:t\)/);
  });

  it('refuses a relationships part and the content types part as well as the body', async () => {
    const docx = await packed();
    const rels = await refusalOf(await withPart(docx, 'word/_rels/document.xml.rels', (xml) => xml.replace('</Relationships>', '')));
    expect(rels.details).toMatchObject({ part: 'word/_rels/document.xml.rels' });
    expect(rels.message).toMatch(/its part word\/_rels\/document\.xml\.rels is not well-formed XML at line \d+, column \d+ \(unclosed tag: Relationships\)/);
    const types = await refusalOf(await withPart(docx, '[Content_Types].xml', (xml) => xml.replace('<Types', '<Types\uFFFF')));
    expect(types.details).toMatchObject({ part: '[Content_Types].xml' });
  });

  it('refuses a part that is not UTF-8, a zip without a body, and bytes that are not a zip', async () => {
    const docx = await packed();
    const latin1 = await refusalOf(await withPart(docx, 'word/document.xml', (xml) => Buffer.from(xml.replace('The skeleton', 'The skelet\u00f8n'), 'latin1')));
    expect(latin1.message).toMatch(/word\/document\.xml is not well-formed XML at line \d+, column \d+ \(it is not UTF-8 text\)/);
    // The body's name changed in the zip's headers (the same length, so the zip stays whole).
    const bytes = Buffer.from(docx);
    for (let at = bytes.indexOf('word/document.xml'); at >= 0; at = bytes.indexOf('word/document.xml', at + 1)) bytes.write('word/documenx.xml', at);
    const missing = await refusalOf(bytes);
    expect(missing.message).toMatch(/and it has no word\/document\.xml part\./);
    const notZip = await refusalOf(Buffer.from('PK\u0003\u0004 and nothing else'));
    expect(notZip.message).toMatch(/and it is not a readable zip \(/);
  });
});

describe('a Word export whose document fails the check (nothing written, nothing recorded)', () => {
  // The real writers, each document then broken in its body: a U+FFFE after the first <w:t>.
  const broken = async (docx: Promise<Uint8Array>) => withPart(await docx, 'word/document.xml', (xml) => xml.replace(/<w:t(?: [^>]*)?>/, (t) => `${t}\uFFFE`));
  let core: TestCore;
  let assessmentIds: [string, string];
  beforeAll(async () => {
    core = makeTestCore({
      exportWriters: {
        registerDocx: (model) => broken(buildRegisterDocument(model)),
        questionnaireDocx: (model) => broken(buildQuestionnaireDocument(model)),
        comparisonDocx: (model) => broken(buildComparisonDocument(model)),
      },
    });
    const systems = await Promise.all(['Quillwright', 'Scribewell'].map((vendor) => core.call('systems.create', { name: 'Ambient scribe', vendor, dataCategories: ['phi'] })));
    const started = await Promise.all(systems.map((s) => core.call('assessments.start', { systemId: s.id, stage: 'procurement' })));
    assessmentIds = [started[0]?.id ?? '', started[1]?.id ?? ''];
  });
  afterAll(() => core.dispose());

  const exports = [
    ['export.register', 'register.docx', async () => ({})],
    ['export.questionnaire', 'questionnaire.docx', async () => ({ requestId: (await core.call('vendor.request', { assessmentId: assessmentIds[0] })).request.id })],
    ['export.comparison', 'comparison.docx', async () => ({ assessmentIds })],
  ] as const;
  for (const [method, file, input] of exports) {
    it(`${method} is refused with EXPORT_INVALID naming the part, line and column`, async () => {
      const given = await input();
      const out = join(core.dir, file);
      const before = (await core.ledger()).length;
      const result = await core.dispatch(method, { ...given, out }, { ...actor, trustedPaths: true });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('EXPORT_INVALID');
      expect(result.error.message).toMatch(new RegExp(`^The Word document ${file.replace('.', '\\.')} was not saved: .* its part word/document\\.xml is not well-formed XML at line \\d+, column \\d+ \\(disallowed character\\)`));
      expect(result.error.details).toMatchObject({ part: 'word/document.xml', line: expect.any(Number), column: expect.any(Number) });
      expect(existsSync(out)).toBe(false);
      expect((await core.ledger()).length).toBe(before);
      // Without a path (the pages' download): refused the same way, nothing recorded.
      const download = await core.raw(method, given);
      expect(download.ok ? 'ok' : download.error.code).toBe('EXPORT_INVALID');
      expect((await core.ledger()).length).toBe(before);
    });
  }
});
