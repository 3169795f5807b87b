import { createHash } from 'node:crypto';
import {
  ResponsePackage,
  type AnswerValue,
  type AssessmentDetail,
  type ImportPreview,
  type VendorKey,
} from '../../contract/index.ts';
import type { AssessmentsService } from '../assessments/assessments-service.ts';
import { answerInWords } from '../export/answer-words.ts';
import { DomainError } from '../domain-error.ts';
import type { SystemsService } from '../systems/systems-service.ts';
import type { VendorsRepository } from '../vendors/vendors-repository.ts';
import { answerChange, responseValue as valueOf } from './answer-changes.ts';
import type { ExchangeRepository, VendorRequestRecord } from './exchange-repository.ts';
import { answerMisfit, cannotImport, responseFile } from './file-refusal.ts';
import { readUntrustedPackage, verifyPackage } from './read-package.ts';
import { fingerprintOf } from './workspace-identity.ts';
import { isEditable } from '../rules/statuses.ts';


/** A response that passed every check: what it is, what it answers, and what importing would change. */
export interface CheckedResponse {
  pkg: ResponsePackage;
  sha256: string;
  request: VendorRequestRecord;
  assessment: AssessmentDetail;
  /** The vendor of the request's system: the key is pinned for it. */
  vendorId: string;
  /** Its name in the inventory. */
  vendorName: string;
  pinned: VendorKey | undefined;
  fingerprint: string;
  evidenceBytes: Buffer[];
  preview: ImportPreview;
}


/**
 * Every check of a vendor's response, in order (issue 8): size, safe parse, strict schema,
 * signature, request by nonce (unknown, expired, replay), key pinning, questions within the
 * request, evidence bytes against their SHA-256, answers against their questions. Reads only;
 * the first failure throws its DomainError. Runs inside the caller's read or write, whose
 * exchange and vendors repositories it is given. The key is pinned per vendor (the vendor
 * record of the request's system).
 */
