import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { contract, fail, type BackupReport, type Result } from '../contract/index.ts';
import { buildServices, type CoreOptions, type StoreOperations } from './build-services.ts';
import type { CallContext } from './deps.ts';
import { deferredAuthority, refusingAuthority, type AccountAuthority } from './accounts/account-authority.ts';
import { DomainError } from './domain-error.ts';
import { backupDatabase, backupName, backupsDirFor, inspectDatabaseFile, listBackups, recordCopy, replaceDatabaseFile } from './store/backup.ts';
import { latestSchemaVersion } from './store/migrations/index.ts';
import { openDatabase } from './store/open-database.ts';

export type { CoreOptions } from './build-services.ts';

export interface Core {
  dispatch: (method: string, input: unknown, ctx: CallContext) => Promise<Result<unknown>>;
  /**
   * The due-date sweep (expired acceptances, passed re-assessment dates), in its own audited
   * transaction under the actor "Vigil (scheduled check)". Runs at open and on the host's timer
   * (`sweepEveryMs`); deliberately not a contract method, so no page and no read can trigger a
   * write. Does nothing on a read-only or unreadable database.
   */
  sweep(): Promise<void>;
  /**
   * Sign-ins and sessions (team mode). The team server uses the team core's; the desktop core has
   * one too, so `vigil team create-admin` and the tests reach accounts on either engine.
   */
  authority: AccountAuthority;
  close(): void;
}

interface Opened {
  db: Db | null;
  dispatch: Core['dispatch'];
  /** Resolves false when the sweep failed (already reported). */
  sweep: () => Promise<boolean>;
  authority: AccountAuthority;
  /** Records a store operation (backup, restore) in the ledger through the storage port. */
  record: ((event: { at: string; actor: string; action: string; payload: unknown }) => Promise<void>) | null;
  /** Runs `fn` once every call in flight on this database has finished, holding off new ones. */
  exclusive: <T>(fn: () => T) => Promise<T>;
  /** Closes the database and the services' connections beside it. */
  close: () => void;
  readOnly: boolean;
  problem: string | null;
}

const dayMs = 86_400_000;
const isCorruption = (error: unknown) =>
  error instanceof Error && 'code' in error && /^SQLITE_(CORRUPT|NOTADB)/.test(String((error as { code: unknown }).code));

/**
 * Builds the domain core on one database file (DESIGN §2, §6). A file from a newer Vigil or
 * one that is not SQLite is refused untouched (DomainError). A file that fails its start-up
 * quick_check opens read-only, with the problem explained, so its data can still be read and a
 * backup restored; a file too damaged to open at all still offers the restore.
 */
