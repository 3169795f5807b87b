import { createHash } from 'node:crypto';
import type { ControlCatalog, ProfileEffects, Questionnaire, RiskMatrix, TemplateSet, ThreatCatalog } from '../../contract/index.ts';
import { canonicalJson } from '../audit/canonical-json.ts';
import { buildScoringIndex, type ScoringIndex } from '../scoring/scoring-index.ts';

/** What an assessment pins when it starts: its stage's questionnaires and the scoring content. */
export interface TemplateSnapshot {
  questionnaires: Questionnaire[];
  threats: ThreatCatalog;
  controls: ControlCatalog;
  profileEffects: ProfileEffects;
  matrix: RiskMatrix;
}

export function snapshotFor(set: TemplateSet, stage: Questionnaire['stage']): TemplateSnapshot {
  return {
    questionnaires: set.questionnaires.filter((q) => q.stage === stage),
    threats: set.threats,
    controls: set.controls,
    profileEffects: set.profileEffects,
    matrix: set.matrix,
  };
}

export function hashSnapshot(snapshot: TemplateSnapshot): { hash: string; json: string } {
  const json = canonicalJson(snapshot);
  return { hash: createHash('sha256').update(json).digest('hex'), json };
}

export interface LoadedSnapshot {
  snapshot: TemplateSnapshot;
  index: ScoringIndex;
}

/**
 * Parsed snapshots by hash. Snapshots never change once stored, so each is parsed and indexed
 * once per process instead of on every answer.
 */
export function createSnapshotCache(read: (hash: string) => string) {
  const cache = new Map<string, LoadedSnapshot>();
  return (hash: string): LoadedSnapshot => {
    let loaded = cache.get(hash);
    if (!loaded) {
      const snapshot = JSON.parse(read(hash)) as TemplateSnapshot;
      loaded = {
        snapshot,
        index: buildScoringIndex({
          threats: snapshot.threats.threats,
          controls: snapshot.controls.controls,
          profileRules: snapshot.profileEffects.rules,
          matrix: snapshot.matrix,
          questionnaires: snapshot.questionnaires,
        }),
      };
      cache.set(hash, loaded);
    }
    return loaded;
  };
}
