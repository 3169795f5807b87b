// `vigil register summary`, run as a user's shell would (DESIGN §7).
import { describe, expect, it } from 'vitest';
import type { CommitteeSummary, Risk } from '../../electron/contract/index.ts';
import { useTempDatabase, vigil } from '../support/run-cli.ts';

let db = '';
useTempDatabase((paths) => ({ db } = paths));

describe('vigil register summary', () => {
  it('prints a recommendation per system with its reasons, then the decisions asked of the committee', () => {
    expect(vigil(['demo', '--db', db]).code).toBe(0);
    const run = vigil(['register', 'summary', '--db', db]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Decision summary for .+; risk appetite: Medium\n/);
    expect(run.stdout).toContain('Ambient clinical scribe (Quillwright) — Recommendation: Do not approve\n');
    expect(run.stdout).toContain('Chest X-ray triage (Lumen Imaging) — Recommendation: Not ready for a decision\n  Stage: Re-assessment due;');
    expect(run.stdout).toContain('  - The procurement assessment has not been started.\n');
    const decisions = run.stdout.slice(run.stdout.indexOf('Decisions asked of the committee\n'));
    expect(decisions).toMatch(/\n {2}Sign-offs due \(1\)\n {4}- Sign off the procurement assessment of Ambient clinical scribe \(1 of 2 sign-offs given\)\.\n/);
    expect(decisions).toMatch(/\n {2}Re-assessments due \(1\)\n {4}- Re-assess Chest X-ray triage \(due \d{4}-\d{2}-\d{2}\): Drift alert \(cxr-2026\.06\) recorded on \d{4}-\d{2}-\d{2}: Sensitivity for age 80\+/);
    expect(run.stdout).not.toMatch(/\b(notReady|doNotApprove|aboveAppetiteUndecided|inReview|committeeChair)\b/);
  });

  it('narrows to the systems named, as JSON with --json, and refuses an unknown system', () => {
    expect(vigil(['demo', '--db', db]).code).toBe(0);
    const risks = (JSON.parse(vigil(['risks', 'list', '--db', db, '--json']).stdout) as { rows: Risk[] }).rows;
    const id = risks[0]?.systemId ?? '';
    const run = vigil(['register', 'summary', '--system', id, '--db', db, '--json']);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as CommitteeSummary;
    expect(summary.systems.map((s) => s.systemId)).toEqual([id]);
    for (const d of summary.decisions) expect(d.systemId).toBe(id);
    const missing = vigil(['register', 'summary', '--system', 'SYS-ZZZZZZZZ', '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^vigil: No AI system with id SYS-ZZZZZZZZ/);
    const bad = vigil(['register', 'summary', '--system', 'nope', '--db', db]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/SYS-XXXXXXXX/);
  });

  it('exports a final register with the answers appendix and a next review date, and refuses a bad date', () => {
    expect(vigil(['demo', '--db', db]).code).toBe(0);
    const ok = vigil(['export', 'register', '--out', `${db}.csv`, '--final', '--with-answers', '--next-review', '2026-09-30', '--db', db, '--json']);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.stdout) as { counts: { questions: number } }).counts.questions).toBeGreaterThan(0);
    const plain = vigil(['export', 'register', '--out', `${db}-2.csv`, '--db', db, '--json']);
    expect((JSON.parse(plain.stdout) as { counts: { questions: number } }).counts.questions).toBe(0);
    const bad = vigil(['export', 'register', '--out', `${db}-3.csv`, '--next-review', '30/09/2026', '--db', db]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/nextReview/);
  });
});
