import type { RegisterModel } from '../register-model.ts';
import { body, headerRow } from '../word/blocks.ts';
import { column, fitColumns } from '../word/fit.ts';
import type { Outline } from '../word/outline.ts';
import { row, table, textCell, type Xml } from '../word/ooxml.ts';
import { textWidth } from '../word/page-frame.ts';

/*
 * The framework references the document cites (MITRE ATLAS, NIST AI RMF, HIPAA, ...), each
 * id with what it names, so "AML.T0020" means something to a reader without the framework at
 * hand. Ids get a column as wide as the longest, so none breaks across lines.
 */

const glossaryColumns = ['Framework', 'Reference', 'What it is'] as const;

export function glossaryBlocks(model: RegisterModel, outline: Outline): Xml[] {
  const entries = [...model.glossary].sort((a, b) => a.framework.localeCompare(b.framework) || a.id.localeCompare(b.id, 'en', { numeric: true }));
  const cells = entries.map((g) => [g.framework, g.id, g.title]);
  const widths = fitColumns(
    glossaryColumns.map((h, i) => column(h, cells.map((c) => c[i] ?? ''), [0.6, 0, 2][i], i === 1)),
    textWidth.portrait,
  );
  return [
    outline.heading(1, 'Glossary of framework references', true),
    ...(entries.length === 0
      ? [body('The document cites no framework references.')]
      : [table(widths, [headerRow(glossaryColumns, model.style), ...cells.map((c) => row(c.map((text, i) => textCell(text, i === 1 ? { bold: true } : undefined))))])]),
  ];
}
