import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AnswerValue, RequestPackage, ResponseAnswer } from '../../contract/index.ts';
import { decodeJson } from '../store/decode-json.ts';
import type { Row, Schema } from '../store/schema.ts';

/** A request the hospital issued, and the response it imported for it (the response fields stay null until then). */
export interface VendorRequestRecord {
  id: string;
  assessmentId: string;
  nonce: string;
  issuedAt: string;
  expiresAt: string;
  issuedBy: string;
  /** The questions the request asked, in order. */
  questionIds: string[];
  packageSha256: string;
  importedAt: string | null;
  importedBy: string | null;
  vendorName: string | null;
  vendorFingerprint: string | null;
  responseSha256: string | null;
  /** The imported response's answers as it carried them: what the next response is compared with. */
  responseAnswers: ResponseAnswer[] | null;
}

/** A request the vendor workspace opened. */
export interface InboxEntry {
  id: string;
  requestId: string;
  nonce: string;
  package: RequestPackage;
  /** The package as stored, to tell the same request opened again from a different one with its nonce. */
  packageJson: string;
  hospitalFingerprint: string;
  openedAt: string;
  openedBy: string;
  respondedAt: string | null;
}

export interface InboxAnswer {
  questionId: string;
  value: AnswerValue | null;
  unknown: boolean;
  answeredBy: string;
  answeredAt: string;
}

/** An evidence file of the vendor's draft response, without its bytes. */
export interface InboxEvidence {
  id: string;
  questionId: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
}

/** All SQL of the vendor exchange, both the hospital's side and the vendor workspace's (vendors' pinned keys: vendors-repository.ts). */
export interface ExchangeRepository {
  insertRequest(r: { id: string; assessmentId: string; nonce: string; issuedAt: string; expiresAt: string; issuedBy: string; questionIds: string[]; packageSha256: string }): Promise<void>;
  requestByNonce(nonce: string): Promise<VendorRequestRecord | undefined>;
  requestById(id: string): Promise<VendorRequestRecord | undefined>;
  /** Newest first; every assessment's when `assessmentId` is null. */
  requests(assessmentId: string | null): Promise<VendorRequestRecord[]>;
  /** The system's most recently imported response, if any. */
  previousResponse(systemId: string): Promise<VendorRequestRecord | undefined>;
  /** Records the import; false when a response to the request was already imported. */
  markImported(r: { id: string; at: string; by: string; vendorName: string; /** null: a transcribed Word questionnaire, unsigned. */ fingerprint: string | null; sha256: string; answers: readonly ResponseAnswer[] }): Promise<boolean>;

  insertInbox(r: { id: string; requestId: string; nonce: string; package: RequestPackage; fingerprint: string; at: string; by: string }): Promise<void>;
  inbox(id: string): Promise<InboxEntry | undefined>;
  inboxByNonce(nonce: string): Promise<InboxEntry | undefined>;
  /** Newest first. */
  inboxList(): Promise<InboxEntry[]>;
  markResponded(id: string, at: string): Promise<void>;
  /** By question id. */
  inboxAnswers(id: string): Promise<InboxAnswer[]>;
  /** A null value that is not "unknown" clears the answer. */
  saveInboxAnswer(a: { inboxId: string; questionId: string; value: AnswerValue | null; unknown: boolean; by: string; at: string }): Promise<void>;
  /** In the order they were added. */
  inboxEvidence(id: string): Promise<InboxEvidence[]>;
  inboxEvidenceBytes(evidenceId: string): Promise<Buffer>;
  /** False when the request holds no such file. */
  deleteInboxEvidence(inboxId: string, evidenceId: string): Promise<boolean>;
  insertInboxEvidence(e: { id: string; inboxId: string; questionId: string; fileName: string; mediaType: string; size: number; sha256: string; bytes: Buffer; by: string; at: string }): Promise<void>;
}

const QuestionIds = z.array(z.string());
const ResponseAnswers = z.array(ResponseAnswer);

export function requestFromRow(row: Row<'vendor_requests'>): VendorRequestRecord {
  return {
    id: row.id,
    assessmentId: row.assessment_id,
    nonce: row.nonce,
    issuedAt: row.issued_at,
    expiresAt: row.expires_at,
    issuedBy: row.issued_by,
    questionIds: decodeJson(QuestionIds, row.question_ids, `vendor_requests.question_ids of ${row.id}`),
    packageSha256: row.package_sha256,
    importedAt: row.imported_at,
    importedBy: row.imported_by,
    vendorName: row.vendor_name,
    vendorFingerprint: row.vendor_fingerprint,
    responseSha256: row.response_sha256,
    responseAnswers: row.response_answers === null ? null : decodeJson(ResponseAnswers, row.response_answers, `vendor_requests.response_answers of ${row.id}`),
  };
}

function inboxFromRow(row: Row<'vendor_inbox'>): InboxEntry {
  return {
    id: row.id,
    requestId: row.request_id,
    nonce: row.nonce,
    package: decodeJson(RequestPackage, row.package, `vendor_inbox.package of ${row.id}`),
    packageJson: row.package,
    hospitalFingerprint: row.hospital_fingerprint,
    openedAt: row.opened_at,
    openedBy: row.opened_by,
    respondedAt: row.responded_at,
  };
}

