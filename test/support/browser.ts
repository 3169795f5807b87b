import { spawn } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type BrowserContext } from 'playwright-core';

/** Launch flags that work on the CI machines (DESIGN §8). */
export const browserArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/** The repository root (kept local: importing core-fixture would load the whole core). */
export const repoRoot = join(import.meta.dirname, '..', '..');
export const cliPath = join(repoRoot, 'dist', 'electron', 'cli.cjs');

function candidatePaths(env: NodeJS.ProcessEnv): string[] {
  const windowsRoots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(
    (root): root is string => typeof root === 'string' && root !== '',
  );
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/microsoft-edge',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ...windowsRoots.flatMap((root) => [
      join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
    ]),
  ];
}

/**
 * A Chromium-family browser to drive: VIGIL_BROWSER when set (returned as given, so a wrong
 * value fails loudly at launch rather than skipping), else the first well-known install found.
 */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string | null {
  const chosen = env.VIGIL_BROWSER;
  if (chosen) return chosen;
  return candidatePaths(env).find((path) => existsSync(path)) ?? null;
}

/** CI sets VIGIL_REQUIRE_BROWSER=1 so a missing browser fails instead of skipping. */
export function browserRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.VIGIL_REQUIRE_BROWSER === '1';
}

export interface LaunchedBrowser {
  context: BrowserContext;
  executablePath: string;
  close(): Promise<void>;
}

/**
 * Chromium's flag trusting exactly one certificate (a test server's self-signed one) by the
 * SHA-256 of its public key, rather than ignoring every certificate error.
 */
export function trustCertificateArg(certPem: string): string {
  const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return `--ignore-certificate-errors-spki-list=${createHash('sha256').update(spki).digest('base64')}`;
}

/** Headless Chromium with a fresh profile in a temp directory, removed on close; `trustCertificate` (PEM) for a team server's test certificate. */
export async function launchBrowser(executablePath = findBrowser(), options: { trustCertificate?: string } = {}): Promise<LaunchedBrowser> {
  if (!executablePath) throw new Error('No Chromium-family browser found; set VIGIL_BROWSER to its executable.');
  const userDataDir = mkdtempSync(join(tmpdir(), 'vigil-browser-'));
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      // As a user who asks for less motion: dialogs open without an animation, so an action is
      // never aimed at a control still sliding into place (a loaded machine stretches them).
      reducedMotion: 'reduce',
      executablePath,
      headless: true,
      args: [...browserArgs, ...(options.trustCertificate ? [trustCertificateArg(options.trustCertificate)] : [])],
      timeout: 120_000,
    });
    return {
      context,
      executablePath,
      async close() {
        try {
          await context.close();
        } finally {
          rmSync(userDataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
}

export interface ServeProcess {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Calls a method of a `vigil serve` over HTTP with its launch token, as the page does: what a
 * test compares the page with. A refusal throws, naming the method and the error.
 */
export function serveRpc(serve: Pick<ServeProcess, 'url'>): <T>(method: string, input: unknown) => Promise<T> {
  const url = new URL(serve.url);
  const token = url.hash.replace(/^#token=/, '');
  return async <T>(method: string, input: unknown): Promise<T> => {
    const response = await fetch(`${url.origin}/rpc/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(input),
    });
    const body = (await response.json()) as { ok: boolean; value: T; error?: unknown };
    if (!body.ok) throw new Error(`${method} refused: ${JSON.stringify(body.error)}`);
    return body.value;
  };
}

/**
 * An app folder at `root` whose templates/ is a copy of `templatesDir`: the built CLI and pages
 * copied from the checkout (the CLI finds templates/ beside itself), node_modules linked.
 * Returns the path of its CLI, for `startServe`.
 */
export function appWithTemplates(root: string, templatesDir: string): string {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run "npm run build" first.`);
  mkdirSync(join(root, 'dist', 'electron'), { recursive: true });
  copyFileSync(join(repoRoot, 'package.json'), join(root, 'package.json'));
  copyFileSync(cliPath, join(root, 'dist', 'electron', 'cli.cjs'));
  cpSync(join(repoRoot, 'dist', 'renderer'), join(root, 'dist', 'renderer'), { recursive: true });
  cpSync(templatesDir, join(root, 'templates'), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'junction');
  return join(root, 'dist', 'electron', 'cli.cjs');
}

/**
 * `vigil serve --json` on a database, from the built CLI (or the one `appWithTemplates` made).
 * Resolves once the server printed its address (the first stdout line).
 */
export function startServe(dbPath: string, timeoutMs = 15_000, cli = cliPath): Promise<ServeProcess> {
  if (!existsSync(cli)) {
    return Promise.reject(new Error(`${cli} is missing: run "npm run build" first.`));
  }
  const child = spawn(process.execPath, [cli, 'serve', '--db', dbPath, '--port', '0', '--json'], {
    cwd: join(cli, '..', '..', '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    stderr += text;
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };

  return new Promise<ServeProcess>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    let settled = false;
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      lines.close();
      void stop().finally(() => reject(new Error(`${message}${stderr ? `\nstderr:\n${stderr}` : ''}`)));
    };
    const timer = setTimeout(() => fail(`vigil serve printed no address within ${timeoutMs} ms`), timeoutMs);
    child.once('error', (error) => fail(`vigil serve could not start: ${error.message}`));
    child.once('exit', (code, signal) => fail(`vigil serve exited early (code ${String(code)}, signal ${String(signal)})`));
    lines.once('line', (line) => {
      let parsed: { url?: unknown; port?: unknown };
      try {
        parsed = JSON.parse(line) as { url?: unknown; port?: unknown };
      } catch {
        fail(`vigil serve printed something other than JSON: ${line}`);
        return;
      }
      if (typeof parsed.url !== 'string' || typeof parsed.port !== 'number') {
        fail(`vigil serve printed no url/port: ${line}`);
        return;
      }
      settled = true;
      clearTimeout(timer);
      lines.close();
      // Keep draining stdout so the child never blocks on a full pipe.
      child.stdout.resume();
      resolve({ url: parsed.url, port: parsed.port, stop });
    });
  });
}
