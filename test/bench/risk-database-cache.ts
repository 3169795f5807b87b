import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { latestSchemaVersion } from '../../electron/core/store/migrations/index.ts';
import { repoRoot } from '../support/core-fixture.ts';
import { buildRiskDatabase, builderVersion } from './build-risk-database.ts';

/*
 * The benches' large databases take a while to build through the dispatcher, so each is built
 * once and kept under .cache/bench/ (gitignored), named for its size, the schema version and
 * the builder's version: a new migration or a change to what the builder makes builds a new
 * one. Built aside and renamed, so an interrupted build never leaves a half database that a
 * later run would trust.
 */

export const benchCacheDir = join(repoRoot, '.cache', 'bench');

/**
 * The path of a SQLite database holding about `risks` risks; built on first use. Treat it as
 * read-only: copy it (`copyCachedRiskDatabase`) before opening it with anything that may write
 * (the app, `vigil serve`, an export recording its audit event).
 */
export async function cachedRiskDatabase(risks: number, log: (line: string) => void = () => {}): Promise<string> {
  mkdirSync(benchCacheDir, { recursive: true });
  const path = join(benchCacheDir, `risks-${risks}-schema-${latestSchemaVersion}-builder-${builderVersion}.db`);
  if (existsSync(path)) return path;
  const partial = `${path}.${process.pid}.partial`;
  const start = performance.now();
  try {
    const built = await buildRiskDatabase(partial, risks);
    // A clean close checkpoints the WAL into the file; a WAL left behind would hold data the copy lacks.
    if (existsSync(`${partial}-wal`)) throw new Error(`${partial}-wal remains after closing: the database is not whole`);
    renameSync(partial, path);
    log(`  built ${path}: ${built} risks in ${((performance.now() - start) / 1000).toFixed(0)} s (kept for later runs)`);
    return path;
  } finally {
    rmSync(partial, { force: true });
  }
}

/** A writable copy of the cached database with about `risks` risks, at `dest`. */
export async function copyCachedRiskDatabase(risks: number, dest: string, log?: (line: string) => void): Promise<string> {
  copyFileSync(await cachedRiskDatabase(risks, log), dest);
  return dest;
}
