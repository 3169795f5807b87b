import { UsageError } from './command.ts';

/** "text|owner|YYYY-MM-DD", as used by --condition and --action. */
export function triples(list: unknown, flag: string): { text: string; owner: string; due: string }[] {
  return ((list as string[] | undefined) ?? []).map((entry) => {
    const [text, owner, due] = entry.split('|').map((p) => p.trim());
    if (!text || !owner || !due) throw new UsageError(`${flag} takes "text|owner|YYYY-MM-DD", not "${entry}"`);
    return { text, owner, due };
  });
}
