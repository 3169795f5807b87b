import { assessmentStages as stageOrder, type AiSystem, type Answer, type EvidenceMeta } from '../../contract/index.ts';
import { collectFindings } from '../scoring/findings.ts';
import { applyResolutions } from '../scoring/contradictions.ts';
import { scoreAssessment, type InheritedStage, type ScoringAnswer, type ScoringRequest } from '../scoring/score-assessment.ts';
import { noObservations, type ObservationSource } from '../scoring/observed.ts';
import { visibleQuestions } from '../scoring/visibility.ts';
import type { Repositories } from '../store/storage-port.ts';
import type { SystemsService } from '../systems/systems-service.ts';
import type { AssessmentRow } from './assessments-repository.ts';
import { computeProgress } from './progress.ts';
import { indexSnapshot, type LoadedSnapshot } from './snapshot.ts';

/** What `evaluate` works out for an assessment. */
export type Evaluation = Awaited<ReturnType<ReturnType<typeof createEvaluator>['evaluate']>>;

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
 * Everything derived from the stored answers (visibility, progress and the profile), with the
 * two caches that keep an answer's rescore cheap: template snapshots by hash, and the findings
 * of approved earlier stages by version.
 */
export function createEvaluator(systems: SystemsService, observations: ObservationSource = noObservations) {
  // Snapshots never change once stored, so each is decoded and indexed once per process instead
  // of on every answer.
  const snapshots = new Map<string, LoadedSnapshot>();
  const loadSnapshot = async (r: Repositories, hash: string): Promise<LoadedSnapshot> => {
    let loaded = snapshots.get(hash);
    if (!loaded) {
      loaded = indexSnapshot(await r.assessments.templateSnapshot(hash));
      snapshots.set(hash, loaded);
    }
    return loaded;
  };

  /**
   * Scoring model 2 starts a later stage from the findings of the system's approved earlier
   * stages: the latest approved assessment of each stage before this one, read with the
   * questions it was answered against.
   */
  const inheritedCache = new Map<string, InheritedStage>();
  const maxInheritedCached = 1000;
  const inheritedStages = async (r: Repositories, row: AssessmentRow, system: AiSystem): Promise<InheritedStage[]> => {
    const position = stageOrder.indexOf(row.stage);
    // Nothing comes before the first stage: no need to look.
    if (position === 0) return [];
    const latest = new Map<string, AssessmentRow>();
    for (const earlier of await r.assessments.approvedOfSystem(row.system_id)) {
      if (earlier.id !== row.id && stageOrder.indexOf(earlier.stage) < position) latest.set(earlier.stage, earlier);
    }
    const stages: InheritedStage[] = [];
    for (const stage of stageOrder) {
      const earlier = latest.get(stage);
      if (!earlier) continue;
      // An approved assessment no longer changes (answers, evidence checks and resolutions are
      // frozen), so its findings are worked out once per version of it and of the system
      // record, not on every answer saved in the later stage.
      const key = `${earlier.id}|${earlier.updated_at}|${system.updatedAt}`;
      let inherited = inheritedCache.get(key);
      if (!inherited) {
        const { index } = await loadSnapshot(r, earlier.snapshot_hash);
        const answers = scoringAnswers(await r.answers.forAssessment(earlier.id), await r.answers.evidenceFor(earlier.id));
        // Settled as that stage settled them (its resolutions were recorded on its own findings),
        // then marked as coming from it.
        const own = applyResolutions(collectFindings(index, system, answers).findings, index, await r.assessments.resolutions(earlier.id));
        // An earlier "I don't know" still counts as its least safe answer, but it is no evidence
        // against a safeguard this stage finds in place, so it does not contradict one.
        const findings = own.filter((f) => !(f.kind === 'denial' && f.origin.unknown)).map((f) => ({ ...f, origin: { ...f.origin, fromAssessment: earlier.id } }));
        inherited = { assessmentId: earlier.id, stage: earlier.stage, title: earlier.title, findings };
        if (inheritedCache.size >= maxInheritedCached) inheritedCache.clear();
        inheritedCache.set(key, inherited);
      }
      stages.push(inherited);
    }
    return stages;
  };

  /**
   * Evaluates `row` as stored. A command that has just written the answers passes them
   * (`answers`, in `compareAnswers` order) rather than have them read back and decoded again.
   */
  const evaluate = async (r: Repositories, row: AssessmentRow, scoredAt: string, written?: { answers: Answer[] }) => {
    const { snapshot, index } = await loadSnapshot(r, row.snapshot_hash);
    const system = await systems.get(row.system_id);
    const answers = written?.answers ?? (await r.answers.forAssessment(row.id));
    const evidence = await r.answers.evidenceFor(row.id);
    const scoring = scoringAnswers(answers, evidence);
    const visible = visibleQuestions(index.questions, index.questionsById, system, scoring);
    const model = row.scoring_model;
    // Kept with the result so that a what-if (safeguard suggestions) scores exactly what this did.
    const request: ScoringRequest = {
      index,
      system,
      answers: scoring,
      inherited: model === 2 ? await inheritedStages(r, row, system) : [],
      resolutions: model === 2 ? await r.assessments.resolutions(row.id) : new Map(),
      // The live profile: what monitoring and training show about the system today. Model 1
      // predates them and keeps the scores it was decided on.
      observed: model === 2 ? await observations(r, row.system_id, scoredAt.slice(0, 10)) : [],
      visible,
      meta: { assessmentId: row.id, scoredAt },
    };
    const profile = scoreAssessment(model, request);
    const progress = computeProgress(index.questions, visible, new Map(answers.map((a) => [a.questionId, a])));
    return { snapshot, index, system, answers, evidence, visible, profile, progress, request };
  };

  return { loadSnapshot, evaluate };
}
