import type { Database } from 'better-sqlite3';
import type { AnswerValue } from '../../contract/index.ts';

export interface RequestRow {
  id: string;
  assessment_id: string;
  nonce: string;
  issued_at: string;
  expires_at: string;
  issued_by: string;
  question_ids: string;
  package_sha256: string;
  imported_at: string | null;
  imported_by: string | null;
  vendor_name: string | null;
  vendor_fingerprint: string | null;
  response_sha256: string | null;
  response_answers: string | null;
}

export interface PinRow {
  vendor: string;
  public_key: string;
  fingerprint: string;
  pinned_at: string;
  pinned_by: string;
}

export interface InboxRow {
  id: string;
  request_id: string;
  nonce: string;
  package: string;
  hospital_fingerprint: string;
  opened_at: string;
  opened_by: string;
  responded_at: string | null;
}

export interface InboxAnswerRow {
  question_id: string;
  value: string | null;
  unknown: number;
  answered_by: string;
  answered_at: string;
}

export interface InboxEvidenceRow {
  id: string;
  question_id: string;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
}

/** All SQL of the vendor exchange, both the hospital's side and the vendor workspace's. */
export function createExchangeRepository(db: Database) {
  const s = {
    insertRequest: db.prepare(
      `INSERT INTO vendor_requests (id, assessment_id, nonce, issued_at, expires_at, issued_by, question_ids, package_sha256)
       VALUES (@id, @assessmentId, @nonce, @issuedAt, @expiresAt, @issuedBy, @questionIds, @packageSha256)`,
    ),
    requestByNonce: db.prepare('SELECT * FROM vendor_requests WHERE nonce = ?'),
    requests: db.prepare('SELECT * FROM vendor_requests WHERE (@assessmentId IS NULL OR assessment_id = @assessmentId) ORDER BY issued_at DESC, id DESC'),
    previousResponse: db.prepare(
      `SELECT r.* FROM vendor_requests r JOIN assessments a ON a.id = r.assessment_id
       WHERE a.system_id = ? AND r.imported_at IS NOT NULL ORDER BY r.imported_at DESC, r.id DESC LIMIT 1`,
    ),
    markImported: db.prepare(
      `UPDATE vendor_requests SET imported_at = @at, imported_by = @by, vendor_name = @vendorName, vendor_fingerprint = @fingerprint,
         response_sha256 = @sha256, response_answers = @answers WHERE id = @id AND imported_at IS NULL`,
    ),
    pin: db.prepare('SELECT * FROM vendor_keys WHERE vendor = ?'),
    upsertPin: db.prepare(
      `INSERT INTO vendor_keys (vendor, public_key, fingerprint, pinned_at, pinned_by) VALUES (@vendor, @publicKey, @fingerprint, @at, @by)
       ON CONFLICT (vendor) DO UPDATE SET public_key = excluded.public_key, fingerprint = excluded.fingerprint, pinned_at = excluded.pinned_at, pinned_by = excluded.pinned_by`,
    ),
    insertInbox: db.prepare(
      `INSERT INTO vendor_inbox (id, request_id, nonce, package, hospital_fingerprint, opened_at, opened_by)
       VALUES (@id, @requestId, @nonce, @package, @fingerprint, @at, @by)`,
    ),
    inbox: db.prepare('SELECT * FROM vendor_inbox WHERE id = ?'),
    inboxByNonce: db.prepare('SELECT * FROM vendor_inbox WHERE nonce = ?'),
    inboxList: db.prepare('SELECT * FROM vendor_inbox ORDER BY opened_at DESC, id DESC'),
    responded: db.prepare('UPDATE vendor_inbox SET responded_at = ? WHERE id = ?'),
    inboxAnswers: db.prepare('SELECT question_id, value, unknown, answered_by, answered_at FROM vendor_inbox_answers WHERE inbox_id = ? ORDER BY question_id'),
    upsertInboxAnswer: db.prepare(
      `INSERT INTO vendor_inbox_answers (inbox_id, question_id, value, unknown, answered_by, answered_at) VALUES (@inboxId, @questionId, @value, @unknown, @by, @at)
       ON CONFLICT (inbox_id, question_id) DO UPDATE SET value = excluded.value, unknown = excluded.unknown, answered_by = excluded.answered_by, answered_at = excluded.answered_at`,
    ),
    deleteInboxAnswer: db.prepare('DELETE FROM vendor_inbox_answers WHERE inbox_id = ? AND question_id = ?'),
    inboxEvidence: db.prepare('SELECT id, question_id, file_name, media_type, size, sha256 FROM vendor_inbox_evidence WHERE inbox_id = ? ORDER BY added_at, id'),
    inboxEvidenceBytes: db.prepare('SELECT bytes FROM vendor_inbox_evidence WHERE id = ?'),
    deleteInboxEvidence: db.prepare('DELETE FROM vendor_inbox_evidence WHERE id = ? AND inbox_id = ?'),
    insertInboxEvidence: db.prepare(
      `INSERT INTO vendor_inbox_evidence (id, inbox_id, question_id, file_name, media_type, size, sha256, bytes, added_by, added_at)
       VALUES (@id, @inboxId, @questionId, @fileName, @mediaType, @size, @sha256, @bytes, @by, @at)`,
    ),
  };
  return {
    db,
    insertRequest(r: { id: string; assessmentId: string; nonce: string; issuedAt: string; expiresAt: string; issuedBy: string; questionIds: string[]; packageSha256: string }) {
      s.insertRequest.run({ ...r, questionIds: JSON.stringify(r.questionIds) });
    },
    requestByNonce: (nonce: string) => s.requestByNonce.get(nonce) as RequestRow | undefined,
    requests: (assessmentId: string | null) => s.requests.all({ assessmentId }) as RequestRow[],
    previousResponse: (systemId: string) => s.previousResponse.get(systemId) as RequestRow | undefined,
    markImported(r: { id: string; at: string; by: string; vendorName: string; fingerprint: string; sha256: string; answers: unknown }): boolean {
      return s.markImported.run({ ...r, answers: JSON.stringify(r.answers) }).changes === 1;
    },
    pin: (vendor: string) => s.pin.get(vendor) as PinRow | undefined,
    savePin(p: { vendor: string; publicKey: string; fingerprint: string; at: string; by: string }) {
      s.upsertPin.run(p);
    },
    insertInbox(r: { id: string; requestId: string; nonce: string; package: string; fingerprint: string; at: string; by: string }) {
      s.insertInbox.run(r);
    },
    inbox: (id: string) => s.inbox.get(id) as InboxRow | undefined,
    inboxByNonce: (nonce: string) => s.inboxByNonce.get(nonce) as InboxRow | undefined,
    inboxList: () => s.inboxList.all() as InboxRow[],
    markResponded(id: string, at: string) {
      s.responded.run(at, id);
    },
    inboxAnswers: (id: string) => s.inboxAnswers.all(id) as InboxAnswerRow[],
    saveInboxAnswer(a: { inboxId: string; questionId: string; value: AnswerValue | null; unknown: boolean; by: string; at: string }) {
      if (a.value === null && !a.unknown) {
        s.deleteInboxAnswer.run(a.inboxId, a.questionId);
        return;
      }
      s.upsertInboxAnswer.run({ ...a, value: a.value === null ? null : JSON.stringify(a.value), unknown: a.unknown ? 1 : 0 });
    },
    inboxEvidence: (id: string) => s.inboxEvidence.all(id) as InboxEvidenceRow[],
    inboxEvidenceBytes: (evidenceId: string) => (s.inboxEvidenceBytes.get(evidenceId) as { bytes: Buffer }).bytes,
    /** False when the request holds no such file. */
    deleteInboxEvidence: (inboxId: string, evidenceId: string): boolean => s.deleteInboxEvidence.run(evidenceId, inboxId).changes === 1,
    insertInboxEvidence(e: { id: string; inboxId: string; questionId: string; fileName: string; mediaType: string; size: number; sha256: string; bytes: Buffer; by: string; at: string }) {
      s.insertInboxEvidence.run(e);
    },
  };
}

export type ExchangeRepository = ReturnType<typeof createExchangeRepository>;
