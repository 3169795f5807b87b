import type { AppendixAssessment, AppendixEvidence, RegisterModel } from '../register-model.ts';
import { body, dateTime, dotted, headerRow } from '../word/blocks.ts';
import { styleIds } from '../word/document-styles.ts';
import type { Outline } from '../word/outline.ts';
import { cell, para, row, RunWriter, table, textCell, textPara, type Xml } from '../word/ooxml.ts';
import { textWidth } from '../word/page-frame.ts';
import { assessmentName } from '../words.ts';

/*
 * The appendix, only when asked for (model.withAnswers): every answer the scores were computed from, with who gave it and where it
 * came from, and every evidence file with its SHA-256, so a reader can check a file they are
 * handed is the one that was assessed.
 */

const answerWidths = [1500, textWidth.portrait - 1500 - 2000, 2000];
const evidenceWidths = [2400, 1500, 1900, textWidth.portrait - 2400 - 1500 - 1900];

const size = (bytes: number) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

function answersTable(a: AppendixAssessment, model: RegisterModel): Xml[] {
  if (a.answers.length === 0) return [body('No answers recorded.')];
  const rows = [headerRow(['Question', 'Question and answer', 'Source, by and when'], model.style)];
  for (const answer of a.answers) {
    // One line, not three: the appendix is reference matter and must stay short.
    const source = new RunWriter().text(dotted(answer.source, answer.answeredBy, answer.answeredAt.slice(0, 10)));
    if (answer.flagged) source.br().text('Flagged for follow-up', { bold: true });
    rows.push(
      row(
        [
          textCell(answer.questionId, { bold: true }),
          // Question and answer in one cell: a long answer then takes the full width of the row.
          cell([textPara(answer.question, undefined, { style: styleIds.mutedText }), textPara(answer.answer)]),
          cell([para(source.runs)]),
        ],
        'split',
      ),
    );
  }
  return [table(answerWidths, rows)];
}

function evidenceRow(e: AppendixEvidence): Xml {
  return row([
    cell([textPara(e.fileName), textPara(size(e.size), undefined, { style: styleIds.mutedText })]),
    textCell(e.questionId),
    textCell(`${e.addedBy || '—'}\n${dateTime(e.addedAt)}\n${e.checked ? `Checked by ${e.checked.by}, ${dateTime(e.checked.at)}` : 'Not checked by an assessor'}`),
    textCell(e.sha256, { style: styleIds.monoText }),
  ]);
}

function evidenceTable(a: AppendixAssessment, model: RegisterModel): Xml[] {
  if (a.evidence.length === 0) return [body('No evidence files attached.')];
  return [table(evidenceWidths, [headerRow(['File', 'Question', 'Added and checked', 'SHA-256'], model.style), ...a.evidence.map(evidenceRow)])];
}

export function* appendixBlocks(model: RegisterModel, outline: Outline): Generator<Xml> {
  if (!model.withAnswers) return;
  yield outline.heading(1, 'Appendix: answers and evidence', true);
  if (model.appendix.length === 0) yield body('No assessments in scope.');
  for (const a of model.appendix) {
    yield outline.heading(2, `${a.systemName}: ${assessmentName(a.stage).toLowerCase()}`, false, false);
    yield textPara(dotted(`Assessment ${a.assessmentId}`, `Questionnaires: ${a.questionnaires.map((q) => `${q.id} ${q.version}`).join(', ') || 'none'}`), { style: styleIds.muted });
    yield outline.heading(3, 'Answers');
    yield* answersTable(a, model);
    yield outline.heading(3, 'Evidence files');
    yield* evidenceTable(a, model);
  }
}
