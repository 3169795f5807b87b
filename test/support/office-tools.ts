// The real word processors and readers the export tests check documents with. Where they are
// missing the tests skip, except in CI: `.ci/run` installs them and sets VIGIL_REQUIRE_OFFICE=1,
// so a missing tool fails the run instead of passing it silently.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/**
 * Opens a .docx in LibreOffice and saves it again as .docx (`soffice --headless --convert-to
 * docx`), as a vendor filling a questionnaire in LibreOffice would. Its own profile directory,
 * so parallel runs do not share one.
 */
export function resaveWithLibreOffice(docx: Uint8Array): Buffer {
  if (soffice === null) throw new Error('LibreOffice (soffice) is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'vigil-lo-resave-'));
  try {
    const input = join(dir, 'in', 'questionnaire.docx');
    mkdirSync(join(dir, 'in'));
    writeFileSync(input, docx);
    const run = spawnSync(soffice, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'docx', '--outdir', join(dir, 'out'), input], { encoding: 'utf8', timeout: 280_000 });
    if (run.status !== 0) throw new Error(`LibreOffice could not save the document: ${run.stderr}`);
    return readFileSync(join(dir, 'out', 'questionnaire.docx'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
