import {
  frameworkNames,
  refFrameworks,
  riskStatusLabels,
  roleLabels,
  stageLabels,
  treatmentKindLabels,
  type AiSystem,
  type AssessmentDetail,
  type AssessmentSummary,
  type CommitteeSummary,
  type Question,
  type Risk,
  type RiskMatrix,
  type TemplateSet,
  type ReadinessSummary,
} from '../../contract/index.ts';
import type { AssessmentsService } from '../assessments/assessments-service.ts';
import type { SystemsService } from '../systems/systems-service.ts';
import type { RisksService } from '../risks/risks-service.ts';
import type { PeopleService } from '../people/people-service.ts';
import type { CommitteeService } from '../committee/committee-service.ts';
import { hasPlannedTreatment, hasValidAcceptance, isDone, isSelfGranted } from '../committee/risk-state.ts';
import { actorWords, addDays } from '../committee/words.ts';
import { currentAssessments, supersededBy } from '../rules/current-assessments.ts';
import { threatWordingFor } from '../scoring/threat-wording.ts';
import { DomainError } from '../domain-error.ts';
import { answerInWords, answerSourceWords } from './answer-words.ts';
import type { AppendixAssessment, DecisionNeeded, MatrixInfo, RegisterModel, RegisterMonitoring, RegisterReview, RegisterRisk, ReportStyle } from './register-model.ts';
import type { MonitoringSummary } from '../../contract/monitoring.ts';
import { assessmentStatusWords } from './words.ts';

/** Where the register reads a system's monitoring (issue 20): the monitoring service's summary, within the register's one read. */
export interface MonitoringSource {
  summary(systemId: string): Promise<MonitoringSummary>;
  monitoredSystems(): Promise<ReadonlySet<string>>;
}

export interface RegisterSources {
  systems: SystemsService;
  assessments: AssessmentsService;
  risks: RisksService;
  people: PeopleService;
  committee: CommitteeService;
  templates: () => TemplateSet;
  /** A system's clinician readiness (docs/readiness.md); left out, the pages say nothing of training. */
  readiness?: ((systemIds: readonly string[]) => Promise<ReadonlyMap<string, ReadinessSummary>>) | undefined;
  /** Absent: the register has no monitoring section. */
  monitoring?: MonitoringSource | undefined;
}

/** Registers exported before this one, oldest first (from the ledger). */
export interface EarlierRegister {
  at: string;
  /** The actor label the ledger recorded. */
  by: string;
  version: number;
}

