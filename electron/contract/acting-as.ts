import { z } from 'zod';

export const roles = ['assessor', 'reviewer', 'committeeChair', 'riskOwner'] as const;
export type Role = (typeof roles)[number];
export const RoleSchema = z.enum(roles, { error: `role must be one of: ${roles.join(', ')}` });

export const personName = z
  .string({ error: 'name must be text' })
  .trim()
  .min(1, { error: 'name is required' })
  .max(120, { error: 'name must be at most 120 characters' });

/** Who is acting: a person from Settings, in one of their roles. */
export const ActingAs = z.strictObject({ name: personName, role: RoleSchema });
export type ActingAs = z.output<typeof ActingAs>;
