// systems.page and risks.page against an in-memory model (docs/lists.md): for random inventories
// and registers and random filters, searches, sorts and windows, every page is the model's
// filtered, sorted list sliced at the same window, with the same total and counts; walking the
// pages one after another yields every matching row exactly once. Runs on the engine under test
// (VIGIL_TEST_ENGINE=postgres for PostgreSQL). The rows are written straight into the tables,
// with the derived columns written by the rules the repositories use, so each run is a fresh
// register without hundreds of commands.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifecycleStages, riskSorts, systemSorts, type MethodInput, type RiskMatrix } from '../../../electron/contract/index.ts';
import { naturalSortKey } from '../../../electron/core/rules/natural-sort-key.ts';
import { riskDueDateOfSnapshot } from '../../../electron/core/rules/risk-due-date.ts';
import { loadTemplateSet } from '../../../electron/core/templates/load-template-set.ts';
import { makeTestCore, templatesDir, type TestCore } from '../../support/core-fixture.ts';
import type { Statement } from '../../support/engine-sql.ts';
import { compareValues, containsFolded, foldAscii as fold, type SortValue } from '../../support/list-model.ts';

const loaded = loadTemplateSet(templatesDir);
if (!loaded.ok) throw new Error('templates do not load');
const matrix: RiskMatrix = loaded.set.matrix;
const ranked = matrix.bands.map((b) => b.id);
const rank = (band: string | null) => (band === null ? -1 : ranked.indexOf(band));
const above = (band: string) => rank(band) > rank(matrix.appetite);
const today = '2026-03-01'; // the test core's fixed clock
const plusDays = (days: number) => new Date(Date.parse(`${today}T00:00:00.000Z`) + days * 86_400_000).toISOString().slice(0, 10);

type Key = SortValue;
/** Several sort keys, each in its own direction (a missing-last flag always ascending). */
const compareKeys = (a: readonly Key[], b: readonly Key[], directions: readonly (1 | -1)[]) => {
  for (let i = 0; i < a.length; i++) {
    const c = compareValues(a[i]!, b[i]!);
    if (c !== 0) return c * directions[i]!;
  }
  return 0;
};

/** Every row of a list read page by page from the start, `limit` rows at a time. */
async function walkPages(read: (offset: number) => Promise<{ rows: { id: string }[] }>, total: number, limit: number): Promise<string[]> {
  const walked: string[] = [];
  for (let offset = 0; offset < total; offset += limit) walked.push(...(await read(offset)).rows.map((r) => r.id));
  return walked;
}

// ---- generated data ----
const names = ['Clinical AI product 2', 'Clinical AI product 10', 'clinical ai Product 1', 'Sepsis alert', 'sepsis Alert 2', 'Échographie', 'Scribe_100%', 'Triage 9'];
const vendors = ['Acme', 'ACME', 'Globex', 'Initech', 'Öko Labs'];
const people = ['', 'Rita Owner', 'rita owner', 'Sam Smith', 'Zed Ng'];
const threats = ['Prompt injection 2', 'Prompt injection 10', 'Data poisoning', 'data Poisoning', 'Model drift 1', 'Model_drift%'];
const statuses = ['identified', 'planned', 'inProgress', 'verified', 'closed', 'acceptanceRequested', 'accepted', 'rejected'] as const;
const day = fc.integer({ min: -40, max: 40 }).map(plusDays);

const systemArb = fc.record({
  name: fc.constantFrom(...names),
  vendor: fc.constantFrom(...vendors),
  owner: fc.constantFrom(...people),
  stage: fc.constantFrom(...lifecycleStages),
  archived: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  reviewDue: fc.option(day, { nil: null }),
  updated: day,
  /** The overall band stored on its assessment (migration 011), null when never scored. */
  band: fc.option(fc.constantFrom(...ranked), { nil: null }),
});
const riskArb = fc.record({
  system: fc.nat(),
  threat: fc.constantFrom(...threats),
  likelihood: fc.integer({ min: 1, max: 5 }),
  impact: fc.integer({ min: 1, max: 5 }),
  inherentLikelihood: fc.integer({ min: 1, max: 5 }),
  owner: fc.constantFrom(...people),
  status: fc.constantFrom(...statuses),
  dues: fc.array(day, { maxLength: 2 }),
  expiry: day,
  opened: day,
  updated: day,
});
const dataArb = fc.record({ systems: fc.array(systemArb, { minLength: 2, maxLength: 8 }), risks: fc.array(riskArb, { minLength: 3, maxLength: 30 }) });
type Data = typeof dataArb extends fc.Arbitrary<infer T> ? T : never;

