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
  type AssessmentDetail,
  type CreatedRequest,
  type DemoResult,
  type RequestPackage,
  type ResponseAnswer,
} from '../../contract/index.ts';
import { DemoMonitoring, DemoTraining, demoMonitoringCsv, monthsAgo } from './demo-monitoring.ts';
import type { MonitoringService } from '../monitoring/monitoring-service.ts';
import type { TrainingService } from '../training/training-service.ts';
import { demoVendorResponse } from './demo-vendor.ts';
import type { AssessmentsService } from '../assessments/assessments-service.ts';
import { actingAs, type CallContext, type Clock } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import type { PeopleService } from '../people/people-service.ts';
import type { SystemsService } from '../systems/systems-service.ts';
import type { RisksService } from '../risks/risks-service.ts';
import type { WorkflowService } from '../workflow/workflow-service.ts';
import { systemMatches } from '../scoring/visibility.ts';
import { answeredAtCoverage, demoAnswer, settleStance, stanceOf, type Posture, type Stance } from './demo-answers.ts';

const DemoAssessment = z.strictObject({
  stage: z.enum(assessmentStages),
  posture: z.enum(['strong', 'mixed', 'weak']),
  coverage: z.number().min(0).max(1),
  /** Answer the vendor questionnaire as the vendor's (unverified) claims. */
  vendorSource: z.boolean().optional(),
  /** How far the committee has got with it. */
  review: z.enum(['submitted', 'inReview', 'approved', 'approvedWithConditions', 'returned']).optional(),
  /** Who answers for the hospital (a person with the assessor role in `people`); Maria Lopez unless named. */
  assessor: z.string().optional(),
  /**
   * The vendor answered the Word vendor questionnaire instead of running Vigil: the assessor
   * types its answers in as "the vendor's claim, transcribed" (vendor-answerable questions only).
   */
  transcribed: z.boolean().optional(),
  /** Answer "Not applicable" wherever a question offers it for this system's record. */
  notApplicable: z.boolean().optional(),
  evidence: z
    .array(
      z.strictObject({
        question: z.union([z.enum(['first', 'first-vendor']), z.string().regex(/^[A-Z]{2,3}-[A-Z]+-\d{2}$/)]),
        fileName: z.string(),
        text: z.string(),
      }),
    )
    .optional(),
  /**
   * Answers written in on purpose after the posture's, e.g. an assessor's finding that
   * contradicts the vendor's claim. `source: "vendor"` is the vendor's own answer; `transcribed`
   * the vendor's claim typed in from its questionnaire.
   */
  answers: z
    .record(
      z.string(),
      z.strictObject({ value: z.union([z.string(), z.array(z.string())]), source: z.enum(['assessor', 'vendor']).optional(), transcribed: z.boolean().optional() }),
    )
    .optional(),
  /** Free-text answers (given here) that a named assessor reviewed: adequate credits the safeguard, inadequate leaves the gap. */
  textReviews: z.array(z.strictObject({ question: z.string(), text: z.string(), verdict: z.enum(['adequate', 'inadequate']), by: z.string() })).optional(),
  /** Evidence files (by name: the portfolio's own, the vendor response's or the model card) a named assessor checked. */
  verifyEvidence: z.array(z.strictObject({ fileName: z.string(), by: z.string() })).optional(),
  /** Contradictions a named assessor settled, with the reason. */
  resolve: z.array(z.strictObject({ control: z.string(), decision: z.enum(['credit', 'deny']), note: z.string().min(1), by: z.string() })).optional(),
  /** Request the vendor's input and import their signed response, as the vendor exchange does. */
  vendorExchange: z.boolean().optional(),
  /** A request for the vendor's input sent and not answered yet (the dashboard's outstanding requests). */
  vendorRequestPending: z.boolean().optional(),
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
        /** A year of monitoring against the criteria its validation assessment records (issue 20). */
        monitoring: DemoMonitoring.optional(),
        /** Training records of the people using it. */
        training: z.array(DemoTraining).default([]),
      }),
    )
    .min(1),
});

