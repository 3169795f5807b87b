import { createDispatcher, type Dispatch } from './api/dispatcher.ts';
import { createHandlers } from './api/handlers.ts';
import { verifyLedgerRows } from './audit/verify-ledger.ts';
import { createCommandRunner, createTransactionRunner } from './command-runner.ts';
import { createPeopleService } from './people/people-service.ts';
import { createAccountsService } from './accounts/accounts-service.ts';
import { createAccountAuthority, defaultSessionPolicy, type AccountAuthority, type SessionPolicy } from './accounts/account-authority.ts';
import { reviewQueue } from './reviews/review-queue.ts';
import { createSettingsService } from './settings/settings-service.ts';
import { createSystemHistory } from './systems/system-history.ts';
import { createRisksService } from './risks/risks-service.ts';
import { createWorkflowService } from './workflow/workflow-service.ts';
import type { Clock, IdSource } from './deps.ts';
import { createAssessmentsService } from './assessments/assessments-service.ts';
import { createDemoService } from './demo/demo-service.ts';
import { createSystemsService } from './systems/systems-service.ts';
import { createVendorsService } from './vendors/vendors-service.ts';
import { createMonitoringService } from './monitoring/monitoring-service.ts';
import { monitoringObservations } from './monitoring/monitoring-observations.ts';
import { combineObservations } from './scoring/observed.ts';
import { latestSchemaVersion } from './store/migrations/index.ts';
import { createTemplatesService } from './templates/templates-service.ts';
import { writeFileAtomic } from './export/atomic-write.ts';
import { createExportService, type ExportWriters } from './export/export-service.ts';
import { createCommitteeService } from './committee/committee-service.ts';
import { createDashboardService } from './dashboard/dashboard-service.ts';
import { createProgressBoard } from './export/export-progress.ts';
import { buildQuestionnaireDocument } from './export/questionnaire-document.ts';
import { buildComparisonDocument } from './export/comparison-document.ts';
import { registerCsv } from './export/register-csv.ts';
import { buildRegisterDocument } from './export/register-document.ts';
import { loadReportStyle } from './export/report-style.ts';
import { createExchangeService } from './exchange/exchange-service.ts';
import { createVendorWorkspace } from './exchange/vendor-workspace.ts';
import { createModelCardService } from './exchange/model-card/model-card-service.ts';
import { createIdentitySource, describeIdentity, type KeyVault } from './exchange/workspace-identity.ts';
import type { StoreOperations } from './store/store-operations.ts';
import type { StoragePort } from './store/storage-port.ts';
import { lastScheduledRun } from './store/scheduled-jobs.ts';
import { readinessObservations } from './training/readiness-observations.ts';
import { createTrainingService } from './training/training-service.ts';


/** What every engine's core takes: time, ids, content, and the hooks tests replace. */
export interface ServiceOptions {
  clock: Clock;
  ids: IdSource;
  templatesDir: string;
  appVersion?: string;
  onInternalError?: (method: string, error: unknown) => void;
  /** Replaces document writers (tests: a writer that pauses, or fails, part way). */
  exportWriters?: Partial<ExportWriters>;
  /**
   * Run the due-date sweep every this many milliseconds while the core is open (the long-running
   * hosts: the app's core process, browser mode). The timer is unref'd and stops at close. The
   * sweep always runs once when the database opens; reads never run it.
   */
  sweepEveryMs?: number;
  /** Team mode: how long a session lives (default 30 minutes idle, 12 hours in all). */
  sessionPolicy?: SessionPolicy;
}

/** The interval the long-running hosts sweep at: expiries are by date, so minutes late is fine. */
export const hostSweepEveryMs = 10 * 60 * 1000;

