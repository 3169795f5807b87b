import { createHash } from 'node:crypto';
import type { Control, ControlCatalog, Mitigation, ProfileEffects, Questionnaire, RiskMatrix, TemplateSet, Threat, ThreatCatalog } from '../../contract/index.ts';
import { z } from 'zod';
import { canonicalJson } from '../audit/canonical-json.ts';
import { decodeJson } from '../store/decode-json.ts';
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

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const hasList = (key: string) => (value: unknown) => isRecord(value) && Array.isArray(value[key]);

/**
 * A stored snapshot's shape. Its content passed the template loader when it was pinned and is
 * kept byte for byte under its hash, but today's template rules would refuse snapshots pinned
 * under earlier ones (safeguards as negative steps, threats without harm fields: see
 * `normaliseControl`), so only the envelope is checked here and the parts are taken as pinned.
 */
const StoredTemplateSnapshot = z.object({
  questionnaires: z.array(z.custom<Questionnaire>(hasList('sections'))),
  threats: z.custom<ThreatCatalog>(hasList('threats')),
  controls: z.custom<ControlCatalog>(hasList('controls')),
  profileEffects: z.custom<ProfileEffects>(hasList('rules')),
  matrix: z.custom<RiskMatrix>(hasList('cells')),
});

/** A template snapshot's stored JSON, decoded (`where` names it in the error when it does not fit). */
export function decodeTemplateSnapshot(json: string, where: string): TemplateSnapshot {
  return decodeJson(StoredTemplateSnapshot, json, where);
}

/** A snapshot with the scoring index built over it, in today's shape. */
export function indexSnapshot(snapshot: TemplateSnapshot): LoadedSnapshot {
  return {
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
}

/**
 * Snapshots by hash from their JSON, for code that holds it (tests, tools). Snapshots never
 * change once stored, so each is decoded and indexed once.
 */
export function createSnapshotCache(read: (hash: string) => string) {
  const cache = new Map<string, LoadedSnapshot>();
  return (hash: string): LoadedSnapshot => {
    let loaded = cache.get(hash);
    if (!loaded) {
      loaded = indexSnapshot(decodeTemplateSnapshot(read(hash), `template snapshot ${hash}`));
      cache.set(hash, loaded);
    }
    return loaded;
  };
}
