import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, delimiter, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { z } from 'zod';
import { verifyLedgerRows } from '../../audit/verify-ledger.ts';
import { DomainError } from '../../domain-error.ts';
import { writeFileAtomic } from '../../export/atomic-write.ts';
import { createPostgresPool, createPostgresStorage, describeDatabaseUrl } from './open-postgres.ts';
import { postgresMigrations } from './migrations/index.ts';
import { schemaVersionOf } from '../migrations/index.ts';

const run = promisify(execFile);

/**
 * What a team backup says about itself, written beside the dump: enough to check the dump was
 * not altered (its SHA-256 and size) and that a restore holds the same ledger (head and length).
 */
export const TeamBackupManifest = z.strictObject({
  format: z.literal('vigil-team-backup/1'),
  /** The dump's file name, in the manifest's folder. */
  file: z.string().regex(/^[^/\\]+$/, { error: 'file must be a plain file name' }),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  /** The database backed up (its address without the password). */
  database: z.string(),
  schemaVersion: z.number().int().positive(),
  ledger: z.strictObject({ head: z.string().nullable(), length: z.number().int().nonnegative() }),
  vigilVersion: z.string(),
  /** pg_dump's and the server's major versions: pg_restore must be at least as new as pg_dump. */
  pgDumpMajor: z.number().int(),
  serverMajor: z.number().int(),
  createdAt: z.string(),
});
export type TeamBackupManifest = z.output<typeof TeamBackupManifest>;

export interface TeamBackupResult {
  manifestPath: string;
  dumpPath: string;
  manifest: TeamBackupManifest;
}

export interface TeamRestoreResult {
  manifest: TeamBackupManifest;
  database: string;
  ledger: { head: string | null; length: number };
}

