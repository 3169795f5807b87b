import type { MatrixInfo, RegisterModel } from '../register-model.ts';
import { bandLabel } from '../register-row.ts';
import { body, muted } from '../word/blocks.ts';
import type { Outline } from '../word/outline.ts';
import { cell, row, table, textColourOn, textPara, type Xml } from '../word/ooxml.ts';

/*
 * The 5 × 5 heat maps, as Word tables rather than pictures so they stay sharp, searchable and
 * readable by a screen reader. Likelihood runs 5 → 1 down the side (the conventional layout,
 * worst in the top right), impact 1 → 5 along the bottom; each cell is shaded with its band's
 * colour and shows how many risks fall in it.
 */

const labelWidth = 1900;
const cellWidth = 1300;

function heatmapTable(counts: number[][], matrix: MatrixInfo): Xml {
  const widths = [labelWidth, ...Array.from({ length: 5 }, () => cellWidth)];
  const axis = (text: string) => textPara(text, undefined, { bold: true });
  const rows: Xml[] = [];
  for (let likelihood = 5; likelihood >= 1; likelihood--) {
    const cells = [cell([axis(`${likelihood} ${matrix.likelihood[likelihood - 1] ?? ''}`)], undefined, 'center')];
    for (let impact = 1; impact <= 5; impact++) {
      const bandId = matrix.cells[likelihood - 1]?.[impact - 1] ?? '';
      const colour = matrix.bands.find((b) => b.id === bandId)?.colour ?? 'FFFFFF';
      const count = counts[likelihood - 1]?.[impact - 1] ?? 0;
      cells.push(cell([textPara(String(count), { align: 'center' }, { bold: count > 0, colour: textColourOn(colour) })], colour, 'center'));
    }
    rows.push(row(cells));
  }
  rows.push(row([cell([axis('Likelihood ↑  Impact →')]), ...Array.from({ length: 5 }, (_, i) => cell([textPara(`${i + 1} ${matrix.impact[i] ?? ''}`, { align: 'center' }, { bold: true })]))]));
  return table(widths, rows, { border: 'FFFFFF', centred: true });
}

export function heatmapBlocks(model: RegisterModel, outline: Outline): Xml[] {
  const { matrix, heatmaps } = model;
  const legend = matrix.bands.map((b) => b.label).join(' < ');
  return [
    outline.heading(1, 'Heat maps', true),
    body(`Each cell shows how many risks sit at that likelihood and impact. Bands: ${legend}. Residual risk up to ${bandLabel(matrix, matrix.appetite)} is within appetite.`),
    outline.heading(2, 'Inherent risk (before safeguards)'),
    heatmapTable(heatmaps.inherent, matrix),
    outline.heading(2, 'Residual risk (after safeguards)'),
    heatmapTable(heatmaps.residual, matrix),
    muted('Likelihood and impact levels are those of the organisation’s risk matrix.'),
  ];
}
