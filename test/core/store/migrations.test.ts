// Every earlier schema version, with data: a database built at schema v the way that version's
// code wrote it, opened by today's code (createCore migrates it), read through the dispatcher.
// One test per migration path (v → latest), like Signal Desktop's migration tests.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contract as methods, type MethodInput, type MethodName, type MethodOutput } from '../../../electron/contract/index.ts';
import { createCore, type Core } from '../../../electron/core/create-core.ts';
import { latestSchemaVersion, migrations } from '../../../electron/core/store/migrations/index.ts';
import { buildLegacyDatabase } from '../../support/legacy-databases.ts';
import { actor, fixedClock, sequentialIds, tempDir, templatesDir, onPostgres } from '../../support/core-fixture.ts';
import { query } from '../../support/governance-fixture.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A typed call whose result is also checked against the method's output schema. */
const caller = (core: Core) =>
  async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const result = await core.dispatch(method, input, actor);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
    return methods[method].output.parse(result.value) as MethodOutput<M>;
  };

/** Every released version before the latest (versions are numbers, not positions in the list). */
const versions = migrations.slice(0, -1).map((m) => m.version);

describe.skipIf(onPostgres)('a database written by an earlier schema, with data, opens and reads correctly (the SQLite file itself: skipped on PostgreSQL)', () => {
  it.each(versions)(`schema %i → ${latestSchemaVersion}`, async (version) => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const dbPath = join(dir, 'vigil.db');
    const written = buildLegacyDatabase(dbPath, version);

    // Opened before any date written in it is due: the start-up sweep has nothing to do.
    const core = createCore({ dbPath, clock: fixedClock('2025-12-01T09:00:00.000Z'), ids: sequentialIds(), templatesDir });
    cleanups.unshift(() => core.close());
    const call = caller(core);

    const info = await call('app.info', {});
    expect(info).toMatchObject({ schemaVersion: latestSchemaVersion, readOnly: false, problem: null, auditEvents: written.auditEvents });
    expect((await query<{ v: number }>(dbPath, 'SELECT user_version AS v FROM pragma_user_version'))[0]!.v).toBe(latestSchemaVersion);
    // The pre-migration copy of the user's file was kept.
    expect((await call('backup.list', {})).map((b) => b.kind)).toContain('preMigration');

    // Systems: every one, archived ones hidden by default, fields as written.
    const all = await call('systems.list', { includeArchived: true });
    expect(all.map((s) => s.id).sort()).toEqual(written.systems.map((s) => s.id).sort());
    expect((await call('systems.list', {})).map((s) => s.id).sort()).toEqual(written.systems.filter((s) => !s.archived).map((s) => s.id).sort());
    for (const s of written.systems) {
      const got = await call('systems.get', { id: s.id });
      expect(got).toMatchObject({
        name: s.name,
        vendor: s.vendor,
        autonomyLevel: s.autonomyLevel,
        modelType: s.modelType,
        dataCategories: s.dataCategories,
        deploymentType: s.deploymentType,
        integrationPoints: s.integrationPoints,
        archived: s.archived,
        worstCredibleHarm: null,
        timeCritical: null,
      });
      expect(got.lifecycleStage).toBe('procurement');
      await call('systems.history', { id: s.id });
      await call('workflow.allowed', { entityId: s.id });
    }

    // Assessments: answers, evidence byte for byte, scores exactly as model 1 gave them.
    expect((await call('assessments.list', {})).map((a) => a.id).sort()).toEqual(written.assessments.map((a) => a.id).sort());
    for (const a of written.assessments) {
      const detail = await call('assessments.get', { id: a.id });
      expect(detail).toMatchObject({ systemId: a.systemId, status: a.status, scoringModel: 1 });
      expect(detail.answers.map((x) => x.questionId).sort()).toEqual([...a.answers.keys()].sort());
      for (const x of detail.answers) {
        const w = a.answers.get(x.questionId)!;
        expect(x, x.questionId).toMatchObject({ value: w.value, unknown: w.unknown, flagged: w.flagged, source: w.source, toReconfirm: false, notApplicable: false, review: null });
      }
      expect(detail.evidence.map((e) => [e.id, e.questionId, e.verifiedAt])).toEqual(a.evidence.map((e) => [e.id, e.questionId, null]));
      for (const e of a.evidence) expect(Buffer.from((await call('evidence.get', { id: e.id })).dataBase64, 'base64')).toEqual(e.bytes);
      const profile = await call('assessments.score', { id: a.id });
      expect(profile.model).toBe(1);
      expect(profile.threats.map((t) => [t.id, t.inherent, t.residual])).toEqual(a.expected.threats.map((t) => [t.id, t.inherent, t.residual]));
      expect(profile.overall).toEqual(a.expected.overall);
      await call('workflow.allowed', { entityId: a.id });
    }

    // Governance (schema 3 on): people, settings, risks with their treatments, system events.
    const people = await call('people.list', {});
    expect(people.map((p) => [p.name, p.roles, p.active]).sort()).toEqual(written.people.map((p) => [p.name, p.roles, p.active]).sort());
    const settings = await call('settings.get', {});
    expect(settings.organisation).toBe(written.organisation ?? 'Your organisation');
    expect(settings.signOffsRequired).toBe(2);
    const risks = await call('risks.list', {});
    expect(risks.map((r) => [r.id, r.assessmentId, r.threatId, r.band, r.status, r.owner]).sort()).toEqual(
      written.risks.map((r) => [r.id, r.assessmentId, r.threatId, r.band, r.status, r.owner]).sort(),
    );
    for (const r of written.risks) {
      const risk = await call('risks.get', { id: r.id });
      if (r.status === 'planned') expect(risk.treatment).toMatchObject({ kind: 'mitigate', owner: 'Owner Olu' });
      else expect(risk.treatment).toBeNull();
    }
    for (const e of written.systemEvents) {
      const history = await call('systems.history', { id: e.systemId });
      expect(history.events).toEqual([expect.objectContaining({ id: e.id, kind: e.kind, modelVersion: e.modelVersion, datasetDigest: e.datasetDigest })]);
    }
    if (written.people.length > 0) {
      const queue = await call('reviews.queue', { name: 'Chair Carol' });
      expect(queue.assessments.map((a) => a.id)).toEqual(written.assessments.filter((a) => a.status === 'submitted').map((a) => a.id));
    }

    // The vendor exchange (schema 5 on).
    const requests = await call('vendor.requests', {});
    expect(requests.map((r) => [r.id, r.assessmentId, r.status, r.vendorName, r.questionCount])).toEqual(
      written.vendorRequests.map((r) => [r.id, r.assessmentId, 'imported', r.vendorName, r.questionIds.length]),
    );

    // The ledger written by the old code still verifies, and nothing was added by opening it.
    const verified = await call('audit.verify', {});
    expect(verified).toMatchObject({ ok: true, length: written.auditEvents });

    // And the migrated database takes new work: answer the open assessment (or start one on a
    // schema 1 inventory), then move a model 1 assessment to model 2.
    const open = written.assessments.find((a) => a.status === 'inProgress');
    if (open) {
      const detail = await call('assessments.get', { id: open.id });
      const unanswered = detail.visibleQuestions.find((q) => !open.answers.has(q))!;
      await call('assessments.answer', { id: open.id, answers: [{ questionId: unanswered, unknown: true }] });
      const upgraded = await call('assessments.upgradeScoring', { id: open.id });
      expect(upgraded).toMatchObject({ from: 1, to: 2, carried: open.answers.size + 1, notCarried: [] });
    } else {
      const started = await call('assessments.start', { systemId: written.systems[0]!.id, stage: 'procurement' });
      expect(started.scoringModel).toBe(2);
      await call('assessments.answer', { id: started.id, answers: [{ questionId: started.visibleQuestions[0]!, unknown: true }] });
    }
    expect(await call('audit.verify', {})).toMatchObject({ ok: true, length: written.auditEvents + 2 });
  });
});
