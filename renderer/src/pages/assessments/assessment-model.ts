import type {
  AiSystem,
  Answer,
  AssessmentDetail,
  AssessmentStage,
  Question,
  Questionnaire,
  RiskMatrix,
  ThreatScore,
  TraceEntry,
} from '../../../../electron/contract/index.ts';

export { assessmentStatusLabels as statusLabels, stageLabels } from '../../../../electron/contract/index.ts';

export const stepLabels: Record<TraceEntry['step'], string> = {
  base: 'Typical level',
  severity: 'Clinical harm',
  profile: 'From the system record',
  exposure: 'An answer raises it',
  unknown: "Not known: counted as the least safe answer",
  inherited: 'From an approved earlier stage',
  observed: 'Seen after go-live (monitoring or training)',
  clamp: 'Kept within 1–5',
  control: 'Safeguard in place',
  contradiction: 'Safeguard not counted: answers disagree',
  floor: 'What no safeguard removes',
  rounding: 'Rounded to a whole level',
};

export interface SectionView {
  id: string;
  title: string;
  description: string | undefined;
  questionnaireId: string;
  /** Questions asked, in template order (hidden ones left out). */
  questions: Question[];
  /** Questions not asked because of branching. */
  hidden: number;
}

export interface SectionProgress {
  visible: number;
  answered: number;
  required: number;
  requiredAnswered: number;
  flagged: number;
}

/** The sections of every pinned questionnaire, each with only the questions being asked. */
export function sectionViews(detail: Pick<AssessmentDetail, 'questionnaireSnapshots' | 'visibleQuestions'>): SectionView[] {
  const visible = new Set(detail.visibleQuestions);
  return detail.questionnaireSnapshots.flatMap((q) =>
    q.sections.map((s) => {
      const questions = s.questions.filter((question) => visible.has(question.id));
      return {
        id: s.id,
        title: s.title,
        description: s.description,
        questionnaireId: q.id,
        questions,
        hidden: s.questions.length - questions.length,
      };
    }),
  );
}

export const isResponded = (a: (Pick<Answer, 'value' | 'unknown'> & { notApplicable?: boolean }) | undefined): boolean =>
  a !== undefined && (a.unknown || a.notApplicable === true || a.value !== null);

/** The inventory fields a "Not applicable" condition reads (a subset of the system record). */
export type SystemConditions = Pick<AiSystem, 'autonomyLevel' | 'dataCategories' | 'deploymentType' | 'integrationPoints' | 'modelType' | 'worstCredibleHarm' | 'timeCritical'>;

/**
 * Whether a question offers "Not applicable" for this system: every condition of its
 * `notApplicable.when` holds (lists by overlap; time-critical as "yes"/"no"; not recorded matches
 * nothing). The same rule as the core's, which refuses the answer otherwise.
 */
export function notApplicableOffered(question: Question, system: SystemConditions | undefined): boolean {
  const na = question.notApplicable;
  if (!na || !system) return false;
  return na.when.every((c) => {
    const actual = system[c.system];
    const list = Array.isArray(actual) ? actual : actual === null || actual === undefined ? [] : [typeof actual === 'boolean' ? (actual ? 'yes' : 'no') : actual];
    return list.some((v) => c.in.includes(v));
  });
}

/** Who an answer is from, in words: "assessor", "vendor", "vendor, transcribed". */
export const sourceText = (a: Pick<Answer, 'source' | 'transcribed'>): string => (a.source === 'vendor' ? (a.transcribed ? 'vendor, transcribed' : 'vendor') : a.source);

/** An exposure as the scale shows it: "7.5, shown as 5 — Frequent", or "3 — Occasional" when it is on the scale. */
export function exposureText(raw: number, level: number, levels: RiskMatrix['likelihood']): string {
  const label = levels.find((l) => l.level === level)?.label;
  const shown = `${level}${label ? ` — ${label}` : ''}`;
  return raw === level ? shown : `${String(Math.round(raw * 100) / 100)}, shown as ${shown}`;
}

/** Answered (incl. "I don't know") / required / flagged for one section's asked questions. */
export function sectionProgress(section: SectionView, answers: ReadonlyMap<string, Answer>): SectionProgress {
  const progress: SectionProgress = { visible: section.questions.length, answered: 0, required: 0, requiredAnswered: 0, flagged: 0 };
  for (const q of section.questions) {
    const a = answers.get(q.id);
    const responded = isResponded(a);
    if (responded) progress.answered++;
    if (a?.flagged) progress.flagged++;
    if (q.required) {
      progress.required++;
      if (responded) progress.requiredAnswered++;
    }
  }
  return progress;
}

/** The lifecycle stage whose assessment a system is most likely to need next. */
export function suggestedStage(system: Pick<AiSystem, 'lifecycleStage'>): AssessmentStage {
  switch (system.lifecycleStage) {
    case 'validation':
      return 'validation';
    case 'deployment':
      return 'deployment';
    case 'inUse':
    case 'reassessmentDue':
      return 'use';
    default:
      return 'procurement';
  }
}

/** Which section holds a question (for links from the score explanation). */
export function sectionOfQuestion(questionnaires: readonly Questionnaire[], questionId: string): string | undefined {
  for (const q of questionnaires) {
    for (const s of q.sections) if (s.questions.some((question) => question.id === questionId)) return s.id;
  }
  return undefined;
}

export function questionsById(questionnaires: readonly Questionnaire[]): Map<string, Question> {
  return new Map(questionnaires.flatMap((q) => q.sections.flatMap((s) => s.questions.map((question) => [question.id, question] as const))));
}

/** Highest residual risk first; ties by inherent score, then by name. */
export function sortThreats(threats: readonly ThreatScore[]): ThreatScore[] {
  return [...threats].sort(
    (a, b) => b.residual.score - a.residual.score || b.inherent.score - a.inherent.score || a.name.localeCompare(b.name),
  );
}

export function bandOf(matrix: RiskMatrix, id: string) {
  return matrix.bands.find((b) => b.id === id);
}

/** "+1", "−0.5", "—" for an effect on likelihood or impact. */
export function formatEffect(n: number): string {
  if (n === 0) return '—';
  const abs = Number.isInteger(n) ? String(Math.abs(n)) : Math.abs(n).toFixed(1);
  return `${n > 0 ? '+' : '−'}${abs}`;
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} bytes`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / (1024 * 1024)).toFixed(1)} MB`;
}

export { formatDateTime, formatTime } from '../../text/format.ts';

/** Bytes to base64 without building one huge string argument list (files run to 25 MB). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A media type the contract accepts (type/subtype), else the generic one. */
export function safeMediaType(type: string): string {
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i.test(type) && type.length <= 120 ? type : 'application/octet-stream';
}
