import type { MethodInput, MethodName, MethodOutput, Result, VigilError } from '../../../electron/contract/index.ts';

/** The renderer's only way to the core; IPC in Electron, HTTP in browser mode, HTTPS with a session on a team server. */
export interface ApiClient {
  readonly transport: 'ipc' | 'http' | 'team';
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
}

/** A refusal from the core, carried as an exception inside the renderer for TanStack Query. */
export class ApiError extends Error {
  readonly error: VigilError;
  constructor(error: VigilError) {
    super(error.message);
    this.name = 'ApiError';
    this.error = error;
  }
}

export function unwrap<T>(result: Result<unknown>): T {
  if (!result.ok) throw new ApiError(result.error);
  return result.value as T;
}
