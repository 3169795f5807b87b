// A monitoring file that fails a check is refused whole (DATA_FILE_INVALID), each problem named
// by row and column in words, and NOTHING is written: no value, no import, no breach, no event,
// no ledger entry (docs/monitoring.md, "Checks").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VigilError } from '../../../electron/contract/index.ts';
import { makeTestCore, type TestCore } from '../../support/core-fixture.ts';
import { addPeople } from '../../support/governance-fixture.ts';
import { csv, header, monitoredSystem, monitoringCounts } from './monitoring-fixture.ts';

let core: TestCore;
let systemId = '';
let firstImport = '';
beforeAll(async () => {
  core = makeTestCore();
  await addPeople(core);
  ({ systemId } = await monitoredSystem(core));
  // One value recorded, for the contradiction case (the fixed clock is on 1 March 2026).
  firstImport = (await core.call('monitoring.import', { systemId, fileName: 'january.csv', text: csv('sensitivity,all,2026-01,0.86,1284,Seismometer') })).importId;
});
afterAll(() => core.dispose());

async function refused(text: string, fileName = 'monitoring.csv'): Promise<VigilError> {
  const before = await monitoringCounts(core);
  const result = await core.raw('monitoring.import', { systemId, fileName, text });
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('imported');
  expect(result.error.code).toBe('DATA_FILE_INVALID');
  expect(result.error.message).toMatch(new RegExp(`^${fileName.replace('.', '\\.')} was not imported: .*Nothing was written\\.$`));
  expect(await monitoringCounts(core)).toEqual(before);
  return result.error;
}

const issues = (error: VigilError) => error.details?.issues ?? [];

