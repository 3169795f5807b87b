import { contract, isMethodName, type ActingAs } from '../../../electron/contract/index.ts';
import type { ApiClient } from './api-client.ts';

/**
 * The client every page uses: a call to a method whose contract names the person acting
 * (acting is not 'none' nor 'administrator') carries `by` — the person chosen under "Acting as" — unless the page
 * set it. The core checks the person and role; pages need not remember to pass them.
 */
export function withActing(client: ApiClient, current: () => ActingAs | null): ApiClient {
  // On a team server the signed-in account acts and the server derives the role: nothing to add.
  if (client.transport === 'team') return client;
  return {
    transport: client.transport,
    call(method, input) {
      const by = current();
      const names = isMethodName(method) && contract[method].acting !== 'none' && contract[method].acting !== 'administrator';
      if (!by || !names || typeof input !== 'object' || input === null || 'by' in input) return client.call(method, input);
      return client.call(method, { ...input, by } as typeof input);
    },
  };
}
