// Risk databases for the benchmarks, made through the dispatcher like a user's data (kept per
// size, schema and builder version by risk-database-cache.ts).
import type { AnswerChange, AnswerResult, AssessmentDetail, MethodName, Question, Risk, SystemCreateRequest } from '../../electron/contract/index.ts';
import { createCore, type Core } from '../../electron/core/create-core.ts';
import { demoAnswer, stanceOf, type Posture } from '../../electron/core/demo/demo-answers.ts';
import { randomIds, systemClock } from '../../electron/core/deps.ts';
import { templatesDir } from '../support/core-fixture.ts';

/**
 * Bump when the data this file makes changes, so cached databases are rebuilt.
 * 2: varied systems, owners, treatments (some overdue) and acceptances; answer sets reused.
 * 3: systems numbered one to N.
 */
export const builderVersion = 3;

export const benchCtx = { actor: 'bench', trustedPaths: true };

export async function benchCall<T>(core: Core, method: MethodName, input: unknown): Promise<T> {
  const result = await core.dispatch(method, input, benchCtx);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

const products = [
  'Sepsis early warning',
  'Chest X-ray triage',
  'Clinical notes summariser',
  'Diabetic retinopathy screening',
  'Discharge letter drafter',
  'Stroke CT detection',
  'Medication interaction checker',
  'Patient message assistant',
  'ICU deterioration predictor',
  'Mammography reader',
  'Radiology report generator',
  'Readmission risk score',
] as const;
const vendors = ['Aster Health AI', 'Brightline Imaging', 'Cardinal Clinical', 'Deltamed', 'Evergreen Analytics', 'Fjord Medical', 'Granite Diagnostics', 'Helix Care Systems', 'Iris Vision', 'Juniper Labs', 'Kestrel Health', 'Lumen Radiology', 'Meridian Genomics', 'Northwind Med', 'Orion Care AI', 'Pioneer Clinical', 'Quartz Health', 'Riverside Digital', 'Summit Diagnostics', 'Tidewater AI'] as const;
const owners = ['Amara Okafor', 'Ben Hartley', 'Chen Wei', 'Dana Kowalski', 'Elif Demir', 'Farah Nasser', 'Gustavo Ruiz', 'Hannah Lind', 'Isaac Mensah', 'Julia Novak', 'Kenji Sato', 'Lena Fischer'] as const;

/**
 * What decides an assessment's questions and answers: the system's profile and the hospital's
 * posture. Each variant is answered question by question once; later systems of the same
 * variant get that answer set in one assessments.answer call, as an import would.
 */
interface Variant {
  profile: Pick<SystemCreateRequest, 'autonomyLevel' | 'modelType' | 'dataCategories' | 'deploymentType' | 'integrationPoints' | 'worstCredibleHarm' | 'timeCritical'>;
  posture: Posture;
}
const variants: Variant[] = [
  { posture: 'weak', profile: { autonomyLevel: 'automates', modelType: 'generative', dataCategories: ['phi', 'imaging', 'freeText'], deploymentType: 'vendorCloud', integrationPoints: ['ehr', 'pacs', 'devices'], worstCredibleHarm: 'catastrophic', timeCritical: true } },
  { posture: 'weak', profile: { autonomyLevel: 'automates', modelType: 'predictive', dataCategories: ['phi', 'imaging', 'freeText'], deploymentType: 'embeddedDevice', integrationPoints: ['ehr', 'pacs', 'devices'], worstCredibleHarm: 'critical', timeCritical: true } },
  { posture: 'mixed', profile: { autonomyLevel: 'augments', modelType: 'predictive', dataCategories: ['phi', 'physiological'], deploymentType: 'vendorCloud', integrationPoints: ['ehr'], worstCredibleHarm: 'critical', timeCritical: true } },
  { posture: 'mixed', profile: { autonomyLevel: 'augments', modelType: 'generative', dataCategories: ['phi', 'freeText'], deploymentType: 'vendorCloud', integrationPoints: ['ehr', 'patientPortal'], worstCredibleHarm: 'serious', timeCritical: false } },
  { posture: 'weak', profile: { autonomyLevel: 'informs', modelType: 'predictive', dataCategories: ['phi'], deploymentType: 'onPremises', integrationPoints: ['ehr', 'lis'], worstCredibleHarm: 'serious', timeCritical: false } },
  { posture: 'strong', profile: { autonomyLevel: 'automates', modelType: 'predictive', dataCategories: ['phi', 'imaging'], deploymentType: 'onPremises', integrationPoints: ['pacs'], worstCredibleHarm: 'critical', timeCritical: true } },
];

const addDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Answers one assessment question by question (rounds, as branching shows more), returning the final answer set. */
async function answerByHand(core: Core, started: AssessmentDetail, posture: Posture, seed: string): Promise<AnswerChange[]> {
  const questions = new Map<string, Question>(started.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions.map((x) => [x.id, x] as const))));
  const stance = stanceOf(seed);
  let detail: Pick<AnswerResult, 'answers' | 'visibleQuestions'> = started;
  for (let round = 0; round < 8; round++) {
    const answered = new Set(detail.answers.filter((a) => a.value !== null || a.unknown).map((a) => a.questionId));
    const batch: AnswerChange[] = detail.visibleQuestions.filter((id) => !answered.has(id)).flatMap((id) => {
      const q = questions.get(id);
      return q ? [demoAnswer(q, posture, seed, stance)] : [];
    });
    if (batch.length === 0) break;
    detail = await benchCall<AnswerResult>(core, 'assessments.answer', { id: started.id, answers: batch });
  }
  return detail.answers.filter((a) => a.value !== null || a.unknown).map((a): AnswerChange => (a.unknown ? { questionId: a.questionId, unknown: true } : { questionId: a.questionId, value: a.value }));
}

