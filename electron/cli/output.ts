import type { VigilError } from '../contract/index.ts';
import type { CliIo, CommandContext } from './command.ts';

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

/**
 * Runs one contract method and prints its result (JSON or human), or its refusal with exit 1.
 * `exitFor` lets a command fail on a result that is not a refusal (a lint report with problems).
 */
export async function callAndPrint<T>(
  ctx: CommandContext,
  method: string,
  input: unknown,
  human: (value: T) => string,
  exitFor?: (value: T) => number,
): Promise<number> {
  const result = await ctx.call(method, input);
  if (!result.ok) {
    printError(ctx.io, result.error, ctx.json);
    return 1;
  }
  const value = result.value as T;
  if (ctx.json) printJson(ctx.io, value);
  else ctx.io.stdout(human(value));
  return exitFor ? exitFor(value) : 0;
}
