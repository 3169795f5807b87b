import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { assessmentStages, SystemCreateInput, type AnswerChange, type DemoResult } from '../../contract/index.ts';
import type { AssessmentsService } from '../assessments/assessments-service.ts';
import type { CallContext } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import type { SystemsService } from '../inventory/systems-service.ts';
import { answeredAtCoverage, demoAnswer } from './demo-answers.ts';

const DemoAssessment = z.strictObject({
  stage: z.enum(assessmentStages),
  posture: z.enum(['strong', 'mixed', 'weak']),
  coverage: z.number().min(0).max(1),
  /** Answer the vendor questionnaire as the vendor's (unverified) claims. */
  vendorSource: z.boolean().optional(),
  evidence: z
    .array(z.strictObject({ question: z.enum(['first', 'first-vendor']), fileName: z.string(), text: z.string() }))
    .optional(),
});

const DemoPortfolio = z.strictObject({
  id: z.string(),
  version: z.string(),
  description: z.string(),
  systems: z.array(SystemCreateInput.extend({ archived: z.boolean().optional(), assessments: z.array(DemoAssessment).default([]) })).min(1),
});

export interface DemoService {
  load(ctx: CallContext): DemoResult;
}

/**
 * Fills an empty database with the fictional portfolio in templates/demo/, through the same
 * services (validation, audit events) a user's own data goes through, in one transaction.
 */
export function createDemoService(deps: {
  templatesDir: string;
  systems: SystemsService;
  assessments: AssessmentsService;
  transaction: <T>(fn: () => T) => T;
}): DemoService {
  return {
    load(ctx) {
      const existing = deps.systems.list({ includeArchived: true, search: '' }).length;
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
        let archived = 0;
        let assessments = 0;
        let answers = 0;
        for (const { archived: retire, assessments: plans, ...fields } of parsed.data.systems) {
          const system = deps.systems.create(ctx, fields);
          for (const plan of plans) {
            const started = deps.assessments.start(ctx, { systemId: system.id, stage: plan.stage });
            assessments++;
            const seed = `${system.name}:${plan.stage}`;
            // Answer section by section, as a person would, so follow-up questions appear.
            for (const questionnaire of started.questionnaireSnapshots) {
              const source = questionnaire.kind === 'vendor' && plan.vendorSource ? 'vendor' : 'assessor';
              for (const section of questionnaire.sections) {
                const visible = new Set(deps.assessments.get(started.id).visibleQuestions);
                const batch: AnswerChange[] = section.questions
                  .filter((q) => visible.has(q.id) && answeredAtCoverage(q.id, plan.coverage, seed))
                  .map((q) => demoAnswer(q, plan.posture, seed));
                if (batch.length > 0) deps.assessments.answer(ctx, started.id, batch, source);
                answers += batch.length;
              }
            }
            for (const file of plan.evidence ?? []) {
              const wanted = file.question === 'first-vendor' ? started.questionnaireSnapshots.find((q) => q.kind === 'vendor') : started.questionnaireSnapshots[0];
              const questionId = wanted?.sections[0]?.questions[0]?.id;
              if (!questionId) continue;
              deps.assessments.addEvidence(ctx, {
                assessmentId: started.id,
                questionId,
                fileName: file.fileName,
                mediaType: file.fileName.endsWith('.csv') ? 'text/csv' : 'text/plain',
                dataBase64: Buffer.from(file.text, 'utf8').toString('base64'),
              });
            }
          }
          if (retire) {
            deps.systems.archive(ctx, system.id);
            archived++;
          }
        }
        return { systems: parsed.data.systems.length, archived, assessments, answers };
      });
    },
  };
}
