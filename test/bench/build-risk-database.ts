import type { AnswerChange, AssessmentDetail, MethodName, Risk } from '../../electron/contract/index.ts';
import { createCore, type Core } from '../../electron/core/create-core.ts';
import { demoAnswer, stanceOf } from '../../electron/core/demo/demo-answers.ts';
import { randomIds, systemClock } from '../../electron/core/deps.ts';
import { templatesDir } from '../support/core-fixture.ts';

export const benchCtx = { actor: 'bench', trustedPaths: true };

export async function benchCall<T>(core: Core, method: MethodName, input: unknown): Promise<T> {
  const result = await core.dispatch(method, input, benchCtx);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/**
 * A real database holding about `risks` risks: systems with a procurement assessment answered
 * at the riskiest option everywhere, submitted, so the workflow opens a risk per threat above
 * Low. Built once, through the dispatcher, like a user's data.
 */
export async function buildRiskDatabase(dbPath: string, wanted: number): Promise<number> {
  const core = createCore({ dbPath, clock: systemClock, ids: randomIds, templatesDir });
  try {
    await benchCall(core, 'people.save', { name: 'Bench Assessor', roles: ['assessor'] });
    let total = 0;
    for (let n = 1; total < wanted; n++) {
      const system = await benchCall<{ id: string }>(core, 'systems.create', {
        name: `Clinical AI product ${n}`,
        vendor: `Vendor ${n % 40}`,
        autonomyLevel: 'automates',
        modelType: n % 2 === 0 ? 'generative' : 'predictive',
        dataCategories: ['phi', 'imaging', 'freeText'],
        deploymentType: n % 3 === 0 ? 'embeddedDevice' : 'vendorCloud',
        integrationPoints: ['ehr', 'pacs', 'devices'],
      });
      const started = await benchCall<AssessmentDetail>(core, 'assessments.start', { systemId: system.id, stage: 'procurement' });
      const questions = new Map(started.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions.map((x) => [x.id, x] as const))));
      const stance = stanceOf(`bench-${n}`);
      let detail = started;
      for (let round = 0; round < 6; round++) {
        const answered = new Set(detail.answers.filter((a) => a.value !== null || a.unknown).map((a) => a.questionId));
        const batch: AnswerChange[] = detail.visibleQuestions.filter((id) => !answered.has(id)).flatMap((id) => {
          const q = questions.get(id);
          return q ? [demoAnswer(q, 'weak', `bench-${n}`, stance)] : [];
        });
        if (batch.length === 0) break;
        await benchCall(core, 'assessments.answer', { id: started.id, answers: batch });
        detail = await benchCall<AssessmentDetail>(core, 'assessments.get', { id: started.id });
      }
      await benchCall(core, 'workflow.send', { entityId: started.id, event: 'review.submit', by: { name: 'Bench Assessor', role: 'assessor' } });
      // This system's risks only: counting every risk after each system made the build quadratic.
      total += (await benchCall<Risk[]>(core, 'risks.list', { systemId: system.id })).length;
    }
    return total;
  } finally {
    core.close();
  }
}

