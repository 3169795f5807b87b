// `vigil assessments compare` on the demo: the two competing ambient scribes side by side, as
// text, as JSON and as a Word document; refusals in words with exit 1.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentSummary, Comparison } from '../../electron/contract/index.ts';
import { pythonWithDocx, readWithPythonDocx } from '../support/read-docx.ts';
import { tempDir } from '../support/core-fixture.ts';
import { vigil } from '../support/run-cli.ts';

// One demo database for the file: loading the demo is the slow part.
const { dir, cleanup } = tempDir('vigil-cli-compare-');
const db = join(dir, 'cli.db');
afterAll(() => cleanup());

describe('vigil assessments compare', () => {
  let ids: string[] = [];
  beforeAll(() => {
    expect(vigil(['demo', '--db', db]).code).toBe(0);
    const all = JSON.parse(vigil(['assessments', 'list', '--all', '--db', db, '--json']).stdout) as AssessmentSummary[];
    const scribes = ['Ambient clinical scribe', 'Ambient consultation notes'].map((name) => all.find((a) => a.systemName === name && a.stage === 'procurement'));
    ids = scribes.map((a) => a?.id ?? '');
    expect(ids.every((id) => id.startsWith('ASM-'))).toBe(true);
  });

  it('prints the summary, the threats side by side and the answers that differ; --json gives the comparison', () => {
    const run = vigil(['assessments', 'compare', ...ids, '--db', db]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const json = vigil(['assessments', 'compare', ...ids, '--db', db, '--json']);
    const c = JSON.parse(json.stdout) as Comparison;
    expect(c.candidates.map((k) => k.label)).toEqual(['Ambient clinical scribe (Quillwright)', 'Ambient consultation notes (Scribewell)']);
    expect(run.stdout).toContain(`A: Ambient clinical scribe (Quillwright), ${ids[0]}`);
    expect(run.stdout).toContain(`Summary: ${c.summary.statement}`);
    for (const t of c.threats) expect(run.stdout).toContain(t.name);
    expect(run.stdout).toContain(`Answers that differ: ${c.answers.length} of ${c.questionsCompared} questions`);
    // The weak posture (Quillwright) against the strong (Scribewell): Scribewell leaves less.
    expect(c.summary.lowest).toEqual([ids[1]]);
    expect(c.answers.length).toBeGreaterThan(0);
  });

  it('--out writes the comparison as a Word document and records it', () => {
    const out = join(dir, 'compare.docx');
    const run = vigil(['assessments', 'compare', ...ids, '--out', out, '--db', db]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Written: ${out}`);
    expect(existsSync(out)).toBe(true);
    const python = pythonWithDocx();
    if (!python) throw new Error('python-docx is needed to read the export back');
    const text = readWithPythonDocx(python, readFileSync(out)).flatMap((b) => (b.type === 'p' ? [b.text] : b.rows.flat())).join('\n');
    expect(text).toContain('Threats side by side');
    expect(text).toContain('Ambient consultation notes (Scribewell) leaves the least residual risk');
    const events = JSON.parse(vigil(['audit', 'events', '--db', db, '--json']).stdout) as { rows: { action: string }[] };
    expect(events.rows[0]?.action).toBe('export.comparison');
  });

  it('refuses one id, five ids, a repeat and an unknown id with words and exit 1', () => {
    const one = vigil(['assessments', 'compare', ids[0] ?? '', '--db', db]);
    expect(one.code).toBe(1);
    expect(one.stderr).toContain('choose at least 2 assessments to compare');
    const twice = vigil(['assessments', 'compare', ids[0] ?? '', ids[0] ?? '', '--db', db]);
    expect(twice.stderr).toContain('an assessment is listed more than once');
    const five = vigil(['assessments', 'compare', ...ids, 'ASM-AAAA', 'ASM-BBBB', 'ASM-CCCC', '--db', db]);
    expect(five.stderr).toContain('compare at most 4 assessments at once');
    const unknown = vigil(['assessments', 'compare', ids[0] ?? '', 'ASM-NOSUCH', '--db', db]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No assessment with id ASM-NOSUCH: nothing to compare.');
  });
});