export function createCore(options: CoreOptions): Core {
  const { dbPath, clock } = options;
  const backupsDir = backupsDirFor(dbPath);
  const report = (what: string, error: unknown) => options.onInternalError?.(what, error);

  /** Before a user's file is migrated, a verified copy goes to the backups folder. */
  const beforeMigrate = (db: Db, fromVersion: number) => {
    const at = clock.now().toISOString();
    const target = join(backupsDir, backupName('preMigration', at).replace('.db', `-v${fromVersion}.db`));
    mkdirSync(backupsDir, { recursive: true });
    db.prepare('VACUUM INTO ?').run(target);
    // A copy that does not check out stops the upgrade: the file stays as it was.
    recordCopy(target, 'preMigration', at);
  };

  /**
   * Keeps the database a restore replaces: a clean copy when SQLite can still read it, else
   * the raw files, so even a damaged database stays available for investigation.
   */
  const keepSafetyCopy = (at: string): string | null => {
    if (!existsSync(dbPath)) return null;
    mkdirSync(backupsDir, { recursive: true });
    const target = join(backupsDir, backupName('preRestore', at));
    if (current.db && !current.readOnly) {
      try {
        current.db.prepare('VACUUM INTO ?').run(target);
        recordCopy(target, 'preRestore', at);
        return target;
      } catch (error) {
        rmSync(target, { force: true });
        report('backup.restore (safety copy)', error);
      }
    }
    try {
      copyFileSync(dbPath, target);
      if (existsSync(`${dbPath}-wal`)) copyFileSync(`${dbPath}-wal`, `${target}-wal`);
      return target;
    } catch (error) {
      report('backup.restore (safety copy)', error);
      return null;
    }
  };

  const store: StoreOperations = {
    backup: async (ctx, out) => {
      if (!current.db || current.readOnly) throw new DomainError('READ_ONLY', 'A damaged database is not backed up; restore a good backup instead.');
      if (out !== undefined && !ctx.trustedPaths) {
        throw new DomainError('FORBIDDEN', 'Only the command line or a save dialog may choose where a backup goes.');
      }
      const db = current.db;
      const at = clock.now().toISOString();
      const record = current.record;
      const made = await backupDatabase(db, out ?? join(backupsDir, backupName('manual', at)), 'manual', at);
      if (db.open && record) await record({ at, actor: ctx.actor, action: 'backup.created', payload: { ...made } });
      return made;
    },
    list: () => listBackups(backupsDir),
    restore: async (ctx, source) => {
      let file: string;
      if (source.file !== undefined) {
        if (!ctx.trustedPaths) throw new DomainError('FORBIDDEN', 'Only the command line or an open dialog may name a file to restore.');
        file = source.file;
      } else {
        const found = listBackups(backupsDir).find((b) => b.name === source.name);
        if (!found) throw new DomainError('NOT_FOUND', `No backup named ${source.name ?? ''} in ${backupsDir}.`);
        file = found.file;
      }
      // The file is copied once to a private place; that copy is checked and that copy is what
      // goes live, so a file changing after its check cannot slip in.
      if (!existsSync(file) || !statSync(file).isFile()) throw new DomainError('NOT_FOUND', `${file} does not exist.`);
      const scratch = mkdtempSync(join(tmpdir(), 'vigil-restore-'));
      const candidate = join(scratch, 'candidate.db');
      try {
        copyFileSync(file, candidate);
        const inspected = inspectDatabaseFile(candidate, file);
        const at = clock.now().toISOString();
        // Calls in flight on the old file finish first; none starts until the new one is open.
        const safetyCopy = await current.exclusive(() => {
          const copy = keepSafetyCopy(at);
          current.close();
          replaceDatabaseFile(dbPath, candidate);
          return copy;
        });
        current = open();
        if (current.record && !current.readOnly) {
          await current.record({ at, actor: ctx.actor, action: 'database.restored', payload: { from: file, ledger: inspected.ledger, safetyCopy } });
        }
        return { restoredFrom: file, schemaVersion: inspected.schemaVersion, ledger: inspected.ledger, safetyCopy };
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    },
    status: () => ({ readOnly: current.readOnly, problem: current.problem, backupsDir }),
  };

  const dailyBackup = (db: Db, record: NonNullable<Opened['record']>) => {
    const newest = listBackups(backupsDir).find((b) => b.kind === 'daily');
    const now = clock.now();
    if (newest && now.getTime() - Date.parse(newest.createdAt) < dayMs) return;
    const at = now.toISOString();
    backupDatabase(db, join(backupsDir, backupName('daily', at)), 'daily', at).then(
      (made: BackupReport) => {
        if (db.open) return record({ at, actor: 'Vigil (daily backup)', action: 'backup.created', payload: { ...made } });
        return undefined;
      },
      (error: unknown) => report('daily backup', error),
    );
  };

  const closing = (db: Db, release: () => void) => () => {
    release();
    if (db.open) db.close();
  };

  function open(): Opened {
    let db: Db;
    try {
      db = openDatabase(dbPath, { beforeMigrate });
    } catch (error) {
      if (error instanceof DomainError) throw error;
      if (!isCorruption(error)) throw error;
      return unavailable(`the database file is damaged (${(error as Error).message}).`);
    }
    let check: string;
    try {
      check = db.pragma('quick_check', { simple: true }) as string;
    } catch (error) {
      check = (error as Error).message;
    }
    if (check !== 'ok') {
      db.close();
      const problem = `the start-up check found damage (${check}).`;
      try {
        const readOnlyDb = new Database(dbPath, { readonly: true, fileMustExist: true });
        const built = buildServices(readOnlyDb, options, store, problem);
        return { db: readOnlyDb, dispatch: built.dispatch, sweep: built.sweep, authority: built.authority, record: null, exclusive: built.exclusive, close: closing(readOnlyDb, built.release), readOnly: true, problem };
      } catch (error) {
        return unavailable(`${problem} ${(error as Error).message}`);
      }
    }
    const { dispatch, sweep, authority, record, exclusive, release } = buildServices(db, options, store, null);
    if (options.dailyBackup) dailyBackup(db, record);
    return { db, dispatch, sweep, authority, record, exclusive, close: closing(db, release), readOnly: false, problem: null };
  }

  /** Too damaged to read: only the restore is offered. */
  function unavailable(problem: string): Opened {
    const message = `Vigil cannot read ${dbPath}: ${problem} Restore a backup (vigil restore FILE, or Settings → Integrity).`;
    return {
      db: null,
      readOnly: true,
      problem,
      sweep: async () => true,
      authority: refusingAuthority({ code: 'DATABASE_CORRUPT', message }),
      record: null,
      exclusive: async (fn) => fn(),
      close: () => undefined,
      dispatch: async (method, input, ctx) => {
        try {
          if (method === 'app.info') {
            return {
              ok: true,
              value: {
                name: 'Vigil',
                version: options.appVersion ?? '0.0.0',
                schemaVersion: latestSchemaVersion,
                databasePath: dbPath,
                auditEvents: 0,
                ledgerHead: null,
                readOnly: true,
                problem: message,
                backupsDir,
                newestBackup: store.list()[0] ?? null,
              },
            };
          }
          if (method === 'backup.list') return { ok: true, value: store.list() };
          if (method === 'backup.restore') {
            const parsed = contract['backup.restore'].input.safeParse(input ?? {});
            if (!parsed.success) return fail('VALIDATION_FAILED', 'give either name or file');
            return { ok: true, value: await store.restore(ctx, parsed.data) };
          }
        } catch (error) {
          if (error instanceof DomainError) return { ok: false, error: error.toValue() };
          report(method, error);
          return fail('INTERNAL', `Vigil could not complete ${method}.`);
        }
        return fail('DATABASE_CORRUPT', message, { problem });
      },
    };
  }

  let current = open();
  // A restore reopens the database: the timer always sweeps the one open now.
  const sweep = async () => {
    if (current.db?.open) await current.sweep();
  };
  const timer = options.sweepEveryMs === undefined ? null : setInterval(() => void sweep(), options.sweepEveryMs);
  timer?.unref();
  return {
    dispatch: (method, input, ctx) => current.dispatch(method, input, ctx),
    sweep,
    // A restore reopens the database: calls go to the authority of the one open now.
    authority: deferredAuthority(async () => current.authority),
    close: () => {
      if (timer) clearInterval(timer);
      current.close();
    },
  };
}
