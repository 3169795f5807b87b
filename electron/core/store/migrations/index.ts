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

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Ordered, append-only. A migration is never edited once released: add the next number. */
export const migrations: readonly Migration[] = [
  { version: 1, name: '001-initial', sql: m001 },
  { version: 2, name: '002-assessments', sql: m002 },
  { version: 3, name: '003-governance', sql: m003 },
  { version: 4, name: '004-provenance', sql: m004 },
  { version: 5, name: '005-vendor-exchange', sql: m005 },
  { version: 6, name: '006-scoring-v2', sql: m006 },
  { version: 7, name: '007-name-indexes', sql: m007 },
  { version: 8, name: '008-revisions', sql: m008 },
  { version: 9, name: '009-accounts', sql: m009 },
  { version: 10, name: '010-list-columns', sql: m010 },
  { version: 11, name: '011-assessment-lists', sql: m011 },
  { version: 12, name: '012-vendors', sql: m012 },
  { version: 13, name: '013-monitoring', sql: m013 },
];

/**
 * The version a list of migrations brings a database to: its last one's. Versions are numbers,
 * not positions, so a list is run by version (two branches may add neighbouring versions).
 */
export const schemaVersionOf = (list: readonly Migration[]): number => list.at(-1)?.version ?? 0;

/** The migrations after `version`, in order. */
export const migrationsAfter = (list: readonly Migration[], version: number): readonly Migration[] => list.filter((m) => m.version > version);

export const latestSchemaVersion = schemaVersionOf(migrations);
