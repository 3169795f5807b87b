import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CalibrationProfileResult, TemplateSet } from '../../../electron/contract/index.ts';
import { scoreCalibration } from '../../../electron/core/templates/calibration.ts';
import { loadTemplateSet } from '../../../electron/core/templates/load-template-set.ts';
import { repoRoot } from '../../support/core-fixture.ts';

/*
 * Issue 12's tested properties of the shipped content, over the shipped reference profiles
 * (templates/calibration/), scored through the same calibration function as `vigil templates lint`:
 * switching any single material safeguard answer moves a residual level; a weak answer set ranks
 * the threats that harm this use's patients above lab-style attacks; a strong answer set for a
 * time-critical alert leaves drift and over-reliance visible.
 */

function shipped(): TemplateSet {
  const loaded = loadTemplateSet(join(repoRoot, 'templates'));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems, null, 2));
  return loaded.set;
}

const set = shipped();
const report = scoreCalibration(set);
const answerSet = (p: CalibrationProfileResult, id: string) => {
  const s = p.answerSets.find((a) => a.id === id);
  if (!s) throw new Error(`${p.id} has no ${id} answer set`);
  return s;
};
const labStyle = ['T-ADVERSARIAL-INPUT', 'T-MODEL-BACKDOOR', 'T-MODEL-THEFT', 'T-MEMBERSHIP-INFERENCE', 'T-MODEL-INVERSION'];

describe('the shipped reference profiles', () => {
  it('include the three reference systems of issue 12, each with a weak and a strong answer set', () => {
    expect(report.profiles.map((p) => p.id).sort()).toEqual(['ambient-scribe', 'imaging-triage-lvo', 'sepsis-alert-ehr']);
    for (const p of report.profiles) expect(p.answerSets.map((s) => s.id).sort()).toEqual(['strong', 'weak']);
  });

  it.each(report.profiles.map((p) => [p.id, p] as const))('%s / strong: switching any single material safeguard answer moves a residual level', (_, p) => {
    const strong = answerSet(p, 'strong');
    // The property is only meaningful if the strong set answers material questions with safeguards.
    expect(strong.materialFlips.length).toBeGreaterThanOrEqual(10);
    const unmoved = strong.materialFlips.filter((f) => f.moved.length === 0).map((f) => `${f.questionId}: ${f.from} → ${f.to}`);
    expect(unmoved).toEqual([]);
  });

  it.each(report.profiles.map((p) => [p.id, p] as const))('%s / weak: every material safeguard answer it counts moves a residual level too', (_, p) => {
    expect(answerSet(p, 'weak').materialFlips.filter((f) => f.moved.length === 0)).toEqual([]);
  });

  it.each(report.profiles.map((p) => [p.id, p] as const))('%s / weak: the threats that harm this use\'s patients rank above lab-style attacks', (_, p) => {
    const profile = set.calibration.find((c) => c.id === p.id);
    const ranking = profile?.answerSets.find((s) => s.id === 'weak')?.ranking;
    expect(ranking, `${p.id} / weak states no ranking`).toBeDefined();
    expect([...(ranking?.below ?? [])].sort()).toEqual([...labStyle].sort());
    expect(ranking?.above.length).toBeGreaterThanOrEqual(4);
    expect(answerSet(p, 'weak').rankingProblems).toEqual([]);
    // Independently of the checker: each patient-harm threat's residual score is at least each lab-style attack's.
    const score = new Map(answerSet(p, 'weak').ranking.map((r) => [r.threatId, r.score]));
    for (const a of ranking?.above ?? []) for (const b of labStyle) expect(score.get(a) ?? 0, `${a} against ${b}`).toBeGreaterThanOrEqual(score.get(b) ?? 0);
  });

  const timeCritical = report.profiles.filter((p) => p.system.timeCritical);
  it('has at least one time-critical profile', () => expect(timeCritical.length).toBeGreaterThan(0));
  it.each(timeCritical.map((p) => [p.id, p] as const))('%s / strong: drift and over-reliance stay Medium or above', (_, p) => {
    const rank = new Map(set.matrix.bands.map((b, i) => [b.id, i]));
    const medium = rank.get('medium') ?? 1;
    const bands = new Map(answerSet(p, 'strong').ranking.map((r) => [r.threatId, r.band]));
    for (const threat of ['T-DRIFT', 'T-OVER-RELIANCE']) expect(rank.get(bands.get(threat) ?? '') ?? -1, threat).toBeGreaterThanOrEqual(medium);
  });

  it('passes every calibration rule of the linter', () => {
    expect(report.ok).toBe(true);
  });
});
