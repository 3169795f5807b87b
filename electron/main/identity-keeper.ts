import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type * as Electron from 'electron';
import { encryptedKeyFileFor, keyFileFor, keyFileText, parseKeyFile, writePrivateFile } from '../core/exchange/key-file-vault.ts';
import { newStoredKey } from '../core/exchange/workspace-identity.ts';
import type { HandedIdentity } from './utility/core-host-protocol.ts';

export type SafeStorageApi = Pick<Electron.SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'>;

/**
 * The desktop app's side of the workspace identity (issue 8). The main process owns
 * safeStorage, so it makes, encrypts and decrypts the key here and hands the decrypted key to
 * the core's utility process. A key file already made by the CLI or browser mode stays a file:
 * encrypting it would lock those out of their own workspace. Where the OS offers no real
 * encryption (Linux with the "basic_text" store) the key goes to a file only the user can read.
 */
export async function prepareIdentity(deps: { safeStorage: SafeStorageApi; platform: NodeJS.Platform; dbPath: string; now: () => Date }): Promise<HandedIdentity> {
  const { safeStorage, dbPath } = deps;
  const encrypted = encryptedKeyFileFor(dbPath);
  const plain = keyFileFor(dbPath);
  try {
    if (existsSync(encrypted)) {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(readFileSync(encrypted));
      const key = parseKeyFile(result, encrypted);
      // The OS rotated its key: store the key again under the new one.
      if (shouldReEncrypt) writePrivateFile(encrypted, await safeStorage.encryptStringAsync(keyFileText(key)));
      return { key, protection: 'safeStorage', location: encrypted };
    }
    if (existsSync(plain)) return { key: parseKeyFile(readFileSync(plain, 'utf8'), plain), protection: 'file', location: plain };
    mkdirSync(dirname(dbPath), { recursive: true });
    const key = newStoredKey(deps.now().toISOString());
    const usable = (await safeStorage.isAsyncEncryptionAvailable()) && !(deps.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text');
    if (usable) {
      writePrivateFile(encrypted, await safeStorage.encryptStringAsync(keyFileText(key)));
      return { key, protection: 'safeStorage', location: encrypted };
    }
    writePrivateFile(plain, keyFileText(key));
    return { key, protection: 'file', location: plain };
  } catch (error) {
    const location = existsSync(encrypted) ? encrypted : plain;
    return {
      key: null,
      protection: location === encrypted ? 'safeStorage' : 'file',
      location,
      problem: `Vigil could not unlock this workspace's signing key (${location}): ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
