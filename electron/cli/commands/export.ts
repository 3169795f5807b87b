import { extname, resolve } from 'node:path';
import type { ExportResult } from '../../contract/index.ts';
import { UsageError, type CliCommand, type OptionValues } from '../command.ts';
import { requireOut } from '../file-options.ts';
import { readCappedFile } from '../read-capped-file.ts';
import { callAndPrint } from '../output.ts';

export const describeExport = (r: ExportResult) =>
  `Written: ${r.path ?? r.fileName}\n` +
  `${r.size} bytes, SHA-256 ${r.sha256}\n` +
  (r.counts.risks > 0 || r.counts.systems > 1 ? `${r.counts.systems} system(s), ${r.counts.risks} risk(s), ${r.counts.assessments} assessment(s)\n` : `${r.counts.questions} question(s)\n`) +
  `States the ledger at ${r.ledger.length} events, head ${r.ledger.head}\n`;

/** A selection file holds one risk id a line; 20,000 ids take about 300 KB. */
const maxRisksFileBytes = 2 * 1024 * 1024;

/**
 * The risks `--risk` names (repeated, or comma-separated as copied from a list) and those in
 * `--risks-from FILE` (one id a line; blank lines and lines starting with # are skipped), in the
 * order given; undefined when neither is given. The core checks each id and refuses repeats.
 */
export function riskSelection(values: OptionValues): string[] | undefined {
  const named = ((values.risk as string[] | undefined) ?? []).flatMap((v) => v.split(','));
  const file = values['risks-from'] as string | undefined;
  const listed = file === undefined ? [] : readCappedFile(file, maxRisksFileBytes, 'risk selection files').split(/\r?\n/);
  if (values.risk === undefined && file === undefined) return undefined;
  const ids = [...named, ...listed.filter((line) => !line.trimStart().startsWith('#'))].map((id) => id.trim()).filter((id) => id !== '');
  if (ids.length === 0) throw new UsageError(file === undefined ? '--risk names no risk' : `${file} lists no risk id`);
  return ids;
}

export const exportCommands: CliCommand[] = [
  {
    path: ['export', 'register'],
    method: 'export.register',
    usage:
      'vigil export register --out FILE.docx [--system ID ... | --risk ID[,ID...] ... | --risks-from FILE] [--format docx|csv] [--with-answers] [--final] [--next-review YYYY-MM-DD] [--actor NAME --role ROLE]',
    summary:
      'Write the risk register (all systems, those named, or only the risks named: --risk, or --risks-from a file with one id a line) as a Word document or CSV; a draft unless --final, answers appendix only with --with-answers',
    options: {
      out: { type: 'string' },
      system: { type: 'string', multiple: true },
      risk: { type: 'string', multiple: true },
      'risks-from': { type: 'string' },
      format: { type: 'string' },
      'with-answers': { type: 'boolean' },
      final: { type: 'boolean' },
      'next-review': { type: 'string' },
    },
    run: (ctx) => {
      const out = resolve(requireOut(ctx.values));
      // The file's extension decides when --format is not given: register.csv is a CSV.
      const format = (ctx.values.format as string | undefined) ?? (extname(out).toLowerCase() === '.csv' ? 'csv' : 'docx');
      const riskIds = riskSelection(ctx.values);
      return callAndPrint(
        ctx,
        'export.register',
        {
          out,
          format,
          systemIds: (ctx.values.system as string[] | undefined) ?? [],
          ...(riskIds === undefined ? {} : { riskIds }),
          withAnswers: ctx.values['with-answers'] === true,
          status: ctx.values.final === true ? 'final' : 'draft',
          ...(ctx.values['next-review'] === undefined ? {} : { nextReview: ctx.values['next-review'] }),
        },
        describeExport,
      );
    },
  },
  {
    path: ['export', 'questionnaire'],
    method: 'export.questionnaire',
    usage: 'vigil export questionnaire --request VRQ-… --out FILE.docx [--actor NAME --role ROLE]',
    summary: 'Write an open vendor request as a Word questionnaire for a vendor without Vigil (read it back with vigil vendor import-docx)',
    options: { out: { type: 'string' }, request: { type: 'string' } },
    run: (ctx) => {
      const requestId = ctx.values.request;
      if (typeof requestId !== 'string' || requestId === '') throw new UsageError('--request VRQ-… is required: the open vendor request the questionnaire answers (vigil vendor request ASSESSMENT_ID issues one)');
      return callAndPrint(ctx, 'export.questionnaire', { requestId, out: resolve(requireOut(ctx.values)) }, describeExport);
    },
  },
];
