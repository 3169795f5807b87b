// Bundles a TypeScript entry that imports the core (and its `?raw` SQL) into one ESM file for
// plain Node: the benches and the crash worker run this way. Output goes inside the checkout so
// better-sqlite3 still resolves from node_modules.
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { rawSql } from './raw-sql-plugin.mjs';

export const root = join(import.meta.dirname, '..');

export async function bundleTs(entry, outfile) {
  // Written aside and renamed, so two builds at once never run half a file.
  const partial = `${outfile}.${process.pid}.${Date.now()}.partial.mjs`;
  await build({
    entryPoints: [entry],
    outfile: partial,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    plugins: [rawSql],
    logLevel: 'warning',
    // The test support code finds templates/ relative to its own folder.
    define: { 'import.meta.dirname': JSON.stringify(join(root, 'test', 'support')) },
  });
  renameSync(partial, outfile);
  return outfile;
}
