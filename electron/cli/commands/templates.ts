import { resolve } from 'node:path';
import type { CalibrationReport, Catalog, Coverage, LintResult, Questionnaire, TemplateList } from '../../contract/index.ts';
import { scoreCalibration } from '../../core/templates/calibration.ts';
import { lintTemplatesDir } from '../../core/templates/lint-template-set.ts';
import { loadTemplateSet } from '../../core/templates/load-template-set.ts';
import type { CliCommand } from '../command.ts';
import { callAndPrint, formatTable, printJson } from '../output.ts';

const describeList = (list: TemplateList) =>
  formatTable(
    ['ID', 'Stage', 'Kind', 'Version', 'Sections', 'Questions', 'Required', 'Vendor', 'Title'],
    list.questionnaires.map((q) => [
      q.id,
      q.stage,
      q.kind,
      q.version,
      String(q.sections),
      String(q.questions),
      String(q.requiredQuestions),
      String(q.vendorQuestions),
      q.title,
    ]),
  ) +
  `\n${list.counts.threats} threats, ${list.counts.controls} controls, ${list.counts.profileRules} profile rules, ` +
  `${list.counts.references} named references; ${list.counts.questions} questions in ${list.counts.questionnaires} questionnaires ` +
  `(${list.counts.vendorQuestions} vendor-answerable).\n`;

