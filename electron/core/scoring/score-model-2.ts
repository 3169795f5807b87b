import type { AssessmentStage, Control, Mitigation, Threat, ThreatProfile, ThreatScore, TraceEntry } from '../../contract/index.ts';
import { harmLevelLabels, harmLevels, isExposure, isFloor, stageLabels } from '../../contract/index.ts';
import { settleCredits, type StoredResolution } from './contradictions.ts';
import { collectFindings, type Finding, type FindingOrigin, type ScoringAnswer } from './findings.ts';
import { describeChange, diminishingWeight, levelName, levelsWords, rankWords, toLevel } from './plain-words.ts';
import { summariseProfile } from './profile-summary.ts';
import type { ObservedSignal } from './observed.ts';
import { bandOf, type ScoringIndex } from './scoring-index.ts';
import { systemMatches, type SystemProfile } from './visibility.ts';

/** The findings of an approved earlier-stage assessment of the same system. */
export interface InheritedStage {
  assessmentId: string;
  stage: AssessmentStage;
  title: string;
  findings: readonly Finding[];
}

export interface ScoringRequest {
  index: ScoringIndex;
  system: SystemProfile;
  answers: ReadonlyMap<string, ScoringAnswer>;
  /** Earliest stage first. */
  inherited?: readonly InheritedStage[];
  resolutions?: ReadonlyMap<string, StoredResolution>;
  /** The visible questions for these answers, when the caller has them (saves working them out twice). */
  visible?: Set<string>;
  /**
   * A what-if: safeguards to treat as in place and credited in full (as an assessor's finding),
   * whatever the answers say. Used to show what a safeguard would do (safeguard-suggestions.ts);
   * never for a stored profile.
   */
  assumeInPlace?: readonly string[];
  /**
   * What monitoring and clinician training show about the system now (observed.ts): each raises
   * its threat's likelihood, a whole level for the first on a threat, half for the second, a
   * quarter for the third…, so a wave of subgroup breaches cannot run a threat off the scale
   * while one more still shows.
   */
  observed?: readonly ObservedSignal[];
  meta: { assessmentId: string; scoredAt: string };
}

const maxLevel = 5;

interface Floor {
  likelihood: number;
  impact: number;
  likelihoodWhy: string;
  impactWhy: string;
}

/** A floor on the open scale: usually a whole level, printed as the number a reader can add up. */
const amountOnScale = (n: number): string => String(n);
/** A sentence continued after "because": its first letter lower-cased unless it starts a name. */
const lowerFirst = (text: string): string => (/^[A-Z][a-z]/.test(text) ? `${text.charAt(0).toLowerCase()}${text.slice(1)}` : text).replace(/\.$/, '');
const upperFirst = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

const whoSaid = (o: FindingOrigin) => (o.source === 'vendor' ? (o.transcribed ? " (the vendor's claim, transcribed)" : ' (the vendor)') : '');

/** Where a what-if credit comes from: no answer, an assumption. */
const assumedOrigin: FindingOrigin = { questionId: '', answer: '', answerText: '', source: 'assessor', transcribed: false, assumed: true };

function originWords(o: FindingOrigin, stages: ReadonlyMap<string, InheritedStage>): string {
  if (o.assumed) return 'assumed to be in place and counted in full, to show what it would do';
  const from = o.fromAssessment ? stages.get(o.fromAssessment) : undefined;
  const prefix = from ? `In the approved ${stageLabels[from.stage].toLowerCase()} assessment (${from.assessmentId}), ` : '';
  return `${prefix}the answer to ${o.questionId} was "${o.answerText}"${whoSaid(o)}`;
}

const mitigationWords: Record<Mitigation['reduces'], string> = {
  likelihood: 'less likely to happen',
  detectability: 'more likely to be caught before it reaches a patient',
  severity: 'less harmful when it happens',
};

/**
 * The clinical severity of a threat whose harm is clinical: the system's worst credible harm,
 * moved by what the output drives and by the threat's own distance from the harm.
 */
/** Trace wording that depends only on the content and the system record, worked out once per index. */
const wordingCache = new WeakMap<ScoringIndex, Map<string, TraceEntry | undefined>>();

function cachedStep(index: ScoringIndex, key: string, make: () => TraceEntry | undefined): TraceEntry | undefined {
  let cache = wordingCache.get(index);
  if (!cache) wordingCache.set(index, (cache = new Map()));
  if (!cache.has(key)) cache.set(key, make());
  const step = cache.get(key);
  // Each profile gets its own entries: callers may keep and change what they are given.
  return step && { ...step, effect: { ...step.effect } };
}

