// Migration 010 (the columns the paged lists sort and filter on) over a schema 9 database with
// data, on each engine: the systems' owner is empty and their name keys are the natural-order
// rule's; the risks' levels are the columns of their JSON documents, their threat keys the
// rule's, and their due dates the earliest action due or, while accepted, the acceptance expiry.
// On PostgreSQL the keys come from the SQL twin of the rule, which must agree with it.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { transition } from 'xstate';
import { afterEach, describe, expect, it } from 'vitest';
import type { Risk } from '../../../electron/contract/index.ts';
import { createCore } from '../../../electron/core/create-core.ts';
import { naturalSortKey } from '../../../electron/core/rules/natural-sort-key.ts';
import { latestSchemaVersion } from '../../../electron/core/store/migrations/index.ts';
import { postgresMigrations } from '../../../electron/core/store/postgres/migrations/index.ts';
import { createPostgresPool, migratePostgres } from '../../../electron/core/store/postgres/open-postgres.ts';
import { persist, restore } from '../../../electron/core/workflow/persisted.ts';
import { riskMachine, type RiskEvent } from '../../../electron/core/workflow/risk-machine.ts';
import { actor, fixedClock, onPostgres, sequentialIds, tempDir, templatesDir } from '../../support/core-fixture.ts';
import { buildLegacyDatabase } from '../../support/legacy-databases.ts';
import { call, cleanups as teamCleanups, client, database, teamCore } from '../../support/team-cores.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const at = '2026-01-10T10:00:00.000Z';
const snapshotAfter = (...events: RiskEvent[]) => persist(riskMachine, events.reduce((s, e) => transition(riskMachine, s, e)[0], restore(riskMachine, null)));
const levels = (likelihood: number, impact: number, band: string) => JSON.stringify({ likelihood, impact, score: likelihood * impact, band });

/** Rows written at schema 9 (no owner, no keys, no level columns), and what 010 must derive. */
const systems = [
  { id: 'SYS-MIG10001', name: 'Clinical AI product 10', key: 'clinical ai product 0000000010' },
  { id: 'SYS-MIG10002', name: 'Clinical AI Product 2', key: 'clinical ai product 0000000002' },
];
const risks = [
  { id: 'RSK-MIG10001', threatName: 'Prompt injection 12', status: 'identified', snapshot: snapshotAfter(), due: null, key: 'prompt injection 0000000012' },
  {
    id: 'RSK-MIG10002',
    threatName: 'Data poisoning',
    status: 'planned',
    snapshot: snapshotAfter({
      type: 'risk.plan',
      treatment: {
        kind: 'mitigate',
        owner: 'Owner Olu',
        plan: 'Two steps',
        actions: [
          { text: 'Later step', owner: 'Owner Olu', due: '2026-05-01' },
          { text: 'Earlier step', owner: 'Owner Olu', due: '2026-04-15' },
        ],
      },
    }),
    due: '2026-04-15',
    key: 'data poisoning',
  },
  {
    id: 'RSK-MIG10003',
    threatName: 'Model drift',
    status: 'accepted',
    snapshot: snapshotAfter(
      { type: 'risk.requestAcceptance', acceptance: { rationale: 'Low use', expiry: '2026-06-30', requestedBy: 'Rita Owner' } },
      { type: 'risk.accept', by: { name: 'Chair Chen', role: 'committeeChair', at }, authorisedRoles: ['committeeChair'] },
    ),
    due: '2026-06-30',
    key: 'model drift',
  },
];
const residual = levels(4, 3, 'high');
const inherent = levels(5, 4, 'critical');

/** The schema 9 rows, as statements with positional parameters written by `param(n)`. */
function schema9Rows(param: (n: number) => string): [string, unknown[]][] {
  const values = (count: number) => Array.from({ length: count }, (_, i) => param(i + 1)).join(', ');
  return [
    ...systems.map((s): [string, unknown[]] => [`INSERT INTO systems (id, name, vendor, created_at, created_by, updated_at) VALUES (${values(6)})`, [s.id, s.name, 'Acme', at, 'root', at]]),
    [`INSERT INTO template_snapshots (hash, content) VALUES (${values(2)})`, ['h-mig-010', '{}']],
    [
      `INSERT INTO assessments (id, system_id, stage, title, status, snapshot_hash, created_at, created_by, updated_at) VALUES (${values(9)})`,
      ['ASM-MIG10001', systems[0]!.id, 'procurement', 'Before 010', 'submitted', 'h-mig-010', at, 'root', at],
    ],
    ...risks.map((r, i): [string, unknown[]] => [
      `INSERT INTO risks (id, assessment_id, system_id, threat_id, threat_name, inherent, residual, band, status, snapshot, opened_at, updated_at) VALUES (${values(12)})`,
      [r.id, 'ASM-MIG10001', systems[0]!.id, `T-MIG-${i}`, r.threatName, inherent, residual, 'high', r.status, r.snapshot, at, at],
    ]),
  ];
}

