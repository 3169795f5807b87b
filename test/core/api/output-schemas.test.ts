// Every contract method called through the dispatcher with a valid input, on the demo portfolio
// (and a vendor workspace), and every result parsed with the method's declared output schema:
// the schema is the contract the renderer and the command line rely on.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, methodNames, type MethodName } from '../../../electron/contract/index.ts';
import { createCore } from '../../../electron/core/create-core.ts';
import { demoSetup, sampleContext, samples, type DemoSetup, type Sample } from '../../support/contract-samples.ts';
import { actor, fixedClock, onPostgres, sequentialIds, tempDir, templatesDir } from '../../support/core-fixture.ts';
import { buildLegacyDatabase } from '../../support/legacy-databases.ts';

/** Paths present in what the handler returned but gone after parsing (keys the schema does not declare). */
function strippedPaths(raw: unknown, parsed: unknown, path = '$'): string[] {
  if (Array.isArray(raw) && Array.isArray(parsed)) return raw.flatMap((item, i) => strippedPaths(item, parsed[i], `${path}[${i}]`));
  if (raw && typeof raw === 'object' && parsed && typeof parsed === 'object') {
    return Object.keys(raw).flatMap((key) =>
      key in parsed ? strippedPaths((raw as Record<string, unknown>)[key], (parsed as Record<string, unknown>)[key], `${path}.${key}`) : [`${path}.${key}`],
    );
  }
  return [];
}

let setup: DemoSetup;
const problems: string[] = [];
const checked = new Set<MethodName>();

/** Calls a method with its sample input and parses the result with its output schema (strict about what it declares). */
async function check(method: MethodName, sample: Sample<MethodName> = samples[method] as Sample<MethodName>): Promise<unknown> {
  const ws = sample.on === 'vendor' ? setup.vendor : setup.hospital;
  const result = await ws.raw(method, sample.input(setup.state), sampleContext(sample, setup.state));
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  const parsed = contract[method].output.safeParse(result.value);
  if (!parsed.success) throw new Error(`${method} returned what its output schema does not describe:\n${parsed.error.message}`);
  // Nothing undeclared either: object schemas strip unknown keys, so what the schema keeps must be all there was.
  const undeclared = strippedPaths(result.value, parsed.data);
  if (undeclared.length > 0) problems.push(`${method} returned fields its output schema does not declare: ${[...new Set(undeclared.map((p) => p.replace(/\[\d+\]/g, '[]')))].join(', ')}`);
  sample.after?.(result.value as never, setup.state);
  checked.add(method);
  return result.value;
}

/**
 * A team database is restored with `vigil team restore` into an empty database while no server
 * uses it: on PostgreSQL backup.restore refuses, in words (create-team-core.ts), and there is no
 * output to check. backup.create runs pg_dump there and is checked like any method.
 */
const fileOnly = new Set<MethodName>(['backup.restore']);
async function refusedOnTeamDatabase(method: MethodName): Promise<void> {
  // A team backup is a pg_dump file, not a name the restore takes; any file name will do: it is refused whatever it names.
  const result = await setup.hospital.raw(method, { name: 'vigil-2026-03-01-manual.db' });
  expect(result.ok ? 'ok' : result.error.code, method).toBe('BAD_REQUEST');
  expect(result.ok ? '' : result.error.message).toMatch(/vigil team restore/);
  checked.add(method);
}

beforeAll(async () => {
  setup = await demoSetup();
  // demo.load itself ran in the setup, on the empty database: check its result too.
  expect(contract['demo.load'].output.safeParse(setup.demo).success).toBe(true);
  checked.add('demo.load');
});
afterAll(() => setup?.dispose());

