// Importing 100,000 monitoring rows (issue 20) beside a bare batched insert of the same rows into
// the same table on the same engine (SQLite, the same pragmas), in one transaction each: the
// target is ≤ 2×. The import's work over the bare insert is the contract's checks, reading the
// file row by row, the stored file text and its SHA-256, and the ledger event.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { monitoringMetrics } from '../../electron/contract/index.ts';
import { createCore } from '../../electron/core/create-core.ts';
import { fixedClock, sequentialIds, templatesDir } from '../support/core-fixture.ts';

const rowsWanted = 100_000;
const runs = 3;
const batch = 500;

/** 100,000 distinct rows: 9 metrics × 36 subgroups × months back from February 2026. */
function monitoringRows(): { metric: string; subgroup: string; period: string; value: number; n: number; source: string }[] {
  const rows = [];
  for (let m = 0; rows.length < rowsWanted; m++) {
    const period = `${2026 - Math.floor((m + 11) / 12)}-${String(12 - ((m + 11) % 12)).padStart(2, '0')}`;
    for (const metric of monitoringMetrics) {
      for (let g = 0; g < 36 && rows.length < rowsWanted; g++) {
        rows.push({ metric, subgroup: g === 0 ? 'all' : `site:ward-${g}`, period, value: 0.5 + ((g * 7 + m) % 40) / 100, n: 100 + g, source: 'Bench export' });
      }
    }
  }
  return rows;
}

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchMonitoringImport(dir: string): Promise<string> {
  const rows = monitoringRows();
  const text = ['metric,subgroup,period,value,n,source', ...rows.map((r) => `${r.metric},${r.subgroup},${r.period},${r.value},${r.n},${r.source}`)].join('\n') + '\n';
  const ctx = { actor: 'bench' };

  // The core, on its own database; the baseline, on another at the same schema (made by a core, then closed).
  const core = createCore({ dbPath: join(dir, 'monitoring-core.db'), clock: fixedClock(), ids: sequentialIds(), templatesDir });
  const bareCore = createCore({ dbPath: join(dir, 'monitoring-bare.db'), clock: fixedClock(), ids: sequentialIds(), templatesDir });
  const bareSystems: string[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const made = await bareCore.dispatch('systems.create', { name: `Bare ${i}`, vendor: 'Bench' }, ctx);
    if (!made.ok) throw new Error(made.error.message);
    bareSystems.push((made.value as { id: string }).id);
  }
  bareCore.close();
  const bare = new Database(join(dir, 'monitoring-bare.db'));
  bare.pragma('journal_mode = WAL');
  bare.pragma('synchronous = FULL');
  bare.pragma('foreign_keys = ON');
  const placeholders = (n: number) => Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
  const insertFull = bare.prepare(`INSERT INTO monitoring_values (system_id, import_id, metric, subgroup, period, value, n, source) VALUES ${placeholders(batch)}`);
  const bareImport = bare.transaction((systemId: string, importId: string) => {
    bare.prepare("INSERT INTO monitoring_imports (id, system_id, file_name, text, sha256, rows, imported_by, imported_at) VALUES (?, ?, 'bench.csv', '', '', 0, 'bench', '')").run(importId, systemId);
    for (let start = 0; start < rows.length; start += batch) {
      const size = Math.min(batch, rows.length - start);
      const values: (string | number)[] = [];
      for (let i = start; i < start + size; i++) {
        const r = rows[i]!;
        values.push(systemId, importId, r.metric, r.subgroup, r.period, r.value, r.n, r.source);
      }
      (size === batch ? insertFull : bare.prepare(`INSERT INTO monitoring_values (system_id, import_id, metric, subgroup, period, value, n, source) VALUES ${placeholders(size)}`)).run(...values);
    }
  });

  const coreTimes: number[] = [];
  const bareTimes: number[] = [];
  // CPU time beside wall time: on a shared, loaded machine the wall clock also counts waiting for a core.
  const coreCpu: number[] = [];
  const bareCpu: number[] = [];
  // Run 0 warms both up; then the runs alternate, each into a new system, so both tables grow alike.
  for (let run = 0; run <= runs; run++) {
    const made = await core.dispatch('systems.create', { name: `Monitored ${run}`, vendor: 'Bench' }, ctx);
    if (!made.ok) throw new Error(made.error.message);
    const systemId = (made.value as { id: string }).id;
    let start = process.hrtime.bigint();
    let cpu = process.cpuUsage();
    const imported = await core.dispatch('monitoring.import', { systemId, fileName: 'bench.csv', text }, ctx);
    const tCore = Number(process.hrtime.bigint() - start) / 1e6;
    const cCore = cpuMs(process.cpuUsage(cpu));
    if (!imported.ok) throw new Error(imported.error.message);
    start = process.hrtime.bigint();
    cpu = process.cpuUsage();
    bareImport(bareSystems[run]!, `MON-BARE${run}`);
    const tBare = Number(process.hrtime.bigint() - start) / 1e6;
    const cBare = cpuMs(process.cpuUsage(cpu));
    if (run === 0) continue;
    coreTimes.push(tCore);
    bareTimes.push(tBare);
    coreCpu.push(cCore);
    bareCpu.push(cBare);
    console.log(`  run ${run}: monitoring.import ${tCore.toFixed(0)} ms (CPU ${cCore.toFixed(0)} ms), bare batched insert ${tBare.toFixed(0)} ms (CPU ${cBare.toFixed(0)} ms): ${(tCore / tBare).toFixed(2)}x`);
  }
  core.close();
  bare.close();
  const ratio = median(coreTimes) / median(bareTimes);
  console.log(`  median CPU time: monitoring import ${median(coreCpu).toFixed(0)} ms, bare ${median(bareCpu).toFixed(0)} ms: ${(median(coreCpu) / median(bareCpu)).toFixed(2)}x`);
  console.log(
    `  median of ${runs}: monitoring import 100,000 rows ${median(coreTimes).toFixed(0)} ms, bare batched insert of the same rows ${median(bareTimes).toFixed(0)} ms: ${ratio.toFixed(2)}x   target ≤ 2x  ${ratio <= 2 ? 'PASS' : 'MISS'}`,
  );
  return `monitoring import 100,000 rows / bare batched insert: ${ratio.toFixed(2)}x wall, ${(median(coreCpu) / median(bareCpu)).toFixed(2)}x CPU (target ≤ 2x)`;
}
