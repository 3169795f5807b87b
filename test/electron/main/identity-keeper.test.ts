// The desktop app's workspace key (issue 8): made at start, encrypted with safeStorage where the
// OS really encrypts, else in a file only the user can read; decrypted in the main process and
// handed to the core. Electron itself is mocked: only safeStorage's async API is used.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encryptedKeyFileFor, fileKeyVault, keyFileFor } from '../../../electron/core/exchange/key-file-vault.ts';
import { createIdentitySource } from '../../../electron/core/exchange/workspace-identity.ts';
import { prepareIdentity, type SafeStorageApi } from '../../../electron/main/identity-keeper.ts';
import { tempDir } from '../../support/core-fixture.ts';

vi.mock('electron', () => ({}));

/** Stands in for the OS: "encrypts" by XOR, so the file must not hold the PEM in clear. */
function fakeSafeStorage(options: { available?: boolean; backend?: ReturnType<SafeStorageApi['getSelectedStorageBackend']>; reEncrypt?: boolean } = {}) {
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isAsyncEncryptionAvailable: vi.fn(async () => options.available ?? true),
    getSelectedStorageBackend: vi.fn(() => options.backend ?? 'gnome_libsecret'),
    encryptStringAsync: vi.fn(async (text: string) => xor(Buffer.from(text))),
    decryptStringAsync: vi.fn(async (data: Buffer) => ({ result: xor(data).toString(), shouldReEncrypt: options.reEncrypt ?? false })),
  } satisfies SafeStorageApi;
}

let files: { dir: string; cleanup: () => void };
let dbPath = '';
const now = () => new Date('2026-03-01T09:00:00.000Z');
beforeEach(() => {
  files = tempDir('vigil-identity-');
  dbPath = join(files.dir, 'data', 'vigil.db');
});
afterEach(() => files.cleanup());

describe('prepareIdentity', () => {
  it('makes the key at first start and keeps it encrypted with safeStorage (0600), the same key on every later start', async () => {
    const safeStorage = fakeSafeStorage();
    const first = await prepareIdentity({ safeStorage, platform: 'linux', dbPath, now });
    expect(first).toMatchObject({ protection: 'safeStorage', location: encryptedKeyFileFor(dbPath) });
    expect(first.key?.privateKeyPem).toContain('BEGIN PRIVATE KEY');
    const stored = readFileSync(encryptedKeyFileFor(dbPath));
    expect(stored.toString()).not.toContain('PRIVATE KEY');
    expect(statSync(encryptedKeyFileFor(dbPath)).mode & 0o777).toBe(0o600);
    expect(existsSync(keyFileFor(dbPath))).toBe(false);

    const again = await prepareIdentity({ safeStorage, platform: 'linux', dbPath, now });
    expect(again.key).toEqual(first.key);
    expect(safeStorage.decryptStringAsync).toHaveBeenCalledTimes(1);
  });

  it('re-encrypts when the OS says its key was rotated', async () => {
    await prepareIdentity({ safeStorage: fakeSafeStorage(), platform: 'darwin', dbPath, now });
    const rotating = fakeSafeStorage({ reEncrypt: true });
    await prepareIdentity({ safeStorage: rotating, platform: 'darwin', dbPath, now });
    expect(rotating.encryptStringAsync).toHaveBeenCalledTimes(1);
  });

  it('falls back to a 0600 file when encryption is unavailable or only "basic_text" on Linux, and the CLI then reads the same key', async () => {
    for (const options of [{ available: false }, { backend: 'basic_text' as const }]) {
      const made = await prepareIdentity({ safeStorage: fakeSafeStorage(options), platform: 'linux', dbPath, now });
      expect(made).toMatchObject({ protection: 'file', location: keyFileFor(dbPath) });
      expect(statSync(keyFileFor(dbPath)).mode & 0o777).toBe(0o600);
      const cli = createIdentitySource(fileKeyVault(dbPath), () => 'unused')();
      expect(cli.createdAt).toBe('2026-03-01T09:00:00.000Z');
      files.cleanup();
      files = tempDir('vigil-identity-');
      dbPath = join(files.dir, 'vigil.db');
    }
  });

  it('keeps a key file the CLI already made rather than locking the CLI out of its workspace', async () => {
    const cliKey = createIdentitySource(fileKeyVault(join(files.dir, 'cli.db')), () => '2026-01-01T00:00:00.000Z')();
    dbPath = join(files.dir, 'cli.db');
    const handed = await prepareIdentity({ safeStorage: fakeSafeStorage(), platform: 'linux', dbPath, now });
    expect(handed).toMatchObject({ protection: 'file', location: keyFileFor(dbPath), key: { createdAt: cliKey.createdAt } });
    expect(existsSync(encryptedKeyFileFor(dbPath))).toBe(false);
  });

  it('reports a key it cannot decrypt instead of making a new identity; the CLI refuses to replace it too', async () => {
    await prepareIdentity({ safeStorage: fakeSafeStorage(), platform: 'linux', dbPath, now });
    writeFileSync(encryptedKeyFileFor(dbPath), 'garbage');
    const broken = await prepareIdentity({ safeStorage: fakeSafeStorage(), platform: 'linux', dbPath, now });
    expect(broken.key).toBeNull();
    expect(broken.problem).toMatch(/could not unlock/);
    expect(() => createIdentitySource(fileKeyVault(dbPath), () => 'x')()).toThrow(/protected by the desktop app/);
  });
});
