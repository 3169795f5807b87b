// The prepared queries of the answer path: built and compiled once, each call binding its own values.
import Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareQuery } from '../../../electron/core/store/prepared-query.ts';
import type { Schema } from '../../../electron/core/store/schema.ts';
import { VigilSqliteDialect } from '../../../electron/core/store/sqlite-dialect.ts';
import { onPostgres } from '../../support/core-fixture.ts';

// better-sqlite3's prepared-statement cache; pg prepares nothing this way.
describe.skipIf(onPostgres)('prepareQuery (the SQLite file itself: skipped on PostgreSQL)', () => {
  let raw: Database.Database;
  let db: Kysely<Schema>;

  beforeEach(() => {
    raw = new Database(':memory:');
    raw.exec(`CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    raw.exec(`INSERT INTO settings VALUES ('a', '"1"'), ('b', '"2"'), ('c', '"3"')`);
    db = new Kysely<Schema>({ dialect: new VigilSqliteDialect(raw) });
  });
  afterEach(() => raw.close());

  it('builds once and binds each call’s values, keeping the constants it was built with', async () => {
    let builds = 0;
    const query = prepareQuery((q, p: { key: string }) => {
      builds++;
      return q.selectFrom('settings').select(['key', 'value']).where('key', '=', p.key).where('value', '<>', '"3"');
    });
    expect(await query.execute(db, { key: 'a' })).toEqual([{ key: 'a', value: '"1"' }]);
    expect(await db.transaction().execute((trx) => query.execute(trx, { key: 'b' }))).toEqual([{ key: 'b', value: '"2"' }]);
    expect(await query.execute(db, { key: 'c' })).toEqual([]);
    expect(builds).toBe(1);
  });

  it('runs changes with the values given', async () => {
    const upsert = prepareQuery((q, p: { key: string; value: string }) =>
      q
        .insertInto('settings')
        .values({ key: p.key, value: p.value })
        .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') }))),
    );
    await upsert.execute(db, { key: 'a', value: '"changed"' });
    await upsert.execute(db, { key: 'd', value: '"new"' });
    expect(raw.prepare('SELECT key, value FROM settings ORDER BY key').all()).toEqual([
      { key: 'a', value: '"changed"' },
      { key: 'b', value: '"2"' },
      { key: 'c', value: '"3"' },
      { key: 'd', value: '"new"' },
    ]);
  });
});
