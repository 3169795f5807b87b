// One date and number format from the reader's locale (issue 19): the formatting module writes
// dates, moments and numbers in navigator.language, one style each; no page formats a date or
// number on its own; and the re-assessment note never says "due" beside a date still to come.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reassessmentNote } from '../../renderer/src/pages/systems/reassessment-note.ts';
import { formatDate, formatDateTime, formatMoment, formatMonthShort, formatNumber, formatTime, todayIso } from '../../renderer/src/text/format.ts';
import { repoRoot } from '../support/core-fixture.ts';

const locale = navigator.language;

describe('the formatting module', () => {
  it('writes a calendar date as that day in the reader’s locale, whatever the time zone', () => {
    expect(formatDate('2027-12-04')).toBe(new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(2027, 11, 4)));
    if (locale === 'en-US') expect(formatDate('2027-12-04')).toBe('Dec 4, 2027');
  });

  it('writes a timestamp’s day as written, and a moment as the local clock shows it, date first', () => {
    const at = '2027-12-04T12:30:45.000Z';
    expect(formatDate(at)).toBe(formatDate('2027-12-04'));
    expect(formatDate('2027-12-04T23:30:00Z')).toBe(formatDate('2027-12-04'));
    // A moment is the reader's local time: its date is the local day of that instant.
    const localDay = formatDate(new Date(at));
    expect(formatDateTime(at).startsWith(localDay)).toBe(true);
    expect(formatMoment(at).startsWith(localDay)).toBe(true);
    expect(formatMoment(at)).not.toBe(formatMoment('2027-12-04T12:30:46.000Z'));
    expect(formatDateTime(at)).toContain(formatTime(at));
  });

  it('writes a calendar month in the reader’s locale, never shifted a month by the time zone', () => {
    expect(formatMonthShort('2026-06')).toBe(new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric' }).format(new Date(2026, 5, 1)));
    if (locale === 'en-US') expect(formatMonthShort('2026-06')).toBe('Jun 2026');
    expect(formatMonthShort('2026-01')).not.toMatch(/2025/);
    expect(formatMonthShort('June')).toBe('June');
  });

  it('leaves what is not a date as it is', () => {
    expect(formatDate('soon')).toBe('soon');
    expect(formatDateTime('')).toBe('');
  });

  it('writes numbers with the locale’s separators', () => {
    expect(formatNumber(20000)).toBe(new Intl.NumberFormat(locale).format(20000));
    expect(todayIso(new Date(2027, 0, 5))).toBe('2027-01-05');
  });

  it('is the only place in the renderer that formats a date or number for people', () => {
    const root = join(repoRoot, 'renderer', 'src');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name)) files.push(path);
      }
    };
    walk(root);
    const offenders = files
      .filter((f) => relative(root, f) !== join('text', 'format.ts'))
      .filter((f) => /toLocale(Date|Time)?String\(|new Intl\.(DateTimeFormat|NumberFormat)\(|toISOString\(\)\.slice\(0, 10\)\}/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(offenders).toEqual([]);
    expect(files.length).toBeGreaterThan(100);
  });
});

describe('the re-assessment note', () => {
  const today = '2026-12-07';

  it('gives the date, without "due", while the date is still to come', () => {
    const note = reassessmentNote('inUse', '2027-12-04', today);
    expect(note).toEqual({ kind: 'scheduled', due: '2027-12-04' });
  });

  it('is due once the date has come or passed', () => {
    expect(reassessmentNote('inUse', today, today)).toEqual({ kind: 'dueNow', scheduled: null });
    expect(reassessmentNote('inUse', '2026-11-30', today)).toEqual({ kind: 'overdue', due: '2026-11-30' });
  });

  it('is due now when a change moved the system to re-assessment before its date, and says which date it was', () => {
    const note = reassessmentNote('reassessmentDue', '2027-12-04', today);
    expect(note).toEqual({ kind: 'dueNow', scheduled: '2027-12-04' });
    expect(reassessmentNote('reassessmentDue', null, today)).toEqual({ kind: 'dueNow', scheduled: null });
  });

  it('says nothing of a retired system, and "no date yet" before any approval', () => {
    expect(reassessmentNote('retired', '2026-01-01', today)).toEqual({ kind: 'none' });
    expect(reassessmentNote('procurement', null, today)).toEqual({ kind: 'none' });
  });
});
