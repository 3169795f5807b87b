import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy } from '../../../electron/contract/content-security-policy.ts';
import { appOrigin, isAppUrl, lockSession, lockWebContents } from '../../../electron/main/web-contents-locks.ts';

vi.mock('electron', () => ({}));

interface FakeEvent {
  preventDefault: ReturnType<typeof vi.fn>;
}
type ContentsListener = (event: FakeEvent, ...args: unknown[]) => void;
type WindowOpenHandler = (details: { url: string }) => { action: string };

function fakeWebContents() {
  const listeners = new Map<string, ContentsListener[]>();
  let openHandler: WindowOpenHandler | null = null;
  const fake = {
    on(event: string, listener: ContentsListener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return fake;
    },
    setWindowOpenHandler(handler: WindowOpenHandler) {
      openHandler = handler;
    },
  };
  return {
    contents: fake as unknown as WebContents,
    listeners,
    /** Fires `event` at every listener with a fresh fake event; returns that event. */
    emit(event: string, ...args: unknown[]): FakeEvent {
      const fakeEvent: FakeEvent = { preventDefault: vi.fn() };
      for (const listener of listeners.get(event) ?? []) listener(fakeEvent, ...args);
      return fakeEvent;
    },
    openWindow(url: string) {
      if (!openHandler) throw new Error('no window open handler was set');
      return openHandler({ url });
    },
  };
}

describe('lockWebContents', () => {
  it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('prevents %s', (eventName) => {
    const fake = fakeWebContents();
    lockWebContents(fake.contents);
    expect(fake.listeners.get(eventName)).toHaveLength(1);
    const event = fake.emit(eventName, 'https://example.com/');
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
  });

  it('prevents navigation even to the app itself (the app is a single page)', () => {
    const fake = fakeWebContents();
    lockWebContents(fake.contents);
    expect(fake.emit('will-navigate', 'app://vigil/index.html').preventDefault).toHaveBeenCalled();
  });

  it.each(['https://example.com', 'http://127.0.0.1:8080/', 'app://vigil/index.html', 'file:///etc/passwd', 'about:blank'])(
    'denies window.open(%s)',
    (url) => {
      const fake = fakeWebContents();
      lockWebContents(fake.contents);
      expect(fake.openWindow(url)).toEqual({ action: 'deny' });
    },
  );
});

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details?: unknown,
) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, origin: string, details?: unknown) => boolean;
type BeforeRequestListener = (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void;
interface HeadersResponse {
  responseHeaders?: Record<string, string | string[]>;
}
type HeadersReceivedListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: HeadersResponse) => void,
) => void;

function fakeSession() {
  const captured: {
    request?: PermissionRequestHandler;
    check?: PermissionCheckHandler;
    beforeRequest?: BeforeRequestListener;
    headersReceived?: HeadersReceivedListener;
  } = {};
  const fake = {
    setPermissionRequestHandler: (handler: PermissionRequestHandler) => {
      captured.request = handler;
    },
    setPermissionCheckHandler: (handler: PermissionCheckHandler) => {
      captured.check = handler;
    },
    webRequest: {
      onBeforeRequest: (listener: BeforeRequestListener) => {
        captured.beforeRequest = listener;
      },
      onHeadersReceived: (listener: HeadersReceivedListener) => {
        captured.headersReceived = listener;
      },
    },
  };
  lockSession(fake as unknown as Session, contentSecurityPolicy);
  const need = <T>(value: T | undefined, what: string): T => {
    if (!value) throw new Error(`lockSession did not set ${what}`);
    return value;
  };
  return {
    request: need(captured.request, 'a permission request handler'),
    check: need(captured.check, 'a permission check handler'),
    beforeRequest: need(captured.beforeRequest, 'onBeforeRequest'),
    headersReceived: need(captured.headersReceived, 'onHeadersReceived'),
  };
}

const permissions = [
  'media',
  'geolocation',
  'notifications',
  'clipboard-read',
  'clipboard-sanitized-write',
  'display-capture',
  'fullscreen',
  'midi',
  'midiSysex',
  'openExternal',
  'pointerLock',
  'hid',
  'serial',
  'usb',
  'fileSystem',
  'window-management',
  'idle-detection',
  'speaker-selection',
  'storage-access',
  'unknown',
];

