import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/create-core.ts';
import { DomainError } from '../../../electron/core/domain-error.ts';
import { latestSchemaVersion, type Migration } from '../../../electron/core/store/migrations/index.ts';
import { openDatabase } from '../../../electron/core/store/open-database.ts';
import { fixedClock, sequentialIds, tempDir, templatesDir, onPostgres } from '../../support/core-fixture.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(() => cleanup());

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const siblings = () => readdirSync(dir).sort();

// Opening files: not SQLite, corrupt, WAL and pragmas; a team database is a server address (postgres-engine.test.ts).
describe.skipIf(onPostgres)('opening the database (the SQLite file itself: skipped on PostgreSQL)', () => {
  it('creates a fresh database at the latest schema with the required pragmas', () => {
    const db = openDatabase(join(dir, 'fresh.db'));
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
        (t) => t.name,
      );
      expect(tables).toEqual(expect.arrayContaining(['audit_events', 'systems']));
    } finally {
      db.close();
    }
  });

  it('refuses a database from a newer Vigil and leaves it byte-for-byte untouched', () => {
    const path = join(dir, 'newer.db');
    const seed = new Database(path);
    seed.exec('CREATE TABLE future_things (x INTEGER)');
    seed.pragma(`user_version = ${latestSchemaVersion + 7}`);
    seed.close();
    const before = sha256(path);
    const filesBefore = siblings();

    let caught: unknown;
    try {
      createCore({ dbPath: path, clock: fixedClock(), ids: sequentialIds(), templatesDir });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    const error = caught as DomainError;
    expect(error.code).toBe('DATABASE_TOO_NEW');
    expect(error.message).toMatch(/newer version of Vigil/);
    expect(error.message).toContain(String(latestSchemaVersion + 7));
    expect(sha256(path)).toBe(before);
    expect(siblings()).toEqual(filesBefore);
  });

  it('refuses a file that is not SQLite and leaves it untouched', () => {
    const path = join(dir, 'notes.db');
    writeFileSync(path, 'Minutes of the AI governance committee, not a database.\n'.repeat(10));
    const before = sha256(path);
    expect(() => openDatabase(path)).toThrow(/not a Vigil database/);
    expect(sha256(path)).toBe(before);
  });

  it('applies each migration in its own transaction: a failing one leaves the previous version', () => {
    const path = join(dir, 'partial.db');
    const list: Migration[] = [
      { version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER);' },
      { version: 2, name: 'two', sql: 'CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);' },
    ];
    expect(() => openDatabase(path, { migrations: list })).toThrow();
    const db = new Database(path);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(1);
      const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
      expect(names).toContain('a');
      expect(names).not.toContain('b');
    } finally {
      db.close();
    }
  });

  it('backs up a user file before migrating it, and only then', () => {
    const path = join(dir, 'old.db');
    const v1: Migration[] = [{ version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (42);' }];
    openDatabase(path, { migrations: v1 }).close();
    const backups: number[] = [];
    const v2 = [...v1, { version: 2, name: 'two', sql: 'ALTER TABLE a ADD COLUMN y TEXT;' }];
    const db = openDatabase(path, {
      migrations: v2,
      beforeMigrate: (conn, from) => {
        backups.push(from);
        conn.prepare('VACUUM INTO ?').run(join(dir, 'backup.db'));
      },
    });
    db.close();
    expect(backups).toEqual([1]);
    const copy = new Database(join(dir, 'backup.db'), { readonly: true });
    try {
      expect(copy.pragma('user_version', { simple: true })).toBe(1);
      expect(copy.prepare('SELECT x FROM a').get()).toEqual({ x: 42 });
    } finally {
      copy.close();
    }
    // Opening an up-to-date file takes no backup.
    openDatabase(path, { migrations: v2, beforeMigrate: () => backups.push(-1) }).close();
    expect(backups).toEqual([1]);
  });

  it('refuses UPDATE and DELETE on the audit ledger', () => {
    const db = openDatabase(join(dir, 'ledger.db'));
    try {
      db.prepare("INSERT INTO audit_events VALUES (1, 't', 'a', 'x', 'e', '{}', 'p', 'h')").run();
      expect(() => db.prepare("UPDATE audit_events SET actor = 'mallory'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
      expect(existsSync(join(dir, 'ledger.db'))).toBe(true);
    } finally {
      db.close();
    }
  });
});
