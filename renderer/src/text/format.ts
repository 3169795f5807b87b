/**
 * The one way dates, times and numbers are written on screen: in the language the person's
 * browser or operating system asks for (navigator.language), one style each. A date reads
 * "Dec 4, 2027" (en-US) or "4 déc. 2027" (fr-FR); a moment adds the time to the minute, or to
 * the second where two a minute apart must differ (backups). The formatters are built once:
 * toLocaleDateString builds a new one per call, which a page of 50 rows pays for on every render.
 */
const locale = typeof navigator !== 'undefined' && navigator.language ? navigator.language : undefined;

const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
const momentFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
const timeFormat = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
const secondsFormat = new Intl.DateTimeFormat(locale, { timeStyle: 'medium' });
const numberFormat = new Intl.NumberFormat(locale);
const monthShortFormat = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric' });
const monthFormat = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric' });
const monthNameFormat = new Intl.DateTimeFormat(locale, { month: 'long' });
const listFormat = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });

const dateOnly = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date ("2027-12-04") is that day wherever the reader is; a moment is read on the local clock. */
const parse = (value: string | Date): Date | null => {
  const d = value instanceof Date ? value : dateOnly.test(value) ? new Date(`${value}T00:00:00`) : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
};

const using = (format: Intl.DateTimeFormat) => (value: string | Date): string => {
  const d = parse(value);
  return d === null ? String(value) : format.format(d);
};

/**
 * "Dec 4, 2027": the calendar day a value names. A timestamp's day is the one it was written
 * with (its first ten characters), so a date never shifts a day with the reader's time zone.
 */
export const formatDate = (value: string | Date): string => {
  if (value instanceof Date) return using(dateFormat)(value);
  const day = value.slice(0, 10);
  return dateOnly.test(day) ? using(dateFormat)(day) : value;
};
/** "Jun 2026": a calendar month ("2026-06") where room is short (a chart's axis, a trend table), read as its first day so no time zone moves it. In sentences, formatMonth. */
export const formatMonthShort = (value: string): string => (/^\d{4}-\d{2}$/.test(value) ? using(monthShortFormat)(`${value}-01`) : value);
/** "Dec 4, 2027, 10:05 AM" */
export const formatDateTime = using(dateTimeFormat);
/** "Dec 4, 2027, 10:05:30 AM": to the second, where two moments a minute apart must differ. */
export const formatMoment = using(momentFormat);
/** "10:05 AM" */
export const formatTime = using(timeFormat);
/** "10:05:30 AM" */
export const formatClockTime = using(secondsFormat);
/** "20,000" */
export const formatNumber = (n: number): string => numberFormat.format(n);

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** The first day of a "YYYY-MM" month on the local clock (null when the text is not a month). */
const monthStart = (period: string): Date | null => {
  const m = monthPattern.exec(period);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, 1) : null;
};

/** "October 2026": a monitoring period ("2026-10"), one calendar month. */
export const formatMonth = (period: string): string => {
  const d = monthStart(period);
  return d === null ? period : monthFormat.format(d);
};

/**
 * "September and October 2026", "December 2025 and January 2026": months in words, the year
 * said once when they share it. Months are listed in the order given.
 */
export function formatMonthList(periods: readonly string[]): string {
  const dates = periods.map(monthStart);
  if (dates.some((d) => d === null)) return listFormat.format(periods.map(formatMonth));
  const years = new Set(periods.map((p) => p.slice(0, 4)));
  const first = dates[0];
  if (years.size === 1 && first) return `${listFormat.format(dates.map((d) => monthNameFormat.format(d ?? first)))} ${first.getFullYear()}`;
  return listFormat.format(periods.map(formatMonth));
}

/** "0.82", "0.80", "0.805": a measured value (a monitoring value, a threshold), two to three decimals, as the core's sentences write it. */
const measureFormat = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 3 });
export const formatMeasure = (n: number): string => measureFormat.format(n);

/** Today as YYYY-MM-DD in local time (what a date input shows, and what due dates compare with). */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
