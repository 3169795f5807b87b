import type { Account } from '../../contract/index.ts';
import type { KeyVault } from '../../core/exchange/workspace-identity.ts';
import type { AppLayout } from '../../host/open-core.ts';
import { openTeamCore } from '../../host/open-team-core.ts';
import { UsageError, type CliCommand, type CliIo } from '../command.ts';
import { defaultActor } from '../../host/default-actor.ts';
import { printError, printJson } from '../output.ts';

/*
 * `vigil team create-admin`: the first administrator of a team server (docs/team-mode.md,
 * "Accounts"). Every later account is made by an administrator signed in to the server; the
 * command line reaches only its own file, so there are no `vigil accounts …` commands.
 */

/** Creating the first administrator never signs a vendor package: the workspace key is not touched. */
const noKeyVault: KeyVault = {
  protection: 'file',
  location: '(not used by team create-admin)',
  load: () => null,
  save: () => {
    throw new Error('team create-admin does not make a workspace key');
  },
};

/**
 * The password, never from argv (every user of the machine can read a command line): the
 * environment variable VIGIL_ADMIN_PASSWORD, else one line of standard input (typed unseen at a
 * terminal, or piped).
 */
async function readPassword(io: CliIo, input: NodeJS.ReadStream = process.stdin): Promise<string> {
  const fromEnv = io.env.VIGIL_ADMIN_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (input.isTTY) io.stderr('Password for the administrator (not shown; at least 12 characters): ');
  const line = await readLine(input);
  if (input.isTTY) io.stderr('\n');
  return line;
}

/** One line of input; at a terminal the keys are not echoed. */
function readLine(input: NodeJS.ReadStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const raw = input.isTTY === true;
    if (raw) input.setRawMode(true);
    input.setEncoding('utf8');
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.off('end', onEnd);
      input.off('error', onError);
      if (raw) input.setRawMode(false);
      input.pause();
      if (error) reject(error);
      else resolve(text);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\u0003') return finish(new UsageError('cancelled'));
        if (ch === '\n' || ch === '\r') return finish();
        // Backspace at a terminal.
        if (raw && (ch === '\u007f' || ch === '\b')) text = text.slice(0, -1);
        else text += ch;
      }
      return undefined;
    };
    const onEnd = () => finish();
    const onError = (error: Error) => finish(error);
    input.on('data', onData);
    input.on('end', onEnd);
    input.on('error', onError);
    input.resume();
  });
}

const describeAccount = (a: Account) =>
  `First administrator created: ${a.name} (login ${a.login}, ${a.id}).\nSign in to the team server with this login; make every other account there (Settings → Accounts).\n`;

export function teamCreateAdminCommand(deps: { layout?: AppLayout }): CliCommand {
  return {
    path: ['team', 'create-admin'],
    usage: 'vigil team create-admin --database postgres://USER@HOST/DB --login LOGIN --name "FULL NAME" [--email EMAIL]   (password: VIGIL_ADMIN_PASSWORD or standard input)',
    summary: "Create a team server's first administrator (refused once one exists)",
    options: { database: { type: 'string' }, login: { type: 'string' }, name: { type: 'string' }, email: { type: 'string' }, password: { type: 'string' } },
    async run(ctx) {
      const { values, io } = ctx;
      if (values.password !== undefined) {
        throw new UsageError('the password is never given on the command line (other users can read it): set VIGIL_ADMIN_PASSWORD, or type it when asked');
      }
      // The address may leave the password out: pg reads PGPASSWORD (argv is visible to every user).
      const databaseUrl = typeof values.database === 'string' ? values.database : io.env.VIGIL_DATABASE_URL;
      if (!databaseUrl) throw new UsageError('--database postgres://… is required (or VIGIL_DATABASE_URL)');
      if (typeof values.login !== 'string' || typeof values.name !== 'string') throw new UsageError('--login and --name are required');
      if (!deps.layout) throw new Error('team create-admin needs the app layout (templates, version)');
      const password = await readPassword(io);
      const core = openTeamCore(databaseUrl, deps.layout, { keyVault: noKeyVault, poolSize: 1, report: io.stderr });
      try {
        const created = await core.authority.createFirstAdministrator({
          login: values.login,
          name: values.name,
          ...(typeof values.email === 'string' ? { email: values.email } : {}),
          password,
          // Recorded like any change nobody named a person for: the OS login that ran it.
          actor: `os:${defaultActor()}`,
        });
        if (!created.ok) {
          printError(io, created.error, ctx.json);
          return 1;
        }
        if (ctx.json) printJson(io, created.value);
        else io.stdout(describeAccount(created.value));
        return 0;
      } finally {
        await core.shutdown();
      }
    },
  };
}