const expectedRisk = (r: (typeof risks)[number]) => ({
  id: r.id,
  residual_likelihood: 4,
  residual_impact: 3,
  residual_score: 12,
  inherent_score: 20,
  inherent_band: 'critical',
  threat_key: r.key,
  due_date: r.due,
});
const riskColumns = 'id, residual_likelihood, residual_impact, residual_score, inherent_score, inherent_band, threat_key, due_date';

describe.skipIf(onPostgres)('migration 010 over a schema 9 SQLite file with data (the file itself: skipped on PostgreSQL)', () => {
  it('fills the owner, the name keys, the level columns and the due dates by the TypeScript rules', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const dbPath = join(dir, 'vigil.db');
    const legacy = buildLegacyDatabase(dbPath, 9);
    const old = new Database(dbPath);
    for (const [text, params] of schema9Rows(() => '?')) old.prepare(text).run(...params);
    old.close();

    const core = createCore({ dbPath, clock: fixedClock('2026-02-01T09:00:00.000Z'), ids: sequentialIds(), templatesDir });
    cleanups.push(() => core.close());
    const info = await core.dispatch('app.info', {}, actor);
    expect(info.ok && info.value).toMatchObject({ schemaVersion: latestSchemaVersion, auditEvents: legacy.auditEvents });

    const after = new Database(dbPath, { readonly: true });
    cleanups.push(() => after.close());
    const systemRows = after.prepare('SELECT id, name, owner, name_key FROM systems ORDER BY id').all() as { id: string; name: string; owner: string; name_key: string }[];
    expect(systemRows.length).toBe(legacy.systems.length + systems.length);
    for (const row of systemRows) expect(row).toMatchObject({ owner: '', name_key: naturalSortKey(row.name) });
    for (const s of systems) expect(systemRows.find((r) => r.id === s.id)?.name_key).toBe(s.key);
    expect(after.prepare(`SELECT ${riskColumns} FROM risks WHERE id LIKE 'RSK-MIG%' ORDER BY id`).all()).toEqual(risks.map(expectedRisk));
    // The legacy register's risks: the planned one is due with its action, the others are not due.
    const legacyDue = after.prepare("SELECT id, due_date FROM risks WHERE id LIKE 'RSK-LEG%' ORDER BY id").all();
    expect(legacyDue).toEqual(legacy.risks.map((r) => ({ id: r.id, due_date: r.status === 'planned' ? '2026-01-31' : null })));

    // The contract reads the same due date and the new owner field.
    const risk = await core.dispatch('risks.get', { id: 'RSK-MIG10002' }, actor);
    expect(risk.ok && (risk.value as Risk).dueDate).toBe('2026-04-15');
    const system = await core.dispatch('systems.get', { id: 'SYS-MIG10002' }, actor);
    expect(system.ok && system.value).toMatchObject({ owner: '', name: 'Clinical AI Product 2' });
  });
});

describe.skipIf(!onPostgres)('migration 010 over a schema 9 PostgreSQL database with data', () => {
  it('fills the owner, the name keys (SQL twin), the level columns and the due dates (TypeScript rule)', async () => {
    const { url } = await database();
    const pool = createPostgresPool(url, { max: 2 });
    teamCleanups.push(() => pool.end());
    await migratePostgres(pool, 'test', postgresMigrations.filter((m) => m.version <= 9));
    const c = await client(url);
    for (const [text, params] of schema9Rows((n) => `$${n}`)) await c.query(text, params);
    expect(await migratePostgres(pool, 'test')).toBe(latestSchemaVersion);

    expect((await c.query('SELECT id, owner, name_key FROM systems ORDER BY id')).rows).toEqual(systems.map((s) => ({ id: s.id, owner: '', name_key: s.key })));
    expect((await c.query(`SELECT ${riskColumns} FROM risks ORDER BY id`)).rows).toEqual(risks.map(expectedRisk));

    const core = teamCore(url, 'A');
    const risk = await call<Risk>(core, 'risks.get', { id: 'RSK-MIG10003' });
    expect(risk.dueDate).toBe('2026-06-30');
  });

  it('keys names with the SQL twin exactly as naturalSortKey does (generated names)', async () => {
    const { url } = await database({ fromTemplate: true });
    const c = await client(url);
    // Text PostgreSQL can hold: no NUL, no lone surrogate; digits, capitals and accents often.
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 6 }),
      fc.stringMatching(/^[0-9]{1,14}$/),
      fc.constantFrom('Product ', 'AI', ' ', 'É', 'ß', 'İ', 'Σ', '٣', '0', '-', '_', '%'),
    );
    const name = fc.array(piece, { maxLength: 6 }).map((parts) => parts.join('').split(String.fromCharCode(0)).join(''));
    await fc.assert(
      fc.asyncProperty(name, async (n) => {
        const { rows } = await c.query<{ key: string }>('SELECT vigil_natural_sort_key($1) AS key', [n]);
        expect(rows[0]?.key).toBe(naturalSortKey(n));
      }),
      { numRuns: 300 },
    );
  });
});
