import type { Result } from '../../contract/index.ts';

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
