import type { AppInfo } from '../../contract/index.ts';
import type { AssessmentsService } from '../assessments/assessments-service.ts';
import type { DemoService } from '../demo/demo-service.ts';
import type { SystemsService } from '../inventory/systems-service.ts';
import type { TemplatesService } from '../templates/templates-service.ts';
import type { Handlers } from './dispatcher.ts';

export interface HandlerDeps {
  systems: SystemsService;
  templates: TemplatesService;
  demo: DemoService;
  assessments: AssessmentsService;
  appInfo: () => AppInfo;
}

/** The whole API surface of the core, one line per contract method. */
export function createHandlers({ systems, templates, demo, assessments, appInfo }: HandlerDeps): Handlers {
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
    'evidence.add': (input, ctx) => assessments.addEvidence(ctx, input),
    'evidence.get': ({ id }) => assessments.getEvidence(id),
    'evidence.remove': ({ id }, ctx) => assessments.removeEvidence(ctx, id),
    'demo.load': (_input, ctx) => demo.load(ctx),
    'templates.list': () => templates.list(),
    'templates.get': ({ id }) => templates.get(id),
    'templates.catalog': () => templates.catalog(),
    'templates.coverage': () => templates.coverage(),
    'templates.lint': () => templates.lint(),
  };
}
