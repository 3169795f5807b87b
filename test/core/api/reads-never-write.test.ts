// Reads never write. Every method the contract declares `mutates: false`, called on the demo
// portfolio on a day when the due-date sweep has work (an acceptance expired, re-assessment dates
// passed), leaves both databases exactly as they were; the sweep then runs as its own audited
// transaction: by core.sweep() and by the host's timer.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { contract, methodNames, type MethodName } from '../../../electron/contract/index.ts';
import { hostSweepEveryMs } from '../../../electron/core/build-services.ts';
import { scheduledRunKey } from '../../../electron/core/store/scheduled-jobs.ts';
import { demoSetup, sampleContext, samples, type DemoSetup, type Sample } from '../../support/contract-samples.ts';
import { databaseDigest } from '../exchange/exchange-fixture.ts';
import { auditCount, auditRows } from '../../support/governance-fixture.ts';
import { onPostgres } from '../../support/core-fixture.ts';

const sweepActor = 'Vigil (scheduled check)';
/** The demo accepts risks for 180 days from its load date (2026-03-01); this day is past that. */
const afterExpiry = '2026-09-15T09:00:00.000Z';

let setup: DemoSetup | null = null;
afterEach(() => {
  vi.useRealTimers();
  setup?.dispose();
  setup = null;
});

const readMethods = methodNames.filter((m) => !contract[m].mutates);

describe('reads never write', () => {
  it('every mutates: false method leaves the databases byte for byte as they were, even with the sweep due', async () => {
    setup = await demoSetup();
    const { hospital, vendor, clock, state } = setup;
    const acceptedBefore = (await hospital.call('risks.list', { status: 'accepted' })).map((r) => r.id);
    expect(acceptedBefore.length).toBeGreaterThan(0);
    clock.set(afterExpiry);

    const before = { hospital: await databaseDigest(hospital), vendor: await databaseDigest(vendor), audit: await auditCount(hospital), vendorAudit: await auditCount(vendor) };
    expect(readMethods.length).toBeGreaterThan(20);
    const outcomes: string[] = [];
    for (const method of readMethods) {
      const sample = samples[method] as Sample<MethodName>;
      const ws = sample.on === 'vendor' ? vendor : hospital;
      const result = await ws.raw(method, sample.input(state), sampleContext(sample, state));
      // A read may refuse (a request past its date…) but never fail inside.
      if (!result.ok) outcomes.push(`${method}: ${result.error.code}`);
      expect(result.ok || result.error.code !== 'INTERNAL', method).toBe(true);
      expect(await databaseDigest(hospital), `${method} wrote to the hospital database`).toBe(before.hospital);
      expect(await databaseDigest(vendor), `${method} wrote to the vendor database`).toBe(before.vendor);
    }
    expect(outcomes).toEqual([]);
    expect(await auditCount(hospital)).toBe(before.audit);
    expect(await auditCount(vendor)).toBe(before.vendorAudit);
    // The register still reads as it stands: the expired acceptance waits for the sweep.
    expect((await hospital.call('risks.list', { status: 'accepted' })).map((r) => r.id)).toEqual(acceptedBefore);

    // The sweep was due all along: run explicitly, it records the expiries in its own events.
    await hospital.core.sweep();
    const events = (await auditRows(hospital)).slice(before.audit);
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(events.map((e) => e.actor))).toEqual(new Set([sweepActor]));
    expect(events.filter((e) => e.action === 'risk.expire').map((e) => e.entity).sort()).toEqual([...acceptedBefore].sort());
    expect(events.some((e) => e.action === 'lifecycle.reassessmentDue')).toBe(true);
    expect(await hospital.call('risks.list', { status: 'accepted' })).toEqual([]);
    expect(await hospital.call('audit.verify', {})).toMatchObject({ ok: true, length: before.audit + events.length });

    // Nothing more to do the same day: a second sweep writes nothing (on a team database, but
    // the scheduled job's record of its last run, which app.info shows).
    const heartbeat = (table: string, row: Record<string, unknown>) => table === 'settings' && row.key === scheduledRunKey('dueDateSweep');
    const swept = await databaseDigest(hospital, heartbeat);
    const ledgerLength = await auditCount(hospital);
    await hospital.core.sweep();
    expect(await databaseDigest(hospital, heartbeat)).toBe(swept);
    expect(await auditCount(hospital)).toBe(ledgerLength);
    if (onPostgres) expect((await hospital.call('app.info', {})).lastSweep).not.toBeNull();
  });

  it('the hosts’ timer runs the sweep while the core stays open, and stops at close', async () => {
    // Only the interval timers are faked: the demo load and the database run on real time.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    setup = await demoSetup('2026-03-01T09:00:00.000Z', { sweepEveryMs: hostSweepEveryMs });
    const { hospital, clock } = setup;
    const accepted = (await hospital.call('risks.list', { status: 'accepted' })).map((r) => r.id);
    expect(accepted.length).toBeGreaterThan(0);
    const start = await auditCount(hospital);

    // Before the interval has passed nothing happens, even though the day has come.
    clock.set(afterExpiry);
    vi.advanceTimersByTime(hostSweepEveryMs - 1);
    expect(await auditCount(hospital)).toBe(start);

    vi.advanceTimersByTime(1);
    // The timer started the sweep; it commits as one transaction. Wait for it, in turns of the
    // event loop rather than time.
    for (let turn = 0; turn < 10_000 && await auditCount(hospital) === start; turn++) await new Promise((resolve) => setImmediate(resolve));
    const events = (await auditRows(hospital)).slice(start);
    expect(events.filter((e) => e.action === 'risk.expire').map((e) => e.entity).sort()).toEqual([...accepted].sort());
    expect(events.every((e) => e.actor === sweepActor)).toBe(true);
    expect((await hospital.call('risks.list', { status: 'accepted' })).length).toBe(0);

    // Closed: the timer is gone (no sweep on a closed database, no error).
    hospital.core.close();
    expect(vi.getTimerCount()).toBe(0);
  });
});
