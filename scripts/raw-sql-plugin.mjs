// esbuild plugin for Vite-style `?raw` imports: the migrations import their .sql files as text,
// which Vite (tests, renderer) understands natively and esbuild (bundles) learns here.
import { readFile } from 'node:fs/promises';

export const rawSql = {
  name: 'raw-text',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, async (args) => {
      const resolved = await b.resolve(args.path.replace(/\?raw$/, ''), {
        kind: 'import-statement',
        resolveDir: args.resolveDir,
      });
      return { path: resolved.path, namespace: 'raw-text' };
    });
    b.onLoad({ filter: /.*/, namespace: 'raw-text' }, async (args) => ({
      contents: await readFile(args.path, 'utf8'),
      loader: 'text',
    }));
  },
};
