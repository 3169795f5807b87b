import { z } from 'zod';

export const BackupReport = z.object({
  name: z.string(),
  file: z.string(),
  createdAt: z.string(),
  size: z.number(),
  sha256: z.string(),
  schemaVersion: z.number(),
  ledger: z.object({ length: z.number(), head: z.string() }),
  kind: z.enum(['manual', 'daily', 'preMigration', 'preRestore']),
});
export type BackupReport = z.output<typeof BackupReport>;

export const BackupCreateInput = z.strictObject({
  /** A destination file: only from the command line (or a native save dialog), never from page code. */
  out: z.string().min(1).max(4096).optional(),
});
export const BackupRestoreInput = z.strictObject({
  /** A backup in the app's backups folder, by name (vigil-….db). */
  name: z.string().regex(/^[A-Za-z0-9._-]+\.db$/, { error: 'name must be a backup file name from the backups folder' }).optional(),
  /** Any file: only from the command line (or a native open dialog). */
  file: z.string().min(1).max(4096).optional(),
}).refine((r) => (r.name === undefined) !== (r.file === undefined), { error: 'give either name or file' });
export const RestoreReport = z.object({
  restoredFrom: z.string(),
  schemaVersion: z.number(),
  ledger: z.object({ length: z.number(), head: z.string() }),
  safetyCopy: z.string().nullable(),
});
export type RestoreReport = z.output<typeof RestoreReport>;
