import type { MethodName, MethodOutput, Result } from '../../../electron/contract/index.ts';
import { ApiError, unwrap, type ApiClient } from './api-client.ts';

export type VigilBridge = Record<string, ((input?: unknown) => Promise<Result<unknown>>) | undefined>;

export function createIpcClient(bridge: VigilBridge): ApiClient {
  return {
    transport: 'ipc',
    async call(method, input) {
      const fn = bridge[method];
      if (!fn) throw new ApiError({ code: 'UNKNOWN_METHOD', message: `The desktop bridge has no method "${method}".` });
      return unwrap<MethodOutput<typeof method & MethodName>>(await fn(input));
    },
  };
}
