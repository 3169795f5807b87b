import type { LedgerVerification } from '../../contract/index.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { callAndPrint } from '../output.ts';

export const auditCommands: CliCommand[] = [
  {
    path: ['audit', 'verify'],
    method: 'audit.verify',
    usage: 'vigil audit verify [--expect-length N --expect-head HASH [--later-events-allowed]] [--json]',
    summary: 'Check the audit ledger has not been altered, cut, reordered or added to (exit 1 if it has)',
    options: { 'expect-length': { type: 'string' }, 'expect-head': { type: 'string' }, 'later-events-allowed': { type: 'boolean' } },
    run: (ctx) => {
      const length = ctx.values['expect-length'] as string | undefined;
      const head = ctx.values['expect-head'] as string | undefined;
      if ((length === undefined) !== (head === undefined)) throw new UsageError('--expect-length and --expect-head go together');
      const later = ctx.values['later-events-allowed'] === true;
      if (later && length === undefined) throw new UsageError('--later-events-allowed goes with --expect-length and --expect-head');
      return callAndPrint(
        ctx,
        'audit.verify',
        length !== undefined && head !== undefined ? { expected: { length: Number(length), head, laterEventsAllowed: later } } : {},
        (v: LedgerVerification) =>
          v.ok
            ? `OK: ${v.length} events, head ${v.head}\n`
            : `BROKEN at event ${v.firstBad?.seq ?? '?'} (${v.firstBad?.problem ?? 'unknown'}): ${v.firstBad?.detail ?? ''}\n${v.length} events, head ${v.head}\n`,
        (v) => (v.ok ? 0 : 1),
      );
    },
  },
];
