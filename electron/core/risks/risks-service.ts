import { transition } from 'xstate';
import type { Risk, RiskAssignOwnerResult, RiskMatrix, RiskPage, RiskPageInput, ThreatProfile } from '../../contract/index.ts';
import type { z } from 'zod';
import type { CommandRunner, CommandStamp, TransactionRunner } from '../command-runner.ts';
import { personOf, type ActingPerson, type CallContext, type Clock, type IdSource } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import type { Repositories, StoragePort } from '../store/storage-port.ts';
import { assertMayAccept, authorisedRoles } from '../rules/acceptance-authority.ts';
import { isOpenRisk, riskDueDate } from '../rules/risk-due-date.ts';
import { bandOrder, isAboveAppetite } from '../rules/band-order.ts';
import { checkRequesterMayNotGrant } from '../rules/separation-of-duties.ts';
import { persist, restore, stateOf } from '../workflow/persisted.ts';
import { riskMachine, type RiskEvent, type Treatment } from '../workflow/risk-machine.ts';
import { levelsJson, type RiskRecord, type RisksRepository } from './risks-repository.ts';

/** A treatment counts for the gate once planned; an acceptance while it has not expired. */
const treatedStates = new Set(['planned', 'inProgress', 'verified', 'closed']);

export interface RisksService {
  openForSubmission(stamp: CommandStamp, assessment: { id: string; systemId: string }, profile: ThreatProfile, matrix: RiskMatrix): Promise<string[]>;
  list(filter: { systemId?: string | undefined; band?: string | undefined; status?: string | undefined; owner?: string | undefined; overdue?: boolean | undefined }): Promise<Risk[]>;
  /** One page of the register (docs/lists.md): filtered, searched, sorted and counted in SQL. */
  page(input: z.output<typeof RiskPageInput>): Promise<RiskPage>;
  get(id: string): Promise<Risk>;
  /** Makes one active person the owner of the risks `ids`: one change, one audit event. */
  assignOwner(ctx: CallContext, ids: readonly string[], owner: string): Promise<RiskAssignOwnerResult>;
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
  store: StoragePort;
  tx: TransactionRunner;
  run: CommandRunner;
  ids: IdSource;
  clock: Clock;
  settings: SettingsService;
  matrix: () => RiskMatrix;
}): RisksService {
  const { store, tx, run, ids, clock, settings } = deps;

  const today = () => clock.now().toISOString().slice(0, 10);

  const toRisk = (r: RiskRecord): Risk => {
    const snapshot = restore(riskMachine, r.snapshot);
    const { treatment, acceptance } = snapshot.context;
    const dueDate = riskDueDate({ status: r.status, treatment, acceptance });
    const open = isOpenRisk(r.status);
    const risk: Risk = {
      id: r.id,
      assessmentId: r.assessmentId,
      systemId: r.systemId,
      systemName: r.systemName,
      threatId: r.threatId,
      threatName: r.threatName,
      inherent: r.inherent,
      residual: r.residual,
      band: r.band,
      aboveAppetite: isAboveAppetite(deps.matrix(), r.band),
      owner: r.owner,
      status: r.status,
      treatment,
      acceptance,
      dueDate,
      overdue: open && dueDate !== null && dueDate < today(),
      allowedEvents: [],
      revision: r.workflow.revision,
      openedAt: r.openedAt,
      updatedAt: r.updatedAt,
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

  const find = async (repo: RisksRepository, id: string): Promise<RiskRecord> => {
    const row = await repo.find(id);
    if (!row) throw new DomainError('NOT_FOUND', `No risk with id ${id}.`, { id });
    return row;
  };

  /** One transition of one risk with its own audit event, inside the caller's transaction. */
  const step = async (stamp: CommandStamp, r: Repositories, row: RiskRecord, event: RiskEvent, extra: { owner?: string; payload?: unknown } = {}) => {
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
    await r.risks.saveState(row.id, { status: stateOf(after), snapshot: persist(riskMachine, after), owner: extra.owner ?? row.owner }, stamp);
    await r.ledger.append({
      ...stamp,
      action: event.type,
      entity: row.id,
      payload: { from: stateOf(before), to: stateOf(after), threat: row.threatId, system: row.systemId, ...(extra.payload ? { detail: extra.payload } : {}) },
    });
    return find(r.risks, row.id);
  };

  const assertAuthorised = async (row: RiskRecord, by: ActingPerson) => assertMayAccept(await settings.get(), row.band, by);

  /** risks.requestAcceptance and risks.accept declare `required`: the dispatcher named a person. */
  const named = (ctx: CallContext, what: string): ActingPerson => {
    const by = personOf(ctx);
    if (!by) throw new DomainError('VALIDATION_FAILED', `${what} needs the person acting (by: name and role; --actor and --role on the command line).`, { issues: [{ path: 'by', message: 'required' }] });
    return by;
  };

  const grant = async (stamp: CommandStamp, r: Repositories, row: RiskRecord, by: ActingPerson) => {
    const roles = await assertAuthorised(row, by);
    const pending = restore(riskMachine, row.snapshot).context.acceptance;
    if (row.status === 'acceptanceRequested') checkRequesterMayNotGrant({ enabled: (await settings.get()).separationOfDuties }, pending?.requestedBy, by);
    return step(stamp, r, row, { type: 'risk.accept', by: { ...by, at: stamp.at }, authorisedRoles: roles }, { payload: { by } });
  };

  const checkExpiry = (expiry: string) => {
    if (expiry <= today()) {
      throw new DomainError('VALIDATION_FAILED', `The acceptance expiry ${expiry} must be after today (${today()}).`, {
        issues: [{ path: 'expiry', message: 'must be a future date' }],
      });
    }
  };

  return {
    // Called from inside the submission's write: store.write joins it.
    openForSubmission: (stamp, assessment, profile, matrix) =>
      store.write(async (r) => {
        const opened: string[] = [];
        const lowest = matrix.bands[0]?.id;
        for (const threat of profile.threats) {
          const levels = { inherent: threat.inherent, residual: threat.residual, band: threat.residual.band };
          // A resubmission rescores the risks it already opened, whatever band they fall to.
          const existing = await r.risks.openedFor(assessment.id, threat.id);
          if (existing) {
            if (existing.residualJson !== levelsJson(threat.residual)) {
              await r.risks.rescore(existing.id, levels, stamp.at);
              await r.ledger.append({ ...stamp, action: 'risk.rescored', entity: existing.id, payload: { assessment: assessment.id, threat: threat.id, residual: threat.residual } });
            }
            continue;
          }
          if (threat.residual.band === lowest) continue;
          const id = ids.next('RSK');
          await r.risks.insert({
            id,
            assessmentId: assessment.id,
            systemId: assessment.systemId,
            threatId: threat.id,
            threatName: threat.name,
            snapshot: persist(riskMachine, restore(riskMachine, null)),
            ...levels,
            at: stamp.at,
            actor: stamp.actor,
          });
          await r.ledger.append({ ...stamp, action: 'risk.identified', entity: id, payload: { assessment: assessment.id, threat: threat.id, residual: threat.residual } });
          opened.push(id);
        }
        return opened;
      }),
    list: (filter) =>
      store.read(async (r) =>
        (await r.risks.list(filter.systemId))
          .map(toRisk)
          .filter(
            (risk) =>
              (filter.systemId === undefined || risk.systemId === filter.systemId) &&
              (filter.band === undefined || risk.band === filter.band) &&
              (filter.status === undefined || risk.status === filter.status) &&
              (filter.owner === undefined || risk.owner.toLowerCase().includes(filter.owner.trim().toLowerCase())) &&
              (filter.overdue === undefined || risk.overdue === filter.overdue),
          ),
      ),
    page: (input) =>
      store.read(async (r) => {
        const found = await r.risks.page({ ...input, bands: bandOrder(deps.matrix()), today: today() });
        return {
          rows: found.rows.map(toRisk),
          total: found.total,
          offset: input.offset,
          limit: input.limit,
          counts: { aboveAppetite: found.aboveAppetite, overdue: found.overdue },
        };
      }),
    get: (id) => store.read(async (r) => toRisk(await find(r.risks, id))),
    assignOwner: (ctx, ids, ownerName) =>
      run(ctx, 'risk.ownerAssigned', async ({ at }, r) => {
        const person = await r.people.findByName(ownerName.trim());
        if (!person || !person.active) {
          const why = person ? `${person.name} is inactive in People` : `nobody called "${ownerName.trim()}" is in People`;
          throw new DomainError('VALIDATION_FAILED', `The owner must be an active person in People: ${why}.`, {
            issues: [{ path: 'owner', message: person ? 'inactive person' : 'not a person in People' }],
          });
        }
        const found = await r.risks.ownersOf(ids);
        const missing = ids.filter((id) => !found.some((risk) => risk.id === id));
        if (missing.length > 0) {
          throw new DomainError('NOT_FOUND', `No risk with id ${missing.join(', ')}: nothing was changed.`, { missing });
        }
        const changed = found.filter((risk) => risk.owner !== person.name);
        const unchanged = found.filter((risk) => risk.owner === person.name).map((risk) => risk.id);
        await r.risks.setOwner(
          changed.map((risk) => risk.id),
          person.name,
          at,
        );
        return {
          // One event for the whole selection (entity "risks"); each risk with the owner it had.
          entity: 'risks',
          payload: { owner: person.name, ownerId: person.id, changed: changed.map((risk) => ({ risk: risk.id, previousOwner: risk.owner })), unchanged },
          result: { owner: person.name, changed: changed.map((risk) => risk.id), unchanged },
        };
      }),
    forAssessment: (assessmentId) => store.read(async (r) => (await r.risks.ofAssessment(assessmentId)).map(toRisk)),
    blocking: (assessmentId) =>
      store.read(async (r) => {
        const now = today();
        return (await r.risks.ofAssessment(assessmentId))
          .map(toRisk)
          .filter((risk) => risk.aboveAppetite)
          .filter((risk) => !treatedStates.has(risk.status) && !(risk.status === 'accepted' && risk.acceptance !== null && risk.acceptance.expiry >= now));
      }),
    treat: (ctx, id, treatment) =>
      tx(ctx, async (stamp, r) => {
        const by = personOf(ctx) ?? undefined;
        const row = await find(r.risks, id);
        if (treatment.kind === 'mitigate' && treatment.actions.length === 0) {
          throw new DomainError('VALIDATION_FAILED', 'A mitigation needs at least one action with an owner and a due date.', {
            issues: [{ path: 'treatment.actions', message: 'add at least one action' }],
          });
        }
        // The treatment's owner becomes the risk's only when it has none: an owner assigned
        // before (risks.assignOwner, an earlier plan) stays (docs/lists.md, "Risk owners").
        const owner = row.owner === '' ? treatment.owner : row.owner;
        return toRisk(await step(stamp, r, row, { type: 'risk.plan', treatment }, { owner, payload: { treatment, by } }));
      }),
    requestAcceptance: (ctx, id, input) =>
      tx(ctx, async (stamp, r) => {
        const by = named(ctx, 'risks.requestAcceptance');
        checkExpiry(input.expiry);
        const row = await find(r.risks, id);
        if (authorisedRoles(await settings.get(), row.band).length === 0) {
          throw new DomainError('FORBIDDEN', `Nobody may accept a ${row.band} risk (Settings → acceptance authority); it needs a treatment.`, { band: row.band });
        }
        const updated = await step(
          stamp,
          r,
          row,
          { type: 'risk.requestAcceptance', acceptance: { rationale: input.rationale, expiry: input.expiry, requestedBy: by.name } },
          { payload: { by, rationale: input.rationale, expiry: input.expiry } },
        );
        return toRisk(updated);
      }),
    accept: (ctx, id, input) =>
      tx(ctx, async (stamp, r) => {
        const by = named(ctx, 'risks.accept');
        let row = await find(r.risks, id);
        if (row.status !== 'acceptanceRequested') {
          if (!input.rationale || !input.expiry) {
            throw new DomainError('VALIDATION_FAILED', `${id} has no acceptance request yet: give a rationale and an expiry date.`, {
              issues: [{ path: input.rationale ? 'expiry' : 'rationale', message: 'required to accept a risk' }],
            });
          }
          checkExpiry(input.expiry);
          // Authority is checked before anything is written, so a refusal leaves no request behind.
          await assertAuthorised(row, by);
          // Asked and granted in one step by someone with authority: one decision, not a
          // request decided by its own requester.
          row = await step(
            stamp,
            r,
            row,
            { type: 'risk.requestAcceptance', acceptance: { rationale: input.rationale, expiry: input.expiry, requestedBy: by.name } },
            { payload: { by, rationale: input.rationale, expiry: input.expiry } },
          );
          const roles = authorisedRoles(await settings.get(), row.band);
          return toRisk(await step(stamp, r, row, { type: 'risk.accept', by: { ...by, at: stamp.at }, authorisedRoles: roles }, { payload: { by } }));
        }
        return toRisk(await grant(stamp, r, row, by));
      }),
    // Called from inside workflow.send's write: store.write joins it.
    send: (stamp, id, type, by) =>
      store.write(async (r) => {
        const row = await find(r.risks, id);
        if (type === 'risk.rejectAcceptance') {
          if (!by) throw new DomainError('VALIDATION_FAILED', 'risk.rejectAcceptance needs the person acting (--actor and --role).');
          await assertAuthorised(row, by);
        }
        return toRisk(await step(stamp, r, row, { type }, { payload: by ? { by } : undefined }));
      }),
    // Called from inside the sweep's write: store.write joins it.
    expireAcceptances: (stamp) =>
      store.write(async (r) => {
        const systems = new Set<string>();
        for (const id of await r.risks.acceptedIds()) {
          const row = await find(r.risks, id);
          const snapshot = restore(riskMachine, row.snapshot);
          const event: RiskEvent = { type: 'risk.expire', today: today() };
          if (!snapshot.can(event)) continue;
          await step(stamp, r, row, event, { payload: { expiry: snapshot.context.acceptance?.expiry } });
          systems.add(row.systemId);
        }
        return [...systems];
      }),
  };
}
