import type { RegisterModel } from '../register-model.ts';
import { body, headerRow } from '../word/blocks.ts';
import { column, fitColumns } from '../word/fit.ts';
import type { Outline } from '../word/outline.ts';
import { cell, para, RunWriter, tallRow, table, textCell, type Xml } from '../word/ooxml.ts';
import { textWidth } from '../word/page-frame.ts';
import { documentStatusWords, recommendationWords, roleWords } from '../words.ts';

/*
 * The sign-off of the document itself: each approver named with their role, the committee's
 * decision to tick, and room for a date and a signature. Blank rows when nobody is named yet,
 * so the page still works at the meeting.
 */

const signOffColumns = ['Name', 'Role', 'Decision', 'Date', 'Signature'] as const;
const choices = (['approve', 'approveWithConditions', 'doNotApprove'] as const).map(recommendationWords);

export function signOffBlocks(model: RegisterModel, outline: Outline): Xml[] {
  const { documentControl: dc, meta } = model;
  const people = dc.approvers.length ? dc.approvers.map((a) => [a.name, roleWords(a.role)]) : [['', ''], ['', '']];
  const widths = fitColumns(
    [column('Name', people.map((p) => p[0] ?? ''), 1), column('Role', people.map((p) => p[1] ?? ''), 0.6), column('Decision', choices.map((c) => `☐ ${c}`), 0.8), column('Date', ['2026-12-31'], 0.3), column('Signature', [], 1.4)],
    textWidth.portrait,
  );
  const decision = () => {
    const w = new RunWriter();
    choices.forEach((c, i) => (i > 0 ? w.br() : w).text(`☐ ${c}`));
    return cell([para(w.runs)]);
  };
  return [
    outline.heading(1, 'Document sign-off', true),
    body(
      `By signing, an approver records the committee’s decision on this register: version ${dc.version} (${documentStatusWords(dc.status).toLowerCase()}), ` +
        `written at audit ledger entry ${meta.ledger.length}. Conditions set at the meeting are recorded in Vigil against the assessment they concern.`,
    ),
    table(widths, [headerRow(signOffColumns, model.style), ...people.map(([name, role]) => tallRow([textCell(name ?? ''), textCell(role ?? ''), decision(), cell([]), cell([])], 900))]),
  ];
}
