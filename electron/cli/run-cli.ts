import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { contract, fail, isMethodName, type MethodName, type Result } from '../contract/index.ts';
import { acting, actingAs } from './acting-as.ts';
import type { Core } from '../core/create-core.ts';
import { DomainError } from '../core/domain-error.ts';
import type { CallContext } from '../core/deps.ts';
import { defaultDbPath } from '../host/data-dir.ts';
import { CliRefusal, UsageError, type CliCommand, type CliIo, type OptionValues } from './command.ts';
import { printError } from './output.ts';
import { terminalSafeIo } from './terminal-text.ts';

export interface CliDeps {
  io: CliIo;
  commands: readonly CliCommand[];
  /** Long-running commands (serve) get the daily backup and the scheduled due-date sweep. */
  openCore: (dbPath: string, options: { dailyBackup: boolean; scheduledSweep: boolean }) => Core;
  actor: string;
}

const globalOptions: ParseArgsOptionsConfig = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

function helpText(commands: readonly CliCommand[]): string {
  const lines = commands.map((c) => `  ${c.path.join(' ').padEnd(20)} ${c.summary}`);
  return [
    'Vigil: security risk assessment and governance for AI systems in healthcare.',
    '',
    'Usage: vigil COMMAND [options] [--db PATH] [--json]',
    '',
    'Commands:',
    ...lines,
    '',
    'Global options:',
    '  --db PATH   database file (default: the app data folder)',
    '  --json      print one JSON document on stdout',
    '  --actor NAME --role ROLE',
    '              the person acting, from vigil people list (every command that changes',
    '              governed records; without them, the change is recorded under the OS login)',
    '',
    'Exit codes: 0 done, 1 refused, 2 usage error.',
    '',
  ].join('\n');
}

/** Whether a method may name the person acting (its contract declares who acts, not 'none'). */
const namesActor = (method: MethodName | undefined): boolean => method !== undefined && contract[method].acting !== 'none' && contract[method].acting !== 'administrator';

/** The command calls a method that records a person: it takes --actor and --role. */
const actsForSomeone = (command: CliCommand): boolean => [command.method, ...(command.alsoCalls ?? [])].some(namesActor);

/** Finds the command whose words open the command line, ignoring global flags. */
function findCommand(argv: readonly string[], commands: readonly CliCommand[]) {
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? '';
    if (token === '--db') {
      i++;
      continue;
    }
    if (token.startsWith('-')) break;
    words.push(token);
  }
  const matches = commands
    .filter((c) => c.path.every((w, i) => words[i] === w))
    .sort((a, b) => b.path.length - a.path.length);
  return { command: matches[0], words };
}

function removePath(argv: readonly string[], path: readonly string[]): string[] {
  const rest = [...argv];
  for (const word of path) rest.splice(rest.indexOf(word), 1);
  return rest;
}

/** The whole CLI; returns the exit code. Bad usage is exit 2, a refusal from the core exit 1. */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  const { commands } = deps;
  const io = terminalSafeIo(deps.io);
  const { command, words } = findCommand(argv, commands);
  const wantsHelp = argv.includes('--help') || argv.includes('-h') || words[0] === 'help' || argv.length === 0;
  if (!command) {
    if (wantsHelp) {
      io.stdout(helpText(commands));
      return argv.length === 0 ? 2 : 0;
    }
    const known = commands.filter((c) => c.path[0] === words[0]).map((c) => c.path.join(' '));
    io.stderr(
      `vigil: unknown command "${words.join(' ')}".${known.length ? ` Did you mean one of: ${known.join(', ')}?` : ''} Run "vigil --help" for the list.\n`,
    );
    return 2;
  }

  let values: OptionValues;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: removePath(argv, command.path),
      // --actor/--role apply to every command whose method names the person acting.
      options: { ...globalOptions, ...(actsForSomeone(command) ? acting : {}), ...command.options },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    io.stderr(`vigil: ${(error as Error).message}\nUsage: ${command.usage}\n`);
    return 2;
  }
  if (values.help === true) {
    io.stdout(`${command.summary}\nUsage: ${command.usage}\n`);
    return 0;
  }
  const range = command.positionals ?? { min: 0, max: 0 };
  if (positionals.length < range.min || positionals.length > range.max) {
    io.stderr(
      `vigil: ${command.path.join(' ')} takes ${range.min === range.max ? range.min : `${range.min} to ${range.max}`} argument(s), got ${positionals.length}.\nUsage: ${command.usage}\n`,
    );
    return 2;
  }

  const dbPath = typeof values.db === 'string' ? values.db : defaultDbPath(io.env);
  const json = values.json === true;
  // The command line may name files (backup --out, restore FILE); page code never may.
  const ctx: CallContext = { actor: deps.actor, trustedPaths: true };
  // The database is opened on the first call only: file-level commands (templates lint DIR)
  // never touch it, and a refusal to open it is reported like any other refusal.
  let core: Core | null = null;
  const callWith = (context: CallContext) => async (method: string, input: unknown): Promise<Result<unknown>> => {
    if (!core) {
      try {
        core = deps.openCore(dbPath, { dailyBackup: command.longRunning === true, scheduledSweep: command.longRunning === true });
      } catch (error) {
        if (error instanceof DomainError) return { ok: false, error: error.toValue() };
        return fail('INTERNAL', `Could not open ${dbPath}: ${(error as Error).message}`);
      }
    }
    return core.dispatch(method, input, context);
  };
  const callFromPage = callWith({ actor: deps.actor });
  try {
    // The person acting goes into every call of a method that names one (unless the command set `by` itself).
    const { by } = actsForSomeone(command) ? actingAs(values) : {};
    const plain = callWith(ctx);
    const call = (method: string, input: unknown) =>
      plain(
        method,
        by && isMethodName(method) && namesActor(method) && typeof input === 'object' && input !== null && !('by' in input) ? { ...input, by } : input,
      );
    return await command.run({ values, positionals, io, json, dbPath, call, callFromPage });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`vigil: ${error.message}\nUsage: ${command.usage}\n`);
      return 2;
    }
    if (error instanceof CliRefusal) {
      printError(io, error.error, json);
      return 1;
    }
    throw error;
  } finally {
    (core as Core | null)?.close();
  }
}
