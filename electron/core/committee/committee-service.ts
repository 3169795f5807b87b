import { z } from 'zod';
import type { AiSystem, AssessmentDetail, CommitteeSummary, RiskMatrix } from '../../contract/index.ts';
import type { AssessmentsService } from '../assessments/assessments-service.ts';
import type { Clock } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import type { RisksService } from '../risks/risks-service.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import { decodeJson } from '../store/decode-json.ts';
import type { Repositories, StoragePort } from '../store/storage-port.ts';
import type { SystemsService } from '../systems/systems-service.ts';
import { decisionsFor, sortDecisions } from './decisions.ts';
import type { AssessmentFacts, LedgerFact, PolicyFacts, SystemFacts } from './facts.ts';
import { systemDecision } from './system-decision.ts';
import { bandWords } from './words.ts';

export interface CommitteeService {
  /**
   * The decision summary of these systems (none: every system that is not archived).
   * `eachDetail` is handed every assessment detail the summary reads, as it reads it, so a
   * caller that needs them too (the register) neither evaluates them again nor holds them all.
   */
  summary(systemIds: readonly string[], options?: { eachDetail?: (detail: AssessmentDetail) => void }): Promise<CommitteeSummary>;
}

export interface CommitteeDeps {
  store: StoragePort;
  clock: Clock;
  systems: SystemsService;
  assessments: AssessmentsService;
  risks: RisksService;
  settings: SettingsService;
  matrix: () => RiskMatrix;
}

/** The ledger action an exported register is recorded under. */
export const registerExportAction = 'export.register';

const Payload = z.record(z.string(), z.unknown());
/** What the register export records about its scope (exports before v2 did not say). */
const RegisterScope = z.object({ systems: z.array(z.string()).optional(), selection: z.unknown().optional() });

const decode = (row: { seq: number; payload: string }) => decodeJson(Payload, row.payload, `audit_events.payload of #${row.seq}`);

/**
 * Every register exported so far, oldest first, with the systems it covered (empty when it did
 * not say). An export of selected risks is numbered like any register but covers no system whole,
 * so a system's "changes since the last register" never starts from one.
 */
export async function registersSoFar(r: Repositories): Promise<{ at: string; by: string; version: number; systems: string[] }[]> {
  const rows = (await r.ledger.about(['register'])).filter((e) => e.action === registerExportAction);
  return rows.map((e, i) => {
    const scope = RegisterScope.safeParse(decode(e)).data;
    return { at: e.at, by: e.actor, version: i + 1, systems: scope?.selection === undefined ? (scope?.systems ?? []) : [] };
  });
}

export function createCommitteeService(deps: CommitteeDeps): CommitteeService {
  const { store } = deps;

  /** Everything one system's decision rests on, read inside the caller's read. */
  const factsOf = async (
    r: Repositories,
    system: AiSystem,
    registers: Awaited<ReturnType<typeof registersSoFar>>,
    eachDetail: (detail: AssessmentDetail) => void,
  ): Promise<SystemFacts> => {
    const assessments: AssessmentFacts[] = [];
    // One assessment at a time: only the facts are kept, not the (large) detail.
    for (const row of await r.assessments.list(system.id)) {
      const d = await deps.assessments.get(row.id);
      eachDetail(d);
      const rank = (band: string) => deps.matrix().bands.findIndex((b) => b.id === band);
      const inherent = d.profile.threats.map((t) => t.inherent.band).sort((a, b) => rank(b) - rank(a))[0] ?? null;
      assessments.push({
        id: d.id,
        systemId: d.systemId,
        stage: d.stage,
        title: d.title,
        status: d.status,
        createdAt: d.createdAt,
        overall: d.overall,
        review: d.review,
        progress: d.progress,
        highestInherent: inherent,
      });
    }
    const risks = await deps.risks.list({ systemId: system.id });
    const events = await r.workflow.eventsOf(system.id);
    const entries = await r.ledger.about([system.id, ...assessments.map((a) => a.id), ...risks.map((x) => x.id)]);
    const ledger: LedgerFact[] = entries.map((e) => ({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, entity: e.entity, payload: decode(e) }));
    return {
      system,
      assessments,
      risks,
      events,
      ledger,
      registers: registers.filter((x) => x.systems.includes(system.id)).map((x) => ({ at: x.at, version: x.version })),
    };
  };

  return {
    summary: (systemIds, options = {}) =>
      store.read(async (r) => {
        const systems: AiSystem[] = [];
        if (systemIds.length === 0) systems.push(...(await deps.systems.list({ includeArchived: false, search: '' })));
        for (const id of systemIds) systems.push(await deps.systems.get(id));
        if (systems.length === 0) throw new DomainError('NOT_FOUND', 'There are no systems in the inventory to summarise.');
        const matrix = deps.matrix();
        const now = deps.clock.now().toISOString();
        const policy: PolicyFacts = { today: now.slice(0, 10), appetite: matrix.appetite, bands: matrix.bands.map((b) => ({ id: b.id, label: b.label })) };
        const registers = await registersSoFar(r);
        const settings = await deps.settings.get();
        const decisions = [];
        const pages = [];
        for (const system of systems) {
          const facts = await factsOf(r, system, registers, options.eachDetail ?? (() => {}));
          pages.push(systemDecision(facts, policy));
          decisions.push(...decisionsFor(facts, policy));
        }
        const names = new Map(systems.map((s) => [s.id, s.name]));
        return {
          generatedAt: now,
          organisation: settings.organisation,
          appetite: { band: matrix.appetite, label: bandWords(policy, matrix.appetite) },
          bands: [...policy.bands],
          systems: pages,
          decisions: sortDecisions(decisions, (id) => names.get(id) ?? id),
        };
      }),
  };
}
