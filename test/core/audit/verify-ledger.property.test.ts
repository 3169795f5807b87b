// Property tests of the audit-ledger verifier (DESIGN §6): random valid ledgers verify, and
// exactly one tampering of any kind is detected and located at the first event it touches.
//
// Where each tampering must be reported (n = the original length, k/a<b = the events touched):
// - alter a field of event k, hash left alone          → altered at k
// - alter a field of event k, its own hash recomputed  → altered at k (shows at event k+1's link);
//                                                        for k = n only an anchor can tell → altered at n
// - delete event k, followers left or renumbered       → missing at k; for k = n only an anchor can tell
// - swap events a and b (their seq values or contents) → reordered at a
// - insert a forged, correctly hashed event as event k,
//   followers renumbered                                → inserted at k; k = n+1 (after the head)
//                                                        only an anchor can tell
// Every tampering is also checked against the original anchor { length: n, head }, which must
// report the same place and problem (and is the only thing that catches the three tail cases).
import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LedgerVerification } from '../../../electron/contract/index.ts';
import { canonicalJson } from '../../../electron/core/audit/canonical-json.ts';
import { appendAuditEvent, genesisHash, hashEvent } from '../../../electron/core/audit/ledger.ts';
import { verifyLedger, verifyLedgerRows, type LedgerAnchor, type LedgerRow } from '../../../electron/core/audit/verify-ledger.ts';
import { openDatabase } from '../../../electron/core/store/open-database.ts';
import { makeTestCore, tempDir, type TestCore, onPostgres } from '../../support/core-fixture.ts';
import type { Statement } from '../../support/engine-sql.ts';

type Problem = NonNullable<LedgerVerification['firstBad']>['problem'];

interface EventContent {
  at: string;
  actor: string;
  action: string;
  entity: string;
  payload: unknown;
}

const contentFields = ['at', 'actor', 'action', 'entity', 'payload'] as const;
const linkFields = ['prev_hash', 'hash'] as const;
type AlterableField = (typeof contentFields)[number] | (typeof linkFields)[number];

type Tamper =
  | { kind: 'alter'; seq: number; field: AlterableField; value: string; recompute: boolean }
  | { kind: 'delete'; seq: number; renumber: boolean }
  | { kind: 'swapSeq'; a: number; b: number }
  | { kind: 'swapContent'; a: number; b: number }
  | { kind: 'insert'; seq: number; event: EventContent };
type TamperKind = Tamper['kind'];

// ---------------------------------------------------------------------------------------------
// Building ledgers exactly as appendAuditEvent does

function rowFor(seq: number, prevHash: string, e: EventContent): LedgerRow {
  return {
    seq,
    at: e.at,
    actor: e.actor,
    action: e.action,
    entity: e.entity,
    payload: canonicalJson(e.payload),
    prev_hash: prevHash,
    hash: hashEvent(prevHash, { seq, ...e }),
  };
}

function buildRows(events: readonly EventContent[]): LedgerRow[] {
  const rows: LedgerRow[] = [];
  for (const e of events) rows.push(rowFor(rows.length + 1, rows.at(-1)?.hash ?? genesisHash, e));
  return rows;
}

/** The hash an attacker computes for a row they changed, so that it checks out on its own. */
function rehash(r: LedgerRow): string {
  return hashEvent(r.prev_hash, { seq: r.seq, at: r.at, actor: r.actor, action: r.action, entity: r.entity, payload: JSON.parse(r.payload) as unknown });
}

const contentKey = (r: LedgerRow) => JSON.stringify([r.at, r.actor, r.action, r.entity, r.payload]);
const anchorOf = (rows: readonly LedgerRow[]): LedgerAnchor => ({ length: rows.length, head: rows.at(-1)?.hash ?? genesisHash });

// ---------------------------------------------------------------------------------------------
// Arbitraries

