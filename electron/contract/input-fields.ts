import { z } from 'zod';

/** Shapes shared by the inputs of several domains (workflow conditions, risk treatments, system events). */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'dates are YYYY-MM-DD' });
export const shortText = (what: string, max: number) =>
  z.string({ error: `${what} must be text` }).trim().min(1, { error: `${what} is required` }).max(max, { error: `${what} must be at most ${max} characters` });

/** The revision a writer last read (optimistic concurrency, docs/team-mode.md); 0 means "none yet". */
export const expectedRevision = z
  .number({ error: 'expectedRevision must be a whole number' })
  .int({ error: 'expectedRevision must be a whole number' })
  .min(0, { error: 'expectedRevision is 0 or more' });
