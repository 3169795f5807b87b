import { createHash, randomBytes } from 'node:crypto';
import type { CreatedRequest, ImportPreview, ImportResult, VendorRequestSummary } from '../../contract/index.ts';
import type { AssessmentsService } from '../assessments/assessments-service.ts';
import type { TransactionRunner } from '../command-runner.ts';
import type { CallContext, Clock, IdSource } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import type { SystemsService } from '../systems/systems-service.ts';
import type { WorkflowService } from '../workflow/workflow-service.ts';
import type { ExchangeRepository, VendorRequestRecord } from './exchange-repository.ts';
import { checkResponse } from './import-response.ts';
import { checkQuestionnaire } from './questionnaire/check-questionnaire.ts';
import { signPackage } from './read-package.ts';
import { packageFileName, requestBody, vendorQuestions } from './request-package.ts';
import type { WorkspaceKey } from './workspace-identity.ts';
import { isEditable } from '../rules/statuses.ts';
import type { Repositories, StoragePort } from '../store/storage-port.ts';

const dayMs = 86_400_000;

export interface ExchangeService {
  createRequest(ctx: CallContext, input: { assessmentId: string; expiresInDays: number }): Promise<CreatedRequest>;
  requests(assessmentId: string | undefined): Promise<VendorRequestSummary[]>;
  preview(text: string): Promise<ImportPreview>;
  importResponse(ctx: CallContext, input: { text: string; repin: boolean }): Promise<ImportResult>;
  previewDocx(dataBase64: string): Promise<ImportPreview>;
  importDocx(ctx: CallContext, input: { dataBase64: string }): Promise<ImportResult>;
}

