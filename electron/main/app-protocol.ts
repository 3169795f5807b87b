import type { Protocol } from 'electron';
import { readStaticFile, resolveStaticFile } from '../host/static-files.ts';

export const appScheme = 'app';

/** Must run before `app.whenReady()`: app:// behaves like a secure, standard origin. */
export function registerAppScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Serves the built renderer at app://vigil/ and nothing else: other hosts and any path that
 * would leave the renderer folder get 404.
 */
export function serveAppProtocol(protocol: Protocol, rendererDir: string, csp: string): void {
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    const found = url.host === 'vigil' ? await resolveStaticFile(rendererDir, url.pathname) : null;
    if (!found) return new Response('Not found', { status: 404 });
    const bytes = await readStaticFile(found.file);
    return new Response(new Uint8Array(bytes), {
      status: 200,
      headers: { 'Content-Type': found.mediaType, 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' },
    });
  });
}
