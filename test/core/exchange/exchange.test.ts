// Vendor transparency exchange (issue 8): request → respond → import, and every refusal with
// its code and nothing written.
import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileTextFromBytes, maxPackageBytes, type ResponsePackage } from '../../../electron/contract/index.ts';
import { keyFileFor } from '../../../electron/core/exchange/key-file-vault.ts';
import { answerFor, databaseDigest, exchangeSetup, newKey, resign, vendorResponds } from './exchange-fixture.ts';
import type { TestCore } from '../../support/core-fixture.ts';

let setup: Awaited<ReturnType<typeof exchangeSetup>>;
beforeEach(async () => {
  setup = await exchangeSetup();
});
afterEach(() => setup.dispose());

const ledger = (core: TestCore) =>
  core.sql.all<{ action: string; entity: string; actor: string; payload: string }>('SELECT action, entity, actor, payload FROM audit_events ORDER BY seq');

/**
 * The import is refused with `code` and no table changed. The preview refuses too, except for a
 * changed key: it shows the key as "repin" so the user can decide.
 */
async function expectRefused(text: string, code: string, message?: RegExp) {
  const before = await databaseDigest(setup.hospital);
  const preview = await setup.hospital.raw('vendor.previewImport', { text });
  expect(preview.ok ? 'ok' : preview.error.code).toBe(code === 'VENDOR_KEY_CHANGED' ? 'ok' : code);
  const result = await setup.hospital.raw('vendor.import', { text });
  expect(result.ok ? 'ok' : result.error.code).toBe(code);
  if (!result.ok && message) expect(result.error.message).toMatch(message);
  expect(await databaseDigest(setup.hospital)).toBe(before);
}

const parse = (text: string) => JSON.parse(text) as ResponsePackage;

describe('request package', () => {
  it('holds the system description and only the vendor-answerable questions, signed, and moves the assessment to awaitingVendor', async () => {
    const { hospital, created, assessmentId } = setup;
    const pkg = JSON.parse(created.text) as Record<string, unknown> & { questions: { id: string }[]; system: Record<string, unknown>; hospital: { organisation: string } };
    expect(Object.keys(pkg).sort()).toEqual(['expiresAt', 'format', 'hospital', 'issuedAt', 'nonce', 'questions', 'requestId', 'signature', 'system', 'version']);
    expect(pkg.system).toMatchObject({ name: 'Chest X-ray triage', vendor: 'Acme Imaging', productVersion: '4.2' });
    expect(Object.keys(pkg.system)).not.toContain('id');
    const detail = await hospital.call('assessments.get', { id: assessmentId });
    const vendorAnswerable = detail.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions)).filter((q) => q.vendorAnswerable);
    expect(pkg.questions.map((q) => q.id)).toEqual(vendorAnswerable.map((q) => q.id));
    expect(JSON.stringify(pkg.questions)).not.toContain('effects');
    // Put to the vendor in the vendor's words, never the hospital's ("Has the vendor…", "Ask the vendor…").
    const asked = pkg.questions as unknown as { id: string; text: string; guidance: string; options: { value: string; label: string }[] }[];
    expect(asked.map((q) => q.text)).toEqual(vendorAnswerable.map((q) => q.vendorText));
    expect(asked.map((q) => q.guidance)).toEqual(vendorAnswerable.map((q) => q.vendorGuidance));
    expect(asked.filter((q) => /\bthe vendor\b/i.test(`${q.text} ${q.guidance}`) || /\bAsk (the vendor|for)\b/.test(q.guidance)).map((q) => q.id)).toEqual([]);
    const robustness = asked.find((q) => q.id === 'PR-ROB-01');
    if (robustness) expect(robustness.options.find((o) => o.value === 'internal')?.label).toBe('Your internal testing only, summarised');
    expect(detail.status).toBe('awaitingVendor');
    expect(created.fileName).toMatch(/^vendor-request-chest-x-ray-triage-VRQ-\d+\.json$/);
    const events = (await ledger(hospital)).map((e) => e.action);
    expect(events.slice(-2)).toEqual(['vendor.request', 'vendor.requested']);
    expect(await hospital.call('vendor.requests', { assessmentId })).toEqual([expect.objectContaining({ id: created.request.id, status: 'open', questionCount: pkg.questions.length })]);
  });

  it('keeps the private key out of the database, in a file only the user may read', async () => {
    const identity = await setup.hospital.call('identity.get', {});
    expect(identity.fingerprint).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
    expect(identity.protection).toBe('file');
    expect(identity.location).toBe(keyFileFor(setup.hospital.dbPath));
    expect(statSync(identity.location).mode & 0o777).toBe(0o600);
    const vendorIdentity = await setup.vendor.call('identity.get', {});
    expect(vendorIdentity.fingerprint).not.toBe(identity.fingerprint);
    const { sql } = setup.hospital;
    const everything = await Promise.all((await sql.tables()).map(async (name) => JSON.stringify(await sql.all(`SELECT * FROM "${name}"`))));
    expect(everything.join('')).not.toContain('PRIVATE KEY');
  });

  it('is refused with an expiry outside 1–365 days, and for an assessment whose answers are frozen', async () => {
    const { hospital, assessmentId } = setup;
    const result = await hospital.raw('vendor.request', { assessmentId, expiresInDays: 0 });
    expect(result.ok ? 'ok' : result.error.code).toBe('VALIDATION_FAILED');
    await hospital.sql.run("UPDATE assessments SET status = 'submitted' WHERE id = ?", assessmentId);
    const frozen = await hospital.raw('vendor.request', { assessmentId });
    expect(frozen.ok ? 'ok' : frozen.error.code).toBe('CONFLICT');
  });
});

