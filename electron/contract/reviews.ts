import { z } from 'zod';
import { personName } from './acting-as.ts';
import { AssessmentRow, AssessmentSummary } from './assessments.ts';
import { pagedInput, pageOf } from './paging.ts';
import { SystemId } from './systems.ts';
import { Person } from './people.ts';
import { Risk } from './risks.ts';

export const ReviewQueueInput = z.strictObject({ name: personName });
export const ReviewQueue = z.object({
  person: Person.nullable(),
  assessments: z.array(AssessmentSummary.extend({ reason: z.string() })),
  risks: z.array(Risk.extend({ reason: z.string() })),
});
export type ReviewQueue = z.output<typeof ReviewQueue>;

/**
 * reviews.page (docs/lists.md): every assessment that has gone to review, awaiting a decision
 * or decided, one page at a time — the committee's log of review rounds. The per-person queue
 * (reviews.queue) stays as it is: it is short by nature.
 */
export const reviewSorts = ['submittedAt', 'decidedAt', 'systemName', 'title', 'status', 'overallBand'] as const;
export type ReviewSort = (typeof reviewSorts)[number];
export const reviewStates = ['awaiting', 'decided'] as const;

export const ReviewPageInput = pagedInput(
  reviewSorts,
  'submittedAt',
  {
    state: z.enum(reviewStates, { error: 'state must be awaiting or decided' }).optional(),
    systemId: SystemId.optional(),
  },
  'desc',
);
export const ReviewPage = pageOf(AssessmentRow);
export type ReviewPage = z.output<typeof ReviewPage>;