export async function checkResponse(
  deps: { exchange: ExchangeRepository; vendors: VendorsRepository; assessments: AssessmentsService; systems: SystemsService; now: () => Date },
  text: string,
  repin: boolean,
): Promise<CheckedResponse> {
  const what = 'vendor response';
  const pkg = readUntrustedPackage(text, ResponsePackage, responseFile);
  verifyPackage(pkg, pkg.vendor.publicKey, what);

  const request = await deps.exchange.requestByNonce(pkg.nonce);
  if (!request || request.id !== pkg.requestId) {
    throw new DomainError('REQUEST_UNKNOWN', `This response answers request ${pkg.requestId}, which this workspace did not issue (no open request has its nonce).`, {
      requestId: pkg.requestId,
    });
  }
  if (Date.parse(request.expiresAt) < deps.now().getTime()) {
    throw new DomainError('REQUEST_EXPIRED', `Request ${request.id} expired on ${request.expiresAt}; issue a new request to the vendor.`, {
      requestId: request.id,
      expiresAt: request.expiresAt,
    });
  }
  if (request.importedAt) {
    throw new DomainError('REPLAY', `A response to request ${request.id} was already imported on ${request.importedAt}; a response is imported once.`, {
      requestId: request.id,
      importedAt: request.importedAt,
    });
  }

  const assessment = await deps.assessments.get(request.assessmentId);
  const system = await deps.systems.get(assessment.systemId);
  const fingerprint = fingerprintOf(pkg.vendor.publicKey);
  const pinned = await deps.vendors.pinnedKey(system.vendorId);
  if (pinned && pinned.publicKey !== pkg.vendor.publicKey && !repin) {
    throw new DomainError(
      'VENDOR_KEY_CHANGED',
      `This response is signed by a different key than ${system.vendor}'s earlier responses: pinned ${pinned.fingerprint}, this one ${fingerprint}. ` +
        'Check with the vendor by phone; if they did change their key, import again with re-pin.',
      { vendor: system.vendor, pinnedFingerprint: pinned.fingerprint, fingerprint },
    );
  }

  const requested = new Set(request.questionIds);
  const notRequested = (questionId: string, where: string) =>
    new DomainError('QUESTION_NOT_IN_REQUEST', `${where} ${questionId}, which request ${request.id} did not ask; only the request's questions can be answered.`, {
      questionId,
    });
  const questions = new Map(assessment.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions)).map((q) => [q.id, q] as const));
  const seen = new Set<string>();
  const misfits: string[] = [];
  for (const answer of pkg.answers) {
    if (!requested.has(answer.questionId)) throw notRequested(answer.questionId, 'The response answers');
    if (seen.has(answer.questionId)) {
      throw new DomainError('VALIDATION_FAILED', `The response answers ${answer.questionId} twice.`, { issues: [{ path: 'answers', message: `${answer.questionId} appears more than once` }] });
    }
    seen.add(answer.questionId);
    const question = questions.get(answer.questionId);
    if (!question) throw notRequested(answer.questionId, 'The response answers');
    const value = valueOf(answer);
    const misfit = value === null ? null : answerMisfit(question, value);
    if (misfit) misfits.push(misfit);
  }
  if (misfits.length > 0) throw cannotImport(responseFile, misfits, 'Ask the vendor to correct these answers and send the response again.');
  const evidenceBytes = pkg.evidence.map((e) => {
    if (!requested.has(e.questionId)) throw notRequested(e.questionId, `The evidence file ${e.fileName} is attached to`);
    const bytes = Buffer.from(e.dataBase64, 'base64');
    const digest = createHash('sha256').update(bytes).digest('hex');
    if (bytes.toString('base64') !== e.dataBase64 || bytes.length !== e.size || digest !== e.sha256) {
      throw new DomainError('EVIDENCE_MISMATCH', `The evidence file ${e.fileName} does not match its fingerprint: its bytes hash to ${digest}, the response says ${e.sha256}.`, {
        fileName: e.fileName,
        sha256: e.sha256,
        actual: digest,
      });
    }
    return bytes;
  });
  if (!isEditable(assessment.status)) {
    throw new DomainError('CONFLICT', `${assessment.id} is ${assessment.status}: its answers are frozen, so the vendor's answers cannot be imported.`, { id: assessment.id, status: assessment.status });
  }

  // "What changed since that vendor's last response": compared with its previous import for this system.
  const previousRow = await deps.exchange.previousResponse(system.id);
  const previous = new Map((previousRow?.responseAnswers ?? []).map((a) => [a.questionId, a]));
  const current = new Map(assessment.answers.map((a) => [a.questionId, a]));
  const preview: ImportPreview = {
    requestId: request.id,
    assessmentId: assessment.id,
    systemName: system.name,
    vendorName: pkg.vendor.name,
    respondedAt: pkg.respondedAt,
    key: { fingerprint, status: !pinned ? 'new' : pinned.publicKey === pkg.vendor.publicKey ? 'matches' : 'repin', pinnedFingerprint: pinned?.fingerprint ?? null },
    previousResponse: previousRow?.importedAt ? { requestId: previousRow.id, importedAt: previousRow.importedAt } : null,
    answers: pkg.answers.map((a) => {
      const before = previous.get(a.questionId);
      const now = current.get(a.questionId);
      const incomingUnknown = 'unknown' in a;
      const previousUnknown = before !== undefined && 'unknown' in before;
      // In words from the pinned questionnaire, so nobody reads "partial" or "undocumented" as the answer.
      const question = questions.get(a.questionId);
      const inWords = (value: AnswerValue | null, unknown: boolean) => (value === null && !unknown ? null : answerInWords(question, { value, unknown, notApplicable: false }));
      return {
        questionId: a.questionId,
        text: questions.get(a.questionId)?.text ?? '',
        incoming: valueOf(a),
        incomingUnknown,
        previous: before ? valueOf(before) : null,
        previousUnknown,
        current: now?.value ?? null,
        currentSource: now ? now.source : null,
        incomingText: inWords(valueOf(a), incomingUnknown),
        previousText: before ? inWords(valueOf(before), previousUnknown) : null,
        currentText: now && (now.value !== null || now.unknown || now.notApplicable) ? answerInWords(question, now) : null,
        change: answerChange(before, a),
      };
    }),
    evidence: pkg.evidence.map((e) => ({ questionId: e.questionId, fileName: e.fileName, mediaType: e.mediaType, size: e.size, sha256: e.sha256 })),
  };
  return {
    pkg,
    sha256: createHash('sha256').update(text).digest('hex'),
    request,
    assessment,
    vendorId: system.vendorId,
    vendorName: system.vendor,
    pinned,
    fingerprint,
    evidenceBytes,
    preview,
  };
}
