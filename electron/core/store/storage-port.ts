import type { AccountsRepository } from '../accounts/accounts-repository.ts';
import type { DashboardRepository } from '../dashboard/dashboard-repository.ts';
import type { AssessmentsRepository } from '../assessments/assessments-repository.ts';
import type { AnswersRepository } from '../assessments/answers-repository.ts';
import type { LedgerRepository } from '../audit/ledger-repository.ts';
import type { MonitoringRepository } from '../monitoring/monitoring-repository.ts';
import type { ExchangeRepository } from '../exchange/exchange-repository.ts';
import type { PeopleRepository } from '../people/people-repository.ts';
import type { RisksRepository } from '../risks/risks-repository.ts';
import type { SettingsRepository } from '../settings/settings-repository.ts';
import type { SystemsRepository } from '../systems/systems-repository.ts';
import type { VendorsRepository } from '../vendors/vendors-repository.ts';
import type { WorkflowRepository } from '../workflow/workflow-repository.ts';

/**
 * Every table, reached through the repository of the domain that owns it. Services get these
 * only inside `StoragePort.read` or `write`, so they never hold a database handle and every query
 * they make runs in the transaction they are in.
 */
export interface Repositories {
  systems: SystemsRepository;
  assessments: AssessmentsRepository;
  /** Answers, their reviews and evidence files. */
  answers: AnswersRepository;
  risks: RisksRepository;
  /** Lifecycle and review machine state, system events (model changes, incidents, drift). */
  workflow: WorkflowRepository;
  people: PeopleRepository;
  settings: SettingsRepository;
  ledger: LedgerRepository;
  /** Vendor requests, the vendor workspace's inbox. */
  exchange: ExchangeRepository;
  /** Vendors, their pinned keys and key history. */
  vendors: VendorsRepository;
  /** Team mode: accounts, their sessions and sign-in attempts. */
  accounts: AccountsRepository;
  /** Monitoring after go-live: acceptance criteria, imported files and values, recorded breaches. */
  monitoring: MonitoringRepository;
  /** The dashboard's aggregates across the portfolio (reads only). */
  dashboard: DashboardRepository;
}

/**
 * The one way services reach stored data (DESIGN §6, docs/architecture.md). Two engines
 * implement it: embedded SQLite (the desktop default) and, in team mode, PostgreSQL.
 *
 * Calls nest: a `read` or `write` started inside a `write` joins it (same transaction, sees its
 * changes), so a service may call another service's reads and writes from inside its own command
 * and the whole command still commits or rolls back as one.
 */
export interface StoragePort {
  /** Runs `body` in one transaction that may write; commits when it resolves, rolls back when it throws. */
  write<T>(body: (repos: Repositories) => Promise<T>): Promise<T>;
  /** Runs `body` over one consistent snapshot of the data; it may not write. */
  read<T>(body: (repos: Repositories) => Promise<T>): Promise<T>;
}
