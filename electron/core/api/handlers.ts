import type { AppInfo, MethodOutput } from '../../contract/index.ts';
import type { StoreOperations } from '../store/store-operations.ts';
import type { AssessmentsService } from '../assessments/assessments-service.ts';
import type { Role } from '../../contract/index.ts';
import type { PeopleService } from '../people/people-service.ts';
import type { AccountsService } from '../accounts/accounts-service.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import type { RisksService } from '../risks/risks-service.ts';
import type { WorkflowService } from '../workflow/workflow-service.ts';
import type { DemoService } from '../demo/demo-service.ts';
import type { SystemsService } from '../systems/systems-service.ts';
import type { VendorsService } from '../vendors/vendors-service.ts';
import type { MonitoringService } from '../monitoring/monitoring-service.ts';
import type { TemplatesService } from '../templates/templates-service.ts';
import type { Handlers } from './dispatcher.ts';
import type { ExportService } from '../export/export-service.ts';
import type { CommitteeService } from '../committee/committee-service.ts';
import type { DashboardService } from '../dashboard/dashboard-service.ts';
import type { ExchangeService } from '../exchange/exchange-service.ts';
import type { VendorWorkspace } from '../exchange/vendor-workspace.ts';
import type { ModelCardService } from '../exchange/model-card/model-card-service.ts';
import type { WorkspaceIdentity } from '../../contract/index.ts';
import type { LedgerPageQuery } from '../audit/ledger-page-repository.ts';

export interface HandlerDeps {
  systems: SystemsService;
  vendors: VendorsService;
  monitoring: MonitoringService;
  templates: TemplatesService;
  demo: DemoService;
  assessments: AssessmentsService;
  people: PeopleService;
  accounts: AccountsService;
  settings: SettingsService;
  risks: RisksService;
  workflow: WorkflowService;
  /** The bands of the installed risk matrix (acceptance authority is set per band). */
  knownBands: () => string[];
  history: (id: string) => Promise<MethodOutput<'systems.history'>>;
  reviewQueue: (name: string) => Promise<MethodOutput<'reviews.queue'>>;
  appInfo: () => Promise<AppInfo>;
  exchange: { identity: () => WorkspaceIdentity; hospital: ExchangeService; modelCard: ModelCardService; vendor: VendorWorkspace };
  verifyLedger: (expected?: { length: number; head: string; laterEventsAllowed?: boolean }) => Promise<MethodOutput<'audit.verify'>>;
  /** One page of the audit ledger (a read: never changes it). */
  auditEvents: (query: LedgerPageQuery) => Promise<MethodOutput<'audit.events'>>;
  store: StoreOperations;
  exports: ExportService;
  committee: CommitteeService;
  dashboard: DashboardService;
}

