// Hostile text from outside, class by class (issue 18): each case is placed in a response the
// vendor signed with its pinned key (so only the text can be the reason for a refusal), in a
// direct call, or in raw request bytes, and must be refused with a known code while nothing is
// written. The counts per class are printed for the closing note and asserted.
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponsePackage, Result } from '../../../electron/contract/index.ts';
import { signPackage } from '../../../electron/core/exchange/read-package.ts';
import { keyFileFor, parseKeyFile } from '../../../electron/core/exchange/key-file-vault.ts';
import { startRpcServer, type RunningServer } from '../../../electron/server/rpc-server.ts';
import { onPostgres, tempDir } from '../../support/core-fixture.ts';
import { exchangeSetup, vendorResponds } from './exchange-fixture.ts';

/** Budgeted in cases, never in time: PostgreSQL pays a round trip per read, so it runs fewer. */
const perClass = onPostgres ? 25 : 120;

const chars = (codes: number[]) => codes.map((c) => String.fromCodePoint(c));
/** The classes the issue names, each as the characters a case picks from. */
const textClasses: Record<string, string[]> = {
  'bidirectional controls': chars([0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]),
  'C0 controls (escape, bell…)': chars([0x01, 0x07, 0x08, 0x0b, 0x0c, 0x1b, 0x1f]),
  DEL: ['\u007F'],
  'C1 controls (NEL, CSI…)': chars([0x80, 0x85, 0x8d, 0x9b, 0x9f]),
  noncharacters: chars([0xfdd0, 0xfdef, 0xfffe, 0xffff, 0x1fffe, 0x10ffff]),
  'lone surrogates': ['\uD800', '\uDBFF', '\uDC00', '\uDFFF'],
};
/** Refused in file names only (text may carry them). */
const fileNameClasses: Record<string, string[]> = {
  'line and paragraph separators in file names': ['\u2028', '\u2029', '\n', '\t'],
  'bidirectional marks in file names': ['\u200E', '\u200F', '\u061C'],
};

interface Tally {
  tried: number;
  refused: number;
  unchanged: number;
  codes: Set<string>;
}