const textArb = fc.oneof(
  fc.constantFrom('system.created', 'system.updated', 'risk.accepted', 'workflow.transition', 'Dr Ana Ruiz', 'SYS-00000001', ''),
  fc.string({ unit: 'grapheme', maxLength: 24 }),
  fc.string({ unit: 'binary', maxLength: 24 }),
);
const atArb = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
const payloadArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ stringUnit: 'binary', maxDepth: 4 }),
  fc.dictionary(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.jsonValue({ stringUnit: 'grapheme', maxDepth: 3 }), { maxKeys: 6 }),
  fc.record({
    id: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
    changes: fc.record({
      score: fc.double({ noNaN: true, noDefaultInfinity: true }),
      count: fc.integer(),
      note: fc.string({ unit: 'binary', maxLength: 40 }),
      nested: fc.array(fc.record({ k: fc.string({ unit: 'grapheme', maxLength: 6 }), v: fc.oneof(fc.boolean(), fc.constant(null), fc.float({ noNaN: true, noDefaultInfinity: true })) }), { maxLength: 4 }),
    }),
  }),
);
const eventArb: fc.Arbitrary<EventContent> = fc.record({ at: atArb, actor: textArb, action: textArb, entity: textArb, payload: payloadArb });
// size 'medium' spreads lengths over the whole 1..60 range (the default size stops near 10).
const ledgerArb = (minLength = 1) => fc.array(eventArb, { minLength, maxLength: 60, size: 'medium' }).map(buildRows);
const hexArb = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex'));

/**
 * One tampering of a given kind, with positions as free naturals so the same description can
 * be resolved against any ledger (in memory or in a database made by the core).
 */
const specArb = (kinds: readonly TamperKind[]) =>
  fc.record({
    kind: fc.constantFrom(...kinds),
    i: fc.nat(),
    j: fc.nat(),
    field: fc.constantFrom<AlterableField>(...contentFields, ...contentFields, ...linkFields),
    recompute: fc.boolean(),
    renumber: fc.boolean(),
    text: fc.oneof(textArb, atArb),
    payload: payloadArb.map(canonicalJson),
    hex: hexArb,
    event: eventArb,
  });
type Spec = ReturnType<typeof specArb> extends fc.Arbitrary<infer S> ? S : never;

/** The tampering `spec` describes on `rows`, or null when it would change nothing. */
function resolve(spec: Spec, rows: readonly LedgerRow[]): Tamper | null {
  const n = rows.length;
  const pick = (x: number) => 1 + (x % n);
  switch (spec.kind) {
    case 'alter': {
      const seq = pick(spec.i);
      const field = spec.field;
      const isLink = field === 'prev_hash' || field === 'hash';
      const value = isLink ? spec.hex : field === 'payload' ? spec.payload : spec.text;
      if ((rows[seq - 1] as LedgerRow)[field] === value) return null;
      return { kind: 'alter', seq, field, value, recompute: spec.recompute && !isLink };
    }
    case 'delete':
      return { kind: 'delete', seq: pick(spec.i), renumber: spec.renumber };
    case 'swapSeq':
    case 'swapContent': {
      if (n < 2) return null;
      const a = pick(spec.i);
      const b = 1 + ((a + (spec.j % (n - 1))) % n); // any event but a
      const [lo, hi] = a < b ? [a, b] : [b, a];
      if (spec.kind === 'swapContent' && contentKey(rows[lo - 1] as LedgerRow) === contentKey(rows[hi - 1] as LedgerRow)) return null;
      return { kind: spec.kind, a: lo, b: hi };
    }
    case 'insert':
      return { kind: 'insert', seq: 1 + (spec.i % (n + 1)), event: spec.event };
  }
}

// ---------------------------------------------------------------------------------------------
// Applying a tampering: to rows in memory, or with raw SQL to a database

function tamperRows(original: readonly LedgerRow[], t: Tamper): LedgerRow[] {
  const rows = original.map((r) => ({ ...r }));
  const at = (seq: number) => rows[seq - 1] as LedgerRow;
  switch (t.kind) {
    case 'alter': {
      const r = at(t.seq);
      r[t.field] = t.value;
      if (t.recompute) r.hash = rehash(r);
      return rows;
    }
    case 'delete':
      return rows.filter((r) => r.seq !== t.seq).map((r) => (t.renumber && r.seq > t.seq ? { ...r, seq: r.seq - 1 } : r));
    case 'swapSeq': {
      const [ra, rb] = [at(t.a), at(t.b)];
      [ra.seq, rb.seq] = [t.b, t.a];
      return rows.sort((x, y) => x.seq - y.seq);
    }
    case 'swapContent': {
      const [ra, rb] = [at(t.a), at(t.b)];
      for (const f of contentFields) [ra[f], rb[f]] = [rb[f], ra[f]];
      return rows;
    }
    case 'insert': {
      const forged = rowFor(t.seq, t.seq === 1 ? genesisHash : at(t.seq - 1).hash, t.event);
      return [...rows.map((r) => (r.seq >= t.seq ? { ...r, seq: r.seq + 1 } : r)), forged].sort((x, y) => x.seq - y.seq);
    }
  }
}

