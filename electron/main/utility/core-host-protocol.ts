import type { Result, WorkspaceIdentity } from '../../contract/index.ts';

/** The workspace key, decrypted by the main process (safeStorage) for the core to sign with. */
export interface HandedIdentity {
  key: { privateKeyPem: string; createdAt: string } | null;
  protection: WorkspaceIdentity['protection'];
  location: string;
  problem?: string;
}

/** The first message to the core process: the identity to use, or null for the key file beside the database. */
export interface CoreInit {
  id: 0;
  init: { identity: HandedIdentity | null };
}

/** Messages between the main process and the core's utility process. */
export interface CoreRequest {
  id: number;
  method: string;
  input: unknown;
  actor: string;
}

export interface CoreResponse {
  id: number;
  result: Result<unknown>;
}

export interface CoreHostReady {
  id: 0;
  result: Result<{ ready: true }>;
}
