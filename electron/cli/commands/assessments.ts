import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../../core/export/atomic-write.ts';
import { whyNotJson } from '../../core/exchange/file-refusal.ts';
import {
  parseUntrustedJson,
  type AnswerChange,
  type AnswerResult,
  assessmentSorts,
  type AssessmentDetail,
  type AssessmentPage,
  type AssessmentRow,
  type AssessmentSummary,
  type Contradiction,
  type EvidenceFile,
  type EvidenceMeta,
  type Question,
  type ThreatDetail,
  type ThreatProfile,
  type UpgradeScoringResult,
} from '../../contract/index.ts';
import { UsageError, type CliCommand, type CommandContext } from '../command.ts';
import { callAndPrint, formatFields, formatTable, printError, printJson } from '../output.ts';
import { readEvidenceFile } from '../file-options.ts';
import { expectedRevisionOption } from '../task-options.ts';
import { pageInput, pageOptions, pageUsage, rowsLine } from '../page-options.ts';
import { describeComparison } from '../describe-comparison.ts';
import { describeExport } from './export.ts';

const bandWord = (band: string) => band.charAt(0).toUpperCase() + band.slice(1);

function describeProgress(d: AssessmentSummary): string {
  const p = d.progress;
  return `${p.answered}/${p.visible} answered (${p.unknown} "I don't know"), required ${p.requiredAnswered}/${p.required}, ${p.flagged} flagged`;
}

const sourceWord = (source: string, transcribed = false) => (source === 'vendor' ? (transcribed ? 'vendor, transcribed' : 'vendor') : source);

/** "PR-DAT-04 "Yes" (assessor)", with the earlier assessment it comes from when inherited. */
const sideText = (s: Contradiction['credits'][number]) =>
  `${s.questionId} "${s.answerText}" (${sourceWord(s.source)}${s.fromAssessment ? `, approved earlier in ${s.fromAssessment}` : ''})`;

/** Contradictions in plain words: the safeguard, who says it is in place, who says not, and how it stands. */
export function describeContradictions(contradictions: readonly Contradiction[]): string {
  if (contradictions.length === 0) return 'Contradictions\n  none\n';
  let text = 'Contradictions\n';
  for (const c of contradictions) {
    const state = c.resolution
      ? `resolved by ${c.resolution.by} at ${c.resolution.at}: ${c.resolution.decision === 'credit' ? 'safeguard in place' : 'safeguard not in place'} ("${c.resolution.note}")`
      : 'open: scored as not in place until an assessor resolves it';
    text += `  ${c.controlId} ${c.controlName}\n`;
    text += `    says it is in place:     ${c.credits.map(sideText).join('; ')}\n`;
    text += `    says it is not in place: ${c.denies.map(sideText).join('; ')}\n`;
    text += `    ${state}\n`;
  }
  return text;
}

const rawText = (raw: { likelihood: number; impact: number } | undefined) => (raw ? `likelihood ${raw.likelihood}, impact ${raw.impact}` : '');

function describeProfile(profile: ThreatProfile, withTrace: boolean): string {
  const rows = [...profile.threats].sort((a, b) => b.residual.score - a.residual.score || a.id.localeCompare(b.id));
  let text =
    `Scoring model ${profile.model ?? 1}\n` +
    (profile.inheritedFrom && profile.inheritedFrom.length > 0
      ? `Starts from the approved findings of: ${profile.inheritedFrom.map((i) => `${i.assessmentId} (${i.stage}, ${i.title})`).join('; ')}\n`
      : '') +
    `Overall residual band: ${bandWord(profile.overall.band)} (highest residual score ${profile.overall.highestResidual})\n\n` +
    formatTable(
      ['Threat', 'Inherent', 'Residual', 'Gaps'],
      rows.map((t) => [
        t.id,
        `${t.inherent.likelihood}×${t.inherent.impact}=${t.inherent.score} ${bandWord(t.inherent.band)}`,
        `${t.residual.likelihood}×${t.residual.impact}=${t.residual.score} ${bandWord(t.residual.band)}`,
        String(t.gaps.length),
      ]),
    );
  if (profile.contradictions) text += `\n${describeContradictions(profile.contradictions)}`;
  if (withTrace) {
    for (const t of rows) {
      text += `\n${t.id} ${t.name}\n`;
      if (t.inherent.raw && t.residual.raw) {
        text += `  exposure before the 1-5 scale: inherent ${rawText(t.inherent.raw)}; residual ${rawText(t.residual.raw)}\n`;
      }
      for (const step of t.trace) {
        const delta = `L${step.effect.likelihood >= 0 ? '+' : ''}${step.effect.likelihood} I${step.effect.impact >= 0 ? '+' : ''}${step.effect.impact}`;
        text += `  [${step.phase} ${step.step}] ${delta}  ${step.detail}\n`;
      }
      if (t.gaps.length > 0) text += `  gaps: ${t.gaps.join(', ')}\n`;
    }
  }
  return text;
}

