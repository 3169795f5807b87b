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
import { answerProblem } from '../assessments/answer-validation.ts';
import type { TransactionRunner } from '../command-runner.ts';
import type { CallContext, Clock, IdSource } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import type { StoragePort } from '../store/storage-port.ts';
import type { ExchangeRepository, InboxEntry } from './exchange-repository.ts';
import { requestFile } from './file-refusal.ts';
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
  respond(ctx: CallContext, input: { id: string }): Promise<InboxResponse>;
}

/**
 * The vendor's side (issue 8). It sees only what a request package holds — the system's
 * description and the questions — kept in its own tables of the vendor's own database, and
 * signs its response with its own workspace key.
 */
export function createVendorWorkspace(deps: {
  store: StoragePort;
  tx: TransactionRunner;
  clock: Clock;
  ids: IdSource;
  identity: () => WorkspaceKey;
  /** The organisation named in Settings (required when vendor mode is chosen): the response's vendor name. */
  organisation: () => Promise<string>;
}): VendorWorkspace {
  const { store, tx, clock, ids } = deps;

  const find = async (exchange: ExchangeRepository, id: string): Promise<InboxEntry> => {
    const entry = await exchange.inbox(id);
    if (!entry) throw new DomainError('NOT_FOUND', `No opened request with id ${id}.`, { id });
    return entry;
  };
  const expired = (expiresAt: string) => Date.parse(expiresAt) < clock.now().getTime();

  const summary = async (exchange: ExchangeRepository, entry: InboxEntry): Promise<InboxSummary> => {
    const pkg = entry.package;
    return {
      id: entry.id,
      requestId: entry.requestId,
      organisation: pkg.hospital.organisation,
      hospitalFingerprint: entry.hospitalFingerprint,
      systemName: pkg.system.name,
      expiresAt: pkg.expiresAt,
      expired: expired(pkg.expiresAt),
      openedAt: entry.openedAt,
      respondedAt: entry.respondedAt,
      questionCount: pkg.questions.length,
      answered: (await exchange.inboxAnswers(entry.id)).length,
    };
  };

  const item = async (exchange: ExchangeRepository, entry: InboxEntry): Promise<InboxItem> => {
    const pkg = entry.package;
    return {
      ...(await summary(exchange, entry)),
      system: pkg.system,
      questions: pkg.questions,
      answers: (await exchange.inboxAnswers(entry.id)).map((a) => ({ questionId: a.questionId, value: a.value, unknown: a.unknown, answeredAt: a.answeredAt })),
      evidence: await exchange.inboxEvidence(entry.id),
    };
  };
  /** The entry `id` as it is now, after the command's changes. */
  const itemNow = async (exchange: ExchangeRepository, id: string) => item(exchange, await find(exchange, id));

  const questionOf = (entry: InboxEntry, questionId: string) => {
    const q = entry.package.questions.find((x) => x.id === questionId);
    if (!q) {
      throw new DomainError('QUESTION_NOT_IN_REQUEST', `${questionId} is not one of the questions of request ${entry.requestId}.`, { questionId });
    }
    return q;
  };

  return {
    open: (ctx, text) =>
      tx(ctx, async (stamp, r) => {
        const pkg = readUntrustedPackage(text, RequestPackage, requestFile);
        verifyPackage(pkg, pkg.hospital.publicKey, 'request');
        if (expired(pkg.expiresAt)) {
          throw new DomainError('REQUEST_EXPIRED', `This request expired on ${pkg.expiresAt}; ask ${pkg.hospital.organisation} for a new one.`, { expiresAt: pkg.expiresAt });
        }
        if (new Set(pkg.questions.map((q) => q.id)).size !== pkg.questions.length) {
          throw new DomainError('VALIDATION_FAILED', 'The request lists a question more than once.', { issues: [{ path: 'questions', message: 'duplicate question id' }] });
        }
        // Opening the same request again returns the answers already drafted.
        const existing = await r.exchange.inboxByNonce(pkg.nonce);
        if (existing) {
          if (existing.packageJson !== JSON.stringify(pkg)) {
            throw new DomainError('CONFLICT', `A different request with the same nonce is already open (${existing.id}).`, { id: existing.id });
          }
          return item(r.exchange, existing);
        }
        const id = ids.next('VIN');
        const fingerprint = fingerprintOf(pkg.hospital.publicKey);
        await r.exchange.insertInbox({ id, requestId: pkg.requestId, nonce: pkg.nonce, package: pkg, fingerprint, at: stamp.at, by: stamp.actor });
        await r.ledger.append({
          ...stamp,
          action: 'vendorInbox.opened',
          entity: id,
          payload: { requestId: pkg.requestId, organisation: pkg.hospital.organisation, hospitalFingerprint: fingerprint, questions: pkg.questions.length, expiresAt: pkg.expiresAt },
        });
        return itemNow(r.exchange, id);
      }),

    list: () =>
      store.read(async (r) => {
        const summaries: InboxSummary[] = [];
        for (const entry of await r.exchange.inboxList()) summaries.push(await summary(r.exchange, entry));
        return summaries;
      }),
    get: (id) => store.read((r) => itemNow(r.exchange, id)),

    answer: (ctx, id, changes) =>
      tx(ctx, async (stamp, r) => {
        const entry = await find(r.exchange, id);
        const seen = new Set<string>();
        const recorded: { questionId: string; value: AnswerValue | null; unknown: boolean }[] = [];
        for (const change of changes) {
          const q = questionOf(entry, change.questionId);
          if (seen.has(q.id)) {
            throw new DomainError('VALIDATION_FAILED', `${q.id} is answered twice in one request.`, { issues: [{ path: 'answers', message: `${q.id} appears more than once` }] });
          }
          seen.add(q.id);
          const value = change.unknown ? null : (change.value ?? null);
          if (value !== null) {
            const problem = answerProblem(q, value);
            if (problem) throw new DomainError('VALIDATION_FAILED', problem, { issues: [{ path: q.id, message: problem }] });
          }
          await r.exchange.saveInboxAnswer({ inboxId: id, questionId: q.id, value, unknown: change.unknown === true, by: stamp.actor, at: stamp.at });
          recorded.push({ questionId: q.id, value, unknown: change.unknown === true });
        }
        await r.ledger.append({ ...stamp, action: 'vendorInbox.answered', entity: id, payload: { answers: recorded } });
        return itemNow(r.exchange, id);
      }),

    addEvidence: (ctx, input) =>
      tx(ctx, async (stamp, r) => {
        const entry = await find(r.exchange, input.id);
        questionOf(entry, input.questionId);
        const bytes = Buffer.from(input.dataBase64, 'base64');
        const refuse = (message: string) => new DomainError('VALIDATION_FAILED', message, { issues: [{ path: 'dataBase64', message }], fileName: input.fileName });
        if (bytes.length === 0) throw refuse(`${input.fileName} is empty (0 bytes); attach a file with content.`);
        if (bytes.length > maxEvidenceBytes) throw refuse(`${input.fileName} is ${(bytes.length / 1048576).toFixed(1)} MB; evidence files are limited to 25 MB.`);
        if ((await r.exchange.inboxEvidence(entry.id)).length >= maxResponseEvidence) throw refuse(`A response carries at most ${maxResponseEvidence} evidence files.`);
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        const evidenceId = ids.next('VEV');
        await r.exchange.insertInboxEvidence({
          id: evidenceId,
          inboxId: entry.id,
          questionId: input.questionId,
          fileName: input.fileName,
          mediaType: input.mediaType,
          size: bytes.length,
          sha256,
          bytes,
          by: stamp.actor,
          at: stamp.at,
        });
        await r.ledger.append({
          ...stamp,
          action: 'vendorInbox.evidenceAdded',
          entity: entry.id,
          payload: { evidence: evidenceId, questionId: input.questionId, fileName: input.fileName, size: bytes.length, sha256 },
        });
        return itemNow(r.exchange, entry.id);
      }),

    removeEvidence: (ctx, input) =>
      tx(ctx, async (stamp, r) => {
        const entry = await find(r.exchange, input.id);
        const file = (await r.exchange.inboxEvidence(entry.id)).find((e) => e.id === input.evidenceId);
        if (!file || !(await r.exchange.deleteInboxEvidence(entry.id, input.evidenceId))) {
          throw new DomainError('NOT_FOUND', `Request ${entry.id} has no evidence file ${input.evidenceId}.`, { id: entry.id, evidenceId: input.evidenceId });
        }
        await r.ledger.append({
          ...stamp,
          action: 'vendorInbox.evidenceRemoved',
          entity: entry.id,
          payload: { evidence: file.id, questionId: file.questionId, fileName: file.fileName, sha256: file.sha256 },
        });
        return itemNow(r.exchange, entry.id);
      }),

    respond: (ctx, input) =>
      tx(ctx, async (stamp, r) => {
        const entry = await find(r.exchange, input.id);
        const pkg = entry.package;
        if (expired(pkg.expiresAt)) {
          throw new DomainError('REQUEST_EXPIRED', `This request expired on ${pkg.expiresAt}; ${pkg.hospital.organisation} would refuse the response. Ask them for a new request.`, {
            expiresAt: pkg.expiresAt,
          });
        }
        const key = deps.identity();
        const answers = await r.exchange.inboxAnswers(entry.id);
        const evidence: ResponseBody['evidence'] = [];
        for (const e of await r.exchange.inboxEvidence(entry.id)) {
          const bytes = await r.exchange.inboxEvidenceBytes(e.id);
          evidence.push({ questionId: e.questionId, fileName: e.fileName, mediaType: e.mediaType, size: e.size, sha256: e.sha256, dataBase64: bytes.toString('base64') });
        }
        const body: ResponseBody = {
          format: responseFormat,
          version: 1,
          requestId: pkg.requestId,
          nonce: pkg.nonce,
          respondedAt: stamp.at,
          vendor: { name: await deps.organisation(), publicKey: key.publicKey },
          answers: answers.map((a) => (a.unknown || a.value === null ? { questionId: a.questionId, unknown: true } : { questionId: a.questionId, value: a.value })),
          evidence,
        };
        const text = `${JSON.stringify(signPackage(body, key.privateKey), null, 2)}\n`;
        if (Buffer.byteLength(text) > maxPackageBytes) {
          throw new DomainError('PAYLOAD_TOO_LARGE', 'The response would be larger than 50 MB; attach fewer or smaller evidence files.');
        }
        await r.exchange.markResponded(entry.id, stamp.at);
        await r.ledger.append({
          ...stamp,
          action: 'vendorInbox.responded',
          entity: entry.id,
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
