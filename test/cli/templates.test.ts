import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CalibrationReport, Coverage, LintResult, Questionnaire, TemplateList } from '../../electron/contract/index.ts';
import { useTempDatabase, vigil } from '../support/run-cli.ts';
import { writeCalibration } from '../support/calibration-fixture.ts';
import { minimalTemplates, writeTemplates } from '../support/template-fixture.ts';

let dir = '';
let db = '';
useTempDatabase((paths) => ({ dir, db } = paths));

describe('vigil templates', () => {
  it('lists the questionnaires with their counts', () => {
    const run = vigil(['templates', 'list', '--db', db, '--json']);
    expect(run.code).toBe(0);
    const list = JSON.parse(run.stdout) as TemplateList;
    expect(list.questionnaires.map((q) => q.id)).toEqual(['procurement', 'vendor-transparency', 'validation', 'deployment', 'use']);
    expect(list.counts.threats).toBeGreaterThanOrEqual(20);
    expect(list.counts.controls).toBeGreaterThanOrEqual(40);
    expect(list.counts.questions).toBe(list.questionnaires.reduce((n, q) => n + q.questions, 0));
    expect(list.questionnaires.find((q) => q.id === 'vendor-transparency')?.vendorQuestions).toBeGreaterThanOrEqual(60);
    const human = vigil(['templates', 'list', '--db', db]);
    expect(human.stdout).toMatch(/threats, \d+ controls/);
  });

  it('shows one questionnaire, and refuses an unknown id with exit 1', () => {
    const run = vigil(['templates', 'show', 'use', '--db', db, '--json']);
    expect(run.code).toBe(0);
    const q = JSON.parse(run.stdout) as Questionnaire;
    expect(q.stage).toBe('use');
    expect(vigil(['templates', 'show', 'use', '--db', db]).stdout).toMatch(/US-[A-Z]+-01/);
    const missing = vigil(['templates', 'show', 'nope', '--db', db, '--json']);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stderr)).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('prints coverage per threat and questionnaire', () => {
    const run = vigil(['templates', 'coverage', '--json', '--db', db]);
    expect(run.code).toBe(0);
    const coverage = JSON.parse(run.stdout) as Coverage;
    for (const t of coverage.threats) {
      expect(t.byStage.procurement, t.id).toBeGreaterThan(0);
      expect(t.byStage.use, t.id).toBeGreaterThan(0);
    }
  });

  it('lints the installed templates and a folder, with exit 1 and precise messages on problems', () => {
    const installed = vigil(['templates', 'lint', '--db', db, '--json']);
    expect(installed.code).toBe(0);
    expect((JSON.parse(installed.stdout) as LintResult).ok).toBe(true);
    expect(vigil(['templates', 'lint', 'templates']).stdout).toMatch(/Templates OK/);

    const broken = minimalTemplates();
    broken.controls.controls[0]!.mitigates[0]!.threat = 'T-MISSING';
    writeTemplates(join(dir, 'broken'), broken);
    const run = vigil(['templates', 'lint', join(dir, 'broken')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('catalog/controls.json: C-ALPHA: unknown threat T-MISSING [unknown-threat]');
  });

  it('lints a folder without touching any database', () => {
    writeTemplates(join(dir, 'ok'), minimalTemplates());
    const run = vigil(['templates', 'lint', join(dir, 'ok')], { VIGIL_DATA_DIR: join(dir, 'no-such-data-dir') });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Templates OK/);
    expect(existsSync(join(dir, 'no-such-data-dir'))).toBe(false);
  });

  it('prints the calibration table of a folder, as text, Markdown or JSON, with exit 1 on a mismatch', () => {
    const ok = writeCalibration(writeTemplates(join(dir, 'ok'), minimalTemplates()), ['fixture-cloud']);
    const text = vigil(['templates', 'calibration', ok]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Profile\s+Answer set\s+Threat\s+Expected\s+Scored\s+OK$/m);
    expect(text.stdout).toMatch(/^fixture-cloud\s+weak\s+T-ONE\s+High\s+High \(L4 × I3 = 12\)\s+ok$/m);
    expect(text.stdout).toContain('4 of 4 expected bands reproduced in 1 reference profile(s).');

    const markdown = vigil(['templates', 'calibration', ok, '--markdown']);
    expect(markdown.stdout).toContain('| Profile | Answer set | Threat | Expected | Scored | OK |');
    expect(markdown.stdout).toContain(
      '| Fixture: a cloud-hosted predictive alert (`fixture-cloud`) | Encryption and trained clinicians (`strong`) | T-TWO Two | Low | Low (L3 × I2 = 6) | ok |',
    );
    expect(markdown.stdout).toContain('- `fixture-cloud` (procurement): A made-up case for tests');

    const wrong = writeCalibration(writeTemplates(join(dir, 'wrong'), minimalTemplates()), ['fixture-cloud', 'fixture-mismatch', 'fixture-bad-answer']);
    const run = vigil(['templates', 'calibration', wrong]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^fixture-mismatch\s+weak\s+T-ONE\s+High\s+Low \(L3 × I3 = 9\)\s+MISMATCH$/m);
    expect(run.stdout).toMatch(/^fixture-bad-answer\s+typos\s+T-GONE\s+\S+\s+not in the catalog\s+MISMATCH$/m);
    expect(run.stdout).toContain('calibration/fixture-bad-answer.json: fixture-bad-answer / typos: VA-GOV-01 is not a question of the procurement questionnaires');
    const json = vigil(['templates', 'calibration', wrong, '--json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as CalibrationReport;
    expect(report.profiles.map((p) => [p.id, p.ok])).toEqual([
      ['fixture-bad-answer', false],
      ['fixture-cloud', true],
      ['fixture-mismatch', false],
    ]);

    const lint = vigil(['templates', 'lint', wrong]);
    expect(lint.code).toBe(1);
    expect(lint.stderr).toContain(
      'calibration/fixture-mismatch.json: answerSets[0].expected.T-ONE (weak): fixture-mismatch / weak: T-ONE expected High, scored Low (likelihood 3, impact 3) [calibration-mismatch]',
    );
  });

  it('scores the installed reference profiles through the core, and the installed templates reproduce them', () => {
    const run = vigil(['templates', 'calibration', '--db', db, '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as CalibrationReport;
    expect(report.ok).toBe(true);
    for (const p of report.profiles) expect(p.cases.length, p.id).toBeGreaterThan(0);
  });

  it('refuses to score a folder whose templates do not load', () => {
    const run = vigil(['templates', 'calibration', join(dir, 'missing')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('do not load, so nothing was scored');
    expect(run.stderr).toContain('catalog/threats.json: (file): file not found [missing-file]');
  });
});
