import { createHash } from 'node:crypto';
import {
  maxEvidenceBytes,
  type assessmentStages,
  type Answer,
  type AnswerChange,
  type AnswerResult,
  type AnswerSource,
  type AssessmentDetail,
  type AssessmentSummary,
  type EvidenceFile,
  type EvidenceMeta,
  type Progress,
  type ReviewRecord,
  type RiskMatrix,
  type ThreatProfile,
  type UpgradeScoringResult,
  assessmentStages as stageOrder,
  currentScoringModel,
} from '../../contract/index.ts';
import { appendAuditEvent } from '../audit/ledger.ts';
import type { CommandRunner, CommandStamp } from '../command-runner.ts';
import { transition, type SnapshotFrom } from 'xstate';
import { persist, restore, stateOf } from '../workflow/persisted.ts';
import { allowedReviewEvents } from '../workflow/review-events.ts';
import { reviewMachine } from '../workflow/review-machine.ts';
import type { CallContext, Clock, IdSource } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import { isEditable } from '../rules/statuses.ts';
import { approvalCount } from '../rules/signers.ts';
import type { SystemsService } from '../systems/systems-service.ts';
import { scoreAssessment, type InheritedStage, type ScoringAnswer } from '../scoring/score-assessment.ts';
import { collectFindings } from '../scoring/findings.ts';
import { applyResolutions, contradictionFingerprint } from '../scoring/contradictions.ts';
import { systemMatches, visibleQuestions } from '../scoring/visibility.ts';
import type { TemplatesService } from '../templates/templates-service.ts';
import { answerProblem } from './answer-validation.ts';
import type { AssessmentRow, AssessmentsRepository } from './assessments-repository.ts';
import { computeProgress } from './progress.ts';
import { createSnapshotCache, hashSnapshot, snapshotFor } from './snapshot.ts';

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
  saveReview(id: string, snapshot: ReviewSnapshot, at: string, extra?: { submittedAt?: string; decidedAt?: string }): Promise<void>;
  storeProfile(profile: ThreatProfile): Promise<void>;
  latestOfSystem(systemId: string, stage: string | null): Promise<AssessmentRow | undefined>;
  /** A new draft of `stage`, answers carried from the system's last assessment and marked to re-confirm. */
  startCarried(
    stamp: CommandStamp,
    systemId: string,
    stage: (typeof assessmentStages)[number],
    title?: string,
  ): Promise<{ id: string; carriedFrom: string | null; carried: number }>;
}

type ReviewSnapshot = SnapshotFrom<typeof reviewMachine>;

