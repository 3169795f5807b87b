// `vigil dashboard`, run as a user's shell would: the portfolio at a glance, in words or as JSON.
import { describe, expect, it } from 'vitest';
import type { Dashboard } from '../../electron/contract/index.ts';
import { useTempDatabase, vigil } from '../support/run-cli.ts';

let db = '';
useTempDatabase((paths) => ({ db } = paths));

describe('vigil dashboard', () => {
  it('on an empty database says what to do first', () => {
    const run = vigil(['dashboard', '--db', db]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Portfolio on \d{4}-\d{2}-\d{2}: 0 AI system\(s\), 0 open risk\(s\), 0 above appetite, 0 overdue\n/);
    expect(run.stdout).toContain('No AI systems yet: add one (vigil systems create) or load the demo (vigil demo).');
  });

  it('prints the demo portfolio part by part, and the same figures as JSON with --json', () => {
    expect(vigil(['demo', '--db', db]).code).toBe(0);
    const json = vigil(['dashboard', '--db', db, '--json']);
    expect(json.code).toBe(0);
    const d = JSON.parse(json.stdout) as Dashboard;
    expect(d.totals.systems).toBe(8);
    expect(d.totals.aboveAppetite).toBeGreaterThan(0);
    expect(d.vendorRequests.total).toBe(1);

    const run = vigil(['dashboard', '--db', db]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const { totals } = d;
    expect(run.stdout).toContain(`Portfolio on ${d.asOf}: 8 AI system(s), ${totals.openRisks} open risk(s), ${totals.aboveAppetite} above appetite, ${totals.overdue} overdue\n`);
    for (const b of d.bands) expect(run.stdout).toContain(`  ${b.band.charAt(0).toUpperCase()}${b.band.slice(1)}: ${b.inherent} → ${b.residual}\n`);
    expect(run.stdout).toContain(`Above appetite by system (${d.aboveAppetiteBySystem.total} system(s))\n`);
    expect(run.stdout).toMatch(/\nRe-assessments: 1 due now or overdue; within 30 days 1, 60 days 1, 90 days \d+\n {2}\d{4}-\d{2}-\d{2} \(today\) Chest X-ray triage: Drift alert recorded: Sensitivity for age 80\+ was /);
    expect(run.stdout).toContain('Vendor requests outstanding (1)\n  VRQ-');
    expect(run.stdout).toContain('Prostate biopsy grading assistant (Histra Diagnostics)');
    // The demo's year of monitoring and its training records: one system breaching, one group overdue.
    expect(run.stdout).toMatch(/\nMonitoring \(1 system\(s\) breaching, 0 overdue\)\n {2}Chest X-ray triage \(\d{4}-\d{2}\): Sensitivity for age 80\+ was /);
    expect(run.stdout).toMatch(/\nClinician training short of target or overdue \(1 system\(s\)\)\n {2}Chest X-ray triage \(refresher \d{4}-\d{2}-\d{2}\): Training: 11 of 12 Reporting radiographers/);
    // Five heat-map rows, likelihood 5 at the top, and twelve months of trend.
    expect(run.stdout.match(/\n {2}L[1-5] /g)).toHaveLength(5);
    expect(run.stdout.match(/\n {2}\d{4}-\d{2} /g)).toHaveLength(12);
  });
});
