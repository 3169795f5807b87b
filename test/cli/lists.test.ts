// The paged list commands on the built binary (docs/lists.md): `vigil assessments list`,
// `vigil reviews log` and `vigil audit events` over the demo portfolio — a "Rows a–b of n" line
// and a table, --page counted in --limit rows, filters named as the method's input in
// kebab-case, --json the page itself, and refusals in words.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentPage, AssessmentSummary, AuditEventPage, ReviewPage } from '../../electron/contract/index.ts';
import { tempDir } from '../support/core-fixture.ts';
import { vigil } from '../support/run-cli.ts';

let db = '';
beforeAll(() => {
  const made = tempDir('vigil-cli-lists-');
  db = `${made.dir}/cli.db`;
  const loaded = vigil(['demo', '--db', db]);
  if (loaded.code !== 0) throw new Error(`vigil demo exited ${loaded.code}: ${loaded.stderr}`);
  return made.cleanup;
});

const run = (args: string[]) => vigil([...args, '--db', db]);
const json = <T>(args: string[]): T => {
  const r = run([...args, '--json']);
  if (r.code !== 0) throw new Error(`vigil ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
};

describe('vigil assessments list', () => {
  it('shows one page with where it sits, pages by --page and --limit, and sorts and filters as asked', () => {
    const all = json<AssessmentSummary[]>(['assessments', 'list', '--all']);
    expect(all.length).toBeGreaterThan(4);
    const first = run(['assessments', 'list']);
    expect(first.code).toBe(0);
    expect(first.stdout.split('\n')[0]).toBe(`Rows 1–${all.length} of ${all.length}`);
    expect(first.stdout).toMatch(/ID\s+System\s+Stage\s+Status\s+Required\s+Band\s+Changed/);

    const second = run(['assessments', 'list', '--limit', '2', '--page', '2', '--sort', 'title', '--direction', 'asc']);
    expect(second.stdout.split('\n')[0]).toBe(`Rows 3–4 of ${all.length}`);
    const byTitle = json<AssessmentPage>(['assessments', 'list', '--sort', 'title', '--direction', 'asc', '--limit', '200']);
    const page2 = json<AssessmentPage>(['assessments', 'list', '--limit', '2', '--offset', '2', '--sort', 'title', '--direction', 'asc']);
    expect(page2.rows.map((r) => r.id)).toEqual(byTitle.rows.slice(2, 4).map((r) => r.id));
    for (const r of page2.rows) expect(second.stdout).toContain(r.id);

    const status = all[0]!.status;
    const filtered = json<AssessmentPage>(['assessments', 'list', '--status', status, '--system-id', all[0]!.systemId]);
    expect(filtered.rows.map((r) => r.id).sort()).toEqual(all.filter((a) => a.status === status && a.systemId === all[0]!.systemId).map((a) => a.id).sort());
    const searched = json<AssessmentPage>(['assessments', 'list', '--search', all[0]!.systemName.toUpperCase()]);
    expect(searched.rows.map((r) => r.id).sort()).toEqual(all.filter((a) => a.systemId === all[0]!.systemId).map((a) => a.id).sort());
    expect(run(['assessments', 'list', '--search', 'no such assessment anywhere']).stdout).toBe('No assessments match.\n');
  });

  it('refuses a bad sort, page or mix of flags in words', () => {
    const sort = run(['assessments', 'list', '--sort', 'colour']);
    expect(sort.code).toBe(1);
    expect(sort.stderr).toContain('sort must be one of: systemName, title');
    const limit = run(['assessments', 'list', '--limit', '500']);
    expect(limit.code).toBe(1);
    expect(limit.stderr).toContain('limit is at most 200 rows');
    expect(run(['assessments', 'list', '--page', '0']).stderr).toContain('--page counts from 1');
    expect(run(['assessments', 'list', '--page', '2', '--offset', '5']).code).toBe(2);
    const mixed = run(['assessments', 'list', '--all', '--limit', '5']);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('--all lists every assessment at once');
  });
});

describe('vigil reviews log', () => {
  it('lists the assessments sent to review, awaiting or decided', () => {
    const all = json<AssessmentSummary[]>(['assessments', 'list', '--all']);
    const log = json<ReviewPage>(['reviews', 'log', '--limit', '200']);
    expect(log.total).toBeGreaterThan(0);
    expect(log.rows.every((r) => r.submittedAt !== null)).toBe(true);
    const decided = json<ReviewPage>(['reviews', 'log', '--state', 'decided']);
    expect(decided.rows.map((r) => r.status).every((s) => ['approved', 'approvedWithConditions', 'rejected'].includes(s))).toBe(true);
    const awaiting = json<ReviewPage>(['reviews', 'log', '--state', 'awaiting']);
    expect(awaiting.rows.map((r) => r.id).sort()).toEqual(all.filter((a) => a.status === 'submitted' || a.status === 'inReview').map((a) => a.id).sort());
    const human = run(['reviews', 'log']);
    expect(human.stdout.split('\n')[0]).toBe(`Rows 1–${log.total} of ${log.total}`);
    expect(human.stdout).toMatch(/Submitted\s+Decided/);
    expect(run(['reviews', 'log', '--state', 'pending']).stderr).toContain('state must be awaiting or decided');
  });
});

describe('vigil audit events', () => {
  it('pages the ledger newest first, filters it, and leaves it as it was', () => {
    const length = json<{ length: number }>(['audit', 'verify']).length;
    const newest = json<AuditEventPage>(['audit', 'events', '--limit', '3']);
    expect(newest.total).toBe(length);
    expect(newest.rows.map((e) => e.seq)).toEqual([length, length - 1, length - 2]);
    const created = json<AuditEventPage>(['audit', 'events', '--action', 'system.created', '--limit', '200']);
    expect(created.total).toBeGreaterThan(1);
    expect(created.rows.every((e) => e.action === 'system.created')).toBe(true);
    const entity = created.rows[0]!.entity;
    const about = json<AuditEventPage>(['audit', 'events', '--entity', entity, '--sort', 'seq', '--direction', 'asc', '--limit', '200']);
    expect(about.rows[0]).toMatchObject({ action: 'system.created', entity });
    const human = run(['audit', 'events', '--action', 'system.created', '--limit', '2', '--page', '2']);
    expect(human.stdout.split('\n')[0]).toBe(`Rows 3–4 of ${created.total}`);
    expect(human.stdout).toMatch(/Seq\s+At\s+Actor\s+Action\s+Entity\s+Payload/);
    expect(run(['audit', 'events', '--from', 'yesterday']).stderr).toContain('dates are YYYY-MM-DD');
    expect(json<{ ok: boolean; length: number }>(['audit', 'verify'])).toEqual(expect.objectContaining({ ok: true, length }));
  });
});
