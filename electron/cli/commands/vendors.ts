import { lifecycleLabels, responseAnswerWords, responseChangeLabels, vendorRequestStatusLabels, type Vendor, type VendorDetail, type VendorSummary } from '../../contract/index.ts';
import { UsageError, type CliCommand, type OptionValues } from '../command.ts';
import { callAndPrint, formatFields, formatTable } from '../output.ts';

// `vigil vendors …` is the vendor record (issue 17, docs/vendors.md); `vigil vendor …` (vendor.ts)
// is the signed exchange with a vendor.

const contactKeys = ['name', 'role', 'email', 'telephone'] as const;
const contactUsage = '--contact "name=N;role=R;email=E;telephone=T" (repeat for each contact)';

/** --contact "name=Vera Vendor;email=vera@example.org" → a contact; the core checks the values. */
function contactFrom(text: string): Record<string, string> {
  const contact: Record<string, string> = {};
  for (const part of text.split(';').filter((p) => p.trim() !== '')) {
    const at = part.indexOf('=');
    const key = part.slice(0, at).trim();
    if (at < 0 || !(contactKeys as readonly string[]).includes(key)) {
      throw new UsageError(`--contact takes ${contactKeys.map((k) => `${k}=…`).join(';')}, not "${part.trim()}"`);
    }
    contact[key] = part.slice(at + 1).trim();
  }
  return contact;
}

/** The fields the flags give: contacts replace the list (--no-contacts empties it). */
function fieldsFrom(values: OptionValues): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (typeof values.name === 'string') fields.name = values.name;
  if (typeof values.notes === 'string') fields.notes = values.notes;
  const contacts = (values.contact as string[] | undefined) ?? [];
  if (values['no-contacts'] === true) {
    if (contacts.length > 0) throw new UsageError('--no-contacts and --contact cannot go together');
    fields.contacts = [];
  } else if (contacts.length > 0) fields.contacts = contacts.map(contactFrom);
  return fields;
}

const fieldOptions = {
  name: { type: 'string' },
  notes: { type: 'string' },
  contact: { type: 'string', multiple: true },
} as const;

const fingerprintShort = (fingerprint: string | null) => (fingerprint === null ? 'none pinned' : `${fingerprint.slice(0, 19)}…`);

function contactLines(v: Vendor): string {
  if (v.contacts.length === 0) return 'Contacts: none recorded\n';
  return `Contacts:\n${formatTable(
    ['Name', 'Role', 'Email', 'Telephone'],
    v.contacts.map((c) => [c.name, c.role || '—', c.email || '—', c.telephone || '—']),
  )}`;
}

function describeVendor(v: Vendor): string {
  return formatFields([
    ['ID', v.id],
    ['Name', v.name],
    ['Notes', v.notes || '—'],
    ['Created', `${v.createdAt} by ${v.createdBy}`],
    ['Updated', v.updatedAt],
  ]) + contactLines(v);
}

/** The vendor page as text: record, products, key and its history, requests, responses and what changed. */
export function describeVendorDetail(v: VendorDetail): string {
  const parts = [describeVendor(v)];
  parts.push(
    v.products.length === 0
      ? 'Products: none in the inventory\n'
      : `Products:\n${formatTable(['ID', 'Name', 'Version', 'Stage', 'Archived'], v.products.map((p) => [p.id, p.name, p.productVersion || '—', lifecycleLabels[p.lifecycleStage], p.archived ? 'yes' : '']))}`,
  );
  parts.push(
    v.key === null
      ? 'Pinned key: none yet (the first signed response pins it)\n'
      : `Pinned key: ${v.key.fingerprint}\n  since ${v.key.pinnedAt} by ${v.key.pinnedBy}: ${v.key.reason}\n`,
  );
  for (const k of v.keyHistory) parts.push(`  replaced ${k.replacedAt ?? ''} by ${k.replacedBy ?? ''}: ${k.fingerprint} (pinned ${k.pinnedAt} by ${k.pinnedBy})\n`);
  parts.push(
    v.requests.length === 0
      ? 'Requests: none issued\n'
      : `Requests:\n${formatTable(
          ['ID', 'System', 'Assessment', 'Issued', 'Expires', 'Questions', 'Status'],
          v.requests.map((r) => [r.id, r.systemName, r.assessmentId, r.issuedAt.slice(0, 10), r.expiresAt.slice(0, 10), String(r.questionCount), vendorRequestStatusLabels[r.status]]),
        )}`,
  );
  if (v.responses.length === 0) parts.push('Responses: none imported\n');
  for (const r of v.responses) {
    const since = r.previousRequestId === null ? 'first response for this system' : `since ${r.previousRequestId}`;
    parts.push(`Response to ${r.requestId} (${r.systemName}), imported ${r.importedAt} by ${r.importedBy}, signed as ${r.signedAs}: ${r.answers} answers; ${r.changes.length} changed ${since}\n`);
    for (const c of r.changes) parts.push(`  ${responseChangeLabels[c.kind]}: ${c.questionId} ${c.text}\n    ${responseAnswerWords(c.before)} → ${responseAnswerWords(c.after)}\n`);
  }
  return parts.join('\n');
}

const oneId = { min: 1, max: 1 };

export const vendorsCommands: CliCommand[] = [
  {
    path: ['vendors', 'list'],
    method: 'vendors.list',
    usage: 'vigil vendors list [--search TEXT]',
    summary: 'Vendors with their products, open requests and pinned key',
    options: { search: { type: 'string' } },
    run: (ctx) =>
      callAndPrint(ctx, 'vendors.list', typeof ctx.values.search === 'string' ? { search: ctx.values.search } : {}, (list: VendorSummary[]) =>
        list.length === 0
          ? 'No vendors found. Vendors are added with their first system (vigil systems add --vendor V) or with: vigil vendors create --name N\n'
          : formatTable(
              ['ID', 'Name', 'Products', 'Open requests', 'Pinned key', 'Contacts'],
              list.map((v) => [v.id, v.name, String(v.products), String(v.openRequests), fingerprintShort(v.keyFingerprint), String(v.contacts)]),
            ),
      ),
  },
  {
    path: ['vendors', 'show'],
    method: 'vendors.get',
    usage: 'vigil vendors show VEN-ID',
    summary: 'A vendor: contacts, products, pinned key and its history, requests, and responses with what changed',
    options: {},
    positionals: oneId,
    run: (ctx) => callAndPrint(ctx, 'vendors.get', { id: ctx.positionals[0] }, describeVendorDetail),
  },
  {
    path: ['vendors', 'create'],
    method: 'vendors.create',
    usage: `vigil vendors create --name N [${contactUsage}] [--notes T]`,
    summary: 'Add a vendor',
    options: fieldOptions,
    run: (ctx) => callAndPrint(ctx, 'vendors.create', fieldsFrom(ctx.values), (v: Vendor) => `Added ${v.id}\n${describeVendor(v)}`),
  },
  {
    path: ['vendors', 'update'],
    method: 'vendors.update',
    usage: `vigil vendors update VEN-ID [--name N] [${contactUsage} | --no-contacts] [--notes T]`,
    summary: "Change a vendor's name (carried to its systems), contacts or notes",
    options: { ...fieldOptions, 'no-contacts': { type: 'boolean' } },
    positionals: oneId,
    run: (ctx) => callAndPrint(ctx, 'vendors.update', { id: ctx.positionals[0], changes: fieldsFrom(ctx.values) }, (v: Vendor) => `Updated ${v.id}\n${describeVendor(v)}`),
  },
];