/** The same tamperings as an attacker with the database owner's rights would make them, in SQL for either engine. */
function tamperStatements(original: readonly LedgerRow[], t: Tamper): Statement[] {
  const at = (seq: number) => original[seq - 1] as LedgerRow;
  // Through negative numbers, so the primary key never sees two rows with one seq.
  const shiftFrom = (seq: number, by: number): Statement[] => [
    ['UPDATE audit_events SET seq = -(seq + ?) WHERE seq >= ?', by, seq],
    ['UPDATE audit_events SET seq = -seq WHERE seq < 0'],
  ];
  switch (t.kind) {
    case 'alter': {
      const alter: Statement = [`UPDATE audit_events SET ${t.field} = ? WHERE seq = ?`, t.value, t.seq];
      return t.recompute ? [alter, ['UPDATE audit_events SET hash = ? WHERE seq = ?', rehash({ ...at(t.seq), [t.field]: t.value }), t.seq]] : [alter];
    }
    case 'delete':
      return [['DELETE FROM audit_events WHERE seq = ?', t.seq], ...(t.renumber ? shiftFrom(t.seq + 1, -1) : [])];
    case 'swapSeq':
      return [
        ['UPDATE audit_events SET seq = -1 WHERE seq = ?', t.a],
        ['UPDATE audit_events SET seq = ? WHERE seq = ?', t.a, t.b],
        ['UPDATE audit_events SET seq = ? WHERE seq = -1', t.b],
      ];
    case 'swapContent':
      return [
        [t.a, t.b],
        [t.b, t.a],
      ].map(([into, from]): Statement => {
        const r = at(from as number);
        return ['UPDATE audit_events SET at = ?, actor = ?, action = ?, entity = ?, payload = ? WHERE seq = ?', r.at, r.actor, r.action, r.entity, r.payload, into];
      });
    case 'insert': {
      const f = rowFor(t.seq, t.seq === 1 ? genesisHash : at(t.seq - 1).hash, t.event);
      return [
        ...shiftFrom(t.seq, 1),
        ['INSERT INTO audit_events (seq, at, actor, action, entity, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', f.seq, f.at, f.actor, f.action, f.entity, f.payload, f.prev_hash, f.hash],
      ];
    }
  }
}

/** True when `value` holds a NUL character: PostgreSQL's text cannot store one, so no attacker could write it there. */
const holdsNul = (value: unknown): boolean =>
  typeof value === 'string' ? value.includes('\0') : typeof value === 'object' && value !== null && Object.values(value).some(holdsNul);

const readRows = (db: Database.Database) => db.prepare('SELECT * FROM audit_events ORDER BY seq').all() as LedgerRow[];

// ---------------------------------------------------------------------------------------------
// What must be reported

interface Expected {
  seq: number;
  problem: Problem;
  /** The ledger's own chain cannot show it (a change at the tail): only an anchor can. */
  needsAnchor: boolean;
}

function expectation(t: Tamper, n: number): Expected {
  switch (t.kind) {
    case 'alter':
      return { seq: t.seq, problem: 'altered', needsAnchor: t.recompute && t.seq === n };
    case 'delete':
      return { seq: t.seq, problem: 'missing', needsAnchor: t.seq === n };
    case 'swapSeq':
    case 'swapContent':
      return { seq: t.a, problem: 'reordered', needsAnchor: false };
    case 'insert':
      return { seq: t.seq, problem: 'inserted', needsAnchor: t.seq === n + 1 };
  }
}

function expectBroken(v: LedgerVerification, e: Pick<Expected, 'seq' | 'problem'>, tampered: readonly LedgerRow[]): void {
  expect(v.ok).toBe(false);
  expect(v.firstBad).toMatchObject({ seq: e.seq, problem: e.problem });
  expect(v.firstBad?.detail).toMatch(new RegExp(`\\bevent ${e.seq}\\b`));
  expect(v.length).toBe(tampered.length);
  expect(v.head).toBe(tampered.at(-1)?.hash ?? genesisHash);
}

/** The ledger as tampered must fail where `t` says — on its own, or at least against the original anchor. */
function expectDetected(verify: (anchor?: LedgerAnchor) => LedgerVerification, original: readonly LedgerRow[], tampered: readonly LedgerRow[], t: Tamper): void {
  const e = expectation(t, original.length);
  const plain = verify();
  if (e.needsAnchor) expect(plain).toEqual({ ok: true, length: tampered.length, head: tampered.at(-1)?.hash ?? genesisHash });
  else expectBroken(plain, e, tampered);
  expectBroken(verify(anchorOf(original)), e, tampered);
}