describe('round trip: request → respond → import', () => {
  it('lands the answers with source vendor, the evidence, the key pin and the ledger events, and moves the assessment back to inProgress', async () => {
    const { hospital, vendor, created, assessmentId } = setup;
    const { text, item } = await vendorResponds(vendor, created, 6);
    const vendorIdentity = await vendor.call('identity.get', {});
    expect(item.respondedAt).not.toBeNull();
    expect(item.organisation).toBe('Your organisation');
    expect(item.hospitalFingerprint).toBe((await hospital.call('identity.get', {})).fingerprint);

    const preview = await hospital.call('vendor.previewImport', { text });
    expect(preview).toMatchObject({ requestId: created.request.id, assessmentId, vendorName: 'Acme Imaging Ltd', key: { status: 'new', fingerprint: vendorIdentity.fingerprint }, previousResponse: null });
    expect(preview.answers).toHaveLength(6);
    expect(preview.answers.every((a) => a.change === 'new' && a.current === null)).toBe(true);
    expect(preview.evidence).toEqual([expect.objectContaining({ fileName: 'pentest-summary.txt', size: 44 })]);

    const result = await hospital.call('vendor.import', { text });
    expect(result).toMatchObject({ answersWritten: 6, evidenceWritten: 1, status: 'inProgress', repinned: false });
    const detail = await hospital.call('assessments.get', { id: assessmentId });
    const expected = item.answers.map((a) => ({ questionId: a.questionId, value: a.value, source: 'vendor' }));
    expect(detail.answers.map((a) => ({ questionId: a.questionId, value: a.value, source: a.source })).sort((a, b) => a.questionId.localeCompare(b.questionId))).toEqual(expected);
    expect(detail.answers[0]?.answeredBy).toMatch(/^Acme Imaging Ltd \(vendor response VRQ-\d+, imported by os:test\.assessor\)$/);
    expect(detail.evidence).toEqual([expect.objectContaining({ fileName: 'pentest-summary.txt', questionId: item.questions[0]?.id })]);

    const events = await ledger(hospital);
    const imported = events.find((e) => e.action === 'vendor.responseImported');
    expect(imported?.entity).toBe(assessmentId);
    expect(JSON.parse(imported?.payload ?? '{}')).toMatchObject({ request: created.request.id, vendorFingerprint: vendorIdentity.fingerprint, answers: item.answers.map((a) => a.questionId) });
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['assessment.answered', 'evidence.added', 'vendor.keyPinned', 'vendor.receive', 'vendor.responseImported']));
    expect((await hospital.call('audit.verify', {})).ok).toBe(true);
    expect(await hospital.call('vendor.requests', {})).toEqual([expect.objectContaining({ status: 'imported', vendorName: 'Acme Imaging Ltd', vendorFingerprint: vendorIdentity.fingerprint })]);
  });

  it('reads packages saved with a byte-order mark (which file reading keeps) as the same packages', async () => {
    const { hospital, vendor, created } = setup;
    const withMark = (text: string) => fileTextFromBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])) ?? '';
    expect(withMark(created.text).charCodeAt(0)).toBe(0xfeff);
    const item = await vendor.call('vendorInbox.open', { text: withMark(created.text) });
    expect(item.questions.length).toBeGreaterThan(0);
    const { text } = await vendorResponds(vendor, created, 2);
    const preview = await hospital.call('vendor.previewImport', { text: withMark(text) });
    expect(preview.requestId).toBe(created.request.id);
    expect((await hospital.call('vendor.import', { text: withMark(text) })).answersWritten).toBe(2);
  });

  it("shows what changed since the vendor's previous response", async () => {
    const { hospital, vendor, created, assessmentId } = setup;
    const first = await vendorResponds(vendor, created, 3);
    await hospital.call('vendor.import', { text: first.text });
    const second = await hospital.call('vendor.request', { assessmentId });
    const item = await vendor.call('vendorInbox.open', { text: second.text });
    const [q1, q2, , q4] = item.questions;
    if (!q1 || !q2 || !q4) throw new Error('request too short');
    const other = q2.kind === 'text' ? 'A different answer' : q2.kind === 'number' ? 9 : q2.options.length > 1 ? (q2.kind === 'multi' ? [q2.options[1]?.value ?? ''] : (q2.options[1]?.value ?? '')) : answerFor(q2);
    await vendor.call('vendorInbox.answer', { id: item.id, answers: [{ questionId: q1.id, value: answerFor(q1) }, { questionId: q2.id, value: other }, { questionId: q4.id, unknown: true }] });
    const { text } = await vendor.call('vendorInbox.respond', { id: item.id });
    const preview = await hospital.call('vendor.previewImport', { text });
    expect(preview.previousResponse?.requestId).toBe(created.request.id);
    expect(preview.key?.status).toBe('matches');
    expect(preview.transcribed).toBe(false);
    expect(Object.fromEntries(preview.answers.map((a) => [a.questionId, a.change]))).toEqual({ [q1.id]: 'same', [q2.id]: 'changed', [q4.id]: 'new' });
    expect(preview.answers.find((a) => a.questionId === q1.id)?.currentSource).toBe('vendor');
  });
});

