// Vendors as records (issue 17, docs/vendors.md), on the engine under test: create and update
// with their audit events, refusals in words with nothing written, systems linking to vendors by
// name or id, a rename carried to the systems, and keys pinned per vendor with their history.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResponsePackage } from '../../../electron/contract/index.ts';
import { makeTestCore, type TestCore } from '../../support/core-fixture.ts';
import { databaseDigest } from '../../support/engine-sql.ts';
import { exchangeSetup, newKey, resign, vendorResponds } from '../exchange/exchange-fixture.ts';

const ledger = (core: TestCore) => core.sql.all<{ action: string; entity: string; actor: string; payload: string }>('SELECT action, entity, actor, payload FROM audit_events ORDER BY seq');

/** The call is refused with `code` (and a message matching `message`), and no table changed. */
async function expectRefused(core: TestCore, method: string, input: unknown, code: string, message: RegExp) {
  const before = await databaseDigest(core);
  const result = await core.raw(method, input);
  expect(result.ok ? 'ok' : result.error.code).toBe(code);
  if (!result.ok) expect(result.error.message).toMatch(message);
  expect(await databaseDigest(core)).toBe(before);
}

describe('vendors', () => {
  let core: TestCore;
  beforeEach(() => {
    core = makeTestCore();
  });
  afterEach(() => core.dispose());

  it('creates and updates a vendor, each change one audit event naming who acted', async () => {
    await core.call('people.save', { name: 'Asha Assessor', roles: ['assessor'] });
    const by = { name: 'Asha Assessor', role: 'assessor' as const };
    const created = await core.call('vendors.create', {
      name: '  Lumen Imaging ',
      contacts: [{ name: 'Vera Vendor', role: 'Account manager', email: 'vera@lumen.example', telephone: '+44 20 7946 0000' }],
      notes: 'Met at the radiology fair.',
      by,
    });
    expect(created).toMatchObject({
      id: 'VEN-00000001',
      name: 'Lumen Imaging',
      contacts: [{ name: 'Vera Vendor', role: 'Account manager', email: 'vera@lumen.example', telephone: '+44 20 7946 0000' }],
      notes: 'Met at the radiology fair.',
      createdBy: 'Asha Assessor (assessor)',
    });
    const updated = await core.call('vendors.update', { id: created.id, changes: { contacts: [{ name: 'Sam Support' }], notes: 'Met at the radiology fair.' }, by });
    expect(updated.contacts).toEqual([{ name: 'Sam Support', role: '', email: '', telephone: '' }]);
    expect(await core.call('vendors.get', { id: created.id })).toMatchObject({ ...updated, products: [], key: null, keyHistory: [], requests: [], responses: [] });

    const events = (await ledger(core)).filter((e) => e.action.startsWith('vendor.'));
    expect(events.map((e) => [e.action, e.entity, e.actor])).toEqual([
      ['vendor.created', created.id, 'Asha Assessor (assessor)'],
      ['vendor.updated', created.id, 'Asha Assessor (assessor)'],
    ]);
    // Only what changed is recorded.
    expect(JSON.parse(events[1]!.payload)).toEqual({ changes: { contacts: [{ name: 'Sam Support', role: '', email: '', telephone: '' }] } });
  });

  it('refuses in words and writes nothing: a name taken whatever its case, a blank name, a contact without a name or with a wrong email, an unknown vendor', async () => {
    const lumen = await core.call('vendors.create', { name: 'Lumen Imaging' });
    const other = await core.call('vendors.create', { name: 'Northwind Health AI' });
    await expectRefused(core, 'vendors.create', { name: 'LUMEN imaging' }, 'CONFLICT', /A vendor named "Lumen Imaging" is already recorded as VEN-00000001/);
    await expectRefused(core, 'vendors.update', { id: other.id, changes: { name: 'lumen imaging' } }, 'CONFLICT', /already recorded as VEN-00000001/);
    await expectRefused(core, 'vendors.create', { name: '   ' }, 'VALIDATION_FAILED', /Vendor name is required/);
    await expectRefused(core, 'vendors.create', { name: 'Quiet Analytics', contacts: [{ role: 'Sales' }] }, 'VALIDATION_FAILED', /Contact name is required/);
    await expectRefused(core, 'vendors.update', { id: lumen.id, changes: { contacts: [{ name: 'Vera', email: 'vera at lumen' }] } }, 'VALIDATION_FAILED', /Contact email must look like name@example.org/);
    await expectRefused(core, 'vendors.update', { id: 'VEN-99999999', changes: { notes: 'x' } }, 'NOT_FOUND', /No vendor with id VEN-99999999/);
    await expectRefused(core, 'vendors.update', { id: lumen.id, changes: {} }, 'VALIDATION_FAILED', /at least one field/);
    await expectRefused(core, 'vendors.get', { id: 'SYS-00000001' }, 'VALIDATION_FAILED', /VEN-XXXXXXXX/);
    // Renaming a vendor to its own name in another case is allowed.
    expect((await core.call('vendors.update', { id: lumen.id, changes: { name: 'LUMEN Imaging' } })).name).toBe('LUMEN Imaging');
  });

  it('links systems to vendors by name whatever its case (creating a new vendor in the same transaction) or by id', async () => {
    const first = await core.call('systems.create', { name: 'Chest X-ray triage', vendor: 'Lumen Imaging' });
    const vendorId = first.vendorId;
    // Same vendor in another case: linked, spelt as the vendor is.
    const second = await core.call('systems.create', { name: 'Fracture finder', vendor: 'LUMEN IMAGING' });
    expect(second).toMatchObject({ vendorId, vendor: 'Lumen Imaging' });
    const third = await core.call('systems.create', { name: 'Mammography reader', vendorId });
    expect(third).toMatchObject({ vendorId, vendor: 'Lumen Imaging' });
    const actions = (await ledger(core)).map((e) => e.action);
    expect(actions).toEqual(['vendor.created', 'system.created', 'system.created', 'system.created']);

    // An edit naming another vendor links (or creates) it; the old vendor keeps its other products.
    const moved = await core.call('systems.update', { id: third.id, changes: { vendor: 'Northwind Health AI' } });
    expect(moved.vendor).toBe('Northwind Health AI');
    expect(moved.vendorId).not.toBe(vendorId);
    const list = await core.call('vendors.list', {});
    expect(list.map((v) => [v.name, v.products])).toEqual([
      ['Lumen Imaging', 2],
      ['Northwind Health AI', 1],
    ]);
    expect((await core.call('vendors.list', { search: 'fracture' })).map((v) => v.name)).toEqual(['Lumen Imaging']);

    await expectRefused(core, 'systems.create', { name: 'Stroke detector', vendorId: 'VEN-99999999' }, 'NOT_FOUND', /No vendor with id VEN-99999999/);
    await expectRefused(core, 'systems.create', { name: 'Stroke detector', vendor: 'Other Co', vendorId }, 'VALIDATION_FAILED', /"Other Co", and VEN-00000001, which is "Lumen Imaging"/);
    await expectRefused(core, 'systems.create', { name: 'Stroke detector' }, 'VALIDATION_FAILED', /Vendor is required/);
    await expectRefused(core, 'systems.update', { id: second.id, changes: { name: 'Chest X-ray triage', vendor: 'lumen imaging' } }, 'CONFLICT', /already in the inventory/);
  });

  it('carries a new name to its systems, so lists and filters find them under it', async () => {
    const system = await core.call('systems.create', { name: 'Sepsis early warning', vendor: 'Acme Health' });
    const renamed = await core.call('vendors.update', { id: system.vendorId, changes: { name: 'Acme Health Ltd' } });
    expect((await core.call('systems.get', { id: system.id })).vendor).toBe('Acme Health Ltd');
    expect((await core.call('systems.page', { vendor: 'acme health ltd' })).rows.map((r) => r.id)).toEqual([system.id]);
    expect((await core.call('systems.page', { vendor: 'Acme Health' })).total).toBe(0);
    const event = (await ledger(core)).at(-1)!;
    expect(event).toMatchObject({ action: 'vendor.updated', entity: renamed.id });
    expect(JSON.parse(event.payload)).toEqual({ changes: { name: 'Acme Health Ltd' }, previousName: 'Acme Health' });
  });
});

