// The vendor page's model: the edit form is checked with the contract's own schema and sends only
// what changed; responses and their changes are worded for people.
import { describe, expect, it } from 'vitest';
import type { Vendor, VendorResponse } from '../../electron/contract/index.ts';
import { changeRow, formFromVendor, responseHeadline, vendorChanges } from '../../renderer/src/pages/vendors/vendor-model.ts';

const vendor: Vendor = {
  id: 'VEN-ABCD1234',
  name: 'Lumen Imaging',
  contacts: [{ name: 'Vera Vendor', role: 'Account manager', email: 'vera@lumen.example', telephone: '' }],
  notes: 'Shortlisted',
  createdAt: '2026-03-01T09:00:00.000Z',
  createdBy: 'os:test',
  updatedAt: '2026-03-01T09:00:00.000Z',
};

describe('vendor form', () => {
  it('sends only what changed, drops blank contact rows, and says when nothing did', () => {
    const form = formFromVendor(vendor);
    expect(vendorChanges(vendor, form)).toEqual({ unchanged: true });
    expect(vendorChanges(vendor, { ...form, contacts: [...form.contacts, { name: '', role: '', email: '', telephone: ' ' }] })).toEqual({ unchanged: true });
    expect(vendorChanges(vendor, { ...form, name: ' Lumen Imaging Ltd ' })).toEqual({ changes: { name: 'Lumen Imaging Ltd' } });
    const added = { ...form, contacts: [...form.contacts, { name: 'Sam Support', role: '', email: '', telephone: '+44 20 7946 0000' }] };
    expect(vendorChanges(vendor, added)).toEqual({ changes: { contacts: [...vendor.contacts, { name: 'Sam Support', role: '', email: '', telephone: '+44 20 7946 0000' }] } });
  });

  it("shows the core's own words beside the field: a blank name, a contact without a name, a wrong email", () => {
    const form = formFromVendor(vendor);
    expect(vendorChanges(vendor, { ...form, name: ' ' })).toEqual({ errors: { name: 'Vendor name is required' } });
    expect(vendorChanges(vendor, { ...form, contacts: [{ name: '', role: 'Sales', email: 'sales at lumen', telephone: '' }] })).toEqual({
      errors: { 'contacts.0.name': 'Contact name is required', 'contacts.0.email': 'Contact email must look like name@example.org' },
    });
  });
});

describe('responses over time', () => {
  const response: VendorResponse = {
    requestId: 'VRQ-00000002',
    assessmentId: 'ASM-00000001',
    systemId: 'SYS-00000001',
    systemName: 'Chest X-ray triage',
    importedAt: '2026-03-02T09:00:00.000Z',
    importedBy: 'os:test',
    signedAs: 'Lumen Imaging Ltd',
    fingerprint: 'ab12 '.repeat(16).trim(),
    answers: 2,
    previousRequestId: 'VRQ-00000001',
    changes: [
      { questionId: 'PR-SEC-01', text: 'Do you encrypt data at rest?', kind: 'changed', before: { value: 'yes', unknown: false }, after: { value: null, unknown: true } },
      { questionId: 'PR-SEC-02', text: '', kind: 'removed', before: { value: ['a', 'b'], unknown: false }, after: null },
    ],
  };

  it('heads each response with its system and what changed since the one before', () => {
    expect(responseHeadline(response)).toBe('Response to VRQ-00000002 (Chest X-ray triage): 2 answers, 2 answers changed since VRQ-00000001');
    expect(responseHeadline({ ...response, changes: [] })).toBe('Response to VRQ-00000002 (Chest X-ray triage): 2 answers, nothing changed since VRQ-00000001');
    expect(responseHeadline({ ...response, previousRequestId: null, answers: 1 })).toBe('Response to VRQ-00000002 (Chest X-ray triage): 1 answer, the first response for this system');
  });

  it('words each change: the question, what happened, before and after', () => {
    expect(changeRow(response.changes[0]!)).toEqual(['PR-SEC-01 — Do you encrypt data at rest?', 'Changed', 'yes', "I don't know"]);
    expect(changeRow(response.changes[1]!)).toEqual(['PR-SEC-02', 'No longer answered', 'a, b', '—']);
  });
});
