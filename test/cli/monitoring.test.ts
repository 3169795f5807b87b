// `vigil monitoring criteria|import|show` (issue 20, docs/monitoring.md): criteria from a JSON
// file onto the local validation assessment, a monitoring file imported (a breach recorded as a
// drift event), the summary as a text table or --json; refusals in words with exit 1, usage 2.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CriteriaSet, MonitoringImportResult, MonitoringSummary, type AssessmentDetail } from '../../electron/contract/index.ts';
import { useTempDatabase, vigil } from '../support/run-cli.ts';

let dir = '';
let db = '';
useTempDatabase((paths) => ({ dir, db } = paths));

function ok(args: string[]): string {
  const run = vigil([...args, '--db', db]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout;
}

/** The month `back` months before the current one (the CLI runs on the real clock). */
function monthBefore(back: number): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
  return d.toISOString().slice(0, 7);
}

describe('vigil monitoring', () => {
  it('records criteria, imports a file with a breach, and shows the summary', () => {
    const system = JSON.parse(ok(['systems', 'add', '--name', 'Sepsis watch', '--vendor', 'Acme Health', '--json'])) as { id: string };
    const validation = JSON.parse(ok(['assessments', 'start', '--system', system.id, '--stage', 'validation', '--json'])) as AssessmentDetail;
    const criteriaFile = join(dir, 'criteria.json');
    writeFileSync(criteriaFile, JSON.stringify({ criteria: [{ metric: 'sensitivity', subgroup: 'age:65+', min: 0.8, rationale: 'Local validation: 0.86.' }] }));

    const recorded = ok(['monitoring', 'criteria', validation.id, '--file', criteriaFile, '--review-period', 'quarterly']);
    expect(recorded).toContain(`Recorded 1 acceptance criterion/criteria for ${validation.id} (revision 1).`);
    expect(recorded).toMatch(/Sensitivity\s+age:65\+\s+min 0\.8\s+Local validation: 0\.86\./);
    const again = CriteriaSet.parse(JSON.parse(ok(['monitoring', 'criteria', validation.id, '--file', criteriaFile, '--json'])));
    expect(again).toMatchObject({ revision: 2, reviewPeriod: 'quarterly' });

    const [earlier, latest] = [monthBefore(2), monthBefore(1)];
    const file = join(dir, 'seismometer.csv');
    writeFileSync(file, `metric,subgroup,period,value,n,source\nsensitivity,age:65+,${earlier},0.84,200,Seismometer\nsensitivity,age:65+,${latest},0.71,212,Seismometer\n`);
    const imported = MonitoringImportResult.parse(JSON.parse(ok(['monitoring', 'import', system.id, file, '--json'])));
    expect(imported).toMatchObject({ rows: 2, alreadyRecorded: 0, newBreaches: [{ period: latest, value: 0.71, kind: 'belowMin' }] });

    const table = ok(['monitoring', 'show', system.id]);
    expect(table).toMatch(new RegExp(`Sensitivity\\s+age:65\\+\\s+2\\s+${latest}\\s+0\\.71\\s+212\\s+1`));
    expect(table).toContain(`Sensitivity for age 65+ was 0.71`);
    expect(table).toContain('seismometer.csv');
    const summary = MonitoringSummary.parse(JSON.parse(ok(['monitoring', 'show', system.id, '--json'])));
    expect(summary).toMatchObject({ latestPeriod: latest, overdue: false });
    expect(summary.breaches[0]?.eventId).toBe(imported.newBreaches[0]?.eventId);

    // The same file again: counted as already recorded, nothing new.
    expect(ok(['monitoring', 'import', system.id, file])).toContain('2 row(s), 2 already recorded (kept once)');
  });

  it('refuses a bad file in words with exit 1, nothing written, and a mistaken command line with exit 2', () => {
    const system = JSON.parse(ok(['systems', 'add', '--name', 'Sepsis watch', '--vendor', 'Acme Health', '--json'])) as { id: string };
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'metric,subgroup,period,value,n,source\nsensitivity,all,2020-01,82,100,x\n');
    const refused = vigil(['monitoring', 'import', system.id, file, '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('vigil: bad.csv was not imported: one problem');
    expect(refused.stderr).toContain('row 2, column value: 82.00 looks like a percentage: give 0.82, not 82.00');
    const json = vigil(['monitoring', 'import', system.id, file, '--db', db, '--json']);
    expect(JSON.parse(json.stderr)).toMatchObject({ error: { code: 'DATA_FILE_INVALID', details: { total: 1 } } });
    expect(MonitoringSummary.parse(JSON.parse(ok(['monitoring', 'show', system.id, '--json'])))).toMatchObject({ imports: [], series: [] });

    const pdf = join(dir, 'report.pdf');
    writeFileSync(pdf, Buffer.from('%PDF-1.7\n\u00e2\u00e3\u00cf\u00d3\n', 'latin1'));
    const notText = vigil(['monitoring', 'import', system.id, pdf, '--db', db]);
    expect(notText.code).toBe(1);
    expect(notText.stderr).toContain('is not a monitoring file');

    const unknown = vigil(['monitoring', 'criteria', 'ASM-00000099', '--file', file, '--db', db]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No assessment with id ASM-00000099.');
    const missing = vigil(['monitoring', 'import', system.id, join(dir, 'nowhere.csv'), '--db', db]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
  });
});