export function createAssessmentsService(deps: {
  repo: AssessmentsRepository;
  systems: SystemsService;
  templates: TemplatesService;
  run: CommandRunner;
  ids: IdSource;
  clock: Clock;
  requiredSignOffs: () => number;
}): AssessmentsService {
  const { repo, systems, templates, run, ids, clock } = deps;
  const loadSnapshot = createSnapshotCache((hash) => repo.readSnapshot(hash));

  const find = (id: string): AssessmentRow => {
    const row = repo.find(id);
    if (!row) throw new DomainError('NOT_FOUND', `No assessment with id ${id}.`, { id });
    return row;
  };

  const refuseFrozen = (row: AssessmentRow) => {
    if (!isEditable(row.status)) {
      const hint = row.status === 'returned' ? ' Reopen it (review.reopen) to edit the answers.' : '';
      throw new DomainError('CONFLICT', `${row.id} is ${row.status}: its answers are frozen.${hint}`, { id: row.id, status: row.status });
    }
  };

  const reviewSnapshot = (row: AssessmentRow) => restore(reviewMachine, row.review_snapshot, { requiredSignOffs: deps.requiredSignOffs() });

  const reviewRecord = (row: AssessmentRow): ReviewRecord => {
    const snapshot = reviewSnapshot(row);
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

  const scoringAnswers = (answers: readonly Answer[], evidence: readonly EvidenceMeta[]) => {
    const evidenced = new Set(evidence.map((e) => e.questionId));
    const verified = new Set(evidence.filter((e) => e.verifiedAt !== null).map((e) => e.questionId));
    return new Map<string, ScoringAnswer>(
      answers.map((a) => [
        a.questionId,
        {
          value: a.value,
          unknown: a.unknown,
          notApplicable: a.notApplicable,
          source: a.source,
          transcribed: a.transcribed,
          hasEvidence: evidenced.has(a.questionId),
          evidenceVerified: verified.has(a.questionId),
          review: a.review?.verdict ?? null,
        },
      ]),
    );
  };

  /**
   * Scoring model 2 starts a later stage from the findings of the system's approved earlier
   * stages: the latest approved assessment of each stage before this one, read with the
   * questions it was answered against.
   */
  const inheritedCache = new Map<string, InheritedStage>();
  const maxInheritedCached = 1000;
  const inheritedStages = (row: AssessmentRow, system: ReturnType<SystemsService['get']>): InheritedStage[] => {
    const position = stageOrder.indexOf(row.stage);
    const latest = new Map<string, AssessmentRow>();
    for (const earlier of repo.approvedOfSystem(row.system_id)) {
      if (earlier.id !== row.id && stageOrder.indexOf(earlier.stage) < position) latest.set(earlier.stage, earlier);
    }
    return stageOrder
      .flatMap((stage) => {
        const earlier = latest.get(stage);
        return earlier ? [earlier] : [];
      })
      .map((earlier) => {
        // An approved assessment no longer changes (answers, evidence checks and resolutions are
        // frozen), so its findings are worked out once per version of it and of the system
        // record, not on every answer saved in the later stage.
        const key = `${earlier.id}|${earlier.updated_at}|${system.updatedAt}`;
        let stage = inheritedCache.get(key);
        if (!stage) {
          const { index } = loadSnapshot(earlier.snapshot_hash);
          const answers = scoringAnswers(repo.answers(earlier.id), repo.evidenceFor(earlier.id));
          // Settled as that stage settled them (its resolutions were recorded on its own findings),
          // then marked as coming from it.
          const own = applyResolutions(collectFindings(index, system, answers).findings, index, repo.resolutions(earlier.id));
          // An earlier "I don't know" still counts as its least safe answer, but it is no evidence
          // against a safeguard this stage finds in place, so it does not contradict one.
          const findings = own.filter((f) => !(f.kind === 'denial' && f.origin.unknown)).map((f) => ({ ...f, origin: { ...f.origin, fromAssessment: earlier.id } }));
          stage = { assessmentId: earlier.id, stage: earlier.stage, title: earlier.title, findings };
          if (inheritedCache.size >= maxInheritedCached) inheritedCache.clear();
          inheritedCache.set(key, stage);
        }
        return stage;
      });
  };

  /** Everything derived from the stored answers: visibility, progress and the profile. */
  const evaluate = (row: AssessmentRow, scoredAt: string) => {
    const { snapshot, index } = loadSnapshot(row.snapshot_hash);
    const system = systems.get(row.system_id);
    const answers = repo.answers(row.id);
    const evidence = repo.evidenceFor(row.id);
    const scoring = scoringAnswers(answers, evidence);
    const visible = visibleQuestions(index.questions, index.questionsById, system, scoring);
    const model = row.scoring_model;
    const profile = scoreAssessment(model, {
      index,
      system,
      answers: scoring,
      inherited: model === 2 ? inheritedStages(row, system) : [],
      resolutions: model === 2 ? repo.resolutions(row.id) : new Map(),
      visible,
      meta: { assessmentId: row.id, scoredAt },
    });
    const progress = computeProgress(index.questions, visible, new Map(answers.map((a) => [a.questionId, a])));
    return { snapshot, index, system, answers, evidence, visible, profile, progress };
  };

  const summarize = (row: AssessmentRow, e: ReturnType<typeof evaluate>): AssessmentSummary => ({
    id: row.id,
    systemId: row.system_id,
    systemName: e.system.name,
    stage: row.stage,
    title: row.title,
    status: row.status as AssessmentSummary['status'],
    questionnaires: e.snapshot.questionnaires.map((q) => ({ id: q.id, version: q.version })),
    progress: e.progress,
    overall: e.profile.overall,
    scoringModel: row.scoring_model,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
  });

  const detail = (row: AssessmentRow): AssessmentDetail => {
    const e = evaluate(row, clock.now().toISOString());
    return {
      ...summarize(row, e),
      editable: isEditable(row.status),
      review: reviewRecord(row),
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
  const rescore = (row: AssessmentRow, at: string) => {
    const e = evaluate(row, at);
    repo.saveProfile(withoutTraces(e.profile));
    return e;
  };

  /**
   * The first answer or file moves a draft to inProgress. The transition is recorded in the
   * command's own audit event (one event per command), so it returns whether it happened.
   */
  const beginIfDraft = (row: AssessmentRow, at: string): boolean => {
    if (row.status !== 'draft') {
      repo.touch(row.id, at, row.status);
      return false;
    }
    const [after] = transition(reviewMachine, reviewSnapshot(row), { type: 'assessment.begin' });
    repo.setReview({ id: row.id, status: stateOf(after), snapshot: persist(reviewMachine, after), at });
    return true;
  };

  /** "Not applicable" only where the question offers it and the system record matches its conditions. */
  const refuseNotApplicable = (row: AssessmentRow, q: ReturnType<typeof question>) => {
    const na = q.notApplicable;
    const system = systems.get(row.system_id);
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

  const answerResult = (id: string, e: ReturnType<typeof evaluate>): AnswerResult => ({
    status: find(id).status as AnswerResult['status'],
    answers: e.answers,
    progress: e.progress,
    profile: e.profile,
    visibleQuestions: [...e.visible],
  });

  const question = (row: AssessmentRow, questionId: string) => {
    const q = loadSnapshot(row.snapshot_hash).index.questionsById.get(questionId);
    if (!q) {
      throw new DomainError('VALIDATION_FAILED', `${questionId} is not a question of ${row.id}.`, {
        issues: [{ path: 'questionId', message: `${questionId} is not a question of this assessment` }],
      });
    }
    return q;
  };

  return {
    start: (ctx, input) =>
      run(ctx, 'assessment.started', ({ at, actor }) => {
        const system = systems.get(input.systemId);
        if (system.archived) throw new DomainError('CONFLICT', `${system.id} is archived; unarchive it before assessing it.`);
        const snapshot = snapshotFor(templates.set(), input.stage);
        if (snapshot.questionnaires.length === 0) {
          throw new DomainError('TEMPLATES_INVALID', `No questionnaire is installed for the ${input.stage} stage.`);
        }
        const { hash, json } = hashSnapshot(snapshot);
        repo.ensureSnapshot(hash, json);
        const id = ids.next('ASM');
        const title = input.title?.trim() || `${stageTitles[input.stage]} of ${system.name}`;
        const review = persist(reviewMachine, restore(reviewMachine, null, { requiredSignOffs: deps.requiredSignOffs() }));
        repo.insert({ id, systemId: system.id, stage: input.stage, title, hash, at, actor, review, carriedFrom: null });
        const row = find(id);
        rescore(row, at);
        return {
          entity: id,
          payload: { systemId: system.id, stage: input.stage, title, snapshot: hash, questionnaires: snapshot.questionnaires.map((q) => `${q.id}@${q.version}`) },
          result: detail(row),
        };
      }),

    list: (systemId) => {
      if (systemId !== undefined) systems.get(systemId);
      const at = clock.now().toISOString();
      return repo.list(systemId ?? null).map((row) => summarize(row, evaluate(row, at)));
    },

    get: (id) => detail(find(id)),

    answer: (ctx, id, changes, source) =>
      run(ctx, 'assessment.answered', ({ at, actor }) => {
        const row = find(id);
        refuseFrozen(row);
        const existing = new Map(repo.answers(id).map((a) => [a.questionId, a]));
        const seen = new Set<string>();
        const recorded: Answer[] = [];
        for (const change of changes) {
          const q = question(row, change.questionId);
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
          if (change.notApplicable) refuseNotApplicable(row, q);
          if (change.transcribed && (source !== 'assessor' || !q.vendorAnswerable)) {
            const problem = `${q.id} cannot be recorded as the vendor's claim: ${source !== 'assessor' ? 'it already comes from the vendor' : 'it is not a question for the vendor'}.`;
            throw new DomainError('VALIDATION_FAILED', problem, { issues: [{ path: q.id, message: problem }] });
          }
          const before = existing.get(q.id);
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
          };
          repo.upsertAnswer({ assessmentId: id, answer });
          recorded.push(answer);
        }
        const began = beginIfDraft(row, at);
        const e = rescore(find(id), at);
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
          result: answerResult(id, e),
        };
      }),

    score: (id) => {
      const row = find(id);
      return evaluate(row, clock.now().toISOString()).profile;
    },

    workflowFacts: (id, at) => {
      const row = find(id);
      const e = evaluate(row, at);
      return { row, review: reviewSnapshot(row), progress: e.progress, profile: e.profile, matrix: e.snapshot.matrix, systemName: e.system.name, answers: e.answers };
    },

    saveReview: (id, snapshot, at, extra = {}) => {
      repo.setReview({ id, status: stateOf(snapshot), snapshot: persist(reviewMachine, snapshot), at, ...extra });
    },

    storeProfile: (profile) => repo.saveProfile(profile),

    latestOfSystem: (systemId, stage) => repo.latestOfSystem(systemId, stage),

    startCarried: (stamp, systemId, stage, title) => {
      const system = systems.get(systemId);
      const snapshot = snapshotFor(templates.set(), stage);
      const { hash, json } = hashSnapshot(snapshot);
      repo.ensureSnapshot(hash, json);
      const previous = repo.latestOfSystem(systemId, stage) ?? repo.latestOfSystem(systemId, null);
      const id = ids.next('ASM');
      const review = persist(reviewMachine, restore(reviewMachine, null, { requiredSignOffs: deps.requiredSignOffs() }));
      repo.insert({ id, systemId, stage, title: title ?? `${stageTitles[stage]} of ${system.name}`, hash, at: stamp.at, actor: stamp.actor, review, carriedFrom: previous?.id ?? null });
      let carried = 0;
      if (previous) {
        const questions = loadSnapshot(hash).index.questionsById;
        for (const a of repo.answers(previous.id)) {
          if (!questions.has(a.questionId)) continue;
          repo.upsertAnswer({ assessmentId: id, answer: { ...a, toReconfirm: true, answeredAt: a.answeredAt } });
          carried++;
        }
      }
      rescore(find(id), stamp.at);
      appendAuditEvent(repo.db, {
        ...stamp,
        action: 'assessment.started',
        entity: id,
        payload: { systemId, stage, snapshot: hash, carriedFrom: previous?.id ?? null, carried },
      });
      return { id, carriedFrom: previous?.id ?? null, carried };
    },

    addEvidence: (ctx, input) =>
      run(ctx, 'evidence.added', ({ at, actor }) => {
        const row = find(input.assessmentId);
        refuseFrozen(row);
        question(row, input.questionId);
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
        repo.insertEvidence({ ...stored, bytes });
        const began = beginIfDraft(row, at);
        rescore(find(row.id), at);
        return {
          entity: row.id,
          payload: { evidence: { ...meta }, ...(began ? { transition: { event: 'assessment.begin', from: 'draft', to: 'inProgress' } } : {}) },
          result: meta,
        };
      }),

    getEvidence: (id) => {
      const meta = repo.findEvidence(id);
      const bytes = repo.evidenceBytes(id);
      if (!meta || !bytes) throw new DomainError('NOT_FOUND', `No evidence file with id ${id}.`, { id });
      return { meta, dataBase64: bytes.toString('base64') };
    },

    removeEvidence: (ctx, id) =>
      run(ctx, 'evidence.removed', ({ at }) => {
        const meta = repo.findEvidence(id);
        if (!meta) throw new DomainError('NOT_FOUND', `No evidence file with id ${id}.`, { id });
        const row = find(meta.assessmentId);
        refuseFrozen(row);
        repo.deleteEvidence(id);
        repo.touch(row.id, at, row.status);
        rescore(find(row.id), at);
        return { entity: row.id, payload: { removed: { id, fileName: meta.fileName, sha256: meta.sha256 } }, result: meta };
      }),

    verifyEvidence: (ctx, input) =>
      run(ctx, input.verified ? 'evidence.verified' : 'evidence.unverified', ({ at, actor }) => {
        const meta = repo.findEvidence(input.id);
        if (!meta) throw new DomainError('NOT_FOUND', `No evidence file with id ${input.id}.`, { id: input.id });
        const row = find(meta.assessmentId);
        refuseFrozen(row);
        if (input.verified === (meta.verifiedAt !== null)) {
          throw new DomainError('CONFLICT', input.verified ? `${meta.fileName} is already marked checked (${meta.verifiedBy}, ${meta.verifiedAt}).` : `${meta.fileName} is not marked checked.`, { id: input.id });
        }
        repo.verifyEvidence(input.id, input.verified ? actor : null, input.verified ? at : null);
        repo.touch(row.id, at, row.status);
        rescore(find(row.id), at);
        const after = repo.findEvidence(input.id) as EvidenceMeta;
        return { entity: row.id, payload: { evidence: { id: after.id, fileName: after.fileName, sha256: after.sha256, questionId: after.questionId }, verified: input.verified }, result: after };
      }),

    reviewAnswer: (ctx, input) =>
      run(ctx, 'answer.reviewed', ({ at, actor }) => {
        const row = find(input.assessmentId);
        refuseFrozen(row);
        const q = question(row, input.questionId);
        if ('options' in q) {
          const problem = `${q.id} is answered by choosing an option; only free-text, number and date answers are reviewed.`;
          throw new DomainError('VALIDATION_FAILED', problem, { issues: [{ path: 'questionId', message: problem }] });
        }
        const before = repo.answers(row.id).find((a) => a.questionId === q.id);
        if (!before || before.value === null) {
          throw new DomainError('CONFLICT', `${q.id} has no answer to review yet.`, { id: row.id, questionId: q.id });
        }
        const review = input.verdict === null ? null : { verdict: input.verdict, by: actor, at };
        repo.upsertAnswer({ assessmentId: row.id, answer: { ...before, review } });
        repo.touch(row.id, at, row.status);
        const e = rescore(find(row.id), at);
        return { entity: row.id, payload: { questionId: q.id, verdict: input.verdict, answer: before.value }, result: answerResult(row.id, e) };
      }),

    resolveContradiction: (ctx, input) =>
      run(ctx, 'contradiction.resolved', ({ at, actor }) => {
        const row = find(input.assessmentId);
        refuseFrozen(row);
        const found = evaluate(row, at).profile.contradictions?.find((c) => c.controlId === input.controlId);
        if (!found) {
          throw new DomainError('NOT_FOUND', `The answers of ${row.id} do not disagree about ${input.controlId}; there is nothing to resolve.`, {
            id: row.id,
            controlId: input.controlId,
          });
        }
        const fingerprint = contradictionFingerprint(found.credits, found.denies);
        repo.saveResolution({ assessmentId: row.id, controlId: input.controlId, decision: input.decision, note: input.note, by: actor, at, fingerprint });
        repo.touch(row.id, at, row.status);
        const e = rescore(find(row.id), at);
        return {
          entity: row.id,
          payload: { controlId: input.controlId, decision: input.decision, note: input.note, credits: found.credits, denies: found.denies },
          result: answerResult(row.id, e),
        };
      }),

    upgradeScoring: (ctx, id) =>
      run(ctx, 'assessment.scoringUpgraded', ({ at }) => {
        const row = find(id);
        refuseFrozen(row);
        if (row.scoring_model === currentScoringModel) {
          throw new DomainError('CONFLICT', `${row.id} already uses scoring model ${currentScoringModel}.`, { id: row.id });
        }
        const before = evaluate(row, at).profile.overall;
        const snapshot = snapshotFor(templates.set(), row.stage);
        const { hash, json } = hashSnapshot(snapshot);
        repo.ensureSnapshot(hash, json);
        const questions = loadSnapshot(hash).index.questionsById;
        const answers = repo.answers(row.id);
        const notCarried = answers.filter((a) => !questions.has(a.questionId)).map((a) => a.questionId);
        repo.deleteAnswers(row.id);
        for (const a of answers) if (questions.has(a.questionId)) repo.upsertAnswer({ assessmentId: row.id, answer: a });
        repo.setScoring({ id: row.id, model: currentScoringModel, hash, at });
        const after = rescore(find(row.id), at).profile.overall;
        const result: UpgradeScoringResult = { id: row.id, from: row.scoring_model, to: currentScoringModel, carried: answers.length - notCarried.length, notCarried, before, after };
        return { entity: row.id, payload: { ...result, snapshot: hash }, result };
      }),
  };
}
