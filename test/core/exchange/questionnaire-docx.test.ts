// The Word questionnaire for vendors round trip (issue 17): exported for an open request,
// filled in by a script through its content controls, saved by LibreOffice, imported back as
// transcribed vendor answers; and every refusal with its code, a sentence, and nothing written.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Question, RequestPackage } from '../../../electron/contract/index.ts';
import { zipEntryText } from '../../../electron/core/export/word/docx-zip.ts';
import { fillQuestionnaire, withDocumentXml, type Filling } from '../../support/fill-questionnaire.ts';
import { resaveWithLibreOffice, soffice } from '../../support/office-tools.ts';
import { databaseDigest, exchangeSetup } from './exchange-fixture.ts';

let setup: Awaited<ReturnType<typeof exchangeSetup>>;
beforeEach(async () => {
  setup = await exchangeSetup();
});
afterEach(() => setup.dispose());

const questionnaireOf = async (requestId = setup.created.request.id) => {
  const result = await setup.hospital.call('export.questionnaire', { requestId });
  return Buffer.from(result.dataBase64 ?? '', 'base64');
};
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const requestQuestions = () => (JSON.parse(setup.created.text) as RequestPackage).questions;

/** One question of each kind the request asks, and the filling that answers them, with what each answer should be. */
async function answersForEachKind() {
  const detail = await setup.hospital.call('assessments.get', { id: setup.assessmentId });
  const byId = new Map(detail.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions)).map((q) => [q.id, q] as const));
  // The questions in the document: the request's, less those the system's record rules out.
  const xml = zipEntryText(await questionnaireOf(), 'word/document.xml');
  const asked = requestQuestions()
    .map((q) => byId.get(q.id) as Question)
    .filter((q) => xml.includes(`<w:tag w:val="${q.id}:?"/>`));
  const first = (kind: Question['kind'], skip = 0) => asked.filter((q) => q.kind === kind)[skip];
  const tick: string[] = [];
  const type: Record<string, string> = {};
  const expected = new Map<string, unknown>();
  const yesNo = first('yesNo');
  if (yesNo) {
    tick.push(`${yesNo.id}=no`);
    expected.set(yesNo.id, 'no');
  }
  const choice = first('choice');
  if (choice && 'options' in choice) {
    const option = choice.options[1]!.value;
    tick.push(`${choice.id}=${option}`);
    expected.set(choice.id, option);
  }
  const multi = first('multi');
  if (multi && 'options' in multi) {
    const picked = [multi.options[0]!.value, multi.options[multi.options.length - 1]!.value];
    tick.push(...picked.map((v) => `${multi.id}=${v}`));
    expected.set(multi.id, picked);
  }
  const text = first('text');
  if (text) {
    type[text.id] = 'Retrained quarterly on UK data & <validated>;\nsee the model card.';
    expected.set(text.id, type[text.id]);
  }
  const number = first('number');
  if (number) {
    type[number.id] = '12';
    expected.set(number.id, 12);
  }
  const date = first('date');
  if (date) {
    type[date.id] = '2025-11-30';
    expected.set(date.id, '2025-11-30');
  }
  const dontKnow = first('yesNo', 1) ?? first('choice', 1);
  if (dontKnow) {
    tick.push(`${dontKnow.id}:?`);
    expected.set(dontKnow.id, 'unknown');
  }
  type['declaration-name'] = 'Jo Vendor';
  type['declaration-organisation'] = 'Acme Imaging Ltd';
  type['declaration-date'] = '2026-03-02';
  return { filling: { tick, type } satisfies Filling, expected };
}

async function expectRefused(bytes: Uint8Array, code: string, message: RegExp) {
  const before = await databaseDigest(setup.hospital);
  const preview = await setup.hospital.raw('vendor.previewDocx', { dataBase64: base64(bytes) });
  expect(preview.ok ? 'ok' : preview.error.code).toBe(code);
  const result = await setup.hospital.raw('vendor.importDocx', { dataBase64: base64(bytes) });
  expect(result.ok ? 'ok' : result.error.code).toBe(code);
  if (!result.ok) {
    expect(result.error.message).toMatch(message);
    // A sentence for people, not a schema dump.
    expect(result.error.message).toMatch(/^[A-Z].*[.)]$/s);
    expect(result.error.message).not.toMatch(/[{}[\]]|"code"/);
  }
  expect(await databaseDigest(setup.hospital)).toBe(before);
}

