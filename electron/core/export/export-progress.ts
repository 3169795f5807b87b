import type { ExportProgress } from '../../contract/index.ts';

/**
 * How far each running export has got, by the key the page chose, so it can draw a progress
 * bar while the export call is still working. In memory only: progress is not a record.
 */
export interface ProgressBoard {
  report(key: string | undefined, update: Omit<ExportProgress, 'state'> & { state?: ExportProgress['state'] }): void;
  get(key: string): ExportProgress;
}

const kept = 50;

export function createProgressBoard(): ProgressBoard {
  const entries = new Map<string, ExportProgress>();
  return {
    report(key, update) {
      if (key === undefined) return;
      entries.delete(key);
      entries.set(key, { state: update.state ?? 'running', phase: update.phase, done: update.done, total: update.total, percent: Math.max(0, Math.min(100, Math.round(update.percent))) });
      // Oldest first in a Map: forget the oldest once many exports have run.
      while (entries.size > kept) entries.delete(entries.keys().next().value as string);
    },
    get: (key) => entries.get(key) ?? { state: 'unknown', phase: 'No export with this key', done: 0, total: 0, percent: 0 },
  };
}
