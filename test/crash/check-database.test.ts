// The crash checker must have teeth: on a clean database it finds nothing, and each kind of
// half-applied or unrecorded change planted by hand is reported.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/core-fixture.ts';
import { addPeople, benignSystem, coreOn, driveAssessment, riskySystem } from '../support/governance-fixture.ts';
import { migrations } from '../../electron/core/store/migrations/index.ts';
import { migrate } from '../../electron/core/store/open-database.ts';
import { checkDatabase, markerTraces } from './check-database.ts';

describe('crash checker', () => {
  const temp = tempDir('vigil-crash-check-');
  const clean = join(temp.dir, 'clean.db');
  let copies = 0;

  beforeAll(async () => {
    const core = coreOn(clean, '2026-03-01T09:00:00.000Z');
    await addPeople(core);
    const benign = await core.call('systems.create', benignSystem);
    const risky = await core.call('systems.create', riskySystem);
    const a = await core.call('assessments.start', { systemId: benign.id, stage: 'procurement' });
    await driveAssessment(core, a.id);
    const b = await core.call('assessments.start', { systemId: risky.id, stage: 'procurement' });
    await driveAssessment(core, b.id, { posture: 'riskiest', until: 'submitted' });
    const v = await core.call('assessments.start', { systemId: benign.id, stage: 'validation' });
    await core.call('evidence.add', { assessmentId: v.id, questionId: v.visibleQuestions[0]!, fileName: 'marker-report.txt', dataBase64: Buffer.from('report').toString('base64') });
    await core.call('systems.recordChange', { systemId: benign.id, kind: 'modelVersion', description: 'v2', modelVersion: '2.0' });
    core.close();
  });
  afterAll(() => temp.cleanup());

  /** A copy of the clean database with `sql` applied (triggers that guard the ledger dropped first). */
  function tampered(sql: string): string[] {
    const path = join(temp.dir, `copy-${++copies}.db`);
    copyFileSync(clean, path);
    const db = new Database(path);
    db.exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;');
    db.exec(sql);
    db.close();
    const report = checkDatabase(path);
    report.db.close();
    return report.problems;
  }

  it('finds nothing wrong with a database the core wrote', () => {
    const report = checkDatabase(clean);
    report.db.close();
    expect(report.problems).toEqual([]);
    expect(report.events.length).toBeGreaterThan(20);
  });

  it('reports an answer missing from an audited batch', () => {
    expect(tampered('DELETE FROM answers WHERE rowid = (SELECT MIN(rowid) FROM answers)').join('\n')).toMatch(/answer .* is in the ledger but not in the table/);
  });

  it('reports an answer changed without its audit event', () => {
    expect(tampered(`UPDATE answers SET value = '"Changed quietly"' WHERE rowid = (SELECT MAX(rowid) FROM answers WHERE value LIKE '"%')`).join('\n')).toMatch(/answer .* ≠ ledger/);
  });

  it('reports a system, evidence and a risk that exist without their audit events', () => {
    const problems = tampered(`
      INSERT INTO systems (id, name, vendor, created_at, created_by, updated_at) VALUES ('SYS-ORPHAN01', 'Orphan', 'Nobody', 'x', 'x', 'x');
      DELETE FROM audit_events WHERE action = 'evidence.added';
      DELETE FROM audit_events WHERE seq = (SELECT MAX(seq) FROM audit_events WHERE action = 'risk.identified');
    `).join('\n');
    expect(problems).toMatch(/system SYS-ORPHAN01 exists without the audit event/);
    expect(problems).toMatch(/evidence .* exists without the audit event/);
    expect(problems).toMatch(/risk .* exists without the audit event/);
    expect(problems).toMatch(/ledger does not verify/);
  });

  it('reports the last command cut off the ledger (the chain alone cannot see a truncation)', () => {
    const problems = tampered('DELETE FROM audit_events WHERE seq = (SELECT MAX(seq) FROM audit_events)');
    expect(problems.join('\n')).not.toMatch(/ledger does not verify/);
    expect(problems.length).toBeGreaterThan(0);
  });

  it('reports a lifecycle or review state the ledger never recorded', () => {
    expect(tampered("UPDATE systems SET lifecycle_stage = 'inUse' WHERE rowid = 1").join('\n')).toMatch(/lifecycle inUse ≠ ledger/);
    expect(tampered("UPDATE assessments SET status = 'approved' WHERE status = 'submitted'").join('\n')).toMatch(/assessment .* ≠ ledger/);
  });

  it('reports a migration half applied, and accepts one killed cleanly between two', () => {
    const half = join(temp.dir, 'half.db');
    const db = new Database(half);
    migrate(db, migrations.slice(0, 2), 0);
    db.close();
    const between = checkDatabase(half);
    between.db.close();
    expect(between).toMatchObject({ problems: [], complete: false });
    const again = new Database(half);
    again.exec('CREATE TABLE people (id TEXT PRIMARY KEY) STRICT'); // part of 003, without its version
    again.close();
    const report = checkDatabase(half);
    report.db.close();
    expect(report.problems.join('\n')).toMatch(/half applied/);
  });

  it('finds the traces of a command that should have left none', () => {
    const db = new Database(clean, { readonly: true });
    try {
      expect(markerTraces(db, 'marker-report')).toEqual([expect.stringMatching(/^audit_events/), expect.stringMatching(/^evidence/)]);
      expect(markerTraces(db, 'c1r2n3x')).toEqual([]);
    } finally {
      db.close();
    }
  });
});
