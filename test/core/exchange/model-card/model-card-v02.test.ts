// CHAI Applied Model Card schema v0.2 (EHR compatibility, structured metric results, the optional
// signature), the older v0.1 still read, and the warning when a card names another product or developer.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelCardPreview, ModelCardResult, VigilError } from '../../../../electron/contract/index.ts';
import { cardMismatch } from '../../../../electron/core/exchange/model-card/card-mismatch.ts';
import { databaseDigest } from '../exchange-fixture.ts';
import { auditRows } from '../../../support/governance-fixture.ts';
import { modelCardSetup, sampleCard } from './model-card-fixture.ts';

let setup: Awaited<ReturnType<typeof modelCardSetup>>;
beforeEach(async () => {
  setup = await modelCardSetup();
});
afterEach(() => setup.core.dispose());

const preview = (text: string): Promise<ModelCardPreview> => setup.core.call('modelCard.preview', { assessmentId: setup.assessmentId, text });

/** The same card in schema v0.1: its namespace, a free-text Result per key metric, no EHR compatibility. */
const v01Card = sampleCard
  .replace('https://mc.chai.org/v0.2/schema.xsd', 'https://mc.chai.org/v0.1/schema.xsd')
  .replace(/\s*<EHRCompatibility>[\s\S]*?<\/EHRCompatibility>/, '')
  .replace(/<Results>[\s\S]*?<\/Results>/g, '<Result>Sensitivity 0.93 on the held-out set.</Result>');

const signed = sampleCard.replace(
  '</AppliedModelCard>',
  `<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo><CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><Reference URI=""><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue>AAAA</DigestValue></Reference></SignedInfo><SignatureValue>QUJD</SignatureValue><KeyInfo><KeyName>Northwind release signing key 2026</KeyName></KeyInfo></Signature></AppliedModelCard>`,
);

describe('schema v0.2', () => {
  it('reads the schema version, EHR compatibility and each metric result with its interval and data set', async () => {
    const p = await preview(sampleCard);
    expect(p.schemaVersion).toBe('0.2');
    expect(p.ehrCompatibility).toEqual(['Epic', 'Oracle Health (Cerner Millennium)']);
    expect(p.metrics.map((m) => [m.area, m.label, m.valueText])).toEqual([
      ['UsefulnessUsabilityEfficacy', 'Sensitivity', '0.93'],
      ['UsefulnessUsabilityEfficacy', 'Specificity', '94.83% (95% CI 89.08% to 98.08%)'],
      ['FairnessEquity', 'Sensitivity, female', '0.92'],
      ['SafetyReliability', 'Median minutes saved', '41'],
    ]);
    expect(p.metrics[1]).toMatchObject({ value: 94.83, unit: '%', interval: { lower: 89.08, upper: 98.08, level: 95 }, dataset: '8,400 held-out studies.', subgroup: null });
    expect(p.metrics[2]?.dataset).toBe('Same held-out set.');
    expect(p.signature).toMatchObject({ present: false, verified: false });
    expect(p.mismatch).toBeNull();
    expect(p.sections.find((s) => s.path === 'ReleaseInfo/EHRCompatibility')?.found).toBe(true);
  });

  it('maps EHR compatibility into the intended use (VT-USE-01) and shows answers in words', async () => {
    const p = await preview(sampleCard);
    const use = p.items.find((i) => i.questionId === 'VT-USE-01');
    expect(use?.after).toContain('EHR systems it works with: Epic\n\nOracle Health (Cerner Millennium)');
    expect(p.items.find((i) => i.questionId === 'VT-DEV-04')).toMatchObject({ after: 'yes', afterText: 'Yes', beforeText: null });
  });

  it('applies a v0.2 card and records the schema version in the ledger', async () => {
    const result: ModelCardResult = await setup.core.call('modelCard.apply', { assessmentId: setup.assessmentId, text: sampleCard });
    expect(result.written).toEqual(['VT-DEV-01', 'VT-DEV-02', 'VT-DEV-04', 'VT-USE-01', 'VT-USE-03']);
    expect(result.mismatchConfirmed).toBe(false);
    const event = (await auditRows(setup.core)).find((e) => e.action === 'vendor.modelCardImported');
    expect(JSON.parse(event?.payload ?? '{}')).toMatchObject({ schemaVersion: '0.2', signature: 'none', mismatchConfirmed: null, mapping: 'chai-model-card@1.1.0' });
  });

  it('reports a signature as present and never as verified', async () => {
    const p = await preview(signed);
    expect(p.signature).toEqual({
      present: true,
      verified: false,
      algorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      signer: 'Northwind release signing key 2026',
      note: expect.stringMatching(/Vigil does not verify XML signatures/),
    });
    // The signature changes nothing in the answers the card fills.
    expect(p.items.map((i) => i.after)).toEqual((await preview(sampleCard)).items.map((i) => i.after));
  });

  it('reads a value it cannot parse as written, without failing the card', async () => {
    const odd = sampleCard.replace('{"kind":"single","value":41}', 'about forty minutes');
    expect((await preview(odd)).metrics.at(-1)).toMatchObject({ label: 'Median minutes saved', valueText: 'about forty minutes', value: null });
  });
});

