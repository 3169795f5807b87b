// `vigil audit verify` on the built binary (DESIGN §6, §7): OK with the ledger's length and head
// on an untouched database, and exit 1 naming the first bad event after a raw SQL edit.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { LedgerVerification } from '../../electron/contract/index.ts';
import { hashEvent } from '../../electron/core/audit/ledger.ts';
import { useTempDatabase, vigil } from '../support/run-cli.ts';

let db = '';
useTempDatabase((paths) => ({ db } = paths));

interface Row {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

const readLedger = (): Row[] => {
  const conn = new Database(db, { readonly: true });
  try {
    return conn.prepare('SELECT * FROM audit_events ORDER BY seq').all() as Row[];
  } finally {
    conn.close();
  }
};

/** Edits the ledger as an attacker with the file and sqlite3 would: the refusing triggers dropped first. */
const tamper = (edit: (conn: Database.Database) => void) => {
  const conn = new Database(db);
  try {
    const triggers = conn.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'").get() as { n: number };
    if (triggers.n > 0) {
      expect(() => conn.prepare("UPDATE audit_events SET payload = '{}' WHERE seq = 1").run()).toThrow(/append-only/);
      expect(() => conn.prepare('DELETE FROM audit_events WHERE seq = 1').run()).toThrow(/append-only/);
      conn.exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;');
    }
    edit(conn);
  } finally {
    conn.close();
  }
};

const verify = () => vigil(['audit', 'verify', '--db', db]);
const verifyJson = () => {
  const r = vigil(['audit', 'verify', '--db', db, '--json']);
  return { code: r.code, value: JSON.parse(r.stdout) as LedgerVerification };
};

describe('vigil audit verify', () => {
  it('prints OK with the length and head of the demo ledger, then the first event each raw SQL edit broke', () => {
    expect(vigil(['demo', '--db', db]).code).toBe(0);
    const rows = readLedger();
    const n = rows.length;
    const head = (rows.at(-1) as Row).hash;
    expect(n).toBeGreaterThan(10);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));

    const ok = verify();
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(ok.stdout).toBe(`OK: ${n} events, head ${head}\n`);
    expect(verifyJson()).toEqual({ code: 0, value: { ok: true, length: n, head } });

    // One payload changed in place.
    const seq = Math.ceil(n / 2);
    tamper((conn) => conn.prepare('UPDATE audit_events SET payload = ? WHERE seq = ?').run('{"note":"nothing to see here"}', seq));
    const broken = verify();
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(new RegExp(`^BROKEN at event ${seq} \\(altered\\): .*\\bevent ${seq}\\b`));
    expect(broken.stdout).toContain(`${n} events, head ${head}`);
    const json = verifyJson();
    expect(json.code).toBe(1);
    expect(json.value).toMatchObject({ ok: false, length: n, head, firstBad: { seq, problem: 'altered' } });

    // An earlier event changed and given a fresh hash of its own: the break shows at event 4's
    // link, but event 3 is the one named.
    const target = rows[2] as Row;
    const forgedHash = hashEvent(target.prev_hash, { seq: 3, at: target.at, actor: target.actor, action: target.action, entity: target.entity, payload: { forged: true } });
    tamper((conn) => conn.prepare('UPDATE audit_events SET payload = ?, hash = ? WHERE seq = 3').run('{"forged":true}', forgedHash));
    const rehashed = verify();
    expect(rehashed.code).toBe(1);
    expect(rehashed.stdout).toMatch(/^BROKEN at event 3 \(altered\): .*\bevent 3\b/);

    // An even earlier event deleted.
    tamper((conn) => conn.prepare('DELETE FROM audit_events WHERE seq = 2').run());
    expect(verifyJson()).toMatchObject({ code: 1, value: { ok: false, length: n - 1, firstBad: { seq: 2, problem: 'missing' } } });
  });
});
