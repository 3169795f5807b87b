import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FuseV1Options } from '@electron/fuses';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { build: { electronFuses?: Record<string, boolean> } };

/**
 * The fuses electron-builder flips in the packaged binary (issue 18, item 9): no Node mode, no
 * NODE_OPTIONS or --inspect, cookies encrypted, the app only from its integrity-checked asar,
 * and file:// pages no more privileged than in a browser.
 */
const required: Record<keyof typeof FuseV1Options, boolean> = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  LoadBrowserProcessSpecificV8Snapshot: false,
  GrantFileProtocolExtraPrivileges: false,
};

// electron-builder's `electronFuses` keys are @electron/fuses' option names in camelCase.
const fuseName = (key: string) => `${key.charAt(0).toUpperCase()}${key.slice(1)}`;

describe('Electron fuses in the packaged build', () => {
  const fuses = packageJson.build.electronFuses ?? {};

  it('sets every fuse @electron/fuses knows, each to the required value', () => {
    const set = Object.fromEntries(Object.entries(fuses).map(([key, value]) => [fuseName(key), value]));
    const known = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k)));
    expect(Object.keys(set).sort()).toEqual([...known].sort());
    expect(set).toEqual(required);
  });

  it('names only fuses that exist (a misspelt key would be ignored by the packager)', () => {
    for (const key of Object.keys(fuses)) expect(FuseV1Options, key).toHaveProperty(fuseName(key));
  });

  it('never needs Node mode: the main process starts the core as a utility process, not by forking Node', () => {
    const mainDir = join(root, 'electron', 'main');
    const sources = readdirSync(mainDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(sources.length).toBeGreaterThan(3);
    for (const file of sources) {
      const text = readFileSync(join(mainDir, file), 'utf8');
      expect(text, file).not.toMatch(/ELECTRON_RUN_AS_NODE|from 'node:child_process'|require\('child_process'\)/);
    }
  });
});
