/** How a host tells an internal error on standard error: where it happened and its stack. */
export const internalErrorLine = (what: string, error: unknown): string =>
  `vigil: internal error in ${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`;
