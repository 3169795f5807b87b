import type { LedgerVerification } from '../../contract/index.ts';
import type { CliCommand } from '../command.ts';
import { callAndPrint } from '../output.ts';

export const auditCommands: CliCommand[] = [
  {
    path: ['audit', 'verify'],
    method: 'audit.verify',
    usage: 'vigil audit verify [--json]',
    summary: 'Check the audit ledger has not been altered, cut, reordered or added to (exit 1 if it has)',
    options: {},
    run: (ctx) =>
      callAndPrint(
        ctx,
        'audit.verify',
        {},
        (v: LedgerVerification) =>
          v.ok
            ? `OK: ${v.length} events, head ${v.head}\n`
            : `BROKEN at event ${v.firstBad?.seq ?? '?'} (${v.firstBad?.problem ?? 'unknown'}): ${v.firstBad?.detail ?? ''}\n${v.length} events, head ${v.head}\n`,
        (v) => (v.ok ? 0 : 1),
      ),
  },
];
