import { transition, type SnapshotFrom } from 'xstate';
import { roleMayAct, workflowEventActing, type ActingAs, type RiskMatrix, type SystemEvent, type TriggerResult, type WorkflowEventName, type WorkflowState } from '../../contract/index.ts';
import type { AssessmentsService } from '../assessments/assessments-service.ts';
import type { CommandStamp, TransactionRunner } from '../command-runner.ts';
import { personOf, type ActingPerson, type CallContext, type Clock, type IdSource } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import type { RisksService } from '../risks/risks-service.ts';
import type { Repositories, StoragePort } from '../store/storage-port.ts';
import type { LifecycleRecord } from '../systems/systems-repository.ts';
import { lifecycleMachine, type GateFacts, type LifecycleEvent } from './lifecycle-machine.ts';
import { persist, restore, stateOf } from './persisted.ts';
import { allowedReviewEvents } from './review-events.ts';
import { reviewMachine, type ReviewEvent, type SignOffDecision } from './review-machine.ts';
import { isApproved, isEditable } from '../rules/statuses.ts';
import { hasSigned } from '../rules/signers.ts';
import { checkRevision, type Revised } from '../rules/revisions.ts';
import { acceptanceExpiredReason, datePassedReason, eventReason } from '../rules/reassessment-reasons.ts';
import { answeredBy, checkAnswererMayNotApprove, checkSignOncePerRound, type Separation } from '../rules/separation-of-duties.ts';

type Stage = 'procurement' | 'validation' | 'deployment' | 'use';

/** The assessment stage whose approval opens a lifecycle state's gate. */
const gateStage: Record<string, Stage | undefined> = {
  procurement: 'procurement',
  validation: 'validation',
  deployment: 'deployment',
  reassessmentDue: 'use',
};

/** Calendar months later, kept within the month: 31 August + 6 months is 28/29 February. */
function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

export interface TriggerInput {
  systemId: string;
  kind: string;
  description: string;
  modelVersion: string;
  provenance: string;
  datasetDigest?: string | undefined;
  changeNotice: string;
  occurredAt?: string | undefined;
}

export interface WorkflowService {
  /** The person acting comes from ctx (the dispatcher checked them against the event's acting rule). */
  /** With `expectedRevision`, refused (CONFLICT, nothing written) if the entity's workflow state has moved on since. */
  send(
    ctx: CallContext,
    input: { entityId: string; event: WorkflowEventName; comment: string; conditions: { text: string; owner: string; due: string }[]; expectedRevision?: number | undefined },
  ): Promise<WorkflowState>;
  /** With `by`, only what that person may do now (the events' acting rules and separation of duties). */
  allowed(entityId: string, by?: ActingAs | undefined): Promise<WorkflowState>;
  lifecycleState(systemId: string): Promise<WorkflowState>;
  gate(systemId: string): Promise<GateFacts & { stage: Stage | null; assessmentId: string | null }>;
  /** Runs a risk change and, in the same transaction, opens the gate it may have been blocking. */
  withGate<T extends { systemId: string }>(ctx: CallContext, change: () => Promise<T>): Promise<T>;
  trigger(ctx: CallContext, input: TriggerInput): Promise<TriggerResult>;
  /** The same, inside a caller's transaction (a monitoring breach records its drift event with the import). */
  recordEvent(stamp: CommandStamp, r: Repositories, input: TriggerInput): Promise<TriggerResult>;
  /** Re-scores the system's live profile (current assessments and their risks) inside the caller's transaction. */
  refreshLiveProfile(stamp: CommandStamp, r: Repositories, systemId: string): Promise<void>;
  /** Expired acceptances and passed re-assessment dates make systems due; run when the database opens and on the hosts' timer. */
  sweep(ctx: CallContext): Promise<void>;
}

