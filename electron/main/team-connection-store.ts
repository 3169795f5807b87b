import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeIssues, parseUntrustedJson, TeamConnection, toFieldIssues } from '../contract/index.ts';

export const teamConnectionFileName = 'team-server.json';

/** What the file holds: the chosen server, nothing, or a file Vigil will not use (in words). */
export type StoredConnection = { connection: TeamConnection; problem: null } | { connection: null; problem: string | null };

export interface TeamConnectionStore {
  readonly file: string;
  read(): StoredConnection;
  save(connection: TeamConnection): void;
  clear(): void;
}

/**
 * The team server the desktop uses (address, pinned certificate fingerprint, when and by whom it
 * was pinned), in a small JSON file in the app's user-data folder beside its settings. The file
 * is checked on every read: anything that is not exactly a valid choice is refused with words
 * and Vigil keeps working on its own file, never on a half-read server address or pin.
 */
export function teamConnectionStore(dataDir: string): TeamConnectionStore {
  const file = join(dataDir, teamConnectionFileName);
  return {
    file,
    read() {
      if (!existsSync(file)) return { connection: null, problem: null };
      const refuse = (why: string): StoredConnection => ({
        connection: null,
        problem: `The team server settings in ${file} cannot be used (${why}); Vigil is working on your own file. Choose the team server again in Settings.`,
      });
      let parsed: unknown;
      try {
        parsed = parseUntrustedJson(readFileSync(file, 'utf8'));
      } catch (error) {
        return refuse(`not readable JSON: ${error instanceof Error ? error.message : String(error)}`);
      }
      const checked = TeamConnection.safeParse(parsed);
      if (!checked.success) return refuse(describeIssues(toFieldIssues(checked.error)));
      if (!checked.data.url.startsWith('https://')) return refuse('the address is not https://');
      return { connection: checked.data, problem: null };
    },
    save(connection) {
      const valid = TeamConnection.parse(connection);
      // Written beside and renamed over, so a crash never leaves half a file; readable by the user only.
      const scratch = `${file}.${process.pid}.tmp`;
      writeFileSync(scratch, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600 });
      renameSync(scratch, file);
    },
    clear() {
      rmSync(file, { force: true });
    },
  };
}
