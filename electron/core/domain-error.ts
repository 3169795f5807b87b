import type { ErrorCode, VigilError } from '../contract/index.ts';

/**
 * Thrown inside the core for refusals; the dispatcher turns it into an error value, so no
 * exception ever crosses a transport.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: VigilError['details'];

  constructor(code: ErrorCode, message: string, details?: VigilError['details']) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }

  toValue(): VigilError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}
