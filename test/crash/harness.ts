// The kill loop shared by the crash test (test/crash/kill-loop.test.ts) and `npm run bench`
// (scripts/crash-bench.mjs): start the worker on a database, SIGKILL it at a random moment,
// check the database, restart the worker on the same file, again and again.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkDatabase, markerTraces, type DatabaseReport } from './check-database.ts';
import { carriesMarker, isPrimaryEvent, mustFail, parseLine, prng, sweepActor, type CommandKind, type LedgerEvent, type WorkerLine } from './protocol.ts';

/** Bundles test/support/crash-worker.ts into `<root>/dist/crash/worker.mjs` with scripts/bundle-ts.mjs. */
export async function buildCrashWorker(root: string): Promise<string> {
  const { bundleTs } = (await import(pathToFileURL(join(root, 'scripts', 'bundle-ts.mjs')).href)) as {
    bundleTs: (entry: string, outfile: string) => Promise<string>;
  };
  const dir = join(root, 'dist', 'crash');
  mkdirSync(dir, { recursive: true });
  return bundleTs(join(root, 'test', 'support', 'crash-worker.ts'), join(dir, 'worker.mjs'));
}

export interface CrashLoopOptions {
  root: string;
  workerPath: string;
  dbPath: string;
  seed: number;
  kills: number;
  /** Called after each cycle (progress output). */
  onCycle?: (cycle: CycleReport) => void;
  /** Stop at the first cycle with a problem (default true). */
  stopOnFailure?: boolean;
}

/**
 * When to kill: a random 20–200 ms after the core opened (afterStart); as long but not before a
 * first ACK (untilAck); as soon as the parent reads the n-th ACK (atAck); 0–6 ms after the n-th
 * INTENT, so inside a command, most often inside its transaction (inCommand); or 20–200 ms after
 * spawning, whatever the worker is doing — often still starting, migrating or recovering the WAL
 * (fromSpawn).
 */
type KillMode = 'afterStart' | 'untilAck' | 'atAck' | 'inCommand' | 'fromSpawn';

export interface CycleReport {
  cycle: number;
  mode: KillMode;
  /** When the kill came, in words. */
  when: string;
  acked: number;
  refused: number;
  committedUnacked: number;
  auditLength: number;
  ms: number;
  problems: string[];
}

export interface CrashSummary {
  seed: number;
  kills: number;
  acked: number;
  refusedAsExpected: number;
  refusedUnexpectedly: number;
  committedUnacked: number;
  /** Kills that landed while a command was under way (it then left nothing). */
  killedMidCommand: number;
  killedBeforeStart: number;
  integrityFailures: number;
  ledgerFailures: number;
  consistencyFailures: number;
  auditLength: number;
  cycleMs: { mean: number; p50: number; p95: number; max: number };
  /** Mean time from spawning the worker to its START line (Node start, bundle load, open, migrate, recover). */
  startupMs: number;
  /** Mean time of the checks after each kill (integrity, ledger, replay, commands). */
  checkMs: number;
  /** Events written by the startup sweep (re-assessment dates passed as the simulated days went by). */
  sweepEvents: number;
  byKind: Record<string, number>;
  problems: string[];
  totalMs: number;
}

interface AckRecord {
  id: string;
  kind: CommandKind;
  entity: string;
  from: number;
  to: number;
}

interface Child {
  lines: WorkerLine[];
  stderr: string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(): void;
  /** Resolves when `predicate` holds for the lines so far (or the child exits). */
  until(predicate: (lines: WorkerLine[]) => boolean): Promise<void>;
}