const levels = (p: { likelihood: number; impact: number }) => `${p.likelihood}×${p.impact}`;

/** Indents a paragraph under a heading, wrapped by the terminal. */
const paragraph = (text: string) => `  ${text}\n`;

/** What an owner plans from: the threat for this system, why it scored so, gaps and what would lower it. */
export function describeThreatDetail(d: ThreatDetail): string {
  const t = d.threat;
  const orList = (ids: readonly string[]) => (ids.length <= 1 ? ids.join('') : `${ids.slice(0, -1).join(', ')} or ${ids.at(-1) ?? ''}`);
  let text =
    formatFields([
      ['Threat', `${t.id} ${t.name}`],
      ['System', `${d.systemName} (${d.systemId})`],
      ['Assessment', d.assessmentId],
      ['Inherent', `${levels(t.inherent)} = ${t.inherent.score} ${bandWord(t.inherent.band)}`],
      ['Residual', `${levels(t.residual)} = ${t.residual.score} ${bandWord(t.residual.band)}`],
    ]) +
    `\nWhat it is\n${paragraph(d.description)}` +
    `\nClinical consequence\n${paragraph(d.clinicalConsequence)}` +
    `\nWhy it scored so\n${d.why.map((line) => `  - ${line}\n`).join('')}` +
    `\nEvidence gaps\n${d.gaps.length === 0 ? '  none\n' : d.gaps.map((g) => `  ${g.questionId}  ${g.text}\n`).join('')}` +
    '\nSafeguards that would lower it\n';
  if (d.suggestions.length === 0) text += '  none: no safeguard that is not already credited in full would lower it\n';
  for (const s of d.suggestions) {
    const answer = s.creditedBy.length > 0 ? ` (answer ${orList(s.creditedBy.map((q) => q.questionId))})` : '';
    text += `  Put ${s.name} in place${answer}: residual ${levels(t.residual)} → ${levels(s.residualAfter)}, score −${s.lowersScoreBy}\n`;
  }
  if (d.references.length > 0) text += `\nReferences\n${d.references.map((r) => `  ${r.framework}: ${r.ids.join(', ')}\n`).join('')}`;
  return text;
}

/** "2026-03-01 09:00": when, to the minute, in UTC as stored. */
const minuteOf = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

function listAssessments(ctx: CommandContext): Promise<number> {
  const text = (name: string) => (typeof ctx.values[name] === 'string' ? (ctx.values[name] as string) : undefined);
  const systemId = text('system-id') ?? text('system');
  if (ctx.values.all === true) {
    const paged = ['stage', 'status', 'overall-band', ...Object.keys(pageOptions)].filter((name) => ctx.values[name] !== undefined);
    if (paged.length > 0) throw new UsageError(`--all lists every assessment at once; it takes only --system-id (not --${paged.join(', --')})`);
    return callAndPrint(ctx, 'assessments.list', systemId ? { systemId } : {}, (list: AssessmentSummary[]) =>
      list.length === 0
        ? 'No assessments yet. Start one with: vigil assessments start --system ID --stage procurement\n'
        : formatTable(
            ['ID', 'System', 'Stage', 'Status', 'Answered', 'Band'],
            list.map((a) => [a.id, a.systemName, a.stage, a.status, `${a.progress.answered}/${a.progress.visible}`, bandWord(a.overall.band)]),
          ),
    );
  }
  const filters: Record<string, string> = {};
  if (systemId !== undefined) filters.systemId = systemId;
  for (const [flag, field] of [['stage', 'stage'], ['status', 'status'], ['overall-band', 'overallBand']] as const) {
    const value = text(flag);
    if (value !== undefined) filters[field] = value;
  }
  const input = { ...filters, ...pageInput(ctx.values) };
  return callAndPrint(ctx, 'assessments.page', input, (page: AssessmentPage) =>
    page.total === 0
      ? Object.keys(filters).length === 0 && input.search === undefined
        ? 'No assessments yet. Start one with: vigil assessments start --system ID --stage procurement\n'
        : 'No assessments match.\n'
      : `${rowsLine(page)}${assessmentTable(page.rows)}`,
  );
}

