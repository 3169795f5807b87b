import type { Database } from 'better-sqlite3';
import type { LedgerVerification } from '../../contract/index.ts';
import { canonicalJson } from './canonical-json.ts';
import { genesisHash, hashEvent } from './ledger.ts';
import type { LedgerRow } from './ledger-repository.ts';

export type { LedgerRow };

/**
 * A remembered state of the ledger: its length and head hash, as printed by `audit verify` and
 * carried by exports and backups (DESIGN §6).
 */
export interface LedgerAnchor {
  length: number;
  head: string;
  /**
   * Events recorded after the anchor are expected (an exported document states the ledger as
   * it was; work went on since): check only that the anchored event is still there, unaltered.
   */
  laterEventsAllowed?: boolean;
}

type Problem = NonNullable<LedgerVerification['firstBad']>['problem'];

/**
 * The hash `row` should carry if its content were recorded as event `seq` after `prevHash`,
 * or null if its payload is not the canonical JSON the ledger stores (so it was edited).
 */
function hashAs(row: LedgerRow, seq: number, prevHash: string): string | null {
  let payload: unknown;
  try {
    payload = JSON.parse(row.payload);
  } catch {
    return null;
  }
  if (canonicalJson(payload) !== row.payload) return null;
  return hashEvent(prevHash, { seq, at: row.at, actor: row.actor, action: row.action, entity: row.entity, payload });
}

/** True when `row`'s content, recorded as event `seq` after `prevHash`, hashes to `hash`. */
function fits(row: LedgerRow, seq: number, prevHash: string, hash: string): boolean {
  return hashAs(row, seq, prevHash) === hash;
}

/**
 * Recomputes the chain in sequence order (DESIGN §6) and reports the first event where it
 * breaks. Each hash covers the event's sequence number, its content and the previous event's
 * hash, so every change to content, order or count breaks the chain at the first event it
 * touches. The rows are taken in `seq` order whatever order they are passed in.
 *
 * At the first position p whose row R does not check out (R.seq ≠ p, R.prev_hash ≠ the hash of
 * event p−1, or R.hash ≠ the hash of R's own fields), the problem is classified as follows; the
 * reported `seq` is the position of the first event that is not the original:
 *
 * 1. R.seq > p — the numbering skips p: **missing** at p (an event was deleted and the
 *    followers were left as they were).
 * 2. R.seq < p — R reuses a number an earlier row has (only possible outside SQLite, whose
 *    primary key refuses it): **inserted** at p.
 * 3. R's link is intact but its hash is not:
 *    - if R holds exactly the content recorded for another event q and q holds exactly R's
 *      recorded content, the two were swapped: **reordered** at p;
 *    - otherwise R was changed in place: **altered** at p.
 * 4. R's link points at no event in the ledger:
 *    - R's own hash checks out: event p−1 was changed and given a fresh hash, which R was not
 *      chained to: **altered** at p−1 (at p when p = 1: R's link itself was rewritten);
 *    - R's hash checks out as event p+1: event p was deleted and the followers renumbered:
 *      **missing** at p;
 *    - otherwise: **altered** at p.
 * 5. R's link points at a later event: events were swapped or moved: **reordered** at p.
 * 6. R's link points at an earlier event q < p−1: the events between were put in after the
 *    fact: **inserted** at q+1.
 *
 * The chain cannot tell a forged event added after the last one, a rewrite of the last event
 * with a fresh hash, or a deletion of the last event from the ledger's own history: that needs
 * an anchor kept outside the ledger. With `expected` (the length and head printed by an earlier
 * verification or carried by an export or backup), once the chain itself checks out:
 *
 * - fewer than `expected.length` events: **missing** at length+1 (the first event gone);
 * - event `expected.length` does not carry `expected.head`: **altered** at expected.length (the
 *   ledger was rewritten at or before it, with the later hashes recomputed);
 * - more events than `expected.length`: **inserted** at expected.length+1. The anchor is exact:
 *   events appended after it was taken, legitimately or not, are reported, since nothing in
 *   the ledger tells them apart. Pass the anchor of the state you expect to find.
 *
 * A break in the chain itself is reported before any disagreement with the anchor, as it is
 * the one that can be located.
 */
