import { basename } from 'node:path';
import { maxModelCardBytes, type ModelCardPreview, type ModelCardResult } from '../../contract/index.ts';
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

export const describeModelCard = (p: ModelCardPreview) =>
  formatFields([
    ['Assessment', p.assessmentId],
    ['Card', `${p.fileName} (${p.modelName ?? 'model not named'})`],
    ['SHA-256', p.sha256],
    ['Schema', p.namespace ?? 'no namespace'],
    ['Mapping', `${p.mapping.id} ${p.mapping.version}`],
    ['Evidence', p.evidenceQuestion ? `the card is attached to ${p.evidenceQuestion}` : 'not attached'],
  ]) +
  '\nSections\n' +
  formatTable(['Section', 'Found'], p.sections.map((s) => [s.title, s.found ? 'yes' : 'no'])) +
  '\nAnswers\n' +
  (p.items.length === 0
    ? '  none of the card maps to a question of this assessment\n'
    : formatTable(
        ['Question', 'Action', 'Before', 'After'],
        p.items.map((i) => [i.questionId, i.write && i.action === 'conflict' ? 'overwrite' : actions[i.action], i.beforeUnknown ? "I don't know" : shorten(i.before), `${shorten(i.after)}${i.truncated ? ' (cut)' : ''}`]),
      ));

/** `vigil vendor model-card ASSESSMENT_ID card.xml [--apply] [--overwrite]`: preview by default. */
export const modelCardCommand: CliCommand = {
  path: ['vendor', 'model-card'],
  method: 'modelCard.preview',
  alsoCalls: ['modelCard.apply'],
  usage: 'vigil vendor model-card ASSESSMENT_ID card.xml [--apply] [--overwrite] [--actor NAME --role ROLE]',
  summary: "Pre-fill vendor answers from a CHAI Applied Model Card (XML): preview, or --apply; --overwrite replaces answers already given",
  options: { apply: { type: 'boolean' }, overwrite: { type: 'boolean' } },
  positionals: { min: 2, max: 2 },
  run: (ctx) => {
    const [assessmentId, file] = ctx.positionals as [string, string];
    const input = { assessmentId, text: readCappedFile(file, maxModelCardBytes, 'model cards'), fileName: basename(file), overwrite: ctx.values.overwrite === true };
    if (ctx.values.apply !== true) {
      return callAndPrint(ctx, 'modelCard.preview', input, (p: ModelCardPreview) => `${describeModelCard(p)}\nNothing written. Run again with --apply to fill the answers.\n`);
    }
    return callAndPrint(ctx, 'modelCard.apply', { ...input }, (r: ModelCardResult) =>
      `Filled ${r.written.length} answer(s) of ${r.preview.assessmentId} from ${r.preview.fileName} (source: vendor)` +
      `${r.evidenceId ? `; the card is attached to ${r.preview.evidenceQuestion} as ${r.evidenceId}` : ''}.\n` +
      (r.kept.length > 0 ? `Kept the answers already given to ${r.kept.join(', ')} (use --overwrite to replace them).\n` : ''),
    );
  },
};
