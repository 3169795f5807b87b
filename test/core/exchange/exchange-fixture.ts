import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { CreatedRequest, InboxItem, RequestQuestion, ResponsePackage } from '../../../electron/contract/index.ts';
import { signPackage } from '../../../electron/core/exchange/read-package.ts';
import { makeTestCore, type TestCore } from '../../support/core-fixture.ts';

/** Makes a fresh workspace a vendor's (vendor mode, named as the hospital will see its responses). */
export async function asVendor(core: TestCore, organisation = 'Acme Imaging Ltd'): Promise<TestCore> {
  await core.call('settings.update', { workspaceMode: 'vendor', organisation });
  return core;
}

/** A hospital workspace with one procurement assessment and a signed request for it, and a separate vendor workspace (vendor mode). */
export async function exchangeSetup(options: { vendor?: string } = {}) {
  const hospital = makeTestCore();
  const vendor = await asVendor(makeTestCore());
  const system = await hospital.call('systems.create', {
    name: 'Chest X-ray triage',
    vendor: options.vendor ?? 'Acme Imaging',
    productVersion: '4.2',
    intendedUse: 'Flags urgent chest X-rays for radiologist review',
    dataCategories: ['phi', 'imaging'],
  });
  const assessment = await hospital.call('assessments.start', { systemId: system.id, stage: 'procurement' });
  const created = await hospital.call('vendor.request', { assessmentId: assessment.id });
  return {
    hospital,
    vendor,
    system,
    assessmentId: assessment.id,
    created,
    dispose() {
      hospital.dispose();
      vendor.dispose();
    },
  };
}

/** A plausible answer for any question of a request: the first option, or text, a number or a date. */
export function answerFor(q: RequestQuestion): string | string[] | number {
  switch (q.kind) {
    case 'yesNo':
    case 'choice':
      return q.options[0]?.value ?? 'yes';
    case 'multi':
      return [q.options[0]?.value ?? 'a'];
    case 'number':
      return 3;
    case 'date':
      return '2026-01-15';
    case 'text':
      return `Answer to ${q.id}`;
  }
}

/** The vendor (a vendor-mode workspace) opens the request, answers `count` questions, attaches one file, and responds. */
export async function vendorResponds(vendor: TestCore, created: CreatedRequest, count = 5): Promise<{ text: string; item: InboxItem }> {
  const item = await vendor.call('vendorInbox.open', { text: created.text });
  const questions = item.questions.slice(0, count);
  await vendor.call('vendorInbox.answer', { id: item.id, answers: questions.map((q) => ({ questionId: q.id, value: answerFor(q) })) });
  if (questions[0]) {
    await vendor.call('vendorInbox.addEvidence', {
      id: item.id,
      questionId: questions[0].id,
      fileName: 'pentest-summary.txt',
      mediaType: 'text/plain',
      dataBase64: Buffer.from('Penetration test 2026: no critical findings.').toString('base64'),
    });
  }
  const response = await vendor.call('vendorInbox.respond', { id: item.id });
  return { text: response.text, item: await vendor.call('vendorInbox.get', { id: item.id }) };
}

export const newKey = (): KeyObject => generateKeyPairSync('ed25519').privateKey;

export const publicKeyBase64 = (key: KeyObject): string => createPublicKey(key).export({ format: 'der', type: 'spki' }).toString('base64');

/** Re-signs a (changed) response body with `key`, embedding that key as the vendor's. */
export function resign(pkg: ResponsePackage | Omit<ResponsePackage, 'signature'>, key: KeyObject): ResponsePackage {
  const { signature: _s, ...body } = pkg as ResponsePackage;
  return signPackage({ ...body, vendor: { ...body.vendor, publicKey: publicKeyBase64(key) } }, key);
}

export { databaseDigest } from '../../support/engine-sql.ts';
