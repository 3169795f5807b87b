/**
 * One Content-Security-Policy for the Electron window and browser mode. No inline or eval
 * script anywhere. Styles allow 'unsafe-inline' because Mantine sets CSS variables and style
 * attributes at run time; scripts stay locked to the app's own files.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "worker-src 'none'",
  "manifest-src 'self'",
].join('; ');
