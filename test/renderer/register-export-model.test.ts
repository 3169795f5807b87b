// The register export form: what it sends to export.register and what it refuses, in words.
import { describe, expect, it } from 'vitest';
import { ExportRegisterInput } from '../../electron/contract/index.ts';
import {
  addDays,
  defaultNextReview,
  initialRegisterOptions,
  nextReviewProblem,
  registerExportInput,
  registerOptionsProblem,
} from '../../renderer/src/pages/reports/register-export-model.ts';

const today = '2026-03-15';

describe('register export options', () => {
  it('sends the defaults as a draft of every system without the appendix, leaving the review date to the core', () => {
    const input = registerExportInput(initialRegisterOptions);
    expect(input).toEqual({ systemIds: [], format: 'docx', withAnswers: false, status: 'draft' });
    expect(ExportRegisterInput.parse(input)).toMatchObject({ withAnswers: false, status: 'draft' });
  });

  it('sends the chosen systems, the appendix, final and the next review date, accepted by the contract', () => {
    const input = registerExportInput({ scope: 'some', chosen: ['SYS-AAAA1111', 'SYS-BBBB2222'], format: 'csv', withAnswers: true, status: 'final', nextReview: '2026-06-30' });
    expect(input).toEqual({ systemIds: ['SYS-AAAA1111', 'SYS-BBBB2222'], format: 'csv', withAnswers: true, status: 'final', nextReview: '2026-06-30' });
    expect(ExportRegisterInput.safeParse(input).success).toBe(true);
  });

  it('ignores the chosen systems when the scope is all', () => {
    expect(registerExportInput({ ...initialRegisterOptions, chosen: ['SYS-AAAA1111'] }).systemIds).toEqual([]);
  });

  it('refuses, in words, no system chosen, a next review not after today or not a date', () => {
    expect(registerOptionsProblem({ ...initialRegisterOptions, scope: 'some' }, today)).toBe('Choose at least one system');
    expect(nextReviewProblem(today, today)).toBe('The next review must be after today');
    expect(nextReviewProblem('2026-01-01', today)).toBe('The next review must be after today');
    expect(nextReviewProblem('15/06/2026', today)).toMatch(/as a date/);
    expect(nextReviewProblem('2026-02-30x', today)).toMatch(/as a date/);
    expect(nextReviewProblem('', today)).toBeNull();
    expect(nextReviewProblem('2026-03-16', today)).toBeNull();
    expect(registerOptionsProblem({ ...initialRegisterOptions, nextReview: '2026-04-01' }, today)).toBeNull();
  });

  it('counts days on the calendar across months and years', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(defaultNextReview('2026-01-01')).toBe('2026-04-01');
  });
});