describe('Word questionnaire round trip', () => {
  it('is filled in through its content controls, saved by LibreOffice, and imported as transcribed vendor answers', async (ctx) => {
    if (!soffice) return ctx.skip();
    const { hospital, assessmentId, created } = setup;
    const { filling, expected } = await answersForEachKind();
    expect(expected.size).toBeGreaterThanOrEqual(4);
    const filled = await fillQuestionnaire(await questionnaireOf(), filling);
    const saved = resaveWithLibreOffice(filled);

    const preview = await hospital.call('vendor.previewDocx', { dataBase64: base64(saved) });
    expect(preview).toMatchObject({ transcribed: true, key: null, requestId: created.request.id, assessmentId, vendorName: 'Acme Imaging Ltd', respondedAt: '2026-03-02T00:00:00.000Z', evidence: [] });
    const incoming = new Map(preview.answers.map((a) => [a.questionId, a.incomingUnknown ? 'unknown' : a.incoming]));
    expect(incoming).toEqual(expected);
    // Nothing is written by a preview.
    expect((await hospital.call('vendor.requests', { assessmentId }))[0]?.status).toBe('open');

    const result = await hospital.call('vendor.importDocx', { dataBase64: base64(saved) });
    expect(result.answersWritten).toBe(expected.size);
    expect(result.preview.transcribed).toBe(true);
    const detail = await hospital.call('assessments.get', { id: assessmentId });
    for (const [questionId, value] of expected) {
      const answer = detail.answers.find((a) => a.questionId === questionId);
      expect(answer, questionId).toMatchObject({ source: 'vendor', transcribed: true, ...(value === 'unknown' ? { unknown: true, value: null } : { value }) });
    }
    const events = await hospital.sql.all<{ action: string; actor: string; payload: string }>('SELECT action, actor, payload FROM audit_events ORDER BY seq');
    const imported = events.find((e) => e.action === 'vendor.questionnaireImported');
    expect(imported).toBeDefined();
    expect(JSON.parse(imported!.payload)).toMatchObject({ request: created.request.id, signed: false, transcribed: true, vendor: 'Acme Imaging Ltd', declaration: { name: 'Jo Vendor', organisation: 'Acme Imaging Ltd' } });
    expect(events.filter((e) => e.action === 'assessment.answered').at(-1)?.actor).toContain('Word questionnaire');
    expect(await hospital.call('vendor.requests', { assessmentId })).toEqual([expect.objectContaining({ id: created.request.id, status: 'imported', vendorName: 'Acme Imaging Ltd', vendorFingerprint: null })]);
    expect(detail.status).toBe('inProgress');

    // Imported once: the same file again is a replay.
    await expectRefused(saved, 'REPLAY', /already imported/);
  }, 300_000);

  it('reads the controls by their bookmarks when the tags are gone (LibreOffice drops tags)', async () => {
    const { filling, expected } = await answersForEachKind();
    const filled = await fillQuestionnaire(await questionnaireOf(), filling);
    const untagged = await withDocumentXml(filled, (xml) => xml.replace(/<w:tag w:val="[^"]*"\/>/g, ''));
    const preview = await setup.hospital.call('vendor.previewDocx', { dataBase64: base64(untagged) });
    expect(new Map(preview.answers.map((a) => [a.questionId, a.incomingUnknown ? 'unknown' : a.incoming]))).toEqual(expected);
  });
});

describe('Word questionnaire refusals (nothing written)', () => {
  const yesNoId = () => requestQuestions().find((q) => q.kind === 'yesNo')!.id;

  it('refuses two boxes ticked for a one-choice question', async () => {
    const id = yesNoId();
    await expectRefused(await fillQuestionnaire(await questionnaireOf(), { tick: [`${id}=yes`, `${id}=no`] }), 'VALIDATION_FAILED', new RegExp(`${id}.*takes one answer, but 2 boxes are ticked`));
  });

  it("refuses I don't know beside an answer, a number that is not one, and a questionnaire with no answers", async () => {
    const id = yesNoId();
    await expectRefused(await fillQuestionnaire(await questionnaireOf(), { tick: [`${id}=yes`, `${id}:?`] }), 'VALIDATION_FAILED', /"I don't know" is ticked and an answer is given/);
    const number = requestQuestions().find((q) => q.kind === 'number');
    if (number) await expectRefused(await fillQuestionnaire(await questionnaireOf(), { type: { [number.id]: 'about twelve' } }), 'VALIDATION_FAILED', /takes a number/);
    await expectRefused(await questionnaireOf(), 'VALIDATION_FAILED', /has no answers/);
  });

  it('refuses an expired request, an unknown request or a wrong nonce', async () => {
    const id = yesNoId();
    const filled = await fillQuestionnaire(await questionnaireOf(), { tick: [`${id}=yes`] });
    const wrongNonce = await replaceProperty(filled, /(name="VigilNonce"><vt:lpwstr>)[0-9a-f]{64}/, `$1${'0'.repeat(64)}`);
    await expectRefused(wrongNonce, 'REQUEST_UNKNOWN', /did not issue/);
    const noProperties = await replaceProperty(filled, /<property [^>]*name="VigilRequestId">[\s\S]*?<\/property>/, '');
    await expectRefused(noProperties, 'REQUEST_UNKNOWN', /does not carry the reference and check code/);
    await setup.hospital.sql.run('UPDATE vendor_requests SET expires_at = ? WHERE id = ?', '2000-01-01T00:00:00.000Z', setup.created.request.id);
    await expectRefused(filled, 'REQUEST_EXPIRED', /expired on 2000-01-01/);
  });

  it('refuses a box for a question the request did not ask, and a copied box', async () => {
    const id = yesNoId();
    const filled = await fillQuestionnaire(await questionnaireOf(), { tick: [`${id}=yes`] });
    const foreign = await withDocumentXml(filled, (xml) => xml.replace(`<w:tag w:val="${id}=yes"/>`, '<w:tag w:val="ZZ-NOPE-01=yes"/>'));
    await expectRefused(foreign, 'QUESTION_NOT_IN_REQUEST', /ZZ-NOPE-01, which request VRQ-\w+ did not ask/);
    const copied = await withDocumentXml(filled, (xml) => {
      const box = new RegExp(`<w:sdt><w:sdtPr><w:tag w:val="${id}=no"/>[\\s\\S]*?</w:sdt>`).exec(xml)![0];
      return xml.replace('</w:body>', `<w:p>${box}</w:p></w:body>`);
    });
    await expectRefused(copied, 'PACKAGE_MALFORMED', /has a box twice/);
  });

  it('refuses an answer typed with a bidirectional control or a C1 control (the one rule for text from outside)', async () => {
    const text = requestQuestions().find((q) => q.kind === 'text');
    if (!text) return;
    for (const typed of ['Encrypted at rest \u202Edesabnu', 'Encrypted \u009B2J at rest']) {
      await expectRefused(await fillQuestionnaire(await questionnaireOf(), { type: { [text.id]: typed } }), 'VALIDATION_FAILED', new RegExp(`the answer to ${text.id} contains`));
    }
  });

  it('refuses a body with a reference to a character Vigil does not accept, "--" in a comment, or a declaration other than XML 1.0 in UTF-8', async () => {
    const id = yesNoId();
    const filled = await fillQuestionnaire(await questionnaireOf(), { tick: [`${id}=yes`] });
    const inBody = (extra: string) => withDocumentXml(filled, (xml) => xml.replace('<w:body>', `<w:body><w:p><w:r><w:t>${extra}</w:t></w:r></w:p>`));
    const declared = (declaration: string) => withDocumentXml(filled, (xml) => xml.replace(/^<\?xml [^>]*\?>/, declaration));
    for (const ref of ['&#xFFFE;', '&#1;', '&#133;', '&#xFDD0;', '&#xDC00;']) {
      await expectRefused(await inBody(ref), 'PACKAGE_MALFORMED', new RegExp(`^The questionnaire’s body is not well-formed XML: a character reference ${ref} to .* at line \\d+, column \\d+\\.`));
    }
    await expectRefused(await inBody('<!-- a -- b -->'), 'PACKAGE_MALFORMED', /questionnaire’s body is not well-formed XML: "--" inside a comment/);
    await expectRefused(await inBody('<!-- a --->'), 'PACKAGE_MALFORMED', /"--" inside a comment/);
    await expectRefused(await declared('<?xml version="1.0" encoding="UTF-16" standalone="yes"?>'), 'XML_UNSAFE', /^The questionnaire’s body is refused: its XML declaration names the encoding "UTF-16" at line 1, column 31\. Vigil reads UTF-8 XML only/);
    await expectRefused(await declared('<?xml version="1.1" encoding="UTF-8" standalone="yes"?>'), 'PACKAGE_MALFORMED', /version "1\.1"; Vigil reads XML 1\.0 only/);
    // The document properties are read the same way.
    const props = await replaceProperty(filled, /^<\?xml [^>]*\?>/, '<?xml version="1.0" encoding="windows-1252"?>');
    await expectRefused(props, 'XML_UNSAFE', /^The questionnaire’s document properties is refused: its XML declaration names the encoding "windows-1252"/);
    // As Word and LibreOffice write it, the declaration is read.
    expect((await setup.hospital.raw('vendor.previewDocx', { dataBase64: base64(await declared('<?xml version="1.0" encoding="utf-8" standalone="no"?>')) })).ok).toBe(true);
  });

  it('refuses a file that is not a .docx, a damaged zip, an unsafe part, and a file over 20 MB', async () => {
    await expectRefused(Buffer.from('%PDF-1.7\n…'), 'PACKAGE_MALFORMED', /it is a PDF/);
    await expectRefused(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'PACKAGE_MALFORMED', /old Word \.doc/);
    await expectRefused(Buffer.from('just some text'), 'PACKAGE_MALFORMED', /not a Word document/);
    const docx = await questionnaireOf();
    await expectRefused(docx.subarray(0, docx.length - 200), 'PACKAGE_MALFORMED', /not a Vigil Word questionnaire that can be read back/);
    const unsafe = await withDocumentXml(docx, (xml) => xml.replace('<w:document', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><w:document'));
    await expectRefused(unsafe, 'XML_UNSAFE', /questionnaire’s body is refused: it contains an external reference/);
    const large = await setup.hospital.raw('vendor.previewDocx', { dataBase64: Buffer.alloc(21 * 1024 * 1024).toString('base64') });
    expect(large.ok ? 'ok' : large.error.code).toBe('VALIDATION_FAILED');
    if (!large.ok) expect(large.error.message).toMatch(/larger than the 20 MB/);
  });
});

describe('export.questionnaire', () => {
  it('is refused for an unknown, answered or expired request', async () => {
    const unknown = await setup.hospital.raw('export.questionnaire', { requestId: 'VRQ-NOPE0000' });
    expect(unknown.ok ? 'ok' : unknown.error.code).toBe('NOT_FOUND');
    await setup.hospital.sql.run('UPDATE vendor_requests SET expires_at = ? WHERE id = ?', '2000-01-01T00:00:00.000Z', setup.created.request.id);
    const expired = await setup.hospital.raw('export.questionnaire', { requestId: setup.created.request.id });
    expect(expired.ok ? 'ok' : expired.error.code).toBe('REQUEST_EXPIRED');
  });

  it('names the vendor contact from Settings, or the person who issued the request', async () => {
    const { docxText } = await import('../../support/read-docx.ts');
    expect(docxText(await questionnaireOf())).toContain('no vendor contact is set');
    await setup.hospital.call('settings.update', { vendorContact: { name: 'AI Procurement Desk', email: 'ai.procurement@hospital.example', telephone: '+44 20 7946 0001' } });
    const text = docxText(await questionnaireOf());
    expect(text).toContain('AI Procurement Desk · ai.procurement@hospital.example · +44 20 7946 0001');
    expect(text).not.toContain('no vendor contact is set');
  });
});

async function replaceProperty(docx: Uint8Array, pattern: RegExp, replacement: string): Promise<Uint8Array> {
  const { replaceZipEntry, zipEntryText } = await import('../../../electron/core/export/word/docx-zip.ts');
  const xml = zipEntryText(docx, 'docProps/custom.xml');
  const changed = xml.replace(pattern, replacement);
  if (changed === xml) throw new Error(`custom.xml has no ${pattern}`);
  return replaceZipEntry(docx, 'docProps/custom.xml', [Buffer.from(changed, 'utf8')]);
}
