import type { Role, Settings } from '../../contract/index.ts';
import type { ActingPerson } from '../deps.ts';
import { DomainError } from '../domain-error.ts';

/**
 * Who may accept (or refuse to accept) a risk depends on its band, set in Settings →
 * acceptance authority: data, not a role the contract can declare. The dispatcher has already
 * checked the person and that they hold the role they act in; this checks the role against
 * the band.
 */
export const authorisedRoles = (settings: Pick<Settings, 'acceptanceAuthority'>, band: string): Role[] => settings.acceptanceAuthority[band] ?? [];

export function assertMayAccept(settings: Pick<Settings, 'acceptanceAuthority'>, band: string, by: ActingPerson): Role[] {
  const roles = authorisedRoles(settings, band);
  if (!roles.includes(by.role)) {
    throw new DomainError(
      'FORBIDDEN',
      `Only ${roles.length > 0 ? roles.join(' or ') : 'nobody (acceptance is not allowed)'} may accept a ${band} risk; ${by.name} is acting as ${by.role}.`,
      { band, authorisedRoles: roles },
    );
  }
  return roles;
}
