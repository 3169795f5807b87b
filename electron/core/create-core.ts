import type { Database } from 'better-sqlite3';
import { createDispatcher, type Dispatch } from './api/dispatcher.ts';
import { createHandlers } from './api/handlers.ts';
import { auditLength } from './audit/ledger.ts';
import { createCommandRunner, createTransactionRunner } from './command-runner.ts';
import { createPeopleService } from './governance/people-service.ts';
import { reviewQueue } from './governance/review-queue.ts';
import { createSettingsService } from './governance/settings-service.ts';
import { createSystemHistory } from './governance/system-history.ts';
import { createRisksService } from './risks/risks-service.ts';
import { createWorkflowService } from './workflow/workflow-service.ts';
import type { Clock, IdSource } from './deps.ts';
import { createAssessmentsRepository } from './assessments/assessments-repository.ts';
import { createAssessmentsService } from './assessments/assessments-service.ts';
import { createDemoService } from './demo/demo-service.ts';
import { createSystemsRepository } from './inventory/systems-repository.ts';
import { createSystemsService } from './inventory/systems-service.ts';
import { latestSchemaVersion } from './store/migrations/index.ts';
import { openDatabase } from './store/open-database.ts';
import { createTemplatesService } from './templates/templates-service.ts';

export interface CoreOptions {
  dbPath: string;
  clock: Clock;
  ids: IdSource;
  templatesDir: string;
  appVersion?: string;
  onInternalError?: (method: string, error: unknown) => void;
}

export interface Core {
  dispatch: Dispatch;
  close(): void;
}

/** Before a user's file is migrated, a full copy is kept next to it (DESIGN §6). */
function backupBeforeMigrate(dbPath: string, clock: Clock) {
  return (db: Database, fromVersion: number) => {
    const stamp = clock.now().toISOString().replace(/[:.]/g, '-');
    const target = `${dbPath}.pre-migrate-v${fromVersion}-${stamp}.bak`;
    db.prepare('VACUUM INTO ?').run(target);
  };
}

/**
 * Builds the domain core on one database file. Throws DomainError (DATABASE_TOO_NEW,
 * NOT_A_DATABASE) when the file cannot be opened safely; the file is then left untouched.
 */
export function createCore(options: CoreOptions): Core {
  const { dbPath, clock, ids } = options;
  const db = openDatabase(dbPath, { beforeMigrate: backupBeforeMigrate(dbPath, clock) });
  const run = createCommandRunner(db, clock);
  const systems = createSystemsService({ repo: createSystemsRepository(db), run, ids });
  const tx = createTransactionRunner(db, clock);
  const templates = createTemplatesService(options.templatesDir);
  const people = createPeopleService({ db, run, ids });
  const settings = createSettingsService({ db, run });
  const assessments = createAssessmentsService({
    repo: createAssessmentsRepository(db),
    systems,
    templates,
    run,
    ids,
    clock,
    requiredSignOffs: () => settings.get().signOffsRequired,
  });
  // Appetite and re-assessment intervals come from the organisation's installed matrix.
  const matrix = () => templates.set().matrix;
  const risks = createRisksService({ db, tx, ids, clock, people, settings, matrix });
  const workflow = createWorkflowService({ db, tx, clock, ids, assessments, risks, people, matrix });
  const history = createSystemHistory(db);
  const system = { actor: 'Vigil (scheduled check)' };
  const sweep = () => {
    try {
      workflow.sweep(system);
    } catch (error) {
      options.onInternalError?.('workflow.sweep', error);
    }
  };
  sweep();
  const handlers = createHandlers({
    systems,
    templates,
    assessments,
    governance: {
      people,
      settings,
      risks,
      workflow,
      knownBands: () => matrix().bands.map((b) => b.id),
      history: (id: string) => {
        systems.get(id);
        const gate = workflow.gate(id);
        return history(id, workflow.lifecycleState(id), gate.stage === null ? null : gate);
      },
      queue: (name: string) => reviewQueue({ people, assessments, risks, settings }, name),
      sweep,
    },
    demo: createDemoService({
      templatesDir: options.templatesDir,
      clock,
      systems,
      assessments,
      people,
      risks,
      workflow,
      transaction: (fn) => db.transaction(fn)(),
    }),
    appInfo: () => ({
      name: 'Vigil',
      version: options.appVersion ?? '0.0.0',
      schemaVersion: latestSchemaVersion,
      databasePath: dbPath,
      auditEvents: auditLength(db),
    }),
  });
  const dispatch = createDispatcher(handlers, { onInternalError: options.onInternalError });
  return {
    dispatch,
    close: () => {
      if (db.open) db.close();
    },
  };
}
