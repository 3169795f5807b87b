import type { MatrixInfo, RegisterModel } from '../register-model.ts';
import { bandLabel } from '../register-row.ts';
import { body, headerRow, muted } from '../word/blocks.ts';
import { cellPadding, tablePt, textTwips, widestWord } from '../word/fit.ts';
import type { Outline } from '../word/outline.ts';
import { cell, para, row, RunWriter, table, textCell, textColourOn, textPara, type Xml } from '../word/ooxml.ts';
import { textWidth } from '../word/page-frame.ts';

/*
 * The 5 × 5 heat maps, as Word tables rather than pictures so they stay sharp, searchable and
 * readable by a screen reader. Likelihood runs 5 → 1 down the side (the conventional layout,
 * worst in the top right), impact 1 → 5 along the bottom. Each cell is shaded with its band's
 * colour and also names the band in words, so the map reads in black and white and to a
 * reader who does not tell the colours apart; a cell with no risks shows no number (a "0" in
 * every empty cell hides the cells that matter). A legend gives each band's colour, name and
 * whether it is within appetite. Columns are as wide as their longest label, so
 * "Catastrophic" is never broken across lines.
 */

function heatmapWidths(matrix: MatrixInfo): number[] {
  const side = widestWord([...matrix.likelihood, 'Likelihood', 'Impact'], tablePt, true) + textTwips('5 ', tablePt, true) + cellPadding;
  const cellMin = widestWord([...matrix.impact, ...matrix.bands.map((b) => b.label)], tablePt, true) + cellPadding;
  const cellWidth = Math.max(cellMin, Math.min(1500, Math.floor((textWidth.portrait - side) / 5)));
  return [side, ...Array.from({ length: 5 }, () => cellWidth)];
}

function heatmapTable(counts: number[][], matrix: MatrixInfo): Xml {
  const axis = (text: string) => textPara(text, undefined, { bold: true });
  const rows: Xml[] = [];
  for (let likelihood = 5; likelihood >= 1; likelihood--) {
    const cells = [cell([axis(`${likelihood} ${matrix.likelihood[likelihood - 1] ?? ''}`)], undefined, 'center')];
    for (let impact = 1; impact <= 5; impact++) {
      const bandId = matrix.cells[likelihood - 1]?.[impact - 1] ?? '';
      const colour = matrix.bands.find((b) => b.id === bandId)?.colour ?? 'FFFFFF';
      const count = counts[likelihood - 1]?.[impact - 1] ?? 0;
      const ink = textColourOn(colour);
      // The count (nothing when there are none), then the band's name on its own line.
      const text = new RunWriter();
      if (count > 0) text.text(String(count), { bold: true, colour: ink }).br();
      text.text(bandLabel(matrix, bandId), { colour: ink });
      cells.push(cell([para(text.runs, { align: 'center' })], colour, 'center'));
    }
    rows.push(row(cells));
  }
  // Impact labels on two lines ("5" over "Catastrophic"), each line narrower than its column.
  const corner = para(new RunWriter().text('Likelihood ↑', { bold: true }).br().text('Impact →', { bold: true }).runs);
  rows.push(row([cell([corner]), ...Array.from({ length: 5 }, (_, i) => cell([para(new RunWriter().text(String(i + 1), { bold: true }).br().text(matrix.impact[i] ?? '', { bold: true }).runs, { align: 'center' })]))]));
  return table(heatmapWidths(matrix), rows, { border: 'FFFFFF', centred: true });
}

/** The bands' colours with their names, score range and whether they are within appetite. */
function legend(model: RegisterModel): Xml {
  const { matrix } = model;
  const appetiteAt = matrix.bands.findIndex((b) => b.id === matrix.appetite);
  const widths = [2200, textWidth.portrait - 2200];
  return table(widths, [
    headerRow(['Band', 'Meaning on this map'], model.style),
    ...[...matrix.bands].reverse().map((b) => {
      const within = matrix.bands.indexOf(b) <= appetiteAt;
      return row([textCell(b.label, { bold: true, colour: textColourOn(b.colour) }, b.colour), textCell(within ? 'Within the organisation’s risk appetite' : 'Above appetite: needs a treatment plan or a formal acceptance')]);
    }),
  ]);
}

function bandCounts(model: RegisterModel): Xml {
  const { inherentByBand, residualByBand } = model.summary;
  const count = (counts: Record<string, number>, id: string) => String(counts[id] ?? 0);
  const total = (counts: Record<string, number>) => String(Object.values(counts).reduce((a, b) => a + b, 0));
  const numberCell = (text: string, bold = false) => cell([textPara(text, { align: 'center' }, bold ? { bold: true } : undefined)]);
  return table(
    [2600, 2200, 2200],
    [
      headerRow(['Band', 'Before safeguards', 'After safeguards'], model.style),
      // Highest band first: the rows that need attention lead.
      ...[...model.matrix.bands].reverse().map((band) =>
        row([textCell(band.label, { bold: true, colour: textColourOn(band.colour) }, band.colour), numberCell(count(inherentByBand, band.id)), numberCell(count(residualByBand, band.id))]),
      ),
      row([textCell('Total', { bold: true }), numberCell(total(inherentByBand), true), numberCell(total(residualByBand), true)]),
    ],
  );
}

export function heatmapBlocks(model: RegisterModel, outline: Outline): Xml[] {
  const { matrix, heatmaps } = model;
  return [
    outline.heading(1, 'Heat maps', true),
    body(
      `Each cell shows how many current risks sit at that likelihood and impact, and the band the cell falls in. Residual risk up to ${bandLabel(matrix, matrix.appetite)} is within appetite. ` +
        'The levels are defined under “How risks are rated”.',
    ),
    legend(model),
    outline.heading(2, 'Risks by band'),
    bandCounts(model),
    outline.heading(2, 'Inherent risk (before safeguards)'),
    heatmapTable(heatmaps.inherent, matrix),
    outline.heading(2, 'Residual risk (after safeguards)'),
    heatmapTable(heatmaps.residual, matrix),
    muted('Likelihood and impact levels are those of the organisation’s risk matrix.'),
  ];
}
