import type { ActingAs, AppInfo, MethodOutput } from '../../contract/index.ts';
import type { CallContext } from '../deps.ts';
import type { StoreOperations } from '../store/store-operations.ts';
import type { AssessmentsService } from '../assessments/assessments-service.ts';
import type { Role } from '../../contract/index.ts';
import type { PeopleService } from '../governance/people-service.ts';
import type { SettingsService } from '../governance/settings-service.ts';
import type { RisksService } from '../risks/risks-service.ts';
import type { WorkflowService } from '../workflow/workflow-service.ts';
import type { DemoService } from '../demo/demo-service.ts';
import type { SystemsService } from '../inventory/systems-service.ts';
import type { TemplatesService } from '../templates/templates-service.ts';
import type { Handlers } from './dispatcher.ts';
import type { ExportService } from '../export/export-service.ts';
import type { ExchangeService } from '../exchange/exchange-service.ts';
import type { VendorWorkspace } from '../exchange/vendor-workspace.ts';
import type { ModelCardService } from '../exchange/model-card/model-card-service.ts';
import type { WorkspaceIdentity } from '../../contract/index.ts';

export interface HandlerDeps {
  systems: SystemsService;
  templates: TemplatesService;
  demo: DemoService;
  assessments: AssessmentsService;
  governance: {
    people: PeopleService;
    settings: SettingsService;
    risks: RisksService;
    workflow: WorkflowService;
    knownBands: () => string[];
    history: (id: string) => MethodOutput<'systems.history'>;
    queue: (name: string) => MethodOutput<'reviews.queue'>;
  };
  appInfo: () => AppInfo;
  exchange: { identity: () => WorkspaceIdentity; hospital: ExchangeService; modelCard: ModelCardService; vendor: VendorWorkspace };
  verifyLedger: (expected?: { length: number; head: string; laterEventsAllowed?: boolean }) => MethodOutput<'audit.verify'>;
  store: StoreOperations;
  exports: ExportService;
}

/** The ledger names the person acting, when there is one, rather than only the OS account. */
const acting = (ctx: CallContext, by: ActingAs | undefined): CallContext => (by ? { ...ctx, actor: `${by.name} (${by.role})` } : ctx);

