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

/** The methods whose input carries a whole file; test/contract/call-size.test.ts finds them from the schemas. */
const fileCarrying: readonly MethodName[] = [
  'evidence.add',
  'vendor.previewImport',
  'vendor.import',
  'vendor.previewDocx',
  'vendor.importDocx',
  'modelCard.preview',
  'modelCard.apply',
  'vendorInbox.open',
  'vendorInbox.addEvidence',
];
export const fileCarryingMethods: ReadonlySet<string> = new Set(fileCarrying);

export const maxBodyBytesFor = (method: string): number => (fileCarryingMethods.has(method) ? maxFileCallBytes : maxCallBytes);
