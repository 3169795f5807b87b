import { changeKinds, incidentKinds, systemEventLabels } from '../../contract/index.ts';

/**
 * Why the lifecycle made a system due for re-assessment, as the workflow records it in the
 * ledger (`lifecycle.reassessmentDue`'s `reason`): written in one place (workflow-service.ts,
 * through these constants and `eventReason`) and read back here by the committee's papers and
 * the dashboard.
 */
export const acceptanceExpiredReason = 'a risk acceptance expired';
export const datePassedReason = 'the re-assessment date has passed';

/** A recorded change or incident: its kind and description. */
export const eventReason = (kind: string, description: string): string => `${kind}: ${description}`;

export type DueReason =
  | { kind: 'acceptanceExpired' }
  | { kind: 'datePassed' }
  | { kind: 'event'; label: string; description: string }
  | { kind: 'other'; text: string };

const eventKinds: readonly string[] = [...changeKinds, ...incidentKinds];
const isEventKind = (kind: string): kind is keyof typeof systemEventLabels => eventKinds.includes(kind);

export function parseDueReason(reason: string): DueReason {
  if (reason === acceptanceExpiredReason) return { kind: 'acceptanceExpired' };
  if (reason === datePassedReason) return { kind: 'datePassed' };
  const [kind = '', ...rest] = reason.split(': ');
  if (isEventKind(kind)) return { kind: 'event', label: systemEventLabels[kind], description: rest.join(': ') };
  return { kind: 'other', text: reason === '' ? 'A change was recorded.' : reason };
}
