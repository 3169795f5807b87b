import { UsageError } from './command.ts';

/**
 * --expected-revision N: the revision the caller last read (optimistic concurrency); the write
 * is refused if the answer or workflow state has moved on. Absent: last writer wins.
 */
export function expectedRevisionOption(value: unknown): { expectedRevision: number } | Record<string, never> {
  if (value === undefined) return {};
  const text = String(value).trim();
  if (!/^\d+$/.test(text)) throw new UsageError(`--expected-revision takes a whole number (the revision you last read), not "${text}"`);
  return { expectedRevision: Number(text) };
}

/** "text|owner|YYYY-MM-DD", as used by --condition and --action. */
export function triples(list: unknown, flag: string): { text: string; owner: string; due: string }[] {
  return ((list as string[] | undefined) ?? []).map((entry) => {
    const [text, owner, due] = entry.split('|').map((p) => p.trim());
    if (!text || !owner || !due) throw new UsageError(`${flag} takes "text|owner|YYYY-MM-DD", not "${entry}"`);
    return { text, owner, due };
  });
}
