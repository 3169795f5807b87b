import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The per-user folder Vigil keeps its database in. Matches Electron's `userData` for an app
 * named "Vigil", so the desktop app, browser mode and the CLI share one database by default.
 * VIGIL_DATA_DIR overrides it (tests, portable installs).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.VIGIL_DATA_DIR) return env.VIGIL_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Vigil');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Vigil');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Vigil');
}

export const databaseFileName = 'vigil.db';

export const defaultDbPath = (env: NodeJS.ProcessEnv = process.env): string =>
  join(defaultDataDir(env), databaseFileName);