/** The hospital's side of the vendor exchange (issue 8): issue signed requests, import signed responses. */
export function createExchangeService(deps: {
  store: StoragePort;
  tx: TransactionRunner;
  clock: Clock;
  ids: IdSource;
  identity: () => WorkspaceKey;
  /** The organisation named in Settings, which a request names as its sender. */
  organisation: () => Promise<string>;
  assessments: AssessmentsService;
  systems: SystemsService;
  workflow: WorkflowService;
  /** Nonce source; injected so a test can make two requests collide. */
  random?: (bytes: number) => Buffer;
}): ExchangeService {
  const { store, tx, clock, ids, assessments, systems, workflow } = deps;
  const random = deps.random ?? randomBytes;

  const summarize = (request: VendorRequestRecord): VendorRequestSummary => ({
    id: request.id,
    assessmentId: request.assessmentId,
    issuedAt: request.issuedAt,
    expiresAt: request.expiresAt,
    issuedBy: request.issuedBy,
    questionCount: request.questionIds.length,
    status: request.importedAt ? 'imported' : Date.parse(request.expiresAt) < clock.now().getTime() ? 'expired' : 'open',
    importedAt: request.importedAt,
    vendorName: request.vendorName,
    vendorFingerprint: request.vendorFingerprint,
  });
  const check = (r: Repositories, text: string, repin: boolean) => checkResponse({ exchange: r.exchange, vendors: r.vendors, assessments, systems, now: () => clock.now() }, text, repin);
  const checkDocx = (exchange: ExchangeRepository, dataBase64: string) => checkQuestionnaire({ exchange, assessments, systems, now: () => clock.now() }, Buffer.from(dataBase64, 'base64'));
  /**
   * The request is answered, once (a concurrent import of the same request loses here), and an
   * assessment awaiting the vendor moves on: the same for a signed response and a Word questionnaire.
   */
  const answered = async (ctx: CallContext, exchange: ExchangeRepository, assessmentId: string, record: Parameters<ExchangeRepository['markImported']>[0]) => {
    if (!(await exchange.markImported(record))) throw new DomainError('REPLAY', `A response to request ${record.id} was already imported.`, { requestId: record.id });
    const status = (await assessments.get(assessmentId)).status;
    if (status === 'awaitingVendor') await workflow.send(ctx, { entityId: assessmentId, event: 'vendor.receive', comment: '', conditions: [] });
  };

  return {
    createRequest: (ctx, input) =>
      tx(ctx, async (stamp, r) => {
        const assessment = await assessments.get(input.assessmentId);
        if (!isEditable(assessment.status)) {
          throw new DomainError('CONFLICT', `${assessment.id} is ${assessment.status}: its answers are frozen, so there is nothing to ask the vendor.`, {
            id: assessment.id,
            status: assessment.status,
          });
        }
        const questions = vendorQuestions(assessment.questionnaireSnapshots);
        if (questions.length === 0) throw new DomainError('CONFLICT', `${assessment.id} has no questions a vendor can answer.`, { id: assessment.id });
        const system = await systems.get(assessment.systemId);
        const key = deps.identity();
        const id = ids.next('VRQ');
        const nonce = random(32).toString('hex');
        const expiresAt = new Date(Date.parse(stamp.at) + input.expiresInDays * dayMs).toISOString();
        const body = requestBody({ requestId: id, nonce, issuedAt: stamp.at, expiresAt, organisation: await deps.organisation(), publicKey: key.publicKey, system, questions });
        const text = `${JSON.stringify(signPackage(body, key.privateKey), null, 2)}\n`;
        const packageSha256 = createHash('sha256').update(text).digest('hex');
        await r.exchange.insertRequest({ id, assessmentId: assessment.id, nonce, issuedAt: stamp.at, expiresAt, issuedBy: stamp.actor, questionIds: questions.map((q) => q.id), packageSha256 });
        if (assessment.review.allowedEvents.includes('vendor.request')) {
          await workflow.send(ctx, { entityId: assessment.id, event: 'vendor.request', comment: '', conditions: [] });
        }
        await r.ledger.append({
          ...stamp,
          action: 'vendor.requested',
          entity: assessment.id,
          payload: { request: id, nonce, expiresAt, questions: questions.map((q) => q.id), hospitalFingerprint: key.fingerprint, packageSha256 },
        });
        const request = await r.exchange.requestByNonce(nonce);
        if (!request) throw new Error(`Request ${id} was not stored.`);
        return { request: summarize(request), text, fileName: packageFileName('request', system.name, id) };
      }),

    requests: (assessmentId) =>
      store.read(async (r) => {
        if (assessmentId !== undefined) await assessments.get(assessmentId);
        return (await r.exchange.requests(assessmentId ?? null)).map(summarize);
      }),

    preview: (text) => store.read(async (r) => (await check(r, text, true)).preview),

    importResponse: (ctx, input) =>
      tx(ctx, async (stamp, r) => {
        // Every check runs again inside the transaction, against the state it will change.
        const c = await check(r, input.text, input.repin);
        const { pkg, request, assessment } = c;
        // The answers are the vendor's; the ledger also names who imported them.
        const asVendor: CallContext = { actor: `${pkg.vendor.name} (vendor response ${request.id}, imported by ${stamp.actor})` };
        if (pkg.answers.length > 0) {
          await assessments.answer(
            asVendor,
            assessment.id,
            pkg.answers.map((a) => ('unknown' in a ? { questionId: a.questionId, unknown: true } : { questionId: a.questionId, value: a.value })),
            'vendor',
          );
        }
        for (const [i, e] of pkg.evidence.entries()) {
          await assessments.addEvidence(asVendor, {
            assessmentId: assessment.id,
            questionId: e.questionId,
            fileName: e.fileName,
            mediaType: e.mediaType,
            dataBase64: (c.evidenceBytes[i] as Buffer).toString('base64'),
          });
        }
        const repinned = c.pinned !== undefined && c.pinned.publicKey !== pkg.vendor.publicKey;
        if (!c.pinned || repinned) {
          const reason = repinned
            ? `Re-pinned on importing the response to ${request.id}, signed with a new key (previously ${c.pinned?.fingerprint ?? ''})`
            : `The vendor's first signed response (request ${request.id})`;
          await r.vendors.pinKey({ vendorId: c.vendorId, publicKey: pkg.vendor.publicKey, fingerprint: c.fingerprint, reason, at: stamp.at, by: stamp.actor });
          await r.ledger.append({
            ...stamp,
            action: repinned ? 'vendor.keyRepinned' : 'vendor.keyPinned',
            entity: assessment.systemId,
            payload: { vendor: c.vendorName, vendorId: c.vendorId, fingerprint: c.fingerprint, ...(repinned ? { previousFingerprint: c.pinned?.fingerprint } : {}) },
          });
        }
        await answered(ctx, r.exchange, assessment.id, { id: request.id, at: stamp.at, by: stamp.actor, vendorName: pkg.vendor.name, fingerprint: c.fingerprint, sha256: c.sha256, answers: pkg.answers });
        await r.ledger.append({
          ...stamp,
          action: 'vendor.responseImported',
          entity: assessment.id,
          payload: {
            request: request.id,
            nonce: pkg.nonce,
            vendor: pkg.vendor.name,
            vendorFingerprint: c.fingerprint,
            responseSha256: c.sha256,
            answers: pkg.answers.map((a) => a.questionId),
            evidence: pkg.evidence.map((e) => ({ questionId: e.questionId, fileName: e.fileName, sha256: e.sha256 })),
          },
        });
        return {
          preview: c.preview,
          answersWritten: pkg.answers.length,
          evidenceWritten: pkg.evidence.length,
          status: (await assessments.get(assessment.id)).status,
          repinned,
        };
      }),

    previewDocx: (dataBase64) => store.read(async (r) => (await checkDocx(r.exchange, dataBase64)).preview),

    importDocx: (ctx, input) =>
      tx(ctx, async (stamp, r) => {
        // Every check runs again inside the transaction, against the state it will change.
        const c = await checkDocx(r.exchange, input.dataBase64);
        const { request, assessment } = c;
        // The vendor's claims, typed in from their questionnaire: source vendor, transcribed, and the ledger names who imported them.
        const asVendor: CallContext = { actor: `${c.vendorName} (Word questionnaire ${request.id}, transcribed, imported by ${stamp.actor})` };
        await assessments.answer(
          asVendor,
          assessment.id,
          c.answers.map((a) => ('unknown' in a ? { questionId: a.questionId, unknown: true, transcribed: true } : { questionId: a.questionId, value: a.value, transcribed: true })),
          'assessor',
        );
        await answered(ctx, r.exchange, assessment.id, { id: request.id, at: stamp.at, by: stamp.actor, vendorName: c.vendorName, fingerprint: null, sha256: c.sha256, answers: c.answers });
        await r.ledger.append({
          ...stamp,
          action: 'vendor.questionnaireImported',
          entity: assessment.id,
          payload: {
            request: request.id,
            nonce: request.nonce,
            vendor: c.vendorName,
            // Unsigned: the answers were read from the content controls of a Word document.
            signed: false,
            transcribed: true,
            documentSha256: c.sha256,
            declaration: c.read.declaration,
            answers: c.answers.map((a) => a.questionId),
          },
        });
        return { preview: c.preview, answersWritten: c.answers.length, evidenceWritten: 0, status: (await assessments.get(assessment.id)).status, repinned: false };
      }),
  };
}