/** Assessment rows as a table (assessments list, reviews log). */
export function assessmentTable(rows: readonly AssessmentRow[], dates: 'updated' | 'review' = 'updated'): string {
  return formatTable(
    ['ID', 'System', 'Stage', 'Status', 'Required', 'Band', ...(dates === 'updated' ? ['Changed'] : ['Submitted', 'Decided'])],
    rows.map((a) => [
      a.id,
      a.systemName,
      a.stage,
      a.status,
      `${a.requiredAnswered}/${a.required}`,
      a.overallBand === null ? '—' : bandWord(a.overallBand),
      ...(dates === 'updated' ? [minuteOf(a.updatedAt)] : [a.submittedAt ? minuteOf(a.submittedAt) : '—', a.decidedAt ? minuteOf(a.decidedAt) : '—']),
    ]),
  );
}

function describeAssessment(d: AssessmentDetail): string {
  const questions = new Map(d.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions)).map((q) => [q.id, q]));
  const shown = (qid: string, value: unknown) => {
    const q = questions.get(qid);
    if (value === null) return '';
    if (q && 'options' in q) {
      const chosen = Array.isArray(value) ? value : [value];
      return q.options.filter((o) => chosen.includes(o.value)).map((o) => o.label).join(', ');
    }
    return String(value);
  };
  return (
    formatFields([
      ['Assessment', d.id],
      ['Title', d.title],
      ['System', `${d.systemName} (${d.systemId})`],
      ['Stage', d.stage],
      ['Status', d.status],
      ['Questionnaires', d.questionnaires.map((q) => `${q.id} ${q.version}`).join(', ')],
      ['Progress', describeProgress(d)],
      ['Overall band', bandWord(d.overall.band)],
      ['Scoring model', d.scoringModel === 1 ? '1 (upgrade with: vigil assessments upgrade-scoring ID)' : String(d.scoringModel)],
      ['Started', `${d.createdAt} by ${d.createdBy}`],
    ]) +
    '\nAnswers\n' +
    (d.answers.length === 0
      ? '  none yet\n'
      : formatTable(
          ['Question', 'Answer', 'Source', 'By', 'At', 'Review', 'Flag', 'Revision'],
          d.answers.map((a) => [
            a.questionId,
            a.unknown ? "I don't know" : a.notApplicable ? 'Not applicable' : shown(a.questionId, a.value),
            sourceWord(a.source, a.transcribed),
            a.answeredBy,
            a.answeredAt,
            a.review ? `${a.review.verdict} (${a.review.by}, ${a.review.at})` : '',
            a.flagged ? 'flagged' : '',
            String(a.revision),
          ]),
        )) +
    '\nEvidence\n' +
    (d.evidence.length === 0
      ? '  none\n'
      : formatTable(
          ['ID', 'Question', 'File', 'Bytes', 'Checked', 'SHA-256'],
          d.evidence.map((e) => [e.id, e.questionId, e.fileName, String(e.size), e.verifiedAt ? `${e.verifiedBy ?? ''}, ${e.verifiedAt}` : 'not checked', e.sha256]),
        )) +
    '\n' +
    describeProfile(d.profile, false)
  );
}

