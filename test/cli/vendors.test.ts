// `vigil vendors list|show|create|update` (issue 17): the vendor record from the command line,
// --json for scripts and readable text for people; refusals exit 1 with the reason in words.
import { describe, expect, it } from 'vitest';
import { Vendor, VendorDetail, VendorSummary } from '../../electron/contract/index.ts';
import { useTempDatabase, vigil } from '../support/run-cli.ts';

let db = '';
useTempDatabase((paths) => ({ db } = paths));

describe('vigil vendors', () => {
  it('creates, lists, updates (the new name carried to its systems) and shows a vendor', () => {
    const system = vigil(['systems', 'add', '--db', db, '--json', '--name', 'Chest X-ray triage', '--vendor', 'Lumen Imaging']);
    expect(system.code).toBe(0);
    const { vendorId } = JSON.parse(system.stdout) as { vendorId: string };

    const created = vigil(['vendors', 'create', '--db', db, '--json', '--name', 'Northwind Health AI', '--contact', 'name=Vera Vendor;role=Account manager;email=vera@northwind.example', '--notes', 'Shortlisted']);
    expect(created.stderr).toBe('');
    const northwind = Vendor.parse(JSON.parse(created.stdout));
    expect(northwind).toMatchObject({ name: 'Northwind Health AI', notes: 'Shortlisted', contacts: [{ name: 'Vera Vendor', role: 'Account manager', email: 'vera@northwind.example', telephone: '' }] });

    const list = vigil(['vendors', 'list', '--db', db, '--json']);
    expect(VendorSummary.array().parse(JSON.parse(list.stdout)).map((v) => [v.name, v.products, v.contacts])).toEqual([
      ['Lumen Imaging', 1, 0],
      ['Northwind Health AI', 0, 1],
    ]);
    const table = vigil(['vendors', 'list', '--db', db, '--search', 'lumen']);
    expect(table.stdout).toMatch(/ID\s+Name\s+Products\s+Open requests\s+Pinned key\s+Contacts/);
    expect(table.stdout).toContain('Lumen Imaging');
    expect(table.stdout).not.toContain('Northwind');
    expect(table.stdout).toContain('none pinned');

    const renamed = vigil(['vendors', 'update', vendorId, '--db', db, '--name', 'Lumen Imaging Ltd', '--contact', 'name=Sam Support;telephone=+44 20 7946 0000']);
    expect(renamed.code).toBe(0);
    expect(renamed.stdout).toContain(`Updated ${vendorId}`);
    expect(renamed.stdout).toMatch(/Sam Support\s+—\s+—\s+\+44 20 7946 0000/);
    const shown = vigil(['systems', 'list', '--db', db, '--vendor', 'lumen imaging ltd']);
    expect(shown.stdout).toContain('Chest X-ray triage');

    const detail = VendorDetail.parse(JSON.parse(vigil(['vendors', 'show', vendorId, '--db', db, '--json']).stdout));
    expect(detail).toMatchObject({ name: 'Lumen Imaging Ltd', products: [{ name: 'Chest X-ray triage', archived: false }], key: null, requests: [], responses: [] });
    const text = vigil(['vendors', 'show', vendorId, '--db', db]);
    expect(text.stdout).toContain('Name     Lumen Imaging Ltd');
    expect(text.stdout).toMatch(/Products:\n.*ID\s+Name\s+Version\s+Stage/);
    expect(text.stdout).toContain('Pinned key: none yet (the first signed response pins it)');
    expect(text.stdout).toContain('Responses: none imported');
  });

  it('refuses in words with exit 1 (the core) or 2 (the command line), and writes nothing', () => {
    expect(vigil(['vendors', 'create', '--db', db, '--name', 'Lumen Imaging']).code).toBe(0);
    const taken = vigil(['vendors', 'create', '--db', db, '--name', 'LUMEN IMAGING']);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/A vendor named "Lumen Imaging" is already recorded as VEN-/);
    const badEmail = vigil(['vendors', 'create', '--db', db, '--json', '--name', 'Other', '--contact', 'name=Al;email=al at other']);
    expect(badEmail.code).toBe(1);
    expect(JSON.parse(badEmail.stderr)).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const badFlag = vigil(['vendors', 'create', '--db', db, '--name', 'Other', '--contact', 'mobile=123']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/--contact takes name=…;role=…;email=…;telephone=…/);
    expect(JSON.parse(vigil(['vendors', 'list', '--db', db, '--json']).stdout)).toHaveLength(1);
  });
});
