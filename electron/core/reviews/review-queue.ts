import { reviewerRoles, type ReviewQueue } from '../../contract/index.ts';
import { hasSigned, sameSigner } from '../rules/signers.ts';
import type { AssessmentsService } from '../assessments/assessments-service.ts';
import type { RisksService } from '../risks/risks-service.ts';
import type { PeopleService } from '../people/people-service.ts';
import type { SettingsService } from '../settings/settings-service.ts';

/** What awaits one person, by the roles they hold. */
export async function reviewQueue(
  deps: { people: PeopleService; assessments: AssessmentsService; risks: RisksService; settings: SettingsService },
  name: string,
): Promise<ReviewQueue> {
  const person = (await deps.people.findByName(name)) ?? null;
  if (!person || !person.active) return { person, assessments: [], risks: [] };
  const reviewer = reviewerRoles.some((role) => person.roles.includes(role));
  const assessments: ReviewQueue['assessments'] = [];
  for (const a of await deps.assessments.list(undefined)) {
    if (reviewer && a.status === 'submitted') assessments.push({ ...a, reason: 'Submitted: start the review' });
    if (reviewer && a.status === 'inReview') {
      const signed = hasSigned((await deps.assessments.get(a.id)).review.signOffs, person.name);
      if (!signed) assessments.push({ ...a, reason: 'In review: your sign-off is needed' });
    }
    if (person.roles.includes('assessor') && a.status === 'returned') assessments.push({ ...a, reason: 'Returned by the reviewers: reopen and revise' });
  }
  const authority = (await deps.settings.get()).acceptanceAuthority;
  const risks: ReviewQueue['risks'] = [];
  for (const r of await deps.risks.list({})) {
    if (r.status === 'acceptanceRequested' && (authority[r.band] ?? []).some((role) => person.roles.includes(role))) {
      risks.push({ ...r, reason: 'Acceptance requested: decide' });
    } else if (person.roles.includes('riskOwner') && sameSigner(r.owner, person.name) && r.overdue) {
      risks.push({ ...r, reason: 'Overdue treatment action' });
    } else if (person.roles.includes('riskOwner') && r.status === 'identified' && r.aboveAppetite) {
      risks.push({ ...r, reason: 'Above appetite and untreated' });
    }
  }
  return { person, assessments, risks };
}
