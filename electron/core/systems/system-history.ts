import type { Database } from 'better-sqlite3';
import type { SystemEvent, SystemHistory, WorkflowState } from '../../contract/index.ts';

interface EventRow {
  id: string;
  system_id: string;
  kind: SystemEvent['kind'];
  description: string;
  model_version: string;
  provenance: string;
  dataset_digest: string;
  change_notice: string;
  occurred_at: string;
  recorded_by: string;
  recorded_at: string;
  assessment_id: string | null;
}

/** A system's story: its lifecycle, changes and incidents, and every ledger entry about it. */
export function createSystemHistory(db: Database) {
  const events = db.prepare('SELECT * FROM system_events WHERE system_id = ? ORDER BY occurred_at, recorded_at');
  const due = db.prepare('SELECT reassessment_due FROM systems WHERE id = ?');
  const ledger = db.prepare(
    `SELECT seq, at, actor, action, payload FROM audit_events
      WHERE entity = @id OR entity IN (SELECT id FROM assessments WHERE system_id = @id) OR entity IN (SELECT id FROM risks WHERE system_id = @id)
      ORDER BY seq`,
  );
  return (systemId: string, lifecycle: WorkflowState, gate: SystemHistory['gate']): SystemHistory => ({
    systemId,
    lifecycle,
    gate,
    reassessmentDue: (due.get(systemId) as { reassessment_due: string | null } | undefined)?.reassessment_due ?? null,
    events: (events.all(systemId) as EventRow[]).map((r) => ({
      id: r.id,
      systemId: r.system_id,
      kind: r.kind,
      description: r.description,
      modelVersion: r.model_version,
      provenance: r.provenance,
      datasetDigest: r.dataset_digest,
      changeNotice: r.change_notice,
      occurredAt: r.occurred_at,
      recordedBy: r.recorded_by,
      recordedAt: r.recorded_at,
      assessmentId: r.assessment_id,
    })),
    ledger: (ledger.all({ id: systemId }) as { seq: number; at: string; actor: string; action: string; payload: string }[]).map((r) => ({
      seq: r.seq,
      at: r.at,
      actor: r.actor,
      action: r.action,
      summary: summarise(r.action, JSON.parse(r.payload) as Record<string, unknown>),
    })),
  });
}

function summarise(action: string, p: Record<string, unknown>): string {
  const signOff = p.signOff as { decision?: string; comment?: string } | undefined;
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
