import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { LedgerVerification } from '../../../electron/contract/index.ts';
import { createPostgresPool, createPostgresStorage, migratePostgres } from '../../../electron/core/store/postgres/open-postgres.ts';
import { postgresMigrations } from '../../../electron/core/store/postgres/migrations/index.ts';
import { createTeamCore, type TeamCore } from '../../../electron/core/create-team-core.ts';
import { fileKeyVault } from '../../../electron/core/exchange/key-file-vault.ts';
import { actor, fixedClock, onPostgres, templatesDir } from '../../support/core-fixture.ts';
import { call, cleanups, client, database, prefixedIds, teamCore } from '../../support/team-cores.ts';
import { schemaVersionOf } from '../../../electron/core/store/migrations/index.ts';

const latest = schemaVersionOf(postgresMigrations);

describe.skipIf(!onPostgres)('the PostgreSQL engine (runs under npm run test:postgres)', () => {
  it('keeps one verifiable ledger chain when two cores on the same database append at once', async () => {
    const { url } = await database({ fromTemplate: true });
    const a = teamCore(url, 'A');
    const b = teamCore(url, 'B');
    const commands = 50;
    // Each core runs its commands one after another; the two run side by side, so their
    // transactions interleave on the server (two pools, separate connections).
    const work = (core: TeamCore, tag: string) => async () => {
      for (let i = 0; i < commands; i++) {
        await call(core, 'systems.create', { name: `System ${tag}${i}`, vendor: `Vendor ${tag}` });
      }
    };
    await Promise.all([work(a, 'A')(), work(b, 'B')()]);
    const verified = await call<LedgerVerification>(a, 'audit.verify', {});
    expect(verified.ok, JSON.stringify(verified.firstBad)).toBe(true);
    // One event per system, and one vendor.created for each core's vendor, made with its first system.
    expect(verified.length).toBe(2 * commands + 2);
    const fromB = await call<LedgerVerification>(b, 'audit.verify', {});
    expect(fromB).toEqual(verified);
    const rows = (await (await client(url)).query<{ seq: number; actor: string }>('SELECT seq FROM audit_events ORDER BY seq')).rows;
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 2 * commands + 2 }, (_, i) => i + 1));
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the ledger in the database itself', async () => {
    const { url } = await database({ fromTemplate: true });
    const core = teamCore(url, 'A');
    await call(core, 'systems.create', { name: 'Sepsis alert', vendor: 'Acme' });
    const c = await client(url);
    await expect(c.query("UPDATE audit_events SET actor = 'someone else'")).rejects.toThrow(/append-only/);
    await expect(c.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
    await expect(c.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    expect((await call<LedgerVerification>(core, 'audit.verify', {})).ok).toBe(true);
  });

  it('refuses, untouched, a database written by a newer Vigil', async () => {
    const { url } = await database({ fromTemplate: true });
    const c = await client(url);
    const newer = latest + 1;
    await c.query('UPDATE vigil_schema_version SET version = $1', [newer]);
    const core = teamCore(url, 'A');
    const result = await core.dispatch('systems.list', {}, actor);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('DATABASE_TOO_NEW');
    expect(result.error.message).toContain(`database schema ${newer}`);
    expect((await c.query<{ version: number }>('SELECT version FROM vigil_schema_version')).rows).toEqual([{ version: newer }]);
    expect((await c.query('SELECT 1 FROM audit_events')).rowCount).toBe(0);
  });

  it('migrates an empty database in order, each version once, and records the version', async () => {
    const { url } = await database();
    const pool = createPostgresPool(url, { max: 2 });
    cleanups.push(() => pool.end());
    // Two servers starting at once: the advisory lock lets one migrate, the other finds it done.
    const [first, second] = await Promise.all([migratePostgres(pool, 'test'), migratePostgres(pool, 'test')]);
    expect([first, second]).toEqual([latest, latest]);
    const c = await client(url);
    expect((await c.query('SELECT version FROM vigil_schema_version')).rows).toEqual([{ version: latest }]);
    await expect(c.query("INSERT INTO settings (key, value) VALUES ('x', 'not json')")).rejects.toThrow(/check constraint/);
    await expect(c.query("UPDATE answers SET unknown = 2")).resolves.toBeDefined(); // no rows, no refusal
  });

  it('runs reads in READ ONLY transactions that cannot write', async () => {
    const { url } = await database({ fromTemplate: true });
    const pool = createPostgresPool(url, { max: 2 });
    const { storage, db } = createPostgresStorage(pool);
    cleanups.push(() => db.destroy());
    const at = '2026-03-01T09:00:00.000Z';
    await expect(
      storage.read((r) => r.settings.put('organisation', 'Changed in a read')),
    ).rejects.toThrow(/read-only transaction/);
    await expect(storage.read(() => sql`SELECT 1`.execute(db))).resolves.toBeDefined();
    await storage.write((r) => r.ledger.append({ at, actor: 'test', action: 'test.wrote', entity: 'database', payload: {} }));
    expect(await storage.read((r) => r.ledger.head())).toMatchObject({ length: 1 });
  });

  it('stores evidence bytes as bytea and gives back the same bytes', async () => {
    const { url } = await database({ fromTemplate: true });
    const core = teamCore(url, 'A');
    const system = await call<{ id: string }>(core, 'systems.create', { name: 'Triage', vendor: 'Acme' });
    const assessment = await call<{ id: string }>(core, 'assessments.start', { systemId: system.id, stage: 'procurement' });
    const bytes = Buffer.from([0, 1, 2, 254, 255, 0, 10, 13]);
    const c = await client(url);
    const questionId = 'q-any';
    await c.query('INSERT INTO evidence (id, assessment_id, question_id, file_name, media_type, size, sha256, bytes, added_by, added_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)', [
      'EVD-RAW', assessment.id, questionId, 'raw.bin', 'application/octet-stream', bytes.length, 'a'.repeat(64), bytes, 'test', '2026-03-01T09:00:00.000Z',
    ]);
    const pool = createPostgresPool(url, { max: 1 });
    const { storage, db } = createPostgresStorage(pool);
    cleanups.push(() => db.destroy());
    const read = await storage.read((r) => r.answers.evidenceBytes('EVD-RAW'));
    expect(Buffer.isBuffer(read)).toBe(true);
    expect(read?.equals(bytes)).toBe(true);
  });

  it('refuses a database address that is not postgres:// in words', () => {
    expect(() => createTeamCore({ databaseUrl: 'mysql://localhost/vigil', clock: fixedClock(), ids: prefixedIds('X'), templatesDir, keyVault: fileKeyVault('/nonexistent/vigil.db') })).toThrow(
      /must start with postgres:\/\/ or postgresql:\/\//,
    );
    expect(() => createTeamCore({ databaseUrl: 'not a url', clock: fixedClock(), ids: prefixedIds('X'), templatesDir, keyVault: fileKeyVault('/nonexistent/vigil.db') })).toThrow(/not a URL/);
  });
});
