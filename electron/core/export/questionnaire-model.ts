import type { ContactForVendors } from '../../contract/index.ts';
import type { ReportStyle } from './register-model.ts';

/*
 * The Word questionnaire a hospital sends a vendor who does not run Vigil (issue 17): the
 * questions of one open vendor request in the vendor's wording, with content controls to fill
 * in, the deadline (the request's expiry), whom to return it to, and a declaration. It holds
 * nothing of the hospital's own: no answers, no ledger head.
 */

export interface QuestionnaireQuestion {
  id: string;
  /** The vendor's wording ("Do you…"). */
  text: string;
  guidance: string;
  kind: 'yesNo' | 'choice' | 'multi' | 'text' | 'number' | 'date';
  /** The options of yesNo, choice and multi questions, in order, labelled for the vendor. */
  options: { value: string; label: string }[];
  required: boolean;
  /** Shown only when an earlier answer makes it apply, in words. */
  condition: string | null;
  /** Framework references in words, e.g. "HTI-1 source attribute HTI1-SA-05". */
  references: string[];
}

export interface QuestionnaireSection {
  title: string;
  questions: QuestionnaireQuestion[];
}

export interface QuestionnaireModel {
  meta: {
    title: string;
    requestId: string;
    /** The request's nonce: it ties a returned questionnaire to this request and no other. */
    nonce: string;
    issuedAt: string;
    /** The deadline: the request's expiry. */
    expiresAt: string;
    generatedAt: string;
    preparedBy: string;
    appVersion: string;
    organisation: string;
    /** Whom the vendor returns it to and asks questions of. */
    contact: ContactForVendors;
    /** false when Settings names no vendor contact and the person who issued the request stands in. */
    contactIsSet: boolean;
  };
  system: { name: string; vendor: string; productVersion: string; modelVersion: string; intendedUse: string };
  style: ReportStyle;
  sections: QuestionnaireSection[];
}
