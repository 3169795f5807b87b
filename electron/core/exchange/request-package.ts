import { vendorWordingOf } from '../templates/vendor-wording.ts';
import { requestFormat, type AiSystem, type Questionnaire, type RequestBody, type RequestQuestion, type RequestSystem } from '../../contract/index.ts';

/**
 * The questions a vendor is asked: every vendor-answerable question of the assessment's pinned
 * questionnaires, in order, in the vendor's wording (vendorWordingOf) with guidance and option labels — never
 * their scoring effects.
 */
export function vendorQuestions(questionnaires: readonly Questionnaire[]): RequestQuestion[] {
  const seen = new Set<string>();
  const out: RequestQuestion[] = [];
  for (const questionnaire of questionnaires) {
    for (const section of questionnaire.sections) {
      for (const q of section.questions) {
        if (!q.vendorAnswerable || seen.has(q.id)) continue;
        seen.add(q.id);
        const wording = vendorWordingOf(q);
        out.push({ id: q.id, section: section.title, text: wording.text, guidance: wording.guidance, kind: q.kind, options: wording.options });
      }
    }
  }
  return out;
}

/** Only the inventory fields a vendor needs to recognise its product. */
export const requestSystem = (s: AiSystem): RequestSystem => ({
  name: s.name,
  vendor: s.vendor,
  productVersion: s.productVersion,
  modelVersion: s.modelVersion,
  intendedUse: s.intendedUse,
  clinicalDomain: s.clinicalDomain,
  intendedUsers: s.intendedUsers,
  patientPopulation: s.patientPopulation,
  regulatoryStatus: s.regulatoryStatus,
  regulatoryReference: s.regulatoryReference,
});

export function requestBody(input: {
  requestId: string;
  nonce: string;
  issuedAt: string;
  expiresAt: string;
  organisation: string;
  publicKey: string;
  system: AiSystem;
  questions: RequestQuestion[];
}): RequestBody {
  return {
    format: requestFormat,
    version: 1,
    requestId: input.requestId,
    nonce: input.nonce,
    issuedAt: input.issuedAt,
    expiresAt: input.expiresAt,
    hospital: { organisation: input.organisation, publicKey: input.publicKey },
    system: requestSystem(input.system),
    questions: input.questions,
  };
}

/** A file name that says what the file is and for which system, safe on every OS. */
export function packageFileName(kind: 'request' | 'response', systemName: string, id: string): string {
  const slug = systemName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `vendor-${kind}-${slug || 'system'}-${id}.json`;
}
