import type { CustomScheme, Protocol } from 'electron';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy } from '../../../electron/contract/content-security-policy.ts';
import { appScheme, registerAppScheme, serveAppProtocol } from '../../../electron/main/app-protocol.ts';
import { tempDir } from '../../support/core-fixture.ts';

vi.mock('electron', () => ({}));

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

function fakeProtocol() {
  const registered: CustomScheme[][] = [];
  const handlers = new Map<string, ProtocolHandler>();
  const fake = {
    registerSchemesAsPrivileged: (schemes: CustomScheme[]) => {
      registered.push(schemes);
    },
    handle: (scheme: string, handler: ProtocolHandler) => {
      handlers.set(scheme, handler);
    },
  };
  return { protocol: fake as unknown as Protocol, registered, handlers };
}

describe('registerAppScheme', () => {
  it("registers 'app' once as a standard, secure scheme", () => {
    const { protocol, registered } = fakeProtocol();
    registerAppScheme(protocol);
    expect(appScheme).toBe('app');
    expect(registered).toHaveLength(1);
    const schemes = registered[0] ?? [];
    expect(schemes).toHaveLength(1);
    expect(schemes[0]?.scheme).toBe('app');
    expect(schemes[0]?.privileges?.standard).toBe(true);
    expect(schemes[0]?.privileges?.secure).toBe(true);
  });

  it('does not widen the scheme beyond what the app needs', () => {
    const { protocol, registered } = fakeProtocol();
    registerAppScheme(protocol);
    const privileges = registered[0]?.[0]?.privileges ?? {};
    expect(privileges.bypassCSP ?? false).toBe(false);
    expect(privileges.allowServiceWorkers ?? false).toBe(false);
    expect(privileges.corsEnabled ?? false).toBe(false);
  });
});

describe('serveAppProtocol', () => {
  const indexHtml = '<!doctype html><title>Vigil</title><div id="root"></div>';
  let root: { dir: string; cleanup: () => void };
  let rendererDir: string;
  let handler: ProtocolHandler;

  beforeAll(() => {
    root = tempDir('vigil-app-protocol-');
    rendererDir = join(root.dir, 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), indexHtml);
    writeFileSync(join(rendererDir, 'assets', 'index-abc.js'), 'console.log("vigil");');
    writeFileSync(join(rendererDir, 'assets', 'index-abc.css'), 'body{}');
    // Files next to the renderer folder that must never be served.
    writeFileSync(join(root.dir, 'secret.txt'), 'top secret');
    mkdirSync(join(root.dir, 'renderer-private'));
    writeFileSync(join(root.dir, 'renderer-private', 'secret.txt'), 'sibling secret');

    const fake = fakeProtocol();
    serveAppProtocol(fake.protocol, rendererDir, contentSecurityPolicy);
    expect([...fake.handlers.keys()]).toEqual(['app']);
    const captured = fake.handlers.get('app');
    if (!captured) throw new Error('serveAppProtocol registered no handler');
    handler = captured;
  });

  afterAll(() => root.cleanup());

  const get = async (url: string) => handler(new Request(url));

  it('serves index.html with the CSP, its content type and nosniff', async () => {
    const response = await get('app://vigil/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('Content-Security-Policy')).toBe(contentSecurityPolicy);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(await response.text()).toBe(indexHtml);
  });

  it('serves index.html for the bare origin', async () => {
    const response = await get('app://vigil/');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(indexHtml);
  });

  it.each([
    ['app://vigil/assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['app://vigil/assets/index-abc.css', 'text/css; charset=utf-8'],
  ])('serves %s as %s with the CSP', async (url, contentType) => {
    const response = await get(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe(contentType);
    expect(response.headers.get('Content-Security-Policy')).toBe(contentSecurityPolicy);
  });

  it.each([
    'app://other-host/index.html',
    'app://vigil.evil.example/index.html',
    'app://vigil:8080/index.html',
  ])('returns 404 for another host: %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('<title>Vigil</title>');
  });

  it.each([
    'app://vigil/../secret.txt',
    'app://vigil/%2e%2e%2fsecret.txt',
    'app://vigil/%2E%2E%2Fsecret.txt',
    'app://vigil/..%2fsecret.txt',
    'app://vigil/%2e%2e/secret.txt',
    'app://vigil/assets/..%2f..%2fsecret.txt',
    'app://vigil/..%2frenderer-private/secret.txt',
    'app://vigil/%2e%2e%2frenderer-private%2fsecret.txt',
    'app://vigil/%2fetc%2fpasswd',
    'app://vigil/index.html%00.png',
    'app://vigil/%E0%A4%A',
  ])('returns 404 for a path that would leave the renderer folder or is malformed: %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    const body = await response.text();
    expect(body).not.toContain('secret');
    expect(body).not.toContain('root:');
  });

  it.each(['app://vigil/missing.html', 'app://vigil/assets/', 'app://vigil/assets'])(
    'returns 404 for a missing file or a folder: %s',
    async (url) => {
      expect((await get(url)).status).toBe(404);
    },
  );
});
