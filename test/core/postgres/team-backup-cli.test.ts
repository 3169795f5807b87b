// `vigil team backup` and `vigil team restore`, run in-process through the CLI's own parser and
// commands (so the PostgreSQL run needs no build): what they print, their exit codes (0 done,
// 1 refused, 2 usage) and their refusals.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../../electron/core/store/migrations/index.ts';
import type { LedgerVerification } from '../../../electron/contract/index.ts';
import { allCommands } from '../../../electron/cli/commands/index.ts';
import { runCli } from '../../../electron/cli/run-cli.ts';
import { onPostgres, tempDir } from '../../support/core-fixture.ts';
import { call, cleanups, database, teamCore } from '../../support/team-cores.ts';

async function vigil(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    io: { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} },
    commands: allCommands({ staticDir: '', waitForStop: async () => {}, version: '3.2.1' }),
    openCore: () => {
      throw new Error('team backup and restore never open a desktop database');
    },
    actor: 'test',
  });
  return { code, stdout, stderr };
}

describe.skipIf(!onPostgres)('vigil team backup / team restore', () => {
  it('backs up, restores into an empty database and verifies; refuses a non-empty target and a bad line', async () => {
    const { url } = await database({ fromTemplate: true });
    const core = teamCore(url, 'A');
    for (let i = 0; i < 3; i++) await call(core, 'systems.create', { name: `System ${i}`, vendor: 'Acme' });
    const ledger = await call<LedgerVerification>(core, 'audit.verify', {});
    const out = tempDir('vigil-team-cli-');
    cleanups.push(out.cleanup);

    const backup = await vigil(['team', 'backup', '--database', url, '--out', out.dir]);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(`ledger 4 events, head ${ledger.head}`);
    const manifestPath = /^Manifest: (.+)$/m.exec(backup.stdout)?.[1] ?? '';
    expect(JSON.parse(readFileSync(manifestPath, 'utf8'))).toMatchObject({ vigilVersion: '3.2.1', ledger: { length: 4, head: ledger.head } });
    // The password never reaches what is printed or recorded.
    const password = decodeURIComponent(new URL(url).password);
    expect(backup.stdout).not.toContain(password);
    expect(readFileSync(manifestPath, 'utf8')).not.toContain(password);

    const empty = await database();
    const restore = await vigil(['team', 'restore', '--database', empty.url, '--from', manifestPath]);
    expect(restore).toMatchObject({ code: 0, stderr: '' });
    expect(restore.stdout).toMatch(new RegExp(`^Restored \\S+\\.dump into \\S+ and verified it: schema ${latestSchemaVersion}, ledger 4 events, head ${ledger.head} \\(as the manifest says\\)\\.\\n$`));

    const again = await vigil(['team', 'restore', '--database', empty.url, '--from', manifestPath, '--json']);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stderr)).toMatchObject({ error: { code: 'CONFLICT' } });
    expect(again.stderr).toContain('is not empty');

    const usage = await vigil(['team', 'restore', '--database', empty.url]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--from MANIFEST is required');
  });
});
