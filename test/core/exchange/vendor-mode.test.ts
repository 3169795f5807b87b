// Vendor mode (issue 17, docs/vendor-mode.md): a database is a hospital's workspace or a vendor's;
// the dispatcher refuses the other side's methods, the switch is recorded and refused once the
// database holds the other side's records, and a refusal writes nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { contract, methodNames, type MethodName } from '../../../electron/contract/index.ts';
import { workspaceRefusal } from '../../../electron/core/api/dispatcher.ts';
import { makeTestCore, type TestCore } from '../../support/core-fixture.ts';
import { asVendor, databaseDigest, exchangeSetup, vendorResponds } from './exchange-fixture.ts';

const cores: TestCore[] = [];
const fresh = () => {
  const core = makeTestCore();
  cores.push(core);
  return core;
};
afterEach(() => {
  for (const core of cores.splice(0)) core.dispose();
});

const ledger = (core: TestCore) => core.sql.all<{ action: string; payload: string }>('SELECT action, payload FROM audit_events ORDER BY seq');
const codeOf = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'ok' : result.error?.code);

describe('workspace mode', () => {
  it('is hospital by default, and the switch to vendor mode is recorded in the ledger with the organisation', async () => {
    const core = fresh();
    expect(await core.call('settings.get', {})).toMatchObject({ workspaceMode: 'hospital' });
    const after = await core.call('settings.update', { workspaceMode: 'vendor', organisation: 'Acme Imaging Ltd' });
    expect(after).toMatchObject({ workspaceMode: 'vendor', organisation: 'Acme Imaging Ltd' });
    const last = (await ledger(core)).at(-1);
    expect(last?.action).toBe('settings.updated');
    expect(JSON.parse(last?.payload ?? '{}')).toEqual({ changes: { workspaceMode: 'vendor', organisation: 'Acme Imaging Ltd' } });
  });

  it('refuses vendor mode without the organisation in the same change, writing nothing', async () => {
    const core = fresh();
    const before = await databaseDigest(core);
    const result = await core.raw('settings.update', { workspaceMode: 'vendor' });
    expect(result.ok ? null : result.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/switching to vendor mode needs the organisation name/) });
    expect(await databaseDigest(core)).toBe(before);
  });

  it("refuses vendor mode once the database holds a hospital's systems, writing nothing", async () => {
    const core = fresh();
    await core.call('systems.create', { name: 'Chest X-ray triage', vendor: 'Acme Imaging', intendedUse: 'Flags urgent chest X-rays', dataCategories: ['imaging'] });
    const before = await databaseDigest(core);
    const result = await core.raw('settings.update', { workspaceMode: 'vendor', organisation: 'Acme Imaging Ltd' });
    expect(result.ok ? null : result.error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/holds a hospital's AI systems or assessments, so it cannot become a vendor workspace/) });
    expect(await databaseDigest(core)).toBe(before);
    expect(await core.call('settings.get', {})).toMatchObject({ workspaceMode: 'hospital' });
  });

  it('refuses switching back to hospital once requests were opened as a vendor, writing nothing', async () => {
    const setup = await exchangeSetup();
    try {
      await setup.vendor.call('vendorInbox.open', { text: setup.created.text });
      const before = await databaseDigest(setup.vendor);
      expect(codeOf(await setup.vendor.raw('settings.update', { workspaceMode: 'hospital' }))).toBe('CONFLICT');
      expect(await databaseDigest(setup.vendor)).toBe(before);
    } finally {
      setup.dispose();
    }
  });

  it("refuses the hospital's governance settings in a vendor workspace, writing nothing", async () => {
    const core = await asVendor(fresh());
    const before = await databaseDigest(core);
    const result = await core.raw('settings.update', { signOffsRequired: 3, separationOfDuties: false });
    expect(result.ok ? null : result.error).toMatchObject({ code: 'WRONG_WORKSPACE', message: "This is a vendor workspace: signOffsRequired, separationOfDuties are settings of a hospital's workspace." });
    expect(await databaseDigest(core)).toBe(before);
    // Its organisation it may change.
    expect(await core.call('settings.update', { organisation: 'Acme Imaging Inc' })).toMatchObject({ organisation: 'Acme Imaging Inc', workspaceMode: 'vendor' });
  });
});

describe('which methods each mode allows (one rule, in the dispatcher)', () => {
  const declared = (m: MethodName) => contract[m].workspace ?? 'hospital';

  it('gives every vendorInbox method to vendor mode, and only those', () => {
    expect(methodNames.filter((m) => declared(m) === 'vendor').sort()).toEqual(methodNames.filter((m) => m.startsWith('vendorInbox.')).sort());
    expect(methodNames.filter((m) => declared(m) === 'both').sort()).toEqual(
      ['app.info', 'audit.events', 'audit.verify', 'backup.create', 'backup.list', 'backup.restore', 'identity.get', 'people.list', 'session.current', 'settings.get', 'settings.update'].sort(),
    );
    expect(workspaceRefusal('vendorInbox.open', 'vendor')).toBeNull();
    expect(workspaceRefusal('settings.get', 'vendor')).toBeNull();
    expect(workspaceRefusal('risks.accept', 'vendor')).toMatch(/risks\.accept belongs to a hospital's workspace/);
    expect(workspaceRefusal('vendorInbox.list', 'hospital')).toMatch(/vendorInbox\.list belongs to a vendor workspace/);
  });

  it("refuses the hospital's methods in a vendor workspace with WRONG_WORKSPACE, before reading the input, writing nothing", async () => {
    const core = await asVendor(fresh());
    const before = await databaseDigest(core);
    for (const method of ['systems.create', 'demo.load', 'people.save', 'risks.page', 'templates.list', 'vendor.request'] as const) {
      const result = await core.raw(method, {});
      expect(result.ok ? null : result.error, method).toMatchObject({
        code: 'WRONG_WORKSPACE',
        message: `This is a vendor workspace: it opens hospitals' requests and answers them. ${method} belongs to a hospital's workspace.`,
        details: { method, workspaceMode: 'vendor' },
      });
    }
    expect(await databaseDigest(core)).toBe(before);
    expect(codeOf(await core.raw('identity.get', {}))).toBe('ok');
    expect(codeOf(await core.raw('audit.verify', {}))).toBe('ok');
  });

  it('refuses the vendor inbox in a hospital workspace, writing nothing', async () => {
    const setup = await exchangeSetup();
    try {
      const before = await databaseDigest(setup.hospital);
      const result = await setup.hospital.raw('vendorInbox.open', { text: setup.created.text });
      expect(result.ok ? null : result.error).toMatchObject({ code: 'WRONG_WORKSPACE', message: expect.stringMatching(/^vendorInbox\.open belongs to a vendor workspace, and this database is a hospital's/) });
      expect(await databaseDigest(setup.hospital)).toBe(before);
    } finally {
      setup.dispose();
    }
  });

  it("signs the response with the organisation from settings (no name asked at the end)", async () => {
    const setup = await exchangeSetup();
    try {
      await setup.vendor.call('settings.update', { organisation: 'Acme Imaging Holdings' });
      const { text } = await vendorResponds(setup.vendor, setup.created, 2);
      expect((JSON.parse(text) as { vendor: { name: string } }).vendor.name).toBe('Acme Imaging Holdings');
      expect(codeOf(await setup.vendor.raw('vendorInbox.respond', { id: 'VIN-00000001', vendorName: 'Other' }))).toBe('VALIDATION_FAILED');
    } finally {
      setup.dispose();
    }
  });
});
