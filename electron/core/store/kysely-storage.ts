import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely } from 'kysely';
import type { Schema } from './schema.ts';
import type { Repositories, StoragePort } from './storage-port.ts';
import { createAssessmentsRepository } from '../assessments/assessments-repository.ts';
import { createAnswersRepository } from '../assessments/answers-repository.ts';
import { createLedgerRepository } from '../audit/ledger-repository.ts';
import { createExchangeRepository } from '../exchange/exchange-repository.ts';
import { createPeopleRepository } from '../people/people-repository.ts';
import { createRisksRepository } from '../risks/risks-repository.ts';
import { createSettingsRepository } from '../settings/settings-repository.ts';
import { createSystemsRepository } from '../systems/systems-repository.ts';
import { createWorkflowRepository } from '../workflow/workflow-repository.ts';

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
  };
}

interface Ambient {
  repos: Repositories;
  writes: boolean;
}

/**
 * The storage port over a Kysely database, whichever engine is under it. The transaction a call
 * is in travels with the call (AsyncLocalStorage), not through parameters: nested reads and
 * writes join it, and concurrent calls, each in its own async context, queue for their own.
 */
export function createKyselyStorage(db: Kysely<Schema>): StoragePort {
  const ambient = new AsyncLocalStorage<Ambient>();
  return {
    write: (body) => {
      const outer = ambient.getStore();
      if (outer) {
        if (!outer.writes) throw new Error('A read cannot start a write: call the write first.');
        return body(outer.repos);
      }
      return db.transaction().execute((trx) => {
        const inner: Ambient = { repos: createRepositories(trx), writes: true };
        return ambient.run(inner, () => body(inner.repos));
      });
    },
    read: (body) => {
      const outer = ambient.getStore();
      if (outer) return body(outer.repos);
      return db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => {
          const inner: Ambient = { repos: createRepositories(trx), writes: false };
          return ambient.run(inner, () => body(inner.repos));
        });
    },
  };
}
