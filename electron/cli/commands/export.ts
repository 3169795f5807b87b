import { extname, resolve } from 'node:path';
import type { ExportResult } from '../../contract/index.ts';
import type { CliCommand } from '../command.ts';
import { requireOut } from '../file-options.ts';
import { callAndPrint } from '../output.ts';

const describeExport = (r: ExportResult) =>
  `Written: ${r.path ?? r.fileName}\n` +
  `${r.size} bytes, SHA-256 ${r.sha256}\n` +
  (r.counts.risks > 0 || r.counts.systems > 1 ? `${r.counts.systems} system(s), ${r.counts.risks} risk(s), ${r.counts.assessments} assessment(s)\n` : `${r.counts.questions} question(s)\n`) +
  `States the ledger at ${r.ledger.length} events, head ${r.ledger.head}\n`;


export const exportCommands: CliCommand[] = [
  {
    path: ['export', 'register'],
    method: 'export.register',
    usage:
      'vigil export register --out FILE.docx [--system ID ...] [--format docx|csv] [--with-answers] [--final] [--next-review YYYY-MM-DD] [--actor NAME --role ROLE]',
    summary: 'Write the risk register (all systems, or those named) as a Word document or CSV; a draft unless --final, answers appendix only with --with-answers',
    options: {
      out: { type: 'string' },
      system: { type: 'string', multiple: true },
      format: { type: 'string' },
      'with-answers': { type: 'boolean' },
      final: { type: 'boolean' },
      'next-review': { type: 'string' },
    },
    run: (ctx) => {
      const out = resolve(requireOut(ctx.values));
      // The file's extension decides when --format is not given: register.csv is a CSV.
      const format = (ctx.values.format as string | undefined) ?? (extname(out).toLowerCase() === '.csv' ? 'csv' : 'docx');
      return callAndPrint(
        ctx,
        'export.register',
        {
          out,
          format,
          systemIds: (ctx.values.system as string[] | undefined) ?? [],
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
    usage: 'vigil export questionnaire ASSESSMENT_ID --out FILE.docx [--actor NAME --role ROLE]',
    summary: "Write an assessment's vendor-answerable questions as a Word questionnaire for the vendor",
    options: { out: { type: 'string' } },
    positionals: { min: 1, max: 1 },
    run: (ctx) =>
      callAndPrint(ctx, 'export.questionnaire', { assessmentId: ctx.positionals[0], out: resolve(requireOut(ctx.values)) }, describeExport),
  },
];
