// The register's "Monitoring after go-live" section as a reader's tools see it: python-docx finds
// each chart as a PNG picture with its alt text, and after it a table with the same values
// (breaches in words); a register without monitoring has no such section or pictures; a chart
// that cannot be drawn leaves its table and a sentence saying so; LibreOffice opens the result.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChartNotDrawn } from '../../../electron/core/export/charts/render-png.ts';
import { buildRegisterDocument } from '../../../electron/core/export/register-document.ts';
import { checkDocxXml } from '../../../electron/core/export/word/check-docx-xml.ts';
import { monitoringMonths, sepsisMonitoring, withMonitoring } from '../../support/monitoring-fixture.ts';
import { pdftotext, python, soffice } from '../../support/office-tools.ts';
import { readPicturesWithPythonDocx, type DocxBlock, type DocxPicture } from '../../support/read-docx.ts';
import { committeeRegister } from '../../support/register-model-fixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'vigil-monitoring-docx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (docx: Uint8Array) => readPicturesWithPythonDocx(python ?? 'python3', docx);
type Block = DocxBlock;
type Shape = DocxPicture;

const charts = (shapes: Shape[]) => shapes.filter((s) => s.name.startsWith('Monitoring chart'));
const tableAfter = (blocks: Block[], at: number) => blocks.slice(at).find((b): b is Extract<Block, { type: 'table' }> => b.type === 'table');

