import type { BackupReport, RestoreReport } from '../../contract/index.ts';
import type { CallContext } from '../deps.ts';

/** Backups and restores, which the host wires to the open database file (create-core). */
export interface StoreOperations {
  backup(ctx: CallContext, out: string | undefined): Promise<BackupReport>;
  list(): BackupReport[];
  restore(ctx: CallContext, source: { name?: string | undefined; file?: string | undefined }): Promise<RestoreReport>;
  status(): { readOnly: boolean; problem: string | null; backupsDir: string };
}