export interface RegisterRequest {
  /** Empty: every system that is not archived. */
  systemIds: readonly string[];
  /** A selection: exactly these risks, with the systems and assessments they belong to (systemIds then empty). */
  riskIds?: readonly string[] | undefined;
  /** The actor label of whoever exports it ("Name (role)" or "os:login"). */
  preparedBy: string;
  generatedAt: string;
  /** Add the answers and evidence appendix. */
  withAnswers: boolean;
  status: 'draft' | 'final';
  /** YYYY-MM-DD; default 90 days after `generatedAt`. */
  nextReview?: string | undefined;
  registers: readonly EarlierRegister[];
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

/** How often the committee reviews the register unless told otherwise: a quarterly cycle. */
export const defaultReviewDays = 90;

/** Things the committee should notice about a risk, in words (RegisterRisk.flags). */
function flagsOf(risk: Risk, context: { today: string; sameThreatElsewhere: string[]; supersedes: string | null }): string[] {
  const flags: string[] = [];
  if (isSelfGranted(risk)) flags.push(`Acceptance requested and granted by the same person (${risk.acceptance?.grantedBy?.name ?? ''})`);
  if (risk.acceptance !== null && risk.acceptance.expiry < context.today && !isDone(risk)) flags.push(`Acceptance expired on ${risk.acceptance.expiry}`);
  if (risk.aboveAppetite && !isDone(risk) && !hasPlannedTreatment(risk) && !hasValidAcceptance(risk, context.today)) {
    flags.push(risk.status === 'acceptanceRequested' ? 'Above appetite: acceptance awaits a decision' : 'Above appetite with neither a treatment nor an acceptance');
  }
  if (risk.owner.trim() === '' && !isDone(risk)) flags.push('No owner named');
  for (const other of context.sameThreatElsewhere) flags.push(`The same threat is also listed from ${other}`);
  if (context.supersedes) flags.push(`Supersedes the risk from ${context.supersedes}`);
  return flags;
}

/** "RSK-A, RSK-B and 3 more": ids named in an error without making it a page long. */
function someIds(ids: readonly string[], shown = 10): string {
  const named = ids.slice(0, shown).join(', ');
  return ids.length > shown ? `${named} and ${ids.length - shown} more` : named;
}

interface Selection {
  risks: Risk[];
  ids: ReadonlySet<string>;
  /** Every risk recorded, for "37 of 412". */
  of: number;
}

/** The selected risks, or NOT_FOUND naming the ids that are not risks (before anything is written). */
async function selectedRisks(risks: RisksService, ids: readonly string[]): Promise<Selection> {
  const { risks: found, missing } = await risks.withIds(ids);
  if (missing.length > 0) {
    throw new DomainError('NOT_FOUND', `${missing.length === 1 ? 'There is no risk' : `There are no risks (${missing.length} of the ids)`} with the id ${someIds(missing)}; nothing was exported.`, {
      missing: missing.slice(0, 100),
    });
  }
  return { risks: found, ids: new Set(ids), of: await risks.count() };
}

/** The systems a register covers: a selection's, the ones named, or every system not archived. */
async function systemsInScope(sources: RegisterSources, request: RegisterRequest, selection: Selection | null): Promise<AiSystem[]> {
  if (selection) {
    const wanted = new Set(selection.risks.map((r) => r.systemId));
    // Archived or not: a risk someone selected is exported with its system.
    return (await sources.systems.list({ includeArchived: true, search: '' })).filter((s) => wanted.has(s.id));
  }
  const systems: AiSystem[] = [];
  if (request.systemIds.length === 0) systems.push(...(await sources.systems.list({ includeArchived: false, search: '' })));
  for (const id of request.systemIds) systems.push(await sources.systems.get(id));
  if (systems.length === 0) throw new DomainError('NOT_FOUND', 'There are no systems in the inventory to put in a register.');
  return systems;
}

/**
 * A register of selected risks names no other risk: the decisions and system pages' top risks
 * that concern a risk outside the selection are left out (the systems themselves are described whole).
 */
function committeeOfSelection(summary: CommitteeSummary, outside: ReadonlySet<string>): CommitteeSummary {
  return {
    ...summary,
    systems: summary.systems.map((s) => ({ ...s, topRisks: s.topRisks.filter((r) => !outside.has(r.riskId)) })),
    decisions: summary.decisions.filter((d) => !outside.has(d.ref)),
  };
}

const assessmentName = (a: Pick<AssessmentSummary, 'stage' | 'createdAt'>) => `the ${stageLabels[a.stage].toLowerCase()} assessment of ${a.createdAt.slice(0, 10)}`;

/** The monitoring of each system in scope that has data or criteria, one system after another (one read, one connection). */
async function monitoringOf(source: MonitoringSource | undefined, systems: readonly AiSystem[], assessments: ReadonlyMap<string, AssessmentSummary>): Promise<RegisterMonitoring[]> {
  if (!source) return [];
  const out: RegisterMonitoring[] = [];
  // One query for which systems have any monitoring, then a summary for those only: a register of
  // hundreds of systems asked each for nothing before.
  const monitored = await source.monitoredSystems();
  for (const system of systems) {
    if (!monitored.has(system.id)) continue;
    const summary = await source.summary(system.id);
    if (summary.criteria === null && summary.series.length === 0) continue;
    const from = summary.criteria ? assessments.get(summary.criteria.assessmentId) : undefined;
    const latest = summary.imports.map((i) => i.importedAt).sort().at(-1) ?? null;
    out.push({
      ...summary,
      systemName: system.name,
      criteriaFrom: summary.criteria ? `${from ? assessmentName(from) : 'the local validation assessment'} (${summary.criteria.assessmentId})${from ? `, ${assessmentStatusWords(from.status).toLowerCase()}` : ''}` : null,
      imports: { count: summary.imports.length, latestAt: latest },
    });
  }
  return out;
}

/**
 * Reads everything the register says from the services, in the order a committee reads it:
 * systems in scope, their current risks, the assessments behind them with sign-offs (and, when
 * asked, the answers). Runs inside one read (the caller's), so the document is one consistent
 * moment. The services are asked one after another: a read is one transaction on one connection.
 * Only current risks are listed: those of the latest assessment of each stage
 * (rules/current-assessments.ts); each says which assessment it comes from. A selection lists
 * exactly the risks selected (current or not) and the assessments they come from.
 */
export async function collectRegister(sources: RegisterSources, request: RegisterRequest): Promise<RegisterModel> {
  const set = sources.templates();
  const today = request.generatedAt.slice(0, 10);
  const selection = request.riskIds === undefined ? null : await selectedRisks(sources.risks, request.riskIds);
  const systems = await systemsInScope(sources, request, selection);
  const threats = new Map(set.threats.threats.map((t) => [t.id, t]));
  const systemsById = new Map(systems.map((s) => [s.id, s]));
  const controls = new Map(set.controls.controls.map((c) => [c.id, c]));
  const bandOrder = new Map(set.matrix.bands.map((b, i) => [b.id, i]));
  const registry = new Map(set.references.items.map((item) => [`${item.framework} ${item.id}`, item]));

  const everyAssessment: AssessmentSummary[] = [];
  const systemRisks: Risk[] = [];
  for (const s of systems) everyAssessment.push(...(await sources.assessments.list(s.id)));
  for (const s of systems) systemRisks.push(...(await sources.risks.list({ systemId: s.id })));
  const selectedFrom = new Set(selection?.risks.map((r) => r.assessmentId));
  const inScope = selection ? everyAssessment.filter((a) => selectedFrom.has(a.id)) : currentAssessments(everyAssessment);
  const assessments = inScope.sort((a, b) => a.systemName.localeCompare(b.systemName) || a.createdAt.localeCompare(b.createdAt));
  const current = new Map(assessments.map((a) => [a.id, a]));
  const superseded = supersededBy(everyAssessment);
  const byId = new Map(everyAssessment.map((a) => [a.id, a]));
  const risks = (selection ? selection.risks : systemRisks.filter((r) => current.has(r.assessmentId))).sort((a, b) => b.residual.score - a.residual.score || (bandOrder.get(b.band) ?? 0) - (bandOrder.get(a.band) ?? 0) || a.systemName.localeCompare(b.systemName) || a.id.localeCompare(b.id));
  // Which current assessments list each (system, threat), and which superseded one listed it before.
  const listedFrom = new Map<string, string[]>();
  for (const r of risks) listedFrom.set(`${r.systemId} ${r.threatId}`, [...(listedFrom.get(`${r.systemId} ${r.threatId}`) ?? []), r.assessmentId]);
  const earlier = new Map<string, AssessmentSummary>();
  for (const r of systemRisks) {
    const newer = superseded.get(r.assessmentId);
    const old = byId.get(r.assessmentId);
    if (newer && old) earlier.set(`${newer.id} ${r.threatId}`, old);
  }

  const toRegisterRisk = (risk: Risk, detail: AssessmentDetail | undefined, questions: ReadonlyMap<string, Question>): RegisterRisk => {
    const score = detail?.profile.threats.find((t) => t.id === risk.threatId);
    const threat = threats.get(risk.threatId);
    const refs = threat?.refs ?? {};
    const expired = risk.acceptance !== null && risk.acceptance.expiry < today;
    const source = current.get(risk.assessmentId);
    const system = systemsById.get(risk.systemId);
    // The threat described for this system (its model type and clinical domain), not generically.
    const wording = threat && system ? threatWordingFor(threat, system) : null;
    const replaced = earlier.get(`${risk.assessmentId} ${risk.threatId}`);
    return {
      id: risk.id,
      systemId: risk.systemId,
      systemName: risk.systemName,
      assessmentId: risk.assessmentId,
      source: source
        ? { stage: source.stage, title: source.title, status: source.status }
        : { stage: '', title: risk.assessmentId, status: '' },
      flags: flagsOf(risk, {
        today,
        sameThreatElsewhere: (listedFrom.get(`${risk.systemId} ${risk.threatId}`) ?? [])
          .filter((id) => id !== risk.assessmentId)
          .flatMap((id) => {
            const other = current.get(id);
            return other ? [assessmentName(other)] : [];
          }),
        supersedes: replaced ? assessmentName(replaced) : null,
      }),
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
      description: wording?.description ?? risk.threatName,
      clinicalConsequence: wording?.clinicalConsequence ?? '',
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
  for (const r of risks) {
    const list = risksOf.get(r.assessmentId);
    if (list) list.push(r);
    else risksOf.set(r.assessmentId, [r]);
  }
  const written = new Map<string, RegisterRisk>();
  const read = new Map<string, { review: RegisterReview; appendix: AppendixAssessment | null; disagreements: DecisionNeeded[] }>();
  const takeDetail = (detail: AssessmentDetail) => {
    const a = current.get(detail.id);
    if (!a || read.has(a.id)) return;
    const disagreements: DecisionNeeded[] = [];
    for (const c of detail.profile.contradictions ?? []) {
      if (c.resolution) continue;
      const side = (x: (typeof c.credits)[number]) => `${x.questionId} "${x.answerText}" (${answerSourceWords({ source: x.source, transcribed: false }).toLowerCase()})`;
      disagreements.push({
        text: `Answers about "${c.controlName}" disagree in the ${stageLabels[a.stage].toLowerCase()} assessment of ${a.systemName}: ${c.credits.map(side).join(', ')} against ${c.denies.map(side).join(', ')}. It is scored as not in place until an assessor resolves it.`,
        ref: a.id,
      });
    }
    const questions = questionIndex(detail);
    for (const r of risksOf.get(a.id) ?? []) written.set(r.id, toRegisterRisk(r, detail, questions));
    read.set(a.id, { review: reviewOf(a, detail), appendix: request.withAnswers ? appendixOf(a, detail) : null, disagreements });
  };
  // The committee's summary joins this read (the same data as register.summary) and hands over
  // each assessment's detail as it reads it: evaluating a detail is most of a large register's
  // reading, and this way each is evaluated once.
  const summary = await sources.committee.summary(
    systems.map((s) => s.id),
    { eachDetail: takeDetail },
  );
  for (const a of assessments) if (!read.has(a.id)) takeDetail(await sources.assessments.get(a.id));
  const inOrder = assessments.flatMap((a) => {
    const entry = read.get(a.id);
    return entry ? [entry] : [];
  });
  const reviews = inOrder.map((x) => x.review);
  const appendix = inOrder.flatMap((x) => (x.appendix ? [x.appendix] : []));
  const disagreements = inOrder.flatMap((x) => x.disagreements);
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

  const aboveBySystem = new Map<string, { systemId: string; name: string; risks: number }>();
  for (const r of risks.filter((x) => x.aboveAppetite && !isDone(x))) {
    const entry = aboveBySystem.get(r.systemId) ?? { systemId: r.systemId, name: r.systemName, risks: 0 };
    entry.risks += 1;
    aboveBySystem.set(r.systemId, entry);
  }

  const committee = selection ? committeeOfSelection(summary, new Set(systemRisks.flatMap((r) => (selection.ids.has(r.id) ? [] : [r.id])))) : summary;
  const people = await sources.people.list();
  const approverRole = (roles: readonly string[]) => (roles.includes('committeeChair') ? 'committeeChair' : roles.includes('reviewer') ? 'reviewer' : null);
  const approvers = people
    .filter((p) => p.active)
    .flatMap((p) => {
      const role = approverRole(p.roles);
      return role ? [{ name: p.name, role }] : [];
    })
    .sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name) : a.role === 'committeeChair' ? -1 : 1))
    .map((p) => ({ name: p.name, role: roleLabels[p.role === 'committeeChair' ? 'committeeChair' : 'reviewer'] }));
  const previous = request.registers.at(-1);
  const author = actorWords(request.preparedBy);