describe('hostile text from outside, by class', () => {
  let setup: Awaited<ReturnType<typeof exchangeSetup>>;
  let vendorKey: KeyObject;
  let base: ResponsePackage;
  let server: RunningServer;
  const files = tempDir('vigil-hostile-');
  const tallies = new Map<string, Tally>();
  const token = 'fuzz-token-0123456789abcdefghijklmnop';

  beforeAll(async () => {
    setup = await exchangeSetup();
    base = JSON.parse((await vendorResponds(setup.vendor, setup.created, 4)).text) as ResponsePackage;
    vendorKey = createPrivateKey(parseKeyFile(readFileSync(keyFileFor(setup.vendor.dbPath), 'utf8'), 'vendor key').privateKeyPem);
    // A first, clean import pins the vendor's key: every later case is signed by the pinned key.
    const first = await setup.hospital.call('vendor.request', { assessmentId: setup.assessmentId });
    await setup.hospital.call('vendor.import', { text: (await vendorResponds(setup.vendor, first, 4)).text });
    const request = await setup.hospital.call('vendor.request', { assessmentId: setup.assessmentId });
    base = JSON.parse((await vendorResponds(setup.vendor, request, 4)).text) as ResponsePackage;
    server = await startRpcServer({ dispatch: (method, input) => setup.hospital.raw(method, input), staticDir: files.dir, token, port: 0 });
  }, 300_000);
  afterAll(async () => {
    await server.close();
    setup.dispose();
    files.cleanup();
    const rows = [...tallies].map(([name, t]) => ({ class: name, tried: t.tried, refused: t.refused, 'nothing written': t.unchanged, codes: [...t.codes].join(' ') }));
    console.log('Hostile text by class (issue 18):');
    console.table(rows);
  });

  /** Everything an import or an edit writes. */
  const state = async () => {
    const { sql } = setup.hospital;
    return JSON.stringify([
      await sql.all('SELECT count(*) AS n FROM audit_events'),
      await sql.all('SELECT id, file_name FROM evidence ORDER BY id'),
      await sql.all('SELECT id FROM vendor_requests WHERE imported_at IS NOT NULL ORDER BY id'),
      await sql.all('SELECT question_id, value, source FROM answers ORDER BY question_id'),
      await sql.all('SELECT id, name, intended_users FROM systems ORDER BY id'),
    ]);
  };

  const tally = (name: string): Tally => {
    let t = tallies.get(name);
    if (!t) tallies.set(name, (t = { tried: 0, refused: 0, unchanged: 0, codes: new Set() }));
    return t;
  };

  /** Runs one case: refused with one of `codes`, and the state exactly as before. */
  const expectRefused = async (name: string, codes: string[], attempt: () => Promise<Result<unknown>>) => {
    const t = tally(name);
    const before = await state();
    t.tried++;
    const result = await attempt();
    if (!result.ok) {
      t.refused++;
      t.codes.add(result.error.code);
      expect(codes, result.error.message).toContain(result.error.code);
      expect(result.error.message).not.toMatch(/\(VALIDATION_FAILED\)|INTERNAL/);
    }
    expect(result.ok, `${name}: accepted`).toBe(false);
    if ((await state()) === before) t.unchanged++;
  };

  const signed = (pkg: Omit<ResponsePackage, 'signature'>) => JSON.stringify(signPackage({ ...pkg }, vendorKey));
  const withoutSignature = (): Omit<ResponsePackage, 'signature'> => {
    const { signature: _s, ...body } = structuredClone(base);
    return body;
  };
  const insert = (text: string, at: number, char: string) => text.slice(0, at % (text.length + 1)) + char + text.slice(at % (text.length + 1));
  const textAnswerIndex = () => base.answers.findIndex((a) => 'value' in a && typeof a.value === 'string');

  const placed = fc.record({ at: fc.nat(60), where: fc.constantFrom('vendor name', 'answer', 'evidence file name', 'system name', 'evidence.add file name') });

  for (const [name, pool] of Object.entries(textClasses)) {
    it(`refuses ${name} in a signed response, a direct call or a file name, writing nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(placed, fc.constantFrom(...pool), async ({ at, where }, char) => {
          await expectRefused(name, ['VALIDATION_FAILED'], async () => {
            const body = withoutSignature();
            switch (where) {
              case 'vendor name':
                body.vendor.name = insert(body.vendor.name, at, char);
                return setup.hospital.raw('vendor.import', { text: signed(body) });
              case 'answer': {
                const answer = body.answers[textAnswerIndex()];
                if (answer && 'value' in answer) answer.value = insert(String(answer.value), at, char);
                return setup.hospital.raw('vendor.import', { text: signed(body) });
              }
              case 'evidence file name': {
                const evidence = body.evidence[0];
                if (evidence) evidence.fileName = insert(evidence.fileName, at, char);
                return setup.hospital.raw('vendor.import', { text: signed(body) });
              }
              case 'system name':
                return setup.hospital.raw('systems.update', { id: setup.system.id, changes: { name: insert('Chest X-ray triage', at, char) } });
              default:
                return setup.hospital.raw('evidence.add', {
                  assessmentId: setup.assessmentId,
                  questionId: base.answers[0]?.questionId ?? 'PR-GOV-01',
                  fileName: insert('model-card.pdf', at, char),
                  dataBase64: Buffer.from('%PDF-1.7').toString('base64'),
                });
            }
          });
        }),
        { numRuns: perClass },
      );
    }, 600_000);
  }

  for (const [name, pool] of Object.entries(fileNameClasses)) {
    it(`refuses ${name}, in a signed response and a direct call`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.nat(20), fc.boolean(), fc.constantFrom(...pool), async (at, viaPackage, char) => {
          await expectRefused(name, ['VALIDATION_FAILED'], async () => {
            const fileName = insert('model-card.pdf', 1 + (at % 13), char);
            if (!viaPackage) return setup.hospital.raw('evidence.add', { assessmentId: setup.assessmentId, questionId: base.answers[0]?.questionId ?? 'PR-GOV-01', fileName, dataBase64: 'JVBERg==' });
            const body = withoutSignature();
            const evidence = body.evidence[0];
            if (evidence) evidence.fileName = fileName;
            return setup.hospital.raw('vendor.import', { text: signed(body) });
          });
        }),
        { numRuns: Math.ceil(perClass / 2) },
      );
    }, 600_000);
  }

  it('refuses the file names "." and ".." and names with surrounding spaces', async () => {
    for (const fileName of ['.', '..', ' card.pdf', 'card.pdf ', 'card.']) {
      for (const viaPackage of [true, false]) {
        await expectRefused('"." and ".." and padded file names', ['VALIDATION_FAILED'], async () => {
          if (!viaPackage) return setup.hospital.raw('evidence.add', { assessmentId: setup.assessmentId, questionId: base.answers[0]?.questionId ?? 'PR-GOV-01', fileName, dataBase64: 'JVBERg==' });
          const body = withoutSignature();
          const evidence = body.evidence[0];
          if (evidence) evidence.fileName = fileName;
          return setup.hospital.raw('vendor.import', { text: signed(body) });
        });
      }
    }
  });

  it('refuses a repeated key anywhere in a response, even a signed one', async () => {
    const text = signed(withoutSignature());
    const keys = [...text.matchAll(/"([A-Za-z]+)":/g)].map((m) => ({ key: m[1] ?? '', at: m.index }));
    await fc.assert(
      fc.asyncProperty(fc.nat(), async (pick) => {
        const { key, at } = keys[pick % keys.length] ?? { key: 'nonce', at: 1 };
        // The key again, right before itself in the same object: `{"k":1,"k":…}`.
        const repeated = `${text.slice(0, at)}"${key}":null,${text.slice(at)}`;
        await expectRefused('repeated JSON keys', ['PACKAGE_UNSAFE'], () => setup.hospital.raw('vendor.import', { text: repeated }));
      }),
      { numRuns: perClass },
    );
  }, 600_000);

  /** Sends raw bytes as a browser-mode call, as a hostile page or process could. */
  const post = (method: string, body: Buffer) =>
    new Promise<Result<unknown>>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: `/rpc/${method}`,
          headers: { Host: `127.0.0.1:${server.port}`, Origin: `http://127.0.0.1:${server.port}`, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Result<unknown>));
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  it('refuses invalid UTF-8 in a request body, never repairing it', async () => {
    const invalid = [[0xff], [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc3]];
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.constantFrom(...invalid), fc.boolean(), async (at, bytes, viaPackage) => {
        await expectRefused('invalid UTF-8', ['BAD_REQUEST'], async () => {
          const json = viaPackage ? JSON.stringify({ text: signed(withoutSignature()) }) : JSON.stringify({ id: setup.system.id, changes: { name: 'Chest X-ray triage' } });
          // Inside a string value, so the bytes are not simply bad JSON syntax.
          const quote = [...json.matchAll(/":"/g)];
          const spot = (quote[at % quote.length]?.index ?? 0) + 3;
          const raw = Buffer.concat([Buffer.from(json.slice(0, spot)), Buffer.from(bytes), Buffer.from(json.slice(spot))]);
          const result = await post(viaPackage ? 'vendor.import' : 'systems.update', raw);
          return result;
        });
      }),
      { numRuns: perClass },
    );
  }, 600_000);

  it('counts every case of every class as tried, refused and nothing written', () => {
    expect(tallies.size).toBe(Object.keys(textClasses).length + Object.keys(fileNameClasses).length + 3);
    for (const [name, t] of tallies) {
      expect(t.tried, name).toBeGreaterThan(0);
      expect({ name, refused: t.refused, unchanged: t.unchanged }).toEqual({ name, refused: t.tried, unchanged: t.tried });
    }
  });
});
