import {
  VendorUpdateInput,
  responseAnswerWords,
  responseChangeLabels,
  toFieldIssues,
  type Vendor,
  type VendorFields,
  type VendorResponse,
} from '../../../../electron/contract/index.ts';

/** The vendor form as typed: text everywhere, contacts as rows. */
export interface VendorFormValues {
  name: string;
  notes: string;
  contacts: { name: string; role: string; email: string; telephone: string }[];
}

export const emptyContact = { name: '', role: '', email: '', telephone: '' };

export const formFromVendor = (v: Vendor): VendorFormValues => ({ name: v.name, notes: v.notes, contacts: v.contacts.map((c) => ({ ...c })) });

/** Form errors: `name`, `notes`, `contacts` (the list), and `contacts.N.field` for one contact's field. */
export type VendorFormErrors = Readonly<Record<string, string>>;

/**
 * Checks the form with the contract's own schema and keeps only what changed (the core records
 * only changes): either the changes to send, or the errors by field. Blank contact rows are dropped.
 */
export function vendorChanges(vendor: Vendor, values: VendorFormValues): { changes: Partial<VendorFields> } | { errors: VendorFormErrors } | { unchanged: true } {
  const contacts = values.contacts.filter((c) => Object.values(c).some((v) => v.trim() !== ''));
  const parsed = VendorUpdateInput.shape.changes.safeParse({ name: values.name, notes: values.notes, contacts });
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of toFieldIssues(parsed.error)) errors[issue.path] ??= issue.message;
    return { errors };
  }
  const next = parsed.data;
  const changes: Partial<VendorFields> = {};
  if (next.name !== undefined && next.name !== vendor.name) changes.name = next.name;
  if (next.notes !== undefined && next.notes !== vendor.notes) changes.notes = next.notes;
  if (next.contacts !== undefined && JSON.stringify(next.contacts) !== JSON.stringify(vendor.contacts)) changes.contacts = next.contacts;
  return Object.keys(changes).length === 0 ? { unchanged: true } : { changes };
}

/** "Response to VRQ-… (Chest X-ray triage): 6 answers, 2 changed since VRQ-…" */
export function responseHeadline(r: VendorResponse): string {
  const since =
    r.previousRequestId === null
      ? 'the first response for this system'
      : r.changes.length === 0
        ? `nothing changed since ${r.previousRequestId}`
        : `${r.changes.length} ${r.changes.length === 1 ? 'answer' : 'answers'} changed since ${r.previousRequestId}`;
  return `Response to ${r.requestId} (${r.systemName}): ${r.answers} ${r.answers === 1 ? 'answer' : 'answers'}, ${since}`;
}

/** One change as a table row: question, what happened, before, after. */
export const changeRow = (c: VendorResponse['changes'][number]): [string, string, string, string] => [
  c.text ? `${c.questionId} — ${c.text}` : c.questionId,
  responseChangeLabels[c.kind],
  responseAnswerWords(c.before),
  responseAnswerWords(c.after),
];
