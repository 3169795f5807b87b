import { createHash } from 'node:crypto';
import {
  maxEvidenceBytes,
  maxPackageBytes,
  RequestPackage,
  responseFormat,
  type AnswerValue,
  type InboxItem,
  type InboxResponse,
  type InboxSummary,
  type ResponseBody,
} from '../../contract/index.ts';
import { appendAuditEvent } from '../audit/ledger.ts';
import { answerProblem } from '../assessments/answer-validation.ts';
import type { TransactionRunner } from '../command-runner.ts';
import type { CallContext, Clock, IdSource } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import type { ExchangeRepository, InboxRow } from './exchange-repository.ts';
import { readUntrustedPackage, signPackage, verifyPackage } from './read-package.ts';
import { packageFileName } from './request-package.ts';
import { fingerprintOf, type WorkspaceKey } from './workspace-identity.ts';

/** At most this many evidence files go into one response. */
const maxResponseEvidence = 50;

export interface VendorWorkspace {
  open(ctx: CallContext, text: string): Promise<InboxItem>;
  list(): Promise<InboxSummary[]>;
  get(id: string): Promise<InboxItem>;
  answer(ctx: CallContext, id: string, changes: readonly { questionId: string; value?: AnswerValue | null | undefined; unknown?: true | undefined }[]): Promise<InboxItem>;
  addEvidence(ctx: CallContext, input: { id: string; questionId: string; fileName: string; mediaType: string; dataBase64: string }): Promise<InboxItem>;
  removeEvidence(ctx: CallContext, input: { id: string; evidenceId: string }): Promise<InboxItem>;
  respond(ctx: CallContext, input: { id: string; vendorName?: string | undefined }): Promise<InboxResponse>;
}

/**
 * The vendor's side (issue 8). It sees only what a request package holds — the system's
 * description and the questions — kept in its own tables of the vendor's own database, and
 * signs its response with its own workspace key.
 */
