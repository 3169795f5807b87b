import type { ParseArgsOptionsConfig } from 'node:util';
import type { MethodName, Result, VigilError } from '../contract/index.ts';

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

/** What a command gets: the parsed line and a way into the core. */
export interface CommandContext {
  values: OptionValues;
  positionals: string[];
  io: CliIo;
  json: boolean;
  dbPath: string;
  call: (method: string, input: unknown) => Promise<Result<unknown>>;
  /** The same core for calls from a page (browser mode): never allowed to name files. */
  callFromPage: (method: string, input: unknown) => Promise<Result<unknown>>;
}

/** A usage mistake (exit 2), as opposed to a refusal by the core (exit 1). */
export class UsageError extends Error {}

/** A refusal the CLI makes itself before calling the core (a file too large): exit 1, printed like the core's. */
export class CliRefusal extends Error {
  readonly error: VigilError;
  constructor(error: VigilError) {
    super(error.message);
    this.error = error;
  }
}

/**
 * A CLI command. Commands that map to one contract method declare it in `method`, which the
 * contract coverage test reads; `run` turns the command line into that method's input.
 */
export interface CliCommand {
  path: readonly string[];
  usage: string;
  summary: string;
  options: ParseArgsOptionsConfig;
  method?: MethodName;
  /** Further methods the same command calls on a flag (e.g. preview by default, apply with --apply). */
  alsoCalls?: readonly MethodName[];
  positionals?: { min: number; max: number };
  /** Runs until stopped (browser mode): the app's daily backup applies. */
  longRunning?: boolean;
  run(ctx: CommandContext): Promise<number>;
}