/** `--set QID=VALUE`: the value is read by the question's kind (lists by commas; "unknown"). */
function changeFromSet(assignment: string, questions: ReadonlyMap<string, Question>): AnswerChange {
  const at = assignment.indexOf('=');
  if (at <= 0) throw new UsageError(`--set takes QUESTION=VALUE, not "${assignment}"`);
  const questionId = assignment.slice(0, at);
  const raw = assignment.slice(at + 1);
  if (raw === 'unknown') return { questionId, unknown: true };
  if (raw === '') return { questionId, value: null };
  const kind = questions.get(questionId)?.kind;
  if (kind === 'multi') return { questionId, value: raw.split(',').map((v) => v.trim()).filter(Boolean) };
  if (kind === 'number') return { questionId, value: Number(raw) };
  return { questionId, value: raw };
}

/** answers.json: the API's list of changes, or a map of question id to value. */
export function changesFromFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = parseUntrustedJson(text);
  } catch (error) {
    // Named for what it is (a PDF, a Word document…) where that can be told, never the parser's wording.
    throw new UsageError(`${path} is not an answers file: ${whyNotJson(text, (error as Error).message)}`);
  }
  if (Array.isArray(data)) return data;
  if (typeof data === 'object' && data !== null) {
    return Object.entries(data).map(([questionId, value]) =>
      value === 'unknown' ? { questionId, unknown: true } : { questionId, value },
    );
  }
  throw new UsageError(`${path} must hold a list of answers or an object of question → value`);
}

async function answer(ctx: CommandContext): Promise<number> {
  const id = ctx.positionals[0] ?? '';
  const sets = (ctx.values.set as string[] | undefined) ?? [];
  const flags = (ctx.values.flag as string[] | undefined) ?? [];
  const notApplicable = (ctx.values['not-applicable'] as string[] | undefined) ?? [];
  const transcribed = ctx.values.transcribed === true;
  const file = ctx.values.file as string | undefined;
  if (!file && sets.length === 0 && flags.length === 0 && notApplicable.length === 0) {
    throw new UsageError('give --file answers.json, --set QUESTION=VALUE, --not-applicable QUESTION or --flag QUESTION');
  }
  if (transcribed && sets.length === 0) throw new UsageError("--transcribed marks the --set values as the vendor's claims: give at least one --set");
  let changes: unknown[] = [];
  if (file) changes = changesFromFile(file) as unknown[];
  if (sets.length > 0) {
    const detail = await ctx.call('assessments.get', { id });
    if (!detail.ok) {
      printError(ctx.io, detail.error, ctx.json);
      return 1;
    }
    const d = detail.value as AssessmentDetail;
    const questions = new Map(d.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions)).map((q) => [q.id, q]));
    for (const change of sets.map((s) => changeFromSet(s, questions))) {
      if (transcribed) {
        if (change.value === undefined || change.value === null) {
          throw new UsageError(`--transcribed goes with values: ${change.questionId} is set to ${change.unknown ? '"unknown"' : 'nothing'}`);
        }
        change.transcribed = true;
      }
      changes.push(change);
    }
  }
  for (const questionId of notApplicable) changes.push({ questionId, notApplicable: true });
  for (const questionId of flags) {
    const same = changes.find((c) => typeof c === 'object' && c !== null && (c as { questionId?: unknown }).questionId === questionId);
    if (same) Object.assign(same, { flagged: true });
    else changes.push({ questionId, flagged: true });
  }
  const revision = expectedRevisionOption(ctx.values['expected-revision']);
  if ('expectedRevision' in revision) {
    // One revision guards one answer (per-answer revisions go in --file's list).
    if (changes.length !== 1) throw new UsageError(`--expected-revision guards one answer, and this call changes ${changes.length}: answer one question at a time, or give expectedRevision per answer in --file`);
    Object.assign(changes[0] as object, revision);
  }
  return callAndPrint(ctx, 'assessments.answer', { id, answers: changes }, (r: AnswerResult) => {
    const p = r.progress;
    return (
      `Saved ${changes.length} answer(s) to ${id}. Progress: ${p.answered}/${p.visible} answered, required ${p.requiredAnswered}/${p.required}, ${p.flagged} flagged.\n` +
      `Overall residual band: ${bandWord(r.profile.overall.band)}.\n`
    );
  });
}

