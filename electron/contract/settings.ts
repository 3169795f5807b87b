import { z } from 'zod';
import { ActingAs, RoleSchema } from './acting-as.ts';

const bandList = z.array(RoleSchema);
export const Settings = z.object({
  organisation: z.string(),
  signOffsRequired: z.number(),
  acceptanceAuthority: z.record(z.string(), bandList),
  /**
   * Separation of duties (on by default): whoever requested an acceptance may not grant it, a
   * reviewer signs off once per round, and an assessor who answered an assessment may not approve it.
   */
  separationOfDuties: z.boolean(),
});
export type Settings = z.output<typeof Settings>;

export const SettingsUpdateInput = z
  .strictObject({
    by: ActingAs.optional(),
    organisation: z.string().trim().min(1).max(200).optional(),
    signOffsRequired: z.int({ error: 'signOffsRequired must be a whole number' }).min(1).max(9).optional(),
    acceptanceAuthority: z.record(z.string().regex(/^[a-z][a-zA-Z]*$/), bandList).optional(),
    separationOfDuties: z.boolean({ error: 'separationOfDuties must be true or false' }).optional(),
  })
  .refine((s) => Object.keys(s).some((k) => k !== 'by'), { error: 'change at least one setting' });
