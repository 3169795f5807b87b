import type { ReviewQueue } from '../../contract/index.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { callAndPrint, formatTable } from '../output.ts';

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
];
