// The inventory form: it checks with the contract's own schema, so its messages are the ones the
// core would give (also for systems.update, whose issues are prefixed "changes."), and an edit
// sends only the fields that differ from the stored record.
import { describe, expect, it } from 'vitest';
import { SystemCreateInput, SystemUpdateInput, toFieldIssues, type AiSystem, type SystemFields } from '../../electron/contract/index.ts';
import { changedFields, emptySystemForm, errorsByField, formFromSystem, validateSystemForm, type SystemFormValues } from '../../renderer/src/pages/systems/system-form-model.ts';
import { systemOptions } from '../../renderer/src/pages/systems/system-options.ts';

const stored: AiSystem = {
  id: 'SYS-ABCD1234',
  name: 'Sepsis early warning',
  vendor: 'Acme Health',
  vendorId: 'VEN-ABCD1234',
  owner: 'Grace Hopper',
  productVersion: '3.2',
  modelVersion: '2024-11',
  intendedUse: 'Flags adult inpatients at risk of sepsis.',
  clinicalDomain: 'intensiveCare',
  intendedUsers: 'Rapid response nurses',
  patientPopulation: 'Adult inpatients',
  autonomyLevel: 'augments',
  worstCredibleHarm: 'critical',
  timeCritical: true,
  modelType: 'predictive',
  dataCategories: ['phi', 'physiological'],
  deploymentType: 'vendorCloud',
  regulatoryStatus: 'fda510k',
  regulatoryReference: 'K123456',
  integrationPoints: ['ehr'],
  lifecycleStage: 'validation',
  archived: false,
  archivedAt: null,
  reassessmentDue: null,
  createdAt: '2025-01-01T00:00:00Z',
  createdBy: 'ada',
  updatedAt: '2025-01-02T00:00:00Z',
};

const form = (patch: Partial<SystemFormValues>): SystemFormValues => ({ ...emptySystemForm, name: 'X', vendor: 'Y', ...patch });

/** What the core's create schema says, per field (first message), for the same values. */
const coreCreateErrors = (values: SystemFormValues) => {
  const parsed = SystemCreateInput.safeParse(values);
  return parsed.success ? {} : errorsByField(toFieldIssues(parsed.error));
};

describe('validateSystemForm', () => {
  it('needs only a name and a vendor, with the contract\'s words', () => {
    const checked = validateSystemForm(emptySystemForm);
    expect(checked).toEqual({ errors: { name: 'Name is required', vendor: 'Vendor is required' } });
  });

  it('treats blank text as missing (the contract trims)', () => {
    expect(validateSystemForm(form({ name: '   ' }))).toEqual({ errors: { name: 'Name is required' } });
  });

  it('gives back trimmed fields with the defaults the core would store', () => {
    const checked = validateSystemForm(form({ name: '  Sepsis  ', intendedUse: ' flags ' }));
    if (!('fields' in checked)) throw new Error(JSON.stringify(checked));
    expect(checked.fields).toEqual({ ...emptySystemForm, name: 'Sepsis', vendor: 'Y', intendedUse: 'flags' });
  });

  it.each<[string, Partial<SystemFormValues>]>([
    ['name too long', { name: 'n'.repeat(201) }],
    ['vendor too long', { vendor: 'v'.repeat(201) }],
    ['owner too long', { owner: 'o'.repeat(121) }],
    ['intended use too long', { intendedUse: 'u'.repeat(5001) }],
    ['product version too long', { productVersion: 'p'.repeat(101) }],
    ['unknown domain', { clinicalDomain: 'astrology' }],
    ['data category twice', { dataCategories: ['phi', 'phi'] }],
    ['unknown integration', { integrationPoints: ['fax'] }],
    ['several at once', { name: '', regulatoryReference: 'r'.repeat(201), autonomyLevel: 'decides' }],
  ])('says exactly what the core says: %s', (_what, patch) => {
    const values = form(patch);
    const checked = validateSystemForm(values);
    expect('errors' in checked).toBe(true);
    if (!('errors' in checked)) return;
    expect(checked.errors).toEqual(coreCreateErrors(values));
    for (const message of Object.values(checked.errors)) expect(message).toMatch(/^[A-Z]/);
  });

  it('leaves the owner optional, and trims it', () => {
    const checked = validateSystemForm(form({ owner: '  Grace Hopper ' }));
    if (!('fields' in checked)) throw new Error(JSON.stringify(checked));
    expect(checked.fields.owner).toBe('Grace Hopper');
    expect(validateSystemForm(form({ owner: '' }))).toMatchObject({ fields: { owner: '' } });
    expect(validateSystemForm(form({ owner: 'o'.repeat(121) }))).toEqual({ errors: { owner: 'Owner must be at most 120 characters' } });
  });

  it('words limits as a person would ("5,000 characters")', () => {
    const checked = validateSystemForm(form({ intendedUse: 'u'.repeat(5001) }));
    expect(checked).toEqual({ errors: { intendedUse: 'Intended use must be at most 5,000 characters' } });
  });
});

