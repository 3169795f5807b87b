import { levelInWords, maxCompared, minCompared, type Comparison } from '../../../../electron/contract/index.ts';

/*
 * What the Compare page shows, worked out without React so it is tested on its own: the
 * selection rule of "Compare selected", a threat's cell in words, and the marks that say which
 * candidate is lowest (in words and a symbol, never by colour alone).
 */

/** Why the selected assessments cannot be compared yet, or null when they can (2 to 4). */
export function selectionProblem(count: number): string | null {
  if (count < minCompared) return `Select ${minCompared} to ${maxCompared} assessments to compare${count === 1 ? ' (1 selected)' : ''}.`;
  if (count > maxCompared) return `Compare at most ${maxCompared} assessments at once (${count} selected).`;
  return null;
}

/** One candidate's cell of a threat row, in words, with its marks. */
export interface CompareCellView {
  assessmentId: string;
  inherent: string;
  residual: string;
  band: string | null;
  /** The lowest residual of the row where the residuals differ. */
  lowest: boolean;
  aboveAppetite: boolean;
}

export interface CompareThreatView {
  threatId: string;
  name: string;
  differs: boolean;
  note: string;
  cells: CompareCellView[];
}

/** The threat table's rows; `onlyDiffering` keeps the threats whose scores differ. */
export function threatRows(c: Comparison, onlyDiffering: boolean): CompareThreatView[] {
  const labels = new Map(c.bands.map((b) => [b.id, b.label]));
  const band = (id: string) => labels.get(id) ?? id;
  return c.threats
    .filter((t) => !onlyDiffering || t.differs)
    .map((t) => ({
      threatId: t.threatId,
      name: t.name,
      differs: t.differs,
      note: t.note,
      cells: t.cells.map((x) => ({
        assessmentId: x.assessmentId,
        inherent: levelInWords(x.inherent, band),
        residual: levelInWords(x.residual, band),
        band: x.residual?.band ?? null,
        lowest: t.lowestResidual.includes(x.assessmentId),
        aboveAppetite: x.aboveAppetite,
      })),
    }));
}

/** The candidate's label by assessment id (the comparison names each one once). */
export const candidateLabel = (c: Comparison, assessmentId: string): string => c.candidates.find((k) => k.assessmentId === assessmentId)?.label ?? assessmentId;

/** "2 evidence gaps, 1 open contradiction" for a candidate's findings heading. */
export function findingsText(f: Comparison['findings'][number]): string {
  const open = f.contradictions.filter((x) => x.open).length;
  const gaps = `${f.gaps.length} evidence gap${f.gaps.length === 1 ? '' : 's'}`;
  const contradictions = `${f.contradictions.length} contradiction${f.contradictions.length === 1 ? '' : 's'}${f.contradictions.length > 0 ? ` (${open} open)` : ''}`;
  return `${gaps}, ${contradictions}`;
}
