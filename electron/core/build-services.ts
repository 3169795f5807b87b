import type { Database } from 'better-sqlite3';
import { createDispatcher, type Dispatch } from './api/dispatcher.ts';
import { createHandlers } from './api/handlers.ts';
import { ledgerHead } from './audit/ledger.ts';
import { verifyLedger } from './audit/verify-ledger.ts';
import { createCommandRunner, createTransactionRunner } from './command-runner.ts';
import { createPeopleService } from './people/people-service.ts';
import { reviewQueue } from './reviews/review-queue.ts';
import { createSettingsService } from './settings/settings-service.ts';
import { createSystemHistory } from './systems/system-history.ts';
import { createRisksService } from './risks/risks-service.ts';
import { createWorkflowService } from './workflow/workflow-service.ts';
import type { Clock, IdSource } from './deps.ts';
import { createAssessmentsRepository } from './assessments/assessments-repository.ts';
import { createAssessmentsService } from './assessments/assessments-service.ts';
import { createDemoService } from './demo/demo-service.ts';
import { createSystemsRepository } from './systems/systems-repository.ts';
import { createSystemsService } from './systems/systems-service.ts';
import { latestSchemaVersion } from './store/migrations/index.ts';
import { createTemplatesService } from './templates/templates-service.ts';
import { writeFileAtomic } from './export/atomic-write.ts';
import { createExportService, type ExportWriters } from './export/export-service.ts';
import { createProgressBoard } from './export/export-progress.ts';
import { buildQuestionnaireDocument } from './export/questionnaire-document.ts';
import { registerCsv } from './export/register-csv.ts';
import { buildRegisterDocument } from './export/register-document.ts';
import { loadReportStyle } from './export/report-style.ts';
import { createExchangeRepository } from './exchange/exchange-repository.ts';
import { createExchangeService } from './exchange/exchange-service.ts';
import { fileKeyVault } from './exchange/key-file-vault.ts';
import { createVendorWorkspace } from './exchange/vendor-workspace.ts';
import { createModelCardService } from './exchange/model-card/model-card-service.ts';
import { createIdentitySource, describeIdentity, type KeyVault } from './exchange/workspace-identity.ts';
import type { StoreOperations } from './store/store-operations.ts';

export type { StoreOperations } from './store/store-operations.ts';

export interface CoreOptions {
  dbPath: string;
  clock: Clock;
  ids: IdSource;
  templatesDir: string;
  appVersion?: string;
  onInternalError?: (method: string, error: unknown) => void;
  /** Take a verified backup at start when the newest daily one is over a day old (app, browser mode). */
  dailyBackup?: boolean;
  /** Replaces document writers (tests: a writer that pauses, or fails, part way). */
  exportWriters?: Partial<ExportWriters>;
  /** Where the workspace's private key lives; default: a 0600 file beside the database. */
  keyVault?: KeyVault;
  /**
   * Run the due-date sweep every this many milliseconds while the core is open (the long-running
   * hosts: the app's core process, browser mode). The timer is unref'd and stops at close. The
   * sweep always runs once when the database opens; reads never run it.
   */
  sweepEveryMs?: number;
}

/** The interval the long-running hosts sweep at: expiries are by date, so minutes late is fine. */
export const hostSweepEveryMs = 10 * 60 * 1000;

/** The services and their dispatcher on one open database. */
export function buildServices(db: Database, options: CoreOptions, store: StoreOperations, readOnly: string | null): { dispatch: Dispatch; sweep: () => void } {
  const { dbPath, clock, ids } = options;
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
  const risks = createRisksService({ db, tx, ids, clock, settings, matrix });
  const workflow = createWorkflowService({ db, tx, clock, ids, assessments, risks, matrix, separation: () => ({ enabled: settings.get().separationOfDuties }) });
  const history = createSystemHistory(db);
  const identity = createIdentitySource(options.keyVault ?? fileKeyVault(dbPath), () => clock.now().toISOString());
  const exchangeRepo = createExchangeRepository(db);
  const organisation = () => settings.get().organisation;
  const hospitalExchange = createExchangeService({ repo: exchangeRepo, tx, clock, ids, identity, organisation, assessments, systems, workflow });
  const system = { actor: 'Vigil (scheduled check)' };
  /**
   * Brings time-driven states up to date (expired acceptances → identified and the system due;
   * passed re-assessment dates → due), as its own audited transaction. Not a contract method:
   * only the hosts that own time (open, their timer) may run it, never a page or a read.
   */
  const sweep = () => {
    if (readOnly !== null) return;
    try {
      workflow.sweep(system);
    } catch (error) {
      options.onInternalError?.('workflow.sweep', error);
    }
  };
  sweep();
  const modelCard = createModelCardService({ db, tx, assessments, mappings: () => templates.set().modelCardMappings });
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
    },
    demo: createDemoService({
      applyModelCard: (ctx, assessmentId, text, fileName) => modelCard.apply(ctx, { assessmentId, text, fileName, overwrite: false }).written.length,
      templatesDir: options.templatesDir,
      clock,
      setOrganisation: (ctx, organisation) => settings.update(ctx, { organisation }, matrix().bands.map((b) => b.id)),
      systems,
      assessments,
      people,
      risks,
      workflow,
      transaction: (fn) => db.transaction(fn).immediate(),
      exchange: {
        request: (ctx, assessmentId) => hospitalExchange.createRequest(ctx, { assessmentId, expiresInDays: 30 }),
        importResponse: (ctx, text) => hospitalExchange.importResponse(ctx, { text, repin: false }),
      },
    }),
    exchange: {
      identity: () => describeIdentity(identity()),
      hospital: hospitalExchange,
      modelCard,
      vendor: createVendorWorkspace({ repo: exchangeRepo, tx, clock, ids, identity, organisation }),
    },
    verifyLedger: (expected) => verifyLedger(db, expected),
    store,
    exports: createExportService({
      db,
      run,
      clock,
      appVersion: options.appVersion ?? '0.0.0',
      systems,
      assessments,
      risks,
      templates: () => templates.set(),
      style: () => loadReportStyle(options.templatesDir, settings.get().organisation),
      writers: { registerDocx: buildRegisterDocument, registerCsv, questionnaireDocx: buildQuestionnaireDocument, writeFile: writeFileAtomic, ...options.exportWriters },
      board: createProgressBoard(),
    }),
    appInfo: () => {
      const status = store.status();
      const ledger = ledgerHead(db);
      return {
        name: 'Vigil',
        version: options.appVersion ?? '0.0.0',
        schemaVersion: latestSchemaVersion,
        databasePath: dbPath,
        auditEvents: ledger.length,
        ledgerHead: ledger.head,
        readOnly: status.readOnly,
        problem: status.problem,
        backupsDir: status.backupsDir,
        newestBackup: store.list()[0] ?? null,
      };
    },
  });
  const dispatch = createDispatcher(handlers, { onInternalError: options.onInternalError, readOnly, verifyPerson: (by) => people.verify(by) });
  return { dispatch, sweep };
}
