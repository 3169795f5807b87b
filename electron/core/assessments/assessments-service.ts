import { createHash } from 'node:crypto';
import {
  maxEvidenceBytes,
  type assessmentStages,
  type Answer,
  type AnswerChange,
  type AnswerResult,
  type AnswerSource,
  type AssessmentPage,
  type AssessmentRow as AssessmentListItem,
  type AssessmentDetail,
  type AssessmentSummary,
  type Comparison,
  type EvidenceFile,
  type EvidenceMeta,
  type Progress,
  type Question,
  type ReviewRecord,
  type RiskMatrix,
  type ThreatDetail,
  type ThreatProfile,
  type UpgradeScoringResult,
  currentScoringModel,
} from '../../contract/index.ts';
import type { CommandRunner, CommandStamp } from '../command-runner.ts';
import { transition, type SnapshotFrom } from 'xstate';
import { persist, restore, stateOf } from '../workflow/persisted.ts';
import { allowedReviewEvents } from '../workflow/review-events.ts';
import { reviewMachine } from '../workflow/review-machine.ts';
import type { CallContext, Clock, IdSource } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import { bandOrder } from '../rules/band-order.ts';
import { checkRevision } from '../rules/revisions.ts';
import { currentAssessments } from '../rules/current-assessments.ts';
import { isEditable } from '../rules/statuses.ts';
import { approvalCount } from '../rules/signers.ts';
import type { Repositories, StoragePort } from '../store/storage-port.ts';
import type { SystemsService } from '../systems/systems-service.ts';
import { contradictionFingerprint } from '../scoring/contradictions.ts';
import type { ObservationSource } from '../scoring/observed.ts';
import { systemMatches } from '../scoring/visibility.ts';
import type { TemplatesService } from '../templates/templates-service.ts';
import { answerProblem } from './answer-validation.ts';
import { compareAnswers } from './answers-repository.ts';
import { assessmentStatus, type AssessmentRow } from './assessments-repository.ts';
import type { AssessmentListQuery } from './assessment-page-repository.ts';
import { compareAssessments, type ComparedAssessment } from './compare-assessments.ts';
import { createEvaluator, type Evaluation } from './evaluate-assessment.ts';
import { hashSnapshot, snapshotFor, type LoadedSnapshot } from './snapshot.ts';
import { threatDetailOf } from './threat-detail.ts';

export const withoutTraces = (profile: ThreatProfile): ThreatProfile => ({
  ...profile,
  threats: profile.threats.map((t) => ({ ...t, trace: [] })),
});

const stageTitles: Record<(typeof assessmentStages)[number], string> = {
  procurement: 'Procurement assessment',
  validation: 'Local validation assessment',
  deployment: 'Deployment assessment',
  use: 'Routine use assessment',
};

