// CHAI Applied Model Card import: a realistic card fills the mapped answers as the vendor's,
// and every unsafe or unusable card is refused with its code and nothing written.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileTextFromBytes, type ModelCardPreview, type ModelCardResult, type VigilError } from '../../../../electron/contract/index.ts';
import { databaseDigest } from '../exchange-fixture.ts';
import { answerAll, auditRows } from '../../../support/governance-fixture.ts';
import { awkwardCardBytes, modelCardSetup, sampleCard } from './model-card-fixture.ts';

let setup: Awaited<ReturnType<typeof modelCardSetup>>;
beforeEach(async () => {
  setup = await modelCardSetup();
});
afterEach(() => setup.core.dispose());

const refusal = async (method: 'modelCard.preview' | 'modelCard.apply', text: string, extra: object = {}): Promise<VigilError> => {
  const before = await databaseDigest(setup.core);
  const result = await setup.core.raw(method, { assessmentId: setup.assessmentId, text, ...extra });
  expect(await databaseDigest(setup.core)).toBe(before);
  if (result.ok) throw new Error(`${method} was not refused`);
  return result.error;
};

describe('model card import', () => {
  it('previews without writing: what would be filled, before → after, and the sections found', async () => {
    const before = await databaseDigest(setup.core);
    const preview: ModelCardPreview = await setup.core.call('modelCard.preview', { assessmentId: setup.assessmentId, text: sampleCard, fileName: 'lumen.xml' });
    expect(await databaseDigest(setup.core)).toBe(before);
    expect(preview).toMatchObject({ modelName: 'Lumen Chest X-ray Triage', namespace: 'https://mc.chai.org/v0.2/schema.xsd', fileName: 'lumen.xml', evidenceQuestion: 'VT-DEV-04' });
    expect(preview.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(preview.sections.every((s) => s.found)).toBe(true);
    expect(preview.items.map((i) => [i.questionId, i.action, i.write])).toEqual([
      ['VT-DEV-01', 'fill', true],
      ['VT-DEV-02', 'fill', true],
      ['VT-DEV-04', 'fill', true],
      ['VT-USE-01', 'fill', true],
      ['VT-USE-03', 'fill', true],
    ]);
    const byId = new Map(preview.items.map((i) => [i.questionId, i]));
    expect(byId.get('VT-DEV-01')?.after).toBe(
      'Developer: Northwind Imaging AI Ltd\n\nProduct: Lumen Chest X-ray Triage\n\nVersion: 4.2.0\n\nContact: safety@northwind-imaging.example, +44 20 7946 0000 (24/7 clinical safety and security line)',
    );
    // Entities decoded, runs of whitespace collapsed, the CDATA read as text.
    expect(byId.get('VT-USE-01')?.after).toContain('Worklist prioritisation of adult frontal chest radiographs\nfor suspected pneumothorax & pleural effusion');
    expect(byId.get('VT-USE-03')?.after).toContain('Known risks and limitations: Sensitivity drops for small apical pneumothoraces (< 1 cm).');
    expect(byId.get('VT-DEV-04')).toMatchObject({ after: 'yes', before: null, beforeSource: null });
  });

  it('attaches the card byte for byte: a byte-order mark, CRLF and non-ASCII text keep the SHA-256 of the vendor\'s file', async () => {
    const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
    expect(awkwardCardBytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(awkwardCardBytes.includes('\r\n')).toBe(true);
    // Read as the pages and the CLI read a file (contract fileTextFromBytes), then sent to the core.
    const text = fileTextFromBytes(awkwardCardBytes);
    expect(text?.startsWith('\uFEFF<?xml')).toBe(true);
    const result: ModelCardResult = await setup.core.call('modelCard.apply', { assessmentId: setup.assessmentId, text: text ?? '', fileName: 'lumen-crlf.xml' });
    expect(result.written).toEqual(['VT-DEV-01', 'VT-DEV-02', 'VT-DEV-04', 'VT-USE-01', 'VT-USE-03']);
    expect(result.preview.sha256).toBe(sha256(awkwardCardBytes));
    const stored = await setup.core.call('evidence.get', { id: result.evidenceId ?? '' });
    const bytes = Buffer.from(stored.dataBase64, 'base64');
    expect(sha256(bytes)).toBe(sha256(awkwardCardBytes));
    expect(bytes.equals(awkwardCardBytes)).toBe(true);
    expect(stored.meta.sha256).toBe(sha256(awkwardCardBytes));
  });

  it('applies: answers as the vendor, the card attached to its question, one import event naming the SHA-256', async () => {
    const eventsBefore = (await auditRows(setup.core)).length;
    const result: ModelCardResult = await setup.core.call('modelCard.apply', { assessmentId: setup.assessmentId, text: sampleCard, fileName: 'lumen.xml' });
    expect(result.written).toEqual(['VT-DEV-01', 'VT-DEV-02', 'VT-DEV-04', 'VT-USE-01', 'VT-USE-03']);
    expect(result.status).toBe('inProgress');
    const detail = await setup.core.call('assessments.get', { id: setup.assessmentId });
    for (const id of result.written) expect(detail.answers.find((a) => a.questionId === id)).toMatchObject({ source: 'vendor', unknown: false });
    expect(detail.answers.find((a) => a.questionId === 'VT-DEV-04')?.value).toBe('yes');
    expect(detail.evidence).toEqual([expect.objectContaining({ id: result.evidenceId, questionId: 'VT-DEV-04', fileName: 'lumen.xml', mediaType: 'application/xml', sha256: result.preview.sha256 })]);

    const events = (await auditRows(setup.core)).slice(eventsBefore);
    const imports = events.filter((e) => e.action === 'vendor.modelCardImported');
    expect(imports).toHaveLength(1);
    expect(JSON.parse(imports[0]!.payload)).toMatchObject({ sha256: result.preview.sha256, fileName: 'lumen.xml', written: expect.arrayContaining([{ questionId: 'VT-USE-01', replaced: false, truncated: false }]) });
    // The answers and the file are recorded as the service records every answer and file, in the same transaction.
    expect(events.map((e) => e.action).sort()).toEqual(['assessment.answered', 'evidence.added', 'vendor.modelCardImported']);

    // The same card again changes nothing and says so.
    expect((await refusal('modelCard.apply', sampleCard)).code).toBe('CONFLICT');
  });

  it("keeps the assessor's answers unless overwrite is asked for", async () => {
    await setup.core.call('assessments.answer', { id: setup.assessmentId, answers: [{ questionId: 'VT-USE-01', value: 'Our own words.' }, { questionId: 'VT-DEV-04', value: 'no' }] });
    const preview = await setup.core.call('modelCard.preview', { assessmentId: setup.assessmentId, text: sampleCard });
    expect(preview.items.find((i) => i.questionId === 'VT-USE-01')).toMatchObject({ action: 'conflict', write: false, before: 'Our own words.', beforeSource: 'assessor' });
    expect(preview.evidenceQuestion).toBeNull();
    const kept = await setup.core.call('modelCard.apply', { assessmentId: setup.assessmentId, text: sampleCard });
    expect(kept.kept).toEqual(['VT-DEV-04', 'VT-USE-01']);
    expect(kept.evidenceId).toBeNull();
    let detail = await setup.core.call('assessments.get', { id: setup.assessmentId });
    expect(detail.answers.find((a) => a.questionId === 'VT-USE-01')).toMatchObject({ value: 'Our own words.', source: 'assessor' });

    const replaced = await setup.core.call('modelCard.apply', { assessmentId: setup.assessmentId, text: sampleCard, overwrite: true });
    expect(replaced.written).toEqual(['VT-DEV-04', 'VT-USE-01']);
    detail = await setup.core.call('assessments.get', { id: setup.assessmentId });
    expect(detail.answers.find((a) => a.questionId === 'VT-USE-01')).toMatchObject({ source: 'vendor' });
    expect(detail.evidence.map((e) => e.questionId)).toEqual(['VT-DEV-04']);
  });

  it('matches elements by local name, whatever their namespace prefix', async () => {
    const prefixed = sampleCard
      .replace('<AppliedModelCard xmlns="https://mc.chai.org/v0.2/schema.xsd">', '<mc:AppliedModelCard xmlns:mc="https://mc.chai.org/v0.2/schema.xsd">')
      .replace('</AppliedModelCard>', '</mc:AppliedModelCard>')
      .replace(/<(\/?)(BasicInfo|ModelName)>/g, '<$1mc:$2>');
    const plain = await setup.core.call('modelCard.preview', { assessmentId: setup.assessmentId, text: sampleCard });
    const preview = await setup.core.call('modelCard.preview', { assessmentId: setup.assessmentId, text: prefixed });
    expect(preview.items).toEqual(plain.items);
    expect(preview.namespace).toBeNull();
  });

  it('cuts text over the 10,000-character answer limit, with a note', async () => {
    const long = sampleCard.replace('Adults aged 18 and over.', 'x'.repeat(12_000));
    const item = (await setup.core.call('modelCard.preview', { assessmentId: setup.assessmentId, text: long })).items.find((i) => i.questionId === 'VT-USE-01');
    expect(item?.truncated).toBe(true);
    expect(typeof item?.after === 'string' && item.after.length).toBe(10_000);
    expect(item?.after).toMatch(/\[Cut by Vigil: the model card's text was [\d,]+ characters; the full card is attached as evidence\.\]$/);
  });

  const bomb = (depth: number) => `<AppliedModelCard>${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}</AppliedModelCard>`;
  const cases: [string, string, string, RegExp][] = [
    [
      'a DOCTYPE with internal entities (billion laughs)',
      `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n<AppliedModelCard><BasicInfo><ModelName>&lol2;</ModelName></BasicInfo></AppliedModelCard>`,
      'XML_UNSAFE',
      /<!DOCTYPE> declaration at line 2, column 1/,
    ],
    ['an external entity', `<!ENTITY x SYSTEM "file:///etc/passwd">\n<AppliedModelCard>&x;</AppliedModelCard>`, 'XML_UNSAFE', /external reference .*SYSTEM "file:\/\/\/etc\/passwd"/],
    ['a bare DOCTYPE', `<!DOCTYPE AppliedModelCard>${sampleCard.replace(/^<\?xml[^>]*>/, '')}`, 'XML_UNSAFE', /<!DOCTYPE/],
    ['an external DTD', `<!DOCTYPE AppliedModelCard PUBLIC "-//X//EN" "http://example.com/x.dtd"><AppliedModelCard/>`, 'XML_UNSAFE', /PUBLIC "-\/\/X\/\/EN"/],
    ['a processing instruction', sampleCard.replace('<AppliedModelCard', '<?xml-stylesheet href="x.xsl"?><AppliedModelCard'), 'XML_UNSAFE', /processing instruction \(<\?xml-stylesheet\)/],
    ['a depth bomb', bomb(10_000), 'XML_UNSAFE', /nest deeper than 32 levels/],
    ['malformed XML', sampleCard.replace('</ModelName>', '</ModelNam>'), 'PACKAGE_MALFORMED', /<\/ModelNam> closes <ModelName> at line 5/],
    ['an undefined entity', sampleCard.replace('&amp;', '&nbsp;'), 'PACKAGE_MALFORMED', /undefined entity &nbsp;/],
    ['another document', '<html><body/></html>', 'VALIDATION_FAILED', /^This file is not a CHAI Applied Model Card: it is a web page \(HTML\)\./],
    ['other XML', '<Catalogue><Item/></Catalogue>', 'VALIDATION_FAILED', /top element is <Catalogue>, not <AppliedModelCard>/],
    // The one rule for text from outside (contract/plain-text.ts), in text and attributes alike.
    ['a right-to-left override in a name', sampleCard.replace('Lumen Chest X-ray Triage', 'Lumen \u202Eegairt'), 'VALIDATION_FAILED', /the text of <ModelName> contains U\+202E, a bidirectional control/],
    ['a C1 control reference in an attribute', sampleCard.replace('<AppliedModelCard', '<AppliedModelCard note="a\u009Bb"'), 'VALIDATION_FAILED', /the note attribute of <AppliedModelCard> contains the control character U\+009B/],
    ['over 5 MB', `<AppliedModelCard>${' '.repeat(5 * 1024 * 1024)}</AppliedModelCard>`, 'PAYLOAD_TOO_LARGE', /limited to 5 MB/],
  ];
  // Issue 18, item 7: what strict XML 1.0 (and Vigil's plain-text rule) does not allow, each
  // refused where the XML says it, with the file's line and column.
  const withName = (name: string) => sampleCard.replace('<ModelName>Lumen Chest X-ray Triage</ModelName>', `<ModelName>${name}</ModelName>`);
  const withDeclaration = (declaration: string) => sampleCard.replace('<?xml version="1.0" encoding="UTF-8"?>', declaration);
  const forbiddenReferences = ['&#0;', '&#1;', '&#x202E;', '&#8294;', '&#x8;', '&#x0B;', '&#x1F;', '&#x7F;', '&#133;', '&#x9B;', '&#xD800;', '&#xDFFF;', '&#xFDD0;', '&#xFDEF;', '&#xFFFE;', '&#xFFFF;', '&#x1FFFE;', '&#x10FFFF;', '&#x110000;'];
  const strictness: [string, string, string, RegExp][] = [
    ...forbiddenReferences.map((ref): [string, string, string, RegExp] => [`a reference ${ref}`, withName(`Lumen ${ref}`), 'PACKAGE_MALFORMED', new RegExp(`not well-formed XML: a character reference ${ref} to .* at line 5, column 20\\.`)]),
    ['a reference to C1 CSI in an attribute', sampleCard.replace('<AppliedModelCard xmlns', '<AppliedModelCard note="&#x9B;31m" xmlns'), 'PACKAGE_MALFORMED', /a character reference &#x9B; to U\+009B, a character Vigil does not accept in text from outside at line 3, column 25\./],
    ['"--" in a comment before the card', sampleCard.replace("<!-- A fictional vendor's", "<!-- A fictional -- vendor's"), 'PACKAGE_MALFORMED', /"--" inside a comment \(XML allows it only in the closing "-->"\) at line 2, column 18\./],
    ['a comment ending "--->"', sampleCard.replace('for tests. -->', 'for tests. --->'), 'PACKAGE_MALFORMED', /"--" inside a comment .* at line 2, column \d+\./],
    ['"--" in a comment inside an element', withName('Lumen<!-- x -- y -->'), 'PACKAGE_MALFORMED', /"--" inside a comment .* at line 5, column 26\./],
    ['a UTF-16 declaration', withDeclaration('<?xml version="1.0" encoding="UTF-16"?>'), 'XML_UNSAFE', /^The model card is refused: its XML declaration names the encoding "UTF-16" at line 1, column 31\. Vigil reads UTF-8 XML only/],
    ['an ISO-8859-1 declaration', withDeclaration("<?xml version='1.0' encoding='ISO-8859-1'?>"), 'XML_UNSAFE', /encoding "ISO-8859-1" .*Vigil reads UTF-8 XML only/],
    ['"utf8" for UTF-8', withDeclaration('<?xml version="1.0" encoding="utf8"?>'), 'XML_UNSAFE', /encoding "utf8"/],
    ['XML 1.1', withDeclaration('<?xml version="1.1" encoding="UTF-8"?>'), 'PACKAGE_MALFORMED', /the XML declaration says version "1\.1"; Vigil reads XML 1\.0 only at line 1, column 16\./],
    ['an unknown pseudo-attribute', withDeclaration('<?xml version="1.0" encoding="UTF-8" charset="x"?>'), 'PACKAGE_MALFORMED', /the XML declaration has "charset", which is not version, encoding or standalone at line 1, column 38\./],
    ['encoding before version', withDeclaration('<?xml encoding="UTF-8" version="1.0"?>'), 'PACKAGE_MALFORMED', /must give version first, then encoding and standalone/],
    ['a declaration without version', withDeclaration('<?xml encoding="UTF-8"?>'), 'PACKAGE_MALFORMED', /must give version first/],
    ['a repeated pseudo-attribute', withDeclaration('<?xml version="1.0" version="1.0"?>'), 'PACKAGE_MALFORMED', /each at most once/],
    ['standalone "maybe"', withDeclaration('<?xml version="1.0" standalone="maybe"?>'), 'PACKAGE_MALFORMED', /standalone "maybe" \(only "yes" or "no"\)/],
    ['an empty declaration', withDeclaration('<?xml?>'), 'PACKAGE_MALFORMED', /an XML declaration was expected/],
    ['text after the pseudo-attributes', withDeclaration('<?xml version="1.0" junk?>'), 'PACKAGE_MALFORMED', /the XML declaration cannot be read from here at line 1, column 21\./],
  ];
  for (const [name, text, code, message] of [...cases, ...strictness]) {
    it(`refuses ${name} with ${code}, writing nothing`, async () => {
      for (const method of ['modelCard.preview', 'modelCard.apply'] as const) {
        const error = await refusal(method, text);
        expect(error.code).toBe(code);
        expect(error.message).toMatch(message);
        if (strictness.some(([other]) => other === name)) expect(error.details).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
      }
    });
  }

  it('reads references to characters XML and Vigil allow, "-" in comments, and every way of writing a UTF-8 declaration', async () => {
    const text = sampleCard.replace('Adults aged 18 and over.', 'Adults&#9;aged&#xA0;18&#xE9;&#xFDCF;&#xFFFD;&#x1F600;&#x10FFFD;&#65; and over.').replace('for tests. -->', 'for - tests -->');
    const item = (await setup.core.call('modelCard.preview', { assessmentId: setup.assessmentId, text })).items.find((i) => i.questionId === 'VT-USE-01');
    // (The card reader folds the tab and the no-break space into spaces, as it does all layout whitespace.)
    expect(item?.after).toContain('Patient population: Adults aged 18\u00E9\uFDCF\uFFFD\u{1F600}\u{10FFFD}A and over.');
    for (const declaration of ['<?xml version="1.0" encoding="utf-8"?>', "<?xml version='1.0' encoding='Utf-8' standalone='yes' ?>", '<?xml version="1.0"?>', '<?xml version = "1.0"\n  encoding="UTF-8"\tstandalone="no"?>']) {
      const preview = await setup.core.raw('modelCard.preview', { assessmentId: setup.assessmentId, text: withDeclaration(declaration) });
      expect(preview.ok ? 'ok' : preview.error.message, declaration).toBe('ok');
    }
  });

  it('refuses a card for a submitted assessment', async () => {
    await answerAll(setup.core, setup.assessmentId);
    await setup.core.call('workflow.send', { entityId: setup.assessmentId, event: 'review.submit' });
    const error = await refusal('modelCard.apply', sampleCard, { overwrite: true });
    expect(error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('submitted') });
  });
});
