// risks.assignOwner through the dispatcher: one active person becomes the owner of the selected
// risks in one transaction with one audit event naming every changed risk and its previous
// owner; an unknown or inactive person or a missing risk is refused and nothing is written. A
// later treatment keeps an assigned owner. Also the register's stored columns as commands write
// them: the due date a treatment sets, the natural order of names after a rename, the system
// owner field.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../../support/core-fixture.ts';
import { addPeople, answerAll, benignSystem, chair, owner } from '../../support/governance-fixture.ts';
import { databaseDigest } from '../../support/engine-sql.ts';

let core: TestCore;
beforeEach(async () => {
  core = makeTestCore();
  await addPeople(core);
});
afterEach(() => core.dispose());

/** A submitted assessment of a system answered the riskiest way: several open risks. */
async function register() {
  const systemId = (await core.call('systems.create', { ...benignSystem, owner: owner.name })).id;
  const id = (await core.call('assessments.start', { systemId, stage: 'procurement' })).id;
  await answerAll(core, id, 'riskiest');
  await core.call('workflow.send', { entityId: id, event: 'review.submit' });
  const risks = await core.call('risks.list', { systemId });
  expect(risks.length).toBeGreaterThanOrEqual(3);
  return { systemId, risks };
}

describe('risks.assignOwner', () => {
  it('makes one person the owner of the selected risks with one event naming each previous owner', async () => {
    const { risks } = await register();
    const [a, b, c] = risks.map((r) => r.id) as [string, string, string];
    const before = (await core.ledger()).length;

    // The person is found whatever the case of the name given; the record keeps People's spelling.
    const first = await core.call('risks.assignOwner', { ids: [a, b], owner: 'owner olu', by: chair });
    expect(first).toEqual({ owner: owner.name, changed: [a, b].sort(), unchanged: [] });
    const ledger = await core.ledger();
    expect(ledger.length).toBe(before + 1);
    const event = ledger.at(-1)!;
    expect(event).toMatchObject({ action: 'risk.ownerAssigned', entity: 'risks' });
    expect(event.actor).toContain(chair.name);
    expect(JSON.parse(event.payload)).toMatchObject({
      owner: owner.name,
      changed: [a, b].sort().map((risk) => ({ risk, previousOwner: '' })),
      unchanged: [],
    });

    const second = await core.call('risks.assignOwner', { ids: [a, c], owner: chair.name, by: chair });
    expect(second).toEqual({ owner: chair.name, changed: [a, c].sort(), unchanged: [] });
    expect(JSON.parse((await core.ledger()).at(-1)!.payload).changed).toEqual(
      [a, c].sort().map((risk) => ({ risk, previousOwner: risk === a ? owner.name : '' })),
    );
    const third = await core.call('risks.assignOwner', { ids: [b, c], owner: chair.name });
    expect(third).toEqual({ owner: chair.name, changed: [b], unchanged: [c] });

    const page = await core.call('risks.page', { owner: chair.name, sort: 'threatName' });
    expect(page.rows.map((r) => r.id).sort()).toEqual([a, b, c].sort());
    expect((await core.call('risks.get', { id: b })).owner).toBe(chair.name);
  });

  it('refuses an unknown or inactive owner and missing risks, writing nothing', async () => {
    const { risks } = await register();
    const ids = risks.map((r) => r.id);
    await core.call('people.save', { name: 'Gone Person', roles: ['riskOwner'], active: false });
    const digest = await databaseDigest(core);
    const ledgerLength = (await core.ledger()).length;

    const unknown = await core.raw('risks.assignOwner', { ids, owner: 'Nobody Known' });
    expect(unknown.ok ? null : unknown.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('Nobody Known') });
    const inactive = await core.raw('risks.assignOwner', { ids, owner: 'Gone Person' });
    expect(inactive.ok ? null : inactive.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('inactive') });
    const missing = await core.raw('risks.assignOwner', { ids: [ids[0], 'RSK-NOTHERE1', 'RSK-NOTHERE2'], owner: owner.name });
    expect(missing.ok ? null : missing.error).toMatchObject({ code: 'NOT_FOUND', details: { missing: ['RSK-NOTHERE1', 'RSK-NOTHERE2'] } });
    expect(missing.ok ? '' : missing.error.message).toContain('RSK-NOTHERE1, RSK-NOTHERE2');

    expect((await core.ledger()).length).toBe(ledgerLength);
    expect(await databaseDigest(core)).toBe(digest);
  });

  it('keeps an assigned owner when a treatment is planned; an unowned risk takes the treatment owner', async () => {
    const { risks } = await register();
    const [assigned, unowned] = risks.map((r) => r.id) as [string, string];
    await core.call('risks.assignOwner', { ids: [assigned], owner: chair.name });
    const treatment = { kind: 'mitigate' as const, owner: owner.name, plan: 'Second reader', actions: [{ text: 'Roster', owner: owner.name, due: '2026-02-20' }] };
    const treated = await core.call('risks.treat', { id: assigned, treatment, by: owner });
    expect(treated).toMatchObject({ owner: chair.name, treatment: { owner: owner.name } });
    expect((await core.call('risks.treat', { id: unowned, treatment: { ...treatment, actions: [{ text: 'Later', owner: owner.name, due: '2026-05-01' }] }, by: owner })).owner).toBe(owner.name);

    // The due dates the treatments set are stored: sorted and filtered in SQL (clock: 2026-03-01).
    const byDue = await core.call('risks.page', { sort: 'dueDate', direction: 'asc' });
    expect(byDue.rows.slice(0, 2).map((r) => [r.id, r.dueDate])).toEqual([
      [assigned, '2026-02-20'],
      [unowned, '2026-05-01'],
    ]);
    const overdue = await core.call('risks.page', { overdue: true });
    expect(overdue.rows.map((r) => r.id)).toEqual([assigned]);
    expect(overdue.counts.overdue).toBe(1);
    expect(byDue.counts.overdue).toBe(1);
  });
});