export function verifyLedgerRows(rows: readonly LedgerRow[], expected?: LedgerAnchor): LedgerVerification {
  const sorted = [...rows].sort((a, b) => a.seq - b.seq);
  const length = sorted.length;
  const head = sorted[length - 1]?.hash ?? genesisHash;
  const fail = (seq: number, problem: Problem, detail: string): LedgerVerification => ({ ok: false, length, head, firstBad: { seq, problem, detail } });
  const positionOf = new Map<string, number>(sorted.map((r, i) => [r.hash, i + 1]));
  positionOf.set(genesisHash, 0);

  let prevHash = genesisHash;
  for (let i = 0; i < length; i++) {
    const row = sorted[i] as LedgerRow;
    const p = i + 1;
    const linked = row.prev_hash === prevHash;
    const selfConsistent = fits(row, row.seq, row.prev_hash, row.hash);
    if (row.seq === p && linked && selfConsistent) {
      prevHash = row.hash;
      continue;
    }
    const what = `event ${p}`;
    if (row.seq > p) {
      return fail(p, 'missing', `${what} is missing: the ledger goes from event ${p - 1} to event ${row.seq}`);
    }
    if (row.seq !== p) {
      return fail(p, 'inserted', `${what} was put in after the fact: it carries sequence number ${row.seq}, which an earlier event already has`);
    }
    if (linked) {
      const swappedWith = sorted.findIndex((other, j) => j !== i && fits(row, other.seq, other.prev_hash, other.hash) && fits(other, row.seq, row.prev_hash, row.hash));
      if (swappedWith >= 0) {
        return fail(p, 'reordered', `${what} and event ${swappedWith + 1} were swapped: each holds the content recorded for the other`);
      }
      return fail(p, 'altered', `${what} (${row.action} on ${row.entity}) was changed: it no longer matches its hash`);
    }
    const linkedTo = positionOf.get(row.prev_hash);
    if (linkedTo === undefined) {
      if (selfConsistent && p > 1) {
        return fail(p - 1, 'altered', `event ${p - 1} was changed and given a new hash: event ${p} is still chained to its original hash`);
      }
      if (fits(row, p + 1, row.prev_hash, row.hash)) {
        return fail(p, 'missing', `${what} is missing: the events after it were renumbered down by one (event ${p} was recorded as event ${p + 1})`);
      }
      return fail(p, 'altered', `${what} (${row.action} on ${row.entity}) was changed: its link and hash match no event in the ledger`);
    }
    if (linkedTo >= p) {
      return fail(p, 'reordered', `${what} (${row.action} on ${row.entity}) was recorded after what is now event ${linkedTo}: events were reordered`);
    }
    return fail(
      linkedTo + 1,
      'inserted',
      `event ${linkedTo + 1} was put in after the fact: event ${p} was recorded directly after event ${linkedTo}` +
        (p - linkedTo > 2 ? `, so events ${linkedTo + 1} to ${p - 1} were inserted` : ''),
    );
  }

  if (expected) {
    if (length < expected.length) {
      return fail(length + 1, 'missing', `event ${length + 1} is missing: the ledger ends at event ${length} but was anchored at ${expected.length} events with head ${expected.head}`);
    }
    const hashThere = expected.length === 0 ? genesisHash : (sorted[expected.length - 1] as LedgerRow).hash;
    if (hashThere !== expected.head) {
      return fail(
        expected.length,
        'altered',
        `event ${expected.length} does not carry the anchored head ${expected.head}: the ledger was rewritten at or before event ${expected.length}`,
      );
    }
    if (length > expected.length && !expected.laterEventsAllowed) {
      return fail(
        expected.length + 1,
        'inserted',
        `event ${expected.length + 1} was added after the anchored head ${expected.head}: the ledger has ${length - expected.length} event(s) beyond the anchor's ${expected.length}`,
      );
    }
  }
  return { ok: true, length, head };
}

/** Verifies the ledger of a database file through a raw handle (backups, the crash harness, tests). */
export function verifyLedger(db: Database, expected?: LedgerAnchor): LedgerVerification {
  return verifyLedgerRows(db.prepare<[], LedgerRow>('SELECT seq, at, actor, action, entity, payload, prev_hash, hash FROM audit_events ORDER BY seq').all(), expected);
}