interface SystemModel {
  id: string;
  name: string;
  vendor: string;
  owner: string;
  stage: string;
  archived: boolean;
  reviewDue: string | null;
  updated: string;
  band: string | null;
}
interface RiskModel {
  id: string;
  systemId: string;
  assessmentId: string;
  systemName: string;
  vendor: string;
  threatId: string;
  threat: string;
  likelihood: number;
  impact: number;
  score: number;
  band: string;
  inherentScore: number;
  inherentBand: string;
  owner: string;
  status: string;
  dueDate: string | null;
  opened: string;
  updated: string;
}

const cellBand = (likelihood: number, impact: number) => matrix.cells[likelihood - 1]![impact - 1]!;

/** Writes `data` as the only systems and risks in the database; returns the model of what is stored. */
async function store(core: TestCore, data: Data): Promise<{ systems: SystemModel[]; risks: RiskModel[] }> {
  const statements: Statement[] = ['risks', 'assessments', 'template_snapshots', 'systems'].map((table) => [`DELETE FROM ${table}`]);
  const write = (text: string, ...params: unknown[]) => statements.push([text, ...params]);
  write(`INSERT INTO template_snapshots (hash, content) VALUES ('h-page', '{}')`);
  const systems = data.systems.map((s, i): SystemModel => ({ id: `SYS-P${String(i).padStart(4, '0')}`, ...s }));
  for (const s of systems) {
    write(
      `INSERT INTO systems (id, name, name_key, vendor, owner, lifecycle_stage, archived_at, reassessment_due, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      s.id, s.name, naturalSortKey(s.name), s.vendor, s.owner, s.stage, s.archived ? s.updated : null, s.reviewDue, s.updated, 'test', s.updated,
    );
    write(
      `INSERT INTO assessments (id, system_id, stage, title, status, snapshot_hash, created_at, created_by, updated_at, overall_band) VALUES (?, ?, 'procurement', 'Paged', 'submitted', 'h-page', ?, 'test', ?, ?)`,
      s.id.replace('SYS', 'ASM'), s.id, s.updated, s.updated, s.band,
    );
  }
  const risks: RiskModel[] = [];
  for (const [i, r] of data.risks.entries()) {
    const system = systems[r.system % systems.length]!;
    const treatment = r.dues.length === 0 && r.status !== 'identified' ? null : { kind: 'mitigate', owner: r.owner, plan: 'p', actions: r.dues.map((due) => ({ text: 'a', owner: r.owner, due })) };
    const acceptance = ['acceptanceRequested', 'accepted', 'rejected'].includes(r.status) ? { rationale: 'r', expiry: r.expiry, requestedBy: 'x' } : null;
    const context = ['accepted', 'acceptanceRequested', 'rejected'].includes(r.status) ? { treatment: null, acceptance } : { treatment: r.status === 'identified' ? null : treatment, acceptance: null };
    const snapshot = JSON.stringify({ value: r.status, context });
    const band = cellBand(r.likelihood, r.impact);
    const inherentImpact = Math.max(r.impact, 1);
    const inherentBand = cellBand(r.inherentLikelihood, inherentImpact);
    const model: RiskModel = {
      id: `RSK-P${String(i).padStart(4, '0')}`,
      systemId: system.id,
      assessmentId: system.id.replace('SYS', 'ASM'),
      systemName: system.name,
      vendor: system.vendor,
      threatId: `T-${i}`,
      threat: r.threat,
      likelihood: r.likelihood,
      impact: r.impact,
      score: r.likelihood * r.impact,
      band,
      inherentScore: r.inherentLikelihood * inherentImpact,
      inherentBand,
      owner: r.owner,
      status: r.status,
      dueDate: riskDueDateOfSnapshot(r.status, snapshot),
      opened: r.opened,
      updated: r.updated,
    };
    risks.push(model);
    const levels = (l: number, im: number, b: string) => JSON.stringify({ likelihood: l, impact: im, score: l * im, band: b });
    write(
      `INSERT INTO risks (id, assessment_id, system_id, threat_id, threat_name, threat_key, inherent, residual, band, owner, status, snapshot, opened_at, updated_at,
         residual_likelihood, residual_impact, residual_score, inherent_score, inherent_band, due_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      model.id, model.assessmentId, model.systemId, model.threatId, model.threat, naturalSortKey(model.threat),
      levels(r.inherentLikelihood, inherentImpact, inherentBand), levels(r.likelihood, r.impact, band), band, model.owner, model.status, snapshot, model.opened, model.updated,
      model.likelihood, model.impact, model.score, model.inherentScore, model.inherentBand, model.dueDate,
    );
  }
  // One transaction on either engine (the helper that writes behind Vigil's back in one go; the
  // ledger is not touched).
  await core.sql.tamperLedger(statements);
  return { systems, risks };
}

// ---- the model of each list ----
const isOpen = (status: string) => status !== 'closed' && status !== 'verified';
const isOverdue = (r: RiskModel) => isOpen(r.status) && r.dueDate !== null && r.dueDate < today;
const contains = (values: string[], term: string) => values.some((v) => containsFolded(v, term));

type RiskInput = Required<Pick<MethodInput<'risks.page'>, 'search' | 'sort' | 'direction' | 'offset' | 'limit'>> & Omit<MethodInput<'risks.page'>, 'search' | 'sort' | 'direction' | 'offset' | 'limit'>;
function riskModel(risks: RiskModel[], q: RiskInput): RiskModel[] {
  const matching = risks.filter(
    (r) =>
      (q.systemId === undefined || r.systemId === q.systemId) &&
      (q.assessmentId === undefined || r.assessmentId === q.assessmentId) &&
      (q.vendor === undefined || fold(r.vendor) === fold(q.vendor)) &&
      (q.band === undefined || r.band === q.band) &&
      (q.status === undefined || r.status === q.status) &&
      (q.owner === undefined || fold(r.owner) === fold(q.owner)) &&
      (q.openOnly === undefined || isOpen(r.status) === q.openOnly) &&
      (q.overdue === undefined || isOverdue(r) === q.overdue) &&
      (q.aboveAppetite === undefined || above(r.band) === q.aboveAppetite) &&
      (q.acceptanceExpiresWithinDays === undefined || (r.status === 'accepted' && r.dueDate !== null && r.dueDate <= plusDays(q.acceptanceExpiresWithinDays))) &&
      (q.residualLikelihood === undefined || r.likelihood === q.residualLikelihood) &&
      (q.residualImpact === undefined || r.impact === q.residualImpact) &&
      (q.search === '' || contains([r.id, r.threatId, r.threat, r.systemName, r.vendor, r.owner, r.assessmentId], q.search)),
  );
  const d = q.direction === 'asc' ? 1 : -1;
  const keyOf = (r: RiskModel): { keys: Key[]; dirs: (1 | -1)[] } => {
    switch (q.sort) {
      case 'systemName':
        return { keys: [naturalSortKey(r.systemName)], dirs: [d] };
      case 'threatName':
        return { keys: [naturalSortKey(r.threat)], dirs: [d] };
      case 'residual':
        return { keys: [r.score, rank(r.band)], dirs: [d, d] };
      case 'inherent':
        return { keys: [r.inherentScore, rank(r.inherentBand)], dirs: [d, d] };
      case 'status':
        return { keys: [r.status], dirs: [d] };
      case 'owner':
        return { keys: [fold(r.owner)], dirs: [d] };
      case 'dueDate':
        return { keys: [r.dueDate === null ? 1 : 0, r.dueDate ?? ''], dirs: [1, d] };
      case 'openedAt':
        return { keys: [r.opened], dirs: [d] };
      case 'updatedAt':
        return { keys: [r.updated], dirs: [d] };
    }
  };
  return matching.sort((a, b) => {
    const [x, y] = [keyOf(a), keyOf(b)];
    return compareKeys([...x.keys, a.id], [...y.keys, b.id], [...x.dirs, d]);
  });
}

type SystemInput = Required<Pick<MethodInput<'systems.page'>, 'search' | 'sort' | 'direction' | 'offset' | 'limit' | 'includeArchived'>> &
  Omit<MethodInput<'systems.page'>, 'search' | 'sort' | 'direction' | 'offset' | 'limit' | 'includeArchived'>;
function systemModel(systems: SystemModel[], risks: RiskModel[], q: SystemInput) {
  // The next review (store/next-review-sql.ts): today once due; else the earlier of the periodic
  // date and the first expiry of a standing acceptance; none for a retired system.
  const nextReviewOf = (s: SystemModel): string | null => {
    if (s.stage === 'retired') return null;
    if (s.stage === 'reassessmentDue') return today;
    const expiry = risks.filter((r) => r.systemId === s.id && r.status === 'accepted' && r.dueDate !== null).map((r) => r.dueDate ?? '').sort()[0] ?? null;
    if (s.reviewDue === null || (expiry !== null && expiry < s.reviewDue)) return expiry;
    return s.reviewDue;
  };
  const rows = systems.map((s) => {
    const open = risks.filter((r) => r.systemId === s.id && isOpen(r.status));
    return { ...s, openRisks: open.length, aboveAppetite: open.filter((r) => above(r.band)).length, nextReview: nextReviewOf(s) };
  });
  const matching = rows.filter(
    (s) =>
      (q.includeArchived || !s.archived) &&
      (q.lifecycleStage === undefined || s.stage === q.lifecycleStage) &&
      (q.vendor === undefined || fold(s.vendor) === fold(q.vendor)) &&
      (q.overallBand === undefined || s.band === q.overallBand) &&
      (q.aboveAppetiteOnly !== true || s.aboveAppetite > 0) &&
      (q.reviewDueWithinDays === undefined || (s.nextReview !== null && s.nextReview <= plusDays(q.reviewDueWithinDays))) &&
      (q.search === '' || contains([s.name, s.id, s.vendor, s.owner], q.search)),
  );
  const d = q.direction === 'asc' ? 1 : -1;
  const keyOf = (s: (typeof rows)[number]): { keys: Key[]; dirs: (1 | -1)[] } => {
    switch (q.sort) {
      case 'name':
        return { keys: [naturalSortKey(s.name)], dirs: [d] };
      case 'vendor':
        return { keys: [fold(s.vendor)], dirs: [d] };
      case 'lifecycleStage':
        return { keys: [s.stage], dirs: [d] };
      case 'overallBand':
        return { keys: [s.band === null ? 1 : 0, rank(s.band)], dirs: [1, d] };
      case 'openRisks':
        return { keys: [s.openRisks], dirs: [d] };
      case 'aboveAppetite':
        return { keys: [s.aboveAppetite], dirs: [d] };
      case 'owner':
        return { keys: [fold(s.owner)], dirs: [d] };
      case 'nextReview':
        return { keys: [s.nextReview === null ? 1 : 0, s.nextReview ?? ''], dirs: [1, d] };
      case 'updatedAt':
        return { keys: [s.updated], dirs: [d] };
    }
  };
  return matching.sort((a, b) => {
    const [x, y] = [keyOf(a), keyOf(b)];
    return compareKeys([...x.keys, a.id], [...y.keys, b.id], [...x.dirs, d]);
  });
}

// ---- random queries ----
const searchArb = fc.oneof(
  { weight: 5, arbitrary: fc.constant('') },
  { weight: 2, arbitrary: fc.constantFrom('product', 'PRODUCT 1', 'acme', '%', '_', 'rita', 'RSK-P000', 'drift', 'é', 'sys-p0001', 'injection 1') },
);
const windowArb = fc.record({
  offset: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.integer({ min: 1, max: 8 }) }, { weight: 1, arbitrary: fc.integer({ min: 9, max: 40 }) }),
  limit: fc.integer({ min: 1, max: 12 }),
});
/** A filter left out most of the time (the risks have many), so most queries match some rows. */
const opt = <T,>(arb: fc.Arbitrary<T>, leftOut = 4) => fc.oneof({ weight: leftOut, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
const rare = <T,>(arb: fc.Arbitrary<T>) => opt(arb, 12);

const riskQueryArb = fc
  .record({
    sort: fc.constantFrom(...riskSorts),
    direction: fc.constantFrom('asc' as const, 'desc' as const),
    search: searchArb,
    systemId: rare(fc.constantFrom('SYS-P0000', 'SYS-P0001', 'SYS-P0009')),
    assessmentId: rare(fc.constantFrom('ASM-P0000', 'ASM-P0002')),
    vendor: rare(fc.constantFrom('acme', 'Globex', 'öko labs')),
    band: rare(fc.constantFrom(...ranked)),
    status: rare(fc.constantFrom(...statuses)),
    owner: rare(fc.constantFrom('', 'RITA OWNER', 'Sam Smith')),
    openOnly: rare(fc.boolean()),
    overdue: rare(fc.boolean()),
    aboveAppetite: rare(fc.boolean()),
    acceptanceExpiresWithinDays: rare(fc.integer({ min: 1, max: 40 })),
    residualLikelihood: rare(fc.integer({ min: 1, max: 5 })),
    residualImpact: rare(fc.integer({ min: 1, max: 5 })),
  })
  .chain((q) => windowArb.map((w) => ({ ...q, ...w })));

const systemQueryArb = fc
  .record({
    sort: fc.constantFrom(...systemSorts),
    direction: fc.constantFrom('asc' as const, 'desc' as const),
    search: searchArb,
    includeArchived: fc.boolean(),
    lifecycleStage: rare(fc.constantFrom(...lifecycleStages)),
    vendor: rare(fc.constantFrom('acme', 'Initech')),
    overallBand: fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...ranked) }),
    aboveAppetiteOnly: rare(fc.boolean()),
    reviewDueWithinDays: rare(fc.integer({ min: 1, max: 40 })),
  })
  .chain((q) => windowArb.map((w) => ({ ...q, ...w })));

