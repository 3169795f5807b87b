// 10,000 mutated response packages against one hospital workspace: no crash, no partial write,
// each one imported whole or refused with a known error code (issue 8).
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, type ImportResult, type ResponsePackage } from '../../../electron/contract/index.ts';
import { signPackage } from '../../../electron/core/exchange/read-package.ts';
import { keyFileFor, parseKeyFile } from '../../../electron/core/exchange/key-file-vault.ts';
import { exchangeSetup, newKey, resign, vendorResponds } from './exchange-fixture.ts';
import { onPostgres } from '../../support/core-fixture.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Mutate = (text: string, pkg: Json) => string;

/** Every container and key in a JSON value, as paths. */
function paths(value: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}
const clone = (v: Json): Json => JSON.parse(JSON.stringify(v)) as Json;
function parentOf(root: Json, path: (string | number)[]): { parent: Json; key: string | number } | null {
  if (path.length === 0) return null;
  let node = root;
  for (const step of path.slice(0, -1)) node = (node as Record<string | number, Json>)[step] as Json;
  return { parent: node, key: path[path.length - 1] as string | number };
}

/**
 * The mutations exercise the parser and the checks, the same on both engines; on PostgreSQL each
 * attempt and each before/after read is a round trip to the server (about ten times SQLite's
 * time), so it checks nothing-written on a tenth of the mutations.
 */
const runs = onPostgres ? 1_000 : 10_000;

