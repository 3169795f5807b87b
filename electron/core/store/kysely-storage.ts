import { AsyncLocalStorage } from 'node:async_hooks';
import { sql, type Kysely } from 'kysely';
import type { Schema } from './schema.ts';
import type { Repositories, StoragePort } from './storage-port.ts';
import { createAccountsRepository } from '../accounts/accounts-repository.ts';
import { createDashboardRepository } from '../dashboard/dashboard-repository.ts';
import { createAssessmentsRepository } from '../assessments/assessments-repository.ts';
import { createAnswersRepository } from '../assessments/answers-repository.ts';
import { createLedgerRepository } from '../audit/ledger-repository.ts';
import { createMonitoringRepository } from '../monitoring/monitoring-repository.ts';
import { createExchangeRepository } from '../exchange/exchange-repository.ts';
import { createPeopleRepository } from '../people/people-repository.ts';
import { createRisksRepository } from '../risks/risks-repository.ts';
import { createSettingsRepository } from '../settings/settings-repository.ts';
import { createSystemsRepository } from '../systems/systems-repository.ts';
import { createVendorsRepository } from '../vendors/vendors-repository.ts';
import { createWorkflowRepository } from '../workflow/workflow-repository.ts';

/**
 * What an engine adds beneath the portable repositories. SQLite needs nothing: a write begins
 * `BEGIN IMMEDIATE`, so one writer at a time already keeps the ledger one chain. PostgreSQL's
 * READ COMMITTED lets two writers read the same ledger head, so it supplies a lock that every
 * write takes as it begins.
 */
export interface EngineHooks {
  /** Holds, until the transaction ends, the right to append to the ledger. */
  lockLedger?: (trx: Kysely<Schema>) => Promise<void>;
}

/** The repositories over one transaction (or, for a plain query, the database). */
export function createRepositories(q: Kysely<Schema>): Repositories {
  return {
    systems: createSystemsRepository(q),
    assessments: createAssessmentsRepository(q),
    answers: createAnswersRepository(q),
    risks: createRisksRepository(q),
    workflow: createWorkflowRepository(q),
    people: createPeopleRepository(q),
    settings: createSettingsRepository(q),
    ledger: createLedgerRepository(q),
    exchange: createExchangeRepository(q),
    vendors: createVendorsRepository(q),
    accounts: createAccountsRepository(q),
    monitoring: createMonitoringRepository(q),
    dashboard: createDashboardRepository(q),
  };
}

interface Ambient {
  trx: Kysely<Schema>;
  repos: Repositories;
  writes: boolean;
  /** Savepoints open inside this transaction (nested writes), for unique names. */
  depth: number;
}

/**
 * A write inside a write runs under a savepoint: if it fails and its caller carries on (the demo
 * treats a risk the chair may not accept), what the failed command wrote is undone, as it would
 * be had it run alone; if it succeeds its changes stay part of the outer transaction.
 */
async function nestedWrite<T>(outer: Ambient, body: (repos: Repositories) => Promise<T>): Promise<T> {
  outer.depth += 1;
  const name = sql.raw(`nested_${outer.depth}`);
  await sql`SAVEPOINT ${name}`.execute(outer.trx);
  try {
    const result = await body(outer.repos);
    await sql`RELEASE SAVEPOINT ${name}`.execute(outer.trx);
    return result;
  } catch (error) {
    await sql`ROLLBACK TO SAVEPOINT ${name}`.execute(outer.trx);
    await sql`RELEASE SAVEPOINT ${name}`.execute(outer.trx);
    throw error;
  } finally {
    outer.depth -= 1;
  }
}

/**
 * The storage port over Kysely, whichever engine is under it. Writes go through `writer`; reads
 * that are not part of a write go through `reader`, which the engine itself keeps from writing
 * (a read-only SQLite connection; on PostgreSQL the same pool with READ ONLY transactions).
 *
 * The transaction a call is in travels with the call (AsyncLocalStorage), not through
 * parameters: nested reads and writes join it, and concurrent calls, each in its own async
 * context, queue for their own.
 */
export function createKyselyStorage(engines: { writer: Kysely<Schema>; reader: Kysely<Schema>; hooks?: EngineHooks }): StoragePort {
  const { writer, reader, hooks } = engines;
  const ambient = new AsyncLocalStorage<Ambient>();
  return {
    write: async (body) => {
      const outer = ambient.getStore();
      if (outer) {
        if (!outer.writes) throw new Error('A read cannot start a write: call the write first.');
        return nestedWrite(outer, body);
      }
      return writer.transaction().execute(async (trx) => {
        // Every command appends to the ledger, so it takes the ledger's lock as it begins, not at
        // its first append: writers then queue in one order (as SQLite's BEGIN IMMEDIATE makes
        // them) and cannot deadlock over row locks taken before the append.
        if (hooks?.lockLedger) await hooks.lockLedger(trx);
        const inner: Ambient = { trx, repos: createRepositories(trx), writes: true, depth: 0 };
        return ambient.run(inner, () => body(inner.repos));
      });
    },
    read: async (body) => {
      const outer = ambient.getStore();
      if (outer) return body(outer.repos);
      return reader
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => {
          const inner: Ambient = { trx, repos: createRepositories(trx), writes: false, depth: 0 };
          return ambient.run(inner, () => body(inner.repos));
        });
    },
  };
}