export function createVendorWorkspace(deps: {
  repo: ExchangeRepository;
  tx: TransactionRunner;
  clock: Clock;
  ids: IdSource;
  identity: () => WorkspaceKey;
  organisation: () => string;
}): VendorWorkspace {
  const { repo, tx, clock, ids } = deps;

  const find = (id: string): InboxRow => {
    const row = repo.inbox(id);
    if (!row) throw new DomainError('NOT_FOUND', `No opened request with id ${id}.`, { id });
    return row;
  };
  const packageOf = (row: InboxRow) => RequestPackage.parse(JSON.parse(row.package));
  const expired = (expiresAt: string) => Date.parse(expiresAt) < clock.now().getTime();

  const summary = (row: InboxRow): InboxSummary => {
    const pkg = packageOf(row);
    return {
      id: row.id,
      requestId: row.request_id,
      organisation: pkg.hospital.organisation,
      hospitalFingerprint: row.hospital_fingerprint,
      systemName: pkg.system.name,
      expiresAt: pkg.expiresAt,
      expired: expired(pkg.expiresAt),
      openedAt: row.opened_at,
      respondedAt: row.responded_at,
      questionCount: pkg.questions.length,
      answered: repo.inboxAnswers(row.id).length,
    };
  };

  const item = (row: InboxRow): InboxItem => {
    const pkg = packageOf(row);
    return {
      ...summary(row),
      system: pkg.system,
      questions: pkg.questions,
      answers: repo.inboxAnswers(row.id).map((a) => ({
        questionId: a.question_id,
        value: a.value === null ? null : (JSON.parse(a.value) as AnswerValue),
        unknown: a.unknown === 1,
        answeredAt: a.answered_at,
      })),
      evidence: repo.inboxEvidence(row.id).map((e) => ({ id: e.id, questionId: e.question_id, fileName: e.file_name, mediaType: e.media_type, size: e.size, sha256: e.sha256 })),
    };
  };

  const questionOf = (row: InboxRow, questionId: string) => {
    const q = packageOf(row).questions.find((x) => x.id === questionId);
    if (!q) {
      throw new DomainError('QUESTION_NOT_IN_REQUEST', `${questionId} is not one of the questions of request ${row.request_id}.`, { questionId });
    }
    return q;
  };

  return {
    open: (ctx, text) =>
      tx(ctx, (stamp) => {
        const pkg = readUntrustedPackage(text, RequestPackage, 'request');
        verifyPackage(pkg, pkg.hospital.publicKey, 'request');
        if (expired(pkg.expiresAt)) {
          throw new DomainError('REQUEST_EXPIRED', `This request expired on ${pkg.expiresAt}; ask ${pkg.hospital.organisation} for a new one.`, { expiresAt: pkg.expiresAt });
        }
        if (new Set(pkg.questions.map((q) => q.id)).size !== pkg.questions.length) {
          throw new DomainError('VALIDATION_FAILED', 'The request lists a question more than once.', { issues: [{ path: 'questions', message: 'duplicate question id' }] });
        }
        // Opening the same request again returns the answers already drafted.
        const existing = repo.inboxByNonce(pkg.nonce);
        if (existing) {
          if (existing.package !== JSON.stringify(pkg)) {
            throw new DomainError('CONFLICT', `A different request with the same nonce is already open (${existing.id}).`, { id: existing.id });
          }
          return item(existing);
        }
        const id = ids.next('VIN');
        const fingerprint = fingerprintOf(pkg.hospital.publicKey);
        repo.insertInbox({ id, requestId: pkg.requestId, nonce: pkg.nonce, package: JSON.stringify(pkg), fingerprint, at: stamp.at, by: stamp.actor });
        appendAuditEvent(repo.db, {
          ...stamp,
          action: 'vendorInbox.opened',
          entity: id,
          payload: { requestId: pkg.requestId, organisation: pkg.hospital.organisation, hospitalFingerprint: fingerprint, questions: pkg.questions.length, expiresAt: pkg.expiresAt },
        });
        return item(find(id));
      }),

    list: () => repo.inboxList().map(summary),
    get: (id) => item(find(id)),

    answer: (ctx, id, changes) =>
      tx(ctx, (stamp) => {
        const row = find(id);
        const seen = new Set<string>();
        const recorded: { questionId: string; value: AnswerValue | null; unknown: boolean }[] = [];
        for (const change of changes) {
          const q = questionOf(row, change.questionId);
          if (seen.has(q.id)) {
            throw new DomainError('VALIDATION_FAILED', `${q.id} is answered twice in one request.`, { issues: [{ path: 'answers', message: `${q.id} appears more than once` }] });
          }
          seen.add(q.id);
          const value = change.unknown ? null : (change.value ?? null);
          if (value !== null) {
            const problem = answerProblem(q, value);
            if (problem) throw new DomainError('VALIDATION_FAILED', problem, { issues: [{ path: q.id, message: problem }] });
          }
          repo.saveInboxAnswer({ inboxId: id, questionId: q.id, value, unknown: change.unknown === true, by: stamp.actor, at: stamp.at });
          recorded.push({ questionId: q.id, value, unknown: change.unknown === true });
        }
        appendAuditEvent(repo.db, { ...stamp, action: 'vendorInbox.answered', entity: id, payload: { answers: recorded } });
        return item(find(id));
      }),

    addEvidence: (ctx, input) =>
      tx(ctx, (stamp) => {
        const row = find(input.id);
        questionOf(row, input.questionId);
        const bytes = Buffer.from(input.dataBase64, 'base64');
        const refuse = (message: string) => new DomainError('VALIDATION_FAILED', message, { issues: [{ path: 'dataBase64', message }], fileName: input.fileName });
        if (bytes.length === 0) throw refuse(`${input.fileName} is empty (0 bytes); attach a file with content.`);
        if (bytes.length > maxEvidenceBytes) throw refuse(`${input.fileName} is ${(bytes.length / 1048576).toFixed(1)} MB; evidence files are limited to 25 MB.`);
        if (repo.inboxEvidence(row.id).length >= maxResponseEvidence) throw refuse(`A response carries at most ${maxResponseEvidence} evidence files.`);
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        const evidenceId = ids.next('VEV');
        repo.insertInboxEvidence({ id: evidenceId, inboxId: row.id, questionId: input.questionId, fileName: input.fileName, mediaType: input.mediaType, size: bytes.length, sha256, bytes, by: stamp.actor, at: stamp.at });
        appendAuditEvent(repo.db, { ...stamp, action: 'vendorInbox.evidenceAdded', entity: row.id, payload: { evidence: evidenceId, questionId: input.questionId, fileName: input.fileName, size: bytes.length, sha256 } });
        return item(find(row.id));
      }),

    removeEvidence: (ctx, input) =>
      tx(ctx, (stamp) => {
        const row = find(input.id);
        const file = repo.inboxEvidence(row.id).find((e) => e.id === input.evidenceId);
        if (!file || !repo.deleteInboxEvidence(row.id, input.evidenceId)) {
          throw new DomainError('NOT_FOUND', `Request ${row.id} has no evidence file ${input.evidenceId}.`, { id: row.id, evidenceId: input.evidenceId });
        }
        appendAuditEvent(repo.db, {
          ...stamp,
          action: 'vendorInbox.evidenceRemoved',
          entity: row.id,
          payload: { evidence: file.id, questionId: file.question_id, fileName: file.file_name, sha256: file.sha256 },
        });
        return item(find(row.id));
      }),

    respond: (ctx, input) =>
      tx(ctx, (stamp) => {
        const row = find(input.id);
        const pkg = packageOf(row);
        if (expired(pkg.expiresAt)) {
          throw new DomainError('REQUEST_EXPIRED', `This request expired on ${pkg.expiresAt}; ${pkg.hospital.organisation} would refuse the response. Ask them for a new request.`, {
            expiresAt: pkg.expiresAt,
          });
        }
        const key = deps.identity();
        const evidence = repo.inboxEvidence(row.id);
        const body: ResponseBody = {
          format: responseFormat,
          version: 1,
          requestId: pkg.requestId,
          nonce: pkg.nonce,
          respondedAt: stamp.at,
          vendor: { name: input.vendorName ?? deps.organisation(), publicKey: key.publicKey },
          answers: repo.inboxAnswers(row.id).map((a) => (a.unknown === 1 || a.value === null ? { questionId: a.question_id, unknown: true } : { questionId: a.question_id, value: JSON.parse(a.value) as AnswerValue })),
          evidence: evidence.map((e) => ({
            questionId: e.question_id,
            fileName: e.file_name,
            mediaType: e.media_type,
            size: e.size,
            sha256: e.sha256,
            dataBase64: repo.inboxEvidenceBytes(e.id).toString('base64'),
          })),
        };
        const text = `${JSON.stringify(signPackage(body, key.privateKey), null, 2)}\n`;
        if (Buffer.byteLength(text) > maxPackageBytes) {
          throw new DomainError('PAYLOAD_TOO_LARGE', 'The response would be larger than 50 MB; attach fewer or smaller evidence files.');
        }
        repo.markResponded(row.id, stamp.at);
        appendAuditEvent(repo.db, {
          ...stamp,
          action: 'vendorInbox.responded',
          entity: row.id,
          payload: {
            requestId: pkg.requestId,
            vendorFingerprint: key.fingerprint,
            answers: body.answers.length,
            evidence: body.evidence.map((e) => ({ fileName: e.fileName, sha256: e.sha256 })),
            sha256: createHash('sha256').update(text).digest('hex'),
          },
        });
        return { text, fileName: packageFileName('response', pkg.system.name, pkg.requestId), answers: body.answers.length, evidence: body.evidence.length };
      }),
  };
}