describe('refusals: a clear code and nothing written', () => {
  let text = '';
  beforeEach(async () => {
    text = (await vendorResponds(setup.vendor, setup.created, 4)).text;
  });

  it('bad signature', async () => {
    const pkg = parse(text);
    const sig = Buffer.from(pkg.signature, 'base64');
    sig[0] = (sig[0] ?? 0) ^ 0xff;
    await expectRefused(JSON.stringify({ ...pkg, signature: sig.toString('base64') }), 'SIGNATURE_INVALID', /signature is not valid/);
  });

  it('tampered body', async () => {
    const pkg = parse(text);
    await expectRefused(JSON.stringify({ ...pkg, vendor: { ...pkg.vendor, name: 'Someone else' } }), 'SIGNATURE_INVALID');
    const answers = pkg.answers.map((a, i) => (i === 0 && 'value' in a ? { ...a, value: 'no' } : a));
    await expectRefused(JSON.stringify({ ...pkg, answers }), 'SIGNATURE_INVALID');
  });

  it('unknown nonce', async () => {
    const pkg = parse(text);
    await expectRefused(JSON.stringify(resign({ ...pkg, nonce: 'ab'.repeat(32) }, newKey())), 'REQUEST_UNKNOWN', /did not issue/);
    await expectRefused(JSON.stringify(resign({ ...pkg, requestId: 'VRQ-99999999' }, newKey())), 'REQUEST_UNKNOWN');
  });

  it('expired request', async () => {
    const { hospital, vendor, assessmentId } = setup;
    // A request valid for one day, answered at once, imported after the clock passes it.
    const short = await hospital.call('vendor.request', { assessmentId, expiresInDays: 1 });
    const answered = await vendorResponds(vendor, short, 2);
    await hospital.sql.run('UPDATE vendor_requests SET expires_at = ? WHERE id = ?', '2026-01-01T00:00:00.000Z', short.request.id);
    await expectRefused(answered.text, 'REQUEST_EXPIRED', /expired on 2026-01-01/);
  });

  it('replay', async () => {
    await setup.hospital.call('vendor.import', { text });
    await expectRefused(text, 'REPLAY', /already imported/);
  });

  it('a different vendor key, until the user re-pins it explicitly (recorded in the ledger)', async () => {
    const { hospital, vendor, assessmentId } = setup;
    await hospital.call('vendor.import', { text });
    const pinned = (await vendor.call('identity.get', {})).fingerprint;
    const second = await hospital.call('vendor.request', { assessmentId });
    const other = await vendorResponds(vendor, second, 2);
    const forged = resign(parse(other.text), newKey());
    const forgedText = JSON.stringify(forged);
    await expectRefused(forgedText, 'VENDOR_KEY_CHANGED', new RegExp(`pinned ${pinned}, this one [0-9a-f ]{79}`));
    const preview = await hospital.call('vendor.previewImport', { text: forgedText });
    expect(preview.key).toMatchObject({ status: 'repin', pinnedFingerprint: pinned });
    const result = await hospital.call('vendor.import', { text: forgedText, repin: true });
    expect(result.repinned).toBe(true);
    const event = (await ledger(hospital)).find((e) => e.action === 'vendor.keyRepinned');
    expect(JSON.parse(event?.payload ?? '{}')).toMatchObject({ vendor: 'Acme Imaging', previousFingerprint: pinned, fingerprint: preview.key?.fingerprint });
  });

  it('a question not in the request', async () => {
    const pkg = parse(text);
    const detail = await setup.hospital.call('assessments.get', { id: setup.assessmentId });
    const assessorOnly = detail.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions)).find((q) => !q.vendorAnswerable && q.kind === 'yesNo');
    if (!assessorOnly) throw new Error('no assessor-only question');
    await expectRefused(JSON.stringify(resign({ ...pkg, answers: [...pkg.answers, { questionId: assessorOnly.id, value: 'yes' }] }, newKey())), 'QUESTION_NOT_IN_REQUEST', new RegExp(assessorOnly.id));
    const first = pkg.evidence[0];
    if (!first) throw new Error('no evidence');
    await expectRefused(JSON.stringify(resign({ ...pkg, evidence: [{ ...first, questionId: assessorOnly.id }] }, newKey())), 'QUESTION_NOT_IN_REQUEST');
  });

  it('unknown keys', async () => {
    const pkg = parse(text);
    await expectRefused(JSON.stringify(resign({ ...pkg, extra: true } as ResponsePackage, newKey())), 'VALIDATION_FAILED', /extra/);
    await expectRefused(JSON.stringify(resign({ ...pkg, vendor: { ...pkg.vendor, email: 'x@y' } as ResponsePackage['vendor'] }, newKey())), 'VALIDATION_FAILED');
  });

  it('prototype-pollution keys', async () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      await expectRefused(text.replace('"format"', `"${key}": {"polluted": true}, "format"`), 'PACKAGE_UNSAFE', new RegExp(`"${key}" is not allowed`));
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('depth bomb', async () => {
    await expectRefused(`${'['.repeat(100_000)}${']'.repeat(100_000)}`, 'PACKAGE_UNSAFE', /nesting deeper/);
    await expectRefused(text.replace('"format"', `"deep": ${'{"a":'.repeat(40)}1${'}'.repeat(40)}, "format"`), 'PACKAGE_UNSAFE');
  });

  it('over-size file', async () => {
    await expectRefused(' '.repeat(maxPackageBytes + 1), 'PAYLOAD_TOO_LARGE', /50 MB/);
  });

  it('evidence whose hash does not match its bytes', async () => {
    const pkg = parse(text);
    const first = pkg.evidence[0];
    if (!first) throw new Error('no evidence');
    const other = Buffer.from('Penetration test 2026: two critical findings').toString('base64');
    await expectRefused(JSON.stringify(resign({ ...pkg, evidence: [{ ...first, dataBase64: other }] }, newKey())), 'EVIDENCE_MISMATCH', /pentest-summary\.txt/);
  });

  it('not JSON at all, and a request file imported as a response', async () => {
    await expectRefused('{"format": ', 'PACKAGE_MALFORMED');
    await expectRefused(setup.created.text, 'VALIDATION_FAILED', /^This file is not a Vigil vendor response: it is a Vigil request package/);
  });
});

