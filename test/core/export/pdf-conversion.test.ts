// The documents open in a real word processor: LibreOffice converts a 40-risk register and the
// vendor questionnaire to PDF, each more than one page. Skipped where LibreOffice is absent.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildQuestionnaireDocument } from '../../../electron/core/export/questionnaire-document.ts';
import { buildRegisterDocument } from '../../../electron/core/export/register-document.ts';
import { questionnaireModel, syntheticRegister } from '../../support/register-model-fixture.ts';

const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice', '/Applications/LibreOffice.app/Contents/MacOS/soffice'].find((p) => existsSync(p));
const dir = mkdtempSync(join(tmpdir(), 'vigil-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Pages in a PDF: its page objects ("/Type /Page", not "/Pages"). */
const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;

describe.skipIf(!soffice)(`PDF conversion with LibreOffice (${soffice ?? 'soffice not installed: skipped'})`, () => {
  it('converts a 40-risk register and the vendor questionnaire to multi-page PDFs', async () => {
    const register = join(dir, 'register.docx');
    const questionnaire = join(dir, 'questionnaire.docx');
    writeFileSync(register, await buildRegisterDocument(syntheticRegister({ risks: 40, systems: 3, answersPerAssessment: 10 })));
    writeFileSync(questionnaire, await buildQuestionnaireDocument(questionnaireModel()));
    // A profile of its own, so parallel runs (and a desktop LibreOffice) do not clash; one
    // process converts both files.
    const profile = `file://${join(dir, 'profile')}`;
    const run = spawnSync(soffice ?? 'soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, register, questionnaire], { encoding: 'utf8', timeout: 280_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(pageCount(readFileSync(join(dir, 'register.pdf')))).toBeGreaterThan(10);
    expect(pageCount(readFileSync(join(dir, 'questionnaire.pdf')))).toBeGreaterThan(1);
  }, 300_000);
});
