// Migration 009 (accounts, sessions, sign-ins) over a database that already holds a team's work,
// on the engine under test: a schema-7 SQLite file built the way that version wrote it (with
// people, systems, assessments and a ledger), or a PostgreSQL database migrated to 7 with people
// in it. After the upgrade nothing is lost, the new tables are empty, and the first administrator
// can be someone already in Settings → People: the account links to their record (same id,
// roles kept) rather than copying it.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Person } from '../../../electron/contract/index.ts';
import { createCore, type Core } from '../../../electron/core/create-core.ts';
import { createTeamCore } from '../../../electron/core/create-team-core.ts';
import { fileKeyVault } from '../../../electron/core/exchange/key-file-vault.ts';
import { latestSchemaVersion } from '../../../electron/core/store/migrations/index.ts';
import { postgresMigrations } from '../../../electron/core/store/postgres/migrations/index.ts';
import { createPostgresPool, migratePostgres } from '../../../electron/core/store/postgres/open-postgres.ts';
import { movableClock } from '../../support/contract-samples.ts';
import { actor, createTestDatabase, onPostgres, sequentialIds, tempDir, templatesDir } from '../../support/core-fixture.ts';
import { buildLegacyDatabase } from '../../support/legacy-databases.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const before = 7;
const clock = () => movableClock('2026-03-01T09:00:00.000Z');

/** A database at schema 7 with people in it, opened by today's core. */
async function upgraded(): Promise<{ core: Core; people: { id: string; name: string; roles: string[] }[]; ledger: number }> {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  if (!onPostgres) {
    const dbPath = join(dir, 'vigil.db');
    const written = buildLegacyDatabase(dbPath, before);
    const core = createCore({ dbPath, clock: clock(), ids: sequentialIds(), templatesDir });
    cleanups.push(() => core.close());
    return { core, people: written.people, ledger: written.auditEvents };
  }
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  const pool = createPostgresPool(database.url, { max: 1 });
  try {
    await migratePostgres(pool, 'test', postgresMigrations.filter((m) => m.version <= before));
    const people = [
      { id: 'PER-OLD00001', name: 'Chair Carol', roles: ['committeeChair', 'reviewer'] },
      { id: 'PER-OLD00002', name: 'Asha Assessor', roles: ['assessor'] },
    ];
    for (const p of people) {
      await pool.query("INSERT INTO people (id, name, email, roles, active, created_at, updated_at) VALUES ($1, $2, '', $3, 1, 't', 't')", [p.id, p.name, JSON.stringify(p.roles)]);
    }
    const core = createTeamCore({ databaseUrl: database.url, clock: clock(), ids: sequentialIds(), templatesDir, keyVault: fileKeyVault(join(dir, 'vigil.db')), poolSize: 2 });
    cleanups.push(() => core.shutdown());
    return { core, people, ledger: 0 };
  } finally {
    await pool.end();
  }
}

describe('migration 009 over a database with data', () => {
  it('keeps everything, adds empty account tables, and links the first administrator to an existing person', async () => {
    const { core, people, ledger } = await upgraded();
    const call = async (method: string, input: unknown) => {
      const result = await core.dispatch(method, input, actor);
      if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
      return result.value;
    };
    expect(await call('app.info', {})).toMatchObject({ schemaVersion: latestSchemaVersion, auditEvents: ledger });
    const listed = (await call('people.list', {})) as Person[];
    expect(listed.map((p) => [p.id, p.name, p.roles]).sort()).toEqual(people.map((p) => [p.id, p.name, p.roles]).sort());

    const chair = people.find((p) => p.roles.includes('committeeChair'))!;
    const created = await core.authority.createFirstAdministrator({ login: 'chair', name: chair.name.toUpperCase(), password: 'a long admin passphrase', actor: 'os:root' });
    if (!created.ok) throw new Error(created.error.message);
    expect(created.value).toMatchObject({ name: chair.name, roles: chair.roles, administrator: true });
    expect(((await call('people.list', {})) as Person[]).length).toBe(people.length);

    const session = await core.authority.signInWithPassword({ login: 'chair', password: 'a long admin passphrase', address: '127.0.0.1' });
    expect(session.ok && session.value.account).toMatchObject({ name: chair.name, roles: chair.roles });
    expect(await call('audit.verify', {})).toMatchObject({ ok: true, length: ledger + 2 });
  });
});