describe('every contract method returns what its output schema declares', () => {
  it('reads', async () => {
    for (const method of methodNames.filter((m) => !contract[m].mutates)) await check(method);
    expect(problems.splice(0)).toEqual([]);
  });

  it('changes, in an order where each has what it needs', async () => {
    const { hospital, state } = setup;
    // Risks of the demo: one identified to treat, one identified (band a demo person may accept) to accept.
    const risks = await hospital.call('risks.list', {});
    const settings = await hospital.call('settings.get', {});
    const people = await hospital.call('people.list', {});
    const identified = risks.filter((r) => r.status === 'identified');
    const acceptable = identified.find((r) => people.some((p) => (settings.acceptanceAuthority[r.band] ?? []).some((role) => p.roles.includes(role))))!;
    const granter = people.find((p) => (settings.acceptanceAuthority[acceptable.band] ?? []).some((role) => p.roles.includes(role)) && p.name !== state.reviewer.name)!;
    state.acceptRiskId = acceptable.id;
    state.acceptBy = { name: granter.name, role: granter.roles.find((role) => (settings.acceptanceAuthority[acceptable.band] ?? []).includes(role))! };
    state.treatRiskId = identified.find((r) => r.id !== acceptable.id)!.id;
    state.returnedId = (await hospital.call('assessments.list', {})).find((a) => a.status === 'returned')!.id;

    const order: MethodName[] = [
      'systems.create',
      'systems.update',
      'vendors.create',
      'vendors.update',
      'monitoring.setCriteria',
      'monitoring.import',
      'assessments.start',
      'assessments.answer',
      'assessments.reviewAnswer',
      'evidence.add',
      'evidence.verify',
      'evidence.remove',
      'modelCard.apply',
      'vendor.request',
      'vendorInbox.open',
      'vendorInbox.answer',
      'vendorInbox.addEvidence',
      'vendorInbox.removeEvidence',
      'vendorInbox.respond',
      'vendor.import',
      'workflow.send',
      'risks.treat',
      'risks.requestAcceptance',
      'risks.accept',
      'risks.assignOwner',
      'systems.recordChange',
      'incidents.report',
      'people.save',
      'settings.update',
      'accounts.save',
      'accounts.setPassword',
      'accounts.unlock',
      'export.register',
      'export.progress',
      'export.questionnaire',
      'export.comparison',
      // The Word questionnaire of the sample's second request, after it was exported.
      'vendor.importDocx',
      'systems.archive',
      'systems.unarchive',
      'backup.create',
      'backup.restore',
    ];
    for (const method of order) {
      if (onPostgres && fileOnly.has(method)) await refusedOnTeamDatabase(method);
      else await check(method);
    }

    // A contradiction: two answers of the new assessment that disagree about one safeguard.
    const detail = await hospital.call('assessments.get', { id: state.newAssessmentId! });
    const visible = new Set(detail.visibleQuestions);
    const yesNo = detail.questionnaireSnapshots
      .flatMap((q) => q.sections.flatMap((x) => x.questions))
      .filter((q): q is Extract<typeof q, { kind: 'yesNo' }> => q.kind === 'yesNo' && visible.has(q.id));
    const credits = (q: (typeof yesNo)[number], value: string) => q.options.find((o) => o.value === value)!.effects.filter((e) => 'control' in e).map((e) => (e as { control: string }).control);
    const pair = yesNo.flatMap((a) => yesNo.filter((b) => b.id !== a.id && credits(b, 'no').length === 0 && credits(a, 'no').length === 0).map((b) => ({ a, b, control: credits(a, 'yes').find((c) => credits(b, 'yes').includes(c)) }))).find((p) => p.control);
    expect(pair, 'two questions crediting one safeguard').toBeDefined();
    await hospital.call('assessments.answer', { id: state.newAssessmentId!, answers: [{ questionId: pair!.a.id, value: 'yes' }, { questionId: pair!.b.id, value: 'no' }] });
    await check('assessments.resolveContradiction', {
      input: (s) => ({ assessmentId: s.newAssessmentId!, controlId: pair!.control!, decision: 'credit', note: 'Seen in the vendor tenant.', by: s.reviewer }),
    });
    expect(problems.splice(0)).toEqual([]);
  });

  it('the scoring upgrade, on an assessment written under scoring model 1 (a schema 5 database)', async () => {
    const { dir, cleanup } = tempDir();
    const dbPath = join(dir, 'vigil.db');
    try {
      const written = buildLegacyDatabase(dbPath, 5);
      const core = createCore({ dbPath, clock: fixedClock('2025-12-01T09:00:00.000Z'), ids: sequentialIds(), templatesDir });
      try {
        const result = await core.dispatch('assessments.upgradeScoring', { id: written.assessments.find((a) => a.status === 'inProgress')!.id }, actor);
        if (!result.ok) throw new Error(result.error.message);
        const parsed = contract['assessments.upgradeScoring'].output.safeParse(result.value);
        expect(parsed.error).toBeUndefined();
        expect(strippedPaths(result.value, parsed.data)).toEqual([]);
        checked.add('assessments.upgradeScoring');
      } finally {
        core.close();
      }
    } finally {
      cleanup();
    }
  });

  it('left no method unchecked', () => {
    expect(methodNames.filter((m) => !checked.has(m))).toEqual([]);
  });
});
