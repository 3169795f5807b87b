import { z } from 'zod';
import { ActingAs } from './acting-as.ts';
import { AnswerValue } from './assessments.ts';
import { requestStatuses } from './exchange.ts';
import { lifecycleStages, VendorId } from './systems.ts';

/**
 * Vendors as records (issue 17, docs/vendors.md): a vendor has a name unique whatever its case,
 * contacts and notes; its products are the systems linked to it; the key its signed responses
 * are checked against is pinned per vendor, with the keys it replaced kept as history.
 */

const text = (what: string, max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${what} is required` : `${what} must be text`) })
    .trim()
    .max(max, { error: () => `${what} must be at most ${max.toLocaleString('en-US')} characters` });

const requiredText = (what: string, max: number) => text(what, max).min(1, { error: () => `${what} is required` });

export const maxVendorContacts = 20;

/** Someone at the vendor to ask: only the name is required. */
export const VendorContact = z.strictObject({
  name: requiredText('Contact name', 120),
  role: text('Contact role', 120).default(''),
  email: text('Contact email', 200)
    .refine((email) => email === '' || /^[^\s@]+@[^\s@]+$/.test(email), { error: () => 'Contact email must look like name@example.org' })
    .default(''),
  telephone: text('Contact telephone', 60).default(''),
});
export type VendorContact = z.output<typeof VendorContact>;

export const vendorFieldShapes = {
  name: requiredText('Vendor name', 200),
  contacts: z
    .array(VendorContact, { error: () => 'Contacts must be a list' })
    .max(maxVendorContacts, { error: () => `A vendor has at most ${maxVendorContacts} contacts` }),
  notes: text('Notes', 5000),
};

export const VendorCreateInput = z.strictObject({
  name: vendorFieldShapes.name,
  contacts: vendorFieldShapes.contacts.default([]),
  notes: vendorFieldShapes.notes.default(''),
  by: ActingAs.optional(),
});
export type VendorFields = Omit<z.output<typeof VendorCreateInput>, 'by'>;

export const VendorUpdateInput = z.strictObject({
  id: VendorId,
  by: ActingAs.optional(),
  changes: z
    .strictObject(vendorFieldShapes)
    .partial()
    .refine((changes) => Object.keys(changes).length > 0, { error: () => 'changes must name at least one field' }),
});

export const VendorRefInput = z.strictObject({ id: VendorId });

export const VendorListInput = z.strictObject({
  /** Matched anywhere in the vendor's name, its contacts' names and emails, or its products' names, whatever the case. */
  search: text('search', 200).default(''),
});

export const Vendor = z.object({
  id: z.string(),
  name: z.string(),
  contacts: z.array(VendorContact),
  notes: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
});
export type Vendor = z.output<typeof Vendor>;

/** vendors.list: one row per vendor. */
export const VendorSummary = z.object({
  id: z.string(),
  name: z.string(),
  /** Its systems in the inventory, archived ones left out. */
  products: z.number().int(),
  /** Requests issued for its systems' assessments, neither answered nor expired. */
  openRequests: z.number().int(),
  /** The fingerprint of the key its signed responses are checked against (null before its first). */
  keyFingerprint: z.string().nullable(),
  contacts: z.number().int(),
  updatedAt: z.string(),
});
export type VendorSummary = z.output<typeof VendorSummary>;

/** A key pinned for a vendor: the current one has no `replacedAt`. */
export const VendorKey = z.object({
  fingerprint: z.string(),
  publicKey: z.string(),
  pinnedAt: z.string(),
  pinnedBy: z.string(),
  /** Why it was pinned: the vendor's first signed response, a re-pin, or the migration from pins by name. */
  reason: z.string(),
  replacedAt: z.string().nullable(),
  replacedBy: z.string().nullable(),
});
export type VendorKey = z.output<typeof VendorKey>;

export const VendorProduct = z.object({
  id: z.string(),
  name: z.string(),
  productVersion: z.string(),
  lifecycleStage: z.enum(lifecycleStages),
  archived: z.boolean(),
});
export type VendorProduct = z.output<typeof VendorProduct>;

export const VendorRequestRow = z.object({
  id: z.string(),
  assessmentId: z.string(),
  assessmentTitle: z.string(),
  systemId: z.string(),
  systemName: z.string(),
  issuedAt: z.string(),
  issuedBy: z.string(),
  expiresAt: z.string(),
  questionCount: z.number().int(),
  status: z.enum(requestStatuses),
  importedAt: z.string().nullable(),
});
export type VendorRequestRow = z.output<typeof VendorRequestRow>;

export const responseChangeKinds = ['new', 'changed', 'removed'] as const;

/** An answer as a response carried it: a value, or "I don't know". */
export const ResponseAnswerState = z.object({ value: AnswerValue.nullable(), unknown: z.boolean() });

/** One answer that differs from the same system's previous response. */
export const ResponseChange = z.object({
  questionId: z.string(),
  /** The question's words in the assessment's pinned templates ('' when the templates no longer hold it). */
  text: z.string(),
  kind: z.enum(responseChangeKinds),
  before: ResponseAnswerState.nullable(),
  after: ResponseAnswerState.nullable(),
});
export type ResponseChange = z.output<typeof ResponseChange>;

/** An imported response, and what changed since the previous response for the same system. */
export const VendorResponse = z.object({
  requestId: z.string(),
  assessmentId: z.string(),
  systemId: z.string(),
  systemName: z.string(),
  importedAt: z.string(),
  importedBy: z.string(),
  /** The name the response was signed with. */
  signedAs: z.string(),
  fingerprint: z.string(),
  answers: z.number().int(),
  /** The same system's response before this one (null for its first). */
  previousRequestId: z.string().nullable(),
  changes: z.array(ResponseChange),
});
export type VendorResponse = z.output<typeof VendorResponse>;

export const VendorDetail = Vendor.extend({
  products: z.array(VendorProduct),
  key: VendorKey.nullable(),
  /** Keys pinned before the current one, newest first. */
  keyHistory: z.array(VendorKey),
  /** Newest first. */
  requests: z.array(VendorRequestRow),
  /** Newest first. */
  responses: z.array(VendorResponse),
});
export type VendorDetail = z.output<typeof VendorDetail>;

// ---- Words (the CLI and the pages share them) ----------------------------------------------

export const vendorRequestStatusLabels: Readonly<Record<(typeof requestStatuses)[number], string>> = {
  open: 'Open',
  expired: 'Expired unanswered',
  imported: 'Answered',
};

export const responseChangeLabels: Readonly<Record<(typeof responseChangeKinds)[number], string>> = {
  new: 'New answer',
  changed: 'Changed',
  removed: 'No longer answered',
};

/** An answer as a response carried it, in words: the value, "I don't know", or "—" for none. */
export function responseAnswerWords(state: z.output<typeof ResponseAnswerState> | null): string {
  if (state === null) return '—';
  if (state.unknown) return "I don't know";
  if (state.value === null) return '—';
  return Array.isArray(state.value) ? state.value.join(', ') : String(state.value);
}