describe('schema v0.1 is still read', () => {
  it('fills the same answers and shows each free-text result', async () => {
    const p = await preview(v01Card);
    expect(p.schemaVersion).toBe('0.1');
    expect(p.ehrCompatibility).toEqual([]);
    expect(p.items.map((i) => i.questionId)).toEqual(['VT-DEV-01', 'VT-DEV-02', 'VT-DEV-04', 'VT-USE-01', 'VT-USE-03']);
    expect(p.items.find((i) => i.questionId === 'VT-USE-01')?.after).not.toContain('EHR');
    expect(p.metrics).toHaveLength(3);
    expect(p.metrics[0]).toMatchObject({ label: 'Result', valueText: 'Sensitivity 0.93 on the held-out set.', value: null, interval: null });
    const result: ModelCardResult = await setup.core.call('modelCard.apply', { assessmentId: setup.assessmentId, text: v01Card });
    expect(result.written).toHaveLength(5);
  });
});

describe('a card for another product or developer', () => {
  const other = sampleCard.replace('<ModelName>Lumen Chest X-ray Triage</ModelName>', '<ModelName>Aurora Stroke Detect</ModelName>').replace('Northwind Imaging AI Ltd', 'Brightwater Medical Inc.');

  it('previews with a mismatch section saying exactly what differs', async () => {
    const p = await preview(other);
    expect(p.mismatch).toEqual({
      product: { card: 'Aurora Stroke Detect', system: 'Lumen Chest X-ray Triage' },
      developer: { card: 'Brightwater Medical Inc.', system: 'Northwind Imaging AI' },
      message:
        'This model card may be for another product: the card is for "Aurora Stroke Detect", the system is "Lumen Chest X-ray Triage", and the card\'s developer is "Brightwater Medical Inc.", the system\'s vendor is "Northwind Imaging AI".',
    });
  });

  it('refuses to apply without confirmation, writing nothing', async () => {
    const before = await databaseDigest(setup.core);
    const result = await setup.core.raw('modelCard.apply', { assessmentId: setup.assessmentId, text: other });
    expect(await databaseDigest(setup.core)).toBe(before);
    if (result.ok) throw new Error('applied without confirmation');
    const error: VigilError = result.error;
    expect(error.code).toBe('MODEL_CARD_MISMATCH');
    expect(error.message).toMatch(/the card is for "Aurora Stroke Detect", the system is "Lumen Chest X-ray Triage".* Nothing was written\. .*confirm the mismatch/);
  });

  it('applies with the explicit confirmation, recorded in the ledger event', async () => {
    const result: ModelCardResult = await setup.core.call('modelCard.apply', { assessmentId: setup.assessmentId, text: other, confirmMismatch: true });
    expect(result.mismatchConfirmed).toBe(true);
    expect(result.written.length).toBeGreaterThan(0);
    const event = (await auditRows(setup.core)).find((e) => e.action === 'vendor.modelCardImported');
    expect(JSON.parse(event?.payload ?? '{}').mismatchConfirmed).toEqual({
      product: { card: 'Aurora Stroke Detect', system: 'Lumen Chest X-ray Triage' },
      developer: { card: 'Brightwater Medical Inc.', system: 'Northwind Imaging AI' },
    });
  });

  it('a card naming only a different developer is a mismatch too', async () => {
    const p = await preview(sampleCard.replace('Northwind Imaging AI Ltd', 'Southwind Imaging'));
    expect(p.mismatch?.product).toBeNull();
    expect(p.mismatch?.developer).toEqual({ card: 'Southwind Imaging', system: 'Northwind Imaging AI' });
  });
});

describe('matching names', () => {
  const system = { name: 'Patient portal symptom assistant', vendor: 'Mediconverse', productVersion: '5.0' };
  const card = (product: string | null, developer: string | null, version: string | null = '5.0 (model mc-chat-2026-05)') => cardMismatch({ product, developer, version }, system);

  it('ignores case, punctuation, company suffixes, bracketed remarks, the version and the developer in front', () => {
    expect(card('Patient Portal Symptom Assistant', 'Mediconverse')).toBeNull();
    expect(card('PATIENT-PORTAL symptom assistant 5.0', 'MEDICONVERSE, INC.')).toBeNull();
    expect(card('Mediconverse Patient Portal Symptom Assistant v5.0', 'Mediconverse Inc. (fictional)')).toBeNull();
    expect(card('Patient portal symptom assistant (version 5.0)', 'Mediconverse Ltd')).toBeNull();
  });

  it('tells different products and developers apart, and a card that names none', () => {
    expect(card('Patient portal symptom assistant Pro', 'Mediconverse')?.product).toEqual({ card: 'Patient portal symptom assistant Pro', system: system.name });
    expect(card('Portal assistant', 'Mediconverse')?.product).not.toBeNull();
    expect(card('Patient portal symptom assistant', 'Mediconverse Health')?.developer).not.toBeNull();
    expect(card(null, null)?.message).toBe(
      'This model card may be for another product: the card names no product (the system is "Patient portal symptom assistant"), and the card names no developer (the system\'s vendor is "Mediconverse").',
    );
  });
});
