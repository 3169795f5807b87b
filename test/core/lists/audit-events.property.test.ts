// audit.events (docs/lists.md) as a property, on the engine under test: over random ledger
// events (actors, actions and entities with mixed case and non-ASCII letters, payloads longer
// than the preview with %, _ and \ in them, timestamps over a few days), any filter, date range,
// search, sort and window gives the in-memory model's sorted, filtered slice with the right
// total; walking a query's pages covers every matching event once; and reading never writes.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditSorts, type AuditEventRow, type MethodInput } from '../../../electron/contract/index.ts';
import { makeTestCore, type LedgerRow } from '../../support/core-fixture.ts';
import { containsFolded, insertMany, modelPage, type SortValue } from '../../support/list-model.ts';

const runs = 8;
const days = ['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02'];
const actors = ['os:root', 'Dr Zoë Reviewer (reviewer)', 'dr zoë reviewer', 'Asha_Assessor', 'Vigil (scheduled check)'];
const actions = ['assessment.answered', 'system.created', 'review.submit', 'Risk.Opened', 'evidence.added'];
const entities = ['SYS-00000001', 'ASM-00000002', 'RSK-00000003', 'settings', 'asm-00000002'];

const event = fc.record({
  day: fc.constantFrom(...days),
  second: fc.integer({ min: 0, max: 86_399 }),
  actor: fc.constantFrom(...actors),
  action: fc.constantFrom(...actions),
  entity: fc.constantFrom(...entities),
  // Sometimes longer than the 300-character preview.
  payload: fc.oneof(
    fc.string({ unit: fc.constantFrom(...'abcXYZ 09%_\\"é{}:'), maxLength: 20 }),
    fc.string({ unit: fc.constantFrom(...'ab%_é'), minLength: 290, maxLength: 320 }),
  ),
});
const query = fc.record(
  {
    action: fc.constantFrom(...actions),
    actor: fc.constantFrom(...actors),
    entity: fc.constantFrom(...entities),
    from: fc.constantFrom(...days),
    to: fc.constantFrom(...days),
    search: fc.string({ unit: fc.constantFrom(...'aAbBzZé%_\\.0 '), maxLength: 3 }),
    sort: fc.constantFrom(...auditSorts),
    direction: fc.constantFrom('asc' as const, 'desc' as const),
    offset: fc.nat({ max: 50 }),
    limit: fc.integer({ min: 1, max: 20 }),
  },
  { requiredKeys: ['sort', 'direction', 'offset', 'limit'] },
);

const preview = (payload: string) => Array.from(payload).slice(0, 300).join('');
const sortKey = (sort: string) => (e: LedgerRow): SortValue => (sort === 'seq' ? e.seq : (e[sort as 'actor' | 'action' | 'entity'] ?? null));

describe('audit.events against a model', () => {
  it(`equals the model's filtered, sorted slice, its pages cover every event once, and it writes nothing (${runs} ledgers)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { maxLength: 60 }), fc.array(query, { minLength: 1, maxLength: 10 }), async (events, queries) => {
        const core = makeTestCore();
        try {
          // Appended behind the core (a read test needs no valid chain; the triggers allow inserts).
          const first = (await core.ledger()).length + 1;
          if (events.length > 0) {
            const rows = events.map((e, i) => {
              const at = new Date(Date.parse(`${e.day}T00:00:00.000Z`) + e.second * 1000).toISOString();
              return [first + i, at, e.actor, e.action, e.entity, e.payload, 'prev', createHash('sha256').update(`list-test ${first + i}`).digest('hex')];
            });
            await core.sql.run(...insertMany('audit_events', ['seq', 'at', 'actor', 'action', 'entity', 'payload', 'prev_hash', 'hash'], rows));
          }
          const all = await core.ledger();
          const before = await core.sql.digest();
          for (const q of queries) {
            const input: MethodInput<'audit.events'> = { sort: q.sort, direction: q.direction, offset: q.offset, limit: q.limit };
            if (q.action !== undefined) input.action = q.action;
            if (q.actor !== undefined) input.actor = q.actor;
            if (q.entity !== undefined) input.entity = q.entity;
            if (q.from !== undefined) input.from = q.from;
            if (q.to !== undefined) input.to = q.to;
            if (q.search !== undefined) input.search = q.search;
            const term = (q.search ?? '').trim();
            const matching = all.filter(
              (e) =>
                (q.action === undefined || e.action === q.action) &&
                (q.actor === undefined || e.actor === q.actor) &&
                (q.entity === undefined || e.entity === q.entity) &&
                (q.from === undefined || e.at.slice(0, 10) >= q.from) &&
                (q.to === undefined || e.at.slice(0, 10) <= q.to) &&
                (term === '' || [e.actor, e.action, e.entity, e.payload].some((t) => containsFolded(t, term))),
            );
            const expected = (offset: number, limit: number): AuditEventRow[] =>
              modelPage(matching, sortKey(q.sort), (e) => e.seq, q.direction, offset, limit).map((e) => ({
                seq: e.seq,
                at: e.at,
                actor: e.actor,
                action: e.action,
                entity: e.entity,
                payloadPreview: preview(e.payload),
              }));
            const page = await core.call('audit.events', input);
            expect(page.total).toBe(matching.length);
            expect(page).toMatchObject({ offset: q.offset, limit: q.limit });
            expect(page.rows).toStrictEqual(expected(q.offset, q.limit));
            const walked: number[] = [];
            for (let offset = 0; offset < page.total; offset += q.limit) {
              walked.push(...(await core.call('audit.events', { ...input, offset })).rows.map((e) => e.seq));
            }
            expect(walked).toStrictEqual(expected(0, matching.length).map((e) => e.seq));
          }
          expect(await core.sql.digest()).toBe(before);
        } finally {
          core.dispose();
        }
      }),
      { numRuns: runs },
    );
  });

  it('refuses a sort it does not offer and a date that is not YYYY-MM-DD, in words', async () => {
    const core = makeTestCore();
    try {
      const sort = await core.raw('audit.events', { sort: 'payload' });
      expect(sort.ok || sort.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('sort must be one of: seq, actor, action, entity') });
      const date = await core.raw('audit.events', { from: '1 March' });
      expect(date.ok || date.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('dates are YYYY-MM-DD') });
    } finally {
      core.dispose();
    }
  });
});
