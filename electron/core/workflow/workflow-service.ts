import type { Database } from 'better-sqlite3';
import { transition, type SnapshotFrom } from 'xstate';
import { roleMayAct, workflowEventActing, type ActingAs, type RiskMatrix, type SystemEvent, type TriggerResult, type WorkflowEventName, type WorkflowState } from '../../contract/index.ts';
import type { AssessmentsService } from '../assessments/assessments-service.ts';
import { appendAuditEvent } from '../audit/ledger.ts';
import type { CommandStamp, TransactionRunner } from '../command-runner.ts';
import { personOf, type ActingPerson, type CallContext, type Clock, type IdSource } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import type { RisksService } from '../risks/risks-service.ts';
import { lifecycleMachine, type GateFacts, type LifecycleEvent } from './lifecycle-machine.ts';
import { persist, restore, stateOf } from './persisted.ts';
import { allowedReviewEvents } from './review-events.ts';
import { reviewMachine, type ReviewEvent, type SignOffDecision } from './review-machine.ts';
import { isApproved, isEditable } from '../rules/statuses.ts';
import { hasSigned } from '../rules/signers.ts';
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

export interface WorkflowService {
  /** The person acting comes from ctx (the dispatcher checked them against the event's acting rule). */
  send(ctx: CallContext, input: { entityId: string; event: WorkflowEventName; comment: string; conditions: { text: string; owner: string; due: string }[] }): Promise<WorkflowState>;
  /** With `by`, only what that person may do now (the events' acting rules and separation of duties). */
  allowed(entityId: string, by?: ActingAs | undefined): Promise<WorkflowState>;
  lifecycleState(systemId: string): Promise<WorkflowState>;
  gate(systemId: string): Promise<GateFacts & { stage: Stage | null; assessmentId: string | null }>;
  /** Runs a risk change and, in the same transaction, opens the gate it may have been blocking. */
  withGate<T extends { systemId: string }>(ctx: CallContext, change: () => Promise<T>): Promise<T>;
  trigger(
    ctx: CallContext,
    input: {
      systemId: string;
      kind: string;
      description: string;
      modelVersion: string;
      provenance: string;
      datasetDigest?: string | undefined;
      changeNotice: string;
      occurredAt?: string | undefined;
    },
  ): Promise<TriggerResult>;
  /** Expired acceptances and passed re-assessment dates make systems due; run when the database opens and on the hosts' timer. */
  sweep(ctx: CallContext): Promise<void>;
}

