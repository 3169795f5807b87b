import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, createReadStream, existsSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import type { BackupReport } from '../../contract/index.ts';
import { verifyLedger } from '../audit/verify-ledger.ts';
import { DomainError } from '../domain-error.ts';
import { latestSchemaVersion, migrations } from './migrations/index.ts';
import { migrate } from './open-database.ts';

const schemaOf = (db: Db) =>
  JSON.stringify(db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all());

const expectedSchemas = new Map<number, string>();
/** The schema a fresh database migrated to `version` has. */
function expectedSchema(version: number): string {
  let schema = expectedSchemas.get(version);
  if (schema === undefined) {
    const fresh = new Database(':memory:');
    try {
      migrate(fresh, migrations.filter((m) => m.version <= version), 0);
      schema = schemaOf(fresh);
    } finally {
      fresh.close();
    }
    expectedSchemas.set(version, schema);
  }
  return schema;
}

export const backupsDirFor = (dbPath: string) => join(dirname(dbPath), 'backups');

const sha256File = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/**
 * The same, read in pieces: the daily backup runs beside the app's requests, and a 200 MB file
 * hashed in one piece held the thread that answers them (the first visit of the day waited).
 */
async function sha256FileInPieces(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const piece of createReadStream(file, { highWaterMark: 1024 * 1024 })) hash.update(piece as Buffer);
  return hash.digest('hex');
}

