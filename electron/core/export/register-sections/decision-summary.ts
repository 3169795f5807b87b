import { decisionKinds, type DecisionItem, type DecisionKind, type SystemDecision } from '../../../contract/index.ts';
import type { RegisterModel } from '../register-model.ts';
import { bandLabel } from '../register-row.ts';
import { body, bullets, headerRow } from '../word/blocks.ts';
import { column, fitColumns } from '../word/fit.ts';
import type { Outline } from '../word/outline.ts';
import { row, table, textCell, textPara, type Xml } from '../word/ooxml.ts';
import { textWidth } from '../word/page-frame.ts';
import { count } from '../../committee/words.ts';
import { decisionKindWords, lifecycleWords, recommendationWords, selectionWords } from '../words.ts';

/*
 * The decision summary: the one page a committee member reads if they read one. Every system
 * in scope with its vendor, stage, intended use, overall band before and after safeguards and
 * the recommendation; then the decisions asked of the committee, grouped by kind, each stated
 * once. From model.committee, the same data as the app's committee view.
 */

/** "High → Medium": the overall band before and after safeguards, in words. */
export function overallWords(model: RegisterModel, overall: SystemDecision['overall']): string {
  if (!overall.inherent && !overall.residual) return 'Not yet scored';
  const word = (band: string | null) => (band ? bandLabel(model.matrix, band) : '—');
  return `${word(overall.inherent)} → ${word(overall.residual)}`;
}

export const summaryColumns = ['System', 'Vendor', 'Stage', 'Intended use', 'Overall band', 'Recommendation'] as const;

/** One row per system, in the cells `summaryColumns` names. */
export function summaryCells(model: RegisterModel, s: SystemDecision): string[] {
  return [s.name, s.vendor || '—', lifecycleWords(s.lifecycleStage), s.intendedUse || '—', overallWords(model, s.overall), recommendationWords(s.recommendation)];
}

/** The decisions by kind, in the contract's order, each distinct decision once. */
export function decisionGroups(decisions: readonly DecisionItem[]): { kind: DecisionKind; items: DecisionItem[] }[] {
  const groups = new Map<DecisionKind, DecisionItem[]>(decisionKinds.map((k) => [k, []]));
  const seen = new Set<string>();
  for (const d of decisions) {
    // The same sentence about the same record is one decision, however many times it was found.
    const key = `${d.kind}\u0000${d.ref}\u0000${d.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    groups.get(d.kind)?.push(d);
  }
  return [...groups].filter(([, items]) => items.length > 0).map(([kind, items]) => ({ kind, items }));
}

/** The decision, its date first when it has one the sentence does not give (a date at the start of a line is not broken at its hyphens). */
export const decisionLine = (d: DecisionItem): string => (d.due && !d.text.includes(d.due) ? `${d.due}: ${d.text}` : d.text);

export function decisionSummaryBlocks(model: RegisterModel, outline: Outline): Xml[] {
  const { committee, style } = model;
  const cells = committee.systems.map((s) => summaryCells(model, s));
  const widths = fitColumns(
    summaryColumns.map((header, i) => column(header, cells.map((c) => c[i] ?? ''), [1.2, 0.8, 0, 2, 0, 0][i], i === 0 || i === 5)),
    textWidth.portrait,
  );
  const recommendationColumn = summaryColumns.indexOf('Recommendation');
  const rows = [headerRow(summaryColumns, style), ...cells.map((c) => row(c.map((text, i) => textCell(text, i === 0 || i === recommendationColumn ? { bold: true } : undefined))))];
  const notAcceptable = committee.systems.filter((s) => !s.acceptability.acceptable).length;
  const out: Xml[] = [
    outline.heading(1, 'Decision summary', true),
    ...(model.meta.selection
      ? [textPara(`${selectionWords(model.meta.selection)} The systems are described whole; risks outside the selection are not named.`, {}, { bold: true, colour: style.colours.accent })]
      : []),
    body(
      `${count(committee.systems.length, 'system is', 'systems are')} in scope; the overall band is the highest band of a system’s current risks, before → after safeguards. Residual risk up to ${committee.appetite.label} is within the organisation’s appetite; ` +
        `above it a risk needs a treatment plan or a formal acceptance. ${notAcceptable === 0 ? 'Every system’s residual risk is within appetite or decided.' : `${count(notAcceptable, 'system carries', 'systems carry')} residual risk that is not acceptable as it stands.`}`,
    ),
    committee.systems.length ? table(widths, rows) : body('No systems are in scope.'),
    outline.heading(2, 'Decisions asked of the committee'),
  ];
  const groups = decisionGroups(committee.decisions);
  if (groups.length === 0) out.push(body('None: nothing awaits the committee’s decision.'));
  for (const { kind, items } of groups) {
    out.push(textPara(`${decisionKindWords(kind)} (${items.length})`, { keepNext: true }, { bold: true, colour: style.colours.accent }));
    out.push(...bullets(items.map(decisionLine)));
  }
  return out;
}
