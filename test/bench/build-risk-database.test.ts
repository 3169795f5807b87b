// The benches' databases must give the lists' filters and sorts something to do: the builder
// makes a small one here and it is read back through the core.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AiSystem, Risk } from '../../electron/contract/index.ts';
import { createCore, type Core } from '../../electron/core/create-core.ts';
import { randomIds, systemClock } from '../../electron/core/deps.ts';
import { tempDir, templatesDir } from '../support/core-fixture.ts';
import { benchCall, buildRiskDatabase } from './build-risk-database.ts';

describe('buildRiskDatabase', () => {
  const files = tempDir('vigil-bench-db-');
  let core: Core;
  let built: number;
  let risks: Risk[];
  let systems: AiSystem[];

  beforeAll(async () => {
    const dbPath = join(files.dir, 'bench.db');
    built = await buildRiskDatabase(dbPath, 600);
    core = createCore({ dbPath, clock: systemClock, ids: randomIds, templatesDir });
    risks = await benchCall<Risk[]>(core, 'risks.list', {});
    systems = await benchCall<AiSystem[]>(core, 'systems.list', {});
  });
  afterAll(() => {
    core.close();
    files.cleanup();
  });

  it('holds at least the risks asked for, and says how many', () => {
    expect(built).toBeGreaterThanOrEqual(600);
    expect(risks).toHaveLength(built);
  });

  it('varies systems: names numbered past 9 for natural order, vendors, owners', () => {
    expect(new Set(systems.map((s) => s.name)).size).toBe(systems.length);
    // Some names of one product sort differently as text and in natural order ("… 2" before "… 14").
    const byProduct = Map.groupBy(systems, (s) => s.name.replace(/ \d+$/, ''));
    const numbers = [...byProduct.values()].map((group) => group.map((s) => s.name));
    expect(numbers.some((names) => names.some((a) => names.some((b) => a < b && a.localeCompare(b, 'en', { numeric: true }) > 0)))).toBe(true);
    expect(new Set(systems.map((s) => s.vendor)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(systems.map((s) => s.owner)).size).toBeGreaterThanOrEqual(6);
  });

  it('varies risks: bands, statuses, owners, overdue and not', () => {
    const count = (f: (r: Risk) => boolean) => risks.filter(f).length;
    expect(new Set(risks.map((r) => r.band))).toEqual(new Set(['medium', 'high', 'critical']));
    for (const status of ['identified', 'planned', 'accepted', 'acceptanceRequested']) expect(count((r) => r.status === status)).toBeGreaterThan(0);
    expect(count((r) => r.overdue)).toBeGreaterThan(0);
    expect(count((r) => r.treatment !== null && !r.overdue)).toBeGreaterThan(0);
    expect(count((r) => r.acceptance?.grantedBy !== undefined && r.acceptance.expiry > new Date().toISOString().slice(0, 10))).toBeGreaterThan(0);
    expect(new Set(risks.filter((r) => r.owner !== '').map((r) => r.owner)).size).toBeGreaterThanOrEqual(6);
  });

  it('gives systems answered with a reused answer set the risks of the one answered by hand', () => {
    // Systems of one profile and posture (same fields) score alike whichever way they were answered.
    const key = (s: AiSystem) => JSON.stringify([s.autonomyLevel, s.modelType, s.deploymentType, s.dataCategories, s.integrationPoints, s.worstCredibleHarm, s.timeCritical]);
    const perSystem = new Map<string, string[]>();
    for (const r of risks) perSystem.set(r.systemId, [...(perSystem.get(r.systemId) ?? []), r.threatId]);
    const byProfile = new Map<string, Set<string>>();
    for (const s of systems) byProfile.set(key(s), (byProfile.get(key(s)) ?? new Set()).add(JSON.stringify((perSystem.get(s.id) ?? []).sort())));
    expect([...byProfile.values()].filter((threatSets) => threatSets.size > 0)).not.toHaveLength(0);
    for (const threatSets of byProfile.values()) expect(threatSets.size).toBe(1);
  });
});
