import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  assessmentStages,
  changeKinds,
  incidentKinds,
  roles,
  SystemCreateInput,
  type ActingAs,
  type AnswerChange,
  type CreatedRequest,
  type DemoResult,
  type RequestPackage,
  type ResponseAnswer,
} from '../../contract/index.ts';
import { demoVendorResponse } from './demo-vendor.ts';
import type { AssessmentsService } from '../assessments/assessments-service.ts';
import type { CallContext, Clock } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import type { PeopleService } from '../governance/people-service.ts';
import type { SystemsService } from '../inventory/systems-service.ts';
import type { RisksService } from '../risks/risks-service.ts';
import type { WorkflowService } from '../workflow/workflow-service.ts';
import { answeredAtCoverage, demoAnswer, type Posture } from './demo-answers.ts';

const DemoAssessment = z.strictObject({
  stage: z.enum(assessmentStages),
  posture: z.enum(['strong', 'mixed', 'weak']),
  coverage: z.number().min(0).max(1),
  /** Answer the vendor questionnaire as the vendor's (unverified) claims. */
  vendorSource: z.boolean().optional(),
  /** How far the committee has got with it. */
  review: z.enum(['submitted', 'inReview', 'approved', 'approvedWithConditions', 'returned']).optional(),
  evidence: z.array(z.strictObject({ question: z.enum(['first', 'first-vendor']), fileName: z.string(), text: z.string() })).optional(),
  /** Request the vendor's input and import their signed response, as the vendor exchange does. */
  vendorExchange: z.boolean().optional(),
  /** A CHAI Applied Model Card in templates/demo/ the vendor published, imported to pre-fill answers. */
  modelCard: z.string().regex(/^[a-z0-9-]+\.xml$/).optional(),
});

const DemoPortfolio = z.strictObject({
  id: z.string(),
  version: z.string(),
  description: z.string(),
  /** The fictional hospital the demo's committee papers are prepared for. */
  organisation: z.string().min(1).max(200),
  people: z.array(z.strictObject({ name: z.string(), email: z.string(), roles: z.array(z.enum(roles)) })),
  systems: z
    .array(
      SystemCreateInput.extend({
        archived: z.boolean().optional(),
        assessments: z.array(DemoAssessment).default([]),
        changes: z
          .array(z.strictObject({ kind: z.enum(changeKinds), description: z.string(), modelVersion: z.string(), provenance: z.string(), datasetDigest: z.string(), changeNotice: z.string() }))
          .default([]),
        incidents: z.array(z.strictObject({ kind: z.enum(incidentKinds), description: z.string() })).default([]),
      }),
    )
    .min(1),
});

export interface DemoService {
  load(ctx: CallContext): DemoResult;
}

// The demo's cast (see templates/demo/portfolio.json): who assesses, reviews, chairs, owns risks.
const assessor: ActingAs = { name: 'Maria Lopez', role: 'assessor' };
const reviewerA: ActingAs = { name: 'Tom Okafor', role: 'reviewer' };
const reviewerB: ActingAs = { name: 'Dr Hannah Weiss', role: 'reviewer' };
const chair: ActingAs = { name: 'Dr Priya Raman', role: 'committeeChair' };
const owner = 'James Chen';