describe('keys pinned per vendor, with their history', () => {
  let setup: Awaited<ReturnType<typeof exchangeSetup>>;
  beforeEach(async () => {
    setup = await exchangeSetup();
  });
  afterEach(() => setup.dispose());

  it('pins the first response key on the vendor, records a re-pin (who, when, old and new), and shows each response with what changed', async () => {
    const { hospital, vendor, system, assessmentId, created } = setup;
    const first = await vendorResponds(vendor, created, 4);
    await hospital.call('vendor.import', { text: first.text });
    const pinned = (await vendor.call('identity.get', {})).fingerprint;
    let detail = await hospital.call('vendors.get', { id: system.vendorId });
    expect(detail.key).toMatchObject({ fingerprint: pinned, pinnedBy: 'os:test.assessor', replacedAt: null, reason: `The vendor's first signed response (request ${created.request.id})` });
    expect(detail.keyHistory).toEqual([]);
    expect(detail.responses).toHaveLength(1);
    expect(detail.responses[0]).toMatchObject({ requestId: created.request.id, systemId: system.id, signedAs: 'Acme Imaging Ltd', answers: 4, previousRequestId: null });
    expect(detail.responses[0]!.changes.map((c) => c.kind)).toEqual(['new', 'new', 'new', 'new']);
    expect(detail.responses[0]!.changes.every((c) => c.text.length > 0)).toBe(true);
    expect((await hospital.call('vendors.list', {}))[0]).toMatchObject({ name: 'Acme Imaging', products: 1, openRequests: 0, keyFingerprint: pinned });

    // A second response, re-signed with a new key: a change to one answer, three dropped, one new.
    const second = await hospital.call('vendor.request', { assessmentId });
    expect((await hospital.call('vendors.list', {}))[0]!.openRequests).toBe(1);
    const answered = await vendorResponds(vendor, second, 2);
    const pkg = JSON.parse(answered.text) as ResponsePackage;
    const firstPkg = JSON.parse(first.text) as ResponsePackage;
    const q0 = firstPkg.answers[0]!;
    const changedAnswers = [{ questionId: q0.questionId, unknown: true as const }, pkg.answers[1]!];
    const forged = JSON.stringify(resign({ ...pkg, answers: changedAnswers, evidence: [] }, newKey()));
    const preview = await hospital.call('vendor.previewImport', { text: forged });
    await hospital.call('vendor.import', { text: forged, repin: true });

    detail = await hospital.call('vendors.get', { id: system.vendorId });
    expect(detail.key).toMatchObject({ fingerprint: preview.key?.fingerprint, replacedAt: null });
    expect(detail.key?.reason).toMatch(new RegExp(`Re-pinned on importing the response to ${second.request.id}.*previously ${pinned}`));
    expect(detail.keyHistory).toEqual([expect.objectContaining({ fingerprint: pinned, replacedBy: 'os:test.assessor', replacedAt: detail.key?.pinnedAt })]);
    expect(detail.requests.map((r) => [r.id, r.status])).toEqual([
      [second.request.id, 'imported'],
      [created.request.id, 'imported'],
    ]);
    const [latest] = detail.responses;
    expect(latest).toMatchObject({ requestId: second.request.id, previousRequestId: created.request.id, answers: 2 });
    const byKind = (kind: string) => latest!.changes.filter((c) => c.kind === kind).map((c) => c.questionId);
    expect(byKind('changed')).toEqual([q0.questionId]);
    expect(latest!.changes.find((c) => c.kind === 'changed')).toMatchObject({ before: { unknown: false }, after: { value: null, unknown: true } });
    // Answers the first gave that the second does not: removed (the second's other answer was the same or new).
    expect(byKind('removed')).toEqual(firstPkg.answers.map((a) => a.questionId).filter((id) => !changedAnswers.some((a) => a.questionId === id)));
    const event = (await ledger(hospital)).find((e) => e.action === 'vendor.keyRepinned');
    expect(JSON.parse(event!.payload)).toMatchObject({ vendor: 'Acme Imaging', vendorId: system.vendorId, previousFingerprint: pinned, fingerprint: preview.key?.fingerprint });
  });

  it("checks a response against the pin of its system's vendor, not of whoever signed before with that key", async () => {
    const { hospital, vendor, created } = setup;
    await hospital.call('vendor.import', { text: (await vendorResponds(vendor, created, 2)).text });
    const other = await hospital.call('systems.create', { name: 'Wound photo grader', vendor: 'Other Vendor Ltd' });
    const assessment = await hospital.call('assessments.start', { systemId: other.id, stage: 'procurement' });
    const request = await hospital.call('vendor.request', { assessmentId: assessment.id });
    const preview = await hospital.call('vendor.previewImport', { text: (await vendorResponds(vendor, request, 2)).text });
    // The same signing key, but a vendor with no pin yet: it is new for that vendor.
    expect(preview.key).toMatchObject({ status: 'new', pinnedFingerprint: null });
  });
});
