import type {
  AiSystem,
  Answer,
  AssessmentStage,
  CompareAnswer,
  CompareCandidate,
  CompareFindings,
  CompareStanding,
  CompareSummary,
  CompareThreat,
  Comparison,
  Progress,
  Question,
  RiskMatrix,
  TemplateDifference,
  ThreatProfile,
  ThreatScore,
  assessmentStatuses,
} from '../../contract/index.ts';
import { count, listCapped, listWords } from '../committee/words.ts';
import { answerInWords, answerSourceWords } from '../export/answer-words.ts';
import { isAboveAppetite } from '../rules/band-order.ts';
import type { TemplateSnapshot } from './snapshot.ts';

/*
 * Candidates side by side (issue 17, docs/compare.md). Pure: each candidate comes with its own
 * evaluation (the profile `assessments.score` gives, the answers, the pinned snapshot) and
 * nothing here scores anything again. Threats are matched by id and questions by id across the
 * candidates' pinned templates; what one template has and another lacks is said, not hidden.
 */

/** What the comparison needs of one evaluated assessment. */
export interface ComparedAssessment {
  id: string;
  stage: AssessmentStage;
  title: string;
  status: (typeof assessmentStatuses)[number];
  scoringModel: 1 | 2;
  system: Pick<AiSystem, 'id' | 'name' | 'vendor' | 'productVersion'>;
  snapshot: TemplateSnapshot;
  questionsById: ReadonlyMap<string, Question>;
  answers: readonly Answer[];
  visible: ReadonlySet<string>;
  profile: ThreatProfile;
  progress: Pick<Progress, 'answered' | 'visible'>;
}

const bandLabel = (matrix: RiskMatrix, band: string): string => matrix.bands.find((b) => b.id === band)?.label ?? band;

/** "Ambient clinical scribe (Quillwright)", with the assessment id where two candidates would read the same. */
function labels(items: readonly ComparedAssessment[]): string[] {
  const base = items.map((a) => (a.system.vendor ? `${a.system.name} (${a.system.vendor})` : a.system.name));
  return base.map((label, i) => (base.filter((b) => b === label).length > 1 ? `${label}, ${items[i]?.id ?? ''}` : label));
}

function candidateOf(a: ComparedAssessment, label: string): CompareCandidate {
  return {
    assessmentId: a.id,
    label,
    systemId: a.system.id,
    systemName: a.system.name,
    vendor: a.system.vendor,
    productVersion: a.system.productVersion,
    stage: a.stage,
    title: a.title,
    status: a.status,
    scoringModel: a.scoringModel,
    questionnaires: a.snapshot.questionnaires.map((q) => ({ id: q.id, version: q.version })),
    overall: a.profile.overall,
    appetite: a.snapshot.matrix.appetite,
    answered: a.progress.answered,
    visible: a.progress.visible,
  };
}

/** Ids in first-seen order over the candidates. */
const unionOf = (lists: readonly (readonly string[])[]): string[] => [...new Set(lists.flat())];

function compareThreats(items: readonly ComparedAssessment[], names: readonly string[]): CompareThreat[] {
  const byId = items.map((a) => new Map(a.profile.threats.map((t) => [t.id, t])));
  return unionOf(items.map((a) => a.profile.threats.map((t) => t.id))).map((threatId) => {
    const scores = byId.map((m) => m.get(threatId));
    const name = scores.find((s) => s !== undefined)?.name ?? threatId;
    const cells = items.map((a, i) => {
      const s = scores[i];
      return {
        assessmentId: a.id,
        inherent: s?.inherent ?? null,
        residual: s?.residual ?? null,
        aboveAppetite: s !== undefined && isAboveAppetite(a.snapshot.matrix, s.residual.band),
      };
    });
    const missing = items.filter((_, i) => scores[i] === undefined).map((a) => a.id);
    const present = scores.filter((s): s is ThreatScore => s !== undefined);
    const residuals = present.map((s) => s.residual.score);
    const inherents = present.map((s) => s.inherent.score);
    const residualDiffers = new Set(residuals).size > 1;
    const differs = missing.length > 0 || residualDiffers || new Set(inherents).size > 1 || new Set(present.map((s) => s.residual.band)).size > 1;
    const low = Math.min(...residuals);
    const lowestResidual = residualDiffers ? items.filter((_, i) => scores[i]?.residual.score === low).map((a) => a.id) : [];
    const lowNames = items.flatMap((a, i) => (lowestResidual.includes(a.id) ? [names[i] ?? a.id] : []));
    const others = residuals.filter((r) => r !== low);
    const note = [
      residualDiffers ? `Residual lowest with ${listWords(lowNames)} (${low} against ${listWords([...new Set(others)].sort((x, y) => x - y).map(String))}).` : '',
      !residualDiffers && differs && present.length > 1 ? 'Same residual score; the inherent scores or bands differ.' : '',
      !differs ? 'The same for every candidate.' : '',
      missing.length > 0 ? `Not in the threat catalog pinned by ${listWords(missing)}.` : '',
    ]
      .filter(Boolean)
      .join(' ');
    return { threatId, name, cells, differs, lowestResidual, note };
  });
}

