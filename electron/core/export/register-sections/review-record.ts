import type { RegisterModel, RegisterReview, SignOff } from '../register-model.ts';
import { body, dateTime, dotted, headerRow } from '../word/blocks.ts';
import { styleIds } from '../word/document-styles.ts';
import type { Outline } from '../word/outline.ts';
import { cell, para, row, RunWriter, table, textCell, textPara, type Xml } from '../word/ooxml.ts';
import { column, fitColumns } from '../word/fit.ts';
import { textWidth } from '../word/page-frame.ts';
import { assessmentName, assessmentStatusWords, decisionWords, roleWords } from '../words.ts';

/*
 * The review record: for each assessment, who signed off, in what role, what they decided,
 * what they said and the conditions they set (with owner and due date), and the rounds before
 * a return. It is the committee's own decision trail, so nothing here is summarised away.
 */

const signOffColumns = ['Name', 'Role', 'Decision', 'Date', 'Comment and conditions'] as const;

function signOffRow(s: SignOff): Xml {
  const remarks = new RunWriter().text(s.comment || 'No comment.');
  if (s.conditions.length) {
    remarks.br().text('Conditions:', { bold: true });
    for (const c of s.conditions) remarks.br().text(`•  ${c.text} — ${c.owner || 'no owner'}, due ${c.due || '—'}`);
  }
  return row([textCell(s.name), textCell(roleWords(s.role)), textCell(decisionWords(s.decision), { bold: true }), textCell(dateTime(s.at)), cell([para(remarks.runs)])], 'split');
}

function signOffTable(signOffs: SignOff[], model: RegisterModel): Xml[] {
  if (signOffs.length === 0) return [body('No sign-offs recorded.')];
  // Widths from the words: a role or decision is never broken mid-word; the comment takes the rest.
  const words = [signOffs.map((s) => s.name), signOffs.map((s) => roleWords(s.role)), signOffs.map((s) => decisionWords(s.decision)), signOffs.map((s) => dateTime(s.at)), []];
  const widths = fitColumns(
    signOffColumns.map((h, i) => column(h, words[i] ?? [], i === 4 ? 3 : i === 0 ? 0.5 : 0, i === 2)),
    textWidth.portrait,
  );
  return [table(widths, [headerRow(signOffColumns, model.style), ...signOffs.map(signOffRow)])];
}

function reviewBlocks(review: RegisterReview, model: RegisterModel, outline: Outline): Xml[] {
  const facts = dotted(
    `Assessment ${review.assessmentId}`,
    `Status: ${assessmentStatusWords(review.status)}`,
    `Submitted: ${dateTime(review.submittedAt)}`,
    `Decided: ${dateTime(review.decidedAt)}`,
    `Sign-offs: ${review.signOffs.length} of ${review.requiredSignOffs} required`,
  );
  const out = [outline.heading(2, `${review.systemName}: ${assessmentName(review.stage).toLowerCase()}`, false, false), textPara(facts, { style: styleIds.muted }), ...signOffTable(review.signOffs, model)];
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
