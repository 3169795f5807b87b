import type { RegisterModel, ScaleDefinition } from '../register-model.ts';
import { bandLabel } from '../register-row.ts';
import { body, headerRow } from '../word/blocks.ts';
import { column, fitColumns } from '../word/fit.ts';
import type { Outline } from '../word/outline.ts';
import { row, table, textCell, textColourOn, type Xml } from '../word/ooxml.ts';
import { textWidth } from '../word/page-frame.ts';

/*
 * How risks are rated: what each likelihood and impact level means, what each band means and
 * where the organisation's appetite lies, from the installed risk matrix (model.definitions),
 * so a reader can check any score in the document against the scale it was given on.
 */

const scaleColumns = ['Level', 'Name', 'What it means'] as const;

function scaleTable(levels: readonly ScaleDefinition[], model: RegisterModel): Xml {
  const cells = levels.map((l) => [String(l.level), l.label, l.description]);
  const widths = fitColumns(
    scaleColumns.map((h, i) => column(h, cells.map((c) => c[i] ?? ''), i === 2 ? 1 : 0, i === 1)),
    textWidth.portrait,
  );
  return table(widths, [headerRow(scaleColumns, model.style), ...cells.map((c) => row(c.map((text, i) => textCell(text, i === 1 ? { bold: true } : undefined))))]);
}

export function definitionBlocks(model: RegisterModel, outline: Outline): Xml[] {
  const { definitions, matrix } = model;
  const bandColumns = ['Band', 'What it means'] as const;
  const bandWidths = fitColumns(
    [column(bandColumns[0], definitions.bands.map((b) => b.label), 0, true), column(bandColumns[1], [], 1)],
    textWidth.portrait,
  );
  return [
    outline.heading(1, 'How risks are rated', true),
    body('Each risk is scored as likelihood × impact on the organisation’s 5 × 5 risk matrix, before safeguards (inherent) and after the safeguards credited (residual). The score’s cell on the matrix gives its band.'),
    outline.heading(2, 'Likelihood'),
    scaleTable(definitions.likelihood, model),
    outline.heading(2, 'Impact'),
    scaleTable(definitions.impact, model),
    outline.heading(2, 'Bands and appetite'),
    table(bandWidths, [
      headerRow(bandColumns, model.style),
      ...[...definitions.bands].reverse().map((b) => row([textCell(b.label, { bold: true, colour: textColourOn(b.colour) }, b.colour), textCell(b.meaning)])),
    ]),
    body(definitions.appetite || `Residual risk up to ${bandLabel(matrix, matrix.appetite)} is within the organisation’s appetite.`),
  ];
}