/**
 * An answer in words for one candidate: its label (with whose answer it is), or, when it has
 * none, "Not answered", "Not asked of this system" or "Not in its questionnaire" (`answered`
 * false).
 */
function answerWords(a: ComparedAssessment, answers: ReadonlyMap<string, Answer>, questionId: string): { answer: string; source: string | null; answered: boolean } {
  const question = a.questionsById.get(questionId);
  if (!question) return { answer: 'Not in its questionnaire', source: null, answered: false };
  const answer = answers.get(questionId);
  if (answer && (answer.value !== null || answer.unknown || answer.notApplicable)) return { answer: answerInWords(question, answer), source: answerSourceWords(answer), answered: true };
  return { answer: a.visible.has(questionId) ? 'Not answered' : 'Not asked of this system', source: null, answered: false };
}

function compareAnswers(items: readonly ComparedAssessment[]): { answers: CompareAnswer[]; questionsCompared: number } {
  const maps = items.map((a) => new Map(a.answers.map((x) => [x.questionId, x])));
  const ids = unionOf(items.map((a) => [...a.questionsById.keys()]));
  const answers = ids.flatMap((questionId): CompareAnswer[] => {
    const words = items.map((a, i) => ({ assessmentId: a.id, ...answerWords(a, maps[i] ?? new Map(), questionId) }));
    // An answer differs when some candidate has one and the words are not all the same; a
    // question none has answered (unanswered, not asked, not in its questionnaire) is no answer
    // that differs (the template differences say which questions a questionnaire lacks).
    if (!words.some((w) => w.answered) || new Set(words.map((w) => w.answer)).size === 1) return [];
    const text = items.map((a) => a.questionsById.get(questionId)?.text).find((t) => t !== undefined) ?? questionId;
    return [{ questionId, text, answers: words.map(({ answered: _answered, ...w }) => w) }];
  });
  return { answers, questionsCompared: ids.length };
}

/** The gaps and contradictions the candidate's own profile holds, worded. */
function findingsOf(a: ComparedAssessment): CompareFindings {
  const gaps = new Map<string, string[]>();
  for (const t of a.profile.threats) for (const q of t.gaps) gaps.set(q, [...(gaps.get(q) ?? []), t.name]);
  return {
    assessmentId: a.id,
    gaps: [...gaps].map(([questionId, threats]) => ({ questionId, text: a.questionsById.get(questionId)?.text ?? questionId, threats })),
    contradictions: (a.profile.contradictions ?? []).map((c) => {
      const sides = `${listWords(c.credits.map((s) => `${s.questionId} "${s.answerText}"`))} against ${listWords(c.denies.map((s) => `${s.questionId} "${s.answerText}"`))}`;
      const r = c.resolution;
      return {
        controlId: c.controlId,
        controlName: c.controlName,
        open: r === null,
        statement: r === null ? `Open: ${sides}; not credited until settled.` : `Settled (${r.decision === 'credit' ? 'credited' : 'not credited'}) by ${r.by}: ${r.note}`,
      };
    }),
  };
}

