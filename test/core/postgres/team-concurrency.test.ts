// Several team servers on one database: two cores racing on the same answer with the same
// expected revision (exactly one wins), and the scheduled sweep run by one server at a time.
import { describe, expect, it } from 'vitest';
import type { AppInfo, AssessmentDetail, LedgerVerification, Result } from '../../../electron/contract/index.ts';
import { scheduledJobLockKeys } from '../../../electron/core/store/postgres/scheduled-jobs.ts';
import { actor, onPostgres } from '../../support/core-fixture.ts';
import { assessorPerson, benignSystem, reviewerA } from '../../support/governance-fixture.ts';
import { call, client, database, teamCore } from '../../support/team-cores.ts';
import type { TeamCore } from '../../../electron/core/create-team-core.ts';

describe.skipIf(!onPostgres)('several team servers on one database (runs under npm run test:postgres)', () => {
  it('two cores answering the same question with the same expected revision: exactly one wins, every time', async () => {
    const { url } = await database({ fromTemplate: true });
    const a = teamCore(url, 'A', { poolSize: 4 });
    const b = teamCore(url, 'B', { poolSize: 4 });
    await call(a, 'people.save', { name: reviewerA.name, roles: ['reviewer'] });
    await call(a, 'people.save', { name: assessorPerson.name, roles: ['assessor'] });
    const system = await call<{ id: string }>(a, 'systems.create', benignSystem);
    const started = await call<{ id: string }>(a, 'assessments.start', { systemId: system.id, stage: 'procurement' });
    const detail = await call<AssessmentDetail>(b, 'assessments.get', { id: started.id });
    const questions = detail.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions));
    const q = questions.find((x) => !('options' in x) && x.kind === 'text' && detail.visibleQuestions.includes(x.id))!.id;

    const races = 12;
    let revision = 0;
    for (let i = 0; i < races; i++) {
      const send = (core: TeamCore, by: typeof reviewerA | typeof assessorPerson) =>
        core.dispatch('assessments.answer', { id: started.id, answers: [{ questionId: q, value: `${by.name} ${i}`, expectedRevision: revision }], by }, actor) as Promise<Result<{ answers: { questionId: string; revision: number; value: unknown }[] }>>;
      const results = await Promise.all([send(a, reviewerA), send(b, assessorPerson)]);
      const won = results.filter((r) => r.ok);
      const lost = results.filter((r) => !r.ok);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const winner = won[0]!.ok ? won[0]!.value.answers.find((x) => x.questionId === q)! : null;
      expect(winner?.revision).toBe(revision + 1);
      const loser = lost[0]!;
      if (loser.ok) throw new Error('unreachable');
      expect(loser.error.code).toBe('CONFLICT');
      // The refusal names the winner and the revision it made.
      const winnerName = String(winner?.value).replace(/ \d+$/, '');
      expect(loser.error.details).toMatchObject({ currentRevision: revision + 1 });
      expect(String(loser.error.details?.changedBy)).toContain(winnerName);
      revision += 1;
    }
    const stored = (await call<AssessmentDetail>(a, 'assessments.get', { id: started.id })).answers.find((x) => x.questionId === q);
    expect(stored?.revision).toBe(races);
    const ledger = await call<LedgerVerification>(b, 'audit.verify', {});
    expect(ledger.ok).toBe(true);
    // One answer event per race (plus the people, the system and the assessment).
    const answered = (await (await client(url)).query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE action = 'assessment.answered'")).rows[0]?.n;
    expect(answered).toBe(races);
  });

  it('runs the scheduled sweep on one server at a time and records the last run for app.info', async () => {
    const { url } = await database({ fromTemplate: true });
    const a = teamCore(url, 'A', { runnerName: 'server A' });
    const b = teamCore(url, 'B', { runnerName: 'server B' });
    expect((await call<AppInfo>(a, 'app.info', {})).lastSweep).toBeNull();

    // Another server holds the sweep's lock (a connection of the test's own, standing in for it): both skip.
    const other = await client(url);
    const key = scheduledJobLockKeys.dueDateSweep.toString();
    expect((await other.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [key])).rows[0]?.locked).toBe(true);
    expect(await Promise.all([a.scheduledSweep(), b.scheduledSweep()])).toEqual(['skipped', 'skipped']);
    expect((await call<AppInfo>(b, 'app.info', {})).lastSweep).toBeNull();

    await other.query('SELECT pg_advisory_unlock($1::bigint)', [key]);
    expect(await a.scheduledSweep()).toBe('ran');
    const recorded = (await call<AppInfo>(b, 'app.info', {})).lastSweep;
    expect(recorded).toMatchObject({ outcome: 'ok', runner: 'server A' });
    expect(Date.parse(recorded!.finishedAt)).toBeGreaterThanOrEqual(Date.parse(recorded!.startedAt));

    // Side by side, again and again: at least one sweeps each time, never both at once (the
    // lock is free again after every round), and the ledger stays one chain.
    for (let i = 0; i < 5; i++) {
      const outcomes = await Promise.all([a.scheduledSweep(), b.scheduledSweep()]);
      expect(outcomes).toContain('ran');
      for (const o of outcomes) expect(['ran', 'skipped']).toContain(o);
      const held = await other.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = ($1::bigint & 4294967295)::oid", [key]);
      expect(held.rows[0]?.n).toBe(0);
    }
    expect((await call<LedgerVerification>(a, 'audit.verify', {})).ok).toBe(true);
    await a.shutdown();
    expect(await a.scheduledSweep()).toBe('closed');
  });
});
