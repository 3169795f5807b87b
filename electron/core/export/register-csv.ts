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
const formulaStart = /^[=+\-@\t\r]/;
export const neutralise = (value: string): string => (formulaStart.test(value) ? `'${value}` : value);

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
