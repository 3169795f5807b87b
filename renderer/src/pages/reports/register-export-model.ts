import type { documentStatuses, ExportFormat } from '../../../../electron/contract/index.ts';

export type DocumentStatus = (typeof documentStatuses)[number];

/** What the register export form holds. */
export interface RegisterExportOptions {
  scope: 'all' | 'some';
  chosen: readonly string[];
  format: ExportFormat;
  withAnswers: boolean;
  status: DocumentStatus;
  /** YYYY-MM-DD, or empty for the core's default (90 days on). */
  nextReview: string;
}

export const initialRegisterOptions: RegisterExportOptions = {
  scope: 'all',
  chosen: [],
  format: 'docx',
  withAnswers: false,
  status: 'draft',
  nextReview: '',
};

/** The day `days` after an ISO date, as YYYY-MM-DD (calendar days, no time zone involved). */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The core's default next review: a quarterly cycle. */
export const defaultNextReview = (today: string): string => addDays(today, 90);

/** Why the next review date cannot be used, in words; null when it can (empty takes the default). */
export function nextReviewProblem(nextReview: string, today: string): string | null {
  if (nextReview === '') return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(nextReview) || Number.isNaN(new Date(`${nextReview}T00:00:00Z`).getTime())) {
    return 'Enter the next review date as a date (year, month, day)';
  }
  if (nextReview <= today) return 'The next review must be after today';
  return null;
}

/** Why the form cannot be sent yet, in words; null when it can. */
export function registerOptionsProblem(o: RegisterExportOptions, today: string): string | null {
  if (o.scope === 'some' && o.chosen.length === 0) return 'Choose at least one system';
  return nextReviewProblem(o.nextReview, today);
}

/** The `export.register` input the form asks for (the person acting and the progress key are added by the caller). */
export function registerExportInput(o: RegisterExportOptions): {
  systemIds: string[];
  format: ExportFormat;
  withAnswers: boolean;
  status: DocumentStatus;
  nextReview?: string;
} {
  return {
    systemIds: o.scope === 'all' ? [] : [...o.chosen],
    format: o.format,
    withAnswers: o.withAnswers,
    status: o.status,
    ...(o.nextReview === '' ? {} : { nextReview: o.nextReview }),
  };
}
