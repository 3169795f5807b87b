import { createHash } from 'node:crypto';
import type { FieldIssue, ReadinessSummary, TrainingFields, TrainingImportResult, TrainingList, TrainingRecord } from '../../contract/index.ts';
import { trainingRecordProblems } from '../../contract/index.ts';
import type { CommandRunner, CommandStamp } from '../command-runner.ts';
import type { CallContext, Clock, IdSource } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import type { Repositories, StoragePort } from '../store/storage-port.ts';
import { findSystem } from '../systems/systems-service.ts';
import { readSystemReadiness } from './readiness-observations.ts';
import { readinessOf, roleKey } from './readiness.ts';
import { readSettings } from '../settings/settings-service.ts';
import { readTrainingFile } from './read-training-file.ts';
import type { TrainingRecordWrite } from './training-repository.ts';

export interface TrainingService {
  record(ctx: CallContext, systemId: string, fields: TrainingFields): Promise<TrainingRecord>;
  import(ctx: CallContext, input: { systemId: string; fileName: string; text: string }): Promise<TrainingImportResult>;
  list(systemId: string): Promise<TrainingList>;
  /**
   * Runs a settings change and, when it moves the training target, re-scores the live profile of
   * every system with training records in the same transaction (their readiness is judged anew).
   */
  withTargetChange<T>(ctx: CallContext, target: number | undefined, change: () => Promise<T>): Promise<T>;
  /** A system's readiness today (joins the caller's read: the register reads it). */
  readiness(systemId: string): Promise<ReadinessSummary>;
  /** The same for many systems at once (the register), in one read. */
  readinessOfSystems(systemIds: readonly string[]): Promise<Map<string, ReadinessSummary>>;
}

export interface TrainingDeps {
  store: StoragePort;
  run: CommandRunner;
  ids: IdSource;
  clock: Clock;
  /** The live profile after training changed (WorkflowService.refreshLiveProfile), inside the command's transaction. */
  refreshLiveProfile: (stamp: CommandStamp, r: Repositories, systemId: string) => Promise<void>;
}

/** At most this many problems are listed; the message counts them all. */
export const listedIssues = 20;

/** DATA_FILE_INVALID naming up to 20 problems by row and column, and how many in all. */
function fileRefusal(fileName: string, issues: readonly FieldIssue[]): DomainError {
  const shown = issues.slice(0, listedIssues);
  const more = issues.length - shown.length;
  const first = shown
    .slice(0, 3)
    .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
    .join('; ');
  return new DomainError(
    'DATA_FILE_INVALID',
    `${fileName} was not imported: ${issues.length === 1 ? 'one problem' : `${issues.length} problems`} (${first}${issues.length > 3 ? '; …' : ''}). Nothing was written.`,
    { issues: shown, total: issues.length, ...(more > 0 ? { notListed: more } : {}) },
  );
}

const sameRecord = (a: TrainingFields, b: TrainingRecord): boolean =>
  a.trained === b.trained && a.using === b.using && a.materialVersion === b.materialVersion && a.refresherDue === b.refresherDue && a.role === b.role && a.note === b.note;

/**
 * Clinician readiness (docs/readiness.md): training records by role group, entered or imported,
 * each command one transaction with its ledger event naming the person, after which the system's
 * live profile is re-scored in the same transaction (readiness raises T-CLINICIAN-READINESS).
 */