function describeQuestionnaire(q: Questionnaire): string {
  const lines = [`${q.title} (${q.id} ${q.version}, stage ${q.stage}, ${q.kind})`, q.description, ''];
  for (const section of q.sections) {
    lines.push(`${section.id}  ${section.title}`);
    for (const question of section.questions) {
      const flags = [question.required ? 'required' : '', question.vendorAnswerable ? 'vendor' : '', question.showIf ? 'conditional' : '']
        .filter(Boolean)
        .join(', ');
      lines.push(`  ${question.id}  ${question.text}${flags ? `  [${flags}]` : ''}`);
      if ('options' in question) lines.push(`      ${question.kind}: ${question.options.map((o) => o.label).join(' | ')}`);
      else lines.push(`      ${question.kind} answer`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

const describeLint = (report: LintResult) =>
  report.ok
    ? 'Templates OK: no problems found.\n'
    : `${report.problems.map((p) => `${p.file}: ${p.path}: ${p.message} [${p.rule}]`).join('\n')}\n${report.problems.length} problem(s).\n`;

function describeCoverage(c: Coverage): string {
  return formatTable(
    ['Threat', ...c.questionnaires.map((q) => q.id), 'Total'],
    c.threats.map((t) => [t.id, ...c.questionnaires.map((q) => String(t.byQuestionnaire[q.id] ?? 0)), String(t.total)]),
  );
}

const scoredWords = (s: CalibrationReport['profiles'][number]['answerSets'][number]['threats'][number]['scored']) =>
  s === null ? 'not in the catalog' : `${s.label} (L${s.likelihood} × I${s.impact} = ${s.score})`;

const calibrationRows = (report: CalibrationReport) =>
  report.profiles.flatMap((p) =>
    p.answerSets.flatMap((set) =>
      set.threats.map((t) => ({ profile: p, set, t, ok: t.ok ? 'ok' : 'MISMATCH' })),
    ),
  );

const calibrationSummary = (report: CalibrationReport) => {
  const rows = calibrationRows(report);
  const answerProblems = report.profiles.reduce((n, p) => n + p.answerSets.reduce((m, s) => m + s.answerProblems.length, 0), 0);
  const sets = report.profiles.flatMap((p) => p.answerSets);
  const flips = sets.flatMap((s) => s.materialFlips);
  const moved = flips.filter((f) => f.moved.length > 0).length;
  const ranked = sets.filter((s) => s.hasRanking);
  const rankingHolds = ranked.filter((s) => s.rankingProblems.length === 0).length;
  return (
    `${rows.filter((r) => r.t.ok).length} of ${rows.length} expected bands reproduced in ${report.profiles.length} reference profile(s)` +
    (answerProblems > 0 ? `; ${answerProblems} answer(s) could not be scored as written` : '') +
    (flips.length > 0 ? `; ${moved} of ${flips.length} material safeguard answers move a residual level when switched alone to their least safe option` : '') +
    (ranked.length > 0 ? `; the ranking holds in ${rankingHolds} of ${ranked.length} answer set(s) that state one` : '') +
    '.\n'
  );
};

/** The calibration table for a terminal: one row per expected threat band. */
export function describeCalibration(report: CalibrationReport): string {
  if (report.profiles.length === 0) return 'No reference profiles: templates/calibration/ is empty or missing.\n';
  const table = formatTable(
    ['Profile', 'Answer set', 'Threat', 'Expected', 'Scored', 'OK'],
    calibrationRows(report).map(({ profile, set, t, ok }) => [profile.id, set.id, t.threatId, t.expectedLabel, scoredWords(t.scored), ok]),
  );
  const problems = report.profiles.flatMap((p) =>
    p.answerSets.flatMap((s) => [
      ...s.answerProblems.map((a) => `${p.file}: ${p.id} / ${s.id}: ${a.message}`),
      ...s.materialFlips.filter((f) => f.moved.length === 0).map((f) => `${p.file}: ${p.id} / ${s.id}: switching the material safeguard ${f.questionId} from ${f.from} to ${f.to} moves no residual level`),
      ...s.rankingProblems.map((r) => `${p.file}: ${p.id} / ${s.id}: ${r.message}`),
    ]),
  );
  return `${table}${problems.length > 0 ? `\n${problems.join('\n')}\n` : ''}\n${calibrationSummary(report)}`;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/** The calibration table as Markdown, for templates/README.md. */
export function calibrationMarkdown(report: CalibrationReport): string {
  if (report.profiles.length === 0) return '_No reference profiles in `templates/calibration/`._\n';
  const lines = [
    '| Profile | Answer set | Threat | Expected | Scored | OK |',
    '| --- | --- | --- | --- | --- | --- |',
    ...calibrationRows(report).map(
      ({ profile, set, t, ok }) =>
        `| ${cell(profile.title)} (\`${profile.id}\`) | ${cell(set.title)} (\`${set.id}\`) | ${t.threatId}${t.name ? ` ${cell(t.name)}` : ''} | ${t.expectedLabel} | ${scoredWords(t.scored)} | ${ok} |`,
    ),
    '',
    'Cases the answer sets are written from:',
    '',
    ...report.profiles.map((p) => `- \`${p.id}\` (${p.stage}): ${p.cases.map(cell).join('; ')}`),
    '',
    calibrationSummary(report).trimEnd(),
  ];
  return `${lines.join('\n')}\n`;
}

export const templatesCommands: CliCommand[] = [
  {
    path: ['templates', 'list'],
    method: 'templates.list',
    usage: 'vigil templates list',
    summary: 'List the installed questionnaires with counts',
    options: {},
    run: (ctx) => callAndPrint(ctx, 'templates.list', {}, describeList),
  },
  {
    path: ['templates', 'show'],
    method: 'templates.get',
    usage: 'vigil templates show ID',
    summary: 'Show a questionnaire',
    options: {},
    positionals: { min: 1, max: 1 },
    run: (ctx) => callAndPrint(ctx, 'templates.get', { id: ctx.positionals[0] }, describeQuestionnaire),
  },
  {
    path: ['templates', 'catalog'],
    method: 'templates.catalog',
    usage: 'vigil templates catalog',
    summary: 'Show the threat and control catalogs and the risk matrix',
    options: {},
    run: (ctx) =>
      callAndPrint(ctx, 'templates.catalog', {}, (c: Catalog) =>
        formatTable(
          ['Threat', 'L', 'I', 'Name'],
          c.threats.threats.map((t) => [t.id, String(t.baseLikelihood), String(t.baseImpact), t.name]),
        ) +
        '\n' +
        formatTable(
          ['Control', 'Mitigates', 'Name'],
          c.controls.controls.map((x) => [x.id, x.mitigates.map((m) => m.threat).join(' '), x.name]),
        ),
      ),
  },
  {
    path: ['templates', 'coverage'],
    method: 'templates.coverage',
    usage: 'vigil templates coverage [--json]',
    summary: 'How many questions touch each threat, per questionnaire',
    options: {},
    run: (ctx) => callAndPrint(ctx, 'templates.coverage', {}, describeCoverage),
  },
  {
    path: ['templates', 'lint'],
    method: 'templates.lint',
    usage: 'vigil templates lint [DIR]',
    summary: 'Check templates (the installed ones, or those in DIR) for mistakes',
    options: {},
    positionals: { min: 0, max: 1 },
    async run(ctx) {
      const dir = ctx.positionals[0];
      if (dir === undefined) {
        return callAndPrint(ctx, 'templates.lint', {}, describeLint, (r: LintResult) => (r.ok ? 0 : 1));
      }
      // A folder being written by a content author: checked on disk, no database involved.
      const report = lintTemplatesDir(resolve(dir));
      if (ctx.json) printJson(ctx.io, report);
      else (report.ok ? ctx.io.stdout : ctx.io.stderr)(describeLint(report));
      return report.ok ? 0 : 1;
    },
  },
  {
    path: ['templates', 'calibration'],
    method: 'templates.calibration',
    usage: 'vigil templates calibration [DIR] [--markdown | --json]',
    summary: 'Score the reference profiles (templates/calibration/): expected residual band against scored; exit 1 on a mismatch',
    options: { markdown: { type: 'boolean' } },
    positionals: { min: 0, max: 1 },
    async run(ctx) {
      const human = ctx.values.markdown === true ? calibrationMarkdown : describeCalibration;
      const exit = (r: CalibrationReport) => (r.ok ? 0 : 1);
      const dir = ctx.positionals[0];
      if (dir === undefined) return callAndPrint(ctx, 'templates.calibration', {}, human, exit);
      // A folder being written by a content author: scored on disk, no database involved.
      const loaded = loadTemplateSet(resolve(dir));
      if (!loaded.ok) {
        const report = { ok: false, problems: loaded.problems };
        if (ctx.json) printJson(ctx.io, report);
        else ctx.io.stderr(`The templates in ${dir} do not load, so nothing was scored:\n${describeLint(report)}`);
        return 1;
      }
      const report = scoreCalibration(loaded.set);
      if (ctx.json) printJson(ctx.io, report);
      else ctx.io.stdout(human(report));
      return exit(report);
    },
  },
];
