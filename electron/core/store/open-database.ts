import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { DomainError } from '../domain-error.ts';
import { naturalSortKey } from '../rules/natural-sort-key.ts';
import { riskDueDateOfSnapshot } from '../rules/risk-due-date.ts';
import { latestSchemaVersion, migrations, migrationsAfter, schemaVersionOf, type Migration } from './migrations/index.ts';

const sqliteMagic = 'SQLite format 3\u0000';

/**
 * Reads `user_version` straight from the file header (offset 60, big-endian) without opening
 * the database, so a file we must refuse is never touched — not even by a WAL pragma.
 */
function peekHeader(path: string): { userVersion: number } | null {
  if (!existsSync(path) || statSync(path).size === 0) return null;
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(100);
    const read = readSync(fd, header, 0, 100, 0);
    if (read < 100 || header.toString('latin1', 0, 16) !== sqliteMagic) {
      throw new DomainError('NOT_A_DATABASE', `${path} is not a Vigil database (it is not an SQLite file).`);
    }
    return { userVersion: header.readUInt32BE(60) };
  } finally {
    closeSync(fd);
  }
}

function refuseNewer(path: string, version: number): never {
  throw new DomainError(
    'DATABASE_TOO_NEW',
    `${path} was written by a newer version of Vigil (database schema ${version}; this app understands up to ${latestSchemaVersion}). ` +
      'Install the newer Vigil to open it. The file has not been changed.',
    { schemaVersion: version, supportedVersion: latestSchemaVersion },
  );
}

export interface OpenDatabaseOptions {
  /** Called with the live connection before migrating a file that already holds data. */
  beforeMigrate?: (db: Db, fromVersion: number) => void;
  migrations?: readonly Migration[];
}

export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Db {
  const list = options.migrations ?? migrations;
  const latest = schemaVersionOf(list);
  const header = peekHeader(path);
  if (header && header.userVersion > latest) refuseNewer(path, header.userVersion);

  const db = new Database(path);
  try {
    // Re-check through SQLite: a WAL file may hold a newer header than the main file.
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > latest) refuseNewer(path, current);

    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');

    if (current < latest) {
      if (current > 0) options.beforeMigrate?.(db, current);
      migrate(db, list, current);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The TypeScript rules a migration calls from its SQL to fill a column it adds (010: the name
 * keys and the risks' due dates), so a migrated row holds exactly what the code would write.
 * Registered on the connection before migrating; nothing else in SQL calls them.
 */
function registerMigrationFunctions(db: Db): void {
  db.function('vigil_natural_sort_key', { deterministic: true }, (name: unknown) => naturalSortKey(String(name)));
  db.function('vigil_risk_due_date', { deterministic: true }, (status: unknown, snapshot: unknown) => riskDueDateOfSnapshot(String(status), String(snapshot)));
}

/** Each migration and its version bump commit together, so a crash leaves a whole version. */
export function migrate(db: Db, list: readonly Migration[], from: number): void {
  registerMigrationFunctions(db);
  for (const migration of migrationsAfter(list, from)) {
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
