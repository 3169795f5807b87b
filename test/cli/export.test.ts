// `vigil export register` and `vigil export questionnaire`, run as a user's shell would (DESIGN §7).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AssessmentSummary, ExportResult, LedgerVerification, Risk } from '../../electron/contract/index.ts';
import { currentIds } from '../../electron/core/rules/current-assessments.ts';
import { docxText } from '../support/read-docx.ts';
import { useTempDatabase, vigil } from '../support/run-cli.ts';

let dir = '';
let db = '';
useTempDatabase((paths) => ({ dir, db } = paths));

/** The risks a register lists: those of the latest assessment of each stage. */
const currentRisks = (): Risk[] => {
  const current = currentIds(json<AssessmentSummary[]>(['assessments', 'list', '--all']));
  return json<{ rows: Risk[] }>(['risks', 'list', '--limit', '200']).rows.filter((r) => current.has(r.assessmentId));
};

const json = <T>(args: string[]): T => {
  const run = vigil([...args, '--db', db, '--json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as T;
};

describe('vigil export', () => {

  it('writes the whole register as Word, the file matching the SHA-256 and ledger it reports', () => {
    expect(vigil(['demo', '--db', db]).code).toBe(0);
    const risks = currentRisks();
    const out = join(dir, 'register.docx');
    const run = vigil(['export', 'register', '--out', out, '--db', db]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Written: .*register\.docx\n\d+ bytes, SHA-256 [0-9a-f]{64}\n/);
    const bytes = readFileSync(join(dir, 'register.docx'));
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(run.stdout).toContain(sha);
    const text = docxText(bytes);
    for (const r of risks) expect(text).toContain(r.id);
    // The head it states verifies against the ledger, with the export's own event after it.
    const stated = /States the ledger at (\d+) events, head ([0-9a-f]{64})/.exec(run.stdout);
    expect(stated).not.toBeNull();
    const check = vigil(['audit', 'verify', '--expect-length', stated?.[1] ?? '', '--expect-head', stated?.[2] ?? '', '--later-events-allowed', '--db', db]);
    expect(check.code).toBe(0);
    expect(json<LedgerVerification>(['audit', 'verify']).length).toBe(Number(stated?.[1]) + 1);
  });

  it('writes CSV for the systems named, from the file extension or --format', () => {
    expect(vigil(['demo', '--db', db]).code).toBe(0);
    const risks = currentRisks();
    const system = risks[0]?.systemId ?? '';
    const result = json<ExportResult>(['export', 'register', '--out', join(dir, 'one.csv'), '--system', system]);
    expect(result.mediaType).toBe('text/csv; charset=utf-8');
    expect(result.counts.systems).toBe(1);
    const csv = readFileSync(join(dir, 'one.csv'), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    for (const r of risks) expect(csv.includes(r.id)).toBe(r.systemId === system);
    const forced = json<ExportResult>(['export', 'register', '--out', join(dir, 'register.txt'), '--format', 'csv']);
    expect(readFileSync(join(dir, 'register.txt'), 'utf8').charCodeAt(0)).toBe(0xfeff);
    expect(forced.counts.risks).toBe(risks.length);
  });

  it('writes only the risks named by --risk (repeated or comma-separated) and --risks-from FILE', () => {
    expect(vigil(['demo', '--db', db]).code).toBe(0);
    const risks = currentRisks();
    const [a, b, c, d] = risks.map((r) => r.id);
    // A selection file as a user keeps one: a comment, a blank line, spaces, CRLF line ends.
    writeFileSync(join(dir, 'chosen.txt'), `# for the March committee\r\n${c ?? ''}\r\n\r\n  ${d ?? ''}  \r\n`);
    const result = json<ExportResult>(['export', 'register', '--out', join(dir, 'chosen.csv'), '--risk', `${a ?? ''},${b ?? ''}`, '--risks-from', join(dir, 'chosen.txt')]);
    expect(result.counts.risks).toBe(4);
    const csv = readFileSync(join(dir, 'chosen.csv'), 'utf8');
    const listed = csv.split('\r\n').slice(1, -1).map((line) => line.split(',')[0]);
    expect(listed.sort()).toEqual([a, b, c, d].sort());
    const word = vigil(['export', 'register', '--out', join(dir, 'chosen.docx'), '--risk', a ?? '', '--risk', b ?? '', '--db', db]);
    expect(word.code).toBe(0);
    expect(word.stdout).toContain('2 risk(s)');
    expect(docxText(readFileSync(join(dir, 'chosen.docx')))).toContain(`Selected risks: 2 of ${json<{ total: number }>(['risks', 'list']).total}.`);
  });

  it('refuses a selection naming an unknown risk, or an empty selection file, and writes nothing', () => {
    expect(vigil(['demo', '--db', db]).code).toBe(0);
    const before = json<LedgerVerification>(['audit', 'verify']).length;
    const known = currentRisks()[0]?.id ?? '';
    const unknown = vigil(['export', 'register', '--out', join(dir, 'r.docx'), '--risk', `${known},RSK-NOPE0000`, '--db', db]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('RSK-NOPE0000');
    expect(unknown.stderr).not.toContain(known);
    writeFileSync(join(dir, 'empty.txt'), '# nothing chosen\n\n');
    const empty = vigil(['export', 'register', '--out', join(dir, 'r.docx'), '--risks-from', join(dir, 'empty.txt'), '--db', db]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('lists no risk id');
    const missingFile = vigil(['export', 'register', '--out', join(dir, 'r.docx'), '--risks-from', join(dir, 'no-such.txt'), '--db', db]);
    expect(missingFile.code).toBe(2);
    expect(missingFile.stderr).toContain('cannot read');
    expect(existsSync(join(dir, 'r.docx'))).toBe(false);
    expect(json<LedgerVerification>(['audit', 'verify']).length).toBe(before);
  });

  it('writes the Word questionnaire of an open vendor request', () => {
    expect(vigil(['demo', '--db', db]).code).toBe(0);
    const assessment = json<AssessmentSummary[]>(['assessments', 'list', '--all']).find((a) => a.stage === 'procurement' && a.status === 'inProgress');
    const request = json<{ request: { id: string; expiresAt: string } }>(['vendor', 'request', assessment?.id ?? '', '--out', join(dir, 'request.json')]).request;
    const out = join(dir, 'vendor.docx');
    const run = vigil(['export', 'questionnaire', '--request', request.id, '--out', out, '--db', db]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\d+ question\(s\)/);
    const text = docxText(readFileSync(out));
    expect(text).toContain('VT-');
    expect(text).toContain(request.id);
    expect(text).toContain(request.expiresAt.slice(0, 10));
  });

  it('refuses bad input with the reason and writes nothing', () => {
    expect(vigil(['demo', '--db', db]).code).toBe(0);
    const before = json<LedgerVerification>(['audit', 'verify']).length;
    const noOut = vigil(['export', 'register', '--db', db]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--out FILE is required');
    const badFormat = vigil(['export', 'register', '--out', join(dir, 'r.pdf'), '--format', 'pdf', '--db', db]);
    expect(badFormat.code).toBe(1);
    expect(badFormat.stderr).toContain('format must be docx or csv');
    const unknown = vigil(['export', 'register', '--out', join(dir, 'r.docx'), '--system', 'SYS-NOPE0000', '--db', db]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('SYS-NOPE0000');
    const noRequest = vigil(['export', 'questionnaire', '--request', 'VRQ-NOPE0000', '--out', join(dir, 'q.docx'), '--db', db]);
    expect(noRequest.code).toBe(1);
    expect(noRequest.stderr).toContain('There is no vendor request VRQ-NOPE0000');
    const withoutRequest = vigil(['export', 'questionnaire', '--out', join(dir, 'q.docx'), '--db', db]);
    expect(withoutRequest.code).toBe(2);
    expect(withoutRequest.stderr).toContain('--request VRQ-… is required');
    expect(readdirSync(dir).filter((f) => !f.startsWith('cli.db') && f !== 'backups')).toEqual([]);
    expect(existsSync(join(dir, 'r.docx'))).toBe(false);
    expect(json<LedgerVerification>(['audit', 'verify']).length).toBe(before);
  });
});
