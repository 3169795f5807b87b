import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../../core/export/atomic-write.ts';
import {
  parseUntrustedJson,
  type AnswerChange,
  type AnswerResult,
  type AssessmentDetail,
  type AssessmentSummary,
  type EvidenceFile,
  type EvidenceMeta,
  type Question,
  type ThreatProfile,
} from '../../contract/index.ts';
import { UsageError, type CliCommand, type CommandContext } from '../command.ts';
import { callAndPrint, formatFields, formatTable, printError, printJson } from '../output.ts';
import { readEvidenceFile } from '../file-options.ts';

const bandWord = (band: string) => band.charAt(0).toUpperCase() + band.slice(1);

function describeProgress(d: AssessmentSummary): string {
  const p = d.progress;
  return `${p.answered}/${p.visible} answered (${p.unknown} "I don't know"), required ${p.requiredAnswered}/${p.required}, ${p.flagged} flagged`;
}

function describeProfile(profile: ThreatProfile, withTrace: boolean): string {
  const rows = [...profile.threats].sort((a, b) => b.residual.score - a.residual.score || a.id.localeCompare(b.id));
  let text =
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
  if (withTrace) {
    for (const t of rows) {
      text += `\n${t.id} ${t.name}\n`;
      for (const step of t.trace) {
        const delta = `L${step.effect.likelihood >= 0 ? '+' : ''}${step.effect.likelihood} I${step.effect.impact >= 0 ? '+' : ''}${step.effect.impact}`;
        text += `  [${step.phase} ${step.step}] ${delta}  ${step.detail}\n`;
      }
      if (t.gaps.length > 0) text += `  gaps: ${t.gaps.join(', ')}\n`;
    }
  }
  return text;
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
      ['Started', `${d.createdAt} by ${d.createdBy}`],
    ]) +
    '\nAnswers\n' +
    (d.answers.length === 0
      ? '  none yet\n'
      : formatTable(
          ['Question', 'Answer', 'Source', 'By', 'At', 'Flag'],
          d.answers.map((a) => [
            a.questionId,
            a.unknown ? "I don't know" : shown(a.questionId, a.value),
            a.source,
            a.answeredBy,
            a.answeredAt,
            a.flagged ? 'flagged' : '',
          ]),
        )) +
    '\nEvidence\n' +
    (d.evidence.length === 0
      ? '  none\n'
      : formatTable(
          ['ID', 'Question', 'File', 'Bytes', 'SHA-256'],
          d.evidence.map((e) => [e.id, e.questionId, e.fileName, String(e.size), e.sha256]),
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
    throw new UsageError(`${path} is not valid JSON: ${(error as Error).message}`);
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
  const file = ctx.values.file as string | undefined;
  if (!file && sets.length === 0 && flags.length === 0) throw new UsageError('give --file answers.json, --set QUESTION=VALUE or --flag QUESTION');
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
    changes.push(...sets.map((s) => changeFromSet(s, questions)));
  }
  for (const questionId of flags) {
    const same = changes.find((c) => typeof c === 'object' && c !== null && (c as { questionId?: unknown }).questionId === questionId);
    if (same) Object.assign(same, { flagged: true });
    else changes.push({ questionId, flagged: true });
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
    method: 'assessments.list',
    usage: 'vigil assessments list [--system ID]',
    summary: 'List assessments',
    options: { system: { type: 'string' } },
    run: (ctx) =>
      callAndPrint(ctx, 'assessments.list', ctx.values.system ? { systemId: ctx.values.system } : {}, (list: AssessmentSummary[]) =>
        list.length === 0
          ? 'No assessments yet. Start one with: vigil assessments start --system ID --stage procurement\n'
          : formatTable(
              ['ID', 'System', 'Stage', 'Status', 'Answered', 'Band'],
              list.map((a) => [a.id, a.systemName, a.stage, a.status, `${a.progress.answered}/${a.progress.visible}`, bandWord(a.overall.band)]),
            ),
      ),
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
    usage: 'vigil assessments answer ID (--file answers.json | --set QUESTION=VALUE ... ) [--flag QUESTION ...]',
    summary: 'Answer questions (VALUE "unknown" for I don\'t know; lists with commas)',
    options: { file: { type: 'string' }, set: { type: 'string', multiple: true }, flag: { type: 'string', multiple: true } },
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
];
