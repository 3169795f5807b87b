// The real word processors and readers the export tests check documents with. Where they are
// missing the tests skip, except in CI: `.ci/run` installs them and sets VIGIL_REQUIRE_OFFICE=1,
// so a missing tool fails the run instead of passing it silently.
import { existsSync } from 'node:fs';
import { pythonWithDocx } from './read-docx.ts';

const firstExisting = (paths: readonly string[]) => paths.find((p) => existsSync(p)) ?? null;

function required<T>(tool: T | null, what: string): T | null {
  if (tool === null && process.env.VIGIL_REQUIRE_OFFICE === '1') {
    throw new Error(`${what} is required here (VIGIL_REQUIRE_OFFICE=1) but is not installed.`);
  }
  return tool;
}

export const soffice = required(firstExisting(['/usr/bin/soffice', '/usr/local/bin/soffice', '/Applications/LibreOffice.app/Contents/MacOS/soffice']), 'LibreOffice (soffice)');
export const pdftotext = required(firstExisting(['/usr/bin/pdftotext', '/usr/local/bin/pdftotext']), "poppler's pdftotext");
export const python = required(pythonWithDocx(), 'python3 with python-docx');
