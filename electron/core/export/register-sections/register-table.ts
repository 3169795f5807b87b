import { registerColumns, type RegisterModel, type RegisterRisk } from '../register-model.ts';
import { registerRow } from '../register-row.ts';
import { body, headerRow } from '../word/blocks.ts';
import { column, fitColumns, keepTogether } from '../word/fit.ts';
import { row, table, textCell, textColourOn, type Xml } from '../word/ooxml.ts';
import type { Outline } from '../word/outline.ts';
import { textWidth } from '../word/page-frame.ts';
import { assessmentName, assessmentStatusWords, riskStatusWords, selectionWords } from '../words.ts';

/*
 * The register itself, one row per risk, on landscape pages: a dozen columns do not fit a
 * portrait page legibly. The header row repeats on every page and no row splits across one.
 * Column widths are worked out from the text (word/fit.ts): ids, scores, bands and dates get
 * the width of their longest word, so none breaks mid-word, and the free text shares the rest.
 */

/** Columns the shared register row may not carry (yet): which assessment a risk comes from, and what to notice. */
const ownColumns = ['Source assessment', 'Flags'] as const;
const shared: readonly string[] = registerColumns;
const extraColumns = ownColumns.filter((c) => !shared.includes(c));

export const sourceWords = (risk: RegisterRisk): string => `${assessmentName(risk.source.stage)} (${assessmentStatusWords(risk.source.status)})`;
export const flagsWords = (risk: RegisterRisk): string => risk.flags.join('; ');

function extraCells(risk: RegisterRisk): string[] {
  return extraColumns.map((c) => (c === 'Source assessment' ? sourceWords(risk) : flagsWords(risk)));
}

/** How much of the spare width each column takes: the free text grows, ids, scores and dates stay at their words' width. */
const grows: Readonly<Record<string, number>> = { System: 1, Threat: 1.4, 'Key controls': 1.6, Owner: 0.8, Treatment: 1.4, 'Source assessment': 0.8, Flags: 1.2 };

export function registerTableBlocks(model: RegisterModel, outline: Outline): Xml[] {
  const columns = [...registerColumns, ...extraColumns];
  const bandColumn = columns.indexOf('Band');
  const scoreColumns = new Set(columns.flatMap((c, i) => (c.endsWith('L × I') ? [i] : [])));
  const statusColumn = columns.indexOf('Status');
  // Scores stay on one line; a status is in words whichever way the collector sent it.
  const cells = model.risks.map((risk) => [...registerRow(risk, model.matrix), ...extraCells(risk)].map((text, i) => (scoreColumns.has(i) ? keepTogether(text) : i === statusColumn ? riskStatusWords(text) : text)));
  const widths = fitColumns(
    columns.map((header, i) => column(header.replace('L × I', keepTogether('L × I')), cells.map((c) => c[i] ?? ''), grows[header] ?? 0, i === bandColumn)),
    textWidth.landscape,
  );
  const colourOf = new Map(model.matrix.bands.map((b) => [b.id, b.colour]));
  // "L × I" is one unit: "Inherent L × I" may wrap before it, never inside it.
  const rows: Xml[] = [headerRow(columns.map((c) => c.replace('L × I', keepTogether('L × I'))), model.style)];
  model.risks.forEach((risk, k) => {
    const fill = colourOf.get(risk.residual.band);
    const bandLook = { bold: true, colour: fill ? textColourOn(fill) : undefined };
    rows.push(row((cells[k] ?? []).map((value, i) => (i === bandColumn ? textCell(value, bandLook, fill) : textCell(value)))));
    cells[k] = [];
  });
  return [
    outline.heading(1, model.meta.selection ? 'Risk register: selected risks' : 'Risk register'),
    body(
      (model.meta.selection ? `${selectionWords(model.meta.selection)} One row per selected risk. ` : 'One row per current risk (from the latest assessment of each stage). ') +
        'L × I is likelihood × impact on the organisation’s 5 × 5 matrix; inherent is before safeguards, residual after the safeguards credited. ' +
        'Band is the residual band. Safeguards marked “unverified” are a vendor’s claim without evidence and count at reduced strength. Flags are things the committee should notice.',
    ),
    ...(model.risks.length === 0 ? [body('No risks are recorded for the systems in scope.')] : [table(widths, rows)]),
  ];
}