/** The address with the password taken out (passed to pg_dump in PGPASSWORD, never in argv). */
function forTool(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { url: url.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/** pg_dump or pg_restore: in VIGIL_PG_BIN when it is set, else on PATH. */
export function findPgTool(tool: 'pg_dump' | 'pg_restore', env: NodeJS.ProcessEnv = process.env): string {
  const exe = process.platform === 'win32' ? `${tool}.exe` : tool;
  const dirs = env.VIGIL_PG_BIN ? [env.VIGIL_PG_BIN] : (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const dir of dirs) {
    const candidate = join(dir, exe);
    if (existsSync(candidate)) return candidate;
  }
  throw new DomainError(
    'BAD_REQUEST',
    env.VIGIL_PG_BIN
      ? `${tool} is not in VIGIL_PG_BIN (${env.VIGIL_PG_BIN}). Point VIGIL_PG_BIN at the folder holding PostgreSQL's client programs.`
      : `${tool} was not found on PATH. Install PostgreSQL's client programs (Debian/Ubuntu: apt-get install postgresql-client) or set VIGIL_PG_BIN to the folder holding them.`,
    { tool },
  );
}

/** The major version a PostgreSQL client program reports ("pg_dump (PostgreSQL) 15.10 (Debian…)" → 15). */
async function toolMajor(path: string): Promise<number> {
  const { stdout } = await run(path, ['--version']);
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(stdout);
  if (!match) throw new DomainError('INTERNAL', `Could not read the version of ${path}: it said "${stdout.trim()}".`);
  return Number(match[1]);
}

async function serverMajor(client: pg.ClientBase): Promise<number> {
  const found = await client.query<{ server_version_num: string }>('SHOW server_version_num');
  return Math.floor(Number(found.rows[0]?.server_version_num ?? '0') / 10000);
}

async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The tool's own words when it fails, without the rest of Node's error. */
function toolFailure(tool: string, error: unknown): DomainError {
  const stderr = typeof error === 'object' && error !== null && 'stderr' in error ? String(error.stderr).trim() : '';
  return new DomainError('INTERNAL', `${tool} failed: ${stderr || (error instanceof Error ? error.message : String(error))}`, { tool });
}

const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/**
 * Backs up a team database: `pg_dump --format=custom` into `outDir`, and a manifest beside it.
 * The ledger head and length in the manifest are read in the very snapshot pg_dump dumps
 * (`pg_export_snapshot`), so they describe the dump exactly even while the team works on.
 */
export async function backupTeamDatabase(options: { databaseUrl: string; outDir: string; vigilVersion: string; now?: () => Date }): Promise<TeamBackupResult> {
  const pgDump = findPgTool('pg_dump');
  const dumpMajor = await toolMajor(pgDump);
  const database = describeDatabaseUrl(options.databaseUrl);
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    const server = await serverMajor(client);
    if (server > dumpMajor) {
      throw new DomainError(
        'BAD_REQUEST',
        `pg_dump ${dumpMajor} (${pgDump}) cannot dump a PostgreSQL ${server} server: install pg_dump ${server} or newer (or point VIGIL_PG_BIN at it). Nothing was written.`,
        { pgDumpMajor: dumpMajor, serverMajor: server },
      );
    }
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshot = (await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0]?.id ?? '';
    const version = await client.query<{ version: number }>(`SELECT version FROM vigil_schema_version`).catch(() => ({ rows: [] }));
    const schemaVersion = version.rows[0]?.version;
    if (!schemaVersion) throw new DomainError('BAD_REQUEST', `${database} is not a Vigil team database (it has no schema version). Nothing was written.`);
    const head = await readLedgerHead(client);
    const createdAt = (options.now?.() ?? new Date()).toISOString();
    const name = `vigil-team-${new URL(options.databaseUrl).pathname.slice(1)}-${stamp(createdAt)}`;
    mkdirSync(options.outDir, { recursive: true });
    const dumpPath = resolve(options.outDir, `${name}.dump`);
    const tool = forTool(options.databaseUrl);
    try {
      await run(pgDump, ['--format=custom', `--snapshot=${snapshot}`, '--no-owner', '--no-privileges', `--file=${dumpPath}`, `--dbname=${tool.url}`], { env: tool.env, maxBuffer: 16 * 1024 * 1024 });
    } catch (error) {
      throw toolFailure('pg_dump', error);
    }
    await client.query('COMMIT');
    const manifest: TeamBackupManifest = {
      format: 'vigil-team-backup/1',
      file: basename(dumpPath),
      sha256: await fileSha256(dumpPath),
      size: statSync(dumpPath).size,
      database,
      schemaVersion,
      ledger: head,
      vigilVersion: options.vigilVersion,
      pgDumpMajor: dumpMajor,
      serverMajor: server,
      createdAt,
    };
    const manifestPath = resolve(options.outDir, `${name}.manifest.json`);
    writeFileAtomic(manifestPath, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
    return { manifestPath, dumpPath, manifest };
  } finally {
    await client.end();
  }
}

/** The ledger's head and length as this connection's transaction sees it. */
async function readLedgerHead(client: pg.ClientBase): Promise<{ head: string | null; length: number }> {
  const found = await client.query<{ length: string; head: string | null }>(
    'SELECT count(*) AS length, (SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1) AS head FROM audit_events',
  );
  return { length: Number(found.rows[0]?.length ?? 0), head: found.rows[0]?.head ?? null };
}

/** The team backups in `dir` whose manifest reads and whose dump is there, newest first (unreadable ones are left out). */
export function listTeamBackups(dir: string): { dumpPath: string; manifest: TeamBackupManifest }[] {
  if (!existsSync(dir)) return [];
  const found: { dumpPath: string; manifest: TeamBackupManifest }[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.manifest.json')) continue;
    try {
      const manifest = readManifest(join(dir, name));
      const dumpPath = join(dir, manifest.file);
      if (existsSync(dumpPath)) found.push({ dumpPath, manifest });
    } catch {
      // Not a manifest Vigil can read: not listed.
    }
  }
  return found.sort((a, b) => b.manifest.createdAt.localeCompare(a.manifest.createdAt));
}

function readManifest(path: string): TeamBackupManifest {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new DomainError('BAD_REQUEST', `Cannot read the backup manifest ${path}: ${error instanceof Error ? error.message : String(error)}. Nothing was restored.`);
  }
  const parsed = TeamBackupManifest.safeParse(data);
  if (!parsed.success) {
    throw new DomainError('BAD_REQUEST', `${path} is not a Vigil team backup manifest (${parsed.error.issues.map((i) => `${i.path.join('.') || 'manifest'}: ${i.message}`).join('; ')}). Nothing was restored.`);
  }
  return parsed.data;
}

/** Tables, views, sequences and functions outside PostgreSQL's own schemas: what "empty" rules out. */
async function userObjects(client: pg.ClientBase): Promise<number> {
  const found = await client.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%')
          + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
              WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')) AS n`,
  );
  return Number(found.rows[0]?.n ?? 0);
}