function severityStep(index: ScoringIndex, system: SystemProfile, threat: Threat): TraceEntry | undefined {
  if (threat.harm !== 'clinical') return undefined;
  const matrix = index.content.matrix;
  if (system.worstCredibleHarm === null || system.worstCredibleHarm === undefined) {
    return {
      step: 'severity',
      phase: 'inherent',
      effect: { likelihood: 0, impact: 0 },
      detail: "The system's worst credible harm is not recorded in the inventory, so the typical impact for this threat is used.",
    };
  }
  const harm = harmLevels.indexOf(system.worstCredibleHarm) + 1;
  const offsets = index.content.clinicalSeverity?.autonomyOffset;
  const autonomy = system.autonomyLevel ?? 'augments';
  const autonomyOffset = offsets?.[autonomy] ?? 0;
  const target = Math.min(maxLevel, Math.max(1, harm + autonomyOffset + threat.severityOffset));
  const words = [`The worst credible harm from a wrong or late output of this system is ${harmLevelLabels[system.worstCredibleHarm]}`];
  if (autonomyOffset !== 0) {
    const what = { informs: 'it only informs a clinician who decides', augments: 'it suggests a decision', automates: 'it acts without review' }[autonomy];
    words.push(`${what}, so ${levelsWords(autonomyOffset)} ${autonomyOffset > 0 ? 'higher' : 'lower'}`);
  }
  if (threat.severityOffset !== 0) words.push(`this threat leads to that harm only indirectly, so ${levelsWords(threat.severityOffset)} lower`);
  return {
    step: 'severity',
    phase: 'inherent',
    effect: { likelihood: 0, impact: target - threat.baseImpact },
    detail: `${words.join('; ')}: impact ${levelName(matrix, 'impact', target)}.`,
  };
}

/**
 * Scoring model 2 (docs/scoring.md). Exposure and mitigation are worked out on an open scale and
 * put on the 1-5 matrix at the end; safeguards doing one job combine with diminishing returns;
 * floors keep what no safeguard removes; clinical harms take the system's worst credible harm;
 * free text credits only once reviewed; "I don't know" counts as the least safe answer; answers
 * that disagree about a safeguard withhold it until resolved; approved earlier stages' findings
 * are where a later stage starts. Pure: every number is the sum of its trace.
 */