function tamperProperty(kinds: readonly TamperKind[], minLength = 1) {
  return fc.property(ledgerArb(minLength), specArb(kinds), (rows, spec) => {
    const t = resolve(spec, rows);
    fc.pre(t !== null);
    const tampered = tamperRows(rows, t);
    expectDetected((anchor) => verifyLedgerRows(tampered, anchor), rows, tampered, t);
  });
}

const runs = { numRuns: 100 };

// ---------------------------------------------------------------------------------------------

describe('an untampered ledger', () => {
  it('verifies, with its length and the hash of its last event as head', () => {
    fc.assert(
      fc.property(ledgerArb(), (rows) => {
        const expected = { ok: true, length: rows.length, head: (rows.at(-1) as LedgerRow).hash };
        expect(verifyLedgerRows(rows)).toEqual(expected);
        expect(verifyLedgerRows(rows, anchorOf(rows))).toEqual(expected);
        expect(verifyLedgerRows([...rows].reverse())).toEqual(expected); // read in any order
      }),
      runs,
    );
  });

  it('verifies when empty, with the genesis hash as head', () => {
    expect(verifyLedgerRows([])).toEqual({ ok: true, length: 0, head: genesisHash });
    expect(verifyLedgerRows([], { length: 0, head: genesisHash })).toEqual({ ok: true, length: 0, head: genesisHash });
  });

  it('is built here exactly as appendAuditEvent writes it to the database', () => {
    const { dir, cleanup } = tempDir();
    try {
      let file = 0;
      fc.assert(
        fc.property(fc.array(eventArb, { minLength: 1, maxLength: 60, size: 'medium' }), (events) => {
          const db = openDatabase(`${dir}/ledger-${file++}.db`);
          try {
            db.transaction(() => events.forEach((e) => appendAuditEvent(db, e)))();
            const rows = readRows(db);
            expect(rows).toEqual(buildRows(events));
            expect(verifyLedger(db)).toEqual({ ok: true, length: events.length, head: (rows.at(-1) as LedgerRow).hash });
            expect(() => db.prepare("UPDATE audit_events SET actor = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
            expect(() => db.prepare('DELETE FROM audit_events WHERE seq = 1').run()).toThrow(/append-only/);
          } finally {
            db.close();
          }
        }),
        { numRuns: 10 },
      );
    } finally {
      cleanup();
    }
  });
});

describe('one tampering is detected and located (in memory)', () => {
  it('altering actor, at, action, entity or payload of any event, hash left alone: altered at that event', () => {
    fc.assert(
      fc.property(ledgerArb(), specArb(['alter']), (rows, spec) => {
        const t = resolve({ ...spec, recompute: false, field: contentFields[spec.j % contentFields.length] as AlterableField }, rows);
        fc.pre(t !== null);
        const tampered = tamperRows(rows, t);
        expectDetected((anchor) => verifyLedgerRows(tampered, anchor), rows, tampered, t);
      }),
      runs,
    );
  });

  it('altering a content field of any event and recomputing its own hash: altered at that event (an anchor is needed for the last)', () => {
    fc.assert(
      fc.property(ledgerArb(), specArb(['alter']), (rows, spec) => {
        const t = resolve({ ...spec, recompute: true, field: contentFields[spec.j % contentFields.length] as AlterableField }, rows);
        fc.pre(t !== null);
        const tampered = tamperRows(rows, t);
        expectDetected((anchor) => verifyLedgerRows(tampered, anchor), rows, tampered, t);
      }),
      runs,
    );
  });

  it('overwriting the stored hash or previous-hash link of any event: altered at that event', () => {
    fc.assert(
      fc.property(ledgerArb(), specArb(['alter']), (rows, spec) => {
        const t = resolve({ ...spec, field: linkFields[spec.j % linkFields.length] as AlterableField }, rows);
        fc.pre(t !== null);
        const tampered = tamperRows(rows, t);
        expectDetected((anchor) => verifyLedgerRows(tampered, anchor), rows, tampered, t);
      }),
      runs,
    );
  });

  it('deleting any one event, followers renumbered or not: missing at that event (an anchor is needed for the last)', () => {
    fc.assert(tamperProperty(['delete']), runs);
  });

  it('swapping two events by their seq values: reordered at the earlier', () => {
    fc.assert(tamperProperty(['swapSeq'], 2), runs);
  });

  it('swapping the contents of two events: reordered at the earlier', () => {
    fc.assert(tamperProperty(['swapContent'], 2), runs);
  });

  it('inserting a forged, correctly chained event before any event, followers renumbered: inserted at the forged event', () => {
    fc.assert(
      fc.property(ledgerArb(), specArb(['insert']), (rows, spec) => {
        const t = resolve({ ...spec, i: spec.i % rows.length }, rows); // positions 1..n, never after the head
        fc.pre(t !== null);
        const tampered = tamperRows(rows, t);
        expect(expectation(t, rows.length).needsAnchor).toBe(false);
        expectDetected((anchor) => verifyLedgerRows(tampered, anchor), rows, tampered, t);
      }),
      runs,
    );
  });
});

describe('rows that SQLite would refuse', () => {
  it('a forged event that reuses a sequence number (no renumbering) is inserted at its position', () => {
    fc.assert(
      fc.property(ledgerArb(), fc.nat(), eventArb, (rows, i, e) => {
        const seq = 1 + (i % rows.length);
        const forged = rowFor(seq, seq === 1 ? genesisHash : (rows[seq - 2] as LedgerRow).hash, e);
        const withDuplicate = [...rows, forged]; // sorted after the original event `seq`
        const v = verifyLedgerRows(withDuplicate);
        expect(v).toMatchObject({ ok: false, length: rows.length + 1, firstBad: { seq: seq + 1, problem: 'inserted' } });
        expect(v.firstBad?.detail).toMatch(new RegExp(`^event ${seq + 1} .*sequence number ${seq}\\b`));
      }),
      runs,
    );
  });
});

describe('the tail, which only an anchor kept outside the ledger can protect', () => {
  it('a forged event chained after the head verifies on its own, and is reported as inserted at length+1 against the remembered anchor', () => {
    fc.assert(
      fc.property(ledgerArb(), eventArb, (rows, forged) => {
        const t: Tamper = { kind: 'insert', seq: rows.length + 1, event: forged };
        const tampered = tamperRows(rows, t);
        expect(verifyLedgerRows(tampered).ok).toBe(true);
        const v = verifyLedgerRows(tampered, anchorOf(rows));
        expectBroken(v, { seq: rows.length + 1, problem: 'inserted' }, tampered);
      }),
      runs,
    );
  });

  it('cutting any number of events off the end: missing at the first one cut', () => {
    fc.assert(
      fc.property(ledgerArb(), fc.nat(), (rows, cut) => {
        const kept = rows.slice(0, cut % rows.length);
        expect(verifyLedgerRows(kept).ok).toBe(true);
        expectBroken(verifyLedgerRows(kept, anchorOf(rows)), { seq: kept.length + 1, problem: 'missing' }, kept);
      }),
      runs,
    );
  });

  it('rewriting the ledger from any event on with every later hash recomputed: altered at the anchored length (it cannot be located closer)', () => {
    fc.assert(
      fc.property(ledgerArb(), fc.nat(), eventArb, (rows, i, replacement) => {
        const from = i % rows.length;
        const events = rows.map((r) => ({ at: r.at, actor: r.actor, action: r.action, entity: r.entity, payload: JSON.parse(r.payload) as unknown }));
        events[from] = replacement;
        const rewritten = buildRows(events);
        fc.pre((rewritten.at(-1) as LedgerRow).hash !== (rows.at(-1) as LedgerRow).hash);
        expect(verifyLedgerRows(rewritten).ok).toBe(true);
        expectBroken(verifyLedgerRows(rewritten, anchorOf(rows)), { seq: rows.length, problem: 'altered' }, rewritten);
      }),
      runs,
    );
  });

  it('the anchor is exact: events appended after it was taken are reported, since nothing tells them from forged ones', () => {
    const events: EventContent[] = [
      { at: '2026-03-01T09:00:00.000Z', actor: 'Dr Ana Ruiz', action: 'system.created', entity: 'SYS-00000001', payload: { name: 'Sepsis early warning' } },
      { at: '2026-03-01T09:05:00.000Z', actor: 'Dr Ana Ruiz', action: 'system.updated', entity: 'SYS-00000001', payload: { changes: { vendor: 'Qüark Health' } } },
    ];
    const rows = buildRows(events);
    const earlier = anchorOf(rows.slice(0, 1));
    const v = verifyLedgerRows(rows, earlier);
    expect(v).toMatchObject({ ok: false, length: 2, firstBad: { seq: 2, problem: 'inserted' } });
    expect(v.firstBad?.detail).toContain('event 2');
    expect(verifyLedgerRows(rows, anchorOf(rows))).toEqual({ ok: true, length: 2, head: (rows[1] as LedgerRow).hash });
  });

  it('a break inside the chain is reported before any disagreement with the anchor', () => {
    const rows = buildRows(
      Array.from({ length: 5 }, (_, i) => ({ at: `2026-03-0${i + 1}T09:00:00.000Z`, actor: 'a', action: 'x', entity: `E${i}`, payload: { i } })),
    );
    const tampered = tamperRows(rows, { kind: 'alter', seq: 2, field: 'actor', value: 'b', recompute: false }).slice(0, 4);
    expect(verifyLedgerRows(tampered, anchorOf(rows)).firstBad).toMatchObject({ seq: 2, problem: 'altered' });
  });
});

describe('one tampering with raw SQL on a database made by the core', () => {
  type Op = { op: 'create'; name: string; vendor: string } | { op: 'update'; i: number; intendedUse: string } | { op: 'archive' | 'unarchive'; i: number };
  const nameArb = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((s) => s.trim().length > 0);
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    { weight: 3, arbitrary: fc.record({ op: fc.constant('create' as const), name: nameArb, vendor: nameArb }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('update' as const), i: fc.nat(), intendedUse: fc.string({ unit: 'binary', maxLength: 60 }) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('archive' as const, 'unarchive' as const), i: fc.nat() }) },
  );
  const opsArb = fc.tuple(opArb.filter((o) => o.op === 'create'), fc.array(opArb, { maxLength: 30, size: 'medium' })).map(([first, rest]) => [first, ...rest]);

  /** Runs `ops` through a fresh core, so the ledger is written by the real commands. */
  async function coreWithLedger(ops: readonly Op[]): Promise<TestCore> {
    const core = makeTestCore();
    const ids: string[] = [];
    for (const o of ops) {
      if (o.op === 'create') {
        const made = await core.raw('systems.create', { name: o.name, vendor: o.vendor });
        if (made.ok) ids.push((made.value as { id: string }).id);
      } else if (ids.length > 0) {
        const id = ids[o.i % ids.length] as string;
        await core.raw(`systems.${o.op}`, o.op === 'update' ? { id, changes: { intendedUse: o.intendedUse } } : { id }); // refusals record nothing
      }
    }
    return core;
  }

  it('cannot be made by a plain UPDATE or DELETE from another connection: the append-only guard refuses it', async () => {
    const core = makeTestCore();
    try {
      await core.call('systems.create', { name: 'Sepsis alert', vendor: 'Acme' });
      await expect(core.sql.run("UPDATE audit_events SET actor = 'x' WHERE seq = 1")).rejects.toThrow(/append-only/);
      await expect(core.sql.run('DELETE FROM audit_events WHERE seq = 1')).rejects.toThrow(/append-only/);
      // The vendor's event and the system's.
      expect(await core.call('audit.verify', {})).toMatchObject({ ok: true, length: 2 });
    } finally {
      core.dispose();
    }
  });

  it('is detected and located like in memory, by the core and by the rows read back with the anchor', async () => {
    await fc.assert(
      fc.asyncProperty(opsArb, specArb(['alter', 'alter', 'delete', 'swapSeq', 'swapContent', 'insert']), async (ops, spec) => {
        const core = await coreWithLedger(ops);
        try {
          // A second connection, as an attacker's sqlite3 or psql would be.
          const readBack = () => core.sql.all<LedgerRow>('SELECT seq, at, actor, action, entity, payload, prev_hash, hash FROM audit_events ORDER BY seq');
          const rows = await readBack();
          expect(rows.length).toBeGreaterThan(0);
          expect(await core.call('audit.verify', {})).toEqual({ ok: true, ...anchorOf(rows) });

          const t = resolve(spec, rows);
          fc.pre(t !== null && !(onPostgres && holdsNul(t)));
          await core.sql.tamperLedger(tamperStatements(rows, t));
          const tampered = await readBack();
          expect(tampered).toEqual(tamperRows(rows, t)); // the SQL did what the in-memory model does
          const viaCore = await core.call('audit.verify', {});
          expectDetected((anchor) => (anchor ? verifyLedgerRows(tampered, anchor) : viaCore), rows, tampered, t);
        } finally {
          core.dispose();
        }
      }),
      { numRuns: 40 },
    );
  });
});