/**
 * Restores a team backup into an EMPTY database and proves it: the dump must match its manifest
 * (SHA-256 and size) before anything is written; pg_restore runs in one transaction (a failure
 * leaves the database empty); then the restored ledger must verify end to end with the head and
 * length the manifest recorded, and the schema version must be the manifest's.
 */
export async function restoreTeamDatabase(options: { databaseUrl: string; manifestPath: string }): Promise<TeamRestoreResult> {
  const manifest = readManifest(options.manifestPath);
  const dumpPath = join(dirname(resolve(options.manifestPath)), manifest.file);
  if (!existsSync(dumpPath)) throw new DomainError('NOT_FOUND', `The dump ${dumpPath} named by ${options.manifestPath} is missing. Nothing was restored.`);
  const size = statSync(dumpPath).size;
  const sha256 = await fileSha256(dumpPath);
  if (sha256 !== manifest.sha256 || size !== manifest.size) {
    throw new DomainError(
      'BAD_REQUEST',
      `The dump ${dumpPath} does not match its manifest (SHA-256 ${sha256}, ${size} bytes; the manifest says ${manifest.sha256}, ${manifest.size} bytes): it was altered or damaged. Nothing was restored.`,
      { expected: { sha256: manifest.sha256, size: manifest.size }, found: { sha256, size } },
    );
  }
  const latest = schemaVersionOf(postgresMigrations);
  if (manifest.schemaVersion > latest) {
    throw new DomainError('DATABASE_TOO_NEW', `The backup is of a newer Vigil's database (schema ${manifest.schemaVersion}; this Vigil understands up to ${latest}). Restore it with the newer Vigil. Nothing was restored.`);
  }
  const pgRestore = findPgTool('pg_restore');
  const restoreMajor = await toolMajor(pgRestore);
  if (restoreMajor < manifest.pgDumpMajor) {
    throw new DomainError('BAD_REQUEST', `The dump was written by pg_dump ${manifest.pgDumpMajor}; pg_restore ${restoreMajor} (${pgRestore}) cannot read it. Install pg_restore ${manifest.pgDumpMajor} or newer. Nothing was restored.`);
  }
  const database = describeDatabaseUrl(options.databaseUrl);
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    const objects = await userObjects(client);
    if (objects > 0) {
      throw new DomainError(
        'CONFLICT',
        `${database} is not empty (it holds ${objects} table(s), sequence(s) or function(s)). A team backup is restored only into an empty database: create one (CREATE DATABASE …) and restore into it. Nothing was restored.`,
        { objects },
      );
    }
  } finally {
    await client.end();
  }
  const tool = forTool(options.databaseUrl);
  try {
    await run(pgRestore, ['--single-transaction', '--exit-on-error', '--no-owner', '--no-privileges', `--dbname=${tool.url}`, dumpPath], { env: tool.env, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    throw toolFailure('pg_restore', error);
  }
  return { manifest, database, ledger: await verifyRestored(options.databaseUrl, database, manifest) };
}

/** The restored database holds the manifest's schema version and a ledger that verifies to the manifest's head and length. */
async function verifyRestored(databaseUrl: string, database: string, manifest: TeamBackupManifest): Promise<{ head: string | null; length: number }> {
  const pool = createPostgresPool(databaseUrl, { max: 1 });
  const { storage, db } = createPostgresStorage(pool);
  try {
    const version = (await pool.query<{ version: number }>('SELECT version FROM vigil_schema_version')).rows[0]?.version ?? 0;
    const rows = await storage.read((r) => r.ledger.all());
    const unusable = `${database} now holds the restored data, but it must not be used: drop it and restore again from a good backup.`;
    if (version !== manifest.schemaVersion) {
      throw new DomainError('BAD_REQUEST', `The restored database is at schema ${version}, the manifest says ${manifest.schemaVersion}. ${unusable}`);
    }
    const { head, length } = manifest.ledger;
    const verified = verifyLedgerRows(rows, head === null ? undefined : { length, head });
    if (!verified.ok || verified.length !== length) {
      const bad = verified.firstBad ? ` (event ${verified.firstBad.seq}: ${verified.firstBad.detail})` : '';
      throw new DomainError(
        'BAD_REQUEST',
        `The restored ledger does not match the manifest: ${verified.length} event(s), head ${verified.length > 0 ? verified.head : 'none'}; the manifest says ${length}, head ${head ?? 'none'}${bad}. ${unusable}`,
        { verified },
      );
    }
    return { head, length };
  } finally {
    await db.destroy();
  }
}