describe.skipIf(!python)(`monitoring charts in the register, read by python-docx (${python ?? 'python-docx not installed: skipped'})`, () => {
  const monitoring = sepsisMonitoring();
  let withCharts: Uint8Array;
  let doc: { blocks: Block[]; shapes: Shape[] };

  beforeAll(async () => {
    withCharts = await buildRegisterDocument(withMonitoring(committeeRegister()));
    doc = read(withCharts);
  }, 120_000);

  it('holds one PNG chart per metric with criteria, of a sensible size, with alt text saying what it shows', async () => {
    await checkDocxXml(withCharts, 'The risk register');
    const shapes = charts(doc.shapes);
    expect(shapes.map((s) => s.title)).toEqual(['Sensitivity by month, Oct 2025 to Sep 2026', 'PPV by month, Oct 2025 to Sep 2026']);
    for (const s of shapes) {
      expect(s.contentType).toBe('image/png');
      expect(s.signature).toBe('89504e470d0a1a0a');
      expect(s.px[0]).toBe(1200);
      expect(s.px[1]).toBeGreaterThan(500);
      expect(s.px[1]).toBeLessThan(1000);
      // 15.9 cm wide on a 17 cm text width, proportions kept.
      expect(s.cm[0]).toBeCloseTo(15.9, 0);
      expect(s.cm[1] / s.cm[0]).toBeCloseTo(s.px[1] / s.px[0], 1);
      expect(s.descr.startsWith(`${s.title}. `)).toBe(true);
    }
    expect(shapes[0]?.descr).toContain('one line for overall and 3 subgroups');
    expect(shapes[0]?.descr).toContain('at least 0.80 (Overall, age: 65+)');
    expect(shapes[0]?.descr).toContain('Outside the limits: age: 65+ in Aug 2026 and Sep 2026.');
    expect(shapes[1]?.descr).toContain('Every value is within the limits.');
  });

  it('puts after each chart a table of the same values, month by subgroup, breaches in words', () => {
    const { blocks } = doc;
    const at = blocks.findIndex((b) => b.type === 'p' && b.pictures.includes('Monitoring chart 1'));
    expect(at).toBeGreaterThan(0);
    expect(blocks[at + 1]).toMatchObject({ style: 'Figure Caption', text: 'Figure 1: Sensitivity by month, Oct 2025 to Sep 2026, Sepsis early warning. The table below gives the same values.' });
    const table = tableAfter(blocks, at);
    expect(table?.rows[0]).toEqual(['Month', 'Overall', 'age: 65+', 'sex: female', 'site: north']);
    expect(table?.rows.slice(1).map((r) => r[0]?.replace(/\u00A0/g, ' '))).toEqual(['Oct 2025', 'Nov 2025', 'Dec 2025', 'Jan 2026', 'Feb 2026', 'Mar 2026', 'Apr 2026', 'May 2026', 'Jun 2026', 'Jul 2026', 'Aug 2026', 'Sep 2026']);
    monitoring.series
      .filter((s) => s.metric === 'sensitivity')
      .forEach((s, column) => {
        s.points.forEach((p, i) => {
          const cell = table?.rows[i + 1]?.[column + 1] ?? '';
          expect(cell.startsWith(`${p.value.toFixed(3).replace(/0$/, '')} (n = ${p.n})`), `${s.subgroup} ${p.period}: ${cell}`).toBe(true);
          expect(cell.includes('outside the limit'), `${s.subgroup} ${p.period}: ${cell}`).toBe(p.breached);
        });
      });
    expect(table?.rows[11]?.[2]).toMatch(/^0\.7\d+ \(n = 210\): outside the limit, below 0\.80$/);
    const ppv = tableAfter(blocks, blocks.findIndex((b) => b.type === 'p' && b.pictures.includes('Monitoring chart 2')));
    expect(ppv?.rows[0]).toEqual(['Month', 'Overall']);
    expect(ppv?.rows).toHaveLength(monitoringMonths.length + 1);
  });

  it('states the criteria in force and where they come from, the data status and the breaches', () => {
    const { blocks } = doc;
    const start = blocks.findIndex((b) => b.type === 'p' && b.style === 'Heading 1' && b.text === 'Monitoring after go-live');
    expect(start).toBeGreaterThan(0);
    const section = blocks.slice(start, blocks.findIndex((b, i) => i > start && b.type === 'p' && b.style === 'Heading 1'));
    const texts = section.flatMap((b) => (b.type === 'p' ? [b.text] : []));
    expect(texts).toContain('Sepsis early warning');
    expect(texts).toContain('Latest month with data: Sep 2026 (12 monitoring files imported, the latest on 2026-10-03 08:00 UTC).');
    expect(texts.some((t) => t.startsWith('The criteria in force come from the local validation assessment of 2025-09-12 (ASM-VAL-1), approved, recorded by Dr A. Osei (Assessor)'))).toBe(true);
    const criteria = section.find((b): b is Extract<Block, { type: 'table' }> => b.type === 'table');
    expect(criteria?.rows).toEqual([
      ['Metric', 'Subgroup', 'Limits', 'Why this limit'],
      ['Sensitivity', 'Overall', 'at least 0.80', 'Local validation: 0.86 (95% CI 0.83–0.89).'],
      ['Sensitivity', 'age: 65+', 'at least 0.80; within 0.05 of overall', 'Older patients were under-represented in the vendor study.'],
      ['PPV', 'Overall', 'at least 0.20', 'Alert fatigue above five alerts per true case.'],
    ]);
    expect(texts).toContain('Also imported, without acceptance criteria (not charted here; the values are in the app): AUROC.');
    for (const b of monitoring.breaches) expect(texts).toContain(`•\t${b.words}`);
  });

  it('has no monitoring section and no chart pictures when no system has monitoring', async () => {
    const plain = read(await buildRegisterDocument(committeeRegister()));
    expect(charts(plain.shapes)).toEqual([]);
    // The cover logo is the only picture.
    expect(plain.shapes.map((s) => s.name)).toEqual(['Logo']);
    expect(plain.blocks.some((b) => b.type === 'p' && b.text === 'Monitoring after go-live')).toBe(false);
  });

  it('gives a system with criteria but no data its criteria and says the data is overdue, with no chart', async () => {
    const waiting = sepsisMonitoring({ series: [], breaches: [], latestPeriod: null, overdue: true, imports: { count: 0, latestAt: null } });
    const { blocks, shapes } = read(await buildRegisterDocument(withMonitoring(committeeRegister(), [waiting])));
    expect(charts(shapes)).toEqual([]);
    const texts = blocks.flatMap((b) => (b.type === 'p' ? [b.text] : []));
    expect(texts).toContain('No monitoring data has been imported yet, and it is overdue: the criteria ask for a monthly review.');
    expect(texts).toContain('None: no monitoring data yet.');
    expect(blocks.filter((b) => b.type === 'table' && b.rows[0]?.[0] === 'Metric')).toHaveLength(1);
  });

  it('says when a chart could not be drawn and still gives its table', async () => {
    const refuse = () => Promise.reject(new ChartNotDrawn('no font on this computer could draw the chart’s text'));
    const docx = await buildRegisterDocument(withMonitoring(committeeRegister()), undefined, refuse);
    await checkDocxXml(docx, 'The risk register');
    const { blocks, shapes } = read(docx);
    expect(charts(shapes)).toEqual([]);
    const at = blocks.findIndex((b) => b.type === 'p' && b.text.startsWith('Figure 1: the chart "Sensitivity by month, Oct 2025 to Sep 2026" could not be drawn on this computer (no font'));
    expect(at).toBeGreaterThan(0);
    expect(tableAfter(blocks, at)?.rows).toHaveLength(13);
  });

  it('keeps a hostile subgroup name from an imported file exact and the document well-formed', async () => {
    const hostile = 'age:<65 & "x" \u202Eevil';
    const docx = await buildRegisterDocument(withMonitoring(committeeRegister(), [sepsisMonitoring({}, hostile)]));
    await checkDocxXml(docx, 'The risk register');
    const { blocks, shapes } = read(docx);
    expect(charts(shapes)).toHaveLength(2);
    expect(charts(shapes)[0]?.descr).toContain('age: <65 & "x" \u202Eevil in Aug 2026 and Sep 2026');
    const table = tableAfter(blocks, blocks.findIndex((b) => b.type === 'p' && b.pictures.includes('Monitoring chart 1')));
    expect(table?.rows[0]?.[1]).toBe('Overall');
    expect(table?.rows[0]).toContain('age: <65 & "x" \u202Eevil');
  });
});

describe.skipIf(!soffice)(`the register with monitoring charts in LibreOffice (${soffice ?? 'soffice not installed: skipped'})`, () => {
  it('converts to PDF with the charts and their tables', async () => {
    const file = join(dir, 'charts.docx');
    writeFileSync(file, await buildRegisterDocument(withMonitoring(committeeRegister())));
    const run = spawnSync(soffice ?? 'soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { encoding: 'utf8', timeout: 280_000 });
    expect(run.status, run.stderr).toBe(0);
    const pdf = readFileSync(join(dir, 'charts.pdf'));
    // Two chart pictures (and the logo) as image XObjects.
    expect(pdf.toString('latin1').match(/\/Subtype\s*\/Image/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
    if (pdftotext) {
      const text = spawnSync(pdftotext, [join(dir, 'charts.pdf'), '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout;
      expect(text).toContain('Monitoring after go-live');
      expect(text).toContain('outside the limit');
    }
  }, 300_000);
});
