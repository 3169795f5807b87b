import { registerColumns, type RegisterModel } from '../register-model.ts';
import { registerRow } from '../register-row.ts';
import { body, headerRow } from '../word/blocks.ts';
import { row, table, textCell, textColourOn, type Xml } from '../word/ooxml.ts';
import type { Outline } from '../word/outline.ts';
import { textWidth } from '../word/page-frame.ts';

/*
 * The register itself, one row per risk, on landscape pages: eleven columns do not fit a
 * portrait page legibly. The header row repeats on every page and no row splits across one.
 */

/** Column widths in twentieths of a point, in `registerColumns` order; they fill a landscape A4 text width. */
const widths = [1300, 1500, 1950, 900, 2150, 900, 1000, 1300, 1800, 1150];
widths.push(textWidth.landscape - widths.reduce((a, b) => a + b, 0));
const bandColumn = registerColumns.indexOf('Band');

export function registerTableBlocks(model: RegisterModel, outline: Outline): Xml[] {
  const colourOf = new Map(model.matrix.bands.map((b) => [b.id, b.colour]));
  const rows: Xml[] = [headerRow(registerColumns, model.style)];
  for (const risk of model.risks) {
    const fill = colourOf.get(risk.residual.band);
    const bandLook = { bold: true, colour: fill ? textColourOn(fill) : undefined };
    rows.push(row(registerRow(risk, model.matrix).map((value, i) => (i === bandColumn ? textCell(value, bandLook, fill) : textCell(value)))));
  }
  return [
    outline.heading(1, 'Risk register'),
    body(
      'One row per risk. L × I is likelihood × impact on the organisation’s 5 × 5 matrix; inherent is before safeguards, residual after the safeguards credited. ' +
        'Band is the residual band. Safeguards marked “unverified” are a vendor’s claim without evidence and count at half strength.',
    ),
    ...(model.risks.length === 0 ? [body('No risks are recorded for the systems in scope.')] : [table(widths, rows)]),
  ];
}