describe('a monitoring file is refused, nothing written', () => {
  it('with an unknown column and a missing one, named', async () => {
    const error = await refused('metric,subgroup,month,value,n,source\nsensitivity,all,2026-02,0.85,1301,x\n');
    expect(issues(error)).toEqual([
      { path: 'row 1', message: 'unknown column "month": the columns are metric, subgroup, period, value, n, source' },
      { path: 'row 1', message: 'missing column period: the header names metric, subgroup, period, value, n, source, in any order' },
    ]);
  });

  it('with an unknown metric, a bad subgroup, a month in the future or not a month', async () => {
    const error = await refused(csv('accuracy,all,2026-02,0.85,10,x', 'sensitivity,age 65+,2026-02,0.85,10,x', 'sensitivity,all,2026-04,0.85,10,x', 'ppv,all,2026-13,0.5,10,x'));
    expect(issues(error)).toEqual([
      { path: 'row 2, column metric', message: expect.stringMatching(/^"accuracy" is not a metric Vigil knows: give one of auroc, sensitivity/) },
      { path: 'row 3, column subgroup', message: '"age 65+" is not a subgroup: give "all" or dimension:value, e.g. age:65+ or sex:female' },
      { path: 'row 4, column period', message: 'April 2026 is in the future (this month is March 2026)' },
      { path: 'row 5, column period', message: '"2026-13" is not a month: give YYYY-MM, e.g. 2026-10' },
    ]);
  });

  it('with a percentage where a fraction belongs, a value off the scale, and n not a whole count', async () => {
    const error = await refused(csv('sensitivity,all,2026-02,82,1301,x', 'calibrationSlope,all,2026-02,7,10,x', 'ppv,all,2026-02,0.4,12.5,x', 'npv,all,2026-02,0.9,0,x', 'auroc,all,2026-02,high,10,x'));
    expect(issues(error)).toEqual([
      { path: 'row 2, column value', message: '82.00 looks like a percentage: give 0.82, not 82.00 (Sensitivity is fraction of patients with the outcome flagged (0–1))' },
      { path: 'row 3, column value', message: '7.00 is outside the scale of Calibration slope: 0 to 5 (slope (1 is perfect; 0–5))' },
      { path: 'row 4, column n', message: 'n must be a whole number, not "12.5"' },
      { path: 'row 5, column n', message: 'n is the number of patients or encounters counted: a whole number from 1, not 0.00' },
      { path: 'row 6, column value', message: '"high" is not a number: give a decimal such as 0.82' },
    ]);
  });

  it('with the same metric, subgroup and month twice, naming both rows', async () => {
    const error = await refused(csv('sensitivity,all,2026-02,0.85,1301,x', 'ppv,all,2026-02,0.4,10,x', 'sensitivity,all,2026-02,0.85,1301,x'));
    expect(issues(error)).toEqual([{ path: 'row 4, column period', message: 'sensitivity for all in 2026-02 is given twice: in row 2 and in row 4' }]);
  });

  it('with a value that contradicts one already recorded, naming the earlier import', async () => {
    const error = await refused(csv('sensitivity,all,2026-01,0.81,1284,Seismometer'));
    expect(issues(error)).toEqual([
      { path: 'row 2, column value', message: `sensitivity for all in 2026-01 is already recorded as 0.86 (n = 1284) from ${firstImport}; this file gives 0.81 (n = 1284). A recorded value is never replaced.` },
    ]);
  });

  it('when larger than 20 MB, or with more than 200,000 rows', async () => {
    expect(issues(await refused(`${header}\n${'x'.repeat(20 * 1024 * 1024)}`))).toEqual([{ path: 'file', message: 'the file is larger than 20 MB: split it into smaller files' }]);
    const many = `${header}\n${'sensitivity,all,2026-02,0.85,1301,x\n'.repeat(200_001)}`;
    const error = await refused(many);
    expect(issues(error)).toEqual([{ path: 'row 200002', message: 'the file has more than 200,000 rows: split it into files of at most that many' }]);
  });

  it('when empty, or a header with no rows', async () => {
    expect(issues(await refused(''))).toEqual([{ path: 'file', message: 'the file is empty: give a header row (metric,subgroup,period,value,n,source) and a row per value' }]);
    expect(issues(await refused('\n\n'))).toEqual([{ path: 'file', message: 'the file is empty: give a header row (metric,subgroup,period,value,n,source) and a row per value' }]);
    expect(issues(await refused(`${header}\r\n`))).toEqual([{ path: 'file', message: 'the file has a header row but no values' }]);
    expect(issues(await refused('[]', 'monitoring.json'))).toEqual([{ path: 'file', message: 'the file holds no rows' }]);
  });

  it('when a cell is not plain text (a bidirectional control, a control character)', async () => {
    const error = await refused(csv('sensitivity,all,2026-02,0.85,1301,Seismo\u202Emeter', 'ppv,all\u0007,2026-02,0.4,10,x'));
    expect(issues(error)).toEqual([
      { path: 'row 2, column source', message: 'the cell contains U+202E, a bidirectional control that makes text display in another order than it is stored' },
      { path: 'row 3, column subgroup', message: 'the cell contains the control character U+0007' },
    ]);
  });

  it('with a row of the wrong width or broken quoting', async () => {
    expect(issues(await refused(csv('sensitivity,all,2026-02,0.85,1301')))).toEqual([{ path: 'row 2', message: 'the row has 5 cells; the header has 6' }]);
    expect(issues(await refused(csv('sensitivity,all,2026-02,0.85,1301,"Seismometer')))).toEqual([{ path: 'row 2', message: 'a quoted cell is never closed: a quote (") is missing' }]);
  });

  it('JSON: unknown keys, a value given as text, not an array of rows', async () => {
    const error = await refused(
      JSON.stringify({ rows: [{ metric: 'sensitivity', subgroup: 'all', period: '2026-02', value: 0.85, n: 1301, source: 'x', site: 'north' }, { metric: 'ppv', subgroup: 'all', period: '2026-02', value: '0.4', n: 10, source: 'x' }] }),
      'monitoring.json',
    );
    expect(issues(error)).toEqual([
      { path: 'row 1, key "site"', message: 'unknown key: the keys are metric, subgroup, period, value, n, source' },
      { path: 'row 2, column value', message: 'value must be a JSON number, not text: give 0.82, not "0.82"' },
    ]);
    expect(issues(await refused('{"values": []}', 'monitoring.json'))).toEqual([{ path: 'file', message: 'a JSON file is an array of rows, or an object with one key, "rows", holding that array' }]);
  });

  it('lists 20 problems and counts them all', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => `sensitivity,all,2026-02,${90 + (i % 5)},1301,x`);
    const error = await refused(csv(...rows));
    expect(issues(error)).toHaveLength(20);
    expect(error.details?.total).toBe(25);
    expect(error.message).toMatch(/: 25 problems \(row 2, column value: .*; and 22 more\)\. Nothing was written\.$/);
  });
});

describe('what is accepted', () => {
  it('RFC 4180 quoting, columns in any order and any case, CRLF, a byte-order mark', async () => {
    const text = '\uFEFFSource,PERIOD,Metric,subgroup,value,n\r\n"Seismometer, ""v2"" export",2026-02,PPV,"site:north ward",0.41,88\r\n';
    const result = await core.call('monitoring.import', { systemId, fileName: 'quoted.csv', text });
    expect(result).toMatchObject({ rows: 1, alreadyRecorded: 0 });
    const summary = await core.call('monitoring.summary', { systemId });
    expect(summary.series.find((s) => s.metric === 'ppv')).toMatchObject({ subgroup: 'site:north ward', points: [{ period: '2026-02', value: 0.41, n: 88, breached: false }] });
    const stored = await core.rows<{ text: string; sha256: string }>(`SELECT text, sha256 FROM monitoring_imports WHERE id = '${result.importId}'`);
    expect(stored[0]!.text).toBe(text);
    expect(stored[0]!.sha256).toBe(result.sha256);
  });
});
