import { z } from 'zod';
import {
  assessmentStatusLabels,
  decisionLabels,
  lifecycleLabels,
  riskStatusLabels,
  systemFieldLabels,
  type SystemHistory,
  type WorkflowState,
} from '../../contract/index.ts';
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

/** A state in words: a system's stage, a risk's status or an assessment's, by the action that moved it. */
function stateWords(action: string, state: unknown): string {
  const labels: Readonly<Record<string, string>> = action.startsWith('lifecycle.') ? lifecycleLabels : action.startsWith('risk.') ? riskStatusLabels : assessmentStatusLabels;
  return typeof state === 'string' ? (labels[state] ?? state) : String(state);
}

/** One line on what an entry did, in words for people (states, decisions and fields by their labels). */
function summarise(action: string, p: Record<string, unknown>): string {
  const signOff = SignOffSummary.safeParse(p.signOff).data;
  const moved = typeof p.from === 'string' && typeof p.to === 'string' ? `${stateWords(action, p.from)} → ${stateWords(action, p.to)}` : null;
  if (signOff?.decision) {
    const decided = `${decisionLabels[signOff.decision] ?? signOff.decision}${signOff.comment ? `: ${signOff.comment}` : ''}`;
    return p.to !== p.from && moved ? `${decided} (${moved})` : decided;
  }
  if (moved) return moved;
  if (action === 'assessment.answered') return `${Array.isArray(p.answers) ? p.answers.length : 0} answer(s)`;
  if (typeof p.description === 'string') return p.description;
  if (action === 'system.updated' && typeof p.changes === 'object' && p.changes) {
    return `Changed ${Object.keys(p.changes).map((field) => systemFieldLabels[field as keyof typeof systemFieldLabels] ?? field).join(', ')}`;
  }
  return '';
}
