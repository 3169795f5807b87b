import { join } from 'node:path';
import { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Sqlite from 'better-sqlite3';
import { verifyLedgerRows, type LedgerRow } from '../../../electron/core/audit/verify-ledger.ts';
import { createKyselyStorage } from '../../../electron/core/store/kysely-storage.ts';
import { openDatabase } from '../../../electron/core/store/open-database.ts';
import type { Schema } from '../../../electron/core/store/schema.ts';
import { VigilSqliteDialect } from '../../../electron/core/store/sqlite-dialect.ts';
import type { StoragePort } from '../../../electron/core/store/storage-port.ts';
import { createPostgresPool, createPostgresStorage } from '../../../electron/core/store/postgres/open-postgres.ts';
import { createTestDatabase, tempDir, onPostgres } from '../../support/core-fixture.ts';
import { postgresSql, sqliteSql, type EngineSql } from '../../support/engine-sql.ts';

// The storage port's promises: one write is one transaction (its changes and its audit events
// commit together or not at all), nested calls join the transaction they are in, reads cannot
// write, and concurrent commands queue rather than interleave, so the ledger stays one chain.

const person = (id: string, name: string) => ({ id, name, email: '', roles: ['assessor' as const], active: true });
const at = '2026-03-01T09:00:00.000Z';

interface PortUnderTest {
  store: StoragePort;
  sql: EngineSql;
  /** True while a connection is still held by a transaction (SQLite: the one connection is in one). */
  inTransaction(): boolean;
  close(): Promise<void>;
}

/** The storage port on the engine under test, on a fresh database at the newest schema. */
async function openPort(): Promise<PortUnderTest> {
  if (onPostgres) {
    const database = await createTestDatabase({ fromTemplate: true });
    const pool = createPostgresPool(database.url, { max: 4 });
    const { storage, db } = createPostgresStorage(pool);
    const sql = postgresSql(Promise.resolve(database.url));
    return {
      store: storage,
      sql,
      inTransaction: () => pool.totalCount !== pool.idleCount,
      close: async () => {
        await db.destroy();
        await sql.close();
        await database.drop();
      },
    };
  }
  const dir = tempDir();
  const path = join(dir.dir, 'vigil.db');
  const db = openDatabase(path);
  const readDb = new Sqlite(path, { readonly: true });
  const sql = sqliteSql(path);
  return {
    store: createKyselyStorage({
      writer: new Kysely<Schema>({ dialect: new VigilSqliteDialect(db) }),
      reader: new Kysely<Schema>({ dialect: new VigilSqliteDialect(readDb) }),
    }),
    sql,
    inTransaction: () => db.inTransaction,
    close: async () => {
      sql.closeReader();
      readDb.close();
      db.close();
      dir.cleanup();
    },
  };
}

describe('storage port', () => {
  let port: PortUnderTest;
  let store: StoragePort;

  beforeEach(async () => {
    port = await openPort();
    store = port.store;
  });
  afterEach(() => port.close());

  const count = async (table: 'people' | 'audit_events') => (await port.sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))?.n;
  const verified = async () => verifyLedgerRows(await port.sql.all<LedgerRow>('SELECT seq, at, actor, action, entity, payload, prev_hash, hash FROM audit_events ORDER BY seq'));

  it('commits a write and its audit event together', async () => {
    await store.write(async (r) => {
      await r.people.insert(person('PER-1', 'Ada'), at);
      await r.ledger.append({ at, actor: 'Ada (assessor)', action: 'person.added', entity: 'PER-1', payload: {} });
    });
    expect(await count('people')).toBe(1);
    expect(await count('audit_events')).toBe(1);
    expect(await verified()).toMatchObject({ ok: true, length: 1 });
  });

  it('rolls back the change and its audit event when the body throws, and refusal leaves nothing', async () => {
    await expect(
      store.write(async (r) => {
        await r.people.insert(person('PER-1', 'Ada'), at);
        await r.ledger.append({ at, actor: 'Ada (assessor)', action: 'person.added', entity: 'PER-1', payload: {} });
        throw new Error('refused after writing');
      }),
    ).rejects.toThrow('refused after writing');
    expect(await count('people')).toBe(0);
    expect(await count('audit_events')).toBe(0);
    expect(port.inTransaction()).toBe(false);
  });

  it('a read or write started inside a write joins it and sees its uncommitted changes', async () => {
    let seenInside: string | undefined;
    await expect(
      store.write(async (r) => {
        await r.people.insert(person('PER-1', 'Ada'), at);
        seenInside = (await store.read((inner) => inner.people.find('PER-1')))?.name;
        await store.write((inner) => inner.people.insert(person('PER-2', 'Grace'), at));
        throw new Error('undo both');
      }),
    ).rejects.toThrow('undo both');
    expect(seenInside).toBe('Ada');
    // The nested write was part of the outer transaction: it rolled back with it.
    expect(await count('people')).toBe(0);
  });

  it('a nested write that fails is undone on its own when its caller carries on', async () => {
    await store.write(async (r) => {
      await r.people.insert(person('PER-1', 'Ada'), at);
      await expect(
        store.write(async (inner) => {
          await inner.people.insert(person('PER-2', 'Grace'), at);
          await inner.ledger.append({ at, actor: 'test', action: 'person.added', entity: 'PER-2', payload: {} });
          throw new Error('refused part way');
        }),
      ).rejects.toThrow('refused part way');
      await r.ledger.append({ at, actor: 'test', action: 'person.added', entity: 'PER-1', payload: {} });
    });
    expect((await port.sql.all<{ id: string }>('SELECT id FROM people ORDER BY id')).map((p) => p.id)).toEqual(['PER-1']);
    expect(await verified()).toMatchObject({ ok: true, length: 1 });
  });

  it('a read cannot write, not even by calling a repository that does', async () => {
    await expect(store.read((r) => r.people.insert(person('PER-1', 'Ada'), at))).rejects.toThrow(/readonly|read-only|query_only/i);
    await expect(store.read(() => store.write(async () => undefined))).rejects.toThrow('A read cannot start a write');
    expect(await count('people')).toBe(0);
    // The connection is writable again afterwards.
    await store.write((r) => r.people.insert(person('PER-1', 'Ada'), at));
    expect(await count('people')).toBe(1);
  });

  it('concurrent commands queue: each sees the one before it, and the ledger is one chain', async () => {
    const n = 40;
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        store.write(async (r) => {
          const before = await r.ledger.head();
          // Yield inside the transaction: another command must not slip in between.
          await new Promise((resolve) => setImmediate(resolve));
          await r.people.insert(person(`PER-${i}`, `Person ${i}`), at);
          const event = await r.ledger.append({ at, actor: 'test', action: 'person.added', entity: `PER-${i}`, payload: { i } });
          expect(event.seq).toBe(before.length + 1);
        }),
      ),
    );
    expect(await count('people')).toBe(n);
    expect(await verified()).toMatchObject({ ok: true, length: n });
  });

  it('a read outside a write sees the last commit, not a write in progress', async () => {
    await store.write((r) => r.people.insert(person('PER-1', 'Ada'), at));
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const writing = store.write(async (r) => {
      await r.people.insert(person('PER-2', 'Grace'), at);
      await held;
    });
    // The write is open and has inserted Grace; a read beside it neither waits nor sees her.
    await new Promise((resolve) => setImmediate(resolve));
    expect((await store.read((r) => r.people.list())).map((p) => p.name)).toEqual(['Ada']);
    release();
    await writing;
    expect((await store.read((r) => r.people.list())).map((p) => p.name)).toEqual(['Ada', 'Grace']);
  });

  it('reads see one consistent snapshot and every stored value comes back typed', async () => {
    await store.write((r) => r.people.insert(person('PER-1', 'Ada Lovelace'), at));
    const [found, byName, list] = await store.read(async (r) => [await r.people.find('PER-1'), await r.people.findByName('ada lovelace'), await r.people.list()] as const);
    expect(found).toEqual({ id: 'PER-1', name: 'Ada Lovelace', email: '', roles: ['assessor'], active: true });
    expect(byName?.id).toBe('PER-1');
    expect(list).toHaveLength(1);
  });
});