const oneId = { min: 1, max: 1 };

export const assessmentCommands: CliCommand[] = [
  {
    path: ['assessments', 'start'],
    method: 'assessments.start',
    usage: 'vigil assessments start --system ID --stage procurement|validation|deployment|use [--title T]',
    summary: "Start an assessment at a lifecycle stage (pins the stage's questionnaires)",
    options: { system: { type: 'string' }, stage: { type: 'string' }, title: { type: 'string' } },
    run: (ctx) => {
      if (!ctx.values.system || !ctx.values.stage) throw new UsageError('--system and --stage are required');
      return callAndPrint(
        ctx,
        'assessments.start',
        { systemId: ctx.values.system, stage: ctx.values.stage, ...(ctx.values.title ? { title: ctx.values.title } : {}) },
        (d: AssessmentDetail) => `Started ${d.id}: ${d.title}\n${describeProgress(d)}\n`,
      );
    },
  },
  {
    path: ['assessments', 'list'],
    method: 'assessments.page',
    alsoCalls: ['assessments.list'],
    usage: `vigil assessments list [--system-id ID] [--stage STAGE] [--status STATUS] [--overall-band BAND] ${pageUsage} | vigil assessments list --all [--system-id ID]`,
    summary: `List assessments one page at a time, newest change first (sort by ${assessmentSorts.join(', ')}); --all gives every assessment at once, with its full progress`,
    options: {
      ...pageOptions,
      'system-id': { type: 'string' },
      // The older spelling of --system-id.
      system: { type: 'string' },
      stage: { type: 'string' },
      status: { type: 'string' },
      'overall-band': { type: 'string' },
      all: { type: 'boolean' },
    },
    run: listAssessments,
  },
  {
    path: ['assessments', 'show'],
    method: 'assessments.get',
    usage: 'vigil assessments show ID',
    summary: 'Answers, evidence, status and threat profile of an assessment',
    options: {},
    positionals: oneId,
    run: (ctx) => callAndPrint(ctx, 'assessments.get', { id: ctx.positionals[0] }, describeAssessment),
  },
  {
    path: ['assessments', 'answer'],
    method: 'assessments.answer',
    usage:
      'vigil assessments answer ID (--file answers.json | --set QUESTION=VALUE ... [--transcribed] | --not-applicable QUESTION ...) [--flag QUESTION ...] [--expected-revision N]',
    summary:
      'Answer questions (VALUE "unknown" for I don\'t know; lists with commas; --transcribed records the --set values as the vendor\'s claims typed in from their questionnaire; --expected-revision N refuses the change if the answer has moved on since you read revision N)',
    options: {
      file: { type: 'string' },
      set: { type: 'string', multiple: true },
      flag: { type: 'string', multiple: true },
      'not-applicable': { type: 'string', multiple: true },
      transcribed: { type: 'boolean' },
      'expected-revision': { type: 'string' },
    },
    positionals: oneId,
    run: answer,
  },
  {
    path: ['assessments', 'score'],
    method: 'assessments.score',
    usage: 'vigil assessments score ID',
    summary: 'The threat profile with every trace and gap',
    options: {},
    positionals: oneId,
    run: (ctx) => callAndPrint(ctx, 'assessments.score', { id: ctx.positionals[0] }, (p: ThreatProfile) => describeProfile(p, true)),
  },
  {
    path: ['assessments', 'compare'],
    method: 'assessments.compare',
    alsoCalls: ['export.comparison'],
    usage: 'vigil assessments compare ID ID [ID [ID]] [--json] [--out FILE.docx]',
    summary: 'Two to four assessments side by side: per threat inherent and residual, the answers that differ, gaps and contradictions, and which leaves less residual risk; --out writes it as a Word document',
    options: { out: { type: 'string' } },
    positionals: { min: 1, max: 10 },
    run: (ctx) => {
      // Too few or too many ids are refused by the core, in the same words as on the page.
      const assessmentIds = ctx.positionals;
      const out = ctx.values.out as string | undefined;
      return out === undefined
        ? callAndPrint(ctx, 'assessments.compare', { assessmentIds }, describeComparison)
        : callAndPrint(ctx, 'export.comparison', { assessmentIds, out: resolve(out) }, describeExport);
    },
  },
  {
    path: ['assessments', 'threat'],
    method: 'assessments.threatDetail',
    usage: 'vigil assessments threat ID THREAT_ID',
    summary: 'One threat for this system: what it is, why it scored so, gaps, and the safeguards that would lower it',
    options: {},
    positionals: { min: 2, max: 2 },
    run: (ctx) =>
      callAndPrint(ctx, 'assessments.threatDetail', { id: ctx.positionals[0], threatId: ctx.positionals[1] }, describeThreatDetail),
  },
  {
    path: ['assessments', 'review-answer'],
    method: 'assessments.reviewAnswer',
    usage: 'vigil assessments review-answer ID QUESTION_ID --verdict adequate|inadequate|clear [--actor NAME --role ROLE]',
    summary: 'Mark a free-text, number or date answer reviewed: adequate (it may then credit a safeguard), inadequate, or clear the verdict',
    options: { verdict: { type: 'string' } },
    positionals: { min: 2, max: 2 },
    run: (ctx) => {
      const verdict = ctx.values.verdict as string | undefined;
      if (verdict !== 'adequate' && verdict !== 'inadequate' && verdict !== 'clear') {
        throw new UsageError(verdict === undefined ? '--verdict adequate|inadequate|clear is required' : `--verdict takes adequate, inadequate or clear, not "${verdict}"`);
      }
      const [assessmentId, questionId] = ctx.positionals as [string, string];
      return callAndPrint(
        ctx,
        'assessments.reviewAnswer',
        { assessmentId, questionId, verdict: verdict === 'clear' ? null : verdict },
        (r: AnswerResult) => {
          const a = r.answers.find((x) => x.questionId === questionId);
          const said = a?.review ? `reviewed: ${a.review.verdict} (${a.review.by}, ${a.review.at})` : 'no review verdict';
          return `${questionId} of ${assessmentId}: ${said}.\nOverall residual band: ${bandWord(r.profile.overall.band)} (highest residual score ${r.profile.overall.highestResidual}).\n`;
        },
      );
    },
  },
  {
    path: ['assessments', 'resolve'],
    method: 'assessments.resolveContradiction',
    usage: 'vigil assessments resolve ID CONTROL_ID --decision credit|deny --note TEXT [--actor NAME --role ROLE]',
    summary: 'Settle a contradiction about a safeguard: credit (it is in place) or deny (it is not), with the reason',
    options: { decision: { type: 'string' }, note: { type: 'string' } },
    positionals: { min: 2, max: 2 },
    run: (ctx) => {
      const decision = ctx.values.decision as string | undefined;
      const note = ctx.values.note as string | undefined;
      if (decision !== 'credit' && decision !== 'deny') {
        throw new UsageError(decision === undefined ? '--decision credit|deny is required' : `--decision takes credit or deny, not "${decision}"`);
      }
      if (note === undefined || note.trim() === '') throw new UsageError('--note TEXT is required: say why');
      const [assessmentId, controlId] = ctx.positionals as [string, string];
      return callAndPrint(ctx, 'assessments.resolveContradiction', { assessmentId, controlId, decision, note }, (r: AnswerResult) => {
        const c = r.profile.contradictions?.find((x) => x.controlId === controlId);
        return (
          `Resolved ${controlId} on ${assessmentId}: ${decision === 'credit' ? 'the safeguard counts as in place' : 'the safeguard counts as not in place'}` +
          `${c?.resolution ? ` (${c.resolution.by}, ${c.resolution.at})` : ''}.\n` +
          `Overall residual band: ${bandWord(r.profile.overall.band)} (highest residual score ${r.profile.overall.highestResidual}).\n`
        );
      });
    },
  },
  {
    path: ['assessments', 'upgrade-scoring'],
    method: 'assessments.upgradeScoring',
    usage: 'vigil assessments upgrade-scoring ID [--actor NAME --role ROLE]',
    summary: 'Move an editable assessment to the current scoring model and templates, carrying its answers by question id',
    options: {},
    positionals: oneId,
    run: (ctx) =>
      callAndPrint(ctx, 'assessments.upgradeScoring', { id: ctx.positionals[0] }, (r: UpgradeScoringResult) =>
        `Upgraded ${r.id} from scoring model ${r.from} to ${r.to}: ${r.carried} answer(s) carried.\n` +
        (r.notCarried.length > 0 ? `Not carried (no longer in the templates): ${r.notCarried.join(', ')}\n` : 'Every answer was carried.\n') +
        `Overall residual band: ${bandWord(r.before.band)} (${r.before.highestResidual}) before, ${bandWord(r.after.band)} (${r.after.highestResidual}) after.\n`,
      ),
  },
];


