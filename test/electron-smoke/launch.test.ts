// Electron smoke test: runs only where the Electron binary is installed (DESIGN §8: it cannot be
// downloaded here). The binary is found the way node_modules/electron/index.js finds it, but
// without require('electron'), which would try to download a missing binary.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ElectronApplication } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../support/core-fixture.ts';

function findElectronBinary(): string | null {
  const packageDir = join(repoRoot, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  if (relative === '') return null;
  const binary = join(packageDir, 'dist', relative);
  return existsSync(binary) ? binary : null;
}

const binary = findElectronBinary();
const mainBundle = join(repoRoot, 'dist', 'electron', 'main.cjs');
const suiteName = binary ? 'Electron smoke' : 'Electron smoke (skipped: Electron binary not installed)';

describe.skipIf(!binary)(suiteName, () => {
  let app: ElectronApplication | null = null;
  let data: ReturnType<typeof tempDir> | null = null;

  afterAll(async () => {
    await app?.close();
    data?.cleanup();
  });

  it('opens the inventory in a sandboxed app:// window that exposes only the bridge', { timeout: 90_000 }, async () => {
    if (!binary) throw new Error('unreachable: the suite is skipped without a binary');
    expect(existsSync(mainBundle), `${mainBundle} is missing: run \`npm run build\` first`).toBe(true);

    data = tempDir('vigil-electron-smoke-');
    const { _electron } = await import('playwright-core');
    // Chromium's sandbox refuses to start as root; the renderer stays context-isolated either way.
    const rootFlags = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    app = await _electron.launch({
      executablePath: binary,
      args: [...rootFlags, 'dist/electron/main.cjs', '--db', join(data.dir, 'smoke.db')],
      cwd: repoRoot,
      timeout: 60_000,
    });

    const page = await app.firstWindow({ timeout: 60_000 });
    await page.waitForLoadState('domcontentloaded');
    expect(page.url().startsWith('app://vigil/')).toBe(true);

    const heading = page.getByRole('heading', { name: 'Portfolio dashboard' });
    await heading.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await heading.isVisible()).toBe(true);

    const exposed = await page.evaluate(() => {
      const scope = window as unknown as Record<string, unknown>;
      const vigil = scope.vigil as Record<string, unknown> | undefined;
      return {
        hasVigil: typeof vigil === 'object' && vigil !== null,
        listType: typeof vigil?.['systems.list'],
        requireType: typeof scope.require,
        processType: typeof scope.process,
      };
    });
    expect(exposed).toEqual({
      hasVigil: true,
      listType: 'function',
      requireType: 'undefined',
      processType: 'undefined',
    });

    await app.close();
    app = null;
  });
});
