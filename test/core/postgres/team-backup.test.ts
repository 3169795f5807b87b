// Team backups: pg_dump of a team database with a manifest, and the verified restore into an
// empty database (real PostgreSQL, Debian's pg_dump/pg_restore 15).
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AiSystem, AppInfo, BackupReport, LedgerVerification, Result } from '../../../electron/contract/index.ts';
import { backupTeamDatabase, restoreTeamDatabase, TeamBackupManifest } from '../../../electron/core/store/postgres/team-backup.ts';
import { latestSchemaVersion } from '../../../electron/core/store/migrations/index.ts';
import { actor, onPostgres, tempDir } from '../../support/core-fixture.ts';
import { call, cleanups, client, database, teamCore } from '../../support/team-cores.ts';

const folder = () => {
  const made = tempDir('vigil-team-backup-');
  cleanups.push(made.cleanup);
  return made.dir;
};

/** The refusal a store tool throws, as the error value the CLI and the core show. */
async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error && 'code' in error) return { code: String(error.code), message: error.message };
    throw error;
  }
  throw new Error('not refused');
}

async function objectsIn(url: string): Promise<number> {
  const c = await client(url);
  return (await c.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'")).rows[0]!.n;
}

describe.skipIf(!onPostgres)('team backups (pg_dump, manifest, verified restore)', () => {
  it('backs up a database with data through backup.create and restores it into an empty one with the same ledger', async () => {
    const { url } = await database({ fromTemplate: true });
    const backups = folder();
    const core = teamCore(url, 'A', { backupsDir: backups, appVersion: '9.8.7' });
    for (let i = 0; i < 5; i++) await call(core, 'systems.create', { name: `System ${i}`, vendor: 'Acme' });
    await call(core, 'people.save', { name: 'Dana Reyes', roles: ['reviewer'] });
    const before = await call<LedgerVerification>(core, 'audit.verify', {});
    // Five systems, their vendor (created with the first) and one person.
    expect(before.length).toBe(7);

    const report = await call<BackupReport>(core, 'backup.create', {});
    expect(report).toMatchObject({ kind: 'manual', schemaVersion: latestSchemaVersion, ledger: { length: 7, head: before.head } });
    expect(readFileSync(report.file).subarray(0, 5).toString()).toBe('PGDMP');
    const manifestPath = report.file.replace(/\.dump$/, '.manifest.json');
    const manifest = TeamBackupManifest.parse(JSON.parse(readFileSync(manifestPath, 'utf8')));
    expect(manifest).toMatchObject({ file: report.name, sha256: report.sha256, size: report.size, schemaVersion: latestSchemaVersion, ledger: { length: 7, head: before.head }, vigilVersion: '9.8.7', pgDumpMajor: 15, serverMajor: 15 });
    expect(manifest.database).not.toContain(':'.concat(new URL(url).password));
    // The backup is itself in the ledger (after the dump's snapshot), and listed.
    expect((await call<LedgerVerification>(core, 'audit.verify', {})).length).toBe(8);
    expect(await call<BackupReport[]>(core, 'backup.list', {})).toEqual([report]);
    expect((await call<AppInfo>(core, 'app.info', {})).backupsDir).toBe(backups);

    const empty = await database();
    const restored = await restoreTeamDatabase({ databaseUrl: empty.url, manifestPath });
    expect(restored.ledger).toEqual({ length: 7, head: before.head });
    // A server on the restored database sees the same data and the same chain.
    const second = teamCore(empty.url, 'B');
    expect(await call<LedgerVerification>(second, 'audit.verify', {})).toEqual(before);
    expect((await call<AiSystem[]>(second, 'systems.list', {})).map((s) => s.name).sort()).toEqual(['System 0', 'System 1', 'System 2', 'System 3', 'System 4']);
  });

  it('refuses an altered dump, a non-empty target and a manifest whose ledger is not the dump’s', async () => {
    const { url } = await database({ fromTemplate: true });
    const core = teamCore(url, 'A');
    await call(core, 'systems.create', { name: 'Sepsis alert', vendor: 'Acme' });
    const made = await backupTeamDatabase({ databaseUrl: url, outDir: folder(), vigilVersion: '1.0.0' });

    // One byte changed in a copy of the dump: refused before anything is written.
    const tampered = folder();
    const tamperedDump = join(tampered, made.manifest.file);
    copyFileSync(made.dumpPath, tamperedDump);
    const bytes = readFileSync(tamperedDump);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
    writeFileSync(tamperedDump, bytes);
    writeFileSync(join(tampered, 'm.manifest.json'), JSON.stringify(made.manifest));
    const target = await database();
    const altered = await refusal(restoreTeamDatabase({ databaseUrl: target.url, manifestPath: join(tampered, 'm.manifest.json') }));
    expect(altered.code).toBe('BAD_REQUEST');
    expect(altered.message).toMatch(/does not match its manifest .*altered or damaged\. Nothing was restored\./);
    expect(await objectsIn(target.url)).toBe(0);

    // A database with tables in it is refused, untouched.
    const busy = await refusal(restoreTeamDatabase({ databaseUrl: url, manifestPath: made.manifestPath }));
    expect(busy.code).toBe('CONFLICT');
    expect(busy.message).toMatch(/is not empty .*Nothing was restored\./);
    // The system and its vendor, created with it.
    expect((await call<LedgerVerification>(core, 'audit.verify', {})).length).toBe(2);

    // A manifest claiming another ledger head (the dump intact): the restored ledger does not match it.
    const lying = folder();
    copyFileSync(made.dumpPath, join(lying, made.manifest.file));
    writeFileSync(join(lying, 'm.manifest.json'), JSON.stringify({ ...made.manifest, ledger: { length: 1, head: 'f'.repeat(64) } }));
    const mismatch = await refusal(restoreTeamDatabase({ databaseUrl: target.url, manifestPath: join(lying, 'm.manifest.json') }));
    expect(mismatch.code).toBe('BAD_REQUEST');
    expect(mismatch.message).toMatch(/The restored ledger does not match the manifest: 2 event\(s\), head [0-9a-f]{64}; the manifest says 1, head f{64}.*must not be used/);
  });

  it('says what to do when pg_dump is missing, and refuses a page choosing the folder', async () => {
    const { url } = await database({ fromTemplate: true });
    const saved = process.env.VIGIL_PG_BIN;
    process.env.VIGIL_PG_BIN = folder();
    try {
      const missing = await refusal(backupTeamDatabase({ databaseUrl: url, outDir: folder(), vigilVersion: '1.0.0' }));
      expect(missing.message).toMatch(/^pg_dump is not in VIGIL_PG_BIN \(.*\)\. Point VIGIL_PG_BIN at the folder holding PostgreSQL's client programs\.$/);
    } finally {
      if (saved === undefined) delete process.env.VIGIL_PG_BIN;
      else process.env.VIGIL_PG_BIN = saved;
    }
    const core = teamCore(url, 'A');
    const noFolder = (await core.dispatch('backup.create', {}, actor)) as Result<BackupReport>;
    expect(noFolder.ok ? null : noFolder.error.message).toContain('This team server has no backups folder');
    const fromPage = (await core.dispatch('backup.create', { out: folder() }, actor)) as Result<BackupReport>;
    expect(fromPage.ok ? null : fromPage.error.code).toBe('FORBIDDEN');
  });
});
