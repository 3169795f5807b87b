// The documents open in a real word processor: LibreOffice converts a 40-risk register and the
// vendor questionnaire to PDF, each more than one page. Skipped where LibreOffice is absent.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildQuestionnaireDocument } from '../../../electron/core/export/questionnaire-document.ts';
import { buildRegisterDocument } from '../../../electron/core/export/register-document.ts';
import { docxText } from '../../support/read-docx.ts';
import { committeeRegister, questionnaireModel, syntheticRegister } from '../../support/register-model-fixture.ts';
import { pdftotext, soffice } from '../../support/office-tools.ts';

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

// What LibreOffice prints of a committee's register: contents with page numbers that are the
// pages the headings are on, heat maps without "0" in empty cells, and no id, label or column
// header broken mid-word. Needs LibreOffice and poppler's pdftotext; skipped without them.

describe.skipIf(!soffice || !pdftotext)('the register as LibreOffice prints it', () => {
  const model = committeeRegister({ withAnswers: true });
  let pages: string[] = [];
  let words: string[] = [];
  let docxWords = new Set<string>();

  beforeAll(async () => {
    const file = join(dir, 'committee.docx');
    const docx = await buildRegisterDocument(model);
    writeFileSync(file, docx);
    const run = spawnSync(soffice ?? 'soffice', [`-env:UserInstallation=file://${join(dir, 'profile-committee')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { encoding: 'utf8', timeout: 280_000 });
    expect(run.status, run.stderr).toBe(0);
    const text = (layout: boolean) => spawnSync(pdftotext ?? 'pdftotext', [...(layout ? ['-layout'] : []), join(dir, 'committee.pdf'), '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout;
    pages = text(true).split('\f');
    words = text(false).split(/\s+/).filter(Boolean);
    docxWords = new Set(docxText(docx).split(/\s+/));
  }, 300_000);

  /** The 1-based page a heading starts, after the contents pages. */
  const pageOf = (title: string, after: number) => pages.findIndex((page, i) => i >= after && page.split('\n').some((line) => line.trim() === title)) + 1;

  it('prints the contents with a page number on every line, the page each heading is on', () => {
    const contentsPage = pages.findIndex((p) => p.split('\n').some((line) => line.trim() === 'Contents'));
    expect(contentsPage).toBeGreaterThanOrEqual(0);
    const firstBodyPage = pages.findIndex((p, i) => i > contentsPage && p.split('\n').some((line) => line.trim() === 'Decision summary'));
    const lines = pages
      .slice(contentsPage, firstBodyPage)
      .flatMap((p) => p.split('\n'))
      .filter((line) => /\.{4,}/.test(line));
    expect(lines.length).toBeGreaterThanOrEqual(12);
    for (const line of lines) {
      const entry = /^\s*(.+?)\s*\.{4,}\s*(\d+)\s*$/.exec(line);
      expect(entry, `contents line without a page number: "${line}"`).not.toBeNull();
      const [, title = '', page = ''] = entry ?? [];
      expect(pageOf(title, firstBodyPage), title).toBe(Number(page));
    }
    for (const title of ['Decision summary', 'Systems in scope', 'Heat maps', 'Risk register', 'Risk detail', 'How risks are rated', 'Glossary of framework references', 'Document sign-off', 'Appendix: answers and evidence']) {
      expect(lines.some((line) => line.trim().startsWith(title)), title).toBe(true);
    }
  });

  it('leaves empty heat-map cells blank (no "0") and names the band in every cell', () => {
    for (const title of ['Inherent risk (before safeguards)', 'Residual risk (after safeguards)']) {
      // The page the heading is on (not the contents line naming it).
      const page = pages.find((p) => p.split('\n').some((line) => line.trim() === title)) ?? '';
      const map = page.slice(page.indexOf(title) + title.length);
      const grid = map.slice(0, map.indexOf('Catastrophic') + 'Catastrophic'.length);
      expect(grid.split(/\s+/)).not.toContain('0');
      expect(grid).toContain('Likelihood ↑');
      // Every impact label whole on its line.
      for (const label of model.matrix.impact) expect(grid.split(/\s+/), label).toContain(label);
    }
  });

  it('breaks no id, band, scale label or column header mid-word', () => {
    const whole = new Set<string>([
      ...model.risks.map((r) => r.id),
      ...model.glossary.map((g) => g.id),
      ...model.committee.systems.flatMap((s) => s.currentAssessments.map((a) => a.assessmentId)),
      ...model.matrix.bands.map((b) => b.label),
      ...model.matrix.likelihood,
      ...model.matrix.impact,
      ...['System', 'Threat', 'Inherent', 'Residual', 'controls', 'Owner', 'Treatment', 'Status', 'Source', 'assessment', 'Flags', 'Recommendation', 'Vendor', 'Intended', 'Overall', 'Signature', 'Decision', 'conditions', 'Committee', 'Reviewer'],
    ]);
    const broken = words.filter((w) => !whole.has(w) && !docxWords.has(w) && [...whole].some((t) => w.length >= 2 && w.length < t.length && (t.startsWith(w) || t.endsWith(w))));
    expect(broken).toEqual([]);
  });
});
