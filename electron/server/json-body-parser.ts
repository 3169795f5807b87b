import { Worker } from 'node:worker_threads';

/**
 * Bodies larger than this are parsed in a worker thread. Only the methods that carry a whole
 * file (call-size.ts) may send more than 1 MB; parsing a 40 MB vendor package on the main
 * thread held every other call (of every person, on the team server) until it was done.
 */
export const offMainThreadBodyBytes = 1024 * 1024;

/**
 * A request body's bytes (already checked while they arrived: size, UTF-8, structure) as JSON;
 * an empty body is `{}`. Throws SyntaxError. Self-contained, built-ins only: its source text is
 * also the worker's code, so a body gives the same value or the same error on either side of
 * the threshold.
 */
export function parseBodyBytes(bytes: Uint8Array): unknown {
  // A leading byte-order mark is dropped, as the check's decoder dropped it.
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  if (text.trim() === '') return {};
  return JSON.parse(text);
}

/*
 * The worker: one message per body, `{ id, bytes }`, answered `{ id, ok, value | message }`.
 * `hold` (tests only) is an Int32Array on shared memory: while its first value is 1 the worker
 * waits before parsing, so a test can show other calls are answered while a parse is under way
 * without depending on how fast the machine is.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const parseBodyBytes = ${parseBodyBytes.toString()};
parentPort.on('message', ({ id, bytes }) => {
  if (workerData.hold) Atomics.wait(workerData.hold, 0, 1);
  let answer;
  try {
    answer = { id, ok: true, value: parseBodyBytes(bytes) };
  } catch (error) {
    answer = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort.postMessage(answer);
});
`;

type Answer = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

export interface JsonBodyParserOptions {
  /** Bodies over this many bytes go to the worker (default `offMainThreadBodyBytes`). */
  offMainThreadBytes?: number;
  /** Tests only: the worker waits while `hold[0]` is 1 (see workerSource). */
  hold?: Int32Array;
}

export interface JsonBodyParser {
  /** The body as JSON; rejects with SyntaxError (saying what is wrong) when it is not. */
  parse(bytes: Uint8Array): Promise<unknown>;
  /** Bodies handed to the worker and not yet answered. */
  readonly inFlight: number;
  /** How many bodies the worker has been given since the parser was made. */
  readonly parsedOffMainThread: number;
  /** Stops the worker (with the server); bodies still in it are refused. */
  close(): Promise<void>;
}

/**
 * A server's JSON body parser: small bodies on the main thread, large ones in one long-lived
 * worker thread, started at the first large body and stopped with the server. The worker is
 * code in a string (`eval`), so it runs the same from the TypeScript sources and from the
 * esbuild bundle in dist/, where no separate worker file would be found.
 */
export function createJsonBodyParser(options: JsonBodyParserOptions = {}): JsonBodyParser {
  const threshold = options.offMainThreadBytes ?? offMainThreadBodyBytes;
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let worker: Worker | null = null;
  let nextId = 0;
  let handedOver = 0;

  const stopped = (why: string) => {
    worker = null;
    for (const { reject } of waiting.values()) reject(new Error(`The JSON body parser stopped: ${why}`));
    waiting.clear();
  };
  const start = (): Worker => {
    const started = new Worker(workerSource, { eval: true, workerData: { hold: options.hold ?? null } });
    // Never what keeps a process running: a server's sockets do that while it serves.
    started.unref();
    started.on('message', (answer: Answer) => {
      const caller = waiting.get(answer.id);
      waiting.delete(answer.id);
      if (answer.ok) caller?.resolve(answer.value);
      else caller?.reject(new SyntaxError(answer.message));
    });
    started.on('error', (error) => {
      if (worker === started) stopped(error.message);
    });
    started.on('exit', (code) => {
      if (worker === started) stopped(`it exited with code ${code}`);
    });
    return started;
  };

  return {
    parse(bytes) {
      if (bytes.byteLength <= threshold) {
        try {
          return Promise.resolve(parseBodyBytes(bytes));
        } catch (error) {
          return Promise.reject(error instanceof Error ? error : new SyntaxError(String(error)));
        }
      }
      worker ??= start();
      const id = nextId++;
      handedOver++;
      // Handed over, not copied, when the bytes own their whole buffer (Buffer.concat of a large body does).
      const owned = bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
      const answer = new Promise<unknown>((resolve, reject) => waiting.set(id, { resolve, reject }));
      worker.postMessage({ id, bytes }, owned ? [bytes.buffer] : []);
      return answer;
    },
    get inFlight() {
      return waiting.size;
    },
    get parsedOffMainThread() {
      return handedOver;
    },
    async close() {
      const running = worker;
      if (!running) return;
      stopped('the server was closed');
      await running.terminate();
    },
  };
}
