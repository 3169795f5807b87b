/**
 * The one error model every transport returns. Codes are stable: scripts and the UI branch on
 * them, so add new ones rather than renaming.
 */
export const errorCodes = [
  'VALIDATION_FAILED',
  'UNKNOWN_METHOD',
  'NOT_FOUND',
  'CONFLICT',
  'DATABASE_TOO_NEW',
  'NOT_A_DATABASE',
  'NOT_A_VIGIL_DATABASE',
  'DATABASE_CORRUPT',
  'READ_ONLY',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'PAYLOAD_TOO_LARGE',
  'BAD_REQUEST',
  'TEMPLATES_INVALID',
  'TRANSITION_REFUSED',
  'INTERNAL',
  // Vendor exchange (issue 8): each refusal of a package has its own code.
  'PACKAGE_MALFORMED',
  'PACKAGE_UNSAFE',
  'SIGNATURE_INVALID',
  'REQUEST_UNKNOWN',
  'REQUEST_EXPIRED',
  'REPLAY',
  'VENDOR_KEY_CHANGED',
  'QUESTION_NOT_IN_REQUEST',
  'EVIDENCE_MISMATCH',
  'IDENTITY_UNAVAILABLE',
  // Model card import: XML that carries a DTD, entity, external reference or processing instruction, nests too deep, or declares an encoding other than UTF-8.
  'XML_UNSAFE',
  // Model card import (issue 17): the card names another product or developer than the system; apply again with confirmMismatch.
  'MODEL_CARD_MISMATCH',
  // Team mode (issue 15): sign-in and sessions.
  'ACCOUNT_LOCKED',
  'SESSION_EXPIRED',
  'RATE_LIMITED',
  // The desktop connected to a team server: the server did not answer, or showed another certificate than the pinned one.
  'SERVER_UNREACHABLE',
  'CERTIFICATE_CHANGED',
  // Vendor mode (issue 17): a hospital method called in a vendor workspace, or the vendor inbox in a hospital's.
  'WRONG_WORKSPACE',
  // An export whose document failed Vigil's own check before it was saved (a part not well-formed XML): nothing written or recorded.
  'EXPORT_INVALID',
  // A monitoring or training-record file that fails a check (issue 20): details.issues name the row and column; nothing written.
  'DATA_FILE_INVALID',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `changes.name` (empty for the whole input). */
  path: string;
  message: string;
}

export interface VigilError {
  code: ErrorCode;
  message: string;
  details?: { issues?: FieldIssue[]; [key: string]: unknown };
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: VigilError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, details?: VigilError['details']): Result<never> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});

export function isVigilError(value: unknown): value is VigilError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.code === 'string' &&
    (errorCodes as readonly string[]).includes(candidate.code) &&
    typeof candidate.message === 'string'
  );
}
