import type { Question } from '../../contract/index.ts';

/** A question as the vendor reads it: its text, guidance and option labels addressed to the vendor. */
export interface VendorWording {
  text: string;
  guidance: string;
  options: { value: string; label: string }[];
}

/**
 * The vendor's wording of a question, for everything built for the vendor (the signed request
 * package, the vendor workspace, the Word questionnaire for vendors). Questionnaires pinned by
 * older assessments may lack the vendor fields: those fall back to the hospital's wording rather
 * than refusing to build the request (the linter requires the vendor fields on current templates).
 */
export function vendorWordingOf(question: Question): VendorWording {
  return {
    text: question.vendorText ?? question.text,
    guidance: question.vendorGuidance ?? question.guidance,
    options: 'options' in question ? question.options.map((o) => ({ value: o.value, label: o.vendorLabel ?? o.label })) : [],
  };
}
