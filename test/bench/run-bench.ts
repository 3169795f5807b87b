// `npm run bench`: how much the contract + dispatcher + audit ledger + transports cost over
// the bare work underneath, as ratios measured in the same process (machines here are noisy,
// so absolute times mean little; ratios against a baseline run side by side do).
import { createServer, request } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createCore } from '../../electron/core/create-core.ts';
import { startRpcServer } from '../../electron/server/rpc-server.ts';
import { fixedClock, sequentialIds, tempDir, templatesDir } from '../support/core-fixture.ts';

const ctx = { actor: 'bench' };

async function time(label: string, runs: number, fn: (i: number) => unknown): Promise<number> {
  for (let i = 0; i < Math.min(50, runs); i++) await fn(-1 - i); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) await fn(i);
  const perOpUs = Number(process.hrtime.bigint() - start) / 1000 / runs;
  console.log(`  ${label.padEnd(44)} ${perOpUs.toFixed(1).padStart(9)} µs/op`);
  return perOpUs;
}

const row = (i: number) => ({ name: `System ${i}`, vendor: `Vendor ${i % 17}`, intendedUse: 'Bench record', dataCategories: ['phi'] });

async function main() {
  const { dir, cleanup } = tempDir('vigil-bench-');
  const results: string[] = [];
  try {
    // 1. Create: bare INSERT in a transaction (same pragmas) vs systems.create through the dispatcher.
    const bare = new Database(join(dir, 'bare.db'));
    bare.pragma('journal_mode = WAL');
    bare.pragma('synchronous = FULL');
    bare.exec('CREATE TABLE systems (id TEXT PRIMARY KEY, name TEXT, vendor TEXT, intended_use TEXT, data_categories TEXT)');
    const insert = bare.prepare('INSERT INTO systems VALUES (?, ?, ?, ?, ?)');
    const bareInsert = bare.transaction((i: number) => {
      const r = row(i);
      insert.run(`B${i}`, r.name, r.vendor, r.intendedUse, JSON.stringify(r.dataCategories));
    });
    const core = createCore({ dbPath: join(dir, 'core.db'), clock: fixedClock(), ids: sequentialIds(), templatesDir });
    console.log('create one system (durable commit each time):');
    const n = 400;
    const tBare = await time('baseline: bare INSERT + commit', n, (i) => bareInsert(i + 100));
    const tCore = await time('core: systems.create (validate + audit hash)', n, async (i) => {
      const r = await core.dispatch('systems.create', row(i + 100), ctx);
      if (!r.ok) throw new Error(r.error.message);
    });
    results.push(`systems.create / bare insert: ${(tCore / tBare).toFixed(2)}x`);

    // 2. List the whole inventory.
    const select = bare.prepare('SELECT * FROM systems ORDER BY name');
    console.log(`list ${n + 50} systems:`);
    const lBare = await time('baseline: bare SELECT + JSON.parse', 200, () => select.all().map((r) => JSON.parse((r as { data_categories: string }).data_categories)));
    const lCore = await time('core: systems.list', 200, () => core.dispatch('systems.list', {}, ctx));
    results.push(`systems.list / bare select: ${(lCore / lBare).toFixed(2)}x`);

    // 3. HTTP: a bare Node echo server vs POST /rpc/app.info with all the checks.
    const echo = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    const echoPort = (echo.address() as { port: number }).port;
    const rpc = await startRpcServer({ dispatch: (m, i) => core.dispatch(m, i, ctx), staticDir: dir, token: 'bench' });
    const post = (port: number, path: string) =>
      new Promise<void>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port, path, method: 'POST', agent: false, headers: { 'Content-Type': 'application/json', Authorization: 'Bearer bench' } },
          (res) => {
            res.resume();
            res.on('end', resolve);
          },
        );
        req.on('error', reject);
        req.end('{}');
      });
    console.log('one HTTP round trip on 127.0.0.1:');
    const hBare = await time('baseline: bare Node echo server', 300, () => post(echoPort, '/'));
    const hRpc = await time('browser mode: POST /rpc/app.info', 300, () => post(rpc.port, '/rpc/app.info'));
    results.push(`HTTP rpc / bare echo: ${(hRpc / hBare).toFixed(2)}x`);
    await rpc.close();
    await new Promise<void>((r) => echo.close(() => r()));
    core.close();
    bare.close();
  } finally {
    cleanup();
  }
  console.log('\nratios (lower is better; 1.00x = no overhead over the baseline):');
  for (const line of results) console.log(`  ${line}`);
}

await main();
