import { reviewSorts, type ReviewPage, type ReviewQueue } from '../../contract/index.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { callAndPrint, formatTable } from '../output.ts';
import { pageInput, pageOptions, pageUsage, rowsLine } from '../page-options.ts';
import { assessmentTable } from './assessments.ts';

export const reviewsCommands: CliCommand[] = [
  {
    path: ['reviews', 'queue'],
    method: 'reviews.queue',
    usage: 'vigil reviews queue --actor NAME',
    summary: 'What awaits a person: reviews to sign, risks to treat or accept',
    options: { actor: { type: 'string' } },
    run: (ctx) => {
      if (!ctx.values.actor) throw new UsageError('--actor NAME is required');
      return callAndPrint(ctx, 'reviews.queue', { name: ctx.values.actor }, (q: ReviewQueue) =>
        !q.person
          ? `${String(ctx.values.actor)} is not in the list of people (vigil people add).\n`
          : `Awaiting ${q.person.name} (${q.person.roles.join(', ')}):\n` +
            (q.assessments.length + q.risks.length === 0
              ? '  nothing\n'
              : formatTable(
                  ['Item', 'What', 'Why'],
                  [...q.assessments.map((a) => [a.id, `${a.title}`, a.reason]), ...q.risks.map((r) => [r.id, `${r.systemName}: ${r.threatName}`, r.reason])],
                )),
      );
    },
  },
  {
    path: ['reviews', 'log'],
    method: 'reviews.page',
    usage: `vigil reviews log [--state awaiting|decided] [--system-id ID] ${pageUsage}`,
    summary: `The review log: assessments sent to review, awaiting a decision or decided, newest submission first (sort by ${reviewSorts.join(', ')})`,
    options: { ...pageOptions, state: { type: 'string' }, 'system-id': { type: 'string' } },
    run: (ctx) => {
      const filters: Record<string, string> = {};
      if (typeof ctx.values.state === 'string') filters.state = ctx.values.state;
      if (typeof ctx.values['system-id'] === 'string') filters.systemId = ctx.values['system-id'];
      return callAndPrint(ctx, 'reviews.page', { ...filters, ...pageInput(ctx.values) }, (page: ReviewPage) =>
        page.total === 0 ? 'No assessments have been sent to review that match.\n' : `${rowsLine(page)}${assessmentTable(page.rows, 'review')}`,
      );
    },
  },
];
