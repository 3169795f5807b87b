import { z } from 'zod';
import { ActingAs, personName, RoleSchema } from './acting-as.ts';

export const PersonId = z.string().regex(/^PER-[A-Z0-9]{4,16}$/, { error: 'person id must look like PER-XXXXXXXX' });

export const Person = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  roles: z.array(RoleSchema),
  active: z.boolean(),
});
export type Person = z.output<typeof Person>;

export const PersonSaveInput = z.strictObject({
  by: ActingAs.optional(),
  id: PersonId.optional(),
  name: personName,
  email: z.string().trim().max(200).default(''),
  roles: z
    .array(RoleSchema)
    .min(1, { error: 'give the person at least one role' })
    .refine((r) => new Set(r).size === r.length, { error: 'a role is listed more than once' }),
  active: z.boolean().default(true),
});