export interface DemoService {
  load(ctx: CallContext): Promise<DemoResult>;
}

// The demo's cast (see templates/demo/portfolio.json): who assesses, reviews, chairs, owns risks.
const assessor: ActingAs = { name: 'Maria Lopez', role: 'assessor' };
const reviewerA: ActingAs = { name: 'Tom Okafor', role: 'reviewer' };
const reviewerB: ActingAs = { name: 'Dr Hannah Weiss', role: 'reviewer' };
const chair: ActingAs = { name: 'Dr Priya Raman', role: 'committeeChair' };
const owner = 'James Chen';

const questionsOf = (detail: { questionnaireSnapshots: AssessmentDetail['questionnaireSnapshots'] }) =>
  detail.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions));

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
  setOrganisation: (ctx: CallContext, name: string) => Promise<unknown>;
  /** Imports a model card into an assessment (answers the card settles, as the vendor's); returns how many it wrote. */
  applyModelCard: (ctx: CallContext, assessmentId: string, text: string, fileName: string) => Promise<number>;
  systems: SystemsService;
  assessments: AssessmentsService;
  people: PeopleService;
  risks: RisksService;
  workflow: WorkflowService;
  /** Runs the whole load as one write: the services' commands inside it join it, so it commits or vanishes as one. */
  write: <T>(fn: () => Promise<T>) => Promise<T>;
  exchange: { request(ctx: CallContext, assessmentId: string): Promise<CreatedRequest>; importResponse(ctx: CallContext, text: string): Promise<unknown> };
  monitoring: Pick<MonitoringService, 'setCriteria' | 'import'>;
  training: Pick<TrainingService, 'record'>;
}): DemoService {
  const { systems, assessments, people, risks, workflow } = deps;
  const send = (ctx: CallContext, entityId: string, event: Parameters<WorkflowService['send']>[1]['event'], by?: ActingAs, comment = '', conditions: { text: string; owner: string; due: string }[] = []) =>
    workflow.send(by ? actingAs(ctx, by) : ctx, { entityId, event, comment, conditions });

  /** Answer whatever is asked, section by section, so follow-up questions appear as they would. */
  const answerAll = async (ctx: CallContext, id: string, plan: z.output<typeof DemoAssessment>, seed: string, stance: Stance, requiredOnly: boolean) => {
    let count = 0;
    const detail = await assessments.get(id);
    const vendorAnswerable = new Set(questionsOf(detail).filter((q) => q.vendorAnswerable).map((q) => q.id));
    for (const questionnaire of detail.questionnaireSnapshots) {
      const source = questionnaire.kind === 'vendor' && plan.vendorSource ? 'vendor' : 'assessor';
      const transcribe = questionnaire.kind === 'vendor' && plan.transcribed === true;
      for (const section of questionnaire.sections) {
        const current = await assessments.get(id);
        const visible = new Set(current.visibleQuestions);
        const answered = new Set(current.answers.filter((a) => a.unknown || a.value !== null).map((a) => a.questionId));
        const batch: AnswerChange[] = section.questions
          .filter((q) => visible.has(q.id) && !answered.has(q.id))
          .filter((q) => (requiredOnly ? q.required : answeredAtCoverage(q.id, plan.coverage, seed)))
          .map((q) => demoAnswer(q, plan.posture as Posture, seed, stance))
          .map((change) => (transcribe && vendorAnswerable.has(change.questionId) ? { ...change, transcribed: true } : change));
        if (batch.length > 0) await assessments.answer(ctx, id, batch, source);
        count += batch.length;
      }
    }
    return count;
  };

  /**
   * The vendor answers up to ten of the request's questions still open (with one evidence file),
   * in a signed response that is imported through every check. Returns the answers it added.
   */
  const vendorExchange = async (ctx: CallContext, id: string, vendorName: string, plan: z.output<typeof DemoAssessment>, seed: string, stance: Stance) => {
    const created = await deps.exchange.request(ctx, id);
    const request = JSON.parse(created.text) as RequestPackage;
    const detail = await assessments.get(id);
    const answered = new Set(detail.answers.map((a) => a.questionId));
    const templates = new Map(detail.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions)).map((q) => [q.id, q]));
    const chosen = request.questions.filter((q) => !answered.has(q.id) && detail.visibleQuestions.includes(q.id)).slice(0, 10);
    const answers: ResponseAnswer[] = chosen.flatMap((q): ResponseAnswer[] => {
      const template = templates.get(q.id);
      if (!template) return [];
      const change = demoAnswer(template, plan.posture as Posture, `${seed}:vendor`, stance);
      return change.unknown || change.value === undefined || change.value === null ? [{ questionId: q.id, unknown: true }] : [{ questionId: q.id, value: change.value }];
    });
    const first = answers[0];
    const evidence = first ? { questionId: first.questionId, fileName: 'vendor-security-overview.txt', text: `${vendorName}: security overview supplied with the transparency response (fictional demo file).` } : null;
    await deps.exchange.importResponse(ctx, demoVendorResponse(request, vendorName, deps.clock.now().toISOString(), answers, evidence));
    return answers.length;
  };

  /** A named assessor acting: checked against Settings → People, and named in the ledger. */
  const asAssessor = (ctx: CallContext, name: string): CallContext => actingAs(ctx, { name, role: 'assessor' });

  /**
   * What the portfolio writes in on purpose once the posture's answers are in: answers (an
   * assessor's finding against the vendor's claim), "Not applicable" where the templates offer
   * it for this system, free text reviewed, evidence checked and contradictions settled — each
   * by the named assessor. Returns the answers it added.
   */
  const curate = async (ctx: CallContext, id: string, plan: z.output<typeof DemoAssessment>) => {
    let count = 0;
    const before = new Set((await assessments.get(id)).answers.map((a) => a.questionId));
    const add = async (changes: AnswerChange[], source: 'assessor' | 'vendor') => {
      if (changes.length === 0) return;
      await assessments.answer(ctx, id, changes, source);
      count += changes.filter((c) => !before.has(c.questionId)).length;
      for (const c of changes) before.add(c.questionId);
    };
    const written = Object.entries(plan.answers ?? {});
    for (const source of ['assessor', 'vendor'] as const) {
      await add(
        written.filter(([, a]) => (a.source ?? 'assessor') === source).map(([questionId, a]) => ({ questionId, value: a.value, ...(a.transcribed ? { transcribed: true as const } : {}) })),
        source,
      );
    }
    if (plan.notApplicable) {
      const detail = await assessments.get(id);
      const system = await systems.get(detail.systemId);
      const visible = new Set(detail.visibleQuestions);
      await add(
        questionsOf(detail)
          .filter((q) => visible.has(q.id) && q.notApplicable?.when.every((c) => systemMatches(system, c.system, c.in)))
          .map((q) => ({ questionId: q.id, notApplicable: true as const })),
        'assessor',
      );
    }
    const vendorKind = new Set((await assessments.get(id)).questionnaireSnapshots.filter((q) => q.kind === 'vendor').flatMap((q) => q.sections.flatMap((s) => s.questions.map((x) => x.id))));
    for (const review of plan.textReviews ?? []) {
      const fromVendor = vendorKind.has(review.question) && (plan.vendorSource || plan.transcribed);
      await add([{ questionId: review.question, value: review.text, ...(fromVendor && plan.transcribed ? { transcribed: true as const } : {}) }], fromVendor && plan.vendorSource ? 'vendor' : 'assessor');
      await assessments.reviewAnswer(asAssessor(ctx, review.by), { assessmentId: id, questionId: review.question, verdict: review.verdict });
    }
    for (const check of plan.verifyEvidence ?? []) {
      const file = (await assessments.get(id)).evidence.find((e) => e.fileName === check.fileName);
      if (!file) throw new DomainError('TEMPLATES_INVALID', `The demo portfolio checks evidence ${check.fileName}, which ${id} does not hold.`);
      await assessments.verifyEvidence(asAssessor(ctx, check.by), { id: file.id, verified: true });
    }
    for (const r of plan.resolve ?? []) {
      await assessments.resolveContradiction(asAssessor(ctx, r.by), { assessmentId: id, controlId: r.control, decision: r.decision, note: r.note });
    }
    return count;
  };

  /** Blocking risks are handled the way a committee would: accept what the chair may, treat the rest. */
  const settleRisks = async (ctx: CallContext, assessmentId: string) => {
    const now = deps.clock.now();
    for (const risk of await risks.blocking(assessmentId)) {
      const accepted = await (async () => {
        try {
          const asChair = actingAs(ctx, chair);
          // A refusal (FORBIDDEN) comes before risks.accept writes anything, so catching it inside the load's one write leaves nothing behind.
          await workflow.withGate(asChair, () =>
            // Expiring within the quarter, so the dashboard has acceptances (and re-assessments) coming due.
            risks.accept(asChair, risk.id, { rationale: 'Accepted for a supervised pilot while the vendor delivers the fix in its next release.', expiry: addDays(now, 75) }),
          );
          return true;
        } catch (error) {
          if (error instanceof DomainError && error.code === 'FORBIDDEN') return false;
          throw error;
        }
      })();
      if (!accepted) {
        const asOwner = actingAs(ctx, { name: owner, role: 'riskOwner' });
        await workflow.withGate(asOwner, () =>
          risks.treat(
            asOwner,
            risk.id,
            {
              kind: 'mitigate',
              owner,
              plan: `Reduce "${risk.threatName}" before go-live.`,
              actions: [
                // Already past due (promised at the procurement meeting): the dashboard's overdue actions.
                { text: 'Agree the safeguard and its evidence with the vendor in writing', owner, due: addDays(now, -14) },
                { text: 'Verify the safeguard in local testing and attach the results', owner: 'Maria Lopez', due: addDays(now, 90) },
              ],
            },
          ),
        );
      }
    }
  };

  const review = async (ctx: CallContext, id: string, target: NonNullable<z.output<typeof DemoAssessment>['review']>) => {
    await send(ctx, id, 'review.submit', assessor);
    if (target === 'submitted') return;
    await send(ctx, id, 'review.start', reviewerA);
    if (target === 'returned') {
      await send(ctx, id, 'review.return', reviewerA, 'The bench tests cover basal rates only: add bolus scenarios and the pump behaviour when the glucose signal drops out, then resubmit.');
      return;
    }
    await send(ctx, id, 'review.approve', reviewerA, 'Safeguards are evidenced; residual risks are understood.');
    if (target === 'inReview') return;
    if (target === 'approvedWithConditions') {
      await send(ctx, id, 'review.approveWithConditions', reviewerB, 'Approve, provided local subgroup performance is checked before go-live.', [
        { text: 'Report sensitivity by age band and sex on our own data before validation closes', owner: 'Maria Lopez', due: addDays(deps.clock.now(), 60) },
      ]);
    } else {
      await send(ctx, id, 'review.approve', reviewerB, 'Agree.');
    }
    await settleRisks(ctx, id);
  };

  return {
    async load(ctx) {
      const existing = (await systems.list({ includeArchived: true, search: '' })).length;
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
      return deps.write(async () => {
        await deps.setOrganisation(ctx, parsed.data.organisation);
        for (const person of parsed.data.people) {
          if (!(await people.findByName(person.name))) await people.save(ctx, { ...person, active: true });
        }
        let archived = 0;
        let answers = 0;
        for (const { archived: retire, assessments: plans, changes, incidents, monitoring, training, ...fields } of parsed.data.systems) {
          const system = await systems.create(ctx, fields);
          const stance = stanceOf(system.name);
          for (const plan of plans) {
            const byAssessor = asAssessor(ctx, plan.assessor ?? assessor.name);
            const started = await assessments.start(byAssessor, { systemId: system.id, stage: plan.stage });
            const seed = `${system.name}:${plan.stage}`;
            settleStance(started.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions)), plan.posture, seed, stance);
            answers += await answerAll(byAssessor, started.id, plan, seed, stance, false);
            if (plan.review) {
              for (let round = 0; round < 4 && (await assessments.get(started.id)).progress.missingRequired.length > 0; round++) {
                answers += await answerAll(byAssessor, started.id, plan, seed, stance, true);
              }
            }
            for (const ev of plan.evidence ?? []) {
              const wanted = ev.question === 'first-vendor' ? started.questionnaireSnapshots.find((q) => q.kind === 'vendor') : started.questionnaireSnapshots[0];
              const questionId = ev.question === 'first' || ev.question === 'first-vendor' ? wanted?.sections[0]?.questions[0]?.id : ev.question;
              if (!questionId) continue;
              await assessments.addEvidence(byAssessor, {
                assessmentId: started.id,
                questionId,
                fileName: ev.fileName,
                mediaType: ev.fileName.endsWith('.csv') ? 'text/csv' : 'text/plain',
                dataBase64: Buffer.from(ev.text, 'utf8').toString('base64'),
              });
            }
            if (plan.vendorExchange) answers += await vendorExchange(byAssessor, started.id, fields.vendor, plan, seed, stance);
            if (plan.vendorRequestPending) await deps.exchange.request(byAssessor, started.id);
            if (plan.modelCard) answers += await deps.applyModelCard(byAssessor, started.id, readFileSync(join(deps.templatesDir, 'demo', plan.modelCard), 'utf8'), plan.modelCard);
            answers += await curate(byAssessor, started.id, plan);
            stance.commit();
            // The metrics the hospital will watch are agreed at local validation, before its review.
            if (plan.stage === 'validation' && monitoring) {
              await deps.monitoring.setCriteria(byAssessor, { assessmentId: started.id, criteria: monitoring.criteria, reviewPeriod: monitoring.reviewPeriod, expectedRevision: 0 });
            }
            if (plan.review) await review(ctx, started.id, plan.review);
          }
          for (const change of changes) await workflow.trigger(ctx, { systemId: system.id, ...change });
          for (const incident of incidents) await workflow.trigger(ctx, { systemId: system.id, ...incident, modelVersion: '', provenance: '', changeNotice: '' });
          // A year of monitoring, as the hospital's export gives it: a breach records its drift event and re-assessment.
          const now = deps.clock.now();
          if (monitoring) {
            await deps.monitoring.import(asAssessor(ctx, assessor.name), { systemId: system.id, fileName: monitoring.fileName, text: demoMonitoringCsv(monitoring, now, system.name) });
          }
          for (const t of training) {
            const date = monthsAgo(now, t.monthsAgo, 12);
            await deps.training.record(asAssessor(ctx, assessor.name), system.id, {
              role: t.role,
              trained: t.trained,
              using: t.using,
              date,
              materialVersion: t.materialVersion,
              refresherDue: monthsAgo(now, t.monthsAgo - t.refresherAfterMonths, 12),
              note: '',
            });
          }
          if (retire) {
            await systems.archive(ctx, system.id);
            archived++;
          }
        }
        return {
          systems: parsed.data.systems.length,
          archived,
          assessments: (await assessments.list(undefined)).length,
          answers,
          people: parsed.data.people.length,
          risks: (await risks.list({})).length,
        };
      });
    },
  };
}
