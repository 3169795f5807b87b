import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Coverage, LintResult, Questionnaire, TemplateList } from '../../electron/contract/index.ts';
import { useTempDatabase, vigil } from '../support/run-cli.ts';
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
});