describe('import fuzz', () => {
  let setup: Awaited<ReturnType<typeof exchangeSetup>>;
  let vendorKey: KeyObject;
  let base = '';
  const known = new Set<string>(errorCodes.filter((c) => c !== 'INTERNAL'));

  const fresh = async () => {
    const created = await setup.hospital.call('vendor.request', { assessmentId: setup.assessmentId });
    base = (await vendorResponds(setup.vendor, created, 4)).text;
  };

  beforeAll(async () => {
    setup = await exchangeSetup();
    base = (await vendorResponds(setup.vendor, setup.created, 4)).text;
    vendorKey = createPrivateKey(parseKeyFile(readFileSync(keyFileFor(setup.vendor.dbPath), 'utf8'), 'vendor key').privateKeyPem);
  });
  afterAll(() => {
    setup.dispose();
  });

  /** A cheap fingerprint of everything an import writes. */
  const state = async () => {
    const { sql } = setup.hospital;
    return JSON.stringify([
      await sql.all('SELECT count(*) AS n FROM audit_events'),
      await sql.all('SELECT id FROM evidence ORDER BY id'),
      await sql.all('SELECT vendor_id, fingerprint, replaced_at FROM vendor_keys ORDER BY seq'),
      await sql.all('SELECT id FROM vendor_requests WHERE imported_at IS NOT NULL ORDER BY id'),
      await sql.all('SELECT question_id, value, source, unknown FROM answers ORDER BY question_id'),
      await sql.all('SELECT id, status FROM assessments ORDER BY id'),
    ]);
  };

  const byteFlip = fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }).map(
    ({ at, byte }): Mutate =>
      (text) => {
        const bytes = Buffer.from(text);
        bytes[at % bytes.length] = byte;
        return bytes.toString('utf8');
      },
  );
  const structural = fc
    .record({
      op: fc.constantFrom('delete', 'duplicate', 'add', 'change', 'proto', 'deep', 'nonce', 'evidence'),
      pick: fc.nat(),
      value: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
      name: fc.constantFrom('extra', 'value', 'questionId', 'unknown', 'signature', 'nonce', 'x'),
      resign: fc.constantFrom('none', 'none', 'other', 'vendor'),
    })
    .map(
      ({ op, pick, value, name, resign: how }): Mutate =>
        (_text, pkg) => {
          let doc = clone(pkg);
          const all = paths(doc);
          const target = all[pick % all.length] ?? [];
          const spot = parentOf(doc, target);
          const container = spot ? ((spot.parent as Record<string | number, Json>)[spot.key] as Json) : doc;
          switch (op) {
            case 'delete':
              if (spot && Array.isArray(spot.parent)) spot.parent.splice(Number(spot.key), 1);
              else if (spot) delete (spot.parent as Record<string, Json>)[spot.key];
              break;
            case 'duplicate':
              if (spot && Array.isArray(spot.parent)) spot.parent.push(clone(container));
              break;
            case 'add':
              if (container !== null && typeof container === 'object' && !Array.isArray(container)) container[name] = value;
              break;
            case 'change':
              if (spot) (spot.parent as Record<string | number, Json>)[spot.key] = value;
              else doc = value;
              break;
            case 'nonce':
              if (doc && typeof doc === 'object' && !Array.isArray(doc)) doc.nonce = (pick % 16).toString(16).repeat(64);
              break;
            case 'evidence': {
              const first = (doc as unknown as ResponsePackage).evidence?.[0];
              if (first) first.dataBase64 = Buffer.from(`changed ${pick}`).toString('base64');
              break;
            }
            default:
              break;
          }
          if (how !== 'none' && doc && typeof doc === 'object' && !Array.isArray(doc) && doc.vendor && typeof doc.vendor === 'object') {
            try {
              doc = (how === 'vendor' ? signPackage({ ...(doc as object), signature: undefined }, vendorKey) : resign(doc as unknown as ResponsePackage, newKey())) as unknown as Json;
            } catch {
              // Not signable as it stands (canonical JSON of odd values); import it unsigned.
            }
          }
          let text = JSON.stringify(doc);
          if (op === 'proto') text = text.replace('{', `{"${['__proto__', 'constructor', 'prototype'][pick % 3]}":{"polluted":1},`);
          if (op === 'deep') text = text.replace('{', `{"deep":${'['.repeat(20 + (pick % 5000))}${']'.repeat(20 + (pick % 5000))},`);
          return text;
        },
    );

  it(`imports each of ${runs.toLocaleString('en')} mutated packages whole or refuses it with a known code, changing nothing`, async () => {
    let imported = 0;
    const codes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 2, arbitrary: byteFlip }, { weight: 5, arbitrary: structural }), async (mutate) => {
        const pkg = JSON.parse(base) as Json;
        const text = mutate(base, pkg);
        const before = await state();
        const result = await setup.hospital.raw('vendor.import', { text });
        if (!result.ok) {
          codes.set(result.error.code, (codes.get(result.error.code) ?? 0) + 1);
          expect(known.has(result.error.code), `${result.error.code}: ${result.error.message}`).toBe(true);
          expect(await state()).toBe(before);
          return;
        }
        // Imported: exactly the package's answers, with source vendor; then start again from a fresh request.
        imported++;
        const sent = JSON.parse(text) as ResponsePackage;
        const value = result.value as ImportResult;
        expect(value.answersWritten).toBe(sent.answers.length);
        const detail = await setup.hospital.call('assessments.get', { id: setup.assessmentId });
        for (const a of sent.answers) {
          const stored = detail.answers.find((x) => x.questionId === a.questionId);
          expect(stored?.source).toBe('vendor');
          expect('unknown' in a ? stored?.unknown : stored?.value).toEqual('unknown' in a ? true : a.value);
        }
        await fresh();
      }),
      { numRuns: runs },
    );
    // The mix reaches the deep checks, not only the parser.
    expect([...codes.keys()]).toEqual(expect.arrayContaining(['PACKAGE_MALFORMED', 'PACKAGE_UNSAFE', 'VALIDATION_FAILED', 'SIGNATURE_INVALID', 'REQUEST_UNKNOWN']));
    expect(imported + [...codes.values()].reduce((a, b) => a + b, 0)).toBe(runs);
    // The work is budgeted in runs, not time: about 10-20 s on an idle two-core machine, so the
    // limit only catches a hang, never a slow machine.
  }, 900_000);
});
