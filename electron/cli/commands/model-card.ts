import { basename } from 'node:path';
import { fileTextForCore, maxModelCardBytes, type ModelCardPreview, type ModelCardResult } from '../../contract/index.ts';
import type { CliCommand } from '../command.ts';
import { readCappedFile } from '../read-capped-file.ts';
import { callAndPrint, formatFields, formatTable } from '../output.ts';

const shorten = (value: unknown) => {
  const text = value === null ? '' : Array.isArray(value) ? value.join(', ') : String(value);
  const line = text.replace(/\s+/g, ' ');
  return line.length > 50 ? `${line.slice(0, 49)}…` : line;
};

const actions: Record<ModelCardPreview['items'][number]['action'], string> = {
  fill: 'fill',
  same: 'same',
  conflict: 'keep (answered)',
  hidden: 'skip (hidden)',
};

const mismatchLines = (p: ModelCardPreview) =>
  p.mismatch
    ? `\nWARNING: ${p.mismatch.message}\n` +
      formatTable(
        ['', 'Card', 'System'],
        [
          ...(p.mismatch.product ? [['Product', p.mismatch.product.card ?? '(none)', p.mismatch.product.system]] : []),
          ...(p.mismatch.developer ? [['Developer', p.mismatch.developer.card ?? '(none)', p.mismatch.developer.system]] : []),
        ],
      ) +
      'Applying it needs --confirm-mismatch (recorded in the audit ledger).\n'
    : '';

const metricLines = (p: ModelCardPreview) =>
  p.metrics.length === 0
    ? '  none reported\n'
    : formatTable(
        ['Area', 'Metric', 'Value', 'Subgroup'],
        p.metrics.map((m) => [m.areaTitle, shorten(m.label), shorten(m.valueText), m.subgroup ?? '']),
      );

export const describeModelCard = (p: ModelCardPreview) =>
  formatFields([
    ['Assessment', `${p.assessmentId} (${p.system.name}, ${p.system.vendor})`],
    ['Card', `${p.fileName} (${p.modelName ?? 'model not named'}${p.developer ? `, by ${p.developer}` : ''})`],
    ['SHA-256', p.sha256],
    ['Schema', p.schemaVersion ? `CHAI Applied Model Card v${p.schemaVersion}` : (p.namespace ?? 'no namespace')],
    ['EHR compatibility', p.ehrCompatibility.length > 0 ? p.ehrCompatibility.join('; ') : 'not stated'],
    ['Signature', p.signature.present ? `present, NOT verified by Vigil${p.signature.signer ? ` (names ${p.signature.signer})` : ''}` : 'none'],
    ['Mapping', `${p.mapping.id} ${p.mapping.version}`],
    ['Evidence', p.evidenceQuestion ? `the card is attached to ${p.evidenceQuestion}` : 'not attached'],
  ]) +
  mismatchLines(p) +
  (p.signature.present ? `${p.signature.note}\n` : '') +
  '\nSections\n' +
  formatTable(['Section', 'Found'], p.sections.map((s) => [s.title, s.found ? 'yes' : 'no'])) +
  '\nAnswers\n' +
  (p.items.length === 0
    ? '  none of the card maps to a question of this assessment\n'
    : formatTable(
        ['Question', 'Action', 'Before', 'After'],
        p.items.map((i) => [i.questionId, i.write && i.action === 'conflict' ? 'overwrite' : actions[i.action], shorten(i.beforeText), `${shorten(i.afterText)}${i.truncated ? ' (cut)' : ''}`]),
      )) +
  '\nReported results\n' +
  metricLines(p);

/** `vigil vendor model-card ASSESSMENT_ID card.xml [--apply] [--overwrite] [--confirm-mismatch]`: preview by default. */
export const modelCardCommand: CliCommand = {
  path: ['vendor', 'model-card'],
  method: 'modelCard.preview',
  alsoCalls: ['modelCard.apply'],
  usage: 'vigil vendor model-card ASSESSMENT_ID card.xml [--apply] [--overwrite] [--confirm-mismatch] [--actor NAME --role ROLE]',
  summary:
    'Pre-fill vendor answers from a CHAI Applied Model Card (XML, schema v0.1 or v0.2): preview, or --apply; --overwrite replaces answers already given; --confirm-mismatch applies a card naming another product or developer (recorded)',
  options: { apply: { type: 'boolean' }, overwrite: { type: 'boolean' }, 'confirm-mismatch': { type: 'boolean' } },
  positionals: { min: 2, max: 2 },
  run: (ctx) => {
    const [assessmentId, file] = ctx.positionals as [string, string];
    const input = { assessmentId, text: fileTextForCore(readCappedFile(file, maxModelCardBytes, 'model cards')), fileName: basename(file), overwrite: ctx.values.overwrite === true };
    if (ctx.values.apply !== true) {
      return callAndPrint(
        ctx,
        'modelCard.preview',
        input,
        (p: ModelCardPreview) => `${describeModelCard(p)}\nNothing written. Run again with --apply${p.mismatch ? ' --confirm-mismatch' : ''} to fill the answers.\n`,
      );
    }
    return callAndPrint(ctx, 'modelCard.apply', { ...input, confirmMismatch: ctx.values['confirm-mismatch'] === true }, (r: ModelCardResult) =>
      (r.mismatchConfirmed ? `Applied although ${r.preview.mismatch?.message.replace(/^This model card may be for another product: /, '') ?? 'the card names another product'} (confirmed; recorded in the ledger).\n` : '') +
      `Filled ${r.written.length} answer(s) of ${r.preview.assessmentId} from ${r.preview.fileName} (source: vendor)` +
      `${r.evidenceId ? `; the card is attached to ${r.preview.evidenceQuestion} as ${r.evidenceId}` : ''}.\n` +
      (r.kept.length > 0 ? `Kept the answers already given to ${r.kept.join(', ')} (use --overwrite to replace them).\n` : ''),
    );
  },
};