/** Drops the filters left out, as a caller would not send them. */
const defined = <T extends object>(q: T): T => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as T;

describe('paged lists against an in-memory model', () => {
  let core: TestCore;
  beforeAll(async () => {
    core = makeTestCore();
    // The core opens (and runs its start-up sweep) before the test writes beside it.
    await core.call('app.info', {});
  });
  afterAll(() => core.dispose());

  /** Queries whose page held rows: the property is only as strong as the rows it compares. */
  let pagesWithRows = 0;

  it('risks.page: each page is the model sliced, with its total and counts; the pages cover every row once', async () => {
    await fc.assert(
      fc.asyncProperty(dataArb, fc.array(riskQueryArb, { minLength: 1, maxLength: 4 }), async (data, queries) => {
        const { risks } = await store(core, data);
        for (const q of queries) {
          const expected = riskModel(risks, q);
          const page = await core.call('risks.page', defined(q));
          if (page.rows.length > 0) pagesWithRows++;
          expect(page.rows.map((r) => r.id)).toEqual(expected.slice(q.offset, q.offset + q.limit).map((r) => r.id));
          expect(page).toMatchObject({ total: expected.length, offset: q.offset, limit: q.limit });
          expect(page.counts).toEqual({ aboveAppetite: expected.filter((r) => above(r.band)).length, overdue: expected.filter(isOverdue).length });
          for (const row of page.rows) {
            const model = expected.find((r) => r.id === row.id)!;
            expect(row).toMatchObject({ systemName: model.systemName, threatName: model.threat, band: model.band, owner: model.owner, dueDate: model.dueDate, overdue: isOverdue(model), aboveAppetite: above(model.band) });
          }
          // Walking the pages from the start gives every matching row, once, in order.
          const walked = await walkPages((offset) => core.call('risks.page', defined({ ...q, offset })), expected.length, q.limit);
          expect(walked).toEqual(expected.map((r) => r.id));
        }
      }),
      { numRuns: 40 },
    );
    expect(pagesWithRows).toBeGreaterThan(20);
    pagesWithRows = 0;
  });

  it('systems.page: each page is the model sliced, with its total; the pages cover every row once', async () => {
    await fc.assert(
      fc.asyncProperty(dataArb, fc.array(systemQueryArb, { minLength: 1, maxLength: 4 }), async (data, queries) => {
        const { systems, risks } = await store(core, data);
        for (const q of queries) {
          const expected = systemModel(systems, risks, q);
          const page = await core.call('systems.page', defined(q));
          if (page.rows.length > 0) pagesWithRows++;
          expect(page.rows.map((r) => r.id)).toEqual(expected.slice(q.offset, q.offset + q.limit).map((s) => s.id));
          expect(page).toMatchObject({ total: expected.length, offset: q.offset, limit: q.limit });
          for (const row of page.rows) {
            const model = expected.find((s) => s.id === row.id)!;
            expect(row).toEqual({
              id: model.id,
              name: model.name,
              vendor: model.vendor,
              owner: model.owner,
              lifecycleStage: model.stage,
              archived: model.archived,
              overallBand: model.band,
              latestAssessmentId: model.id.replace('SYS', 'ASM'),
              openRisks: model.openRisks,
              aboveAppetite: model.aboveAppetite,
              nextReview: model.nextReview,
              updatedAt: model.updated,
            });
          }
          const walked = await walkPages((offset) => core.call('systems.page', defined({ ...q, offset })), expected.length, q.limit);
          expect(walked).toEqual(expected.map((s) => s.id));
        }
      }),
      { numRuns: 40 },
    );
    expect(pagesWithRows).toBeGreaterThan(20);
  });
});