export function createTrainingService(deps: TrainingDeps): TrainingService {
  const { store, run, ids, clock } = deps;
  const today = () => clock.now().toISOString().slice(0, 10);

  /** The system, not archived: training is recorded for systems in use. */
  const liveSystem = async (r: Repositories, systemId: string) => {
    const system = await findSystem(r.systems, systemId);
    if (system.archived) throw new DomainError('CONFLICT', `${system.name} (${system.id}) is archived; training is recorded for systems in the inventory.`);
    return system;
  };

  const write = (fields: TrainingFields, systemId: string, stamp: CommandStamp, importId: string | null): TrainingRecordWrite => ({
    id: ids.next('TRN'),
    systemId,
    ...fields,
    roleKey: roleKey(fields.role),
    importId,
    recordedAt: stamp.at,
    recordedBy: stamp.actor,
  });

  return {
    record: (ctx, systemId, fields) =>
      run(ctx, 'training.recorded', async (stamp, r) => {
        await liveSystem(r, systemId);
        const problems = trainingRecordProblems(fields, stamp.at.slice(0, 10));
        if (problems.length > 0) {
          throw new DomainError('VALIDATION_FAILED', `The training record was not saved: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}.`, {
            issues: problems.map((p) => ({ path: p.field, message: p.message })),
          });
        }
        const held = await r.training.find(systemId, roleKey(fields.role), fields.date);
        if (held) {
          throw new DomainError('CONFLICT', `${held.role} on ${held.date} is already recorded (${held.id}: ${held.trained} of ${held.using} trained); record a later training date for a new figure.`, {
            issues: [{ path: 'date', message: `already recorded as ${held.id}` }],
            existingId: held.id,
          });
        }
        const record = write(fields, systemId, stamp, null);
        await r.training.insert([record]);
        await deps.refreshLiveProfile(stamp, r, systemId);
        const { roleKey: _key, ...result } = record;
        return {
          entity: systemId,
          payload: { id: record.id, role: record.role, trained: record.trained, using: record.using, date: record.date, materialVersion: record.materialVersion, refresherDue: record.refresherDue },
          result,
        };
      }),

    import: (ctx, { systemId, fileName, text }) =>
      run(ctx, 'training.imported', async (stamp, r) => {
        await liveSystem(r, systemId);
        const file = readTrainingFile(text, stamp.at.slice(0, 10));
        if (!file.ok) throw fileRefusal(fileName, file.issues);
        // A row already held for its group and date: the same figures again are kept once; other figures are refused.
        const issues: FieldIssue[] = [];
        const fresh: typeof file.rows = [];
        for (const row of file.rows) {
          const held = await r.training.find(systemId, roleKey(row.fields.role), row.fields.date);
          if (!held) fresh.push(row);
          else if (!sameRecord(row.fields, held)) {
            issues.push({
              path: `row ${row.row}, column date`,
              message: `${held.role} on ${held.date} is already recorded as ${held.trained} of ${held.using} trained on version ${held.materialVersion} (${held.id}${held.importId ? `, from ${held.importId}` : ''})`,
            });
          }
        }
        if (issues.length > 0) throw fileRefusal(fileName, issues);
        const sha256 = createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
        const importId = ids.next('TIM');
        await r.training.insertImport({ id: importId, systemId, fileName, sha256, text, rows: fresh.length, at: stamp.at, by: stamp.actor });
        await r.training.insert(fresh.map((row) => write(row.fields, systemId, stamp, importId)));
        await deps.refreshLiveProfile(stamp, r, systemId);
        const readiness = await readSystemReadiness(r, systemId, stamp.at.slice(0, 10));
        return {
          entity: systemId,
          payload: { importId, fileName, sha256, format: file.format, rows: fresh.length, alreadyRecorded: file.rows.length - fresh.length, groupsInShortfall: readiness.groupsInShortfall },
          result: { importId, fileName, sha256, rows: fresh.length, alreadyRecorded: file.rows.length - fresh.length, readiness },
        };
      }),

    list: (systemId) =>
      store.read(async (r) => {
        await findSystem(r.systems, systemId);
        return { systemId, records: await r.training.forSystem(systemId), readiness: await readSystemReadiness(r, systemId, today()) };
      }),

    withTargetChange: (ctx, target, change) =>
      store.write(async (r) => {
        const result = await change();
        if (target === undefined) return result;
        const stamp = { at: clock.now().toISOString(), actor: ctx.actor };
        for (const systemId of await r.training.systemsWithRecords()) {
          const system = await findSystem(r.systems, systemId);
          if (!system.archived) await deps.refreshLiveProfile(stamp, r, systemId);
        }
        return result;
      }),

    readiness: (systemId) => store.read((r) => readSystemReadiness(r, systemId, today())),
    readinessOfSystems: (systemIds) =>
      store.read(async (r) => {
        // The target once, and records only for the systems that have any: a register of
        // hundreds of systems, most without training records, asks twice per system otherwise.
        const target = (await readSettings(r.settings)).readinessTarget;
        const withRecords = new Set(await r.training.systemsWithRecords());
        const on = today();
        const out = new Map<string, ReadinessSummary>();
        for (const id of systemIds) out.set(id, readinessOf(id, withRecords.has(id) ? await r.training.forSystem(id) : [], target, on));
        return out;
      }),
  };
}