describe('vendor workspace', () => {
  it('refuses a tampered or expired request and questions outside it', async () => {
    const { vendor, created } = setup;
    const pkg = JSON.parse(created.text) as { system: { name: string }; expiresAt: string };
    const tampered = await vendor.raw('vendorInbox.open', { text: JSON.stringify({ ...pkg, system: { ...pkg.system, name: 'Other' } }) });
    expect(tampered.ok ? 'ok' : tampered.error.code).toBe('SIGNATURE_INVALID');
    const item = await vendor.call('vendorInbox.open', { text: created.text });
    expect((await vendor.call('vendorInbox.open', { text: created.text })).id).toBe(item.id);
    const outside = await vendor.raw('vendorInbox.answer', { id: item.id, answers: [{ questionId: 'XX-NOPE-01', value: 'yes' }] });
    expect(outside.ok ? 'ok' : outside.error.code).toBe('QUESTION_NOT_IN_REQUEST');
    expect(await vendor.call('vendorInbox.list', {})).toEqual([expect.objectContaining({ id: item.id, systemName: 'Chest X-ray triage', answered: 0 })]);
    // The vendor's workspace holds only what the request carried, and offers none of the hospital's methods.
    const systems = await vendor.raw('systems.list', {});
    expect(systems.ok ? 'ok' : systems.error.code).toBe('WRONG_WORKSPACE');
  });
});