const addDays = (at: Date, days: number) => new Date(at.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Fills an empty database with the fictional portfolio in templates/demo/: people, systems at
 * different lifecycle stages, answered assessments, committee reviews, risks treated and
 * accepted, a model change and an incident — all through the same services (validation, audit
 * events, workflow machines) a user's own data goes through, in one transaction.
 */
export function createDemoService(deps: {
  templatesDir: string;
  clock: Clock;
  /** Names the organisation in Settings, so exported documents carry it. */
  setOrganisation: (ctx: CallContext, name: string) => void;
  /** Imports a model card into an assessment (answers the card settles, as the vendor's); returns how many it wrote. */
  applyModelCard: (ctx: CallContext, assessmentId: string, text: string, fileName: string) => number;
  systems: SystemsService;
  assessments: AssessmentsService;
  people: PeopleService;
  risks: RisksService;
  workflow: WorkflowService;
  transaction: <T>(fn: () => T) => T;
  exchange: { request(ctx: CallContext, assessmentId: string): CreatedRequest; importResponse(ctx: CallContext, text: string): unknown };
}): DemoService {
  const { systems, assessments, people, risks, workflow } = deps;
  const send = (ctx: CallContext, entityId: string, event: Parameters<WorkflowService['send']>[1]['event'], by?: ActingAs, comment = '', conditions: { text: string; owner: string; due: string }[] = []) =>
    workflow.send(ctx, { entityId, event, by, comment, conditions });

  /** Answer whatever is asked, section by section, so follow-up questions appear as they would. */
  const answerAll = (ctx: CallContext, id: string, plan: z.output<typeof DemoAssessment>, seed: string, requiredOnly: boolean) => {
    let count = 0;
    const detail = assessments.get(id);
    for (const questionnaire of detail.questionnaireSnapshots) {
      const source = questionnaire.kind === 'vendor' && plan.vendorSource ? 'vendor' : 'assessor';
      for (const section of questionnaire.sections) {
        const current = assessments.get(id);
        const visible = new Set(current.visibleQuestions);
        const answered = new Set(current.answers.filter((a) => a.unknown || a.value !== null).map((a) => a.questionId));
        const batch: AnswerChange[] = section.questions
          .filter((q) => visible.has(q.id) && !answered.has(q.id))
          .filter((q) => (requiredOnly ? q.required : answeredAtCoverage(q.id, plan.coverage, seed)))
          .map((q) => demoAnswer(q, plan.posture as Posture, seed));
        if (batch.length > 0) assessments.answer(ctx, id, batch, source);
        count += batch.length;
      }
    }
    return count;
  };

  /**
   * The vendor answers up to ten of the request's questions still open (with one evidence file),
   * in a signed response that is imported through every check. Returns the answers it added.
   */
  const vendorExchange = (ctx: CallContext, id: string, vendorName: string, plan: z.output<typeof DemoAssessment>, seed: string) => {
    const created = deps.exchange.request(ctx, id);
    const request = JSON.parse(created.text) as RequestPackage;
    const detail = assessments.get(id);
    const answered = new Set(detail.answers.map((a) => a.questionId));
    const templates = new Map(detail.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions)).map((q) => [q.id, q]));
    const chosen = request.questions.filter((q) => !answered.has(q.id) && detail.visibleQuestions.includes(q.id)).slice(0, 10);
    const answers: ResponseAnswer[] = chosen.flatMap((q): ResponseAnswer[] => {
      const template = templates.get(q.id);
      if (!template) return [];
      const change = demoAnswer(template, plan.posture as Posture, `${seed}:vendor`);
      return change.unknown || change.value === undefined || change.value === null ? [{ questionId: q.id, unknown: true }] : [{ questionId: q.id, value: change.value }];
    });
    const first = answers[0];
    const evidence = first ? { questionId: first.questionId, fileName: 'vendor-security-overview.txt', text: `${vendorName}: security overview supplied with the transparency response (fictional demo file).` } : null;
    deps.exchange.importResponse(ctx, demoVendorResponse(request, vendorName, deps.clock.now().toISOString(), answers, evidence));
    return answers.length;
  };

  /** Blocking risks are handled the way a committee would: accept what the chair may, treat the rest. */
  const settleRisks = (ctx: CallContext, assessmentId: string) => {
    const now = deps.clock.now();
    for (const risk of risks.blocking(assessmentId)) {
      const accepted = (() => {
        try {
          workflow.withGate(ctx, () =>
            risks.accept(ctx, risk.id, { by: chair, rationale: 'Accepted for a supervised pilot while the vendor delivers the fix in its next release.', expiry: addDays(now, 180) }),
          );
          return true;
        } catch (error) {
          if (error instanceof DomainError && error.code === 'FORBIDDEN') return false;
          throw error;
        }
      })();
      if (!accepted) {
        workflow.withGate(ctx, () =>
          risks.treat(
            ctx,
            risk.id,
            {
              kind: 'mitigate',
              owner,
              plan: `Reduce "${risk.threatName}" before go-live.`,
              actions: [
                { text: 'Agree the safeguard and its evidence with the vendor in writing', owner, due: addDays(now, 30) },
                { text: 'Verify the safeguard in local testing and attach the results', owner: 'Maria Lopez', due: addDays(now, 90) },
              ],
            },
            { name: owner, role: 'riskOwner' },
          ),
        );
      }
    }
  };

  const review = (ctx: CallContext, id: string, target: NonNullable<z.output<typeof DemoAssessment>['review']>) => {
    send(ctx, id, 'review.submit', assessor);
    if (target === 'submitted') return;
    send(ctx, id, 'review.start', reviewerA);
    if (target === 'returned') {
      send(ctx, id, 'review.return', reviewerA, 'The bench tests cover basal rates only: add bolus scenarios and the pump behaviour when the glucose signal drops out, then resubmit.');
      return;
    }
    send(ctx, id, 'review.approve', reviewerA, 'Safeguards are evidenced; residual risks are understood.');
    if (target === 'inReview') return;
    if (target === 'approvedWithConditions') {
      send(ctx, id, 'review.approveWithConditions', reviewerB, 'Approve, provided local subgroup performance is checked before go-live.', [
        { text: 'Report sensitivity by age band and sex on our own data before validation closes', owner: 'Maria Lopez', due: addDays(deps.clock.now(), 60) },
      ]);
    } else {
      send(ctx, id, 'review.approve', reviewerB, 'Agree.');
    }
    settleRisks(ctx, id);
  };

  return {
    load(ctx) {
      const existing = systems.list({ includeArchived: true, search: '' }).length;
      if (existing > 0) {
        throw new DomainError(
          'CONFLICT',
          `The demo portfolio loads only into an empty database; this one already holds ${existing} AI system(s). Use a new database, e.g. vigil demo --db demo.db.`,
          { existing },
        );
      }
      const file = join(deps.templatesDir, 'demo', 'portfolio.json');
      const parsed = DemoPortfolio.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (!parsed.success) {
        throw new DomainError('TEMPLATES_INVALID', `${file} is not a valid demo portfolio: ${parsed.error.issues[0]?.message ?? ''}`);
      }
      return deps.transaction(() => {
        deps.setOrganisation(ctx, parsed.data.organisation);
        for (const person of parsed.data.people) {
          if (!people.findByName(person.name)) people.save(ctx, { ...person, active: true });
        }
        let archived = 0;
        let answers = 0;
        for (const { archived: retire, assessments: plans, changes, incidents, ...fields } of parsed.data.systems) {
          const system = systems.create(ctx, fields);
          for (const plan of plans) {
            const started = assessments.start(ctx, { systemId: system.id, stage: plan.stage });
            const seed = `${system.name}:${plan.stage}`;
            answers += answerAll(ctx, started.id, plan, seed, false);
            if (plan.review) for (let round = 0; round < 4 && assessments.get(started.id).progress.missingRequired.length > 0; round++) answers += answerAll(ctx, started.id, plan, seed, true);
            for (const ev of plan.evidence ?? []) {
              const wanted = ev.question === 'first-vendor' ? started.questionnaireSnapshots.find((q) => q.kind === 'vendor') : started.questionnaireSnapshots[0];
              const questionId = wanted?.sections[0]?.questions[0]?.id;
              if (!questionId) continue;
              assessments.addEvidence(ctx, {
                assessmentId: started.id,
                questionId,
                fileName: ev.fileName,
                mediaType: ev.fileName.endsWith('.csv') ? 'text/csv' : 'text/plain',
                dataBase64: Buffer.from(ev.text, 'utf8').toString('base64'),
              });
            }
            if (plan.vendorExchange) answers += vendorExchange(ctx, started.id, fields.vendor, plan, seed);
            if (plan.modelCard) answers += deps.applyModelCard(ctx, started.id, readFileSync(join(deps.templatesDir, 'demo', plan.modelCard), 'utf8'), plan.modelCard);
            if (plan.review) review(ctx, started.id, plan.review);
          }
          for (const change of changes) workflow.trigger(ctx, { systemId: system.id, ...change });
          for (const incident of incidents) workflow.trigger(ctx, { systemId: system.id, ...incident, modelVersion: '', provenance: '', changeNotice: '' });
          if (retire) {
            systems.archive(ctx, system.id);
            archived++;
          }
        }
        return {
          systems: parsed.data.systems.length,
          archived,
          assessments: assessments.list(undefined).length,
          answers,
          people: parsed.data.people.length,
          risks: risks.list({}).length,
        };
      });
    },
  };
}
