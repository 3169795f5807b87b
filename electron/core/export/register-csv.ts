import { registerColumns, type RegisterModel, type RegisterRisk } from './register-model.ts';
import { bandLabel, registerRow } from './register-row.ts';

/*
 * The register as CSV for spreadsheets: the Word table's columns (from the same registerRow),
 * then a few columns a spreadsheet user filters on. UTF-8 with a byte-order mark, because
 * Excel otherwise reads UTF-8 as the local code page and garbles every accent, Arabic name
 * and emoji; CRLF line ends and quoting as RFC 4180 has them.
 */

/** Columns after `registerColumns`, for filtering and joining in a spreadsheet. */
export const csvExtraColumns = ['Threat ID', 'Assessment ID', 'System ID', 'Inherent band', 'Above appetite', 'Overdue', 'Flags'] as const;

export const csvColumns: readonly string[] = [...registerColumns, ...csvExtraColumns];

/**
 * A spreadsheet runs a cell that begins with =, +, -, @ (or a tab or carriage return, which
 * some spreadsheets skip before looking) as a formula: text a vendor or user typed could then
 * compute, fetch URLs or run commands on the reader's machine ("CSV injection", OWASP). A
 * leading apostrophe makes the spreadsheet show the cell as text; OWASP recommends exactly
 * this. The apostrophe is visible to other CSV readers, which is the price of safety.
 */
const formulaStart = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
/*
 * The fullwidth ＝ ＋ － ＠ count too: spreadsheets in East Asian locales fold them to their
 * ASCII forms before deciding. Control characters (C0 other than tab and line breaks, and DEL)
 * have no place in a cell: some readers end the cell or the file at them, and an escape
 * sequence would act on a terminal that prints the file. Each shows as U+FFFD instead, so the
 * reader sees that something was there.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
export const neutralise = (value: string): string => {
  const visible = value.replace(controlCharacters, '\uFFFD');
  return formulaStart.test(visible) ? `'${visible}` : visible;
};

/** One field as RFC 4180 writes it: quoted (quotes doubled) when it holds a quote, comma or line break. */
export const csvField = (value: string): string => {
  const safe = neutralise(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

const csvLine = (cells: readonly string[]): string => `${cells.map(csvField).join(',')}\r\n`;

function extraCells(risk: RegisterRisk, model: RegisterModel): string[] {
  return [risk.threatId, risk.assessmentId, risk.systemId, bandLabel(model.matrix, risk.inherent.band), risk.aboveAppetite ? 'Yes' : 'No', risk.overdue ? 'Yes' : 'No', risk.flags.join('; ')];
}

/** The register's cells, row by row, header first: what the CSV holds before encoding. */
export function registerCsvRows(model: RegisterModel): string[][] {
  return [[...csvColumns], ...model.risks.map((risk) => [...registerRow(risk, model.matrix), ...extraCells(risk, model)])];
}

export function registerCsv(model: RegisterModel): Uint8Array {
  const text = '\uFEFF' + registerCsvRows(model).map(csvLine).join('');
  return new TextEncoder().encode(text);
}
