// Who acts in team mode (docs/team-mode.md): with ctx.account the dispatcher makes the signed-in
// account the principal. No "Acting as": `by` may name only that person, in a role they hold;
// without it the role is the first of theirs the method allows, else FORBIDDEN naming the roles
// needed. Records and the ledger read "Name (role) [login]", and the separation-of-duties rules
// still recognise the person behind that label. On both engines.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, MethodInput, MethodName, MethodOutput } from '../../../electron/contract/index.ts';
import { actorWords } from '../../../electron/core/committee/words.ts';
import { personNameOfActor } from '../../../electron/core/rules/signers.ts';
import { answerAll, benignSystem, type Caller } from '../../support/governance-fixture.ts';
import { makeAccountsCore, refusal, signedIn, teamContext, valueOf, type AccountsCore } from '../accounts/accounts-fixture.ts';

let core: AccountsCore;
let cara: Account;
let rita: Account;
beforeEach(async () => {
  core = await makeAccountsCore();
  // Cara assesses and reviews; Rita only reviews.
  cara = await core.saveAccount({ login: 'cara', name: 'Cara Both', roles: ['assessor', 'reviewer'] });
  rita = await core.saveAccount({ login: 'rita', name: 'Rita Reviewer', roles: ['reviewer'] });
});
afterEach(() => core.dispose());

/** Calls as the signed-in account, through the dispatcher. */
const as = (account: Account): Caller & { raw: (method: string, input: unknown) => ReturnType<AccountsCore['dispatch']> } => ({
  raw: (method, input) => core.dispatch(method, input, teamContext(signedIn(account))),
  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    return valueOf(await core.dispatch(method, input, teamContext(signedIn(account)))) as MethodOutput<M>;
  },
});

async function submittedByCara(): Promise<string> {
  const system = await as(cara).call('systems.create', benignSystem);
  const assessment = await as(cara).call('assessments.start', { systemId: system.id, stage: 'procurement' });
  await answerAll(as(cara), assessment.id);
  await as(cara).call('workflow.send', { entityId: assessment.id, event: 'review.submit' });
  return assessment.id;
}

describe('the principal is the signed-in account', () => {
  it('records "Name (role) [login]", the role the first of theirs the method allows', async () => {
    const before = (await core.ledger()).length;
    const system = await as(cara).call('systems.create', benignSystem);
    expect(system.createdBy).toBe('Cara Both (assessor) [cara]');
    const events = (await core.ledger()).slice(before);
    // Its vendor is new: recorded in the same transaction, by the same account.
    expect(events.map((e) => [e.action, e.actor])).toEqual([
      ['vendor.created', 'Cara Both (assessor) [cara]'],
      ['system.created', 'Cara Both (assessor) [cara]'],
    ]);

    // The person's order decides, not the method's: a risk owner first is recorded as one.
    const olu = await core.saveAccount({ login: 'olu', name: 'Olu Owner', roles: ['riskOwner', 'assessor'] });
    expect((await as(olu).call('systems.create', { ...benignSystem, name: 'Owned' })).createdBy).toBe('Olu Owner (riskOwner) [olu]');
  });

  it('takes a role the method allows even when it is not the first the person holds', async () => {
    const id = await submittedByCara();
    // review.start is for reviewers and the chair: Cara's second role. Required `by` is the account.
    await as(cara).call('workflow.send', { entityId: id, event: 'review.start' });
    const start = (await core.ledger()).find((e) => e.action === 'review.start' && e.entity === id);
    expect(start?.actor).toBe('Cara Both (reviewer) [cara]');
  });

  it('accepts `by` naming the signed-in person (any case) in a role they hold', async () => {
    const system = await as(cara).call('systems.create', { ...benignSystem, name: 'Named', by: { name: 'cara both', role: 'reviewer' } });
    expect(system.createdBy).toBe('Cara Both (reviewer) [cara]');
  });

  it('refuses `by` naming anyone else, with nothing written', async () => {
    const before = (await core.ledger()).length;
    const other = refusal(await as(rita).raw('systems.create', { ...benignSystem, by: { name: 'Cara Both', role: 'assessor' } }));
    expect(other).toMatchObject({ code: 'FORBIDDEN', message: 'You are signed in as Rita Reviewer [rita]; systems.create cannot be recorded as Cara Both.' });
    const role = refusal(await as(rita).raw('systems.create', { ...benignSystem, by: { name: 'Rita Reviewer', role: 'assessor' } }));
    expect(role).toMatchObject({ code: 'FORBIDDEN', message: 'Rita Reviewer does not hold the assessor role (their roles: reviewer).' });
    expect((await core.ledger()).length).toBe(before);
  });

  it('refuses a reviewer-only account an assessor step, naming the roles needed', async () => {
    const id = await submittedByCara();
    await as(cara).call('workflow.send', { entityId: id, event: 'review.start' });
    const reopen = refusal(await as(rita).raw('workflow.send', { entityId: id, event: 'review.reopen' }));
    expect(reopen).toMatchObject({ code: 'FORBIDDEN', message: 'review.reopen needs an assessor; Rita Reviewer is a reviewer.', details: { allowedRoles: ['assessor'] } });
    const none = await core.saveAccount({ login: 'nobody.much', name: 'No Roles', roles: [] });
    expect(refusal(await as(none).raw('systems.create', benignSystem)).message).toBe(
      'systems.create needs an assessor, a reviewer, the committee chair or a risk owner; No Roles holds no governance role.',
    );
  });

  it("runs methods that name nobody under the account too (never the server's OS login)", async () => {
    expect(await as(rita).call('session.current', {})).toEqual({ mode: 'team', account: signedIn(rita) });
    // A backup names nobody; on a team database it is a pg_dump into the server's backups folder.
    await as(rita).call('backup.create', {});
    expect((await core.ledger()).at(-1)).toMatchObject({ action: 'backup.created', actor: 'Rita Reviewer [rita]' });
  });
});

