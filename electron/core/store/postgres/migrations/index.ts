import { z } from 'zod';
import { riskDueDateOfSnapshot } from '../../../rules/risk-due-date.ts';
import type { Migration } from '../../migrations/index.ts';
import m001 from './001-initial.sql?raw';
import m002 from './002-assessments.sql?raw';
import m003 from './003-governance.sql?raw';
import m004 from './004-provenance.sql?raw';
import m005 from './005-vendor-exchange.sql?raw';
import m006 from './006-scoring-v2.sql?raw';
import m007 from './007-name-indexes.sql?raw';
import m008 from './008-revisions.sql?raw';
import m009 from './009-accounts.sql?raw';
import m010 from './010-list-columns.sql?raw';
import m011 from './011-assessment-lists.sql?raw';
import m012 from './012-vendors.sql?raw';
import m013 from './013-monitoring.sql?raw';

/** Runs one statement on the migration's connection, inside its transaction. */
export type RunSql = (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;

/**
 * A PostgreSQL migration: its SQL, and, where a column is filled by a TypeScript rule rather than
 * an SQL twin of it, a backfill run after the SQL in the same transaction.
 */
export interface PostgresMigration extends Migration {
  backfill?: (run: RunSql) => Promise<void>;
}

const RiskStates = z.array(z.object({ id: z.string(), status: z.string(), snapshot: z.string() }));

/** 010: every risk's due date from its stored snapshot, by the rule the repository writes it with. */
async function fillRiskDueDates(run: RunSql): Promise<void> {
  const risks = RiskStates.parse((await run('SELECT id, status, snapshot FROM risks')).rows);
  if (risks.length === 0) return;
  await run('UPDATE risks SET due_date = v.due FROM unnest($1::text[], $2::text[]) AS v(id, due) WHERE risks.id = v.id', [
    risks.map((r) => r.id),
    risks.map((r) => riskDueDateOfSnapshot(r.status, r.snapshot)),
  ]);
}


/**
 * PostgreSQL's migrations: the same versions as SQLite's (`../../migrations/index.ts`), each in
 * PostgreSQL's own SQL. Ordered, append-only; a new version is added to both lists together.
 */
export const postgresMigrations: readonly PostgresMigration[] = [
  { version: 1, name: '001-initial', sql: m001 },
  { version: 2, name: '002-assessments', sql: m002 },
  { version: 3, name: '003-governance', sql: m003 },
  { version: 4, name: '004-provenance', sql: m004 },
  { version: 5, name: '005-vendor-exchange', sql: m005 },
  { version: 6, name: '006-scoring-v2', sql: m006 },
  { version: 7, name: '007-name-indexes', sql: m007 },
  { version: 8, name: '008-revisions', sql: m008 },
  { version: 9, name: '009-accounts', sql: m009 },
  { version: 10, name: '010-list-columns', sql: m010, backfill: fillRiskDueDates },
  { version: 11, name: '011-assessment-lists', sql: m011 },
  { version: 12, name: '012-vendors', sql: m012 },
  { version: 13, name: '013-monitoring', sql: m013 },
];
