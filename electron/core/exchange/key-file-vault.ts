import { chmodSync, closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DomainError } from '../domain-error.ts';
import type { KeyVault, StoredKey } from './workspace-identity.ts';

/** The key file beside a database: `vigil.db` → `vigil.db.identity.json`. */
export const keyFileFor = (dbPath: string) => `${dbPath}.identity.json`;
/** The same key encrypted by the desktop app with safeStorage. */
export const encryptedKeyFileFor = (dbPath: string) => `${dbPath}.identity.enc`;

const fileFormat = 'vigil.workspace-key';

export function parseKeyFile(text: string, where: string): StoredKey {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new DomainError('IDENTITY_UNAVAILABLE', `The workspace key file ${where} is damaged (not JSON).`);
  }
  const d = data as Partial<Record<string, unknown>>;
  if (d.format !== fileFormat || typeof d.privateKeyPem !== 'string' || typeof d.createdAt !== 'string') {
    throw new DomainError('IDENTITY_UNAVAILABLE', `The workspace key file ${where} is not a Vigil key file.`);
  }
  return { privateKeyPem: d.privateKeyPem, createdAt: d.createdAt };
}

export const keyFileText = (key: StoredKey) => `${JSON.stringify({ format: fileFormat, version: 1, ...key }, null, 2)}\n`;

/** Writes a file only its owner may read, atomically: a temp file made 0600, synced, renamed. */
export function writePrivateFile(path: string, content: string | Buffer): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, typeof content === 'string' ? Buffer.from(content) : content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    chmodSync(temp, 0o600);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * The CLI's and browser mode's vault: a file beside the database readable only by the user
 * (mode 0600). A key the desktop app has encrypted with safeStorage cannot be read here; that is
 * refused instead of making a second identity for the same workspace.
 */
export function fileKeyVault(dbPath: string): KeyVault {
  const path = keyFileFor(dbPath);
  return {
    protection: 'file',
    location: path,
    load() {
      if (!existsSync(path)) {
        const encrypted = encryptedKeyFileFor(dbPath);
        if (existsSync(encrypted)) {
          throw new DomainError(
            'IDENTITY_UNAVAILABLE',
            `This workspace's key is protected by the desktop app (${encrypted}); make and sign vendor packages in the desktop app.`,
          );
        }
        return null;
      }
      // A key file someone made readable to others is closed again before it is used.
      if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
      return parseKeyFile(readFileSync(path, 'utf8'), path);
    },
    save(key) {
      writePrivateFile(path, keyFileText(key));
    },
  };
}

/** A key handed over by the desktop app's main process (already decrypted there). */
export function handedKeyVault(handed: { key: StoredKey | null; protection: KeyVault['protection']; location: string; problem?: string | undefined }): KeyVault {
  return {
    protection: handed.protection,
    location: handed.location,
    load() {
      if (handed.problem) throw new DomainError('IDENTITY_UNAVAILABLE', handed.problem);
      return handed.key;
    },
    save() {
      throw new DomainError('IDENTITY_UNAVAILABLE', 'The desktop app did not hand over a workspace key.');
    },
  };
}
