import { createHash } from 'node:crypto';
import {
  ResponsePackage,
  type AiSystem,
  type AnswerValue,
  type AssessmentDetail,
  type ImportPreview,
  type Question,
  type ResponseAnswer,
  type VendorKey,
} from '../../contract/index.ts';
import type { AssessmentsService } from '../assessments/assessments-service.ts';
import { answerInWords } from '../export/answer-words.ts';
import { DomainError } from '../domain-error.ts';
import type { SystemsService } from '../systems/systems-service.ts';
import type { VendorsRepository } from '../vendors/vendors-repository.ts';
import { answerChange, responseValue as valueOf } from './answer-changes.ts';
import type { ExchangeRepository, VendorRequestRecord } from './exchange-repository.ts';
import { answerMisfit, cannotImport, responseFile, type FileKind } from './file-refusal.ts';
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


type Deps = { exchange: ExchangeRepository; assessments: AssessmentsService; systems: SystemsService; now: () => Date };

/**
 * The request a vendor's answers name, found by its nonce: refused when this workspace did not
 * issue it (or the id and nonce disagree), when it has expired, or when it was already answered.
 * The same refusals for a signed response and a Word questionnaire.
 */
export async function openRequestOf(deps: Deps, requestId: string, nonce: string, what: 'response' | 'questionnaire'): Promise<VendorRequestRecord> {
  const request = await deps.exchange.requestByNonce(nonce);
  if (!request || request.id !== requestId) {
    throw new DomainError('REQUEST_UNKNOWN', `This ${what} answers request ${requestId}, which this workspace did not issue (no open request has its nonce).`, {
      requestId,
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
  return request;
}

const notRequested = (request: VendorRequestRecord, questionId: string, where: string) =>
  new DomainError('QUESTION_NOT_IN_REQUEST', `${where} ${questionId}, which request ${request.id} did not ask; only the request's questions can be answered.`, {
    questionId,
  });

/** Every question of the assessment's pinned questionnaires, by id. */
export const questionsOf = (assessment: AssessmentDetail): Map<string, Question> =>
  new Map(assessment.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions)).map((q) => [q.id, q] as const));

/** Each answer is to a question the request asked and fits that question; answers that do not fit are listed in words, with the options' labels. */
export function checkAnswers(request: VendorRequestRecord, questions: ReadonlyMap<string, Question>, answers: readonly ResponseAnswer[], where: string, file: FileKind & { resend: string }): void {
  const requested = new Set(request.questionIds);
  const misfits: string[] = [];
  for (const answer of answers) {
    const question = questions.get(answer.questionId);
    if (!requested.has(answer.questionId) || !question) throw notRequested(request, answer.questionId, where);
    const value = valueOf(answer);
    const misfit = value === null ? null : answerMisfit(question, value);
    if (misfit) misfits.push(misfit);
  }
  if (misfits.length > 0) throw cannotImport(file, misfits, `Ask the vendor to correct these answers and send ${file.resend} again.`);
}

/** Frozen answers cannot take the vendor's. */
export function requireEditable(assessment: AssessmentDetail): void {
  if (!isEditable(assessment.status)) {
    throw new DomainError('CONFLICT', `${assessment.id} is ${assessment.status}: its answers are frozen, so the vendor's answers cannot be imported.`, { id: assessment.id, status: assessment.status });
  }
}

/**
 * What importing the vendor's answers would change, for a signed response and a Word
 * questionnaire alike: each answer beside the vendor's previous response for this system
 * ("what changed since that vendor's last response") and what the assessment holds now.
 */
export async function previewOf(
  deps: Pick<Deps, 'exchange'>,
  input: {
    request: VendorRequestRecord;
    assessment: AssessmentDetail;
    system: AiSystem;
    questions: ReadonlyMap<string, Question>;
    vendorName: string;
    respondedAt: string;
    /** null: a Word questionnaire, transcribed and unsigned. */
    key: ImportPreview['key'];
    answers: readonly ResponseAnswer[];
    evidence: ImportPreview['evidence'];
  },
): Promise<ImportPreview> {
  const previousRow = await deps.exchange.previousResponse(input.system.id);
  const previous = new Map((previousRow?.responseAnswers ?? []).map((a) => [a.questionId, a]));
  const current = new Map(input.assessment.answers.map((a) => [a.questionId, a]));
  return {
    transcribed: input.key === null,
    requestId: input.request.id,
    assessmentId: input.assessment.id,
    systemName: input.system.name,
    vendorName: input.vendorName,
    respondedAt: input.respondedAt,
    key: input.key,
    previousResponse: previousRow?.importedAt ? { requestId: previousRow.id, importedAt: previousRow.importedAt } : null,
    answers: input.answers.map((a) => {
      const before = previous.get(a.questionId);
      const now = current.get(a.questionId);
      const incomingUnknown = 'unknown' in a;
      const previousUnknown = before !== undefined && 'unknown' in before;
      // In words from the pinned questionnaire, so nobody reads "partial" or "undocumented" as the answer.
      const question = input.questions.get(a.questionId);
      const inWords = (value: AnswerValue | null, unknown: boolean) => (value === null && !unknown ? null : answerInWords(question, { value, unknown, notApplicable: false }));
      return {
        questionId: a.questionId,
        text: question?.text ?? '',
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
    evidence: input.evidence,
  };
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
  deps: Deps & { vendors: VendorsRepository },
  text: string,
  repin: boolean,
): Promise<CheckedResponse> {
  const what = 'vendor response';
  const pkg = readUntrustedPackage(text, ResponsePackage, responseFile);
  verifyPackage(pkg, pkg.vendor.publicKey, what);

  const request = await openRequestOf(deps, pkg.requestId, pkg.nonce, 'response');
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
  const questions = questionsOf(assessment);
  const seen = new Set<string>();
  for (const answer of pkg.answers) {
    if (seen.has(answer.questionId)) {
      throw new DomainError('VALIDATION_FAILED', `The response answers ${answer.questionId} twice.`, { issues: [{ path: 'answers', message: `${answer.questionId} appears more than once` }] });
    }
    seen.add(answer.questionId);
  }
  checkAnswers(request, questions, pkg.answers, 'The response answers', { ...responseFile, resend: 'the response' });
  const evidenceBytes = pkg.evidence.map((e) => {
    if (!requested.has(e.questionId)) throw notRequested(request, e.questionId, `The evidence file ${e.fileName} is attached to`);
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
  requireEditable(assessment);
  const preview = await previewOf(deps, {
    request,
    assessment,
    system,
    questions,
    vendorName: pkg.vendor.name,
    respondedAt: pkg.respondedAt,
    key: { fingerprint, status: !pinned ? 'new' : pinned.publicKey === pkg.vendor.publicKey ? 'matches' : 'repin', pinnedFingerprint: pinned?.fingerprint ?? null },
    answers: pkg.answers,
    evidence: pkg.evidence.map((e) => ({ questionId: e.questionId, fileName: e.fileName, mediaType: e.mediaType, size: e.size, sha256: e.sha256 })),
  });
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