function templateDifferences(items: readonly ComparedAssessment[], names: readonly string[]): TemplateDifference[] {
  const out: TemplateDifference[] = [];
  const nameOf = (id: string) => names[items.findIndex((a) => a.id === id)] ?? id;
  const lacking = (ids: string[], has: (a: ComparedAssessment, id: string) => boolean) =>
    ids.flatMap((id) => {
      const without = items.filter((a) => !has(a, id)).map((a) => a.id);
      return without.length > 0 ? [{ id, without }] : [];
    });
  // Group the missing ids by who lacks them so the statement stays one line per group.
  const grouped = (found: { id: string; without: string[] }[]) => {
    const groups = new Map<string, string[]>();
    for (const f of found) groups.set(f.without.join(','), [...(groups.get(f.without.join(',')) ?? []), f.id]);
    return [...groups].map(([without, ids]) => ({ without: without.split(','), ids }));
  };

  const questionnaires = unionOf(items.map((a) => a.snapshot.questionnaires.map((q) => q.id)));
  for (const qid of questionnaires) {
    const versions = items.map((a) => a.snapshot.questionnaires.find((q) => q.id === qid)?.version);
    const present = versions.filter((v): v is string => v !== undefined);
    if (new Set(present).size > 1) {
      out.push({
        kind: 'questionnaireVersion',
        statement: `Questionnaire ${qid} differs in version: ${items.flatMap((a, i) => (versions[i] ? [`${versions[i]} for ${nameOf(a.id)}`] : [])).join(', ')}.`,
        ids: [qid],
      });
    }
  }
  for (const g of grouped(lacking(questionnaires, (a, id) => a.snapshot.questionnaires.some((q) => q.id === id)))) {
    out.push({ kind: 'questionnaireMissing', statement: `${listWords(g.without.map(nameOf))} pinned no questionnaire ${listWords(g.ids)}.`, ids: g.ids });
  }
  const threats = unionOf(items.map((a) => a.profile.threats.map((t) => t.id)));
  for (const g of grouped(lacking(threats, (a, id) => a.profile.threats.some((t) => t.id === id)))) {
    out.push({
      kind: 'threatMissing',
      statement: `${count(g.ids.length, 'threat')} ${g.ids.length === 1 ? 'is' : 'are'} not in the threat catalog pinned by ${listWords(g.without.map(nameOf))} (${listCapped(g.ids, 8)}): ${g.ids.length === 1 ? 'it is' : 'they are'} left out of the summary's measures.`,
      ids: g.ids,
    });
  }
  const questions = unionOf(items.map((a) => [...a.questionsById.keys()]));
  for (const g of grouped(lacking(questions, (a, id) => a.questionsById.has(id)))) {
    out.push({
      kind: 'questionMissing',
      statement: `${count(g.ids.length, 'question')} ${g.ids.length === 1 ? 'is' : 'are'} not in the questionnaires pinned by ${listWords(g.without.map(nameOf))} (${listCapped(g.ids, 8)}).`,
      ids: g.ids,
    });
  }
  if (new Set(items.map((a) => a.scoringModel)).size > 1) {
    out.push({ kind: 'scoringModel', statement: `Scored under different models: ${items.map((a, i) => `model ${a.scoringModel} for ${names[i]}`).join(', ')}.`, ids: [] });
  }
  const matrices = items.map((a) => `${a.snapshot.matrix.id}@${a.snapshot.matrix.version}`);
  const appetites = items.map((a) => a.snapshot.matrix.appetite);
  if (new Set(matrices).size > 1 || new Set(appetites).size > 1) {
    out.push({
      kind: 'matrix',
      statement: `Different risk matrices: ${items.map((a, i) => `${matrices[i]} (appetite ${bandLabel(a.snapshot.matrix, a.snapshot.matrix.appetite)}) for ${names[i]}`).join(', ')}.`,
      ids: [...new Set(matrices)],
    });
  }
  return out;
}

/** Each candidate's measures over the threats every candidate has, so the totals count the same threats. */
function standingOf(a: ComparedAssessment, shared: ReadonlySet<string>, threats: readonly CompareThreat[]): CompareStanding {
  const own = a.profile.threats.filter((t) => shared.has(t.id));
  const highest = Math.max(0, ...own.map((t) => t.residual.score));
  const top = own.filter((t) => t.residual.score === highest);
  return {
    assessmentId: a.id,
    aboveAppetite: own.filter((t) => isAboveAppetite(a.snapshot.matrix, t.residual.band)).map((t) => ({ threatId: t.id, name: t.name, band: t.residual.band })),
    highestResidual: { score: highest, band: top[0]?.residual.band ?? a.snapshot.matrix.bands[0]?.id ?? '', threats: top.map((t) => t.name) },
    totalResidual: own.reduce((n, t) => n + t.residual.score, 0),
    lowerOn: threats.filter((t) => shared.has(t.threatId) && t.lowestResidual.length === 1 && t.lowestResidual[0] === a.id).length,
  };
}

