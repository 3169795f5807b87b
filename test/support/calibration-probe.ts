// Throwaway probe (not a test): flips of strong reference answer sets.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSnapshotCache, hashSnapshot, snapshotFor } from '../../electron/core/assessments/snapshot.ts';
import { scoreModel2 } from '../../electron/core/scoring/score-model-2.ts';
import type { ScoringAnswer } from '../../electron/core/scoring/findings.ts';
import { loadTemplateSet } from '../../electron/core/templates/load-template-set.ts';

const dir = join(import.meta.dirname, '..', '..', 'templates');
const loaded = loadTemplateSet(dir);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems.slice(0, 3)));
for (const file of readdirSync(join(dir, 'calibration'))) {
  const p = JSON.parse(readFileSync(join(dir, 'calibration', file), 'utf8'));
  const { hash, json } = hashSnapshot(snapshotFor(loaded.set, p.stage));
  const { index } = createSnapshotCache(() => json)(hash);
  const sys = { autonomyLevel: null, dataCategories: [], deploymentType: null, integrationPoints: [], modelType: null, ...p.system };
  for (const set of p.answerSets) {
    const answers = new Map<string, ScoringAnswer>();
    for (const [q, a] of Object.entries(set.answers as Record<string, unknown>)) {
      const o = typeof a === 'object' && a !== null && !Array.isArray(a) ? (a as Record<string, unknown>) : { value: a };
      answers.set(q, { value: (o.value ?? null) as never, unknown: o.unknown === true, notApplicable: o.notApplicable === true, source: (o.source ?? 'assessor') as never, hasEvidence: o.evidenceVerified === true, evidenceVerified: o.evidenceVerified === true, review: (o.review ?? null) as never, transcribed: o.transcribed === true });
    }
    const score = (m: Map<string, ScoringAnswer>) => scoreModel2({ index, system: sys, answers: m, meta: { assessmentId: 'x', scoredAt: 'x' } });
    const base = score(answers);
    const ranked = [...base.threats].sort((a, b) => b.residual.score - a.residual.score).slice(0, 8).map((t) => `${t.id}:${t.residual.band}(${t.residual.likelihood}x${t.residual.impact})`);
    let flips = 0, moved = 0; const still: string[] = [];
    for (const [qid, a] of answers) {
      const q = index.questionsById.get(qid);
      if (!q || !('options' in q) || a.unknown || a.value === null) continue;
      const env = index.unknownEnvelope.get(qid)!;
      const worst = q.options.find((o) => o.label === env.label) ?? q.options[q.options.length - 1]!;
      const val = q.kind === 'multi' ? [worst.value] : worst.value;
      if (JSON.stringify(val) === JSON.stringify(a.value)) continue;
      const credits = q.options.some((o) => o.effects.some((e) => 'control' in e));
      if (!credits) continue;
      flips++;
      const after = score(new Map(answers).set(qid, { ...a, value: val as never }));
      const changed = after.threats.some((t, i) => t.residual.score !== base.threats[i]!.residual.score);
      if (changed) moved++; else still.push(qid);
    }
    console.log(`${p.id}/${set.id}: ${ranked.join(' ')}\n   flips ${flips}, moved ${moved}; unmoved: ${still.join(' ')}`);
  }
}
