import type { Database } from 'better-sqlite3';
import { transition } from 'xstate';
import type { Risk, RiskMatrix, ThreatProfile } from '../../contract/index.ts';
import type { CommandStamp, TransactionRunner } from '../command-runner.ts';
import { personOf, type ActingPerson, type CallContext, type Clock, type IdSource } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import { appendAuditEvent } from '../audit/ledger.ts';
import { assertMayAccept, authorisedRoles } from '../rules/acceptance-authority.ts';
import { checkRequesterMayNotGrant } from '../rules/separation-of-duties.ts';
import { persist, restore, stateOf } from '../workflow/persisted.ts';
import { riskMachine, type RiskEvent, type Treatment } from '../workflow/risk-machine.ts';

interface RiskRow {
  id: string;
  assessment_id: string;
  system_id: string;
  system_name: string;
  threat_id: string;
  threat_name: string;
  inherent: string;
  residual: string;
  band: string;
  owner: string;
  status: string;
  snapshot: string;
  opened_at: string;
  updated_at: string;
}

/** A treatment counts for the gate once planned; an acceptance while it has not expired. */
const treatedStates = new Set(['planned', 'inProgress', 'verified', 'closed']);

export interface RisksService {
  openForSubmission(stamp: CommandStamp, assessment: { id: string; systemId: string }, profile: ThreatProfile, matrix: RiskMatrix): Promise<string[]>;
  list(filter: { systemId?: string | undefined; band?: string | undefined; status?: string | undefined; owner?: string | undefined; overdue?: boolean | undefined }): Promise<Risk[]>;
  get(id: string): Promise<Risk>;
  forAssessment(assessmentId: string): Promise<Risk[]>;
  /** Risks of an assessment above appetite that have neither a treatment nor a valid acceptance. */
  blocking(assessmentId: string): Promise<Risk[]>;
  /** The person acting comes from ctx (risks.requestAcceptance and risks.accept require one). */
  treat(ctx: CallContext, id: string, treatment: Treatment): Promise<Risk>;
  requestAcceptance(ctx: CallContext, id: string, input: { rationale: string; expiry: string }): Promise<Risk>;
  accept(ctx: CallContext, id: string, input: { rationale?: string | undefined; expiry?: string | undefined }): Promise<Risk>;
  send(stamp: CommandStamp, id: string, type: 'risk.start' | 'risk.verify' | 'risk.close' | 'risk.rejectAcceptance', by: ActingPerson | null): Promise<Risk>;
  /** Accepted risks whose acceptance has expired go back to identified; returns their systems. */
  expireAcceptances(stamp: CommandStamp): Promise<string[]>;
}