/** The few facts about the engine the services need beside the storage port. */
export interface ServiceEngine {
  storage: StoragePort;
  /** Why the database may not be changed (a damaged SQLite file), or null when it may. */
  readOnly: string | null;
  /** Backups and restores of this engine, and its status. */
  store: StoreOperations;
  /** Where the data lives, as `app.info` shows it: a file path, or a team database's address. */
  location: string;
  /** Where the workspace's private key (vendor exchange) lives. */
  keyVault: KeyVault;
}

export interface ServiceGraph {
  dispatch: Dispatch;
  /** Resolves false when the sweep failed (reported through onInternalError), true otherwise. */
  sweep: () => Promise<boolean>;
  /** Appends a store event (backup, restore) to the ledger through the storage port. */
  record: (event: { at: string; actor: string; action: string; payload: unknown }) => Promise<void>;
  /** Sign-ins and sessions, for the team server (and `vigil team create-admin`). */
  authority: AccountAuthority;
}

/**
 * Every service and the dispatcher over one storage port: the same graph whichever engine is
 * under it (create-core.ts for SQLite, create-team-core.ts for PostgreSQL).
 */
export function buildServiceGraph(engine: ServiceEngine, options: ServiceOptions): ServiceGraph {
  const { storage, readOnly, store } = engine;
  const { clock, ids } = options;
  const run = createCommandRunner(storage, clock);
  const tx = createTransactionRunner(storage, clock);
  const templates = createTemplatesService(options.templatesDir);
  const vendors = createVendorsService({ store: storage, run, ids, clock });
  const systems = createSystemsService({ store: storage, run, ids, clock, matrix: () => templates.set().matrix, vendors });
  const people = createPeopleService({ store: storage, run, ids });
  const accounts = createAccountsService({ store: storage, run, ids });
  const settings = createSettingsService({ store: storage, run });
  const assessments = createAssessmentsService({
    store: storage,
    systems,
    templates,
    run,
    ids,
    clock,
    requiredSignOffs: async () => (await settings.get()).signOffsRequired,
    // What was observed after go-live raises the live profile (scoring model 2, issue 20).
    observations: combineObservations([monitoringObservations, readinessObservations]),
  });
  // Appetite and re-assessment intervals come from the organisation's installed matrix.
  const matrix = () => templates.set().matrix;
  const knownBands = () => matrix().bands.map((b) => b.id);
  const risks = createRisksService({ store: storage, tx, run, ids, clock, settings, matrix });
  const workflow = createWorkflowService({
    store: storage,
    tx,
    clock,
    ids,
    assessments,
    risks,
    matrix,
    separation: async () => ({ enabled: (await settings.get()).separationOfDuties }),
  });
  const training = createTrainingService({ store: storage, run, ids, clock, refreshLiveProfile: workflow.refreshLiveProfile });
  const monitoring = createMonitoringService({ store: storage, run, ids, clock, workflow });
  const history = createSystemHistory({ store: storage });
  const identity = createIdentitySource(engine.keyVault, () => clock.now().toISOString());
  const organisation = async () => (await settings.get()).organisation;
  const hospitalExchange = createExchangeService({ store: storage, tx, clock, ids, identity, organisation, assessments, systems, workflow });
  const system = { actor: 'Vigil (scheduled check)' };
  /**
   * Brings time-driven states up to date (expired acceptances → identified and the system due;
   * passed re-assessment dates → due), as its own audited transaction. Not a contract method:
   * only the hosts that own time (open, their timer) may run it, never a page or a read.
   */
  const sweep = async (): Promise<boolean> => {
    if (readOnly !== null) return true;
    try {
      await workflow.sweep(system);
      return true;
    } catch (error) {
      options.onInternalError?.('workflow.sweep', error);
      return false;
    }
  };
  // Calls wait for the sweep at open, so no read sees a state the clock has already moved on.
  const opened = sweep();
  const committee = createCommitteeService({ store: storage, clock, systems, assessments, risks, settings, matrix });
  const modelCard = createModelCardService({ store: storage, tx, assessments, systems, mappings: () => templates.set().modelCardMappings });
  const handlers = createHandlers({
    systems,
    vendors,
    monitoring,
    templates,
    assessments,
    people,
    accounts,
    settings,
    risks,
    workflow,
    training,
    knownBands,
    history: async (id: string) => {
      await systems.get(id);
      const gate = await workflow.gate(id);
      return history(id, await workflow.lifecycleState(id), gate.stage === null ? null : gate);
    },
    reviewQueue: (name: string) => reviewQueue({ people, assessments, risks, settings }, name),
    demo: createDemoService({
      applyModelCard: async (ctx, assessmentId, text, fileName) => (await modelCard.apply(ctx, { assessmentId, text, fileName, overwrite: false, confirmMismatch: false })).written.length,
      templatesDir: options.templatesDir,
      clock,
      setOrganisation: (ctx, organisation) => settings.update(ctx, { organisation }, knownBands()),
      systems,
      assessments,
      people,
      risks,
      workflow,
      write: (fn) => storage.write(() => fn()),
      exchange: {
        request: (ctx, assessmentId) => hospitalExchange.createRequest(ctx, { assessmentId, expiresInDays: 30 }),
        importResponse: (ctx, text) => hospitalExchange.importResponse(ctx, { text, repin: false }),
      },
      monitoring,
      training,
    }),
    exchange: {
      identity: () => describeIdentity(identity()),
      hospital: hospitalExchange,
      modelCard,
      vendor: createVendorWorkspace({ store: storage, tx, clock, ids, identity, organisation }),
    },
    committee,
    dashboard: createDashboardService({ store: storage, clock, matrix }),
    verifyLedger: async (expected) => verifyLedgerRows(await storage.read((r) => r.ledger.all()), expected),
    auditEvents: async (query) => ({ ...(await storage.read((r) => r.ledger.page(query))), offset: query.offset, limit: query.limit }),
    store,
    exports: createExportService({
      store: storage,
      run,
      clock,
      appVersion: options.appVersion ?? '0.0.0',
      systems,
      assessments,
      risks,
      people,
      committee,
      monitoring,
      templates: () => templates.set(),
      style: async () => loadReportStyle(options.templatesDir, await organisation()),
      vendorContact: async () => (await settings.get()).vendorContact,
      readiness: (systemIds) => training.readinessOfSystems(systemIds),
      writers: { registerDocx: buildRegisterDocument, registerCsv, questionnaireDocx: buildQuestionnaireDocument, comparisonDocx: buildComparisonDocument, writeFile: writeFileAtomic, ...options.exportWriters },
      board: createProgressBoard(),
    }),
    appInfo: async () => {
      const status = store.status();
      const { ledger, lastSweep } = await storage.read(async (r) => ({ ledger: await r.ledger.head(), lastSweep: await lastScheduledRun(r.settings, 'dueDateSweep') }));
      return {
        name: 'Vigil',
        version: options.appVersion ?? '0.0.0',
        schemaVersion: latestSchemaVersion,
        databasePath: engine.location,
        auditEvents: ledger.length,
        ledgerHead: ledger.head,
        readOnly: status.readOnly,
        problem: status.problem,
        backupsDir: status.backupsDir,
        newestBackup: store.list()[0] ?? null,
        lastSweep,
      };
    },
  });
  const dispatcher = createDispatcher(handlers, {
    onInternalError: options.onInternalError,
    readOnly,
    verifyPerson: (by) => people.verify(by),
    workspaceMode: async () => (await settings.get()).workspaceMode,
  });
  const dispatch: Dispatch = async (method, input, ctx) => {
    await opened;
    return dispatcher(method, input, ctx);
  };
  return {
    dispatch,
    sweep,
    authority: createAccountAuthority({ store: storage, clock, ids, policy: options.sessionPolicy ?? defaultSessionPolicy }),
    record: async (event) => {
      await storage.write((r) => r.ledger.append({ ...event, entity: 'database' }));
    },
  };
}