/**
 * The whole API surface of the core, one line per contract method. Who acts was settled by the
 * dispatcher (ctx.principal, ctx.actor); handlers only drop `by` from the input.
 */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { systems, templates, demo, assessments, people, settings, risks, workflow, appInfo, exchange, verifyLedger, store, exports } = deps;
  return {
    'app.info': () => appInfo(),
    'systems.list': (input) => systems.list(input),
    'systems.page': (input) => systems.page(input),
    'systems.get': ({ id }) => systems.get(id),
    'systems.create': ({ by: _by, ...fields }, ctx) => systems.create(ctx, fields),
    // The system record drives its assessments' visibility and scores: their listed columns follow, in the same transaction.
    'systems.update': ({ id, changes }, ctx) => assessments.withSystemChange(id, () => systems.update(ctx, id, changes)),
    'systems.archive': ({ id }, ctx) => systems.archive(ctx, id),
    'systems.unarchive': ({ id }, ctx) => systems.unarchive(ctx, id),
    'vendors.list': ({ search }) => deps.vendors.list(search),
    'vendors.get': ({ id }) => deps.vendors.get(id),
    'vendors.create': ({ by: _by, ...fields }, ctx) => deps.vendors.create(ctx, fields),
    'vendors.update': ({ id, changes }, ctx) => deps.vendors.update(ctx, id, changes),
    'monitoring.setCriteria': ({ by: _by, ...input }, ctx) => deps.monitoring.setCriteria(ctx, input),
    'monitoring.criteria': ({ assessmentId }) => deps.monitoring.criteria(assessmentId),
    'monitoring.import': ({ by: _by, ...input }, ctx) => deps.monitoring.import(ctx, input),
    'monitoring.summary': ({ systemId }) => deps.monitoring.summary(systemId),
    'assessments.start': ({ by: _by, ...input }, ctx) => assessments.start(ctx, input),
    'assessments.list': ({ systemId }) => assessments.list(systemId),
    'assessments.page': (query) => assessments.page(query),
    'assessments.get': ({ id }) => assessments.get(id),
    'assessments.answer': ({ id, answers }, ctx) => assessments.answer(ctx, id, answers, 'assessor'),
    'assessments.score': ({ id }) => assessments.score(id),
    'assessments.compare': ({ assessmentIds }) => assessments.compare(assessmentIds),
    'assessments.threatDetail': ({ id, threatId }) => assessments.threatDetail(id, threatId),
    'assessments.reviewAnswer': ({ by: _by, ...input }, ctx) => assessments.reviewAnswer(ctx, input),
    'assessments.resolveContradiction': ({ by: _by, ...input }, ctx) => assessments.resolveContradiction(ctx, input),
    'assessments.upgradeScoring': ({ id }, ctx) => assessments.upgradeScoring(ctx, id),
    'evidence.verify': ({ by: _by, ...input }, ctx) => assessments.verifyEvidence(ctx, input),
    'evidence.add': ({ by: _by, ...input }, ctx) => assessments.addEvidence(ctx, input),
    'evidence.get': ({ id }) => assessments.getEvidence(id),
    'evidence.remove': ({ id }, ctx) => assessments.removeEvidence(ctx, id),
    'workflow.send': ({ by: _by, ...input }, ctx) => workflow.send(ctx, input),
    'workflow.allowed': ({ entityId, by }) => workflow.allowed(entityId, by),
    // Reads never write: the due-date sweep runs at open and on the host's timer (core.sweep()).
    'reviews.queue': ({ name }) => deps.reviewQueue(name),
    'reviews.page': (query) => assessments.reviewPage(query),
    'risks.list': (filter) => risks.list(filter),
    'risks.page': (input) => risks.page(input),
    'risks.assignOwner': ({ ids, owner }, ctx) => risks.assignOwner(ctx, ids, owner),
    'risks.get': ({ id }) => risks.get(id),
    'risks.treat': ({ id, treatment }, ctx) => workflow.withGate(ctx, () => risks.treat(ctx, id, treatment)),
    'risks.requestAcceptance': ({ id, by: _by, ...input }, ctx) => risks.requestAcceptance(ctx, id, input),
    'risks.accept': ({ id, by: _by, ...input }, ctx) => workflow.withGate(ctx, () => risks.accept(ctx, id, input)),
    'systems.recordChange': ({ by: _by, ...input }, ctx) => workflow.trigger(ctx, input),
    'incidents.report': ({ by: _by, ...input }, ctx) =>
      workflow.trigger(ctx, { ...input, modelVersion: '', provenance: '', datasetDigest: '', changeNotice: '' }),
    'systems.history': ({ id }) => deps.history(id),
    'people.list': () => people.list(),
    'people.save': ({ by: _by, ...input }, ctx) => people.save(ctx, { ...input, roles: input.roles as Role[] }),
    'settings.get': () => settings.get(),
    'session.current': (_input, ctx) => (ctx.account ? { mode: 'team' as const, account: ctx.account } : { mode: 'desktop' as const }),
    'accounts.list': () => deps.accounts.list(),
    'accounts.save': (input, ctx) => deps.accounts.save(ctx, input),
    'accounts.setPassword': ({ id, password }, ctx) => deps.accounts.setPassword(ctx, id, password),
    'accounts.unlock': ({ id }, ctx) => deps.accounts.unlock(ctx, id),
    'accounts.signIns': (filter) => deps.accounts.signIns(filter),
    'settings.update': ({ by: _by, ...input }, ctx) => settings.update(ctx, input, deps.knownBands()),
    'audit.verify': ({ expected }) => verifyLedger(expected),
    'audit.events': (query) => deps.auditEvents(query),
    'backup.create': ({ out }, ctx) => store.backup(ctx, out),
    'backup.list': () => store.list(),
    'backup.restore': (input, ctx) => store.restore(ctx, input),
    'register.summary': ({ systemIds }) => deps.committee.summary(systemIds),
    'dashboard.summary': () => deps.dashboard.summary(),
    'export.register': ({ by: _by, ...input }, ctx) => exports.register(ctx, input),
    'export.questionnaire': ({ by: _by, ...input }, ctx) => exports.questionnaire(ctx, input),
    'export.comparison': ({ by: _by, ...input }, ctx) => exports.comparison(ctx, input),
    'export.progress': ({ progressKey }) => exports.progress(progressKey),
    'demo.load': (_input, ctx) => demo.load(ctx),
    'templates.list': () => templates.list(),
    'templates.get': ({ id }) => templates.get(id),
    'templates.catalog': () => templates.catalog(),
    'templates.coverage': () => templates.coverage(),
    'templates.lint': () => templates.lint(),
    'templates.calibration': () => templates.calibration(),
    'identity.get': () => exchange.identity(),
    'vendor.request': ({ by: _by, ...input }, ctx) => exchange.hospital.createRequest(ctx, input),
    'vendor.requests': ({ assessmentId }) => exchange.hospital.requests(assessmentId),
    'vendor.previewImport': ({ text }) => exchange.hospital.preview(text),
    'vendor.import': ({ by: _by, ...input }, ctx) => exchange.hospital.importResponse(ctx, input),
    'vendor.previewDocx': ({ dataBase64 }) => exchange.hospital.previewDocx(dataBase64),
    'vendor.importDocx': ({ dataBase64 }, ctx) => exchange.hospital.importDocx(ctx, { dataBase64 }),
    'modelCard.preview': (input) => exchange.modelCard.preview(input),
    'modelCard.apply': ({ by: _by, ...input }, ctx) => exchange.modelCard.apply(ctx, input),
    'vendorInbox.open': ({ text }, ctx) => exchange.vendor.open(ctx, text),
    'vendorInbox.list': () => exchange.vendor.list(),
    'vendorInbox.get': ({ id }) => exchange.vendor.get(id),
    'vendorInbox.answer': ({ id, answers }, ctx) => exchange.vendor.answer(ctx, id, answers),
    'vendorInbox.addEvidence': (input, ctx) => exchange.vendor.addEvidence(ctx, input),
    'vendorInbox.removeEvidence': (input, ctx) => exchange.vendor.removeEvidence(ctx, input),
    'vendorInbox.respond': (input, ctx) => exchange.vendor.respond(ctx, input),
  };
}
