// The register's monitoring section from end to end: a system's local validation sets criteria,
// a year of monitoring is imported through monitoring.import, and export.register (the real core,
// on the engine under test) writes a Word register whose charts and tables python-docx reads back
// with the values monitoring.summary holds; a system without monitoring gets no section.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportResult, MonitoringSummary } from '../../../electron/contract/index.ts';
import { monthsBetween, valueWords } from '../../../electron/core/export/charts/monitoring-chart-data.ts';
import { makeTestCore, type TestCore } from '../../support/core-fixture.ts';
import { addPeople, benignSystem } from '../../support/governance-fixture.ts';
import { docxText, readWithPythonDocx, type DocxBlock } from '../../support/read-docx.ts';
import { python } from '../../support/office-tools.ts';
import { zipEntryNames } from '../../support/read-docx.ts';
import { csv, monitoredSystem } from '../monitoring/monitoring-fixture.ts';

const bytesOf = (r: ExportResult) => Buffer.from(r.dataBase64 ?? '', 'base64');
// The test core's clock stands at 2026-03-01: a year up to February 2026.
const months = monthsBetween('2025-03', '2026-02');

let core: TestCore;
let systemId = '';
let plainId = '';
let summary: MonitoringSummary;
let register: Buffer;

beforeAll(async () => {
  core = makeTestCore();
  await addPeople(core);
  ({ systemId } = await monitoredSystem(core));
  plainId = (await core.call('systems.create', { ...benignSystem, name: 'Ambient scribe' })).id;
  const rows = months.flatMap((m, i) => {
    const age = i >= 10 ? 0.72 + i * 0.001 : 0.84 + (i % 3) * 0.005;
    return [
      `sensitivity,all,${m},${(0.86 + (i % 2) * 0.01).toFixed(3)},${1200 + i},Seismometer`,
      `sensitivity,age:65+,${m},${age.toFixed(3)},${200 + i},Seismometer`,
      `sensitivity,sex:female,${m},${(0.85 + (i % 4) * 0.004).toFixed(3)},${600 + i},Seismometer`,
      `alertRate,all,${m},${(0.12 + (i % 5) * 0.01).toFixed(3)},${9000 + i},EHR audit`,
    ];
  });
  await core.call('monitoring.import', { systemId, fileName: 'monitoring-2025-03-to-2026-02.csv', text: csv(...rows) });
  summary = await core.call('monitoring.summary', { systemId });
  register = bytesOf(await core.call('export.register', { systemIds: [systemId, plainId] }));
}, 300_000);
afterAll(() => core.dispose());

describe('the register of a monitored system, through the core', () => {
  it('carries one PNG chart per metric with criteria and data', () => {
    const media = zipEntryNames(register).filter((n) => n.startsWith('word/media/'));
    // The two charts (sensitivity, alert rate) and the cover logo.
    expect(media).toHaveLength(3);
    expect(summary.breaches.map((b) => b.period)).toEqual(['2026-02', '2026-01']);
  });

  it.skipIf(!python)('gives after each chart a table with the values monitoring.summary holds, and lists the breaches in words', () => {
    const blocks = readWithPythonDocx(python ?? 'python3', register);
    const start = blocks.findIndex((b) => b.type === 'p' && b.style === 'Heading 1' && b.text === 'Monitoring after go-live');
    expect(start).toBeGreaterThan(0);
    const end = blocks.findIndex((b, i) => i > start && b.type === 'p' && b.style === 'Heading 1');
    const section = blocks.slice(start, end);
    const texts = section.flatMap((b) => (b.type === 'p' ? [b.text] : []));
    // Only the monitored system has a part of the section.
    expect(section.filter((b) => b.type === 'p' && b.style === 'Heading 2').map((b) => (b.type === 'p' ? b.text : ''))).toEqual(['Sepsis watch']);
    expect(texts).toContain('Figure 1: Sensitivity by month, Mar 2025 to Feb 2026, Sepsis watch. The table below gives the same values.');
    expect(texts).toContain('Figure 2: Alert rate by month, Mar 2025 to Feb 2026, Sepsis watch. The table below gives the same values.');
    const tables = section.filter((b): b is Extract<DocxBlock, { type: 'table' }> => b.type === 'table');
    // Criteria, then the sensitivity and alert-rate value tables.
    expect(tables).toHaveLength(3);
    const sensitivity = tables[1];
    expect(sensitivity?.rows[0]).toEqual(['Month', 'Overall', 'age: 65+', 'sex: female']);
    for (const s of summary.series.filter((x) => x.metric === 'sensitivity')) {
      const column = sensitivity?.rows[0]?.indexOf(s.subgroup === 'all' ? 'Overall' : s.subgroup.replace(':', ': ')) ?? -1;
      expect(column).toBeGreaterThan(0);
      s.points.forEach((p, i) => {
        const cell = sensitivity?.rows[i + 1]?.[column] ?? '';
        expect(cell.startsWith(`${valueWords(p.value)} (n = ${p.n.toLocaleString('en-GB')})`), cell).toBe(true);
        expect(cell.includes('outside the limit'), cell).toBe(p.breached);
      });
    }
    expect(tables[2]?.rows[0]).toEqual(['Month', 'Overall']);
    for (const b of summary.breaches) expect(texts).toContain(`•\t${b.words}`);
    expect(texts.some((t) => t.startsWith('The criteria in force come from the local validation assessment of'))).toBe(true);
  });

  it('leaves the monitoring section out of a register of systems without monitoring', async () => {
    const plain = bytesOf(await core.call('export.register', { systemIds: [plainId] }));
    expect(zipEntryNames(plain).filter((n) => n.startsWith('word/media/'))).toHaveLength(1);
    expect(docxText(plain)).not.toContain('Monitoring after go-live');
  });
});
