import { treatingRoles as declaredTreatingRoles, type ActingAs, type Risk, type Role, type Settings } from '../../../../electron/contract/index.ts';

export const riskStatuses = ['identified', 'planned', 'inProgress', 'verified', 'closed', 'acceptanceRequested', 'accepted', 'rejected'] as const;

/** Roles that plan and carry out treatments: as the contract declares them for risks.treat and risk.start/verify/close. */
export const treatingRoles: Role[] = [...declaredTreatingRoles];

export const levelsText = (l: Risk['residual']): string => `${l.likelihood} × ${l.impact} = ${l.score}`;

export function authorisedRoles(settings: Settings | undefined, band: string): Role[] {
  return (settings?.acceptanceAuthority[band] ?? []) as Role[];
}

export const mayAccept = (settings: Settings | undefined, risk: Pick<Risk, 'band'>, by: ActingAs | null): boolean =>
  by !== null && authorisedRoles(settings, risk.band).includes(by.role);
