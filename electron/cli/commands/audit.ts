import { auditSorts, type AuditEventPage, type LedgerVerification } from '../../contract/index.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { callAndPrint, formatTable } from '../output.ts';
import { pageInput, pageOptions, pageUsage, rowsLine } from '../page-options.ts';

/** The payload preview on one line, short enough for a terminal row. */
const oneLine = (text: string, max = 80) => {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

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
  {
    path: ['audit', 'events'],
    method: 'audit.events',
    usage: `vigil audit events [--action ACTION] [--actor NAME] [--entity ID] [--from YYYY-MM-DD] [--to YYYY-MM-DD] ${pageUsage}`,
    summary: `The audit ledger one page at a time, newest first (sort by ${auditSorts.join(', ')}); reading it never changes it`,
    options: { ...pageOptions, action: { type: 'string' }, actor: { type: 'string' }, entity: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
    run: (ctx) => {
      const filters: Record<string, string> = {};
      for (const name of ['action', 'actor', 'entity', 'from', 'to']) {
        const value = ctx.values[name];
        if (typeof value === 'string') filters[name] = value;
      }
      return callAndPrint(ctx, 'audit.events', { ...filters, ...pageInput(ctx.values) }, (page: AuditEventPage) =>
        page.total === 0
          ? 'No audit events match.\n'
          : `${rowsLine(page)}${formatTable(
              ['Seq', 'At', 'Actor', 'Action', 'Entity', 'Payload'],
              page.rows.map((e) => [String(e.seq), e.at, e.actor, e.action, e.entity, oneLine(e.payloadPreview)]),
            )}`,
      );
    },
  },
];
