import { roles, type Role } from './acting-as.ts';
import type { WorkflowEventName } from './workflow.ts';

/**
 * Who may call a method, declared once in the contract (MethodSpec.acting) and enforced by the
 * dispatcher before any handler runs:
 *
 * - `'none'`: nobody is named; the call is recorded under the OS login. Reads, and the few
 *   changes made by whoever runs the computer rather than by a governance role: loading the demo
 *   (it names its own cast), backups and restores (the database file itself), and the vendor's
 *   own workspace (the hospital's list of people is not there; its key signs the response).
 * - `{ required, roles }`: the input takes `by` (a person from Settings → People and the role
 *   they act in). The dispatcher checks the person exists, is active and holds that role, and
 *   that the role is one of `roles`. Without `by` the call is refused when `required`, and
 *   otherwise recorded under the OS login, labelled as such.
 * - `'administrator'`: managing accounts (team mode). Only a signed-in account with
 *   `administrator` may call it; on the desktop, which has no accounts, it is refused.
 *
 * On a team server the signed-in account is always the principal (docs/team-mode.md, "Who acts
 * in team mode"): `by` may only name that person, and `'none'` runs under the account too.
 */
export type ActingRule = 'none' | 'administrator' | { required: boolean; roles: readonly Role[] };

/** The rule lets (or makes) the caller name a person acting in a governance role. */
export const namesPerson = (rule: ActingRule): rule is { required: boolean; roles: readonly Role[] } => typeof rule === 'object';

export const allRoles: readonly Role[] = roles;
/** Sign-offs and starting a review. */
export const reviewerRoles = ['reviewer', 'committeeChair'] as const satisfies readonly Role[];
/** Planning and carrying out a risk treatment. */
export const treatingRoles = ['riskOwner', 'committeeChair'] as const satisfies readonly Role[];
/** Answering, submitting and dealing with the vendor. */
export const assessingRoles = ['assessor'] as const satisfies readonly Role[];

/**
 * Judging what an answer is worth (reviewing free text, checking evidence, settling a
 * contradiction): the assessors, reviewers and the chair; not a risk owner.
 */
export const judgingRoles: ActingRule = { required: false, roles: ['assessor', 'reviewer', 'committeeChair'] };

/** Anyone in Settings → People, in any role they hold; or nobody named (the OS login). */
export const anyone: ActingRule = { required: false, roles: allRoles };

/** workflow.send is one method with many events: each event declares its own rule. */
export const workflowEventActing: Record<WorkflowEventName, ActingRule> = {
  'review.submit': { required: false, roles: assessingRoles },
  'review.reopen': { required: false, roles: assessingRoles },
  'vendor.request': { required: false, roles: assessingRoles },
  'vendor.receive': { required: false, roles: assessingRoles },
  'review.start': { required: true, roles: reviewerRoles },
  'review.approve': { required: true, roles: reviewerRoles },
  'review.approveWithConditions': { required: true, roles: reviewerRoles },
  'review.return': { required: true, roles: reviewerRoles },
  'review.reject': { required: true, roles: reviewerRoles },
  'lifecycle.advance': anyone,
  'lifecycle.retire': { required: true, roles: ['committeeChair'] },
  'risk.start': { required: false, roles: treatingRoles },
  'risk.verify': { required: false, roles: treatingRoles },
  'risk.close': { required: false, roles: treatingRoles },
  // Who may decide depends on the risk's band (Settings → acceptance authority), checked by the
  // acceptance-authority rule once the risk is read.
  'risk.rejectAcceptance': { required: true, roles: allRoles },
};

/** Whether a person acting in `role` may take a step declared with `rule`. */
export const roleMayAct = (rule: ActingRule, role: Role): boolean => namesPerson(rule) && rule.roles.includes(role);

const roleWords: Record<Role, string> = { assessor: 'an assessor', reviewer: 'a reviewer', committeeChair: 'the committee chair', riskOwner: 'a risk owner' };

/** "a reviewer or the committee chair" (or, for the roles someone holds, "… and …"). */
export const describeRoles = (allowed: readonly Role[], joiner: 'or' | 'and' = 'or'): string => {
  const words = allowed.map((r) => roleWords[r]);
  return words.length <= 1 ? (words[0] ?? 'nobody') : `${words.slice(0, -1).join(', ')} ${joiner} ${words[words.length - 1]}`;
};