describe('vendor workspace: taking a file off before sending', () => {
  it('removes an attached file, records it, and the signed response no longer carries it', async () => {
    const { vendor, created } = setup;
    const item = await vendor.call('vendorInbox.open', { text: created.text });
    const question = item.questions[0];
    if (!question) throw new Error('no questions');
    await vendor.call('vendorInbox.answer', { id: item.id, answers: [{ questionId: question.id, value: answerFor(question) }] });
    const wrong = await vendor.call('vendorInbox.addEvidence', {
      id: item.id,
      questionId: question.id,
      fileName: 'board-minutes-CONFIDENTIAL.txt',
      mediaType: 'text/plain',
      dataBase64: Buffer.from('Not for the hospital.').toString('base64'),
    });
    const attached = wrong.evidence.find((e) => e.fileName === 'board-minutes-CONFIDENTIAL.txt');
    if (!attached) throw new Error('not attached');

    const after = await vendor.call('vendorInbox.removeEvidence', { id: item.id, evidenceId: attached.id });
    expect(after.evidence).toEqual([]);
    expect((await ledger(vendor)).at(-1)).toMatchObject({ action: 'vendorInbox.evidenceRemoved', entity: item.id });

    const response = parse((await vendor.call('vendorInbox.respond', { id: item.id })).text);
    expect(response.evidence).toEqual([]);
    expect(JSON.stringify(response)).not.toContain('Not for the hospital');
  });

  it('refuses a file that is not on that request, and writes nothing', async () => {
    const { vendor, created } = setup;
    const item = await vendor.call('vendorInbox.open', { text: created.text });
    const before = await databaseDigest(vendor);
    const result = await vendor.raw('vendorInbox.removeEvidence', { id: item.id, evidenceId: 'VEV-NOPE0000' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('NOT_FOUND');
    expect(await databaseDigest(vendor)).toBe(before);
  });
});