export const evidenceCommands: CliCommand[] = [
  {
    path: ['evidence', 'add'],
    method: 'evidence.add',
    usage: 'vigil evidence add ASSESSMENT_ID QUESTION_ID FILE [--media-type TYPE]',
    summary: 'Attach an evidence file (up to 25 MB) to an answer',
    options: { 'media-type': { type: 'string' } },
    positionals: { min: 3, max: 3 },
    run: (ctx) => {
      const [assessmentId, questionId, file] = ctx.positionals as [string, string, string];
      const evidence = readEvidenceFile(file, ctx.values['media-type'] as string | undefined);
      return callAndPrint(
        ctx,
        'evidence.add',
        { assessmentId, questionId, ...evidence },
        (e: EvidenceMeta) => `Attached ${e.fileName} (${e.size} bytes) to ${e.questionId} as ${e.id}\nSHA-256 ${e.sha256}\n`,
      );
    },
  },
  {
    path: ['evidence', 'get'],
    method: 'evidence.get',
    usage: 'vigil evidence get EVIDENCE_ID --out FILE',
    summary: 'Save an evidence file, byte for byte',
    options: { out: { type: 'string' } },
    positionals: oneId,
    async run(ctx) {
      const out = ctx.values.out as string | undefined;
      if (!out) throw new UsageError('--out FILE is required');
      const result = await ctx.call('evidence.get', { id: ctx.positionals[0] });
      if (!result.ok) {
        printError(ctx.io, result.error, ctx.json);
        return 1;
      }
      const file = result.value as EvidenceFile;
      writeFileAtomic(out, Buffer.from(file.dataBase64, 'base64'));
      if (ctx.json) printJson(ctx.io, { ...file.meta, savedTo: out });
      else ctx.io.stdout(`Saved ${file.meta.fileName} (${file.meta.size} bytes) to ${out}\nSHA-256 ${file.meta.sha256}\n`);
      return 0;
    },
  },
  {
    path: ['evidence', 'remove'],
    method: 'evidence.remove',
    usage: 'vigil evidence remove EVIDENCE_ID',
    summary: 'Detach an evidence file',
    options: {},
    positionals: oneId,
    run: (ctx) => callAndPrint(ctx, 'evidence.remove', { id: ctx.positionals[0] }, (e: EvidenceMeta) => `Removed ${e.fileName} (${e.id})\n`),
  },
  {
    path: ['evidence', 'verify'],
    method: 'evidence.verify',
    usage: 'vigil evidence verify EVIDENCE_ID [--undo] [--actor NAME --role ROLE]',
    summary: "Mark an evidence file checked (a vendor's claim it supports then counts in full), or take the mark back with --undo",
    options: { undo: { type: 'boolean' } },
    positionals: oneId,
    run: (ctx) =>
      callAndPrint(ctx, 'evidence.verify', { id: ctx.positionals[0], verified: ctx.values.undo !== true }, (e: EvidenceMeta) =>
        e.verifiedAt ? `Marked ${e.fileName} (${e.id}) checked: ${e.verifiedBy ?? ''}, ${e.verifiedAt}\n` : `${e.fileName} (${e.id}) is no longer marked checked\n`,
      ),
  },
];
