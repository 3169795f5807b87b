import type { RegisterModel, RegisterReview, SignOff } from '../register-model.ts';
import { body, dateTime, dotted, headerRow } from '../word/blocks.ts';
import { styleIds } from '../word/document-styles.ts';
import type { Outline } from '../word/outline.ts';
import { cell, para, row, RunWriter, table, textCell, textPara, type Xml } from '../word/ooxml.ts';
import { textWidth } from '../word/page-frame.ts';

/*
 * The review record: for each assessment, who signed off, in what role, what they decided,
 * what they said and the conditions they set (with owner and due date), and the rounds before
 * a return. It is the committee's own decision trail, so nothing here is summarised away.
 */

const widths = [1700, 1500, 1200, 1300];
widths.push(textWidth.portrait - widths.reduce((a, b) => a + b, 0));

function signOffRow(s: SignOff): Xml {
  const remarks = new RunWriter().text(s.comment || 'No comment.');
  if (s.conditions.length) {
    remarks.br().text('Conditions:', { bold: true });
    for (const c of s.conditions) remarks.br().text(`•  ${c.text} — ${c.owner || 'no owner'}, due ${c.due || '—'}`);
  }
  return row([textCell(s.name), textCell(s.role), textCell(s.decision, { bold: true }), textCell(dateTime(s.at)), cell([para(remarks.runs)])], 'split');
}

function signOffTable(signOffs: SignOff[], model: RegisterModel): Xml[] {
  if (signOffs.length === 0) return [body('No sign-offs recorded.')];
  return [table(widths, [headerRow(['Name', 'Role', 'Decision', 'Date', 'Comment and conditions'], model.style), ...signOffs.map(signOffRow)])];
}

function reviewBlocks(review: RegisterReview, model: RegisterModel, outline: Outline): Xml[] {
  const facts = dotted(
    `Assessment ${review.assessmentId}`,
    `Stage: ${review.stage}`,
    `Status: ${review.status}`,
    `Submitted: ${dateTime(review.submittedAt)}`,
    `Decided: ${dateTime(review.decidedAt)}`,
    `Sign-offs: ${review.signOffs.length} of ${review.requiredSignOffs} required`,
  );
  const out = [outline.heading(2, `${review.systemName} — ${review.title}`), textPara(facts, { style: styleIds.muted }), ...signOffTable(review.signOffs, model)];
  review.previousRounds.forEach((round, i) => {
    out.push(outline.heading(3, `Earlier round ${i + 1} of ${review.previousRounds.length} (returned)`), ...signOffTable(round, model));
  });
  return out;
}

export function* reviewRecordBlocks(model: RegisterModel, outline: Outline): Generator<Xml> {
  yield outline.heading(1, 'Review record', true);
  if (model.reviews.length === 0) yield body('No assessment in scope has been submitted for review.');
  for (const review of model.reviews) yield* reviewBlocks(review, model, outline);
}
