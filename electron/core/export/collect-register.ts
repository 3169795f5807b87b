import {
  frameworkNames,
  refFrameworks,
  riskStatusLabels,
  treatmentKindLabels,
  type AiSystem,
  type AssessmentDetail,
  type AssessmentSummary,
  type Question,
  type Risk,
  type RiskMatrix,
  type TemplateSet,
} from '../../contract/index.ts';
import type { AssessmentsService } from '../assessments/assessments-service.ts';
import type { SystemsService } from '../systems/systems-service.ts';
import type { RisksService } from '../risks/risks-service.ts';
import { DomainError } from '../domain-error.ts';
import { answerInWords, answerSourceWords } from './answer-words.ts';
import type { AppendixAssessment, DecisionNeeded, MatrixInfo, RegisterModel, RegisterReview, RegisterRisk, ReportStyle } from './register-model.ts';

export interface RegisterSources {
  systems: SystemsService;
  assessments: AssessmentsService;
  risks: RisksService;
  templates: () => TemplateSet;
}

export interface RegisterRequest {
  /** Empty: every system that is not archived. */
  systemIds: readonly string[];
  preparedBy: string;
  generatedAt: string;
  ledger: { head: string; length: number };
  appVersion: string;
  style: ReportStyle;
}

const hex = (colour: string) => colour.replace(/^#/, '').toUpperCase();

export function matrixInfo(matrix: RiskMatrix): MatrixInfo {
  return {
    likelihood: matrix.likelihood.map((l) => l.label),
    impact: matrix.impact.map((l) => l.label),
    bands: matrix.bands.map((b) => ({ id: b.id, label: b.label, colour: hex(b.color) })),
    appetite: matrix.appetite,
    cells: matrix.cells.map((row) => [...row]),
  };
}

const emptyHeatmap = () => Array.from({ length: 5 }, () => Array.from({ length: 5 }, () => 0));

/** Questions of an assessment's pinned questionnaires by id. */
export function questionIndex(detail: AssessmentDetail): Map<string, Question> {
  return new Map(detail.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions.map((question) => [question.id, question] as const))));
}

function reviewOf(a: AssessmentSummary, detail: AssessmentDetail): RegisterReview {
  return {
    assessmentId: a.id,
    systemName: a.systemName,
    stage: a.stage,
    title: a.title,
    status: a.status,
    submittedAt: detail.review.submittedAt,
    decidedAt: detail.review.decidedAt,
    requiredSignOffs: detail.review.requiredSignOffs,
    signOffs: detail.review.signOffs,
    previousRounds: detail.review.previousRounds,
  };
}

/** The answers given (hidden follow-ups left out) in words, and the evidence fingerprints. */
function appendixOf(a: AssessmentSummary, detail: AssessmentDetail): AppendixAssessment {
  const questions = questionIndex(detail);
  const visible = new Set(detail.visibleQuestions);
  return {
    assessmentId: a.id,
    systemName: a.systemName,
    stage: a.stage,
    title: a.title,
    questionnaires: a.questionnaires,
    answers: detail.answers
      .filter((ans) => visible.has(ans.questionId) && (ans.value !== null || ans.unknown || ans.notApplicable))
      .map((ans) => ({
        questionId: ans.questionId,
        question: questions.get(ans.questionId)?.text ?? ans.questionId,
        answer:
          answerInWords(questions.get(ans.questionId), ans) +
          (ans.review ? ` (reviewed: ${ans.review.verdict} — ${ans.review.by}, ${ans.review.at.slice(0, 10)})` : ''),
        source: answerSourceWords(ans),
        answeredBy: ans.answeredBy,
        answeredAt: ans.answeredAt,
        flagged: ans.flagged,
      })),
    evidence: detail.evidence.map((e) => ({
      questionId: e.questionId,
      fileName: e.fileName,
      sha256: e.sha256,
      size: e.size,
      addedBy: e.addedBy,
      addedAt: e.addedAt,
      checked: e.verifiedBy && e.verifiedAt ? { by: e.verifiedBy, at: e.verifiedAt } : null,
    })),
  };
}

function treatmentSummary(risk: Risk): string {
  if (risk.status === 'acceptanceRequested') return 'Acceptance requested';
  if (risk.status === 'accepted') return `Accepted until ${risk.acceptance?.expiry ?? '—'}`;
  if (risk.treatment) return `${treatmentKindLabels[risk.treatment.kind] ?? risk.treatment.kind}: ${risk.treatment.plan}`;
  return 'None yet';
}

/**
 * Reads everything the register says from the services, in the order a committee reads it:
 * systems in scope, their risks, the assessments behind them with sign-offs and answers.
 * Runs inside one read (the caller's), so the document is one consistent moment. The services
 * are asked one after another: a read is one transaction on one connection.
 */
