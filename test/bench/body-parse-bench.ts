// `npm run bench` (load part): how long browser mode's main thread is held while a 40 MB body is
// parsed (issue 18, item 8), as the largest event-loop delay (perf_hooks.monitorEventLoopDelay)
// from sending the body until its answer: parsed on the main thread (threshold ∞, as before) and
// in the worker (as shipped); for a hostile body of small values also without the value count a
// file-carrying call has (sent to a method name the contract does not know, given the same 64 MB)
// and with it. The core is left out (the dispatch answers at once), so the figure is the server's
// own: reading, checking and parsing the body.
import { Agent, request } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { maxFileCallBytes, ok } from '../../electron/contract/index.ts';
import { createJsonBodyParser } from '../../electron/server/json-body-parser.ts';
import { startRpcServer } from '../../electron/server/rpc-server.ts';
import { tempDir } from '../support/core-fixture.ts';

const token = 'body-parse-bench-token';
const runs = 3;

/** A vendor response of about `bytes` as the pages send it: its text inside a JSON string (quotes escaped). */
function packageBody(bytes: number): Buffer {
  const answer = (i: number) => ({ questionId: `VT-DEV-${String(i % 100).padStart(2, '0')}`, value: `Geprüft: "ja" — 患者の安全 ${'Lorem ipsum dolor sit amet. '.repeat(30)}`, note: null });
  const one = JSON.stringify(answer(0)).length + 1;
  const answers = Array.from({ length: Math.ceil(bytes / one) }, (_, i) => answer(i));
  return Buffer.from(JSON.stringify({ text: JSON.stringify({ format: 'vigil.response', answers }) }));
}

/** The hostile shape: as many small values as fit (what costs JSON.parse, and copying the value back, the most). */
function manyValuesBody(bytes: number): Buffer {
  return Buffer.from(`{"text":[${'1,'.repeat(Math.floor(bytes / 2) - 10)}1]}`);
}

interface Case {
  label: string;
  body: Buffer;
  inWorker: boolean;
  /** vendor.previewImport (file-carrying: 64 MB, at most 1,000 values), or a name with no value count. */
  method: string;
  status: number;
}

async function heldFor({ body, inWorker, method, status: expected }: Case): Promise<{ maxMs: number; answeredMs: number }> {
  const files = tempDir('vigil-body-bench-');
  const bodies = createJsonBodyParser(inWorker ? {} : { offMainThreadBytes: Number.POSITIVE_INFINITY });
  const server = await startRpcServer({ dispatch: async () => ok(null), staticDir: files.dir, token, bodies, maxBodyBytes: maxFileCallBytes });
  const agent = new Agent({ keepAlive: false });
  try {
    const histogram = monitorEventLoopDelay({ resolution: 5 });
    histogram.enable();
    const started = performance.now();
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, method: 'POST', path: `/rpc/${method}`, agent, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    const answeredMs = performance.now() - started;
    histogram.disable();
    if (status !== expected) throw new Error(`the body was answered ${status}, not ${expected}`);
    return { maxMs: histogram.max / 1e6, answeredMs };
  } finally {
    agent.destroy();
    await server.close();
    files.cleanup();
  }
}

/** Lines for the bench's report. */
export async function measureBodyParsing(bytes = 40 * 1024 * 1024): Promise<string[]> {
  const pkg = packageBody(bytes);
  const many = manyValuesBody(bytes);
  const mb = (b: Buffer) => `${(b.length / 1048576).toFixed(1)} MB`;
  const cases: Case[] = [
    { label: `vendor response package (${mb(pkg)}), parsed on the main thread (before)`, body: pkg, inWorker: false, method: 'vendor.previewImport', status: 200 },
    { label: `vendor response package (${mb(pkg)}), parsed in the worker (now)`, body: pkg, inWorker: true, method: 'vendor.previewImport', status: 200 },
    { label: `[1,1,1,…] (${mb(many)}), no value count, parsed on the main thread (before)`, body: many, inWorker: false, method: 'bench.noValueCount', status: 200 },
    { label: `[1,1,1,…] (${mb(many)}), no value count, parsed in the worker`, body: many, inWorker: true, method: 'bench.noValueCount', status: 200 },
    { label: `[1,1,1,…] (${mb(many)}) to a file-carrying call (now: refused at its 1,001st value)`, body: many, inWorker: true, method: 'vendor.previewImport', status: 400 },
  ];
  const lines = [`request body parsing: the largest event-loop delay while one ${Math.round(bytes / 1048576)} MB body is read and parsed (median of ${runs} runs)`];
  for (const c of cases) {
    const samples: { maxMs: number; answeredMs: number }[] = [];
    for (let i = 0; i < runs; i++) samples.push(await heldFor(c));
    const median = (pick: (s: { maxMs: number; answeredMs: number }) => number) => samples.map(pick).sort((a, b) => a - b)[Math.floor(runs / 2)] ?? 0;
    lines.push(`  ${c.label.padEnd(86)} event loop held up to ${median((s) => s.maxMs).toFixed(0).padStart(5)} ms; answered in ${median((s) => s.answeredMs).toFixed(0).padStart(5)} ms`);
  }
  return lines;
}