/**
 * What happens to a system's risks after submission, so the register has every kind of row:
 * about a third are planned for (mitigation with dated actions, a quarter of them overdue, or
 * transfer), one in seven of the medium or high ones is accepted until a date, one in fifteen
 * has an acceptance requested, the rest stay identified. Owners rotate.
 */
async function governRisks(core: Core, risks: readonly Risk[], n: number): Promise<void> {
  const chair = { name: 'Bench Chair', role: 'committeeChair' };
  for (const [i, risk] of risks.entries()) {
    const k = (n * 7 + i * 13) % 105;
    const owner = owners[(n + i) % owners.length] as string;
    if (k < 35) {
      const overdue = k < 9;
      await benchCall(core, 'risks.treat', {
        id: risk.id,
        treatment:
          k % 5 === 4
            ? { kind: 'transfer', owner, plan: 'Vendor carries the risk under the service contract (indemnity and fix-within-30-days clause).', actions: [] }
            : {
                kind: 'mitigate',
                owner,
                plan: `Reduce ${risk.threatName.toLowerCase()} with the vendor's safeguard and local checks.`,
                actions: [
                  { text: 'Agree the safeguard and its evidence with the vendor', owner, due: addDays(overdue ? -20 - k : 10 + k * 3) },
                  { text: 'Verify the safeguard in local testing', owner: owners[(n + i + 3) % owners.length] as string, due: addDays(overdue ? 15 : 60 + k * 4) },
                ],
              },
      });
    } else if (k < 50 && risk.band !== 'critical') {
      await benchCall(core, 'risks.accept', { id: risk.id, by: chair, rationale: 'Accepted for a supervised pilot while the vendor delivers the fix.', expiry: addDays(120 + k * 5) });
    } else if (k < 57 && risk.band !== 'critical') {
      await benchCall(core, 'risks.requestAcceptance', { id: risk.id, by: { name: owner, role: 'riskOwner' }, rationale: 'Residual risk is tolerable with clinical oversight.', expiry: addDays(200 + k) });
    }
  }
}

/**
 * A real database holding about `wanted` risks (at least that many): systems with a
 * procurement assessment, submitted, so the workflow opens a risk per threat above Low, and
 * some of those risks treated or accepted. Built through the dispatcher, like a user's data.
 * Returns the number of risks.
 */
export async function buildRiskDatabase(dbPath: string, wanted: number): Promise<number> {
  const core = createCore({ dbPath, clock: systemClock, ids: randomIds, templatesDir });
  try {
    await benchCall(core, 'people.save', { name: 'Bench Assessor', roles: ['assessor'] });
    await benchCall(core, 'people.save', { name: 'Bench Chair', roles: ['committeeChair'] });
    for (const name of owners) await benchCall(core, 'people.save', { name, roles: ['riskOwner'] });
    await benchCall(core, 'settings.update', { acceptanceAuthority: { medium: ['riskOwner', 'committeeChair'], high: ['committeeChair'] } });
    const answerSets = new Map<number, AnswerChange[]>();
    let total = 0;
    for (let n = 1; total < wanted; n++) {
      const v = (n * 5) % variants.length;
      const variant = variants[v] as Variant;
      const system = await benchCall<{ id: string }>(core, 'systems.create', {
        // Numbered by system, so names of one product run 2, 14, 26 … 110: text order and natural order differ.
        name: `${products[n % products.length]} ${n}`,
        vendor: vendors[(n * 7) % vendors.length],
        owner: owners[(n * 5) % owners.length],
        intendedUse: 'Benchmark system',
        ...variant.profile,
      });
      const started = await benchCall<AssessmentDetail>(core, 'assessments.start', { systemId: system.id, stage: 'procurement' });
      const known = answerSets.get(v);
      if (known) await benchCall(core, 'assessments.answer', { id: started.id, answers: known });
      else answerSets.set(v, await answerByHand(core, started, variant.posture, `bench-variant-${v}`));
      await benchCall(core, 'workflow.send', { entityId: started.id, event: 'review.submit', by: { name: 'Bench Assessor', role: 'assessor' } });
      const risks = await benchCall<Risk[]>(core, 'risks.list', { systemId: system.id });
      await governRisks(core, risks, n);
      total += risks.length;
    }
    return total;
  } finally {
    core.close();
  }
}