export interface AssessmentsService {
  start(ctx: CallContext, input: { systemId: string; stage: (typeof assessmentStages)[number]; title?: string | undefined }): Promise<AssessmentDetail>;
  list(systemId: string | undefined): Promise<AssessmentSummary[]>;
  get(id: string): Promise<AssessmentDetail>;
  answer(ctx: CallContext, id: string, changes: readonly AnswerChange[], source: AnswerSource): Promise<AnswerResult>;
  score(id: string): Promise<ThreatProfile>;
  /** Two to four assessments side by side, each from its own evaluation (the profile `score` gives). */
  compare(ids: readonly string[]): Promise<Comparison>;
  /** One threat as its owner plans from it: wording for the system, why, gaps, safeguards that would lower it. */
  threatDetail(id: string, threatId: string): Promise<ThreatDetail>;
  addEvidence(ctx: CallContext, input: { assessmentId: string; questionId: string; fileName: string; mediaType: string; dataBase64: string }): Promise<EvidenceMeta>;
  getEvidence(id: string): Promise<EvidenceFile>;
  removeEvidence(ctx: CallContext, id: string): Promise<EvidenceMeta>;
  verifyEvidence(ctx: CallContext, input: { id: string; verified: boolean }): Promise<EvidenceMeta>;
  reviewAnswer(ctx: CallContext, input: { assessmentId: string; questionId: string; verdict: 'adequate' | 'inadequate' | null }): Promise<AnswerResult>;
  resolveContradiction(ctx: CallContext, input: { assessmentId: string; controlId: string; decision: 'credit' | 'deny'; note: string }): Promise<AnswerResult>;
  upgradeScoring(ctx: CallContext, id: string): Promise<UpgradeScoringResult>;
  /** For the review workflow: the row, its review snapshot, progress and a freshly scored profile. */
  workflowFacts(
    id: string,
    at: string,
  ): Promise<{ row: AssessmentRow; review: ReviewSnapshot; progress: Progress; profile: ThreatProfile; matrix: RiskMatrix; systemName: string; answers: Answer[] }>;
  /** Stores the review machine's new state, bumping its workflow revision (the stamp's actor changed it). */
  saveReview(id: string, snapshot: ReviewSnapshot, stamp: CommandStamp, extra?: { submittedAt?: string; decidedAt?: string }): Promise<void>;
  /** Stores a freshly scored profile and the progress it was scored with (submission). */
  storeProfile(profile: ThreatProfile, progress: Progress): Promise<void>;
  /**
   * Stores again what the lists sort by for every assessment of a system, as each now
   * evaluates, inside the caller's write: after a change outside the assessments that their
   * scores depend on — the system record (visibility, profile effects) or an approval of one
   * of them (later stages inherit its findings).
   */
  refreshSystem(systemId: string): Promise<void>;
  /** Runs a change to a system record and refreshes its assessments' listed scores in the same transaction. */
  withSystemChange<T>(systemId: string, change: () => Promise<T>): Promise<T>;
  /** One page of assessments (assessments.page). */
  page(query: Omit<AssessmentListQuery, 'bands' | 'review'>): Promise<AssessmentPage>;
  /** One page of the review log (reviews.page): assessments sent to review. */
  reviewPage(query: Omit<AssessmentListQuery, 'bands' | 'review' | 'stage' | 'status' | 'overallBand'> & { state?: 'awaiting' | 'decided' | undefined }): Promise<AssessmentPage>;
  latestOfSystem(systemId: string, stage: string | null): Promise<AssessmentRow | undefined>;
  /** A new draft of `stage`, answers carried from the system's last assessment and marked to re-confirm. */
  startCarried(
    stamp: CommandStamp,
    systemId: string,
    stage: (typeof assessmentStages)[number],
    title?: string,
  ): Promise<{ id: string; carriedFrom: string | null; carried: number }>;
  /**
   * Re-scores the system's current assessments (current-assessments.ts) with what is observed
   * now (monitoring, training) and stores their profiles, inside the caller's write. Returns the
   * submitted or decided ones, whose risks in the register follow their new scores.
   */
  refreshLiveProfiles(systemId: string, at: string): Promise<{ id: string; systemId: string; profile: ThreatProfile }[]>;
}

type ReviewSnapshot = SnapshotFrom<typeof reviewMachine>;

