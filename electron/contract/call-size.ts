import type { MethodName } from './methods.ts';

/**
 * How large one call may be, by method (browser mode and the team server refuse a larger
 * body with PAYLOAD_TOO_LARGE before reading the rest). Most calls are a few kilobytes; only
 * the methods that carry a whole file — evidence and vendor packages as base64 or text, a
 * model card — need room for it. Giving every call the file-sized room let one body of 60 MB
 * hold the server for the time it took to read and parse.
 */
export const maxCallBytes = 1024 * 1024;

/**
 * Room for the largest file a call carries: a 50 MB vendor response package sent as JSON
 * text (its quotes escaped) — evidence files (25 MB, base64) fit well inside.
 */
export const maxFileCallBytes = 64 * 1024 * 1024;

/**
 * The methods whose input carries a whole file, and the field that carries it: a package's or a
 * model card's text, an evidence file or Word document as base64. The file's content is checked
 * by the reader that understands it (read-package.ts, the XML reader), not by the dispatcher's
 * plain-text rule, which applies to every other field (plain-text.ts).
 * test/contract/call-size.test.ts finds these from the schemas.
 */
const fileFields: Readonly<Partial<Record<MethodName, string>>> = {
  'evidence.add': 'dataBase64',
  'vendor.previewImport': 'text',
  'vendor.import': 'text',
  'vendor.previewDocx': 'dataBase64',
  'vendor.importDocx': 'dataBase64',
  'modelCard.preview': 'text',
  'modelCard.apply': 'text',
  'vendorInbox.open': 'text',
  'vendorInbox.addEvidence': 'dataBase64',
  // Every cell is checked by the monitoring file's reader (read-monitoring-file.ts), row by row.
  'monitoring.import': 'text',
};
export const fileCarryingMethods: ReadonlySet<string> = new Set(Object.keys(fileFields));
/** The input field of `method` that carries a whole file, or null. */
export const fileFieldOf = (method: string): string | null => (Object.hasOwn(fileFields, method) ? (fileFields[method as MethodName] ?? null) : null);

export const maxBodyBytesFor = (method: string): number => (fileCarryingMethods.has(method) ? maxFileCallBytes : maxCallBytes);

/**
 * The most values a file-carrying call's body may hold (JsonStructureCheck `maxValues`): its
 * input is a few fields and the file as one string, so a thousand is far more than any needs,
 * while a 60 MB body of small values ([1,1,1,…]) would hold the server's main thread for seconds
 * just to build, wherever it was parsed. Other calls are at most 1 MB, quick to parse whatever
 * they hold.
 */
export const maxFileCallValues = 1000;

export const maxBodyValuesFor = (method: string): number | undefined => (fileCarryingMethods.has(method) ? maxFileCallValues : undefined);
