import { roles } from '../../contract/index.ts';

/**
 * One normalisation for "is this the same person?": names are compared trimmed, with runs of
 * white space as one space, Unicode-normalised and case-insensitively (people are looked up in
 * Settings → People the same way). Used by the review machine's guard, the services and the
 * separation-of-duties rules alike.
 */
export const normaliseName = (name: string): string => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

export const sameSigner = (a: string, b: string): boolean => normaliseName(a) === normaliseName(b);

/** Whether `name` is among the signers of these sign-offs (this round's, usually). */
export const hasSigned = (signOffs: readonly { name: string }[], name: string): boolean => signOffs.some((s) => sameSigner(s.name, name));

const roleSuffix = new RegExp(`^(.*) \\((?:${roles.join('|')})\\)$`, 's');

/**
 * The person an actor label names ("Asha Assessor (assessor)" → "Asha Assessor"), or null for the
 * OS login ("os:root"), the scheduled check, or an import on a vendor's behalf.
 */
export const personNameOfActor = (actor: string): string | null => roleSuffix.exec(actor)?.[1] ?? null;

const approvingDecisions = new Set(['approve', 'approveWithConditions']);

export const isApproval = (signOff: { decision: string }): boolean => approvingDecisions.has(signOff.decision);

/** How many of these sign-offs approve (with or without conditions). */
export const approvalCount = (signOffs: readonly { decision: string }[]): number => signOffs.filter(isApproval).length;

/** Whether these sign-offs reach the number of approvals required (Settings → sign-offs required). */
export const approvalComplete = (signOffs: readonly { decision: string }[], required: number): boolean => approvalCount(signOffs) >= required;