describe('lockSession', () => {
  it.each(permissions)('refuses the %s permission request', (permission) => {
    const { request } = fakeSession();
    const callback = vi.fn();
    request({}, permission, callback, { requestingUrl: 'app://vigil/index.html' });
    expect(callback).toHaveBeenCalledTimes(1);
    expect(callback).toHaveBeenCalledWith(false);
  });

  it.each(permissions)('answers false to a %s permission check', (permission) => {
    const { check } = fakeSession();
    expect(check({}, permission, 'app://vigil', {})).toBe(false);
  });

  it.each([
    'https://example.com',
    'https://example.com/track.gif',
    'http://127.0.0.1',
    'http://127.0.0.1:5173/index.html',
    'http://localhost/',
    'ws://127.0.0.1:9229/',
    'file:///etc/passwd',
    'app://other-host/index.html',
    'app://vigil.evil.example/index.html',
    'blob:https://example.com/0b5e0a61-4a2e-4c4b-9d41-6b7a1c1f2e3d',
    'blob:null/0b5e0a61',
    'not a url',
  ])('cancels a request to %s', (url) => {
    const { beforeRequest } = fakeSession();
    const callback = vi.fn();
    beforeRequest({ url }, callback);
    expect(callback).toHaveBeenCalledWith({ cancel: true });
  });

  it.each([
    'app://vigil/index.html',
    'app://vigil/assets/index-abc.js',
    'app://vigil/',
    'blob:app://vigil/0b5e0a61-4a2e-4c4b-9d41-6b7a1c1f2e3d',
  ])('lets %s through', (url) => {
    const { beforeRequest } = fakeSession();
    const callback = vi.fn();
    beforeRequest({ url }, callback);
    expect(callback).toHaveBeenCalledWith({ cancel: false });
  });

  it('adds the CSP to every response and keeps the other headers', () => {
    const { headersReceived } = fakeSession();
    const callback = vi.fn<(response: HeadersResponse) => void>();
    headersReceived(
      { url: 'app://vigil/index.html', responseHeaders: { 'Content-Type': ['text/html'] } },
      callback,
    );
    expect(callback).toHaveBeenCalledTimes(1);
    const headers = callback.mock.calls[0]?.[0].responseHeaders;
    expect(headers?.['Content-Security-Policy']).toEqual([contentSecurityPolicy]);
    expect(headers?.['Content-Type']).toEqual(['text/html']);
  });

  it('adds the CSP when the response had no headers', () => {
    const { headersReceived } = fakeSession();
    const callback = vi.fn<(response: HeadersResponse) => void>();
    headersReceived({ url: 'app://vigil/index.html' }, callback);
    expect(callback.mock.calls[0]?.[0].responseHeaders).toEqual({ 'Content-Security-Policy': [contentSecurityPolicy] });
  });
});

describe('isAppUrl', () => {
  it('accepts only app://vigil (and devtools) URLs', () => {
    expect(appOrigin).toBe('app://vigil');
    expect(isAppUrl('app://vigil/index.html')).toBe(true);
    expect(isAppUrl('app://vigil:8080/index.html')).toBe(false);
    expect(isAppUrl('app://vigilx/index.html')).toBe(false);
    expect(isAppUrl('https://vigil/index.html')).toBe(false);
    expect(isAppUrl('')).toBe(false);
  });
});

describe('content security policy', () => {
  const directives = new Map(
    contentSecurityPolicy
      .split(';')
      .map((part) => part.trim())
      .filter((part) => part.length > 0)
      .map((part) => {
        const [name = '', ...values] = part.split(/\s+/);
        return [name.toLowerCase(), values] as const;
      }),
  );

  it('declares each directive once', () => {
    const names = contentSecurityPolicy.split(';').map((part) => part.trim().split(/\s+/)[0]?.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });

  it("allows scripts from the app's own files only", () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
  });

  it('never allows inline or eval script', () => {
    const scriptSrc = directives.get('script-src') ?? [];
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(scriptSrc).not.toContain("'wasm-unsafe-eval'");
    expect(scriptSrc).not.toContain("'unsafe-hashes'");
    expect(scriptSrc).not.toContain('*');
    expect(scriptSrc).not.toContain('data:');
    expect(scriptSrc).not.toContain('blob:');
    // script-src-elem / -attr would override script-src for their kinds; there must be none.
    expect(directives.has('script-src-elem')).toBe(false);
    expect(directives.has('script-src-attr')).toBe(false);
  });

  it.each([
    ['default-src', ["'none'"]],
    ['object-src', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
  ])('sets %s to %j', (name, value) => {
    expect(directives.get(name)).toEqual(value);
  });

  it('lets the page connect only to itself', () => {
    expect(directives.get('connect-src')).toEqual(["'self'"]);
  });
});
