// The Word register shows clinician readiness per system (docs/readiness.md), as python-docx reads
// it: under each system's page a "Clinician readiness" table (role group, trained of using,
// coverage, material version, refresher due, status in words) or "No training records"; and
// "Changes since" says in words what training was recorded or imported.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportResult } from '../../../electron/contract/index.ts';
import { fixedClock, makeTestCore, type TestCore } from '../../support/core-fixture.ts';
import { benignSystem } from '../../support/governance-fixture.ts';
import { python } from '../../support/office-tools.ts';
import { readWithPythonDocx, type DocxBlock } from '../../support/read-docx.ts';

let core: TestCore;
let blocks: DocxBlock[];
const bytesOf = (r: ExportResult) => Buffer.from(r.dataBase64 ?? '', 'base64');

beforeAll(async () => {
  if (!python) return;
  core = makeTestCore({ clock: fixedClock('2026-03-05T09:00:00.000Z') });
  const trained = (await core.call('systems.create', { ...benignSystem, name: 'Sepsis watch' })).id;
  await core.call('systems.create', { ...benignSystem, name: 'Untrained system' });
  await core.call('training.record', { systemId: trained, role: 'ICU nurses', trained: 14, using: 40, date: '2025-03-01', materialVersion: '2.1', refresherDue: '2026-03-01' });
  await core.call('training.import', {
    systemId: trained,
    fileName: 'doctors.csv',
    text: 'role,trained,using,date,materialVersion,refresherDue\nWard doctors,19,20,2026-01-10,3.0,2027-01-10\n',
  });
  blocks = readWithPythonDocx(python, bytesOf(await core.call('export.register', {})));
});
afterAll(() => core?.dispose());

/** The blocks of one system's page, from its Heading 2 to the next. */
function pageOf(name: string): DocxBlock[] {
  const start = blocks.findIndex((b) => b.type === 'p' && b.style === 'Heading 2' && b.text.startsWith(name));
  expect(start, name).toBeGreaterThan(0);
  const end = blocks.findIndex((b, i) => i > start && b.type === 'p' && (b.style === 'Heading 2' || b.style === 'Heading 1'));
  return blocks.slice(start, end < 0 ? undefined : end);
}

/** The blocks under a Heading 3 of a page, up to the next heading. */
function under(page: DocxBlock[], heading: string): DocxBlock[] {
  const start = page.findIndex((b) => b.type === 'p' && b.style === 'Heading 3' && b.text.startsWith(heading));
  expect(start, heading).toBeGreaterThan(0);
  const end = page.findIndex((b, i) => i > start && b.type === 'p' && b.style.startsWith('Heading'));
  return page.slice(start + 1, end < 0 ? undefined : end);
}

describe.skipIf(!python)(`readiness in the Word register (${python ?? 'python-docx not installed: skipped'})`, () => {
  it('gives a system with training records its readiness table, the status in words', () => {
    const section = under(pageOf('Sepsis watch'), 'Clinician readiness');
    const text = section.flatMap((b) => (b.type === 'p' ? [b.text] : [])).join('\n');
    expect(text).toContain("1 of 2 role groups falls short: ICU nurses (33 of 60 people trained in all). The hospital's target is 90% of each role group trained.");
    const table = section.find((b) => b.type === 'table');
    if (!table || table.type !== 'table') throw new Error('no readiness table');
    expect(table.rows).toEqual([
      ['Role group', 'Trained of using', 'Coverage', 'Material version', 'Refresher due', 'Status'],
      ['ICU nurses', '14 of 40', '35%', '2.1', '2026-03-01', 'Below target; refresher overdue'],
      ['Ward doctors', '19 of 20', '95%', '3.0', '2027-01-10', 'Meets target'],
    ]);
  });

  it('says "No training records" for a system without any', () => {
    const section = under(pageOf('Untrained system'), 'Clinician readiness');
    expect(section.map((b) => (b.type === 'p' ? b.text : 'table'))).toEqual(['No training records.']);
  });

  it('says in "Changes since" what training was recorded and imported', () => {
    const section = under(pageOf('Sepsis watch'), 'Changes since');
    const text = section.map((b) => (b.type === 'p' ? b.text : '')).join('\n');
    expect(text).toContain('Training recorded: ICU nurses, 14 of 40 trained on version 2.1 on 2025-03-01.');
    expect(text).toMatch(/Training records imported from doctors\.csv: 1 record \(SHA-256 [0-9a-f]{16}…\)\./);
  });
});
