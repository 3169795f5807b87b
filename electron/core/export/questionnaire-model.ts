import type { ReportStyle } from './register-model.ts';

/*
 * The vendor questionnaire a hospital sends to a vendor who does not run Vigil: the
 * vendor-answerable questions of one assessment, with guidance and room to answer.
 */

export interface QuestionnaireQuestion {
  id: string;
  text: string;
  guidance: string;
  kind: 'yesNo' | 'choice' | 'multi' | 'text' | 'number' | 'date';
  /** Option labels for yesNo, choice and multi questions, in order. */
  options: string[];
  required: boolean;
  /** Shown only when an earlier answer makes it apply, in words, e.g. "Answer if PR-DATA-01 is Yes". */
  condition: string | null;
  /** Framework references in words, e.g. "HTI-1 source attribute HTI1-SA-05". */
  references: string[];
  /** What the hospital already has on record (e.g. from an earlier response), or null. */
  currentAnswer: string | null;
}

export interface QuestionnaireSection {
  questionnaire: string;
  title: string;
  questions: QuestionnaireQuestion[];
}

export interface QuestionnaireModel {
  meta: {
    title: string;
    assessmentId: string;
    generatedAt: string;
    preparedBy: string;
    ledger: { head: string; length: number };
    appVersion: string;
  };
  system: { name: string; vendor: string; productVersion: string; modelVersion: string; intendedUse: string };
  style: ReportStyle;
  sections: QuestionnaireSection[];
}
