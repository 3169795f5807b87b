import type { UtilityProcess } from 'electron';
import { fail, type Result } from '../contract/index.ts';
import type { CoreRequest, CoreResponse } from './utility/core-host-protocol.ts';

export interface CoreHostClient {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  stop(): void;
}

/**
 * Talks to the core running in a utility process, so SQLite and document building never
 * block the window. Requests are matched to replies by id.
 */
export function connectCoreHost(child: UtilityProcess, actor: string): CoreHostClient {
  let nextId = 1;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  // Once the child has gone, messages to it vanish silently: answer at once instead of hanging.
  let stopped: Result<unknown> | null = null;

  child.on('message', (message: CoreResponse) => {
    const resolve = pending.get(message.id);
    if (!resolve) return;
    pending.delete(message.id);
    resolve(message.result);
  });
  child.on('exit', () => {
    const reason = fail('INTERNAL', 'The Vigil core stopped unexpectedly. Restart Vigil to continue.');
    stopped = reason;
    for (const resolve of pending.values()) resolve(reason);
    pending.clear();
  });

  return {
    call(method, input) {
      if (stopped) return Promise.resolve(stopped);
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        const request: CoreRequest = { id, method, input, actor };
        child.postMessage(request);
      });
    },
    stop: () => {
      child.kill();
    },
  };
}
