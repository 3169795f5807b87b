import type { AppInfo, BackupReport } from '../../../electron/contract/index.ts';

/** How each kind of backup came to be, in words. */
export const backupKindLabels: Record<BackupReport['kind'], string> = {
  manual: 'Taken by hand',
  daily: 'Daily (automatic)',
  preMigration: 'Before an upgrade',
  preRestore: 'Before a restore',
};

/** What a backup is, in a restore confirmation: "…with {name}, {phrase} on {date}". */
export const backupKindPhrases: Record<BackupReport['kind'], string> = {
  manual: 'a backup taken by hand',
  daily: 'the automatic daily backup',
  preMigration: 'the copy kept before an upgrade',
  preRestore: 'the copy kept before a restore',
};

/** A moment as the user's clock shows it, to the second (two backups a minute apart must differ). */
export { formatMoment } from '../text/format.ts';

/** The start of a hash, enough to tell two heads apart by eye (the CLI prints the same 16). */
export const shortHash = (hash: string): string => `${hash.slice(0, 16)}…`;

/** "1.7 MB" */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * The core's problem in two parts: a plain sentence, and the start-up check's own report
 * (many lines of page numbers) for whoever supports the installation.
 */
export function splitProblem(problem: string): { summary: string; detail: string | null } {
  const text = problem.trim();
  const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const open = text.indexOf('(');
  if (!text.includes('\n') || open < 0) return { summary: capital(text), detail: null };
  // The report ends at the bracket that closes the first one (the report has brackets of its own);
  // whatever follows (a further error when even a read-only open failed) belongs to the sentence.
  let depth = 0;
  let close = text.length;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) {
      close = i;
      break;
    }
  }
  const detail = text.slice(open + 1, close).replace(/\)\.?\s*$/, '');
  const after = text.slice(close + 1).replace(/^\.?\s*/, '');
  return { summary: `${capital(text.slice(0, open).trim())}.${after ? ` ${capital(after)}` : ''}`, detail };
}

/**
 * Healthy, read-only (damaged but readable), or unreadable (too damaged to open: app.info then
 * reports no ledger at all, and everything but the restore fails with DATABASE_CORRUPT).
 */
export function databaseState(info: AppInfo): 'ok' | 'readOnly' | 'unreadable' {
  if (!info.readOnly) return 'ok';
  return info.ledgerHead === null && info.auditEvents === 0 ? 'unreadable' : 'readOnly';
}