export function createWorkflowService(deps: {
  store: StoragePort;
  tx: TransactionRunner;
  clock: Clock;
  ids: IdSource;
  assessments: AssessmentsService;
  risks: RisksService;
  matrix: () => RiskMatrix;
  separation: () => Promise<Separation>;
}): WorkflowService {
  const { store, tx, clock, ids, assessments, risks } = deps;

  const today = () => clock.now().toISOString().slice(0, 10);

  const findSystem = async (r: Repositories, id: string): Promise<LifecycleRecord> => {
    const row = await r.systems.lifecycle(id);
    if (!row) throw new DomainError('NOT_FOUND', `No AI system with id ${id}.`, { id });
    return row;
  };
  const lifecycleOf = (row: LifecycleRecord) => {
    if (row.snapshot) return restore(lifecycleMachine, row.snapshot);
    // Systems registered before workflows existed start at their recorded stage.
    return lifecycleMachine.resolveState({ value: row.stage, context: {} });
  };

  // The assessments and risks services join the transaction `r` belongs to (AsyncLocalStorage).
  const gateOf = async (r: Repositories, systemId: string) => {
    const row = await findSystem(r, systemId);
    const stage = gateStage[row.stage] ?? null;
    if (!stage) return { stage, assessmentId: null, stageApproved: false, blockingRisks: [] };
    const latest = await assessments.latestOfSystem(systemId, stage);
    return {
      stage,
      assessmentId: latest?.id ?? null,
      stageApproved: latest !== undefined && isApproved(latest.status),
      blockingRisks: latest ? (await risks.blocking(latest.id)).map((risk) => risk.id) : [],
    };
  };

  const lifecycleStep = async (stamp: CommandStamp, r: Repositories, systemId: string, event: LifecycleEvent, detail: Record<string, unknown> = {}) => {
    const row = await findSystem(r, systemId);
    const before = lifecycleOf(row);
    if (!before.can(event)) return false;
    const [after] = transition(lifecycleMachine, before, event);
    await r.systems.saveLifecycle(systemId, after.value, persist(lifecycleMachine, after), stamp);
    await r.ledger.append({ ...stamp, action: event.type, entity: systemId, payload: { from: stateOf(before), to: stateOf(after), ...detail } });
    return true;
  };

  /** Try the gate of a system; returns whether it moved. */
  const tryAdvance = async (stamp: CommandStamp, r: Repositories, systemId: string) => {
    const row = await findSystem(r, systemId);
    const facts = await gateOf(r, systemId);
    const event: LifecycleEvent =
      row.stage === 'reassessmentDue'
        ? { type: 'lifecycle.reassessed', gate: facts }
        : { type: 'lifecycle.advance', gate: facts };
    return lifecycleStep(stamp, r, systemId, event, { assessment: facts.assessmentId });
  };

  const lifecycleAllowed = async (r: Repositories, row: LifecycleRecord): Promise<string[]> => {
    const snapshot = lifecycleOf(row);
    const facts = await gateOf(r, row.id);
    return (['lifecycle.advance', 'lifecycle.reassessed', 'lifecycle.retire'] as const)
      .filter((type) => snapshot.can(type === 'lifecycle.retire' ? { type } : { type, gate: facts }))
      .map((type) => (type === 'lifecycle.reassessed' ? 'lifecycle.advance' : type));
  };

  const lifecycleStateOf = async (r: Repositories, systemId: string): Promise<WorkflowState> => {
    const row = await findSystem(r, systemId);
    return { entityId: systemId, kind: 'system', state: row.stage, allowedEvents: await lifecycleAllowed(r, row), revision: row.workflow.revision };
  };

  const refuse = (entityId: string, state: string, event: string, allowed: string[], reason?: string): never => {
    throw new DomainError(
      'TRANSITION_REFUSED',
      `${entityId} is ${state}; ${event} is not allowed${reason ? ` — ${reason}` : ' now'}. Allowed now: ${allowed.join(', ') || 'nothing'}.`,
      { state, event, allowed },
    );
  };

  /** The events whose acting rule requires a person: the dispatcher has named one. */
  const named = (event: string, by: ActingPerson | null): ActingPerson => {
    if (!by) throw new DomainError('VALIDATION_FAILED', `${event} needs the person acting (by: name and role; --actor and --role on the command line).`, { issues: [{ path: 'by', message: 'required' }] });
    return by;
  };

  const sendReview = async (stamp: CommandStamp, r: Repositories, id: string, input: Parameters<WorkflowService['send']>[1], person: ActingPerson | null): Promise<WorkflowState> => {
    const facts = await assessments.workflowFacts(id, stamp.at);
    const before = facts.review;
    const state = stateOf(before);
    const allowed = allowedReviewEvents(before);
    let event: ReviewEvent;
    switch (input.event) {
      case 'review.submit':
        if (state === 'inProgress' && facts.progress.missingRequired.length > 0) {
          const missing = facts.progress.missingRequired;
          const allowedNow = allowed.filter((e) => e !== 'review.submit');
          throw new DomainError(
            'TRANSITION_REFUSED',
            `${id} is ${state}; review.submit is not allowed — ${missing.length} required question(s) unanswered: ${missing.join(', ')}. Allowed now: ${allowedNow.join(', ') || 'nothing'}.`,
            { state, event: input.event, allowed: allowedNow, missingRequired: missing },
          );
        }
        if (state === 'inProgress' && facts.progress.toReconfirm.length > 0) {
          const carried = facts.progress.toReconfirm;
          const allowedNow = allowed.filter((e) => e !== 'review.submit');
          throw new DomainError(
            'TRANSITION_REFUSED',
            `${id} is ${state}; review.submit is not allowed — ${carried.length} answer(s) carried from the last assessment are still to re-confirm: ${carried.join(', ')}. Allowed now: ${allowedNow.join(', ') || 'nothing'}.`,
            { state, event: input.event, allowed: allowedNow, toReconfirm: carried },
          );
        }
        event = { type: 'review.submit', missingRequired: facts.progress.missingRequired };
        break;
      case 'review.start':
        event = { type: 'review.start', by: named(input.event, person) };
        break;
      case 'review.approve':
      case 'review.approveWithConditions':
      case 'review.return':
      case 'review.reject': {
        const by = named(input.event, person);
        const separation = await deps.separation();
        checkSignOncePerRound(separation, before.context.signOffs, by);
        if (input.event === 'review.approve' || input.event === 'review.approveWithConditions') checkAnswererMayNotApprove(separation, facts.answers, by);
        if (input.event === 'review.approveWithConditions' && input.conditions.length === 0) {
          throw new DomainError('VALIDATION_FAILED', 'Approval with conditions needs at least one condition with an owner and a due date.', {
            issues: [{ path: 'conditions', message: 'add at least one condition' }],
          });
        }
        if ((input.event === 'review.return' || input.event === 'review.reject') && input.comment.trim() === '') {
          throw new DomainError('VALIDATION_FAILED', `${input.event} needs a comment saying why.`, { issues: [{ path: 'comment', message: 'required' }] });
        }
        const decision = input.event.slice('review.'.length) as SignOffDecision;
        event = {
          type: input.event,
          signOff: { name: by.name, role: by.role, decision, comment: input.comment, conditions: decision === 'approveWithConditions' ? input.conditions : [], at: stamp.at },
          ...(separation.enabled ? {} : { repeatAllowed: true }),
        };
        break;
      }
      case 'review.reopen':
        event = { type: 'review.reopen' };
        break;
      case 'vendor.request':
      case 'vendor.receive':
        event = { type: input.event };
        break;
      default:
        return refuse(id, state, input.event, allowed, 'it is not an assessment event');
    }
    if (!before.can(event)) refuse(id, state, input.event, allowed);
    const [after] = transition(reviewMachine, before, event);
    const to = stateOf(after);
    const extra: { submittedAt?: string; decidedAt?: string } = {};
    const detail: Record<string, unknown> = { from: state, to };
    if (to === 'submitted') {
      // Entering submitted freezes the answers and scores the final profile.
      extra.submittedAt = stamp.at;
      await assessments.storeProfile(facts.profile, facts.progress);
      detail.overall = facts.profile.overall;
    }
    if (isApproved(to) || to === 'rejected') extra.decidedAt = stamp.at;
    if ('signOff' in event) detail.signOff = event.signOff;
    if ('by' in event) detail.by = event.by;
    await assessments.saveReview(id, after, stamp, extra);
    await r.ledger.append({ ...stamp, action: input.event, entity: id, payload: detail });

    if (to === 'submitted') {
      await risks.openForSubmission(stamp, { id, systemId: facts.row.system_id }, facts.profile, deps.matrix());
    }
    if (isApproved(to)) {
      // Later stages of the system start from the approved findings: their listed scores move too.
      await assessments.refreshSystem(facts.row.system_id);
      const interval = deps.matrix().bands.find((b) => b.id === facts.profile.overall.band)?.reassessMonths ?? 12;
      await r.systems.setReassessmentDue(facts.row.system_id, addMonths(stamp.at, interval));
      await tryAdvance(stamp, r, facts.row.system_id);
    }
    const latest = await assessments.workflowFacts(id, stamp.at);
    return { entityId: id, kind: 'assessment', state: stateOf(latest.review), allowedEvents: allowedReviewEvents(latest.review), revision: latest.row.workflow_revision };
  };

  const sendSystem = async (stamp: CommandStamp, r: Repositories, id: string, input: Parameters<WorkflowService['send']>[1], person: ActingPerson | null): Promise<WorkflowState> => {
    const row = await findSystem(r, id);
    const allowed = await lifecycleAllowed(r, row);
    if (input.event === 'lifecycle.retire') {
      const by = named(input.event, person);
      if (!(await lifecycleStep(stamp, r, id, { type: 'lifecycle.retire' }, { by, comment: input.comment }))) refuse(id, row.stage, input.event, allowed);
    } else if (input.event === 'lifecycle.advance') {
      const facts = await gateOf(r, id);
      if (facts.stage === null) refuse(id, row.stage, input.event, allowed);
      if (!facts.stageApproved) {
        refuse(id, row.stage, input.event, allowed, `the ${facts.stage} assessment${facts.assessmentId ? ` (${facts.assessmentId})` : ''} is not approved`);
      }
      if (facts.blockingRisks.length > 0) {
        throw new DomainError(
          'TRANSITION_REFUSED',
          `${id} is ${row.stage}; lifecycle.advance is not allowed — risks above appetite need a treatment or a valid acceptance: ${facts.blockingRisks.join(', ')}. Allowed now: ${allowed.join(', ') || 'nothing'}.`,
          { state: row.stage, event: input.event, allowed, blockingRisks: facts.blockingRisks },
        );
      }
      if (!(await tryAdvance(stamp, r, id))) refuse(id, row.stage, input.event, allowed);
    } else {
      refuse(id, row.stage, input.event, allowed, 'it is not a system lifecycle event');
    }
    return lifecycleStateOf(r, id);
  };

  /** The assessment that answers a trigger: the stage's open one, or a new draft carried from the last. */
  const openDraftFor = async (stamp: CommandStamp, r: Repositories, systemId: string) => {
    const row = await findSystem(r, systemId);
    const stage: Stage = gateStage[row.stage] ?? 'use';
    const open = await assessments.latestOfSystem(systemId, stage);
    if (open && isEditable(open.status)) return { id: open.id, carriedFrom: null, carried: 0 };
    return assessments.startCarried(stamp, systemId, stage);
  };

  const makeDue = async (stamp: CommandStamp, r: Repositories, systemId: string, reason: string) => {
    const row = await findSystem(r, systemId);
    if (row.stage === 'retired') return null;
    await lifecycleStep(stamp, r, systemId, { type: 'lifecycle.reassessmentDue', reason }, { reason });
    return openDraftFor(stamp, r, systemId);
  };

  /**
   * The live profile after something observed (monitoring, training): the system's current
   * assessments re-scored and stored, and the submitted ones' risks rescored or opened, each
   * with its own ledger event, inside the caller's transaction.
   */
  const refreshLiveProfile = async (stamp: CommandStamp, _r: Repositories, systemId: string): Promise<void> => {
    for (const decided of await assessments.refreshLiveProfiles(systemId, stamp.at)) {
      await risks.openForSubmission(stamp, { id: decided.id, systemId: decided.systemId }, decided.profile, deps.matrix());
    }
  };

  /** A recorded change or incident: the event, the due state and the draft that answers it (systems.recordChange, incidents.report, a monitoring breach). */
  const recordEvent = async (stamp: CommandStamp, r: Repositories, input: TriggerInput): Promise<TriggerResult> => {
    const row = await findSystem(r, input.systemId);
    if (row.archived) throw new DomainError('CONFLICT', `${row.id} is archived.`);
    if (row.stage === 'retired') throw new DomainError('CONFLICT', `${row.id} is retired; nothing to re-assess.`);
    if (input.kind === 'modelVersion' && input.modelVersion) await r.systems.setModelVersion(row.id, input.modelVersion);
    const opened = await makeDue(stamp, r, row.id, eventReason(input.kind, input.description));
    const event: SystemEvent = {
      id: ids.next('EVT'),
      systemId: row.id,
      kind: input.kind as SystemEvent['kind'],
      description: input.description,
      modelVersion: input.modelVersion,
      provenance: input.provenance,
      datasetDigest: input.datasetDigest ?? '',
      changeNotice: input.changeNotice,
      occurredAt: input.occurredAt ?? today(),
      recordedBy: stamp.actor,
      recordedAt: stamp.at,
      assessmentId: opened?.id ?? null,
    };
    await r.workflow.insertEvent(event);
    const { systemId: _system, recordedBy: _by, recordedAt: _at, id: eventId, assessmentId, ...recorded } = event;
    await r.ledger.append({
      ...stamp,
      action: ['modelVersion', 'dataSource', 'integration'].includes(input.kind) ? 'system.changeRecorded' : 'incident.reported',
      entity: row.id,
      // The model version, its training-data provenance and data-set digest, and the change
      // notice or PCCP reference become part of the tamper-evident ledger.
      payload: { event: eventId, ...recorded, assessment: assessmentId, carried: opened?.carried ?? 0 },
    });
    return {
      event,
      lifecycleStage: (await findSystem(r, row.id)).stage,
      assessmentId: opened?.id ?? null,
    };
  };

  /** The revision of a system's lifecycle, an assessment's review or a risk's treatment (by the id's prefix). */
  const workflowRevisionOf = async (r: Repositories, entityId: string): Promise<Revised> => {
    const prefix = entityId.slice(0, 3);
    if (prefix === 'SYS') return (await findSystem(r, entityId)).workflow;
    if (prefix === 'ASM') {
      const row = await r.assessments.find(entityId);
      if (!row) throw new DomainError('NOT_FOUND', `No assessment with id ${entityId}.`, { id: entityId });
      return { revision: row.workflow_revision, revisedBy: row.workflow_revised_by, revisedAt: row.workflow_revised_at };
    }
    const risk = await r.risks.find(entityId);
    if (!risk) throw new DomainError('NOT_FOUND', `No risk with id ${entityId}.`, { id: entityId });
    return risk.workflow;
  };

  const signOffEvents = new Set(['review.approve', 'review.approveWithConditions', 'review.return', 'review.reject']);
  /** The event's acting rule admits this role (events that are not workflow.send's, e.g. risk.plan, stay). */
  const mayTake = (event: string, by: ActingAs) => {
    const rule = (workflowEventActing as Record<string, (typeof workflowEventActing)[WorkflowEventName] | undefined>)[event];
    return rule === undefined || roleMayAct(rule, by.role);
  };

  return {
    send: (ctx, input) =>
      tx(ctx, async (stamp, r): Promise<WorkflowState> => {
        const person = personOf(ctx);
        const prefix = input.entityId.slice(0, 3);
        if (input.expectedRevision !== undefined) {
          checkRevision(
            { what: `the workflow state of ${input.entityId}`, reload: 'Reload to see where it stands now; nothing was changed.' },
            input.expectedRevision,
            await workflowRevisionOf(r, input.entityId),
          );
        }
        if (prefix === 'ASM') return sendReview(stamp, r, input.entityId, input, person);
        if (prefix === 'SYS') return sendSystem(stamp, r, input.entityId, input, person);
        if (!['risk.start', 'risk.verify', 'risk.close', 'risk.rejectAcceptance'].includes(input.event)) {
          const risk = await risks.get(input.entityId);
          refuse(input.entityId, risk.status, input.event, risk.allowedEvents, 'use risks treat / risks accept, or a risk event');
        }
        const risk = await risks.send(stamp, input.entityId, input.event as 'risk.start', person);
        await tryAdvance(stamp, r, risk.systemId);
        const fresh = await risks.get(risk.id);
        return { entityId: risk.id, kind: 'risk', state: fresh.status, allowedEvents: fresh.allowedEvents, revision: fresh.revision };
      }),

    allowed: (entityId, by) =>
      store.read(async (r): Promise<WorkflowState> => {
        const prefix = entityId.slice(0, 3);
        if (prefix === 'ASM') {
          const facts = await assessments.workflowFacts(entityId, clock.now().toISOString());
          let events = allowedReviewEvents(facts.review);
          if (by) {
            const separation = (await deps.separation()).enabled;
            const signed = separation && hasSigned(facts.review.context.signOffs, by.name);
            const answered = separation && answeredBy(facts.answers, by.name);
            events = events.filter((e) => {
              if (!mayTake(e, by)) return false;
              if (signOffEvents.has(e) && signed) return false;
              if ((e === 'review.approve' || e === 'review.approveWithConditions') && answered) return false;
              return true;
            });
          }
          return { entityId, kind: 'assessment', state: stateOf(facts.review), allowedEvents: events, revision: facts.row.workflow_revision };
        }
        if (prefix === 'SYS') {
          const state = await lifecycleStateOf(r, entityId);
          return by ? { ...state, allowedEvents: state.allowedEvents.filter((e) => mayTake(e, by)) } : state;
        }
        const risk = await risks.get(entityId);
        return { entityId, kind: 'risk', state: risk.status, allowedEvents: by ? risk.allowedEvents.filter((e) => mayTake(e, by)) : risk.allowedEvents, revision: risk.revision };
      }),

    lifecycleState: (systemId) => store.read((r) => lifecycleStateOf(r, systemId)),
    gate: (systemId) => store.read((r) => gateOf(r, systemId)),
    withGate: (ctx, change) =>
      tx(ctx, async (stamp, r) => {
        // The change (risks.treat / risks.accept) runs its own tx, which joins this one.
        const result = await change();
        await tryAdvance(stamp, r, result.systemId);
        return result;
      }),

    trigger: (ctx, input) => tx(ctx, (stamp, r) => recordEvent(stamp, r, input)),

    recordEvent,
    refreshLiveProfile,

    // One audited transaction: every expiry and every system it makes due commit together.
    sweep: (ctx) =>
      tx(ctx, async (stamp, r) => {
        for (const systemId of await risks.expireAcceptances(stamp)) await makeDue(stamp, r, systemId, acceptanceExpiredReason);
        for (const id of await r.systems.dueBefore(today())) await makeDue(stamp, r, id, datePassedReason);
      }),
  };
}

export type LifecycleSnapshot = SnapshotFrom<typeof lifecycleMachine>;
