import type { ErrorCode } from '../contract/index.ts';

export const httpStatusFor: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNKNOWN_METHOD: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  DATABASE_TOO_NEW: 409,
  NOT_A_DATABASE: 409,
  TEMPLATES_INVALID: 500,
  INTERNAL: 500,
};
