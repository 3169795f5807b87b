// `vigil training record|import|list` (issue 20, docs/readiness.md): training records from the
// command line, the readiness table in words, --json for scripts; a bad file exits 1 naming its
// rows and columns and writes nothing.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TrainingImportResult, TrainingList } from '../../electron/contract/index.ts';
import { useTempDatabase, vigil } from '../support/run-cli.ts';

let db = '';
let dir = '';
useTempDatabase((paths) => {
  db = paths.db;
  dir = paths.dir;
});

describe('vigil training', () => {
  it('records a group, imports a file, lists readiness as a table and as JSON; refuses a bad file by row and column', () => {
    const system = vigil(['systems', 'add', '--db', db, '--json', '--name', 'Sepsis watch', '--vendor', 'Acme Health']);
    const { id } = JSON.parse(system.stdout) as { id: string };

    const recorded = vigil(['training', 'record', id, '--db', db, '--group', 'ICU nurses', '--trained', '14', '--using', '40', '--date', '2026-01-10', '--material', '2.1', '--refresher-due', '2026-06-01']);
    expect(recorded.stderr).toBe('');
    expect(recorded.stdout).toMatch(/^Recorded TRN-\w+: 14 of 40 ICU nurses trained on 2026-01-10 \(version 2\.1\); refresher due 2026-06-01\.\n$/);

    const file = join(dir, 'doctors.csv');
    writeFileSync(file, 'Role,Trained,Using,Date,MaterialVersion,RefresherDue\nWard doctors,19,20,2026-02-01,3.0,2099-02-01\n');
    const imported = vigil(['training', 'import', id, file, '--db', db, '--json']);
    expect(imported.stderr).toBe('');
    const result = TrainingImportResult.parse(JSON.parse(imported.stdout));
    expect(result).toMatchObject({ fileName: 'doctors.csv', rows: 1, alreadyRecorded: 0 });
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);

    const table = vigil(['training', 'list', id, '--db', db]);
    expect(table.stdout).toContain('1 of 2 role groups falls short: ICU nurses (33 of 60 people trained in all).');
    expect(table.stdout).toMatch(/ICU nurses\s+14 of 40\s+35%\s+2\.1\s+2026-06-01\s+below target; refresher overdue/);
    expect(table.stdout).toMatch(/Ward doctors\s+19 of 20\s+95%\s+3\.0\s+2099-02-01\s+meets target/);
    const list = TrainingList.parse(JSON.parse(vigil(['training', 'list', id, '--db', db, '--json']).stdout));
    expect(list.records.map((r) => r.role)).toEqual(['Ward doctors', 'ICU nurses']);

    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'role,trained,using,date,materialVersion,refresherDue\nPorters,30,20,2026-02-01,1,2027-02-01\nPorters,3,20,2026-02-01,1,2026-01-01\n');
    const refused = vigil(['training', 'import', id, bad, '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('vigil: bad.csv was not imported: 2 problems');
    expect(refused.stderr).toContain('  row 2, column trained: 30 trained is more than the 20 people using the system');
    expect(refused.stderr).toContain('  row 3, column refresherDue: the refresher (2026-01-01) must be due after the training date (2026-02-01)');
    expect(TrainingList.parse(JSON.parse(vigil(['training', 'list', id, '--db', db, '--json']).stdout)).records).toHaveLength(2);

    expect(vigil(['training', 'record', id, '--db', db, '--trained', '1']).code).toBe(2);
  });
});