describe('names in natural order, and the system owner', () => {
  it('sorts "product 2" before "product 10", and keeps the order after a rename', async () => {
    for (const name of ['Clinical AI product 10', 'Clinical AI product 2', 'clinical AI Product 1']) await core.call('systems.create', { name, vendor: 'Acme' });
    const names = async (direction: 'asc' | 'desc' = 'asc') => (await core.call('systems.page', { sort: 'name', direction })).rows.map((r) => r.name);
    expect(await names()).toEqual(['clinical AI Product 1', 'Clinical AI product 2', 'Clinical AI product 10']);
    expect(await names('desc')).toEqual(['Clinical AI product 10', 'Clinical AI product 2', 'clinical AI Product 1']);
    const first = (await core.call('systems.page', { search: 'product 1', sort: 'name' })).rows;
    expect(first.map((r) => r.name)).toEqual(['clinical AI Product 1', 'Clinical AI product 10']);
    await core.call('systems.update', { id: first[0]!.id, changes: { name: 'Clinical AI product 20' } });
    expect(await names()).toEqual(['Clinical AI product 2', 'Clinical AI product 10', 'Clinical AI product 20']);
  });

  it('records the owner of a system and its changes, and shows it in the inventory', async () => {
    const system = await core.call('systems.create', { name: 'Sepsis alert', vendor: 'Acme', owner: owner.name });
    expect(system.owner).toBe(owner.name);
    await core.call('systems.update', { id: system.id, changes: { owner: chair.name } });
    expect((await core.call('systems.get', { id: system.id })).owner).toBe(chair.name);
    expect(JSON.parse((await core.ledger()).at(-1)!.payload)).toEqual({ changes: { owner: chair.name } });
    const page = await core.call('systems.page', { search: 'carol' });
    expect(page.rows).toEqual([expect.objectContaining({ id: system.id, owner: chair.name, openRisks: 0, aboveAppetite: 0, overallBand: null, latestAssessmentId: null })]);
  });
});
