import { createHash } from 'node:crypto';
import type { AssessmentDetail, ImportPreview, ResponseAnswer } from '../../../contract/index.ts';
import { DomainError } from '../../domain-error.ts';
import type { AssessmentsService } from '../../assessments/assessments-service.ts';
import type { SystemsService } from '../../systems/systems-service.ts';
import type { ExchangeRepository, VendorRequestRecord } from '../exchange-repository.ts';
import type { FileKind } from '../file-refusal.ts';
import { checkAnswers, openRequestOf, previewOf, questionsOf, requireEditable } from '../import-response.ts';
import { answersOfFields } from './questionnaire-answers.ts';
import { readQuestionnaireDocx, type ReadQuestionnaire } from './read-questionnaire-docx.ts';

/** What the file boundary expects, for refusals in words (file-refusal.ts). */
export const questionnaireFile: FileKind & { resend: string } = {
  name: 'a filled-in Word questionnaire',
  hint: 'Choose the Word questionnaire (.docx) the vendor filled in and sent back.',
  resend: 'the questionnaire',
};

/** A returned Word questionnaire that passed every check, and what importing it would change. */
export interface CheckedQuestionnaire {
  read: ReadQuestionnaire;
  sha256: string;
  request: VendorRequestRecord;
  assessment: AssessmentDetail;
  vendorName: string;
  answers: ResponseAnswer[];
  preview: ImportPreview;
}

/**
 * Every check of a filled-in Word questionnaire (issue 17), the signed package's where they
 * apply: the file (size, a .docx, safe unzip and XML), the request by its id and nonce
 * (unknown, expired, already imported), each box against the request's questions and the
 * answer it makes, the assessment still editable. No signature and no key: the preview says
 * it is transcribed. Reads only; the first failure throws its DomainError.
 */
export async function checkQuestionnaire(
  deps: { exchange: ExchangeRepository; assessments: AssessmentsService; systems: SystemsService; now: () => Date },
  bytes: Buffer,
): Promise<CheckedQuestionnaire> {
  const read = readQuestionnaireDocx(bytes);
  const request = await openRequestOf(deps, read.requestId, read.nonce, 'questionnaire');
  const assessment = await deps.assessments.get(request.assessmentId);
  const system = await deps.systems.get(assessment.systemId);
  const questions = questionsOf(assessment);
  const answers = answersOfFields(read.fields, request, questions);
  if (answers.length === 0) {
    throw new DomainError('VALIDATION_FAILED', `The questionnaire for request ${request.id} has no answers: no box is ticked and no answer typed. Nothing was imported.`, {
      issues: [{ path: 'answers', message: 'no answers' }],
    });
  }
  checkAnswers(request, questions, answers, 'The questionnaire answers', questionnaireFile);
  requireEditable(assessment);
  const vendorName = read.declaration.organisation || system.vendor;
  const declared = /^\d{4}-\d{2}-\d{2}$/.test(read.declaration.date) && !Number.isNaN(Date.parse(`${read.declaration.date}T00:00:00Z`));
  const preview = await previewOf(deps, {
    request,
    assessment,
    system,
    questions,
    vendorName,
    respondedAt: declared ? `${read.declaration.date}T00:00:00.000Z` : deps.now().toISOString(),
    key: null,
    answers,
    evidence: [],
  });
  return { read, sha256: createHash('sha256').update(bytes).digest('hex'), request, assessment, vendorName, answers, preview };
}
