import { z } from 'zod';
import { ActingAs, RoleSchema } from './acting-as.ts';

const bandList = z.array(RoleSchema);

/** Whom a vendor contacts and returns a Word questionnaire to (issue 17); null until someone sets it. */
export const ContactForVendors = z.strictObject({
  name: z.string({ error: 'the contact name must be text' }).trim().min(1, { error: 'the contact needs a name' }).max(200, { error: 'the contact name is at most 200 characters' }),
  email: z.string().trim().max(200).regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { error: 'the contact email must look like name@example.org' }),
  telephone: z.string().trim().max(50, { error: 'the telephone number is at most 50 characters' }).regex(/^[0-9+()\s./-]*$/, { error: 'the telephone number may hold digits, spaces and + ( ) - . / only' }),
});
export type ContactForVendors = z.output<typeof ContactForVendors>;

/**
 * What a database is for (docs/vendor-mode.md): the hospital's governance workspace, or a
 * vendor's workspace that only opens requests and answers them. Which methods each mode allows is
 * declared per method in methods.ts (`workspace`) and enforced by the dispatcher.
 */
export const workspaceModes = ['hospital', 'vendor'] as const;
export const WorkspaceMode = z.enum(workspaceModes, { error: 'workspaceMode must be hospital or vendor' });
export type WorkspaceMode = z.output<typeof WorkspaceMode>;

export const Settings = z.object({
  organisation: z.string(),
  workspaceMode: WorkspaceMode,
  signOffsRequired: z.number(),
  acceptanceAuthority: z.record(z.string(), bandList),
  /**
   * Separation of duties (on by default): whoever requested an acceptance may not grant it, a
   * reviewer signs off once per round, and an assessor who answered an assessment may not approve it.
   */
  separationOfDuties: z.boolean(),
  vendorContact: ContactForVendors.nullable(),
  /** The share of each role group using a system that must be trained (percent, 1–100; docs/readiness.md). */
  readinessTarget: z.number(),
});
export type Settings = z.output<typeof Settings>;

export const SettingsUpdateInput = z
  .strictObject({
    by: ActingAs.optional(),
    organisation: z.string().trim().min(1).max(200).optional(),
    signOffsRequired: z.int({ error: 'signOffsRequired must be a whole number' }).min(1).max(9).optional(),
    acceptanceAuthority: z.record(z.string().regex(/^[a-z][a-zA-Z]*$/), bandList).optional(),
    separationOfDuties: z.boolean({ error: 'separationOfDuties must be true or false' }).optional(),
    /** null removes the contact. */
    vendorContact: ContactForVendors.nullable().optional(),
    workspaceMode: WorkspaceMode.optional(),
    readinessTarget: z
      .int({ error: 'readinessTarget must be a whole number of percent' })
      .min(1, { error: 'readinessTarget is a percentage from 1 to 100' })
      .max(100, { error: 'readinessTarget is a percentage from 1 to 100' })
      .optional(),
  })
  .refine((s) => Object.keys(s).some((k) => k !== 'by'), { error: 'change at least one setting' })
  // A vendor workspace signs its responses with its organisation's name: asked for up front, once.
  .refine((s) => s.workspaceMode !== 'vendor' || s.organisation !== undefined, {
    error: 'switching to vendor mode needs the organisation name in the same change (the name the hospital sees on your responses)',
    path: ['organisation'],
  });
