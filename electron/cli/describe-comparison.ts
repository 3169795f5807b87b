import { levelInWords as levelWords, type Comparison } from '../contract/index.ts';
import { formatTable } from './output.ts';

/** `vigil assessments compare` for people: the summary first, then the threats, answers and findings. */
export function describeComparison(c: Comparison): string {
  const labels = new Map(c.bands.map((b) => [b.id, b.label]));
  const band = (id: string) => labels.get(id) ?? id;
  const names = c.candidates.map((k, i) => `${String.fromCharCode(65 + i)}: ${k.label}, ${k.assessmentId} (${k.title})`);
  const letter = (id: string) => String.fromCharCode(65 + c.candidates.findIndex((k) => k.assessmentId === id));
  const out = [
    `Candidates\n${names.map((n) => `  ${n}`).join('\n')}\n`,
    `Summary: ${c.summary.statement}\n${c.summary.reasons.map((r) => `  - ${r}`).join('\n')}\n`,
    c.templateDifferences.length > 0 ? `Where the pinned templates differ\n${c.templateDifferences.map((d) => `  - ${d.statement}`).join('\n')}\n` : 'The pinned templates are the same.\n',
    `Threats (${c.threats.filter((t) => t.differs).length} of ${c.threats.length} differ, marked *; residual / inherent)\n` +
      formatTable(
        ['Threat', ...c.candidates.map((_, i) => String.fromCharCode(65 + i)), 'Lowest residual'],
        c.threats.map((t) => [
          `${t.differs ? '* ' : '  '}${t.name}`,
          ...t.cells.map((x) => `${levelWords(x.residual, band)} / ${levelWords(x.inherent, band)}`),
          t.lowestResidual.map(letter).join(', ') || '—',
        ]),
      ),
    `Answers that differ: ${c.answers.length} of ${c.questionsCompared} questions\n` +
      c.answers.map((a) => `  ${a.questionId} ${a.text}\n${a.answers.map((x) => `    ${letter(x.assessmentId)}: ${x.answer}`).join('\n')}`).join('\n') +
      '\n',
    ...c.findings.map(
      (f) =>
        `${letter(f.assessmentId)}: ${f.gaps.length} evidence gap(s), ${f.contradictions.length} contradiction(s)\n` +
        [...f.gaps.map((g) => `  gap ${g.questionId} ${g.text}`), ...f.contradictions.map((x) => `  contradiction ${x.controlName}: ${x.statement}`)].join('\n') +
        '\n',
    ),
  ];
  return out.join('\n');
}
