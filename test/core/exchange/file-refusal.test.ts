// Readable refusals: every wrong file given where Vigil expects a vendor response, a request package
// or a model card gets one sentence saying what it is instead, and at most three problems in words.
// Never a schema issue list, a JSON path or a parser's message; the codes stay as they were.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileTextForCore, type RequestQuestion, type ResponsePackage, type VigilError } from '../../../electron/contract/index.ts';
import { describeFileBytes } from '../../../electron/contract/index.ts';
import { maxListedProblems } from '../../../electron/core/exchange/file-refusal.ts';
import { databaseDigest, exchangeSetup, newKey, resign, vendorResponds } from './exchange-fixture.ts';
import { sampleCard } from './model-card/model-card-fixture.ts';

let setup: Awaited<ReturnType<typeof exchangeSetup>>;
let response = '';
beforeAll(async () => {
  setup = await exchangeSetup();
  response = (await vendorResponds(setup.vendor, setup.created, 6)).text;
});
afterAll(() => setup.dispose());

/** What a schema dump or a parser leaks: zod's wording, JSON paths, positions, stack-ish text. */
const raw = /Invalid input|Invalid option|expected \w+, received|received undefined|Unrecognized key|ZodError|"code"\s*:|\w\[\d+\]|\b(answers|questions|evidence|vendor|hospital)\.\w|Unexpected token|Unexpected end|position \d+|JSON\.parse|SyntaxError|\bissues\b/;

async function refused(core: typeof setup.hospital, method: string, input: object): Promise<VigilError> {
  const before = await databaseDigest(core);
  const result = await core.raw(method, input);
  expect(await databaseDigest(core)).toBe(before);
  if (result.ok) throw new Error(`${method} accepted a wrong file`);
  return result.error;
}

function readable(error: VigilError) {
  expect(error.message, error.message).not.toMatch(raw);
  expect(error.message.length, error.message).toBeLessThan(700);
  expect(error.details?.issues).toBeUndefined();
  const problems = (error.details?.problems as string[] | undefined) ?? [];
  expect(problems.length).toBeLessThanOrEqual(maxListedProblems);
  for (const p of problems) expect(p).not.toMatch(raw);
}

const pdf = '%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\n<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>\nendobj\n';
// As the pages and the CLI send a file: NUL made U+FFFD (fileTextForCore), else the dispatcher refuses the input before the file is looked at.
const docx = fileTextForCore('PK\u0003\u0004\u0014\u0000\u0006\u0000\b\u0000\u0000\u0000!\u0000word/document.xml');
const png = fileTextForCore('\uFFFDPNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\u0000\u0000\u0001\u0000\u0000\u0000\u0001\u0000\b\u0006\u0000\u0000\u0000\uFFFD\uFFFD\uFFFD');