export function createAssessmentsService(deps: {
  store: StoragePort;
  systems: SystemsService;
  templates: TemplatesService;
  run: CommandRunner;
  ids: IdSource;
  clock: Clock;
  requiredSignOffs: () => Promise<number>;
  /** What monitoring and clinician training show about a system (the live profile); none by default. */
  observations?: ObservationSource;
}): AssessmentsService {
  const { store, systems, templates, run, ids, clock } = deps;
  const { loadSnapshot, evaluate } = createEvaluator(systems, deps.observations);

  const find = async (r: Repositories, id: string): Promise<AssessmentRow> => {
    const row = await r.assessments.find(id);
    if (!row) throw new DomainError('NOT_FOUND', `No assessment with id ${id}.`, { id });
    return row;
  };

  const refuseFrozen = (row: AssessmentRow) => {
    if (!isEditable(row.status)) {
      const hint = row.status === 'returned' ? ' Reopen it (review.reopen) to edit the answers.' : '';
      throw new DomainError('CONFLICT', `${row.id} is ${row.status}: its answers are frozen.${hint}`, { id: row.id, status: row.status });
    }
  };

  /** A new review machine state, holding the number of sign-offs required today. */
  const newReview = async () => restore(reviewMachine, null, { requiredSignOffs: await deps.requiredSignOffs() });

  // A stored state carries its own number of sign-offs; only assessments stored without one start anew.
  const reviewSnapshot = async (row: AssessmentRow): Promise<ReviewSnapshot> =>
    row.review_snapshot === null ? newReview() : restore(reviewMachine, row.review_snapshot);

  const reviewRecord = async (row: AssessmentRow): Promise<ReviewRecord> => {
    const snapshot = await reviewSnapshot(row);
    return {
      requiredSignOffs: snapshot.context.requiredSignOffs,
      signOffs: snapshot.context.signOffs,
      previousRounds: snapshot.context.previousRounds,
      allowedEvents: allowedReviewEvents(snapshot),
      approvals: approvalCount(snapshot.context.signOffs),
      submittedAt: row.submitted_at,
      decidedAt: row.decided_at,
      carriedFrom: row.carried_from,
    };
  };

  const summarize = (row: AssessmentRow, e: Evaluation): AssessmentSummary => ({
    id: row.id,
    systemId: row.system_id,
    systemName: e.system.name,
    stage: row.stage,
    title: row.title,
    status: row.status,
    questionnaires: e.snapshot.questionnaires.map((q) => ({ id: q.id, version: q.version })),
    progress: e.progress,
    overall: e.profile.overall,
    scoringModel: row.scoring_model,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
  });

  const detail = async (r: Repositories, row: AssessmentRow): Promise<AssessmentDetail> => {
    const e = await evaluate(r, row, clock.now().toISOString());
    return {
      ...summarize(row, e),
      editable: isEditable(row.status),
      review: await reviewRecord(row),
      questionnaireSnapshots: e.snapshot.questionnaires,
      catalog: { matrix: e.snapshot.matrix },
      answers: e.answers,
      evidence: e.evidence,
      visibleQuestions: [...e.visible],
      profile: e.profile,
    };
  };

  /**
   * Rescore after a change and store the scores, inside the caller's transaction. Traces are
   * left out of the per-answer copy (they are most of its size and any read recomputes them);
   * submission stores the full profile with traces.
   */
  const rescore = async (r: Repositories, row: AssessmentRow, at: string, written?: { answers: Answer[] }) => {
    const e = await evaluate(r, row, at, written);
    await r.assessments.saveProfile(withoutTraces(e.profile), e.progress);
    return e;
  };

  /**
   * Records a change to an assessment: the first answer or file moves a draft to inProgress,
   * anything later marks it changed. The transition is recorded in the command's own audit event
   * (one event per command), so it says whether it happened, with the row as it now stands.
   */
  const recordChange = async (r: Repositories, row: AssessmentRow, { at, actor }: CommandStamp): Promise<{ began: boolean; row: AssessmentRow }> => {
    if (row.status !== 'draft') {
      await r.assessments.touch(row.id, at, row.status);
      return { began: false, row: { ...row, updated_at: at } };
    }
    const [after] = transition(reviewMachine, await reviewSnapshot(row), { type: 'assessment.begin' });
    const status = assessmentStatus(stateOf(after));
    const snapshot = persist(reviewMachine, after);
    await r.assessments.saveReview({ id: row.id, status, snapshot, at, by: actor });
    return { began: true, row: { ...row, status, review_snapshot: snapshot, updated_at: at } };
  };

  /** "Not applicable" only where the question offers it and the system record matches its conditions. */
  const refuseNotApplicable = async (row: AssessmentRow, q: Question) => {
    const na = q.notApplicable;
    const system = await systems.get(row.system_id);
    const problem =
      row.scoring_model === 1
        ? `${q.id} cannot be answered "Not applicable" under scoring model 1; upgrade the assessment's scoring first.`
        : !na
          ? `${q.id} cannot be answered "Not applicable": it applies to every system.`
          : !na.when.every((c) => systemMatches(system, c.system, c.in))
            ? `${q.id} is "Not applicable" only when ${na.why.charAt(0).toLowerCase()}${na.why.slice(1)} This system's record does not say so.`
            : undefined;
    if (problem) throw new DomainError('VALIDATION_FAILED', problem, { issues: [{ path: q.id, message: problem }] });
  };

  const refreshSystem = (systemId: string) =>
    store.write(async (r) => {
      const at = clock.now().toISOString();
      for (const row of await r.assessments.list(systemId)) {
        const e = await evaluate(r, row, at);
        await r.assessments.saveListColumns(row.id, e.profile.overall, e.progress);
      }
    });

  /** The matrix in force's bands, lowest first: the order lists sort the overall band in. */
  const bands = () => bandOrder(templates.set().matrix);

  /**
   * A page of assessments as the lists show them: the band, highest residual and progress as
   * stored at the last rescore. An assessment stored before migration 011 and unchanged since
   * has no stored progress: it is worked out here for the rows of this page only, and not
   * stored (reads never write); such rows sort by progress as -1 (docs/lists.md).
   */
  const listPage = (query: AssessmentListQuery): Promise<AssessmentPage> =>
    store.read(async (r) => {
      const { rows, total } = await r.assessments.page(query);
      const at = clock.now().toISOString();
      const out: AssessmentListItem[] = [];
      for (const row of rows) {
        let requiredAnswered = row.required_answered;
        let required = row.required_count;
        if (requiredAnswered === null || required === null) {
          const { progress } = await evaluate(r, row, at);
          requiredAnswered = progress.requiredAnswered;
          required = progress.required;
        }
        out.push({
          id: row.id,
          systemId: row.system_id,
          systemName: row.system_name,
          title: row.title,
          stage: row.stage,
          status: row.status,
          overallBand: row.overall_band,
          highestResidual: row.highest_residual,
          requiredAnswered,
          required,
          createdAt: row.created_at,
          updatedAt: row.updated_at,
          submittedAt: row.submitted_at,
          decidedAt: row.decided_at,
        });
      }
      return { rows: out, total, offset: query.offset, limit: query.limit };
    });

  const answerResult = (row: AssessmentRow, e: Evaluation): AnswerResult => ({
    status: row.status,
    answers: e.answers,
    progress: e.progress,
    profile: e.profile,
    visibleQuestions: [...e.visible],
  });

  const question = (loaded: LoadedSnapshot, row: AssessmentRow, questionId: string): Question => {
    const q = loaded.index.questionsById.get(questionId);
    if (!q) {
      throw new DomainError('VALIDATION_FAILED', `${questionId} is not a question of ${row.id}.`, {
        issues: [{ path: 'questionId', message: `${questionId} is not a question of this assessment` }],
      });
    }
    return q;
  };

  return {
    start: (ctx, input) =>
      run(ctx, 'assessment.started', async ({ at, actor }, r) => {
        const system = await systems.get(input.systemId);
        if (system.archived) throw new DomainError('CONFLICT', `${system.id} is archived; unarchive it before assessing it.`);
        const snapshot = snapshotFor(templates.set(), input.stage);
        if (snapshot.questionnaires.length === 0) {
          throw new DomainError('TEMPLATES_INVALID', `No questionnaire is installed for the ${input.stage} stage.`);
        }
        const { hash, json } = hashSnapshot(snapshot);
        await r.assessments.ensureTemplateSnapshot(hash, json);
        const id = ids.next('ASM');
        const title = input.title?.trim() || `${stageTitles[input.stage]} of ${system.name}`;
        const review = persist(reviewMachine, await newReview());
        await r.assessments.insert({ id, systemId: system.id, stage: input.stage, title, hash, at, actor, review, carriedFrom: null });
        const row = await find(r, id);
        await rescore(r, row, at);
        return {
          entity: id,
          payload: { systemId: system.id, stage: input.stage, title, snapshot: hash, questionnaires: snapshot.questionnaires.map((q) => `${q.id}@${q.version}`) },
          result: await detail(r, row),
        };
      }),

    list: (systemId) =>
      store.read(async (r) => {
        if (systemId !== undefined) await systems.get(systemId);
        const at = clock.now().toISOString();
        const summaries: AssessmentSummary[] = [];
        for (const row of await r.assessments.list(systemId ?? null)) summaries.push(summarize(row, await evaluate(r, row, at)));
        return summaries;
      }),

    get: (id) => store.read(async (r) => detail(r, await find(r, id))),

    answer: (ctx, id, changes, source) =>
      run(ctx, 'assessment.answered', async ({ at, actor }, r) => {
        const row = await find(r, id);
        refuseFrozen(row);
        const loaded = await loadSnapshot(r, row.snapshot_hash);
        const existing = new Map((await r.answers.forAssessment(id)).map((a) => [a.questionId, a]));
        const seen = new Set<string>();
        const recorded: Answer[] = [];
        for (const change of changes) {
          const q = question(loaded, row, change.questionId);
          if (seen.has(q.id)) {
            throw new DomainError('VALIDATION_FAILED', `${q.id} is answered twice in one request.`, {
              issues: [{ path: 'answers', message: `${q.id} appears more than once` }],
            });
          }
          seen.add(q.id);
          if (change.value !== undefined && change.value !== null) {
            const problem = answerProblem(q, change.value);
            if (problem) throw new DomainError('VALIDATION_FAILED', problem, { issues: [{ path: q.id, message: problem }] });
          }
          if (change.notApplicable) await refuseNotApplicable(row, q);
          if (change.transcribed && (source !== 'assessor' || !q.vendorAnswerable)) {
            const problem = `${q.id} cannot be recorded as the vendor's claim: ${source !== 'assessor' ? 'it already comes from the vendor' : 'it is not a question for the vendor'}.`;
            throw new DomainError('VALIDATION_FAILED', problem, { issues: [{ path: q.id, message: problem }] });
          }
          const before = existing.get(q.id);
          if (change.expectedRevision !== undefined && change.expectedRevision !== (before?.revision ?? 0)) {
            checkRevision(
              { what: `the answer to ${q.id}`, reload: 'Reload to see their answer; nothing was saved.' },
              change.expectedRevision,
              await r.answers.revisionOf(id, q.id),
            );
          }
          const answering = change.value !== undefined || change.unknown === true || change.notApplicable === true;
          const value = change.unknown || change.notApplicable ? null : change.value !== undefined ? change.value : (before?.value ?? null);
          const transcribed = answering ? change.transcribed === true : (before?.transcribed ?? false);
          const answer: Answer = {
            questionId: q.id,
            value,
            unknown: change.unknown ? true : answering ? false : (before?.unknown ?? false),
            notApplicable: change.notApplicable ? true : answering ? false : (before?.notApplicable ?? false),
            flagged: change.flagged ?? before?.flagged ?? false,
            // A transcribed answer is the vendor's claim, typed in by the assessor.
            source: answering ? (transcribed ? 'vendor' : source) : (before?.source ?? source),
            transcribed,
            // A review holds for the words reviewed: a changed answer needs reviewing again.
            review: answering && JSON.stringify(value) !== JSON.stringify(before?.value ?? null) ? null : (before?.review ?? null),
            // Flagging someone's answer for later does not make it yours.
            answeredBy: answering || !before ? actor : before.answeredBy,
            answeredAt: answering || !before ? at : before.answeredAt,
            // Answering again re-confirms a carried answer; only flagging it does not.
            toReconfirm: answering ? false : (before?.toReconfirm ?? false),
            revision: (before?.revision ?? 0) + 1,
          };
          await r.answers.upsert(id, answer, { actor, at });
          recorded.push(answer);
        }
        const { began, row: changed } = await recordChange(r, row, { at, actor });
        // The answers as now stored, without reading them back: the ones read above with these written over them.
        for (const answer of recorded) existing.set(answer.questionId, answer);
        const e = await rescore(r, changed, at, { answers: [...existing.values()].sort(compareAnswers) });
        return {
          entity: id,
          payload: {
            ...(began ? { transition: { event: 'assessment.begin', from: 'draft', to: 'inProgress' } } : {}),
            source,
            answers: recorded.map((a) => ({
              questionId: a.questionId,
              value: a.value,
              unknown: a.unknown,
              ...(a.notApplicable ? { notApplicable: true } : {}),
              ...(a.transcribed ? { transcribed: true } : {}),
              flagged: a.flagged,
            })),
            overall: e.profile.overall,
          },
          result: answerResult(changed, e),
        };
      }),

    score: (id) => store.read(async (r) => (await evaluate(r, await find(r, id), clock.now().toISOString())).profile),

    compare: (ids) =>
      store.read(async (r) => {
        const rows = await Promise.all(ids.map((id) => r.assessments.find(id)));
        const unknown = ids.filter((_, i) => rows[i] === undefined);
        if (unknown.length > 0) {
          throw new DomainError('NOT_FOUND', `No assessment with id ${unknown.join(', ')}: nothing to compare.`, { ids: unknown });
        }
        const at = clock.now().toISOString();
        const items: ComparedAssessment[] = [];
        for (const row of rows) {
          if (!row) continue;
          const e = await evaluate(r, row, at);
          items.push({
            id: row.id,
            stage: row.stage,
            title: row.title,
            status: row.status,
            scoringModel: row.scoring_model,
            system: e.system,
            snapshot: e.snapshot,
            questionsById: e.index.questionsById,
            answers: e.answers,
            visible: e.visible,
            profile: e.profile,
            progress: e.progress,
          });
        }
        return compareAssessments(items, at);
      }),

    threatDetail: (id, threatId) =>
      store.read(async (r) => {
        const row = await find(r, id);
        const e = await evaluate(r, row, clock.now().toISOString());
        return threatDetailOf(row, e, threatId, templates.set().threats.threats.find((t) => t.id === threatId));
      }),

    workflowFacts: (id, at) =>
      store.read(async (r) => {
        const row = await find(r, id);
        const e = await evaluate(r, row, at);
        return { row, review: await reviewSnapshot(row), progress: e.progress, profile: e.profile, matrix: e.snapshot.matrix, systemName: e.system.name, answers: e.answers };
      }),

    saveReview: (id, snapshot, stamp, extra = {}) =>
      store.write((r) =>
        r.assessments.saveReview({ id, status: assessmentStatus(stateOf(snapshot)), snapshot: persist(reviewMachine, snapshot), at: stamp.at, by: stamp.actor, ...extra }),
      ),

    storeProfile: (profile, progress) => store.write((r) => r.assessments.saveProfile(profile, progress)),

    refreshLiveProfiles: (systemId, at) =>
      store.write(async (r) => {
        const rows = await r.assessments.list(systemId);
        const current = currentAssessments(rows.map((row) => ({ id: row.id, systemId: row.system_id, stage: row.stage, status: row.status, createdAt: row.created_at, row })));
        const decided: { id: string; systemId: string; profile: ThreatProfile }[] = [];
        for (const { row } of current) {
          const e = await evaluate(r, row, at);
          // A submitted profile is kept whole, as submission stores it; a draft's without traces.
          const editable = isEditable(row.status);
          await r.assessments.saveProfile(editable ? withoutTraces(e.profile) : e.profile, e.progress);
          if (!editable) decided.push({ id: row.id, systemId: row.system_id, profile: e.profile });
        }
        return decided;
      }),

    refreshSystem,

    withSystemChange: (systemId, change) =>
      store.write(async () => {
        const result = await change();
        await refreshSystem(systemId);
        return result;
      }),

    page: (query) => listPage({ ...query, bands: bands() }),

    reviewPage: ({ state, ...query }) => listPage({ ...query, review: { state }, bands: bands() }),

    latestOfSystem: (systemId, stage) => store.read((r) => r.assessments.latestOfSystem(systemId, stage)),

    startCarried: (stamp, systemId, stage, title) =>
      store.write(async (r) => {
        const system = await systems.get(systemId);
        const snapshot = snapshotFor(templates.set(), stage);
        const { hash, json } = hashSnapshot(snapshot);
        await r.assessments.ensureTemplateSnapshot(hash, json);
        const previous = (await r.assessments.latestOfSystem(systemId, stage)) ?? (await r.assessments.latestOfSystem(systemId, null));
        const id = ids.next('ASM');
        const review = persist(reviewMachine, await newReview());
        await r.assessments.insert({
          id,
          systemId,
          stage,
          title: title ?? `${stageTitles[stage]} of ${system.name}`,
          hash,
          at: stamp.at,
          actor: stamp.actor,
          review,
          carriedFrom: previous?.id ?? null,
        });
        let carried = 0;
        if (previous) {
          const questions = (await loadSnapshot(r, hash)).index.questionsById;
          for (const a of await r.answers.forAssessment(previous.id)) {
            if (!questions.has(a.questionId)) continue;
            // A new assessment's answer: its first revision.
            await r.answers.upsert(id, { ...a, toReconfirm: true, revision: 1 }, stamp);
            carried++;
          }
        }
        await rescore(r, await find(r, id), stamp.at);
        await r.ledger.append({
          ...stamp,
          action: 'assessment.started',
          entity: id,
          payload: { systemId, stage, snapshot: hash, carriedFrom: previous?.id ?? null, carried },
        });
        return { id, carriedFrom: previous?.id ?? null, carried };
      }),

    addEvidence: (ctx, input) =>
      run(ctx, 'evidence.added', async ({ at, actor }, r) => {
        const row = await find(r, input.assessmentId);
        refuseFrozen(row);
        question(await loadSnapshot(r, row.snapshot_hash), row, input.questionId);
        const bytes = Buffer.from(input.dataBase64, 'base64');
        const fail = (message: string) =>
          new DomainError('VALIDATION_FAILED', message, { issues: [{ path: 'dataBase64', message }], fileName: input.fileName });
        if (bytes.length === 0) throw fail(`${input.fileName} is empty (0 bytes); attach a file with content.`);
        if (bytes.length > maxEvidenceBytes) {
          throw fail(`${input.fileName} is ${(bytes.length / 1048576).toFixed(1)} MB; evidence files are limited to 25 MB.`);
        }
        const meta: EvidenceMeta = {
          verifiedBy: null,
          verifiedAt: null,
          id: ids.next('EVD'),
          assessmentId: row.id,
          questionId: input.questionId,
          fileName: input.fileName,
          mediaType: input.mediaType,
          size: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          addedBy: actor,
          addedAt: at,
        };
        const { verifiedBy: _by, verifiedAt: _at, ...stored } = meta;
        await r.answers.insertEvidence({ ...stored, bytes });
        const { began, row: changed } = await recordChange(r, row, { at, actor });
        await rescore(r, changed, at);
        return {
          entity: row.id,
          payload: { evidence: { ...meta }, ...(began ? { transition: { event: 'assessment.begin', from: 'draft', to: 'inProgress' } } : {}) },
          result: meta,
        };
      }),

    getEvidence: (id) =>
      store.read(async (r) => {
        const meta = await r.answers.findEvidence(id);
        const bytes = await r.answers.evidenceBytes(id);
        if (!meta || !bytes) throw new DomainError('NOT_FOUND', `No evidence file with id ${id}.`, { id });
        return { meta, dataBase64: bytes.toString('base64') };
      }),

    removeEvidence: (ctx, id) =>
      run(ctx, 'evidence.removed', async ({ at }, r) => {
        const meta = await r.answers.findEvidence(id);
        if (!meta) throw new DomainError('NOT_FOUND', `No evidence file with id ${id}.`, { id });
        const row = await find(r, meta.assessmentId);
        refuseFrozen(row);
        await r.answers.deleteEvidence(id);
        await r.assessments.touch(row.id, at, row.status);
        await rescore(r, { ...row, updated_at: at }, at);
        return { entity: row.id, payload: { removed: { id, fileName: meta.fileName, sha256: meta.sha256 } }, result: meta };
      }),

    verifyEvidence: (ctx, input) =>
      run(ctx, input.verified ? 'evidence.verified' : 'evidence.unverified', async ({ at, actor }, r) => {
        const notFound = () => new DomainError('NOT_FOUND', `No evidence file with id ${input.id}.`, { id: input.id });
        const meta = await r.answers.findEvidence(input.id);
        if (!meta) throw notFound();
        const row = await find(r, meta.assessmentId);
        refuseFrozen(row);
        if (input.verified === (meta.verifiedAt !== null)) {
          throw new DomainError('CONFLICT', input.verified ? `${meta.fileName} is already marked checked (${meta.verifiedBy}, ${meta.verifiedAt}).` : `${meta.fileName} is not marked checked.`, { id: input.id });
        }
        await r.answers.verifyEvidence(input.id, input.verified ? actor : null, input.verified ? at : null);
        await r.assessments.touch(row.id, at, row.status);
        await rescore(r, { ...row, updated_at: at }, at);
        const after = await r.answers.findEvidence(input.id);
        if (!after) throw notFound();
        return { entity: row.id, payload: { evidence: { id: after.id, fileName: after.fileName, sha256: after.sha256, questionId: after.questionId }, verified: input.verified }, result: after };
      }),

    reviewAnswer: (ctx, input) =>
      run(ctx, 'answer.reviewed', async ({ at, actor }, r) => {
        const row = await find(r, input.assessmentId);
        refuseFrozen(row);
        const q = question(await loadSnapshot(r, row.snapshot_hash), row, input.questionId);
        if ('options' in q) {
          const problem = `${q.id} is answered by choosing an option; only free-text, number and date answers are reviewed.`;
          throw new DomainError('VALIDATION_FAILED', problem, { issues: [{ path: 'questionId', message: problem }] });
        }
        const before = (await r.answers.forAssessment(row.id)).find((a) => a.questionId === q.id);
        if (!before || before.value === null) {
          throw new DomainError('CONFLICT', `${q.id} has no answer to review yet.`, { id: row.id, questionId: q.id });
        }
        await r.answers.setReview(row.id, q.id, input.verdict === null ? null : { verdict: input.verdict, by: actor, at }, { actor, at });
        await r.assessments.touch(row.id, at, row.status);
        const changed = { ...row, updated_at: at };
        const e = await rescore(r, changed, at);
        return { entity: row.id, payload: { questionId: q.id, verdict: input.verdict, answer: before.value }, result: answerResult(changed, e) };
      }),

    resolveContradiction: (ctx, input) =>
      run(ctx, 'contradiction.resolved', async ({ at, actor }, r) => {
        const row = await find(r, input.assessmentId);
        refuseFrozen(row);
        const found = (await evaluate(r, row, at)).profile.contradictions?.find((c) => c.controlId === input.controlId);
        if (!found) {
          throw new DomainError('NOT_FOUND', `The answers of ${row.id} do not disagree about ${input.controlId}; there is nothing to resolve.`, {
            id: row.id,
            controlId: input.controlId,
          });
        }
        const fingerprint = contradictionFingerprint(found.credits, found.denies);
        await r.assessments.saveResolution({ assessmentId: row.id, controlId: input.controlId, decision: input.decision, note: input.note, by: actor, at, fingerprint });
        await r.assessments.touch(row.id, at, row.status);
        const changed = { ...row, updated_at: at };
        const e = await rescore(r, changed, at);
        return {
          entity: row.id,
          payload: { controlId: input.controlId, decision: input.decision, note: input.note, credits: found.credits, denies: found.denies },
          result: answerResult(changed, e),
        };
      }),

    upgradeScoring: (ctx, id) =>
      run(ctx, 'assessment.scoringUpgraded', async ({ at, actor }, r) => {
        const row = await find(r, id);
        refuseFrozen(row);
        if (row.scoring_model === currentScoringModel) {
          throw new DomainError('CONFLICT', `${row.id} already uses scoring model ${currentScoringModel}.`, { id: row.id });
        }
        const before = (await evaluate(r, row, at)).profile.overall;
        const snapshot = snapshotFor(templates.set(), row.stage);
        const { hash, json } = hashSnapshot(snapshot);
        await r.assessments.ensureTemplateSnapshot(hash, json);
        const questions = (await loadSnapshot(r, hash)).index.questionsById;
        const answers = await r.answers.forAssessment(row.id);
        const notCarried = answers.filter((a) => !questions.has(a.questionId)).map((a) => a.questionId);
        await r.answers.deleteForAssessment(row.id);
        // Written back whole: the next revision of each, so a writer holding the old one is refused.
        for (const a of answers) if (questions.has(a.questionId)) await r.answers.upsert(row.id, { ...a, revision: a.revision + 1 }, { actor, at });
        await r.assessments.setScoring({ id: row.id, model: currentScoringModel, hash, at });
        const after = (await rescore(r, await find(r, row.id), at)).profile.overall;
        const result: UpgradeScoringResult = { id: row.id, from: row.scoring_model, to: currentScoringModel, carried: answers.length - notCarried.length, notCarried, before, after };
        return { entity: row.id, payload: { ...result, snapshot: hash }, result };
      }),
  };
}
