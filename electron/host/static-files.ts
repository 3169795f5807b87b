import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const mediaTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Resolves a URL path to a file inside `root`, or null when it would escape it or does not
 * exist. Shared by browser mode and Electron's app:// protocol.
 */
export async function resolveStaticFile(
  root: string,
  urlPath: string,
): Promise<{ file: string; mediaType: string } | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const rootNormal = normalize(root + sep);
  const file = normalize(join(root, relative));
  if (!file.startsWith(rootNormal)) return null;
  try {
    const info = await stat(file);
    if (!info.isFile()) return null;
  } catch {
    return null;
  }
  return { file, mediaType: mediaTypes[extname(file).toLowerCase()] ?? 'application/octet-stream' };
}

export const readStaticFile = (file: string): Promise<Buffer> => readFile(file);