/** [name, text, code, what the sentence says the file is]; checked as a response, and as a request in the vendor's inbox. */
const corpus = (): [string, string, string, RegExp][] => [
  ['a PDF', pdf, 'PACKAGE_MALFORMED', /: it is a PDF document\./],
  ['a Word document', docx, 'PACKAGE_MALFORMED', /: it is a Word document or another zip archive/],
  ['an image', png, 'PACKAGE_MALFORMED', /: it is not a text file/],
  ['an empty file', '  \n', 'PACKAGE_MALFORMED', /: it is empty\./],
  ['a letter', 'Dear Ms Lopez,\nplease find our answers attached.', 'PACKAGE_MALFORMED', /: it is plain text, not a Vigil file/],
  ['a web page', '<!doctype html><html><body>Sign in</body></html>', 'PACKAGE_MALFORMED', /: it is a web page \(HTML\)\./],
  ['a model card', sampleCard, 'PACKAGE_MALFORMED', /: it is a CHAI Applied Model Card \(XML\)\./],
  ['a cut-short file', response.slice(0, Math.floor(response.length / 2)), 'PACKAGE_MALFORMED', /: it is not complete, valid JSON \(it breaks at character \d+\); it may have been cut short or edited\./],
  ['a JSON list', '[1, 2, 3]', 'VALIDATION_FAILED', /: it holds a JSON list, not a Vigil file\./],
  ['JSON without a format', '{"name": "Acme", "answers": {"VT-DEV-01": "yes"}}', 'VALIDATION_FAILED', /: it has no "format" field, so it was not made by Vigil\./],
  ['another format', '{"format": "fhir.questionnaire-response"}', 'VALIDATION_FAILED', /: its "format" is "fhir\.questionnaire-response", not "vigil\.vendor-/],
];

describe('a wrong file given as a vendor response', () => {
  it('is named for what it is, in one sentence with what to do', async () => {
    for (const [name, text, code, says] of corpus()) {
      const error = await refused(setup.hospital, 'vendor.previewImport', { text });
      expect(error.code, name).toBe(code);
      expect(error.message, name).toMatch(/^This file is not a Vigil vendor response: /);
      expect(error.message, name).toMatch(says);
      expect(error.message, name).toMatch(/Choose the response file the vendor sent back/);
      readable(error);
      // The import refuses in the same words.
      expect((await refused(setup.hospital, 'vendor.import', { text })).message).toBe(error.message);
    }
  });

  it('a request package, or a response of another version, says so', async () => {
    const asRequest = await refused(setup.hospital, 'vendor.previewImport', { text: setup.created.text });
    expect(asRequest.message).toMatch(/^This file is not a Vigil vendor response: it is a Vigil request package \(the questions a hospital sends to a vendor\)\./);
    const v2 = await refused(setup.hospital, 'vendor.previewImport', { text: JSON.stringify({ ...(JSON.parse(response) as object), version: 2 }) });
    expect(v2.message).toMatch(/it is version 2 of the format, which this Vigil cannot read/);
    readable(asRequest);
    readable(v2);
  });

  it('a response with missing and mistyped fields lists at most three problems in words', async () => {
    const pkg = JSON.parse(response) as Record<string, unknown> & { answers: { questionId: string }[] };
    const broken = { ...pkg, nonce: undefined, vendor: 'Acme', answers: pkg.answers.map((a, i) => (i === 1 ? { questionId: a.questionId, value: { nested: true } } : a)), colour: 'blue' };
    const error = await refused(setup.hospital, 'vendor.previewImport', { text: JSON.stringify(broken) });
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toMatch(/^This file is not a Vigil vendor response: some of its content is missing or not as Vigil wrote it\. .* What is wrong: /);
    const problems = error.details?.problems as string[];
    expect(problems).toEqual(["the request's code (nonce) is missing", 'the vendor section must be a group of fields', `the answer to ${pkg.answers[1]?.questionId} must be text`]);
    expect(error.message).toMatch(/; and 1 more problem\.$/);
    readable(error);
  });

  it('an answer that fits no option names the question and its options by label', async () => {
    const pkg = JSON.parse(response) as ResponsePackage;
    const request = JSON.parse(setup.created.text) as { questions: RequestQuestion[] };
    const choice = request.questions.find((q) => (q.kind === 'choice' || q.kind === 'yesNo') && pkg.answers.some((a) => a.questionId === q.id));
    if (!choice) throw new Error('no choice question answered');
    const answers = pkg.answers.map((a) => (a.questionId === choice.id ? { questionId: a.questionId, value: 'partially' } : a));
    const error = await refused(setup.hospital, 'vendor.previewImport', { text: JSON.stringify(resign({ ...pkg, answers }, newKey())) });
    expect(error.code).toBe('VALIDATION_FAILED');
    const labels = choice.options.map((o) => `"${o.label.length > 60 ? `${o.label.slice(0, 59)}…` : o.label}"`).join(', ');
    expect(error.message).toBe(`This Vigil vendor response cannot be imported: the answer to ${choice.id} must be one of: ${labels}; the file gives "partially". Ask the vendor to correct these answers and send the response again.`);
    readable(error);
  });
});

describe('a wrong file opened in the vendor inbox', () => {
  it('is named for what it is, in one sentence', async () => {
    for (const [name, text, code, says] of corpus()) {
      const error = await refused(setup.vendor, 'vendorInbox.open', { text });
      expect(error.code, name).toBe(code);
      expect(error.message, name).toMatch(/^This file is not a Vigil request package: /);
      expect(error.message, name).toMatch(says);
      readable(error);
    }
    const asResponse = await refused(setup.vendor, 'vendorInbox.open', { text: response });
    expect(asResponse.message).toMatch(/^This file is not a Vigil request package: it is a Vigil vendor response \(the answers a vendor sends back\)\. Open the request file the hospital sent you/);
  });
});

describe('a wrong file given as a model card', () => {
  const cases: [string, string, string, RegExp][] = [
    ['a PDF', pdf, 'PACKAGE_MALFORMED', /: it is a PDF document\./],
    ['a vendor response', '{"format":"vigil.vendor-response","version":1}', 'PACKAGE_MALFORMED', /: it is a Vigil vendor response \(the answers a vendor sends back\)\./],
    ['other JSON', '{"modelName": "Lumen"}', 'PACKAGE_MALFORMED', /: it is a JSON file, not XML\./],
    ['a letter', 'Model card to follow.', 'PACKAGE_MALFORMED', /: it is plain text, not XML\./],
    ['a FHIR resource', '<DocumentReference xmlns="http://hl7.org/fhir"><id value="x"/></DocumentReference>', 'VALIDATION_FAILED', /: it is a FHIR DocumentReference/],
  ];
  it('is named for what it is, in one sentence with what to do', async () => {
    const { hospital, assessmentId } = setup;
    for (const [name, text, code, says] of cases) {
      const error = await refused(hospital, 'modelCard.preview', { assessmentId, text });
      expect(error.code, name).toBe(code);
      expect(error.message, name).toMatch(/^This file is not a CHAI Applied Model Card: /);
      expect(error.message, name).toMatch(says);
      expect(error.message, name).toMatch(/Choose the model card's XML file/);
      readable(error);
    }
  });
});

describe('any JSON at all', () => {
  it('given as a response or a request, is refused in words (property)', async () => {
    // Objects that look a little like a response, and any JSON whatever; budgeted in runs, not time.
    const responseLike = fc.record(
      { format: fc.constantFrom('vigil.vendor-response', 'vigil.vendor-request', 'other'), version: fc.constantFrom(1, 2, '1'), answers: fc.array(fc.jsonValue(), { maxLength: 4 }), vendor: fc.jsonValue() },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue({ maxDepth: 4 }), responseLike), async (value) => {
        const text = JSON.stringify(value) ?? 'null';
        for (const [core, method] of [[setup.hospital, 'vendor.previewImport'], [setup.vendor, 'vendorInbox.open']] as const) {
          const result = await core.raw(method, { text });
          if (result.ok) throw new Error(`${method} accepted ${text}`);
          // fast-check's JSON may hold a "__proto__" (or "constructor", "prototype") key: that file
          // is refused before its shape is looked at, also in words.
          const unsafeKey = /"(__proto__|constructor|prototype)":/.test(text);
          expect(result.error.message).toMatch(
            unsafeKey ? /^This file is (refused: the key "(__proto__|constructor|prototype)"|not a Vigil (vendor response|request package): )/ : /^This file is not a Vigil (vendor response|request package): /,
          );
          readable(result.error);
        }
      }),
      // The case fast-check found once: JSON.parse keeps "__proto__" as an own key, as a file would.
      { numRuns: 60, examples: [[JSON.parse('{"format":"vigil.vendor-response","__proto__":{"a":1}}') as fc.JsonValue]] },
    );
  });
});

describe('describing bytes before they are decoded', () => {
  it('tells a PDF, a zip and an image from text', () => {
    expect(describeFileBytes(Buffer.from('%PDF-1.4\n'))).toBe('it is a PDF document');
    expect(describeFileBytes(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]))).toMatch(/zip archive/);
    expect(describeFileBytes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]))).toMatch(/not a text file/);
    expect(describeFileBytes(Buffer.from('{"format":"vigil.vendor-response"}'))).toBeNull();
  });
});
