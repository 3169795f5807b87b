// assessments.page and reviews.page (docs/lists.md) as a property, on the engine under test:
// over random assessments (stored band, residual and progress, dates with ties and NULLs, titles
// and system names with mixed case, digits, %, _ and \), any filter, search, sort and window
// gives the in-memory model's sorted, filtered slice with the right total, and walking a
// query's pages one limit at a time covers every matching row exactly once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assessmentSorts,
  assessmentStages,
  assessmentStatuses,
  reviewSorts,
  type AssessmentRow,
  type MethodInput,
  type RiskMatrix,
} from '../../../electron/contract/index.ts';
import { naturalSortKey } from '../../../electron/core/rules/natural-sort-key.ts';
import { makeTestCore, templatesDir, type TestCore } from '../../support/core-fixture.ts';
import { containsFolded, foldAscii, insertMany, modelPage, type SortValue } from '../../support/list-model.ts';

const bands = (JSON.parse(readFileSync(join(templatesDir, 'matrices', 'default.json'), 'utf8')) as RiskMatrix).bands.map((b) => b.id);
const runs = 8;

const text = (maxLength: number) => fc.string({ unit: fc.constantFrom(...'aAbBzZ 1290_%\\éÉ-'), maxLength });
const times = ['2026-01-05T10:00:00.000Z', '2026-01-05T10:00:01.000Z', '2026-02-01T08:30:00.000Z', '2026-03-01T09:00:00.000Z'];
const time = fc.constantFrom(...times);
const systemNames = ['Sepsis 2', 'sepsis 10', 'Sepsis 1', 'Sepsis 01', 'model 9 v2', 'model 10 v1', 'Échographie', 'alpha_beta', '50% model', 'Zeta', 'zeta', 'a\\b'];

const assessment = fc.record({
  system: fc.nat(),
  stage: fc.constantFrom(...assessmentStages),
  title: text(10),
  status: fc.constantFrom(...assessmentStatuses),
  createdAt: time,
  updatedAt: time,
  submittedAt: fc.option(time),
  decidedAt: fc.option(time),
  overallBand: fc.option(fc.constantFrom(...bands, 'unranked')),
  highestResidual: fc.option(fc.integer({ min: 0, max: 25 })),
  required: fc.integer({ min: 0, max: 6 }),
  answered: fc.integer({ min: 0, max: 6 }),
});
const dataset = fc.record({
  systems: fc.uniqueArray(fc.constantFrom(...systemNames), { minLength: 1, maxLength: 5 }),
  assessments: fc.array(assessment, { maxLength: 40 }),
});
type Dataset = { systems: string[]; assessments: (typeof assessment extends fc.Arbitrary<infer T> ? T : never)[] };

const window = { direction: fc.constantFrom('asc' as const, 'desc' as const), offset: fc.nat({ max: 45 }), limit: fc.integer({ min: 1, max: 15 }) };
const searchTerm = fc.option(text(2), { nil: undefined });
const assessmentQuery = fc.record(
  {
    system: fc.nat(),
    stage: fc.constantFrom(...assessmentStages),
    status: fc.constantFrom(...assessmentStatuses),
    overallBand: fc.constantFrom(...bands, 'unranked'),
    search: searchTerm,
    sort: fc.constantFrom(...assessmentSorts),
    ...window,
  },
  { requiredKeys: ['sort', 'direction', 'offset', 'limit'] },
);
const reviewQuery = fc.record(
  { system: fc.nat(), state: fc.constantFrom('awaiting' as const, 'decided' as const), search: searchTerm, sort: fc.constantFrom(...reviewSorts), ...window },
  { requiredKeys: ['sort', 'direction', 'offset', 'limit'] },
);

/** The test data, written beside the core (systems through it, so their stored keys are its own). */
async function load(core: TestCore, data: Dataset): Promise<AssessmentRow[]> {
  const systems: { id: string; name: string }[] = [];
  for (const [i, name] of data.systems.entries()) systems.push({ id: (await core.call('systems.create', { name, vendor: `Vendor ${i}` })).id, name });
  await core.sql.run("INSERT INTO template_snapshots (hash, content) VALUES ('list-test', '{}')");
  const rows: AssessmentRow[] = data.assessments.map((a, i) => {
    const system = systems[a.system % systems.length]!;
    return {
      id: `ASM-P${String(i).padStart(7, '0')}`,
      systemId: system.id,
      systemName: system.name,
      title: a.title,
      stage: a.stage,
      status: a.status,
      overallBand: a.overallBand,
      highestResidual: a.highestResidual,
      requiredAnswered: Math.min(a.answered, a.required),
      required: a.required,
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
      submittedAt: a.submittedAt,
      decidedAt: a.decidedAt,
    };
  });
  if (rows.length > 0) {
    const columns = ['id', 'system_id', 'stage', 'title', 'status', 'snapshot_hash', 'created_at', 'created_by', 'updated_at', 'submitted_at', 'decided_at'];
    const more = ['overall_band', 'highest_residual', 'required_answered', 'required_count'];
    await core.sql.run(
      ...insertMany(
        'assessments',
        [...columns, ...more],
        rows.map((r) => [r.id, r.systemId, r.stage, r.title, r.status, 'list-test', r.createdAt, 'root', r.updatedAt, r.submittedAt, r.decidedAt, r.overallBand, r.highestResidual, r.requiredAnswered, r.required]),
      ),
    );
  }
  return rows;
}

