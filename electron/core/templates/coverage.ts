import { assessmentStages, type Coverage, type TemplateSet } from '../../contract/index.ts';
import { touchedThreats } from './question-effects.ts';

/** Counts, per threat, the questions of each questionnaire and stage that touch it. */
export function computeCoverage(set: TemplateSet): Coverage {
  const controlsById = new Map(set.controls.controls.map((c) => [c.id, c]));
  const threats = set.threats.threats.map((t) => ({
    id: t.id,
    name: t.name,
    byQuestionnaire: Object.fromEntries(set.questionnaires.map((q) => [q.id, 0])) as Record<string, number>,
    byStage: Object.fromEntries(assessmentStages.map((s) => [s, 0])) as Record<(typeof assessmentStages)[number], number>,
    total: 0,
  }));
  const byId = new Map(threats.map((t) => [t.id, t]));
  for (const q of set.questionnaires) {
    for (const question of q.sections.flatMap((s) => s.questions)) {
      for (const threatId of touchedThreats(question, controlsById)) {
        const row = byId.get(threatId);
        if (!row) continue;
        row.byQuestionnaire[q.id] = (row.byQuestionnaire[q.id] ?? 0) + 1;
        row.byStage[q.stage] += 1;
        row.total += 1;
      }
    }
  }
  return { questionnaires: set.questionnaires.map((q) => ({ id: q.id, stage: q.stage, title: q.title })), threats };
}