describe('separation of duties with team labels', () => {
  it('an account that answered may not approve, in whatever role it signs in', async () => {
    const id = await submittedByCara();
    await as(rita).call('workflow.send', { entityId: id, event: 'review.start' });
    const answers = (await core.call('assessments.get', { id })).answers;
    expect(new Set(answers.map((a) => a.answeredBy))).toEqual(new Set(['Cara Both (assessor) [cara]']));
    const approve = refusal(await as(cara).raw('workflow.send', { entityId: id, event: 'review.approve' }));
    expect(approve).toMatchObject({ code: 'FORBIDDEN', details: { rule: 'answererMayNotApprove' } });
    expect(approve.message).toMatch(/Cara Both answered questions of this assessment/);
    await as(rita).call('workflow.send', { entityId: id, event: 'review.approve' });
    const signOffs = (await core.call('assessments.get', { id })).review.signOffs;
    expect(signOffs.map((s) => [s.name, s.role])).toEqual([['Rita Reviewer', 'reviewer']]);
    // Rita signs once a round, also under her account.
    expect(refusal(await as(rita).raw('workflow.send', { entityId: id, event: 'review.approve' })).code).toBe('FORBIDDEN');
  });

  it('reads the person behind a team label, and words it for documents', () => {
    expect(personNameOfActor('Cara Both (assessor) [cara]')).toBe('Cara Both');
    expect(personNameOfActor('Cara Both [cara]')).toBeNull();
    expect(personNameOfActor('Vendor Ltd (vendor response VRQ-1, imported by Cara Both (assessor) [cara])')).toBeNull();
    expect(actorWords('Chair Carol (committeeChair) [carol]')).toBe('Chair Carol (Committee chair) [carol]');
  });
});

describe('administrator methods', () => {
  it('are refused to an account that is not an administrator, with nothing written', async () => {
    const before = (await core.ledger()).length;
    for (const [method, input] of [
      ['accounts.list', {}],
      ['accounts.signIns', {}],
      ['accounts.save', { login: 'sneaky', name: 'Sneaky', roles: ['committeeChair'], administrator: true }],
      ['accounts.setPassword', { id: core.admin.id, password: 'taking over the admin' }],
      ['accounts.unlock', { id: rita.id }],
    ] as const) {
      expect(refusal(await as(rita).raw(method, input)), method).toMatchObject({ code: 'FORBIDDEN', message: `${method} is for administrators; Rita Reviewer [rita] is not one.` });
    }
    expect((await core.ledger()).length).toBe(before);
  });

  it("are recorded under the administrator's account, without a role", async () => {
    const events = (await core.ledger()).filter((e) => e.entity === cara.id);
    expect(events.map((e) => [e.action, e.actor])).toEqual([['account.created', 'Ada Admin [ada]']]);
  });
});
