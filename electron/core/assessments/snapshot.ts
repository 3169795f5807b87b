import { createHash } from 'node:crypto';
import type { Control, ControlCatalog, Mitigation, ProfileEffects, Questionnaire, RiskMatrix, TemplateSet, Threat, ThreatCatalog } from '../../contract/index.ts';
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

/** A safeguard as snapshots before scoring model 2 stored it: negative likelihood/impact steps. */
interface LegacyMitigation {
  threat: string;
  likelihood?: number;
  impact?: number;
}

/**
 * Snapshots are stored as they were pinned and never rewritten. Those pinned before scoring
 * model 2 list a safeguard's reductions as negative steps; read them in today's shape (a
 * likelihood step reduces likelihood, an impact step severity) so model 1 scores them as before.
 */
function normaliseControl(control: Control): Control {
  const mitigates = (control.mitigates as readonly (Mitigation | LegacyMitigation)[]).flatMap((m): Mitigation[] => {
    if ('reduces' in m) return [m];
    return [
      ...(m.likelihood ? [{ threat: m.threat, reduces: 'likelihood' as const, by: Math.abs(m.likelihood) }] : []),
      ...(m.impact ? [{ threat: m.threat, reduces: 'severity' as const, by: Math.abs(m.impact) }] : []),
    ];
  });
  return { ...control, mitigates };
}

const normaliseThreat = (threat: Threat): Threat => ({ ...threat, harm: threat.harm ?? 'data', severityOffset: threat.severityOffset ?? 0 });

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
          threats: snapshot.threats.threats.map(normaliseThreat),
          controls: snapshot.controls.controls.map(normaliseControl),
          clinicalSeverity: snapshot.threats.clinicalSeverity,
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