export function createExchangeRepository(db: Kysely<Schema>): ExchangeRepository {
  return {
    insertRequest: async (r) => {
      await db
        .insertInto('vendor_requests')
        .values({
          id: r.id,
          assessment_id: r.assessmentId,
          nonce: r.nonce,
          issued_at: r.issuedAt,
          expires_at: r.expiresAt,
          issued_by: r.issuedBy,
          question_ids: JSON.stringify(r.questionIds),
          package_sha256: r.packageSha256,
          imported_at: null,
          imported_by: null,
          vendor_name: null,
          vendor_fingerprint: null,
          response_sha256: null,
          response_answers: null,
        })
        .execute();
    },
    requestByNonce: async (nonce) => {
      const row = await db.selectFrom('vendor_requests').selectAll().where('nonce', '=', nonce).executeTakeFirst();
      return row && requestFromRow(row);
    },
    requestById: async (id) => {
      const row = await db.selectFrom('vendor_requests').selectAll().where('id', '=', id).executeTakeFirst();
      return row && requestFromRow(row);
    },
    requests: async (assessmentId) => {
      let query = db.selectFrom('vendor_requests').selectAll();
      if (assessmentId !== null) query = query.where('assessment_id', '=', assessmentId);
      const rows = await query.orderBy('issued_at', 'desc').orderBy('id', 'desc').execute();
      return rows.map(requestFromRow);
    },
    previousResponse: async (systemId) => {
      const row = await db
        .selectFrom('vendor_requests as r')
        .innerJoin('assessments as a', 'a.id', 'r.assessment_id')
        .selectAll('r')
        .where('a.system_id', '=', systemId)
        .where('r.imported_at', 'is not', null)
        .orderBy('r.imported_at', 'desc')
        .orderBy('r.id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && requestFromRow(row);
    },
    markImported: async (r) => {
      const result = await db
        .updateTable('vendor_requests')
        .set({
          imported_at: r.at,
          imported_by: r.by,
          vendor_name: r.vendorName,
          vendor_fingerprint: r.fingerprint,
          response_sha256: r.sha256,
          response_answers: JSON.stringify(r.answers),
        })
        .where('id', '=', r.id)
        .where('imported_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    insertInbox: async (r) => {
      await db
        .insertInto('vendor_inbox')
        .values({
          id: r.id,
          request_id: r.requestId,
          nonce: r.nonce,
          package: JSON.stringify(r.package),
          hospital_fingerprint: r.fingerprint,
          opened_at: r.at,
          opened_by: r.by,
          responded_at: null,
        })
        .execute();
    },
    inbox: async (id) => {
      const row = await db.selectFrom('vendor_inbox').selectAll().where('id', '=', id).executeTakeFirst();
      return row && inboxFromRow(row);
    },
    inboxByNonce: async (nonce) => {
      const row = await db.selectFrom('vendor_inbox').selectAll().where('nonce', '=', nonce).executeTakeFirst();
      return row && inboxFromRow(row);
    },
    inboxList: async () => (await db.selectFrom('vendor_inbox').selectAll().orderBy('opened_at', 'desc').orderBy('id', 'desc').execute()).map(inboxFromRow),
    markResponded: async (id, at) => {
      await db.updateTable('vendor_inbox').set({ responded_at: at }).where('id', '=', id).execute();
    },
    inboxAnswers: async (id) => {
      const rows = await db
        .selectFrom('vendor_inbox_answers')
        .select(['question_id', 'value', 'unknown', 'answered_by', 'answered_at'])
        .where('inbox_id', '=', id)
        .orderBy('question_id')
        .execute();
      return rows.map((a) => ({
        questionId: a.question_id,
        value: a.value === null ? null : decodeJson(AnswerValue, a.value, `vendor_inbox_answers.value of ${id} ${a.question_id}`),
        unknown: a.unknown === 1,
        answeredBy: a.answered_by,
        answeredAt: a.answered_at,
      }));
    },
    saveInboxAnswer: async (a) => {
      if (a.value === null && !a.unknown) {
        await db.deleteFrom('vendor_inbox_answers').where('inbox_id', '=', a.inboxId).where('question_id', '=', a.questionId).execute();
        return;
      }
      const columns = { value: a.value === null ? null : JSON.stringify(a.value), unknown: a.unknown ? (1 as const) : (0 as const), answered_by: a.by, answered_at: a.at };
      await db
        .insertInto('vendor_inbox_answers')
        .values({ inbox_id: a.inboxId, question_id: a.questionId, ...columns })
        .onConflict((oc) => oc.columns(['inbox_id', 'question_id']).doUpdateSet(columns))
        .execute();
    },
    inboxEvidence: async (id) => {
      const rows = await db
        .selectFrom('vendor_inbox_evidence')
        .select(['id', 'question_id', 'file_name', 'media_type', 'size', 'sha256'])
        .where('inbox_id', '=', id)
        .orderBy('added_at')
        .orderBy('id')
        .execute();
      return rows.map((e) => ({ id: e.id, questionId: e.question_id, fileName: e.file_name, mediaType: e.media_type, size: e.size, sha256: e.sha256 }));
    },
    inboxEvidenceBytes: async (evidenceId) =>
      (await db.selectFrom('vendor_inbox_evidence').select('bytes').where('id', '=', evidenceId).executeTakeFirstOrThrow()).bytes,
    deleteInboxEvidence: async (inboxId, evidenceId) => {
      const result = await db.deleteFrom('vendor_inbox_evidence').where('id', '=', evidenceId).where('inbox_id', '=', inboxId).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    insertInboxEvidence: async (e) => {
      await db
        .insertInto('vendor_inbox_evidence')
        .values({
          id: e.id,
          inbox_id: e.inboxId,
          question_id: e.questionId,
          file_name: e.fileName,
          media_type: e.mediaType,
          size: e.size,
          sha256: e.sha256,
          bytes: e.bytes,
          added_by: e.by,
          added_at: e.at,
        })
        .execute();
    },
  };
}