/** The whole API surface of the core, one line per contract method. */
export function createHandlers({ systems, templates, demo, assessments, governance, appInfo, exchange, verifyLedger, store, exports }: HandlerDeps): Handlers {
  const verified = (ctx: CallContext, by: ActingAs | undefined): CallContext => {
    if (by) governance.people.verify(by);
    return acting(ctx, by);
  };
  return {
    'app.info': () => appInfo(),
    'systems.list': (input) => systems.list(input),
    'systems.get': ({ id }) => systems.get(id),
    'systems.create': (input, ctx) => systems.create(ctx, input),
    'systems.update': ({ id, changes }, ctx) => systems.update(ctx, id, changes),
    'systems.archive': ({ id }, ctx) => systems.archive(ctx, id),
    'systems.unarchive': ({ id }, ctx) => systems.unarchive(ctx, id),
    'assessments.start': (input, ctx) => assessments.start(ctx, input),
    'assessments.list': ({ systemId }) => assessments.list(systemId),
    'assessments.get': ({ id }) => assessments.get(id),
    'assessments.answer': ({ id, answers }, ctx) => assessments.answer(ctx, id, answers, 'assessor'),
    'assessments.score': ({ id }) => assessments.score(id),
    'assessments.reviewAnswer': ({ by, ...input }, ctx) => assessments.reviewAnswer(verified(ctx, by), input),
    'assessments.resolveContradiction': ({ by, ...input }, ctx) => assessments.resolveContradiction(verified(ctx, by), input),
    'assessments.upgradeScoring': ({ by, id }, ctx) => assessments.upgradeScoring(verified(ctx, by), id),
    'evidence.verify': ({ by, ...input }, ctx) => assessments.verifyEvidence(verified(ctx, by), input),
    'evidence.add': (input, ctx) => assessments.addEvidence(ctx, input),
    'evidence.get': ({ id }) => assessments.getEvidence(id),
    'evidence.remove': ({ id }, ctx) => assessments.removeEvidence(ctx, id),
    'workflow.send': (input, ctx) => governance.workflow.send(ctx, input),
    'workflow.allowed': ({ entityId, by }) => governance.workflow.allowed(entityId, by),
    // Reads never write: the due-date sweep runs at open and on the host's timer (core.sweep()).
    'reviews.queue': ({ name }) => governance.queue(name),
    'risks.list': (filter) => governance.risks.list(filter),
    'risks.get': ({ id }) => governance.risks.get(id),
    'risks.treat': ({ id, treatment, by }, ctx) => governance.workflow.withGate(acting(ctx, by), () => governance.risks.treat(ctx, id, treatment, by)),
    'risks.requestAcceptance': ({ id, ...input }, ctx) => governance.risks.requestAcceptance(ctx, id, input),
    'risks.accept': ({ id, ...input }, ctx) => governance.workflow.withGate(acting(ctx, input.by), () => governance.risks.accept(ctx, id, input)),
    'systems.recordChange': ({ by, ...input }, ctx) => governance.workflow.trigger(verified(ctx, by), input),
    'incidents.report': ({ by, ...input }, ctx) =>
      governance.workflow.trigger(verified(ctx, by), { ...input, modelVersion: '', provenance: '', datasetDigest: '', changeNotice: '' }),
    'systems.history': ({ id }) => governance.history(id),
    'people.list': () => governance.people.list(),
    'people.save': ({ by, ...input }, ctx) => governance.people.save(verified(ctx, by), { ...input, roles: input.roles as Role[] }),
    'settings.get': () => governance.settings.get(),
    'settings.update': ({ by, ...input }, ctx) => governance.settings.update(verified(ctx, by), input, governance.knownBands()),
    'audit.verify': ({ expected }) => verifyLedger(expected),
    'backup.create': ({ out }, ctx) => store.backup(ctx, out),
    'backup.list': () => store.list(),
    'backup.restore': (input, ctx) => store.restore(ctx, input),
    'export.register': ({ by, ...input }, ctx) => exports.register(verified(ctx, by), input),
    'export.questionnaire': ({ by, ...input }, ctx) => exports.questionnaire(verified(ctx, by), input),
    'export.progress': ({ progressKey }) => exports.progress(progressKey),
    'demo.load': (_input, ctx) => demo.load(ctx),
    'templates.list': () => templates.list(),
    'templates.get': ({ id }) => templates.get(id),
    'templates.catalog': () => templates.catalog(),
    'templates.coverage': () => templates.coverage(),
    'templates.lint': () => templates.lint(),
    'templates.calibration': () => templates.calibration(),
    'identity.get': () => exchange.identity(),
    'vendor.request': ({ by, ...input }, ctx) => exchange.hospital.createRequest(verified(ctx, by), input),
    'vendor.requests': ({ assessmentId }) => exchange.hospital.requests(assessmentId),
    'vendor.previewImport': ({ text }) => exchange.hospital.preview(text),
    'vendor.import': ({ by, ...input }, ctx) => exchange.hospital.importResponse(verified(ctx, by), input),
    'modelCard.preview': (input) => exchange.modelCard.preview(input),
    'modelCard.apply': ({ by, ...input }, ctx) => exchange.modelCard.apply(verified(ctx, by), input),
    'vendorInbox.open': ({ text }, ctx) => exchange.vendor.open(ctx, text),
    'vendorInbox.list': () => exchange.vendor.list(),
    'vendorInbox.get': ({ id }) => exchange.vendor.get(id),
    'vendorInbox.answer': ({ id, answers }, ctx) => exchange.vendor.answer(ctx, id, answers),
    'vendorInbox.addEvidence': (input, ctx) => exchange.vendor.addEvidence(ctx, input),
    'vendorInbox.removeEvidence': (input, ctx) => exchange.vendor.removeEvidence(ctx, input),
    'vendorInbox.respond': (input, ctx) => exchange.vendor.respond(ctx, input),
  };
}
