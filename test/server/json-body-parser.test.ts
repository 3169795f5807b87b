// Large request bodies are parsed off the main thread (issue 18, item 8): a body gives the same
// value or the same refusal on either side of the threshold, and while a large body is in the
// worker the server answers other calls. Nothing here depends on how fast the machine is: the
// worker is held at a gate the test opens, and the property runs are counted, not timed.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ok, type Result, type VigilError } from '../../electron/contract/index.ts';
import { createJsonBodyParser, offMainThreadBodyBytes, parseBodyBytes, type JsonBodyParser } from '../../electron/server/json-body-parser.ts';
import { startRpcServer, type RunningServer } from '../../electron/server/rpc-server.ts';
import { tempDir } from '../support/core-fixture.ts';

const token = 'json-body-parser-test-token-0123456789';
const encode = (text: string) => new TextEncoder().encode(text);

/** What parsing gives: the value, or the error's class and words. */
async function outcome(parse: () => unknown): Promise<{ value: unknown } | { error: string }> {
  try {
    return { value: await parse() };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

describe('a body parses the same in the worker as on the main thread', () => {
  let parser: JsonBodyParser | undefined;
  afterEach(() => parser?.close());

  it('gives the same value or the same error for any JSON text and any text at all (300 runs)', async () => {
    // Threshold -1: every body goes to the worker, the empty one too; parseBodyBytes is what the main thread runs.
    const inWorker = createJsonBodyParser({ offMainThreadBytes: -1 });
    parser = inWorker;
    const jsonText = fc.tuple(fc.jsonValue(), fc.constantFrom(undefined, 0, 2, '\t'), fc.constantFrom('', ' \r\n', '\uFEFF')).map(([value, indent, before]) => `${before}${JSON.stringify(value, null, indent)}\n`);
    const anyText = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('', '   ', '{"a":1,}', '[1,2', '"\\x"', 'nul', '\uFEFF'));
    await fc.assert(
      fc.asyncProperty(fc.oneof(jsonText, anyText), async (text) => {
        const main = await outcome(() => parseBodyBytes(encode(text)));
        expect(await outcome(() => inWorker.parse(encode(text)))).toEqual(main);
      }),
      { numRuns: 300 },
    );
    expect(inWorker.parsedOffMainThread).toBe(300);
  });

  it('keeps small bodies on the main thread and hands large ones to the worker', async () => {
    parser = createJsonBodyParser({ offMainThreadBytes: 16 });
    expect(await parser.parse(encode('{"a":[1,2]}'))).toEqual({ a: [1, 2] });
    expect(parser.parsedOffMainThread).toBe(0);
    expect(await parser.parse(encode('{"a":[1,2],"b":"0123456789"}'))).toEqual({ a: [1, 2], b: '0123456789' });
    expect(parser.parsedOffMainThread).toBe(1);
    await expect(parser.parse(encode('{"a":[1,2],"b":"0123456789",}'))).rejects.toThrow(SyntaxError);
  });
});

describe('browser mode with large bodies', () => {
  let server: RunningServer | undefined;
  let files: { dir: string; cleanup: () => void } | undefined;
  afterEach(async () => {
    await server?.close();
    files?.cleanup();
  });

  /** A server whose core only records what reached it. */
  async function start(bodies: JsonBodyParser) {
    files = tempDir('vigil-body-parser-');
    const seen: { method: string; input: unknown }[] = [];
    server = await startRpcServer({
      dispatch: async (method, input) => {
        seen.push({ method, input });
        return ok(null);
      },
      staticDir: files.dir,
      token,
      bodies,
    });
    const port = server.port;
    const post = async (method: string, body: string): Promise<Result<unknown>> => {
      const response = await fetch(`http://127.0.0.1:${port}/rpc/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body,
      });
      return (await response.json()) as Result<unknown>;
    };
    return { seen, post };
  }
  const errorOf = (result: Result<unknown>): VigilError => {
    if (result.ok) throw new Error('expected a refusal');
    return result.error;
  };
  const parseMessage = (text: string) => {
    try {
      JSON.parse(text);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('the text parsed');
  };

  it('gives a file-carrying call over the threshold the value it gives one under it, and refuses a malformed one in the same words', async () => {
    const bodies = createJsonBodyParser();
    const { seen, post } = await start(bodies);
    // A package as text: escapes, non-ASCII, CRLF, a byte-order mark inside the string.
    const text = `\uFEFF{"format":"vigil.response","answers":[${'{"q":"Geprüft \\"ja\\"\\r\\n患者"},'.repeat(10)}{}]}`;
    const small = JSON.stringify({ text });
    const large = `${small}${' '.repeat(offMainThreadBodyBytes)}`;
    expect((await post('vendor.previewImport', small)).ok).toBe(true);
    expect(bodies.parsedOffMainThread).toBe(0);
    expect((await post('vendor.previewImport', large)).ok).toBe(true);
    expect(bodies.parsedOffMainThread).toBe(1);
    expect(seen.map((s) => s.input)).toEqual([{ text }, { text }]);

    // Well-formed structure but not JSON (a trailing comma): refused with the parser's words either way.
    const broken = (padding: number) => `{"text":"${'x'.repeat(padding)}",}`;
    for (const body of [broken(10), broken(offMainThreadBodyBytes)]) {
      expect(errorOf(await post('vendor.previewImport', body))).toEqual({ code: 'BAD_REQUEST', message: `The request is not valid JSON: ${parseMessage(body)}` });
    }
    expect(bodies.parsedOffMainThread).toBe(2);
    expect(seen).toHaveLength(2);
  });

  it('answers a small call while a large body is being parsed (the worker held at a gate the test opens)', async () => {
    const hold = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(hold, 0, 1);
    const bodies = createJsonBodyParser({ hold });
    const { seen, post } = await start(bodies);
    const text = 'y'.repeat(2 * offMainThreadBodyBytes);
    const large = post('vendor.previewImport', JSON.stringify({ text }));
    // The large body has been read and handed to the worker, which waits at the gate.
    await vi.waitFor(() => expect(bodies.inFlight).toBe(1), { timeout: 120_000, interval: 10 });

    const small = await post('systems.list', '{}');
    expect(small).toEqual({ ok: true, value: null });
    // Answered while the large body was still unparsed: it has not reached the core yet.
    expect(bodies.inFlight).toBe(1);
    expect(seen.map((s) => s.method)).toEqual(['systems.list']);

    Atomics.store(hold, 0, 0);
    Atomics.notify(hold, 0);
    expect(await large).toEqual({ ok: true, value: null });
    expect(seen.map((s) => s.method)).toEqual(['systems.list', 'vendor.previewImport']);
    expect(seen[1]?.input).toEqual({ text });
  });

  it('stops the worker with the server: a body still in it is refused, not left waiting', async () => {
    const hold = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(hold, 0, 1);
    const bodies = createJsonBodyParser({ hold, offMainThreadBytes: 0 });
    const refused = expect(bodies.parse(encode('{"a":1}'))).rejects.toThrow('The JSON body parser stopped: the server was closed');
    expect(bodies.inFlight).toBe(1);
    await bodies.close();
    await refused;
    expect(bodies.inFlight).toBe(0);
    // A parser is usable again after close (a new worker at the next large body).
    Atomics.store(hold, 0, 0);
    expect(await bodies.parse(encode('[true]'))).toEqual([true]);
    await bodies.close();
  });
});
