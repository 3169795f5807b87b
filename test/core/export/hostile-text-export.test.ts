// Issue 18, item 2: text XML 1.0 cannot carry (U+FFFE, U+FFFF, C0 controls, a lone surrogate)
// and bidi controls, in names stored before any rule refused them, reach none of the three Word
// exports' parts: each export succeeds, every part is well-formed XML (saxes, and the tests' own
// reader), python-docx reads each body and LibreOffice opens each document. The names are put
// straight into the database, as legacy data would be: new input with these characters is
// refused by the dispatcher.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportResult } from '../../../electron/contract/index.ts';
import { xmlSafe } from '../../../electron/core/export/export-text.ts';
import { makeTestCore, type TestCore } from '../../support/core-fixture.ts';
import { python, soffice } from '../../support/office-tools.ts';
import { assertWellFormedXml, docxText, readWithPythonDocx, readZipEntry, zipEntryNames } from '../../support/read-docx.ts';

const hostile = ' Evil\uFFFE\uFFFF\u0001\u0008\u001F\uD800 \u202Ename\u2066gpj.exe\u2069\u200F';
// eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids
const forbidden = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

let core: TestCore;
let documents: Record<'register' | 'questionnaire' | 'comparison', Buffer>;
/** A system's name as stored (the engine keeps a lone surrogate as U+FFFD), then as the documents show it; the organisation as shown. */
let systemName: string;
let organisation: string;

beforeAll(async () => {
  core = makeTestCore();
  await core.call('demo.load', {});
  const systems = await Promise.all(['Quillwright', 'Scribewell'].map((vendor) => core.call('systems.create', { name: 'Ambient scribe', vendor, dataCategories: ['phi'] })));
  const [a, b] = await Promise.all(systems.map((s) => core.call('assessments.start', { systemId: s.id, stage: 'procurement' })));
  if (!a || !b) throw new Error('no assessments');
  const request = await core.call('vendor.request', { assessmentId: a.id });
  await core.sql.run('UPDATE systems SET name = name || ?, vendor = vendor || ?', hostile, hostile);
  await core.sql.run('UPDATE assessments SET title = title || ?', hostile);
  await core.sql.run('UPDATE people SET name = name || ?', hostile);
  await core.sql.run("UPDATE settings SET value = ? WHERE key = 'organisation'", JSON.stringify(`Riverside${hostile}`));
  const [stored] = await core.rows<{ name: string; title: string }>(`SELECT s.name AS name, a.title AS title FROM systems s JOIN assessments a ON a.system_id = s.id WHERE a.id = '${a.id}'`);
  expect(stored?.name.includes('\uFFFE\uFFFF\u0001')).toBe(true);
  systemName = xmlSafe(stored?.name ?? '');
  expect(stored?.title.includes('\uFFFE\uFFFF\u0001')).toBe(true);

  organisation = xmlSafe(`Riverside${hostile}`);
  const bytes = (r: ExportResult) => Buffer.from(r.dataBase64 ?? '', 'base64');
  documents = {
    register: bytes(await core.call('export.register', { withAnswers: true })),
    questionnaire: bytes(await core.call('export.questionnaire', { requestId: request.request.id })),
    comparison: bytes(await core.call('export.comparison', { assessmentIds: [a.id, b.id] })),
  };
});
afterAll(() => core.dispose());

describe('Word exports of names XML cannot carry', () => {
  it('succeed, every part of each well-formed XML 1.0 (saxes and the tests’ reader) with no forbidden character', () => {
    let parts = 0;
    for (const [kind, docx] of Object.entries(documents)) {
      for (const name of zipEntryNames(docx).filter((n) => /\.(xml|rels)$/.test(n))) {
        const xml = readZipEntry(docx, name)?.toString('utf8') ?? '';
        expect(() => new SaxesParser({ xmlns: true }).write(xml).close(), `${kind}: ${name}`).not.toThrow();
        expect(() => assertWellFormedXml(xml), `${kind}: ${name}`).not.toThrow();
        expect(forbidden.test(xml), `${kind}: ${name}`).toBe(false);
        parts++;
      }
    }
    expect(parts).toBeGreaterThan(50);
  });

  it('show the names with only the forbidden characters dropped: bidi controls and U+FFFD kept', () => {
    expect(systemName).toContain('Evil\uFFFD \u202Ename\u2066gpj.exe\u2069\u200F');
    const register = docxText(documents.register);
    expect(register).toContain(systemName);
    expect(register).toContain(organisation);
    expect(docxText(documents.questionnaire)).toContain(systemName);
    expect(docxText(documents.comparison)).toContain(systemName);
    // The leak issue 18 found: the organisation reached the logo's alt text unfiltered.
    const cover = readZipEntry(documents.register, 'word/document.xml')?.toString('utf8') ?? '';
    expect(cover.includes(`descr="${organisation} logo"`)).toBe(true);
    // And the document properties and the page header.
    expect(readZipEntry(documents.questionnaire, 'docProps/core.xml')?.toString('utf8').includes(systemName)).toBe(true);
    expect(zipEntryNames(documents.register).filter((n) => /^word\/header\d*\.xml$/.test(n)).some((n) => readZipEntry(documents.register, n)?.toString('utf8').includes('Riverside Evil'))).toBe(true);
  });

  it.skipIf(python === null)('are read by python-docx', () => {
    for (const [kind, docx] of Object.entries(documents)) {
      const blocks = readWithPythonDocx(python ?? '', docx);
      const text = blocks.map((b) => (b.type === 'p' ? b.text : b.rows.flat().join('\n'))).join('\n');
      expect(text, kind).toContain(systemName);
    }
  });

  it.skipIf(soffice === null)(
    'are opened by LibreOffice (converted to text, the names in it)',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'vigil-hostile-export-'));
      try {
        mkdirSync(join(dir, 'in'));
        const files = Object.entries(documents).map(([kind, docx]) => {
          const file = join(dir, 'in', `${kind}.docx`);
          writeFileSync(file, docx);
          return file;
        });
        const run = spawnSync(soffice ?? 'soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'txt:Text (encoded):UTF8', '--outdir', join(dir, 'out'), ...files], { encoding: 'utf8', timeout: 280_000 });
        expect(run.status, run.stderr).toBe(0);
        for (const kind of Object.keys(documents)) {
          const text = readFileSync(join(dir, 'out', `${kind}.txt`), 'utf8');
          expect(text, kind).toContain(systemName.replace(/\u200F$/, ''));
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    300_000,
  );
});
