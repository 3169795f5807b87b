import { z } from 'zod';
import { personName } from './acting-as.ts';
import { AssessmentSummary } from './assessments.ts';
import { Person } from './people.ts';
import { Risk } from './risks.ts';

export const ReviewQueueInput = z.strictObject({ name: personName });
export const ReviewQueue = z.object({
  person: Person.nullable(),
  assessments: z.array(AssessmentSummary.extend({ reason: z.string() })),
  risks: z.array(Risk.extend({ reason: z.string() })),
});
export type ReviewQueue = z.output<typeof ReviewQueue>;