function startWorker(options: CrashLoopOptions, run: number): Child {
  const child = spawn(process.execPath, [options.workerPath, options.dbPath, join(options.root, 'templates'), String(options.seed), String(run)], {
    cwd: options.root,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: WorkerLine[] = [];
  let pending = '';
  let stderr = '';
  const waiters: { predicate: (l: WorkerLine[]) => boolean; resolve: () => void }[] = [];
  const wake = () => {
    for (const w of [...waiters]) {
      if (w.predicate(lines)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    pending += chunk;
    const parts = pending.split('\n');
    // Only complete lines count: a line cut by the kill was never fully written.
    pending = parts.pop() ?? '';
    for (const part of parts) {
      const line = parseLine(part);
      if (line) lines.push(line);
      else stderr += `[unparsed stdout] ${part}\n`;
    }
    wake();
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdin.on('error', () => {});
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => {
      for (const w of waiters.splice(0)) w.resolve();
      resolve({ code, signal });
    });
  });
  return {
    lines,
    get stderr() {
      return stderr;
    },
    exit,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
    until: (predicate) =>
      predicate(lines) || child.exitCode !== null || child.signalCode !== null
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ predicate, resolve })),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const withTimeout = <T>(p: Promise<T>, ms: number, what: string) =>
  Promise.race([p, sleep(ms).then(() => Promise.reject(new Error(`timed out after ${ms} ms waiting for ${what}`)))]);

const hasStart = (l: WorkerLine[]) => l.some((x) => x.type === 'START');
const ackCount = (l: WorkerLine[]) => l.filter((x) => x.type === 'ACK').length;
const intentCount = (l: WorkerLine[]) => l.filter((x) => x.type === 'INTENT').length;

/**
 * Runs `kills` kill/check/restart cycles on one database. Deterministic choices (kill modes,
 * delays, the worker's command mix per run) follow from the seed; the exact kill instants
 * depend on timing, so a failure report names the seed, the cycle and the database file.
 */
export async function runCrashLoop(options: CrashLoopOptions): Promise<CrashSummary> {
  const began = Date.now();
  const random = prng(options.seed, 0xc0ffee);
  const acks: AckRecord[] = [];
  const byKind: Record<string, number> = {};
  const cycleMs: number[] = [];
  const startups: number[] = [];
  const checks: number[] = [];
  const summary: CrashSummary = {
    seed: options.seed,
    kills: 0,
    acked: 0,
    refusedAsExpected: 0,
    refusedUnexpectedly: 0,
    committedUnacked: 0,
    killedMidCommand: 0,
    killedBeforeStart: 0,
    integrityFailures: 0,
    ledgerFailures: 0,
    consistencyFailures: 0,
    auditLength: 0,
    cycleMs: { mean: 0, p50: 0, p95: 0, max: 0 },
    startupMs: 0,
    checkMs: 0,
    sweepEvents: 0,
    byKind,
    problems: [],
    totalMs: 0,
  };
  /** The audit length the previous check saw: nothing before it may ever change or vanish. */
  let known = 0;
  let maxAcked = 0;

  for (let cycle = 0; cycle < options.kills; cycle++) {
    const t0 = Date.now();
    const r = random();
    const mode: KillMode = r < 0.4 ? 'afterStart' : r < 0.55 ? 'untilAck' : r < 0.7 ? 'atAck' : r < 0.9 ? 'inCommand' : 'fromSpawn';
    const delayMs = 20 + Math.floor(random() * 181);
    const nth = 1 + Math.floor(random() * 12);
    const inside = Math.floor(random() * 7);
    const when = {
      afterStart: `${delayMs} ms after START`,
      untilAck: `${delayMs} ms after START, not before a first ACK`,
      atAck: `on reading ACK ${nth}`,
      inCommand: `${inside} ms after INTENT ${nth}`,
      fromSpawn: `${delayMs} ms after spawning`,
    }[mode];
    const problems: string[] = [];
    const child = startWorker(options, cycle);
    void child.until(hasStart).then(() => {
      if (hasStart(child.lines)) startups.push(Date.now() - t0);
    });
    try {
      if (mode === 'fromSpawn') await sleep(delayMs);
      else {
        await withTimeout(child.until(hasStart), 15_000, 'the worker to open the database');
        if (mode === 'afterStart') await sleep(delayMs);
        else if (mode === 'untilAck') {
          await sleep(delayMs);
          await withTimeout(child.until((l) => ackCount(l) >= 1), 15_000, 'a first ACK');
        } else if (mode === 'atAck') await withTimeout(child.until((l) => ackCount(l) >= nth), 15_000, `ACK number ${nth}`);
        else {
          await withTimeout(child.until((l) => intentCount(l) >= nth), 15_000, `INTENT number ${nth}`);
          await sleep(inside);
        }
      }
    } catch (error) {
      problems.push(String((error as Error).message));
    }
    child.kill();
    const { signal, code } = await child.exit;
    if (signal !== 'SIGKILL') problems.push(`the worker ended by itself (code ${code}, signal ${signal}) before the kill: ${child.stderr.slice(-2000)}`);
    if (/INTERNAL/.test(child.stderr)) problems.push(`the worker hit an internal error: ${child.stderr.slice(-2000)}`);

    // What the worker reported, in order.
    let startLength: number | null = null;
    let prev = known;
    let intent: { id: string; kind: CommandKind; entity: string } | null = null;
    const newAcks: AckRecord[] = [];
    const nacks: { id: string; kind: CommandKind; code: string }[] = [];
    for (const line of child.lines) {
      if (line.type === 'START') {
        startLength = line.length;
        if (line.length < known) problems.push(`the worker opened the database with ${line.length} audit events; ${known} were there after the previous kill`);
        prev = line.length;
      } else if (line.type === 'INTENT') intent = line;
      else if (line.type === 'ACK') {
        newAcks.push({ id: line.id, kind: line.kind, entity: line.entity, from: prev, to: line.length });
        if (mustFail.has(line.kind)) problems.push(`${line.id} (${line.kind}) must be refused but was acknowledged`);
        prev = line.length;
        intent = null;
        byKind[line.kind] = (byKind[line.kind] ?? 0) + 1;
      } else {
        if (line.length !== prev) problems.push(`${line.id} (${line.kind}) was refused (${line.code}) but the audit length went from ${prev} to ${line.length}`);
        nacks.push(line);
        if (mustFail.has(line.kind)) summary.refusedAsExpected++;
        else summary.refusedUnexpectedly++;
        if (line.code === 'INTERNAL') problems.push(`${line.id} (${line.kind}) failed with INTERNAL`);
        prev = line.length;
        intent = null;
      }
    }
    if (startLength === null) summary.killedBeforeStart++;
    acks.push(...newAcks);
    for (const a of newAcks) maxAcked = Math.max(maxAcked, a.to);

    const tCheck = Date.now();
    const report = checkDatabase(options.dbPath);
    let committedUnacked = 0;
    try {
      problems.push(...report.problems);
      if (!report.integrityOk) summary.integrityFailures++;
      if (!report.ledgerOk) summary.ledgerFailures++;
      if (report.complete) {
        const found = checkCommands(report, { acks, known, maxAcked, startLength, prev, intent, nacks });
        problems.push(...found.problems);
        committedUnacked = found.committedUnacked;
        known = report.events.length;
        summary.auditLength = known;
        summary.sweepEvents = report.events.filter((e) => e.actor === sweepActor).length;
      } else if (acks.length > 0 || startLength !== null) {
        problems.push('the worker had opened the database, yet it is no longer intact and fully migrated');
      }
      if (problems.length > 0 && report.integrityOk && report.ledgerOk) summary.consistencyFailures++;
      summary.committedUnacked += committedUnacked;
      if (intent && committedUnacked === 0) summary.killedMidCommand++;
    } finally {
      report.db.close();
    }
    checks.push(Date.now() - tCheck);

    summary.kills++;
    summary.acked += newAcks.length;
    const ms = Date.now() - t0;
    cycleMs.push(ms);
    const cycleReport: CycleReport = {
      cycle,
      mode,
      when,
      acked: newAcks.length,
      refused: nacks.length,
      committedUnacked,
      auditLength: known,
      ms,
      problems,
    };
    options.onCycle?.(cycleReport);
    if (problems.length > 0) {
      summary.problems.push(
        ...problems.slice(0, 20).map((p) => `seed ${options.seed}, cycle ${cycle} (killed ${when}), db ${options.dbPath}: ${p}`),
      );
      if (options.stopOnFailure !== false) break;
    }
  }

  const sorted = [...cycleMs].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  summary.cycleMs = { mean: mean(cycleMs), p50: at(0.5), p95: at(0.95), max: at(1) };
  summary.startupMs = mean(startups);
  summary.checkMs = mean(checks);
  summary.totalMs = Date.now() - began;
  return summary;
}

interface CommandFacts {
  acks: readonly AckRecord[];
  /** Audit length at the previous check. */
  known: number;
  maxAcked: number;
  startLength: number | null;
  /** Audit length at the worker's last report. */
  prev: number;
  /** The command under way when the worker was killed, if any. */
  intent: { id: string; kind: CommandKind; entity: string } | null;
  nacks: readonly { id: string; kind: CommandKind; code: string }[];
}

/** The command-level checks on an intact, fully migrated database. */
function checkCommands(report: DatabaseReport, f: CommandFacts): { problems: string[]; committedUnacked: number } {
  const problems: string[] = [];
  let committedUnacked = 0;
  const events = report.events;
  const length = events.length;
  if (events.some((e, i) => e.seq !== i + 1)) problems.push('audit sequence numbers are not 1..n');
  if (length < f.maxAcked) problems.push(`the ledger holds ${length} events; the last acknowledged command left ${f.maxAcked}`);
  if (length < f.known) problems.push(`the ledger shrank from ${f.known} to ${length} events`);
  const stage = new Map((report.db.prepare('SELECT id, stage FROM assessments').all() as { id: string; stage: string }[]).map((r) => [r.id, r.stage] as const));

  // Every acknowledged command (of every run so far): its event, in its place, with its marker.
  for (const a of f.acks) problems.push(...ackProblems(a, events, stage));

  // Between the previous check and this worker's START: only the startup sweep may write.
  for (const e of events.slice(f.known, Math.min(f.startLength ?? length, length))) {
    if (e.actor !== sweepActor) problems.push(`event ${e.seq} (${e.action} by ${e.actor}) was written while the worker was starting, not by the sweep`);
  }
  // After the worker's last report: at most the one command it had under way (committed, not acknowledged).
  if (f.startLength !== null) {
    const tail = events.slice(f.prev, length);
    const intent = f.intent;
    if (tail.length > 0 && !intent) {
      problems.push(`${tail.length} event(s) after the last acknowledged command, with no command under way: ${tail.map((e) => `${e.seq} ${e.action}`).join(', ')}`);
    } else if (tail.length > 0 && intent) {
      const primary = tail.filter((e) => isPrimaryEvent(intent.kind, intent.entity, e) && (!carriesMarker(intent.kind, stage.get(intent.entity)) || e.text.includes(intent.id)));
      if (primary.length !== 1) problems.push(`the unacknowledged tail (${tail.map((e) => `${e.seq} ${e.action} ${e.entity}`).join(', ')}) is not exactly one ${intent.kind} ${intent.id}`);
      else if (mustFail.has(intent.kind)) problems.push(`${intent.id} (${intent.kind}) must be refused but committed`);
      committedUnacked = 1;
    }
  }

  // Refused commands: no trace anywhere.
  for (const n of f.nacks) {
    const traces = markerTraces(report.db, n.id);
    if (traces.length > 0) problems.push(`${n.id} (${n.kind}) was refused (${n.code}) but left traces: ${traces.join('; ')}`);
  }
  return { problems, committedUnacked };
}

function ackProblems(a: AckRecord, events: readonly LedgerEvent[], stage: Map<string, string>): string[] {
  if (a.to <= a.from) return [`${a.id} (${a.kind} ${a.entity}) was acknowledged but wrote no audit event (length ${a.from} → ${a.to})`];
  if (a.to > events.length) return [`${a.id} (${a.kind} ${a.entity}) was acknowledged at audit length ${a.to}; the ledger has only ${events.length}`];
  const range = events.slice(a.from, a.to);
  const primary = range.filter((e) => isPrimaryEvent(a.kind, a.entity, e));
  if (primary.length !== 1) {
    return [`${a.id} (${a.kind} ${a.entity}): events ${a.from + 1}..${a.to} hold ${primary.length} matching events (${range.map((e) => `${e.action} ${e.entity}`).join(', ')})`];
  }
  const marker = a.kind === 'evidence.add' ? stage.get(String((primary[0]!.payload.evidence as { assessmentId: string }).assessmentId)) : stage.get(a.entity);
  if (carriesMarker(a.kind, marker) && !primary[0]!.text.includes(a.id)) {
    return [`${a.id} (${a.kind} ${a.entity}): event ${primary[0]!.seq} does not carry the command's marker`];
  }
  return [];
}

export function formatSummary(s: CrashSummary): string {
  const kinds = Object.entries(s.byKind)
    .sort(([, a], [, b]) => b - a)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  return [
    `crash safety (seed ${s.seed}): ${s.kills} SIGKILLs in ${(s.totalMs / 1000).toFixed(1)} s, ledger ${s.auditLength} events`,
    `  commands acknowledged                  ${s.acked}`,
    `  committed but not acknowledged         ${s.committedUnacked}   (allowed: killed between commit and ACK)`,
    `  refused as intended                    ${s.refusedAsExpected}   (poisoned answer batches, closed gates; no trace left)`,
    `  refused otherwise                      ${s.refusedUnexpectedly}   (no trace left either)`,
    `  killed mid-command (rolled back)       ${s.killedMidCommand}`,
    `  killed before the core opened          ${s.killedBeforeStart}   (during start-up, migration or WAL recovery)`,
    `  integrity failures                     ${s.integrityFailures}`,
    `  ledger failures                        ${s.ledgerFailures}`,
    `  consistency failures                   ${s.consistencyFailures}`,
    `  kill cycle                             mean ${s.cycleMs.mean.toFixed(0)} ms, p50 ${s.cycleMs.p50} ms, p95 ${s.cycleMs.p95} ms, max ${s.cycleMs.max} ms`,
    `    of which worker start-up (mean)      ${s.startupMs.toFixed(0)} ms; checks after the kill (mean) ${s.checkMs.toFixed(0)} ms`,
    `  startup-sweep events in the ledger     ${s.sweepEvents}`,
    `  acknowledged by kind                   ${kinds}`,
    ...(s.problems.length > 0 ? ['  PROBLEMS:', ...s.problems.map((p) => `    ${p}`)] : []),
  ].join('\n');
}
