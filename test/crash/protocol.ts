// The line protocol between the crash worker (test/support/crash-worker.ts) and the parent that
// kills it (test/crash/harness.ts), and how each kind of command shows in the audit ledger.
//
// Worker → parent, one line each, written synchronously to the stdout pipe:
//   START <run> <audit-length>                                  core open (migrations, startup sweep done)
//   INTENT <command-id> <kind> <entity|->                       about to dispatch
//   ACK <command-id> <kind> <entity> <audit-length-after>       committed
//   NACK <command-id> <kind> <entity|-> <error-code> <audit-length-after>   refused (must leave no trace)
// The command id (`c<seed>r<run>n<n>x`) is also the command's marker: it is written into a field
// the audit event records (a system name, a text answer, a file name, a comment, a plan...),
// so each command can be found afterwards.

export const commandKinds = [
  'person',
  'sys.create',
  'sys.update',
  'asm.start',
  'answer',
  'answer.bad',
  'evidence.add',
  'evidence.remove',
  'review.submit',
  'review.start',
  'review.approve',
  'review.return',
  'review.reopen',
  'vendor.request',
  'vendor.receive',
  'risk.treat',
  'risk.start',
  'lifecycle.advance',
  'advance.refused',
  'lifecycle.retire',
  'change',
  'incident',
] as const;
export type CommandKind = (typeof commandKinds)[number];

export const isCommandKind = (k: string): k is CommandKind => (commandKinds as readonly string[]).includes(k);

/** Kinds the worker sends knowing they must be refused: an ACK for one is a failure. */
export const mustFail: ReadonlySet<CommandKind> = new Set(['answer.bad', 'advance.refused']);

/** The actor of the start-up sweep (reads never sweep): its events belong to no command. */
export const sweepActor = 'Vigil (scheduled check)';

export interface LedgerEvent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  payload: Record<string, unknown>;
  /** The payload text as stored, for marker searches. */
  text: string;
}

/**
 * The command's own audit event (the one that names what it did), given the entity the worker
 * reported. Other events of the same transaction (lifecycle moves, opened risks...) are its
 * consequences. Before the command returns (INTENT) a created record's id is not known yet
 * (entity `-`): the marker then identifies the event.
 */
export function isPrimaryEvent(kind: CommandKind, entity: string, e: LedgerEvent): boolean {
  const nested = (key: string) => (e.payload[key] as { id?: string } | undefined)?.id;
  switch (kind) {
    case 'person':
      return e.action === 'person.added' && (entity === '-' || e.entity === entity);
    case 'sys.create':
      return e.action === 'system.created' && (entity === '-' || e.entity === entity);
    case 'sys.update':
      return e.action === 'system.updated' && e.entity === entity;
    case 'asm.start':
      return e.action === 'assessment.started' && (entity === '-' || e.entity === entity);
    case 'answer':
    case 'answer.bad':
      return e.action === 'assessment.answered' && e.entity === entity;
    case 'evidence.add':
      return e.action === 'evidence.added' && (entity === '-' ? true : nested('evidence') === entity);
    case 'evidence.remove':
      return e.action === 'evidence.removed' && nested('removed') === entity;
    case 'review.submit':
    case 'review.start':
    case 'review.approve':
    case 'review.return':
    case 'review.reopen':
    case 'vendor.request':
    case 'vendor.receive':
    case 'risk.start':
    case 'lifecycle.retire':
      return e.action === kind && e.entity === entity;
    case 'risk.treat':
      return e.action === 'risk.plan' && e.entity === entity;
    case 'lifecycle.advance':
    case 'advance.refused':
      return (e.action === 'lifecycle.advance' || e.action === 'lifecycle.reassessed') && e.entity === entity;
    case 'change':
      return e.action === 'system.changeRecorded' && e.entity === entity;
    case 'incident':
      return e.action === 'incident.reported' && e.entity === entity;
  }
}

/**
 * Does the primary event carry the command's marker? Evidence removals (identified by the
 * evidence id), submissions, review starts, reopenings,
 * vendor round-trips, risk starts and advances record no free text; they are identified by
 * their entity and their place in the ledger (between the audit lengths the worker reported).
 * Answer batches carry it only where the questionnaire has a text question (procurement).
 */
export function carriesMarker(kind: CommandKind, stage: string | undefined): boolean {
  switch (kind) {
    case 'person':
    case 'evidence.remove':
    case 'review.submit':
    case 'review.start':
    case 'review.reopen':
    case 'vendor.request':
    case 'vendor.receive':
    case 'risk.start':
    case 'lifecycle.advance':
    case 'advance.refused':
      return false;
    case 'answer':
    case 'answer.bad':
      return stage === 'procurement';
    default:
      return true;
  }
}

export type WorkerLine =
  | { type: 'START'; run: number; length: number }
  | { type: 'INTENT'; id: string; kind: CommandKind; entity: string }
  | { type: 'ACK'; id: string; kind: CommandKind; entity: string; length: number }
  | { type: 'NACK'; id: string; kind: CommandKind; entity: string; code: string; length: number };

export function parseLine(line: string): WorkerLine | null {
  const f = line.trim().split(' ');
  const num = (s: string | undefined) => (s !== undefined && /^\d+$/.test(s) ? Number(s) : NaN);
  const kind = f[2] ?? '';
  if (f[0] === 'START' && f.length === 3) {
    const run = num(f[1]);
    const length = num(f[2]);
    return Number.isNaN(run) || Number.isNaN(length) ? null : { type: 'START', run, length };
  }
  if (!isCommandKind(kind)) return null;
  if (f[0] === 'INTENT' && f.length === 4) return { type: 'INTENT', id: f[1]!, kind, entity: f[3]! };
  if (f[0] === 'ACK' && f.length === 5) {
    const length = num(f[4]);
    return Number.isNaN(length) ? null : { type: 'ACK', id: f[1]!, kind, entity: f[3]!, length };
  }
  if (f[0] === 'NACK' && f.length === 6) {
    const length = num(f[5]);
    return Number.isNaN(length) ? null : { type: 'NACK', id: f[1]!, kind, entity: f[3]!, code: f[4]!, length };
  }
  return null;
}

/** The fixed seeds: the test runs `test`, the bench `bench`; CRASH_SEED=<n> runs any other. */
export const crashSeeds = { test: 20260301, bench: 7 } as const;

/** A small deterministic PRNG (mulberry32) so a seed replays the same choices. */
export function prng(seed: number, stream = 0): () => number {
  let a = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(stream + 1, 0xc2b2ae35)) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
