// Text from outside on the command line (issue 18, items 3, 4 and 6): control, C1 and bidi
// characters in stored values never reach the terminal as themselves; oversized and invalid
// UTF-8 files are refusals with their codes (exit 1, --json honoured), and nothing is written.
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { maxEvidenceBytes, maxPackageBytes, type AiSystem, type AssessmentDetail } from '../../electron/contract/index.ts';
import { terminalSafe } from '../../electron/cli/terminal-text.ts';
import { useTempDatabase, vigil } from '../support/run-cli.ts';

let dir = '';
let db = '';
useTempDatabase((paths) => ({ dir, db } = paths));

const run = (...args: string[]) => vigil([...args, '--db', db]);
function ok(...args: string[]): string {
  const result = run(...args);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

// ESC (clear screen), BEL, CSI as one C1 character, a bidi override, CR, DEL, a line separator.
const hostile = 'Acme\u001b[2J\u0007 \u009b31mRed \u202Efdp.exe\r\u007f\u2028end';
// eslint-disable-next-line no-control-regex -- what must never reach a terminal
const terminalActive = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029]/;

/** A file of `size` bytes without writing them (sparse): the CLI must refuse it from its size alone. */
function sparseFile(name: string, size: number): string {
  const file = join(dir, name);
  writeFileSync(file, '');
  truncateSync(file, size);
  return file;
}

describe('text from outside on the command line', () => {
  it('refuses control, C1 and bidi characters on the way in, escaping them in the refusal itself', () => {
    const refused = run('systems', 'add', '--name', hostile, '--vendor', 'Acme');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/name: text contains the control character U\+001B/);
    expect(refused.stderr).not.toMatch(terminalActive);
    expect((JSON.parse(ok('systems', 'list', '--json')) as { total: number }).total).toBe(0);
  });

  it('escapes control, C1 and bidi characters stored before the rule, in human and JSON output, and keeps the value itself', () => {
    const created = JSON.parse(ok('systems', 'add', '--name', 'Acme triage', '--vendor', 'Acme', '--json')) as AiSystem;
    // A value stored before the plain-text rule existed (or by another tool): written directly.
    const conn = new Database(db);
    try {
      conn.prepare('UPDATE systems SET name = ? WHERE id = ?').run(hostile, created.id);
    } finally {
      conn.close();
    }
    for (const out of [ok('systems', 'list'), ok('systems', 'show', created.id), run('systems', 'show', 'SYS-NOPE0000').stderr]) {
      expect(out).not.toMatch(terminalActive);
    }
    const shown = ok('systems', 'show', created.id);
    expect(shown).toContain('Acme\\u001b[2J\\u0007 \\u009b31mRed \\u202efdp.exe\\u000d\\u007f\\u2028end');
    const json = ok('systems', 'show', created.id, '--json');
    expect(json).not.toMatch(terminalActive);
    expect((JSON.parse(json) as AiSystem).name).toBe(hostile);
  });

  it('escapes exactly the unsafe characters and nothing else', () => {
    expect(terminalSafe('Ünïcödé 患者 مرحبا 🩺\tcell\nline')).toBe('Ünïcödé 患者 مرحبا 🩺\tcell\nline');
    expect(terminalSafe('\u001b\u009b\u202e\u2066\ud800x\udc00')).toBe('\\u001b\\u009b\\u202e\\u2066\\ud800x\\udc00');
  });

  it('refuses an oversized package or evidence file as PAYLOAD_TOO_LARGE with exit 1, in JSON when asked, reading nothing', () => {
    const big = sparseFile('huge-response.json', maxPackageBytes + 1);
    const human = run('vendor', 'preview', big);
    expect(human.code).toBe(1);
    expect(human.stderr).toBe(`vigil: ${big} is 52,428,801 bytes; packages are limited to 52,428,800 bytes (50 MB). Nothing was read or written.\n`);
    const json = run('vendor', 'import', big, '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stderr)).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: `${big} is 52,428,801 bytes; packages are limited to 52,428,800 bytes (50 MB). Nothing was read or written.` } });

    const system = JSON.parse(ok('systems', 'add', '--name', 'Lumen', '--vendor', 'Northwind', '--json')) as AiSystem;
    const assessment = JSON.parse(ok('assessments', 'start', '--system', system.id, '--stage', 'procurement', '--json')) as AssessmentDetail;
    const evidence = sparseFile('scan.pdf', maxEvidenceBytes + 1);
    const refused = run('evidence', 'add', assessment.id, 'PR-GOV-01', evidence, '--json');
    expect(refused.code).toBe(1);
    expect((JSON.parse(refused.stderr) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((JSON.parse(ok('assessments', 'show', assessment.id, '--json')) as AssessmentDetail).evidence).toEqual([]);
  });

  it('refuses a model card that is not valid UTF-8 instead of repairing it, writing nothing', () => {
    const system = JSON.parse(ok('systems', 'add', '--name', 'Lumen', '--vendor', 'Northwind', '--json')) as AiSystem;
    const assessment = JSON.parse(ok('assessments', 'start', '--system', system.id, '--stage', 'procurement', '--json')) as AssessmentDetail;
    const card = join(dir, 'card.xml');
    writeFileSync(card, Buffer.concat([Buffer.from('<?xml version="1.0" encoding="UTF-8"?><AppliedModelCard><Name>Lumen'), Buffer.from([0xc3, 0x28]), Buffer.from('</Name></AppliedModelCard>')]));
    const refused = run('vendor', 'model-card', assessment.id, card, '--apply', '--json');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stderr)).toEqual({ error: { code: 'VALIDATION_FAILED', message: `${card} is not valid UTF-8 text, so it cannot be the file it claims to be (a PDF, a Word document or an image is not a text file). Nothing was read or written.` } });
    const detail = JSON.parse(ok('assessments', 'show', assessment.id, '--json')) as AssessmentDetail;
    expect(detail.answers).toEqual([]);
    expect(detail.evidence).toEqual([]);
  });
});