/** What each sort column orders by (docs/lists.md). */
function sortKey(sort: string): (r: AssessmentRow) => SortValue {
  switch (sort) {
    case 'systemName':
      return (r) => naturalSortKey(r.systemName);
    case 'title':
      return (r) => foldAscii(r.title);
    case 'stage':
      return (r) => assessmentStages.indexOf(r.stage);
    case 'status':
      return (r) => assessmentStatuses.indexOf(r.status);
    case 'overallBand':
      return (r) => (r.overallBand === null ? -1 : bands.indexOf(r.overallBand));
    case 'progress':
      return (r) => (r.required === 0 ? 1 : r.requiredAnswered / r.required);
    case 'createdAt':
      return (r) => r.createdAt;
    case 'updatedAt':
      return (r) => r.updatedAt;
    case 'submittedAt':
      return (r) => r.submittedAt;
    case 'decidedAt':
      return (r) => r.decidedAt;
    default:
      throw new Error(`no model for sort ${sort}`);
  }
}

const searched = (r: AssessmentRow, term: string) => [r.title, r.systemName, r.id, r.systemId].some((t) => containsFolded(t, term));

/** Every page of `input` one limit at a time: each matching row once, in the order of the pages. */
async function walk(call: (offset: number) => Promise<{ rows: AssessmentRow[]; total: number }>): Promise<string[]> {
  const seen: string[] = [];
  for (let offset = 0, total = 1; offset < total; ) {
    const page = await call(offset);
    total = page.total;
    if (page.rows.length === 0) break;
    seen.push(...page.rows.map((r) => r.id));
    offset += page.rows.length;
  }
  return seen;
}

describe('assessments.page and reviews.page against a model', () => {
  it(`equal the model's filtered, sorted slice, and their pages cover every row once (${runs} datasets)`, async () => {
    await fc.assert(
      fc.asyncProperty(dataset, fc.array(assessmentQuery, { minLength: 1, maxLength: 8 }), fc.array(reviewQuery, { minLength: 1, maxLength: 6 }), async (data, queries, reviews) => {
        const core = makeTestCore();
        try {
          const all = await load(core, data);
          const systemIds = [...new Set(all.map((r) => r.systemId))].sort();
          const systemOf = (n: number | undefined) => (n === undefined || systemIds.length === 0 ? undefined : systemIds[n % systemIds.length]);

          for (const q of queries) {
            const input: MethodInput<'assessments.page'> = { sort: q.sort, direction: q.direction, offset: q.offset, limit: q.limit };
            const systemId = systemOf(q.system);
            if (systemId !== undefined) input.systemId = systemId;
            if (q.stage !== undefined) input.stage = q.stage;
            if (q.status !== undefined) input.status = q.status;
            if (q.overallBand !== undefined) input.overallBand = q.overallBand;
            if (q.search !== undefined) input.search = q.search;
            const term = (q.search ?? '').trim();
            const matching = all.filter(
              (r) =>
                (systemId === undefined || r.systemId === systemId) &&
                (q.stage === undefined || r.stage === q.stage) &&
                (q.status === undefined || r.status === q.status) &&
                (q.overallBand === undefined || r.overallBand === q.overallBand) &&
                (term === '' || searched(r, term)),
            );
            const page = await core.call('assessments.page', input);
            expect(page.total).toBe(matching.length);
            expect(page).toMatchObject({ offset: q.offset, limit: q.limit });
            expect(page.rows).toStrictEqual(modelPage(matching, sortKey(q.sort), (r) => r.id, q.direction, q.offset, q.limit));
            const walked = await walk((offset) => core.call('assessments.page', { ...input, offset }));
            expect(walked).toStrictEqual(modelPage(matching, sortKey(q.sort), (r) => r.id, q.direction, 0, matching.length).map((r) => r.id));
          }

          for (const q of reviews) {
            const input: MethodInput<'reviews.page'> = { sort: q.sort, direction: q.direction, offset: q.offset, limit: q.limit };
            const systemId = systemOf(q.system);
            if (systemId !== undefined) input.systemId = systemId;
            if (q.state !== undefined) input.state = q.state;
            if (q.search !== undefined) input.search = q.search;
            const term = (q.search ?? '').trim();
            const matching = all.filter(
              (r) =>
                r.submittedAt !== null &&
                (systemId === undefined || r.systemId === systemId) &&
                (q.state !== 'awaiting' || r.status === 'submitted' || r.status === 'inReview') &&
                (q.state !== 'decided' || r.decidedAt !== null) &&
                (term === '' || searched(r, term)),
            );
            const page = await core.call('reviews.page', input);
            expect(page.total).toBe(matching.length);
            expect(page.rows).toStrictEqual(modelPage(matching, sortKey(q.sort), (r) => r.id, q.direction, q.offset, q.limit));
            const walked = await walk((offset) => core.call('reviews.page', { ...input, offset }));
            expect(walked).toStrictEqual(modelPage(matching, sortKey(q.sort), (r) => r.id, q.direction, 0, matching.length).map((r) => r.id));
          }
        } finally {
          core.dispose();
        }
      }),
      { numRuns: runs },
    );
  });
});
