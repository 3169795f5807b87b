import type { ReportStyle } from '../register-model.ts';
import { styleIds } from './document-styles.ts';
import { labelled, row, table, textCell, textPara, type Xml } from './ooxml.ts';

/*
 * Small blocks the document sections share: headings, plain lists that say "None" when there
 * is nothing to list, and the two-column fact tables of covers and record headers.
 */

const headingStyles = { 1: styleIds.heading1, 2: styleIds.heading2, 3: styleIds.heading3 } as const;

/** A real Word heading (Heading1–3), so the navigation pane and the table of contents find it. */
export const heading = (level: 1 | 2 | 3, text: string, newPage = false): Xml =>
  textPara(text, { style: headingStyles[level], pageBreakBefore: newPage });

export const body = (text: string): Xml => textPara(text);
export const muted = (text: string): Xml => textPara(text, { style: styleIds.muted });

/** A bulleted list, or one plain "None." line when there is nothing in it. */
export function bullets(items: string[], none = 'None.'): Xml[] {
  if (items.length === 0) return [body(none)];
  return items.map((item) => textPara(`•\t${item}`, { style: styleIds.listItem }));
}

/** A two-column table of facts: label on the left, value on the right. */
export function factTable(facts: [string, string][], widths: [number, number], style: ReportStyle, mono: string[] = []): Xml {
  return table(
    widths,
    facts.map(([label, value]) => row([textCell(label, { bold: true, colour: style.colours.accent }), textCell(value, mono.includes(label) ? { style: styleIds.monoText } : undefined)])),
  );
}

/** A header row in the table-header colours, repeated on every page the table runs onto. */
export function headerRow(labels: readonly string[], style: ReportStyle): Xml {
  const look = { bold: true, colour: style.colours.tableHeaderText };
  return row(
    labels.map((label) => textCell(label, look, style.colours.tableHeader)),
    'header',
  );
}

/** "2026-03-14T09:30:00.000Z" → "2026-03-14 09:30 UTC"; anything else is shown as it is. */
export function dateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?Z$/.exec(value);
  return match ? `${match[1]} ${match[2]} UTC` : value;
}

/** Joins the parts that are present with " · ". */
export const dotted = (...parts: (string | null | undefined | false)[]): string => parts.filter((p): p is string => Boolean(p)).join(' · ');

// Re-exported so sections import their building blocks from one place.
export { labelled };
