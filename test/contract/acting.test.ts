// Who acts is declared for every method (MethodSpec.acting, electron/contract/acting-rules.ts):
// reads name nobody; a method that can name a person takes `by` in its input; the few OS-only
// changes are the ones listed, each with its reason. Adding a mutating method without deciding
// fails here.
import { describe, expect, it } from 'vitest';
import { allCommands } from '../../electron/cli/commands/index.ts';
import { contract, methodNames, workflowEventActing, workflowEvents, type MethodName } from '../../electron/contract/index.ts';

/** Changes made by whoever runs the computer, not in a governance role. */
const osOnly: Partial<Record<MethodName, string>> = {
  'demo.load': 'the demo names its own cast as it fills the database',
  'backup.create': 'the database file itself',
  'backup.restore': 'the database file itself',
  'vendorInbox.open': "the vendor's workspace: the hospital's people are not there",
  'vendorInbox.answer': "the vendor's workspace",
  'vendorInbox.addEvidence': "the vendor's workspace",
  'vendorInbox.removeEvidence': "the vendor's workspace",
  'vendorInbox.respond': "the vendor's workspace: its key signs the response",
};

const rulesOf = (m: MethodName) => {
  const acting = contract[m].acting as unknown;
  return typeof acting === 'function' ? workflowEvents.map((event) => workflowEventActing[event]) : [acting as (typeof workflowEventActing)[keyof typeof workflowEventActing]];
};

describe('acting declarations', () => {
  it("reads name nobody (the administrator's reads are for administrators only)", () => {
    for (const m of methodNames.filter((x) => !contract[x].mutates)) expect(contract[m].acting, m).toBe(m.startsWith('accounts.') ? 'administrator' : 'none');
  });

  it('only the accounts methods are for administrators', () => {
    expect(methodNames.filter((m) => contract[m].acting === 'administrator').sort()).toEqual(['accounts.list', 'accounts.save', 'accounts.setPassword', 'accounts.signIns', 'accounts.unlock']);
  });

  it('every change either names the person acting (and its input takes `by`) or is OS-only for a stated reason', () => {
    for (const m of methodNames.filter((x) => contract[x].mutates)) {
      const rules = rulesOf(m);
      if (rules.every((r) => (r as unknown) === 'administrator')) continue;
      if (rules.every((r) => r === 'none')) {
        expect(osOnly[m], `${m} is OS-only without a reason`).toBeDefined();
        continue;
      }
      expect(osOnly[m], m).toBeUndefined();
      const shape = (contract[m].input as unknown as { shape?: Record<string, unknown>; def?: { in?: { shape?: Record<string, unknown> } } }).shape;
      const refined = (contract[m].input as unknown as { def?: { schema?: { shape?: Record<string, unknown> } } }).def?.schema?.shape;
      expect(Object.keys(shape ?? refined ?? {}), `${m} input has no by`).toContain('by');
    }
  });

  it('every workflow event declares its rule', () => {
    expect(Object.keys(workflowEventActing).sort()).toEqual([...workflowEvents].sort());
  });

  it('every CLI command of a method that names a person takes --actor and --role', async () => {
    const { runCli } = await import('../../electron/cli/run-cli.ts');
    const commands = allCommands({ staticDir: '', waitForStop: async () => {} });
    const deps = (out: string[]) => ({ io: { stdout: () => {}, stderr: (t: string) => out.push(t), env: {} }, commands, openCore: () => { throw new Error('no core'); }, actor: 'x' });
    const acting = commands.filter((c) => c.method !== undefined && contract[c.method].acting !== 'none' && contract[c.method].acting !== 'administrator');
    expect(acting.length).toBeGreaterThan(20);
    for (const command of acting) {
      // --help parses the line with the command's options first: --actor/--role must be among them.
      const out: string[] = [];
      expect(await runCli([...command.path, '--actor', 'A', '--role', 'assessor', '--help'], deps(out)), `${command.path.join(' ')}: ${out.join('')}`).toBe(0);
    }
  });
});