  // Every framework ID the document cites, with its title from the reference list.
  const cited = new Map<string, { framework: string; id: string; title: string }>();
  for (const r of registerRisks) {
    for (const f of refFrameworks) {
      for (const id of threats.get(r.threatId)?.refs[f] ?? []) {
        cited.set(`${f} ${id}`, { framework: frameworkNames[f], id, title: registry.get(`${f} ${id}`)?.title ?? '' });
      }
    }
  }
  // One system at a time, inside the caller's read.
  const readiness: ReadonlyMap<string, ReadinessSummary> = sources.readiness ? await sources.readiness(systems.map((s) => s.id)) : new Map();
  const monitoring = await monitoringOf(sources.monitoring, systems, byId);
  const appetiteLabel = set.matrix.bands.find((b) => b.id === set.matrix.appetite)?.label ?? set.matrix.appetite;

  return {
    meta: {
      title: 'AI risk register',
      scope: selection
        ? `Selected risks: ${selection.risks.length} of ${selection.of}, from ${systems.length === 1 ? 'one system' : `${systems.length} systems`}`
        : request.systemIds.length === 0
          ? `All systems in the inventory (${systems.length})`
          : systems.map((s) => s.name).join('; '),
      selection: selection ? { risks: selection.risks.length, of: selection.of } : null,
      generatedAt: request.generatedAt,
      preparedBy: author,
      ledger: request.ledger,
      appVersion: request.appVersion,
    },
    documentControl: {
      version: request.registers.length + 1,
      status: request.status,
      author,
      approvers,
      nextReview: request.nextReview ?? addDays(today, defaultReviewDays),
      previous: previous ? { version: previous.version, at: previous.at, by: actorWords(previous.by) } : null,
    },
    committee,
    definitions: {
      likelihood: set.matrix.likelihood.map((l) => ({ level: l.level, label: l.label, description: l.description })),
      impact: set.matrix.impact.map((l) => ({ level: l.level, label: l.label, description: l.description })),
      bands: set.matrix.bands.map((b) => ({ id: b.id, label: b.label, colour: hex(b.color), meaning: b.description })),
      appetite: `The organisation accepts residual risks up to ${appetiteLabel}. A residual risk above ${appetiteLabel} needs a treatment plan (mitigate, transfer or avoid) or a formal acceptance by an authorised role, with a rationale and an expiry date.`,
    },
    glossary: [...cited.values()].sort((a, b) => a.framework.localeCompare(b.framework) || a.id.localeCompare(b.id, 'en', { numeric: true })),
    withAnswers: request.withAnswers,
    style: request.style,
    matrix: matrixInfo(set.matrix),
    systems: systems.map((s) => ({
      id: s.id,
      name: s.name,
      vendor: s.vendor,
      lifecycleStage: s.lifecycleStage,
      reassessmentDue: s.reassessmentDue,
      overdue: s.lifecycleStage === 'reassessmentDue' || (s.reassessmentDue !== null && s.reassessmentDue < today),
      readiness: readiness.get(s.id),
    })),
    summary: {
      inherentByBand,
      residualByBand,
      systemsAboveAppetite: [...aboveBySystem.values()].sort((a, b) => b.risks - a.risks || a.name.localeCompare(b.name)),
      decisionsNeeded: [...committee.decisions.map((d) => ({ text: d.text, ref: d.ref })), ...disagreements],
      overdueReassessments: committee.decisions
        .filter((d) => d.kind === 'reassessmentDue')
        .map((d) => {
          const page = committee.systems.find((x) => x.systemId === d.systemId);
          return { systemId: d.systemId, name: page?.name ?? d.systemId, due: d.due ?? today, reason: page?.reassessment.why ?? '' };
        }),
      expiredAcceptances: registerRisks
        .filter((r) => r.acceptance?.expired)
        .map((r) => ({ riskId: r.id, systemName: r.systemName, threatName: r.threatName, expiry: r.acceptance?.expiry ?? '' })),
    },
    heatmaps,
    monitoring,
    risks: registerRisks,
    reviews,
    appendix,
  };
}