/** The measures in the order they decide: fewer above appetite, then lower highest residual, then lower total. */
const measures = (s: CompareStanding): number[] => [s.aboveAppetite.length, s.highestResidual.score, s.totalResidual];

const byMeasures = (x: CompareStanding, y: CompareStanding): number => {
  const [a, b] = [measures(x), measures(y)];
  for (let i = 0; i < a.length; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
};

function summaryOf(items: readonly ComparedAssessment[], names: readonly string[], threats: readonly CompareThreat[]): CompareSummary {
  const shared = new Set(threats.filter((t) => t.cells.every((c) => c.residual !== null)).map((t) => t.threatId));
  const standings = items.map((a) => standingOf(a, shared, threats));
  const nameOf = (id: string) => names[items.findIndex((a) => a.id === id)] ?? id;
  const matrixOf = (id: string) => items.find((a) => a.id === id)?.snapshot.matrix;
  const band = (id: string, b: string) => {
    const m = matrixOf(id);
    return m ? bandLabel(m, b) : b;
  };
  const best = [...standings].sort(byMeasures)[0];
  const lowest = best ? standings.filter((s) => byMeasures(s, best) === 0).map((s) => s.assessmentId) : [];
  const decidedBy = (() => {
    const sorted = [...standings].sort(byMeasures);
    const [first, second] = [sorted[0], sorted[1]];
    if (!first || !second) return -1;
    const [a, b] = [measures(first), measures(second)];
    return a.findIndex((v, i) => v !== b[i]);
  })();
  const reasons = [
    `Above the appetite: ${standings
      .map((s) => `${nameOf(s.assessmentId)} ${s.aboveAppetite.length === 0 ? 'none' : `${s.aboveAppetite.length} (${listCapped(s.aboveAppetite.map((t) => `"${t.name}"`), 5)})`}`)
      .join('; ')}.`,
    `Highest residual: ${standings
      .map((s) => `${nameOf(s.assessmentId)} ${s.highestResidual.score} (${band(s.assessmentId, s.highestResidual.band)}${s.highestResidual.threats.length > 0 ? `, ${listCapped(s.highestResidual.threats.map((n) => `"${n}"`), 3)}` : ''})`)
      .join('; ')}.`,
    `Total residual over ${count(shared.size, 'threat')}: ${standings.map((s) => `${nameOf(s.assessmentId)} ${s.totalResidual}`).join('; ')}.`,
    `Lowest residual threat by threat: ${standings
      .map((s) => {
        const on = threats.filter((t) => shared.has(t.threatId) && t.lowestResidual.length === 1 && t.lowestResidual[0] === s.assessmentId).map((t) => `"${t.name}"`);
        return `${nameOf(s.assessmentId)} on ${count(on.length, 'threat')}${on.length > 0 ? ` (${listCapped(on, 4)})` : ''}`;
      })
      .join('; ')}.`,
  ];
  const measureWords = ['fewer residual risks above the appetite', 'a lower highest residual risk', 'a lower total residual risk'];
  const statement =
    lowest.length === items.length
      ? `No candidate leaves less residual risk than the others: they are level on residual risks above the appetite, highest residual and total residual.`
      : lowest.length > 1
        ? `${listWords(lowest.map(nameOf))} leave less residual risk than the others (level with each other), with ${measureWords[Math.max(0, decidedBy)] ?? 'lower residual risk'}.`
        : `${nameOf(lowest[0] ?? '')} leaves the least residual risk: ${measureWords[Math.max(0, decidedBy)] ?? 'lower residual risk'} than ${listWords(items.filter((a) => !lowest.includes(a.id)).map((a) => nameOf(a.id)))}.`;
  return { lowest, statement, reasons, threatsCompared: shared.size, standings };
}

/** The comparison of two to four evaluated assessments, in the order given. */
export function compareAssessments(items: readonly ComparedAssessment[], comparedAt: string): Comparison {
  const names = labels(items);
  const threats = compareThreats(items, names);
  const { answers, questionsCompared } = compareAnswers(items);
  return {
    candidates: items.map((a, i) => candidateOf(a, names[i] ?? a.id)),
    threats,
    answers,
    questionsCompared,
    findings: items.map(findingsOf),
    templateDifferences: templateDifferences(items, names),
    summary: summaryOf(items, names, threats),
    bands: [...new Map(items.flatMap((a) => a.snapshot.matrix.bands.map((b) => [b.id, { id: b.id, label: b.label, color: b.color }] as const))).values()],
    comparedAt,
  };
}