/** The file's first 16 bytes: enough to tell an SQLite database, without reading the rest. */
function headerOf(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    const read = readSync(fd, head, 0, 16, 0);
    return head.subarray(0, read).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface InspectedDatabase {
  schemaVersion: number;
  ledger: { length: number; head: string };
}

/**
 * Checks that a file is a whole, untampered Vigil database this app can open, without
 * touching it: it is copied to a private temp folder and examined there. Refusals say why.
 */
export function inspectDatabaseFile(file: string, shownAs: string = file): InspectedDatabase {
  checkIsSqlite(file, shownAs);
  const scratch = mkdtempSync(join(tmpdir(), 'vigil-inspect-'));
  try {
    const copy = join(scratch, 'candidate.db');
    copyFileSync(file, copy);
    return examineCopy(copy, shownAs);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The same check with the copy made off the thread (the daily backup, beside the app's requests). */
export async function inspectDatabaseFileAsync(file: string, shownAs: string = file): Promise<InspectedDatabase> {
  checkIsSqlite(file, shownAs);
  const scratch = mkdtempSync(join(tmpdir(), 'vigil-inspect-'));
  try {
    const copy = join(scratch, 'candidate.db');
    await copyFile(file, copy);
    return await examineCopyInTurns(copy, shownAs);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function checkIsSqlite(file: string, shownAs: string): void {
  if (!existsSync(file) || !statSync(file).isFile()) throw new DomainError('NOT_FOUND', `${shownAs} does not exist.`);
  if (headerOf(file) !== 'SQLite format 3\u0000') {
    throw new DomainError('NOT_A_DATABASE', `${shownAs} is not a Vigil backup (it is not an SQLite database).`);
  }
}

/**
 * The checks of an opened copy, one heavy step at a time (integrity, ledger, schema): run at once
 * by a restore, with a turn of the event loop between them by the daily backup, so requests
 * arriving meanwhile wait for one step, not for all of them.
 */
function* examineSteps(db: Db, shownAs: string): Generator<void, InspectedDatabase> {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latestSchemaVersion) {
      throw new DomainError(
        'DATABASE_TOO_NEW',
        `${shownAs} was made by a newer version of Vigil (schema ${version}; this app understands up to ${latestSchemaVersion}). Install the newer Vigil to restore it.`,
      );
    }
    let check: string;
    try {
      check = db.pragma('integrity_check', { simple: true }) as string;
    } catch (error) {
      throw new DomainError('DATABASE_CORRUPT', `${shownAs} is damaged: ${(error as Error).message}.`);
    }
    if (check !== 'ok') throw new DomainError('DATABASE_CORRUPT', `${shownAs} is damaged (integrity check: ${check}).`);
    yield;
    const tables = new Set(db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((t) => t.name));
    if (version < 1 || !tables.has('systems') || !tables.has('audit_events')) {
      throw new DomainError('NOT_A_VIGIL_DATABASE', `${shownAs} is an SQLite database but not a Vigil one.`);
    }
    yield;
    const ledger = verifyLedger(db);
    if (!ledger.ok) {
      throw new DomainError(
        'DATABASE_CORRUPT',
        `${shownAs}'s audit ledger does not verify (event ${ledger.firstBad?.seq ?? '?'}: ${ledger.firstBad?.problem ?? 'broken'}); it will not be restored.`,
      );
    }
    yield;
    // The schema must be exactly what Vigil's migrations make: a dropped or rewritten
    // append-only trigger (or any object added beside the tables) is tampering.
    if (schemaOf(db) !== expectedSchema(version)) {
      throw new DomainError('DATABASE_CORRUPT', `${shownAs}'s schema has been changed (its audit ledger may no longer be append-only); it will not be restored.`);
    }
    return { schemaVersion: version, ledger: { length: ledger.length, head: ledger.head } };
}

function openCopy(copy: string, shownAs: string): Db {
  try {
    return new Database(copy);
  } catch (error) {
    throw new DomainError('DATABASE_CORRUPT', `${shownAs} cannot be opened: ${(error as Error).message}.`);
  }
}

/** SQLite refusing to read the file (SQLITE_NOTADB, SQLITE_CORRUPT, …) means it is damaged. */
const damaged = (error: unknown, shownAs: string): DomainError =>
  error instanceof DomainError ? error : new DomainError('DATABASE_CORRUPT', `${shownAs} is damaged: ${(error as Error).message}.`);

/** Every step at once, for the synchronous callers (a restore, a copy made before a migration). */
function examineCopy(copy: string, shownAs: string): InspectedDatabase {
  const db = openCopy(copy, shownAs);
  try {
    const steps = examineSteps(db, shownAs);
    let step = steps.next();
    while (!step.done) step = steps.next();
    return step.value;
  } catch (error) {
    throw damaged(error, shownAs);
  } finally {
    db.close();
  }
}

/** The same with a turn of the event loop between the steps. */
async function examineCopyInTurns(copy: string, shownAs: string): Promise<InspectedDatabase> {
  const db = openCopy(copy, shownAs);
  try {
    const steps = examineSteps(db, shownAs);
    let step = steps.next();
    while (!step.done) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      step = steps.next();
    }
    return step.value;
  } catch (error) {
    throw damaged(error, shownAs);
  } finally {
    db.close();
  }
}

/**
 * A verified copy of the live database through SQLite's online backup API: written beside
 * the destination, reopened, checked (integrity and ledger), made a single self-contained
 * file, then renamed into place with a manifest carrying the ledger head and length.
 */
export async function backupDatabase(db: Db, destination: string, kind: BackupReport['kind'], createdAt: string): Promise<BackupReport> {
  mkdirSync(dirname(destination), { recursive: true });
  const partial = `${destination}.partial`;
  rmSync(partial, { force: true });
  try {
    // A commit by another connection makes SQLite start the copy again at its next step; after
    // a few restarts the rest is copied in one step, so a busy database cannot starve it.
    let lastRemaining = Number.POSITIVE_INFINITY;
    let restarts = 0;
    await db.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        if (remainingPages >= lastRemaining) restarts++;
        lastRemaining = remainingPages;
        return restarts >= 3 ? totalPages : 100;
      },
    });
    const copy = new Database(partial);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const inspected = await inspectDatabaseFileAsync(partial);
    fsyncFile(partial);
    renameSync(partial, destination);
    const report: BackupReport = {
      name: basename(destination),
      file: destination,
      createdAt,
      size: statSync(destination).size,
      sha256: await sha256FileInPieces(destination),
      schemaVersion: inspected.schemaVersion,
      ledger: inspected.ledger,
      kind,
    };
    writeFileSync(`${destination}.json`, `${JSON.stringify(report, null, 2)}\n`);
    return report;
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/**
 * Checks a copy made by other means (VACUUM INTO before a migration or a restore) like any
 * backup, and gives it a manifest so it is listed and can be restored by name.
 */
export function recordCopy(file: string, kind: BackupReport['kind'], createdAt: string): BackupReport {
  const inspected = inspectDatabaseFile(file);
  const report: BackupReport = {
    name: basename(file),
    file,
    createdAt,
    size: statSync(file).size,
    sha256: sha256File(file),
    schemaVersion: inspected.schemaVersion,
    ledger: inspected.ledger,
    kind,
  };
  writeFileSync(`${file}.json`, `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

/** Backups in the folder, newest first, from their manifests. */
export function listBackups(dir: string): BackupReport[] {
  if (!existsSync(dir)) return [];
  const reports: BackupReport[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.db.json')) continue;
    try {
      const report = JSON.parse(readFileSync(join(dir, name), 'utf8')) as BackupReport;
      if (existsSync(join(dir, report.name))) reports.push({ ...report, file: join(dir, report.name) });
    } catch {
      // A damaged manifest is skipped; the file itself is still inspected before any restore.
    }
  }
  return reports.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.name < b.name ? 1 : -1));
}

/**
 * Puts an inspected backup in place of the (closed) live database: the new file is written
 * and flushed beside it, the old WAL files removed, then one rename swaps it in.
 */
export function replaceDatabaseFile(dbPath: string, source: string): void {
  const incoming = `${dbPath}.restoring`;
  copyFileSync(source, incoming);
  fsyncFile(incoming);
  rmSync(`${dbPath}-wal`, { force: true });
  rmSync(`${dbPath}-shm`, { force: true });
  renameSync(incoming, dbPath);
}

export const backupName = (kind: BackupReport['kind'], at: string) =>
  `vigil-${kind === 'manual' ? '' : `${kind}-`}${at.replace(/[:.]/g, '-').replace('T', '_').replace('Z', '')}.db`;
