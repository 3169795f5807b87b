// Sandboxed preload: bundled into one file, it may only require 'electron'.
import { contextBridge, ipcRenderer } from 'electron';
import type { Result } from '../contract/errors.ts';
import { buildBridge } from './build-bridge.ts';

// Kept in step with ipc-bridge.ts by test/electron/preload.test.ts.
const rpcChannel = 'vigil:rpc';
const teamServerChannel = 'vigil:team-server';

contextBridge.exposeInMainWorld(
  'vigil',
  buildBridge((channel, method, input) => ipcRenderer.invoke(channel, method, input) as Promise<Result<unknown>>, rpcChannel, teamServerChannel),
);