export function createWorkflowService(deps: {
  db: Database;
  tx: TransactionRunner;
  clock: Clock;
  ids: IdSource;
  assessments: AssessmentsService;
  risks: RisksService;
  matrix: () => RiskMatrix;
  separation: () => Separation;
}): WorkflowService {
  const { db, tx, clock, ids, assessments, risks } = deps;
  const systemRow = db.prepare('SELECT id, name, lifecycle_stage, lifecycle_snapshot, reassessment_due, archived_at FROM systems WHERE id = ?');
  const saveLifecycle = db.prepare('UPDATE systems SET lifecycle_stage = ?, lifecycle_snapshot = ?, updated_at = ? WHERE id = ?');
  const setDue = db.prepare('UPDATE systems SET reassessment_due = ? WHERE id = ?');
  const dueSystems = db.prepare("SELECT id FROM systems WHERE archived_at IS NULL AND reassessment_due IS NOT NULL AND reassessment_due < ? AND lifecycle_stage = 'inUse'");
  const insertEvent = db.prepare(
    `INSERT INTO system_events (id, system_id, kind, description, model_version, provenance, dataset_digest, change_notice, occurred_at, recorded_by, recorded_at, assessment_id)
     VALUES (@id, @systemId, @kind, @description, @modelVersion, @provenance, @datasetDigest, @changeNotice, @occurredAt, @recordedBy, @recordedAt, @assessmentId)`,
  );
  const setModelVersion = db.prepare('UPDATE systems SET model_version = ? WHERE id = ?');

  const today = () => clock.now().toISOString().slice(0, 10);

  interface SystemRow {
    id: string;
    name: string;
    lifecycle_stage: string;
    lifecycle_snapshot: string | null;
    reassessment_due: string | null;
    archived_at: string | null;
  }
  const findSystem = (id: string): SystemRow => {
    const row = systemRow.get(id) as SystemRow | undefined;
    if (!row) throw new DomainError('NOT_FOUND', `No AI system with id ${id}.`, { id });
    return row;
  };
  const lifecycleOf = (row: SystemRow) => {
    if (row.lifecycle_snapshot) return restore(lifecycleMachine, row.lifecycle_snapshot);
    // Systems registered before workflows existed start at their recorded stage.
    return lifecycleMachine.resolveState({ value: row.lifecycle_stage, context: {} });
  };

  const gate = (systemId: string) => {
    const row = findSystem(systemId);
    const stage = gateStage[row.lifecycle_stage] ?? null;
    if (!stage) return { stage, assessmentId: null, stageApproved: false, blockingRisks: [] };
    const latest = assessments.latestOfSystem(systemId, stage);
    return {
      stage,
      assessmentId: latest?.id ?? null,
      stageApproved: latest !== undefined && isApproved(latest.status),
      blockingRisks: latest ? risks.blocking(latest.id).map((r) => r.id) : [],
    };
  };

  const lifecycleStep = (stamp: CommandStamp, systemId: string, event: LifecycleEvent, detail: Record<string, unknown> = {}) => {
    const row = findSystem(systemId);
    const before = lifecycleOf(row);
    if (!before.can(event)) return false;
    const [after] = transition(lifecycleMachine, before, event);
    saveLifecycle.run(stateOf(after), persist(lifecycleMachine, after), stamp.at, systemId);
    appendAuditEvent(db, { ...stamp, action: event.type, entity: systemId, payload: { from: stateOf(before), to: stateOf(after), ...detail } });
    return true;
  };

  /** Try the gate of a system; returns whether it moved. */
  const tryAdvance = (stamp: CommandStamp, systemId: string) => {
    const row = findSystem(systemId);
    const facts = gate(systemId);
    const event: LifecycleEvent =
      row.lifecycle_stage === 'reassessmentDue'
        ? { type: 'lifecycle.reassessed', gate: facts }
        : { type: 'lifecycle.advance', gate: facts };
    return lifecycleStep(stamp, systemId, event, { assessment: facts.assessmentId });
  };

  const lifecycleAllowed = (row: SystemRow): string[] => {
    const snapshot = lifecycleOf(row);
    const facts = gate(row.id);
    return (['lifecycle.advance', 'lifecycle.reassessed', 'lifecycle.retire'] as const)
      .filter((type) => snapshot.can(type === 'lifecycle.retire' ? { type } : { type, gate: facts }))
      .map((type) => (type === 'lifecycle.reassessed' ? 'lifecycle.advance' : type));
  };

  const lifecycleState = (systemId: string): WorkflowState => {
    const row = findSystem(systemId);
    return { entityId: systemId, kind: 'system', state: row.lifecycle_stage, allowedEvents: lifecycleAllowed(row) };
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

  const sendReview = (stamp: CommandStamp, id: string, input: Parameters<WorkflowService['send']>[1], person: ActingPerson | null): WorkflowState => {
    const facts = assessments.workflowFacts(id, stamp.at);
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
        const separation = deps.separation();
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
      assessments.storeProfile(facts.profile);
      detail.overall = facts.profile.overall;
    }
    if (isApproved(to) || to === 'rejected') extra.decidedAt = stamp.at;
    if ('signOff' in event) detail.signOff = event.signOff;
    if ('by' in event) detail.by = event.by;
    assessments.saveReview(id, after, stamp.at, extra);
    appendAuditEvent(db, { ...stamp, action: input.event, entity: id, payload: detail });

    if (to === 'submitted') {
      risks.openForSubmission(stamp, { id, systemId: facts.row.system_id }, facts.profile, deps.matrix());
    }
    if (isApproved(to)) {
      const interval = deps.matrix().bands.find((b) => b.id === facts.profile.overall.band)?.reassessMonths ?? 12;
      setDue.run(addMonths(stamp.at, interval), facts.row.system_id);
      tryAdvance(stamp, facts.row.system_id);
    }
    const latest = assessments.workflowFacts(id, stamp.at).review;
    return { entityId: id, kind: 'assessment', state: stateOf(latest), allowedEvents: allowedReviewEvents(latest) };
  };

  const sendSystem = (stamp: CommandStamp, id: string, input: Parameters<WorkflowService['send']>[1], person: ActingPerson | null): WorkflowState => {
    const row = findSystem(id);
    const allowed = lifecycleAllowed(row);
    if (input.event === 'lifecycle.retire') {
      const by = named(input.event, person);
      if (!lifecycleStep(stamp, id, { type: 'lifecycle.retire' }, { by, comment: input.comment })) refuse(id, row.lifecycle_stage, input.event, allowed);
    } else if (input.event === 'lifecycle.advance') {
      const facts = gate(id);
      if (facts.stage === null) refuse(id, row.lifecycle_stage, input.event, allowed);
      if (!facts.stageApproved) {
        refuse(id, row.lifecycle_stage, input.event, allowed, `the ${facts.stage} assessment${facts.assessmentId ? ` (${facts.assessmentId})` : ''} is not approved`);
      }
      if (facts.blockingRisks.length > 0) {
        throw new DomainError(
          'TRANSITION_REFUSED',
          `${id} is ${row.lifecycle_stage}; lifecycle.advance is not allowed — risks above appetite need a treatment or a valid acceptance: ${facts.blockingRisks.join(', ')}. Allowed now: ${allowed.join(', ') || 'nothing'}.`,
          { state: row.lifecycle_stage, event: input.event, allowed, blockingRisks: facts.blockingRisks },
        );
      }
      if (!tryAdvance(stamp, id)) refuse(id, row.lifecycle_stage, input.event, allowed);
    } else {
      refuse(id, row.lifecycle_stage, input.event, allowed, 'it is not a system lifecycle event');
    }
    return lifecycleState(id);
  };

  /** The assessment that answers a trigger: the stage's open one, or a new draft carried from the last. */
  const openDraftFor = (stamp: CommandStamp, systemId: string) => {
    const row = findSystem(systemId);
    const stage: Stage = gateStage[row.lifecycle_stage] ?? 'use';
    const open = assessments.latestOfSystem(systemId, stage);
    if (open && isEditable(open.status)) return { id: open.id, carriedFrom: null, carried: 0 };
    return assessments.startCarried(stamp, systemId, stage);
  };

  const makeDue = (stamp: CommandStamp, systemId: string, reason: string) => {
    const row = findSystem(systemId);
    if (row.lifecycle_stage === 'retired') return null;
    lifecycleStep(stamp, systemId, { type: 'lifecycle.reassessmentDue', reason }, { reason });
    return openDraftFor(stamp, systemId);
  };

  const signOffEvents = new Set(['review.approve', 'review.approveWithConditions', 'review.return', 'review.reject']);
  /** The event's acting rule admits this role (events that are not workflow.send's, e.g. risk.plan, stay). */
  const mayTake = (event: string, by: ActingAs) => {
    const rule = (workflowEventActing as Record<string, (typeof workflowEventActing)[WorkflowEventName] | undefined>)[event];
    return rule === undefined || roleMayAct(rule, by.role);
  };

  return {
    send: (ctx, input) =>
      tx(ctx, (stamp) => {
        const person = personOf(ctx);
        const prefix = input.entityId.slice(0, 3);
        if (prefix === 'ASM') return sendReview(stamp, input.entityId, input, person);
        if (prefix === 'SYS') return sendSystem(stamp, input.entityId, input, person);
        if (!['risk.start', 'risk.verify', 'risk.close', 'risk.rejectAcceptance'].includes(input.event)) {
          const risk = risks.get(input.entityId);
          refuse(input.entityId, risk.status, input.event, risk.allowedEvents, 'use risks treat / risks accept, or a risk event');
        }
        const risk = risks.send(stamp, input.entityId, input.event as 'risk.start', person);
        tryAdvance(stamp, risk.systemId);
        const fresh = risks.get(risk.id);
        return { entityId: risk.id, kind: 'risk', state: fresh.status, allowedEvents: fresh.allowedEvents };
      }),

    allowed(entityId, by) {
      const prefix = entityId.slice(0, 3);
      if (prefix === 'ASM') {
        const facts = assessments.workflowFacts(entityId, clock.now().toISOString());
        let events = allowedReviewEvents(facts.review);
        if (by) {
          const separation = deps.separation().enabled;
          const signed = separation && hasSigned(facts.review.context.signOffs, by.name);
          const answered = separation && answeredBy(facts.answers, by.name);
          events = events.filter((e) => {
            if (!mayTake(e, by)) return false;
            if (signOffEvents.has(e) && signed) return false;
            if ((e === 'review.approve' || e === 'review.approveWithConditions') && answered) return false;
            return true;
          });
        }
        return { entityId, kind: 'assessment', state: stateOf(facts.review), allowedEvents: events };
      }
      if (prefix === 'SYS') {
        const state = lifecycleState(entityId);
        return by ? { ...state, allowedEvents: state.allowedEvents.filter((e) => mayTake(e, by)) } : state;
      }
      const risk = risks.get(entityId);
      return { entityId, kind: 'risk', state: risk.status, allowedEvents: by ? risk.allowedEvents.filter((e) => mayTake(e, by)) : risk.allowedEvents };
    },

    lifecycleState,
    gate,
    withGate: (ctx, change) =>
      tx(ctx, (stamp) => {
        const result = change();
        tryAdvance(stamp, result.systemId);
        return result;
      }),

    trigger: (ctx, input) =>
      tx(ctx, (stamp) => {
        const row = findSystem(input.systemId);
        if (row.archived_at) throw new DomainError('CONFLICT', `${row.id} is archived.`);
        if (row.lifecycle_stage === 'retired') throw new DomainError('CONFLICT', `${row.id} is retired; nothing to re-assess.`);
        if (input.kind === 'modelVersion' && input.modelVersion) setModelVersion.run(input.modelVersion, row.id);
        const opened = makeDue(stamp, row.id, `${input.kind}: ${input.description}`);
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
        insertEvent.run(event);
        const { systemId: _system, recordedBy: _by, recordedAt: _at, id: eventId, assessmentId, ...recorded } = event;
        appendAuditEvent(db, {
          ...stamp,
          action: ['modelVersion', 'dataSource', 'integration'].includes(input.kind) ? 'system.changeRecorded' : 'incident.reported',
          entity: row.id,
          // The model version, its training-data provenance and data-set digest, and the change
          // notice or PCCP reference become part of the tamper-evident ledger.
          payload: { event: eventId, ...recorded, assessment: assessmentId, carried: opened?.carried ?? 0 },
        });
        return {
          event,
          lifecycleStage: findSystem(row.id).lifecycle_stage,
          assessmentId: opened?.id ?? null,
        };
      }),

    sweep: (ctx) =>
      tx(ctx, (stamp) => {
        for (const systemId of risks.expireAcceptances(stamp)) makeDue(stamp, systemId, 'a risk acceptance expired');
        for (const { id } of dueSystems.all(today()) as { id: string }[]) makeDue(stamp, id, 'the re-assessment date has passed');
      }),
  };
}

export type LifecycleSnapshot = SnapshotFrom<typeof lifecycleMachine>;
