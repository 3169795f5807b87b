import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AiSystem } from '../../electron/contract/index.ts';
import { useTempDatabase, vigil } from '../support/run-cli.ts';

let dir = '';
let db = '';
useTempDatabase((paths) => ({ dir, db } = paths));

describe('vigil systems', () => {
  it('adds with --json, then lists with --json on the same database', () => {
    const add = vigil([
      'systems', 'add', '--db', db, '--json',
      '--name', 'Insulin dosing advisor', '--vendor', 'GlucoLogic',
      '--version', '3.1', '--model-version', 'dose-7',
      '--intended-use', 'Suggests basal insulin adjustments for adults with type 1 diabetes',
      '--domain', 'endocrinology', '--autonomy', 'automates', '--model-type', 'predictive',
      '--data', 'phi,physiological', '--deployment', 'embeddedDevice',
      '--regulatory', 'fdaDeNovo', '--regulatory-ref', 'DEN250001',
      '--integration', 'devices', '--integration', 'ehr',
    ]);
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    const created = AiSystem.parse(JSON.parse(add.stdout));
    expect(created).toMatchObject({
      name: 'Insulin dosing advisor',
      vendor: 'GlucoLogic',
      productVersion: '3.1',
      autonomyLevel: 'automates',
      dataCategories: ['phi', 'physiological'],
      integrationPoints: ['devices', 'ehr'],
      deploymentType: 'embeddedDevice',
    });
    expect(created.id).toMatch(/^SYS-[0-9A-Z]{8}$/);

    const list = vigil(['systems', 'list', '--db', db, '--json']);
    expect(list.code).toBe(0);
    const page = JSON.parse(list.stdout) as { rows: { id: string; name: string }[]; total: number };
    expect(page).toMatchObject({ total: 1, rows: [{ id: created.id, name: created.name }] });

    const show = vigil(['systems', 'show', created.id, '--db', db]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('Insulin dosing advisor');
    expect(show.stdout).toContain('Automates (acts without review)');
    expect(show.stdout).toContain('Embedded in a medical device');
  });

  it('works with only --name and --vendor, as DESIGN §7 promises', () => {
    const add = vigil(['systems', 'add', '--name', 'Ward scheduler', '--vendor', 'Rota AI', '--db', db, '--json']);
    expect(add.code).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({ name: 'Ward scheduler', autonomyLevel: null });
    const table = vigil(['systems', 'list', '--db', db]);
    expect(table.stdout).toMatch(/ID\s+Name\s+Vendor/);
    expect(table.stdout).toContain('Ward scheduler');
  });

  it('exits 1 with the field named when the core refuses, and writes nothing', () => {
    const bad = vigil(['systems', 'add', '--vendor', 'Acme', '--autonomy', 'decides', '--db', db]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/name: Name is required/);
    expect(bad.stderr).toMatch(/autonomyLevel: Autonomy level must be one of/);
    const json = vigil(['systems', 'add', '--vendor', 'Acme', '--db', db, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stderr)).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect(JSON.parse(vigil(['systems', 'list', '--db', db, '--json']).stdout)).toMatchObject({ rows: [], total: 0 });
  });

  it('lists a page at a time, names in natural order, with the rows shown', () => {
    for (const name of ['Clinical AI product 10', 'Clinical AI product 2', 'Clinical AI product 1']) {
      expect(vigil(['systems', 'add', '--name', name, '--vendor', 'Acme', '--owner', 'Rita Owner', '--db', db]).code).toBe(0);
    }
    const all = vigil(['systems', 'list', '--db', db]);
    expect(all.stdout).toMatch(/ID\s+Name\s+Vendor\s+Owner/);
    expect(all.stdout.indexOf('product 2')).toBeLessThan(all.stdout.indexOf('product 10'));
    expect(all.stdout).toMatch(/^Rows 1–3 of 3\n/);
    const second = vigil(['systems', 'list', '--sort', 'name', '--direction', 'desc', '--limit', '2', '--page', '2', '--db', db, '--json']);
    expect(JSON.parse(second.stdout)).toMatchObject({ total: 3, offset: 2, limit: 2, rows: [{ name: 'Clinical AI product 1', owner: 'Rita Owner' }] });
    expect(vigil(['systems', 'list', '--search', 'PRODUCT 1', '--db', db]).stdout).toMatch(/^Rows 1–2 of 2\n/);
    expect(vigil(['systems', 'list', '--vendor', 'nobody', '--db', db]).stdout).toBe('No rows match.\n');
    const bad = vigil(['systems', 'list', '--limit', 'many', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--limit takes a whole number/);
    expect(vigil(['systems', 'list', '--sort', 'colour', '--db', db]).stderr).toMatch(/sort must be one of: name, vendor/);
  });

  it('exits 1 for an unknown id', () => {
    const show = vigil(['systems', 'show', 'SYS-ABCD1234', '--db', db, '--json']);
    expect(show.code).toBe(1);
    expect(JSON.parse(show.stderr)).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('exits 2 for usage errors: unknown command, unknown flag, missing argument', () => {
    const unknown = vigil(['systems', 'frobnicate', '--db', db]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "systems frobnicate"/);
    const flag = vigil(['systems', 'add', '--name', 'X', '--vendor', 'Y', '--colour', 'red', '--db', db]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/colour/);
    const missing = vigil(['systems', 'show', '--db', db]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/takes 1 argument/);
    expect(JSON.parse(vigil(['systems', 'list', '--db', db, '--json']).stdout)).toMatchObject({ rows: [], total: 0 });
  });

  it('edits, archives and unarchives', () => {
    const id = (JSON.parse(vigil(['systems', 'add', '--name', 'Scribe', '--vendor', 'Quill', '--db', db, '--json']).stdout) as { id: string }).id;
    const edit = vigil(['systems', 'edit', id, '--model-type', 'generative', '--data', 'freeText', '--db', db, '--json']);
    expect(edit.code).toBe(0);
    expect(JSON.parse(edit.stdout)).toMatchObject({ modelType: 'generative', dataCategories: ['freeText'] });
    expect(vigil(['systems', 'archive', id, '--db', db]).code).toBe(0);
    expect(JSON.parse(vigil(['systems', 'list', '--db', db, '--json']).stdout)).toMatchObject({ rows: [], total: 0 });
    expect(JSON.parse(vigil(['systems', 'list', '--all', '--db', db, '--json']).stdout)).toMatchObject({ total: 1 });
    expect(vigil(['systems', 'unarchive', id, '--db', db]).code).toBe(0);
    expect(JSON.parse(vigil(['systems', 'list', '--db', db, '--json']).stdout)).toMatchObject({ total: 1 });
  });

  it('uses the app data folder when --db is not given', () => {
    const add = vigil(['systems', 'add', '--name', 'Triage bot', '--vendor', 'Acme', '--json'], { VIGIL_DATA_DIR: dir });
    expect(add.code).toBe(0);
    const info = vigil(['info', '--json'], { VIGIL_DATA_DIR: dir });
    // The new vendor's event and the system's.
    expect(JSON.parse(info.stdout)).toMatchObject({ databasePath: join(dir, 'vigil.db'), auditEvents: 2 });
  });
});
