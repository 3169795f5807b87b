import type { VigilError } from '../contract/index.ts';
import type { CliIo } from './command.ts';

export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

/** Errors go to stderr; with --json as one JSON document so scripts can read the code. */
export function printError(io: CliIo, error: VigilError, json: boolean): void {
  if (json) {
    io.stderr(`${JSON.stringify({ error }, null, 2)}\n`);
    return;
  }
  io.stderr(`vigil: ${error.message}\n`);
  for (const issue of error.details?.issues ?? []) {
    io.stderr(`  ${issue.path || '(input)'}: ${issue.message}\n`);
  }
}

/** A plain, aligned text table for terminals. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

export function formatFields(fields: readonly (readonly [string, string])[]): string {
  const width = Math.max(...fields.map(([label]) => label.length));
  return fields.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n') + '\n';
}