export function createRisksService(deps: {
  db: Database;
  tx: TransactionRunner;
  ids: IdSource;
  clock: Clock;
  settings: SettingsService;
  matrix: () => RiskMatrix;
}): RisksService {
  const { db, tx, ids, clock, settings } = deps;
  const select = `SELECT r.*, s.name AS system_name FROM risks r JOIN systems s ON s.id = r.system_id`;
  const byId = db.prepare(`${select} WHERE r.id = ?`);
  const byAssessment = db.prepare(`${select} WHERE r.assessment_id = ? ORDER BY r.threat_id`);
  const all = db.prepare(`${select} ORDER BY r.opened_at DESC, r.threat_id`);
  const ofSystem = db.prepare(`${select} WHERE r.system_id = ? ORDER BY r.opened_at DESC, r.threat_id`);
  const byAssessmentThreat = db.prepare('SELECT id, residual FROM risks WHERE assessment_id = ? AND threat_id = ?');
  const insert = db.prepare(
    `INSERT INTO risks (id, assessment_id, system_id, threat_id, threat_name, inherent, residual, band, owner, status, snapshot, opened_at, updated_at)
     VALUES (@id, @assessmentId, @systemId, @threatId, @threatName, @inherent, @residual, @band, '', 'identified', @snapshot, @at, @at)`,
  );
  const rescore = db.prepare('UPDATE risks SET inherent = @inherent, residual = @residual, band = @band, updated_at = @at WHERE id = @id');
  const save = db.prepare('UPDATE risks SET status = @status, snapshot = @snapshot, owner = @owner, updated_at = @at WHERE id = @id');
  const accepted = db.prepare(`SELECT id FROM risks WHERE status = 'accepted'`);

  const today = () => clock.now().toISOString().slice(0, 10);
  const bandRank = (band: string) => deps.matrix().bands.findIndex((b) => b.id === band);
  const appetiteRank = () => bandRank(deps.matrix().appetite);

  const toRisk = (r: RiskRow): Risk => {
    const snapshot = restore(riskMachine, r.snapshot);
    const { treatment, acceptance } = snapshot.context;
    const dues = [
      ...(treatment?.actions.map((a) => a.due) ?? []),
      ...(acceptance && r.status === 'accepted' ? [acceptance.expiry] : []),
    ].sort();
    const dueDate = dues[0] ?? null;
    const open = !['closed', 'verified'].includes(r.status);
    const risk: Risk = {
      id: r.id,
      assessmentId: r.assessment_id,
      systemId: r.system_id,
      systemName: r.system_name,
      threatId: r.threat_id,
      threatName: r.threat_name,
      inherent: JSON.parse(r.inherent) as Risk['inherent'],
      residual: JSON.parse(r.residual) as Risk['residual'],
      band: r.band,
      aboveAppetite: bandRank(r.band) > appetiteRank(),
      owner: r.owner,
      status: r.status,
      treatment,
      acceptance,
      dueDate,
      overdue: open && dueDate !== null && dueDate < today(),
      allowedEvents: [],
      openedAt: r.opened_at,
      updatedAt: r.updated_at,
    };
    return { ...risk, allowedEvents: allowedFor(snapshot) };
  };

  // The probe events' guards read only the event, never the risk's context, so what a risk
  // accepts depends on its state alone: worked out once per state, not once per risk (a
  // register of thousands of risks would otherwise spend seconds asking xstate).
  const allowedByState = new Map<string, string[]>();
  function allowedFor(snapshot: ReturnType<typeof restore<typeof riskMachine>>): string[] {
    const state = stateOf(snapshot);
    const known = allowedByState.get(state);
    if (known) return known;
    const probe = { name: '', role: '', at: '' };
    const candidates: RiskEvent[] = [
      { type: 'risk.plan', treatment: { kind: 'transfer', owner: '', plan: '', actions: [] } },
      { type: 'risk.start' },
      { type: 'risk.verify' },
      { type: 'risk.close' },
      { type: 'risk.requestAcceptance', acceptance: { rationale: '', expiry: '', requestedBy: '' } },
      { type: 'risk.accept', by: probe, authorisedRoles: [''] },
      { type: 'risk.rejectAcceptance' },
    ];
    const allowed = candidates.filter((e) => snapshot.can(e)).map((e) => e.type);
    allowedByState.set(state, allowed);
    return allowed;
  }

  const find = (id: string): RiskRow => {
    const row = byId.get(id) as RiskRow | undefined;
    if (!row) throw new DomainError('NOT_FOUND', `No risk with id ${id}.`, { id });
    return row;
  };

  /** One transition of one risk with its own audit event, inside the caller's transaction. */
  const step = (stamp: CommandStamp, row: RiskRow, event: RiskEvent, extra: { owner?: string; payload?: unknown } = {}) => {
    const before = restore(riskMachine, row.snapshot);
    if (!before.can(event)) {
      const allowed = allowedFor(before);
      throw new DomainError(
        'TRANSITION_REFUSED',
        `${row.id} is ${stateOf(before)}; ${event.type} is not allowed now. Allowed now: ${allowed.join(', ') || 'nothing'}.`,
        { state: stateOf(before), event: event.type, allowed },
      );
    }
    const [after] = transition(riskMachine, before, event);
    save.run({ id: row.id, status: stateOf(after), snapshot: persist(riskMachine, after), owner: extra.owner ?? row.owner, at: stamp.at });
    appendAuditEvent(db, {
      ...stamp,
      action: event.type,
      entity: row.id,
      payload: { from: stateOf(before), to: stateOf(after), threat: row.threat_id, system: row.system_id, ...(extra.payload ? { detail: extra.payload } : {}) },
    });
    return find(row.id);
  };

  const assertAuthorised = (row: RiskRow, by: ActingPerson) => assertMayAccept(settings.get(), row.band, by);

  /** risks.requestAcceptance and risks.accept declare `required`: the dispatcher named a person. */
  const named = (ctx: CallContext, what: string): ActingPerson => {
    const by = personOf(ctx);
    if (!by) throw new DomainError('VALIDATION_FAILED', `${what} needs the person acting (by: name and role; --actor and --role on the command line).`, { issues: [{ path: 'by', message: 'required' }] });
    return by;
  };

  const grant = (stamp: CommandStamp, row: RiskRow, by: ActingPerson) => {
    const roles = assertAuthorised(row, by);
    const pending = restore(riskMachine, row.snapshot).context.acceptance;
    if (row.status === 'acceptanceRequested') checkRequesterMayNotGrant({ enabled: settings.get().separationOfDuties }, pending?.requestedBy, by);
    return step(stamp, row, { type: 'risk.accept', by: { ...by, at: stamp.at }, authorisedRoles: roles }, { payload: { by } });
  };

  const checkExpiry = (expiry: string) => {
    if (expiry <= today()) {
      throw new DomainError('VALIDATION_FAILED', `The acceptance expiry ${expiry} must be after today (${today()}).`, {
        issues: [{ path: 'expiry', message: 'must be a future date' }],
      });
    }
  };

  return {
    openForSubmission(stamp, assessment, profile, matrix) {
      const opened: string[] = [];
      const lowest = matrix.bands[0]?.id;
      for (const threat of profile.threats) {
        const values = {
          inherent: JSON.stringify(threat.inherent),
          residual: JSON.stringify(threat.residual),
          band: threat.residual.band,
          at: stamp.at,
        };
        // A resubmission rescores the risks it already opened, whatever band they fall to.
        const existing = byAssessmentThreat.get(assessment.id, threat.id) as { id: string; residual: string } | undefined;
        if (existing) {
          if (existing.residual !== values.residual) {
            rescore.run({ id: existing.id, ...values });
            appendAuditEvent(db, { ...stamp, action: 'risk.rescored', entity: existing.id, payload: { assessment: assessment.id, threat: threat.id, residual: threat.residual } });
          }
          continue;
        }
        if (threat.residual.band === lowest) continue;
        const id = ids.next('RSK');
        insert.run({
          id,
          assessmentId: assessment.id,
          systemId: assessment.systemId,
          threatId: threat.id,
          threatName: threat.name,
          snapshot: persist(riskMachine, restore(riskMachine, null)),
          ...values,
        });
        appendAuditEvent(db, { ...stamp, action: 'risk.identified', entity: id, payload: { assessment: assessment.id, threat: threat.id, residual: threat.residual } });
        opened.push(id);
      }
      return opened;
    },
    list(filter) {
      return ((filter.systemId === undefined ? all.all() : ofSystem.all(filter.systemId)) as RiskRow[])
        .map(toRisk)
        .filter(
          (r) =>
            (filter.systemId === undefined || r.systemId === filter.systemId) &&
            (filter.band === undefined || r.band === filter.band) &&
            (filter.status === undefined || r.status === filter.status) &&
            (filter.owner === undefined || r.owner.toLowerCase().includes(filter.owner.trim().toLowerCase())) &&
            (filter.overdue === undefined || r.overdue === filter.overdue),
        );
    },
    get: (id) => toRisk(find(id)),
    forAssessment: (assessmentId) => (byAssessment.all(assessmentId) as RiskRow[]).map(toRisk),
    blocking(assessmentId) {
      const now = today();
      return (byAssessment.all(assessmentId) as RiskRow[])
        .map(toRisk)
        .filter((r) => r.aboveAppetite)
        .filter((r) => !treatedStates.has(r.status) && !(r.status === 'accepted' && r.acceptance !== null && r.acceptance.expiry >= now));
    },
    treat: (ctx, id, treatment) =>
      tx(ctx, (stamp) => {
        const by = personOf(ctx) ?? undefined;
        const row = find(id);
        if (treatment.kind === 'mitigate' && treatment.actions.length === 0) {
          throw new DomainError('VALIDATION_FAILED', 'A mitigation needs at least one action with an owner and a due date.', {
            issues: [{ path: 'treatment.actions', message: 'add at least one action' }],
          });
        }
        return toRisk(step(stamp, row, { type: 'risk.plan', treatment }, { owner: treatment.owner, payload: { treatment, by } }));
      }),
    requestAcceptance: (ctx, id, input) =>
      tx(ctx, (stamp) => {
        const by = named(ctx, 'risks.requestAcceptance');
        checkExpiry(input.expiry);
        const band = find(id).band;
        if (authorisedRoles(settings.get(), band).length === 0) {
          throw new DomainError('FORBIDDEN', `Nobody may accept a ${band} risk (Settings → acceptance authority); it needs a treatment.`, { band });
        }
        const updated = step(
          stamp,
          find(id),
          { type: 'risk.requestAcceptance', acceptance: { rationale: input.rationale, expiry: input.expiry, requestedBy: by.name } },
          { payload: { by, rationale: input.rationale, expiry: input.expiry } },
        );
        return toRisk(updated);
      }),
    accept: (ctx, id, input) =>
      tx(ctx, (stamp) => {
        const by = named(ctx, 'risks.accept');
        let row = find(id);
        if (row.status !== 'acceptanceRequested') {
          if (!input.rationale || !input.expiry) {
            throw new DomainError('VALIDATION_FAILED', `${id} has no acceptance request yet: give a rationale and an expiry date.`, {
              issues: [{ path: input.rationale ? 'expiry' : 'rationale', message: 'required to accept a risk' }],
            });
          }
          checkExpiry(input.expiry);
          // Authority is checked before anything is written, so a refusal leaves no request behind.
          assertAuthorised(row, by);
          // Asked and granted in one step by someone with authority: one decision, not a
          // request decided by its own requester.
          row = step(
            stamp,
            row,
            { type: 'risk.requestAcceptance', acceptance: { rationale: input.rationale, expiry: input.expiry, requestedBy: by.name } },
            { payload: { by, rationale: input.rationale, expiry: input.expiry } },
          );
          return toRisk(step(stamp, row, { type: 'risk.accept', by: { ...by, at: stamp.at }, authorisedRoles: authorisedRoles(settings.get(), row.band) }, { payload: { by } }));
        }
        return toRisk(grant(stamp, row, by));
      }),
    send(stamp, id, type, by) {
      const row = find(id);
      if (type === 'risk.rejectAcceptance') {
        if (!by) throw new DomainError('VALIDATION_FAILED', 'risk.rejectAcceptance needs the person acting (--actor and --role).');
        assertAuthorised(row, by);
      }
      return toRisk(step(stamp, row, { type }, { payload: by ? { by } : undefined }));
    },
    expireAcceptances(stamp) {
      const systems = new Set<string>();
      for (const { id } of accepted.all() as { id: string }[]) {
        const row = find(id);
        const snapshot = restore(riskMachine, row.snapshot);
        const event: RiskEvent = { type: 'risk.expire', today: today() };
        if (!snapshot.can(event)) continue;
        step(stamp, row, event, { payload: { expiry: snapshot.context.acceptance?.expiry } });
        systems.add(row.system_id);
      }
      return [...systems];
    },
  };
}