describe('errorsByField', () => {
  it('maps the core\'s update issues ("changes.name") to the same field as the form\'s own', () => {
    const parsed = SystemUpdateInput.safeParse({ id: 'SYS-ABCD1234', changes: { name: '', dataCategories: ['phi', 'phi'] } });
    if (parsed.success) throw new Error('expected a refusal');
    const errors = errorsByField(toFieldIssues(parsed.error));
    expect(errors).toEqual({ name: 'Name is required', dataCategories: 'Data categories lists a value more than once' });
    const form = validateSystemForm({ ...formFromSystem(stored), name: '', dataCategories: ['phi', 'phi'] });
    expect(form).toEqual({ errors });
  });

  it('keeps the first message per field and takes the field from a nested path', () => {
    expect(
      errorsByField([
        { path: 'name', message: 'first' },
        { path: 'name', message: 'second' },
        { path: 'integrationPoints.1', message: 'Integration points must be one of: ehr' },
        { path: 'changes.vendor', message: 'Vendor is required' },
      ]),
    ).toEqual({ name: 'first', integrationPoints: 'Integration points must be one of: ehr', vendor: 'Vendor is required' });
  });

  it('ignores issues about the whole input (no field)', () => {
    expect(errorsByField([{ path: '', message: 'changes must name at least one field' }])).toEqual({});
  });
});

describe('formFromSystem and changedFields', () => {
  it('fills the form with every editable field and nothing else', () => {
    const values = formFromSystem(stored);
    expect(Object.keys(values).sort()).toEqual(Object.keys(emptySystemForm).sort());
    expect(values.name).toBe('Sepsis early warning');
    expect(values.dataCategories).toEqual(['phi', 'physiological']);
    expect(values.timeCritical).toBe(true);
    expect(values.owner).toBe('Grace Hopper');
    expect('id' in values).toBe(false);
  });

  it('sends nothing when a stored record is saved unchanged', () => {
    const checked = validateSystemForm(formFromSystem(stored));
    if (!('fields' in checked)) throw new Error(JSON.stringify(checked));
    expect(changedFields(stored, checked.fields)).toEqual({});
  });

  it('sends only the fields that differ, with their new values', () => {
    const fields: SystemFields = { ...(validateSystemForm(formFromSystem(stored)) as { fields: SystemFields }).fields };
    fields.vendor = 'Acme Health Inc.';
    fields.owner = 'Ada Lovelace';
    fields.timeCritical = null;
    fields.dataCategories = ['phi'];
    fields.integrationPoints = ['ehr'];
    expect(changedFields(stored, fields)).toEqual({ vendor: 'Acme Health Inc.', owner: 'Ada Lovelace', timeCritical: null, dataCategories: ['phi'] });
  });

  it('treats clearing a field as a change, and whitespace that trims away as none', () => {
    const checked = validateSystemForm({ ...formFromSystem(stored), modelVersion: '', productVersion: ' 3.2 ' });
    if (!('fields' in checked)) throw new Error(JSON.stringify(checked));
    expect(changedFields(stored, checked.fields)).toEqual({ modelVersion: '' });
  });

  it('builds changes the core accepts as an update', () => {
    const changes = changedFields(stored, { ...(validateSystemForm(formFromSystem(stored)) as { fields: SystemFields }).fields, name: 'Renamed', clinicalDomain: null });
    expect(SystemUpdateInput.safeParse({ id: stored.id, changes }).success).toBe(true);
  });
});

describe('systemOptions', () => {
  it('offers every value the contract accepts, with a label, and nothing it refuses', () => {
    for (const { value } of systemOptions.clinicalDomain) expect(SystemCreateInput.shape.clinicalDomain.safeParse(value).success).toBe(true);
    for (const { value } of systemOptions.regulatory) expect(SystemCreateInput.shape.regulatoryStatus.safeParse(value).success).toBe(true);
    for (const { value } of systemOptions.dataCategories) expect(SystemCreateInput.shape.dataCategories.safeParse([value]).success).toBe(true);
    for (const { value } of systemOptions.integration) expect(SystemCreateInput.shape.integrationPoints.safeParse([value]).success).toBe(true);
    for (const list of Object.values(systemOptions)) {
      expect(list.length).toBeGreaterThan(0);
      for (const { label } of list) expect(label.trim()).not.toBe('');
    }
    expect(systemOptions.worstHarm.map((o) => o.value)).toEqual(['negligible', 'minor', 'serious', 'critical', 'catastrophic']);
  });
});
