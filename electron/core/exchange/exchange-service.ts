import { createHash, randomBytes } from 'node:crypto';
import type { CreatedRequest, ImportPreview, ImportResult, VendorRequestSummary } from '../../contract/index.ts';
import type { AssessmentsService } from '../assessments/assessments-service.ts';
import { appendAuditEvent } from '../audit/ledger.ts';
import type { TransactionRunner } from '../command-runner.ts';
import type { CallContext, Clock, IdSource } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import type { SystemsService } from '../systems/systems-service.ts';
import type { WorkflowService } from '../workflow/workflow-service.ts';
import type { ExchangeRepository, RequestRow } from './exchange-repository.ts';
import { checkResponse } from './import-response.ts';
import { signPackage } from './read-package.ts';
import { packageFileName, requestBody, vendorQuestions } from './request-package.ts';
import type { WorkspaceKey } from './workspace-identity.ts';
import { isEditable } from '../rules/statuses.ts';

const dayMs = 86_400_000;

export interface ExchangeService {
  createRequest(ctx: CallContext, input: { assessmentId: string; expiresInDays: number }): Promise<CreatedRequest>;
  requests(assessmentId: string | undefined): Promise<VendorRequestSummary[]>;
  preview(text: string): Promise<ImportPreview>;
  importResponse(ctx: CallContext, input: { text: string; repin: boolean }): Promise<ImportResult>;
}

/** The hospital's side of the vendor exchange (issue 8): issue signed requests, import signed responses. */
export function createExchangeService(deps: {
  repo: ExchangeRepository;
  tx: TransactionRunner;
  clock: Clock;
  ids: IdSource;
  identity: () => WorkspaceKey;
  organisation: () => string;
  assessments: AssessmentsService;
  systems: SystemsService;
  workflow: WorkflowService;
  /** Nonce source; injected so a test can make two requests collide. */
  random?: (bytes: number) => Buffer;
}): ExchangeService {
  const { repo, tx, clock, ids, assessments, systems, workflow } = deps;
  const random = deps.random ?? randomBytes;

  const summarize = (row: RequestRow): VendorRequestSummary => ({
    id: row.id,
    assessmentId: row.assessment_id,
    issuedAt: row.issued_at,
    expiresAt: row.expires_at,
    issuedBy: row.issued_by,
    questionCount: (JSON.parse(row.question_ids) as string[]).length,
    status: row.imported_at ? 'imported' : Date.parse(row.expires_at) < clock.now().getTime() ? 'expired' : 'open',
    importedAt: row.imported_at,
    vendorName: row.vendor_name,
    vendorFingerprint: row.vendor_fingerprint,
  });
  const check = (text: string, repin: boolean) => checkResponse({ repo, assessments, systems, now: () => clock.now() }, text, repin);

  return {
    createRequest: (ctx, input) =>
      tx(ctx, (stamp) => {
        const assessment = assessments.get(input.assessmentId);
        if (!isEditable(assessment.status)) {
          throw new DomainError('CONFLICT', `${assessment.id} is ${assessment.status}: its answers are frozen, so there is nothing to ask the vendor.`, {
            id: assessment.id,
            status: assessment.status,
          });
        }
        const questions = vendorQuestions(assessment.questionnaireSnapshots);
        if (questions.length === 0) throw new DomainError('CONFLICT', `${assessment.id} has no questions a vendor can answer.`, { id: assessment.id });
        const system = systems.get(assessment.systemId);
        const key = deps.identity();
        const id = ids.next('VRQ');
        const nonce = random(32).toString('hex');
        const expiresAt = new Date(Date.parse(stamp.at) + input.expiresInDays * dayMs).toISOString();
        const body = requestBody({ requestId: id, nonce, issuedAt: stamp.at, expiresAt, organisation: deps.organisation(), publicKey: key.publicKey, system, questions });
        const text = `${JSON.stringify(signPackage(body, key.privateKey), null, 2)}\n`;
        const packageSha256 = createHash('sha256').update(text).digest('hex');
        repo.insertRequest({ id, assessmentId: assessment.id, nonce, issuedAt: stamp.at, expiresAt, issuedBy: stamp.actor, questionIds: questions.map((q) => q.id), packageSha256 });
        if (assessment.review.allowedEvents.includes('vendor.request')) {
          workflow.send(ctx, { entityId: assessment.id, event: 'vendor.request', comment: '', conditions: [] });
        }
        appendAuditEvent(repo.db, {
          ...stamp,
          action: 'vendor.requested',
          entity: assessment.id,
          payload: { request: id, nonce, expiresAt, questions: questions.map((q) => q.id), hospitalFingerprint: key.fingerprint, packageSha256 },
        });
        const row = repo.requestByNonce(nonce) as RequestRow;
        return { request: summarize(row), text, fileName: packageFileName('request', system.name, id) };
      }),

    requests: (assessmentId) => {
      if (assessmentId !== undefined) assessments.get(assessmentId);
      return repo.requests(assessmentId ?? null).map(summarize);
    },

    preview: (text) => check(text, true).preview,

    importResponse: (ctx, input) =>
      tx(ctx, (stamp) => {
        // Every check runs again inside the transaction, against the state it will change.
        const c = check(input.text, input.repin);
        const { pkg, request, assessment } = c;
        // The answers are the vendor's; the ledger also names who imported them.
        const asVendor: CallContext = { actor: `${pkg.vendor.name} (vendor response ${request.id}, imported by ${stamp.actor})` };
        if (pkg.answers.length > 0) {
          assessments.answer(
            asVendor,
            assessment.id,
            pkg.answers.map((a) => ('unknown' in a ? { questionId: a.questionId, unknown: true } : { questionId: a.questionId, value: a.value })),
            'vendor',
          );
        }
        pkg.evidence.forEach((e, i) => {
          assessments.addEvidence(asVendor, {
            assessmentId: assessment.id,
            questionId: e.questionId,
            fileName: e.fileName,
            mediaType: e.mediaType,
            dataBase64: (c.evidenceBytes[i] as Buffer).toString('base64'),
          });
        });
        const repinned = c.pinned !== undefined && c.pinned.public_key !== pkg.vendor.publicKey;
        if (!c.pinned || repinned) {
          repo.savePin({ vendor: c.vendorKey, publicKey: pkg.vendor.publicKey, fingerprint: c.fingerprint, at: stamp.at, by: stamp.actor });
          appendAuditEvent(repo.db, {
            ...stamp,
            action: repinned ? 'vendor.keyRepinned' : 'vendor.keyPinned',
            entity: assessment.systemId,
            payload: { vendor: c.vendorKey, fingerprint: c.fingerprint, ...(repinned ? { previousFingerprint: c.pinned?.fingerprint } : {}) },
          });
        }
        if (!repo.markImported({ id: request.id, at: stamp.at, by: stamp.actor, vendorName: pkg.vendor.name, fingerprint: c.fingerprint, sha256: c.sha256, answers: pkg.answers })) {
          throw new DomainError('REPLAY', `A response to request ${request.id} was already imported.`, { requestId: request.id });
        }
        const status = assessments.get(assessment.id).status;
        if (status === 'awaitingVendor') workflow.send(ctx, { entityId: assessment.id, event: 'vendor.receive', comment: '', conditions: [] });
        appendAuditEvent(repo.db, {
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
          status: assessments.get(assessment.id).status,
          repinned,
        };
      }),
  };
}