export async function collectRegister(sources: RegisterSources, request: RegisterRequest): Promise<RegisterModel> {
  const set = sources.templates();
  const today = request.generatedAt.slice(0, 10);
  const systems: AiSystem[] = [];
  if (request.systemIds.length === 0) systems.push(...(await sources.systems.list({ includeArchived: false, search: '' })));
  for (const id of request.systemIds) systems.push(await sources.systems.get(id));
  if (systems.length === 0) throw new DomainError('NOT_FOUND', 'There are no systems in the inventory to put in a register.');
  const threats = new Map(set.threats.threats.map((t) => [t.id, t]));
  const controls = new Map(set.controls.controls.map((c) => [c.id, c]));
  const bandOrder = new Map(set.matrix.bands.map((b, i) => [b.id, i]));
  const bandLabel = (id: string) => set.matrix.bands.find((b) => b.id === id)?.label ?? id;

  const assessments: AssessmentSummary[] = [];
  const systemRisks: Risk[] = [];
  for (const s of systems) assessments.push(...(await sources.assessments.list(s.id)));
  for (const s of systems) systemRisks.push(...(await sources.risks.list({ systemId: s.id })));
  assessments.sort((a, b) => a.systemName.localeCompare(b.systemName) || a.createdAt.localeCompare(b.createdAt));
  const risks = systemRisks.sort((a, b) => b.residual.score - a.residual.score || (bandOrder.get(b.band) ?? 0) - (bandOrder.get(a.band) ?? 0) || a.systemName.localeCompare(b.systemName) || a.id.localeCompare(b.id));

  const toRegisterRisk = (risk: Risk, detail: AssessmentDetail | undefined, questions: ReadonlyMap<string, Question>): RegisterRisk => {
    const score = detail?.profile.threats.find((t) => t.id === risk.threatId);
    const threat = threats.get(risk.threatId);
    const refs = threat?.refs ?? {};
    const expired = risk.acceptance !== null && risk.acceptance.expiry < today;
    return {
      id: risk.id,
      systemId: risk.systemId,
      systemName: risk.systemName,
      assessmentId: risk.assessmentId,
      threatId: risk.threatId,
      threatName: risk.threatName,
      inherent: risk.inherent,
      residual: risk.residual,
      aboveAppetite: risk.aboveAppetite,
      keyControls: (score?.controls ?? [])
        .map((c) => ({ id: c.id, name: controls.get(c.id)?.name ?? c.id, strength: c.strength }))
        .sort((a, b) => (a.strength === b.strength ? a.name.localeCompare(b.name) : a.strength === 'full' ? -1 : 1)),
      owner: risk.owner,
      treatmentSummary: treatmentSummary(risk),
      dueDate: risk.dueDate,
      status: riskStatusLabels[risk.status] ?? risk.status,
      overdue: risk.overdue,
      description: threat?.description ?? risk.threatName,
      clinicalConsequence: threat?.clinicalConsequence ?? '',
      why: (score?.trace ?? []).map((t) => `${t.phase === 'inherent' ? 'Before safeguards' : 'Safeguards'}: ${t.detail}`),
      gaps: (score?.gaps ?? []).map((id) => ({ questionId: id, text: questions.get(id)?.text ?? id })),
      references: refFrameworks.flatMap((f) => {
        const ids = refs[f] ?? [];
        return ids.length > 0 ? [{ framework: frameworkNames[f], ids: [...ids] }] : [];
      }),
      treatment: risk.treatment,
      acceptance: risk.acceptance
        ? {
            rationale: risk.acceptance.rationale,
            expiry: risk.acceptance.expiry,
            requestedBy: risk.acceptance.requestedBy,
            grantedBy: risk.acceptance.grantedBy ?? null,
            expired,
          }
        : null,
    };
  };

  // One assessment at a time: a detail (questionnaires, answers, traced profile) is large, and
  // a big portfolio's would not all fit in memory at once; only what the register says is kept.
  const risksOf = new Map<string, Risk[]>();
  for (const r of risks) risksOf.set(r.assessmentId, [...(risksOf.get(r.assessmentId) ?? []), r]);
  const written = new Map<string, RegisterRisk>();
  const reviews: RegisterModel['reviews'] = [];
  const appendix: RegisterModel['appendix'] = [];
  const signOffsSoFar = new Map<string, { have: number; need: number }>();
  const disagreements: DecisionNeeded[] = [];
  for (const a of assessments) {
    const detail = await sources.assessments.get(a.id);
    for (const c of detail.profile.contradictions ?? []) {
      if (c.resolution) continue;
      const side = (x: (typeof c.credits)[number]) => `${x.questionId} "${x.answerText}" (${answerSourceWords({ source: x.source, transcribed: false }).toLowerCase()})`;
      disagreements.push({
        text: `Answers about "${c.controlName}" disagree in the ${a.title.toLowerCase()} of ${a.systemName}: ${c.credits.map(side).join(', ')} against ${c.denies.map(side).join(', ')}. It is scored as not in place until an assessor resolves it.`,
        ref: a.id,
      });
    }
    const questions = questionIndex(detail);
    for (const r of risksOf.get(a.id) ?? []) written.set(r.id, toRegisterRisk(r, detail, questions));
    signOffsSoFar.set(a.id, { have: detail.review.signOffs.length, need: detail.review.requiredSignOffs });
    reviews.push(reviewOf(a, detail));
    appendix.push(appendixOf(a, detail));
  }
  const registerRisks = risks.map((r) => written.get(r.id) ?? toRegisterRisk(r, undefined, new Map()));

  const heatmaps = { inherent: emptyHeatmap(), residual: emptyHeatmap() };
  const inherentByBand: Record<string, number> = Object.fromEntries(set.matrix.bands.map((b) => [b.id, 0]));
  const residualByBand: Record<string, number> = { ...inherentByBand };
  for (const r of risks) {
    const inh = heatmaps.inherent[r.inherent.likelihood - 1];
    const res = heatmaps.residual[r.residual.likelihood - 1];
    if (inh) inh[r.inherent.impact - 1] = (inh[r.inherent.impact - 1] ?? 0) + 1;
    if (res) res[r.residual.impact - 1] = (res[r.residual.impact - 1] ?? 0) + 1;
    inherentByBand[r.inherent.band] = (inherentByBand[r.inherent.band] ?? 0) + 1;
    residualByBand[r.residual.band] = (residualByBand[r.residual.band] ?? 0) + 1;
  }

  const open = (r: Risk) => !['closed', 'verified'].includes(r.status);
  const aboveBySystem = new Map<string, { systemId: string; name: string; risks: number }>();
  for (const r of risks.filter((x) => x.aboveAppetite && open(x))) {
    const entry = aboveBySystem.get(r.systemId) ?? { systemId: r.systemId, name: r.systemName, risks: 0 };
    entry.risks += 1;
    aboveBySystem.set(r.systemId, entry);
  }

  const decisionsNeeded: DecisionNeeded[] = [
    ...assessments
      .filter((a) => a.status === 'submitted' || a.status === 'inReview')
      .map((a) => {
        const so = signOffsSoFar.get(a.id);
        return {
          text: `Review and sign off the ${a.title.toLowerCase()} of ${a.systemName} (${so?.have ?? 0} of ${so?.need ?? 0} sign-offs so far).`,
          ref: a.id,
        };
      }),
    ...risks
      .filter((r) => r.status === 'acceptanceRequested')
      .map((r) => ({ text: `Decide whether to accept the ${bandLabel(r.band).toLowerCase()} risk "${r.threatName}" for ${r.systemName}.`, ref: r.id })),
    ...risks
      .filter((r) => r.aboveAppetite && r.status === 'identified')
      .map((r) => ({ text: `Agree a treatment, or an acceptance, for the ${bandLabel(r.band).toLowerCase()} risk "${r.threatName}" for ${r.systemName}: it is above appetite with neither.`, ref: r.id })),
    ...disagreements,
  ];

  return {
    meta: {
      title: 'AI risk register',
      scope: request.systemIds.length === 0 ? `All systems in the inventory (${systems.length})` : systems.map((s) => s.name).join('; '),
      generatedAt: request.generatedAt,
      preparedBy: request.preparedBy,
      ledger: request.ledger,
      appVersion: request.appVersion,
    },
    style: request.style,
    matrix: matrixInfo(set.matrix),
    systems: systems.map((s) => ({
      id: s.id,
      name: s.name,
      vendor: s.vendor,
      lifecycleStage: s.lifecycleStage,
      reassessmentDue: s.reassessmentDue,
      overdue: s.lifecycleStage === 'reassessmentDue' || (s.reassessmentDue !== null && s.reassessmentDue < today),
    })),
    summary: {
      inherentByBand,
      residualByBand,
      systemsAboveAppetite: [...aboveBySystem.values()].sort((a, b) => b.risks - a.risks || a.name.localeCompare(b.name)),
      decisionsNeeded,
      overdueReassessments: systems
        .filter((s) => s.lifecycleStage !== 'retired' && (s.lifecycleStage === 'reassessmentDue' || (s.reassessmentDue !== null && s.reassessmentDue < today)))
        .map((s) =>
          s.reassessmentDue !== null && s.reassessmentDue < today
            ? { systemId: s.id, name: s.name, due: s.reassessmentDue, reason: `re-assessment was due ${s.reassessmentDue}` }
            : { systemId: s.id, name: s.name, due: today, reason: 'due now: a change, an incident or an expired acceptance was recorded' },
        ),
      expiredAcceptances: registerRisks
        .filter((r) => r.acceptance?.expired)
        .map((r) => ({ riskId: r.id, systemName: r.systemName, threatName: r.threatName, expiry: r.acceptance?.expiry ?? '' })),
    },
    heatmaps,
    risks: registerRisks,
    reviews,
    appendix,
  };
}
