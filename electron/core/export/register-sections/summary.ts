import type { RegisterModel } from '../register-model.ts';
import { bandLabel } from '../register-row.ts';
import { body, bullets, headerRow } from '../word/blocks.ts';
import type { Outline } from '../word/outline.ts';
import { cell, row, table, textCell, textColourOn, textPara, type Xml } from '../word/ooxml.ts';

/*
 * The executive summary: the page a committee member reads if they read one. Counts by band,
 * then the four lists that call for action; each says "None." plainly when it is empty, so an
 * empty list cannot be mistaken for a missing section.
 */

function bandCounts(model: RegisterModel): Xml {
  const widths = [3000, 1800, 1800];
  const { inherentByBand, residualByBand } = model.summary;
  const count = (counts: Record<string, number>, id: string) => String(counts[id] ?? 0);
  const total = (counts: Record<string, number>) => String(Object.values(counts).reduce((a, b) => a + b, 0));
  const numberCell = (text: string, bold = false) => cell([textPara(text, { align: 'center' }, bold ? { bold: true } : undefined)]);
  return table(
    widths,
    [
      headerRow(['Band', 'Inherent (before safeguards)', 'Residual (after safeguards)'], model.style),
      // Highest band first: the rows that need attention lead.
      ...[...model.matrix.bands].reverse().map((band) =>
        row([
          textCell(band.label, { bold: true, colour: textColourOn(band.colour) }, band.colour),
          numberCell(count(inherentByBand, band.id)),
          numberCell(count(residualByBand, band.id)),
        ]),
      ),
      row([textCell('Total', { bold: true }), numberCell(total(inherentByBand), true), numberCell(total(residualByBand), true)]),
    ],
  );
}

export function summaryBlocks(model: RegisterModel, outline: Outline): Xml[] {
  const { summary, matrix, risks, systems } = model;
  const above = risks.filter((r) => r.aboveAppetite).length;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return [
    outline.heading(1, 'Executive summary', true),
    body(
      `This register covers ${plural(risks.length, 'risk', 'risks')} across ${plural(systems.length, 'system', 'systems')}. ` +
        `${plural(above, 'risk remains', 'risks remain')} above the organisation's risk appetite (residual ${bandLabel(matrix, matrix.appetite)} or lower is acceptable).`,
    ),
    outline.heading(2, 'Risks by band'),
    bandCounts(model),
    outline.heading(2, 'Systems above appetite'),
    ...bullets(summary.systemsAboveAppetite.map((s) => `${s.name}: ${plural(s.risks, 'risk', 'risks')} above appetite`)),
    outline.heading(2, 'Decisions needed'),
    ...bullets(summary.decisionsNeeded.map((d) => `${d.text} (${d.ref})`)),
    outline.heading(2, 'Re-assessments due'),
    ...bullets(summary.overdueReassessments.map((o) => `${o.name}: ${o.reason}`)),
    outline.heading(2, 'Expired acceptances'),
    ...bullets(summary.expiredAcceptances.map((e) => `${e.riskId} (${e.systemName}, ${e.threatName}): acceptance expired ${e.expiry}`)),
  ];
}
