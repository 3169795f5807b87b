import { z } from 'zod';
import type { SystemHistory, WorkflowState } from '../../contract/index.ts';
import { decodeJson } from '../store/decode-json.ts';
import type { StoragePort } from '../store/storage-port.ts';

/** A ledger payload as the history reads it: an object whose fields the summary picks from. */
const Payload = z.record(z.string(), z.unknown());
/** The part of a review event's sign-off the summary shows. */
const SignOffSummary = z.object({ decision: z.string(), comment: z.string().optional() });

/** A system's story: its lifecycle, changes and incidents, and every ledger entry about it. */
export function createSystemHistory(deps: { store: StoragePort }) {
  const { store } = deps;
  return (systemId: string, lifecycle: WorkflowState, gate: SystemHistory['gate']): Promise<SystemHistory> =>
    store.read(async (r) => {
      const reassessmentDue = (await r.systems.lifecycle(systemId))?.reassessmentDue ?? null;
      const events = await r.workflow.eventsOf(systemId);
      // The entries about the system, its assessments and its risks.
      const assessmentIds = (await r.assessments.list(systemId)).map((a) => a.id);
      const riskIds = await r.risks.idsOfSystem(systemId);
      const entries = await r.ledger.about([systemId, ...assessmentIds, ...riskIds]);
      return {
        systemId,
        lifecycle,
        gate,
        reassessmentDue,
        events,
        ledger: entries.map((e) => ({
          seq: e.seq,
          at: e.at,
          actor: e.actor,
          action: e.action,
          summary: summarise(e.action, decodeJson(Payload, e.payload, `audit_events.payload of #${e.seq}`)),
        })),
      };
    });
}

function summarise(action: string, p: Record<string, unknown>): string {
  const signOff = SignOffSummary.safeParse(p.signOff).data;
  if (signOff?.decision) {
    const moved = typeof p.to === 'string' && p.to !== p.from ? ` (${String(p.from)} → ${p.to})` : '';
    return `${signOff.decision}${signOff.comment ? `: ${signOff.comment}` : ''}${moved}`;
  }
  if (typeof p.from === 'string' && typeof p.to === 'string') return `${p.from} → ${p.to}`;
  if (action === 'assessment.answered') return `${Array.isArray(p.answers) ? p.answers.length : 0} answer(s)`;
  if (typeof p.description === 'string') return p.description;
  if (action === 'system.updated' && typeof p.changes === 'object' && p.changes) return `changed ${Object.keys(p.changes).join(', ')}`;
  return '';
}