export function scoreModel2(request: ScoringRequest): ThreatProfile {
  const { index, system, answers, meta } = request;
  const { content } = index;
  const matrix = content.matrix;
  const inherited = request.inherited ?? [];
  const stagesById = new Map(inherited.map((s) => [s.assessmentId, s]));
  const current = collectFindings(index, system, answers, undefined, request.visible);
  const allFindings: Finding[] = [...inherited.flatMap((s) => s.findings), ...current.findings];
  const settled = settleCredits(allFindings, index.controlsById, request.resolutions ?? new Map());
  for (const control of request.assumeInPlace ?? []) {
    settled.withheld.delete(control);
    settled.credits.set(control, { kind: 'credit', control, strength: 1, strengthWhy: [], origin: assumedOrigin });
  }

  // Exposures and floors bucketed by threat: profile rules first, then earlier stages, then this
  // assessment's answers in question order.
  const exposures = new Map<string, TraceEntry[]>();
  const floors = new Map<string, Floor>();
  const push = (threatId: string, entry: TraceEntry) => {
    const list = exposures.get(threatId);
    if (list) list.push(entry);
    else exposures.set(threatId, [entry]);
  };
  const raiseFloor = (threatId: string, likelihood: number | undefined, impact: number | undefined, why: string) => {
    const f = floors.get(threatId) ?? { likelihood: 0, impact: 0, likelihoodWhy: '', impactWhy: '' };
    if (likelihood !== undefined && likelihood > f.likelihood) Object.assign(f, { likelihood, likelihoodWhy: why });
    if (impact !== undefined && impact > f.impact) Object.assign(f, { impact, impactWhy: why });
    floors.set(threatId, f);
  };
  for (const rule of content.profileRules) {
    if (!systemMatches(system, rule.field, rule.in)) continue;
    for (const effect of rule.effects) {
      if (isFloor(effect)) raiseFloor(effect.threat, effect.floor.likelihood, effect.floor.impact, rule.why);
      else if (isExposure(effect)) {
        const l = effect.likelihood ?? 0;
        const i = effect.impact ?? 0;
        push(effect.threat, { step: 'profile', phase: 'inherent', ruleId: rule.id, effect: { likelihood: l, impact: i }, detail: `${rule.why} This ${describeChange(l, i)}.` });
      }
    }
  }
  for (const f of allFindings) {
    if (f.kind === 'floor') raiseFloor(f.threat, f.likelihood, f.impact, originWords(f.origin, stagesById));
    if (f.kind !== 'exposure') continue;
    const said = originWords(f.origin, stagesById);
    const step = f.origin.fromAssessment ? 'inherited' : f.unknownAs !== undefined ? 'unknown' : 'exposure';
    const detail =
      f.unknownAs !== undefined
        ? `${upperFirst(said)}, so it counts as the least safe answer ("${f.unknownAs}") until it is known, which ${describeChange(f.likelihood, f.impact)}.`
        : `${upperFirst(said)}, which ${describeChange(f.likelihood, f.impact)}.`;
    const answer = f.origin.answer;
    push(f.threat, { step, phase: 'inherent', questionId: f.origin.questionId, answer, effect: { likelihood: f.likelihood, impact: f.impact }, detail });
  }

  // Observed after go-live: in the inherent phase, so the residual carries the same rise (the
  // safeguards credited did not prevent what was seen).
  const observedCount = new Map<string, number>();
  const observedRise = new Map<string, number>();
  for (const signal of request.observed ?? []) {
    const rank = observedCount.get(signal.threatId) ?? 0;
    observedCount.set(signal.threatId, rank + 1);
    const likelihood = diminishingWeight(rank);
    observedRise.set(signal.threatId, (observedRise.get(signal.threatId) ?? 0) + likelihood);
    const weight = rank === 0 ? '' : ` ${rank === 1 ? 'One earlier observation already counts' : `${rank} earlier observations already count`} on this threat, so this one counts less.`;
    push(signal.threatId, { step: 'observed', phase: 'inherent', ruleId: signal.ref, effect: { likelihood, impact: 0 }, detail: `${signal.detail}${weight} This ${describeChange(likelihood, 0)}.` });
  }

  // Why a withheld safeguard is not counted, worded once per safeguard (it mitigates several threats).
  const withheldDetail = new Map<string, string>();
  const withheldWords = (control: Control): string | undefined => {
    const held = settled.withheld.get(control.id);
    if (!held) return undefined;
    let detail = withheldDetail.get(control.id);
    if (detail === undefined) {
      const c = held.contradiction;
      const why = c.resolution
        ? `an assessor found it is not in place (${c.resolution.by}: "${c.resolution.note}")`
        : `the answers disagree about it (${[...c.credits, ...c.denies].map((x) => `${x.questionId} "${x.answerText}"`).join(' against ')}); it will count once an assessor decides which is right`;
      detail = `${control.name} (${control.id}) does not lower this risk: ${why}.`;
      withheldDetail.set(control.id, detail);
    }
    return detail;
  };


  const threats: ThreatScore[] = content.threats.map((threat) => {
    const trace: TraceEntry[] = [
      cachedStep(index, `base:${threat.id}`, () => ({
        step: 'base',
        phase: 'inherent',
        effect: { likelihood: threat.baseLikelihood, impact: threat.baseImpact },
        detail: `Typical for a hospital AI product before anything is known about it: likelihood ${levelName(matrix, 'likelihood', threat.baseLikelihood)}, impact ${levelName(matrix, 'impact', threat.baseImpact)}.`,
      })) as TraceEntry,
    ];
    const severity = cachedStep(index, `severity:${threat.id}:${system.worstCredibleHarm ?? ''}:${system.autonomyLevel ?? ''}`, () => severityStep(index, system, threat));
    if (severity) trace.push(severity);
    trace.push(...(exposures.get(threat.id) ?? []));
    let rawL = 0;
    let rawI = 0;
    for (const entry of trace) {
      rawL += entry.effect.likelihood;
      rawI += entry.effect.impact;
    }
    const inherentRaw = { likelihood: rawL, impact: rawI };

    // Safeguards on two axes: prevention and detection both lower the likelihood of harm and
    // share one pool (otherwise a dozen overlapping safeguards would take any threat to the floor
    // and no single one would matter); severity is the other. In each, the strongest counts in
    // full, the next half, then a quarter…
    type Pooled = { m: Mitigation & { control: Control }; credit: Extract<Finding, { kind: 'credit' }>; size: number };
    // One entry per safeguard per axis: a safeguard that both prevents and detects counts once
    // on the likelihood axis, at the larger of the two.
    const likelihoodAxis = new Map<string, Pooled>();
    const severityAxis = new Map<string, Pooled>();
    const applied = new Map<string, ThreatScore['controls'][number]>();
    const withheldNoted = new Set<string>();
    for (const m of index.mitigations.get(threat.id) ?? []) {
      const credit = settled.credits.get(m.control.id);
      if (!credit) {
        const detail = withheldWords(m.control);
        if (detail !== undefined && !withheldNoted.has(m.control.id)) {
          withheldNoted.add(m.control.id);
          trace.push({ step: 'contradiction', phase: 'residual', controlId: m.control.id, effect: { likelihood: 0, impact: 0 }, detail });
        }
        continue;
      }
      const axis = m.reduces === 'severity' ? severityAxis : likelihoodAxis;
      const entry = { m, credit, size: m.by * credit.strength };
      const before = axis.get(m.control.id);
      if (!before || entry.size > before.size) axis.set(m.control.id, entry);
      applied.set(m.control.id, { id: m.control.id, strength: credit.strength === 1 ? 'full' : 'reduced' });
    }
    let resL = rawL;
    let resI = rawI;
    for (const axis of [likelihoodAxis, severityAxis]) {
      // Strongest first; equal ones in catalog order (the map keeps insertion order, and sort is stable).
      const pool = [...axis.values()].sort((a, b) => b.size - a.size);
      pool.forEach(({ m, credit, size }, rank) => {
        const kind = m.reduces;
        const cut = size * diminishingWeight(rank);
        const effect = kind === 'severity' ? { likelihood: 0, impact: -cut } : { likelihood: -cut, impact: 0 };
        resL += effect.likelihood;
        resI += effect.impact;
        const strength = credit.strengthWhy.length > 0 ? `, ${credit.strengthWhy.join(' and ')}` : '';
        trace.push({
          step: 'control',
          phase: 'residual',
          ...(credit.origin.assumed ? {} : { questionId: credit.origin.questionId, answer: credit.origin.answer }),
          controlId: m.control.id,
          effect,
          detail:
            `${m.control.name} (${m.control.id}) is in place: ${originWords(credit.origin, stagesById)}${strength}; ` +
            `it makes the threat ${mitigationWords[kind]}, lowering the ${kind === 'severity' ? 'impact' : 'likelihood'} by ${levelsWords(cut)}${rankWords(rank)}.`,
        });
      });
    }

    // What no safeguard removes: never below the floor, never above the inherent exposure.
    // What was observed after go-live counts on top of the floor: a floor the safeguards already
    // sit on must not swallow a breach seen in monitoring.
    const floor = floors.get(threat.id);
    if (floor) {
      const seen = observedRise.get(threat.id) ?? 0;
      const fl = Math.min(floor.likelihood, rawL - seen);
      const fi = Math.min(floor.impact, rawI);
      const upL = resL - seen < fl ? fl - (resL - seen) : 0;
      const upI = resI < fi ? fi - resI : 0;
      if (upL > 0 || upI > 0) {
        const onTop = seen > 0 ? `, before what was seen after go-live (${levelsWords(seen)} more)` : '';
        const parts = [
          ...(upL > 0 ? [`the likelihood cannot fall below ${amountOnScale(fl)}${onTop}, because ${lowerFirst(floor.likelihoodWhy)}`] : []),
          ...(upI > 0 ? [`the impact cannot fall below ${amountOnScale(fi)}, because ${lowerFirst(floor.impactWhy)}`] : []),
        ];
        trace.push({ step: 'floor', phase: 'residual', effect: { likelihood: upL, impact: upI }, detail: `No safeguard removes all of this risk: ${parts.join('; ')}.` });
        resL += upL;
        resI += upI;
      }
    }
    const residualRaw = { likelihood: resL, impact: resI };

    const inherentL = toLevel(rawL);
    const inherentI = toLevel(rawI);
    const residualL = toLevel(resL);
    const residualI = toLevel(resI);
    const gaps = (index.touching.get(threat.id) ?? []).filter((qid) => {
      if (!current.visible.has(qid)) return false;
      const a = answers.get(qid);
      if (a?.notApplicable) return false;
      return a === undefined || a.unknown || a.value === null || current.unreviewed.has(qid);
    });
    return {
      id: threat.id,
      name: threat.name,
      harm: threat.harm,
      inherent: { likelihood: inherentL, impact: inherentI, score: inherentL * inherentI, band: bandOf(matrix, inherentL, inherentI), raw: inherentRaw },
      residual: { likelihood: residualL, impact: residualI, score: residualL * residualI, band: bandOf(matrix, residualL, residualI), raw: residualRaw },
      trace,
      gaps,
      controls: [...applied.values()],
    };
  });

  const { overall, heatmap } = summariseProfile(index, threats);
  return {
    assessmentId: meta.assessmentId,
    model: 2,
    overall,
    threats,
    heatmap,
    contradictions: settled.contradictions,
    inheritedFrom: inherited.map((s) => ({ assessmentId: s.assessmentId, stage: s.stage, title: s.title })),
    scoredAt: meta.scoredAt,
  };
}
