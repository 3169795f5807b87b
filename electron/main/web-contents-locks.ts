import type { Session, WebContents } from 'electron';

/**
 * The renderer may never leave the app: no navigation, no new windows, no webviews. Applied to
 * every WebContents the app creates (via app 'web-contents-created'), not only the main window.
 */
export function lockWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export const appOrigin = 'app://vigil';

/** True for URLs Vigil serves itself; everything else is refused (the app runs offline). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'app:' && parsed.host === 'vigil') || parsed.protocol === 'devtools:';
  } catch {
    return false;
  }
}

/**
 * Requests the renderer may make: its own files, and blob: URLs it created itself (evidence
 * downloads). Nothing that leaves the machine.
 */
export function isAllowedRequest(url: string): boolean {
  if (url.startsWith('blob:')) return isAppUrl(url.slice('blob:'.length)) && url.startsWith('blob:app://');
  return isAppUrl(url);
}

/** No permission is ever granted and no request leaves the machine. */
export function lockSession(session: Session, csp: string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url) }));
  session.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } }),
  );
}
