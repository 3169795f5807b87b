import type { ReadinessSummary } from '../../../contract/index.ts';
import type { RegisterModel } from '../register-model.ts';
import { body, headerRow } from '../word/blocks.ts';
import { column, fitColumns } from '../word/fit.ts';
import { row, table, textCell, type Xml } from '../word/ooxml.ts';
import { textWidth } from '../word/page-frame.ts';
import { coveragePercent } from '../../training/readiness.ts';

/*
 * A system's clinician readiness on its register page (docs/readiness.md): per role group its
 * latest training record against the hospital's target, the status in words (never colour
 * alone), or "No training records".
 */

const columns = ['Role group', 'Trained of using', 'Coverage', 'Material version', 'Refresher due', 'Status'] as const;

const status = (g: ReadinessSummary['groups'][number]): string => {
  const parts = [g.belowTarget ? 'Below target' : 'Meets target', ...(g.refresherOverdue ? ['refresher overdue'] : [])];
  return parts.join('; ');
};

export function readinessBlocks(readiness: ReadinessSummary | undefined, model: RegisterModel): Xml[] {
  if (!readiness || readiness.status === 'noRecords') return [body('No training records.')];
  const cells = readiness.groups.map((g) => [
    g.role,
    `${g.latest.trained} of ${g.latest.using}`,
    `${coveragePercent(g.latest.trained, g.latest.using)}%`,
    g.latest.materialVersion,
    g.latest.refresherDue,
    status(g),
  ]);
  const widths = fitColumns(
    columns.map((h, i) => column(h, cells.map((c) => c[i] ?? ''), [1.5, 0, 0, 0.6, 0, 1][i])),
    textWidth.portrait,
  );
  return [
    body(`${readiness.words} The hospital's target is ${readiness.target}% of each role group trained.`),
    table(widths, [headerRow(columns, model.style), ...cells.map((c) => row(c.map((text) => textCell(text))))]),
  ];
}
