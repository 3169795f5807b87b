import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { WorkspaceIdentity } from '../../contract/index.ts';
import { DomainError } from '../domain-error.ts';

/** The private key as it is kept outside the database (PKCS#8 PEM) and when it was made. */
export interface StoredKey {
  privateKeyPem: string;
  createdAt: string;
}

/**
 * Where a workspace keeps its private key. Injected: the CLI and browser mode use a file only
 * the user may read; the desktop app's main process decrypts it with safeStorage and hands it
 * over. The key never goes into SQLite, so backups cannot leak it.
 */
export interface KeyVault {
  protection: WorkspaceIdentity['protection'];
  location: string;
  /** The stored key, or null when there is none yet. Throws DomainError when it exists but cannot be used. */
  load(): StoredKey | null;
  /** Keeps a newly made key. */
  save(key: StoredKey): void;
}

export interface WorkspaceKey {
  privateKey: KeyObject;
  /** DER SubjectPublicKeyInfo, base64: what packages carry. */
  publicKey: string;
  fingerprint: string;
  createdAt: string;
  protection: WorkspaceIdentity['protection'];
  location: string;
}

/** SHA-256 of the DER public key, grouped in fours: "ab12 cd34 …", easy to compare by phone. */
export function fingerprintOf(publicKeyBase64: string): string {
  const hex = createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('hex');
  return hex.match(/.{4}/g)?.join(' ') ?? hex;
}

export function publicKeyOf(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64');
}

export function newStoredKey(createdAt: string): StoredKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), createdAt };
}

/**
 * The workspace's key, made at its first use and cached. A stored key that is not an Ed25519
 * private key is refused rather than silently replaced: replacing it would change who this
 * workspace is.
 */
export function createIdentitySource(vault: KeyVault, now: () => string): () => WorkspaceKey {
  let cached: WorkspaceKey | null = null;
  return () => {
    if (cached) return cached;
    let stored = vault.load();
    if (!stored) {
      stored = newStoredKey(now());
      vault.save(stored);
    }
    let privateKey: KeyObject;
    try {
      privateKey = createPrivateKey(stored.privateKeyPem);
    } catch {
      throw new DomainError('IDENTITY_UNAVAILABLE', `The workspace key at ${vault.location} cannot be read as a private key.`);
    }
    if (privateKey.asymmetricKeyType !== 'ed25519') {
      throw new DomainError('IDENTITY_UNAVAILABLE', `The workspace key at ${vault.location} is not an Ed25519 key.`);
    }
    const publicKey = publicKeyOf(privateKey);
    cached = { privateKey, publicKey, fingerprint: fingerprintOf(publicKey), createdAt: stored.createdAt, protection: vault.protection, location: vault.location };
    return cached;
  };
}

export const describeIdentity = (key: WorkspaceKey): WorkspaceIdentity => ({
  fingerprint: key.fingerprint,
  publicKey: key.publicKey,
  createdAt: key.createdAt,
  protection: key.protection,
  location: key.location,
});
