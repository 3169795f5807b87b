import { roles, sameSigner } from '../../contract/index.ts';

/**
 * Who signed and how many approved, for the review machine's guards, the services, the review
 * queue and the separation-of-duties rules. The name comparison itself (`sameSigner`) lives in
 * the contract so the renderer uses the very same one.
 */
export { normaliseName, sameSigner } from '../../contract/index.ts';

/** Whether `name` is among the signers of these sign-offs (this round's, usually). */
export const hasSigned = (signOffs: readonly { name: string }[], name: string): boolean => signOffs.some((s) => sameSigner(s.name, name));

// A team server adds the account's login: "Asha Assessor (assessor) [asha]".
const roleSuffix = new RegExp(`^(.*) \\((?:${roles.join('|')})\\)(?: \\[[^\\]]*\\])?$`, 's');

/**
 * The person an actor label names ("Asha Assessor (assessor)" or, on a team server, "Asha Assessor
 * (assessor) [asha]" → "Asha Assessor"), or null for the OS login ("os:root"), the scheduled check,
 * or an import on a vendor's behalf.
 */
export const personNameOfActor = (actor: string): string | null => roleSuffix.exec(actor)?.[1] ?? null;

const approvingDecisions = new Set(['approve', 'approveWithConditions']);

export const isApproval = (signOff: { decision: string }): boolean => approvingDecisions.has(signOff.decision);

/** How many of these sign-offs approve (with or without conditions). */
export const approvalCount = (signOffs: readonly { decision: string }[]): number => signOffs.filter(isApproval).length;

/** Whether these sign-offs reach the number of approvals required (Settings → sign-offs required). */
export const approvalComplete = (signOffs: readonly { decision: string }[], required: number): boolean => approvalCount(signOffs) >= required;
