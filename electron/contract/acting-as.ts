import { z } from 'zod';

export const roles = ['assessor', 'reviewer', 'committeeChair', 'riskOwner'] as const;
export type Role = (typeof roles)[number];
export const RoleSchema = z.enum(roles, { error: `role must be one of: ${roles.join(', ')}` });

export const personName = z
  .string({ error: 'name must be text' })
  .trim()
  .min(1, { error: 'name is required' })
  .max(120, { error: 'name must be at most 120 characters' });

/**
 * One normalisation for "is this the same person?": trimmed, runs of white space as one space,
 * Unicode-normalised, case-insensitive (people are looked up in Settings → People the same way).
 * The core's rules (review machine guard, services, separation of duties) and the renderer
 * all compare names with this.
 */
export const normaliseName = (name: string): string => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
export const sameSigner = (a: string, b: string): boolean => normaliseName(a) === normaliseName(b);

/** Who is acting: a person from Settings, in one of their roles. */
export const ActingAs = z.strictObject({ name: personName, role: RoleSchema });
export type ActingAs = z.output<typeof ActingAs>;
