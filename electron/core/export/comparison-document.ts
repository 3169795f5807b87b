import { Document, Packer, type FileChild } from 'docx';
import { levelInWords as levelWords, type Comparison } from '../../contract/index.ts';
import { xmlSafeDeep } from './export-text.ts';
import { cover } from './register-sections/cover.ts';
import type { ReportStyle } from './register-model.ts';
import { stageWords } from './words.ts';
import { bullets, dateTime, factTable, heading, headerRow, muted } from './word/blocks.ts';
import { documentStyles, tableStylesXml } from './word/document-styles.ts';
import { cell, LazyBlocks, row, table, textCell, textPara, type Xml } from './word/ooxml.ts';
import { documentProperties, section, textWidth } from './word/page-frame.ts';

/*
 * Candidates side by side as a Word document: the summary first (which leaves less residual
 * risk and why), then the candidates, where their pinned templates differ, the threat table,
 * the answers that differ and each candidate's gaps and contradictions. The document is mapped
 * from the comparison the API returns, so it says exactly what the page and the CLI say; its
 * looks are the named styles every export declares once (word/document-styles.ts).
 */

export interface ComparisonModel {
  comparison: Comparison;
  meta: { title: string; generatedAt: string; preparedBy: string; ledger: { head: string; length: number }; appVersion: string };
  style: ReportStyle;
}

const width = textWidth.landscape;


function candidateBlocks(c: Comparison, style: ReportStyle, band: (id: string) => string): Xml[] {
  return c.candidates.flatMap((k) => [
    heading(3, k.label),
    factTable(
      [
        ['Assessment', `${k.assessmentId}: ${k.title} (${stageWords(k.stage)})`],
        ['Vendor', k.vendor || '—'],
        ['Product version', k.productVersion || '—'],
        ['Questionnaires', k.questionnaires.map((q) => `${q.id} ${q.version}`).join(', ')],
        ['Scoring model', String(k.scoringModel)],
        ['Answered', `${k.answered} of ${k.visible} questions shown`],
        ['Highest residual', `${k.overall.highestResidual} (${band(k.overall.band)}); appetite ${band(k.appetite)}`],
      ],
      [2600, width - 2600],
      style,
    ),
  ]);
}

function threatTable(c: Comparison, style: ReportStyle, band: (id: string) => string): Xml {
  const n = c.candidates.length;
  const first = 3200;
  const last = 3000;
  const each = Math.floor((width - first - last) / n);
  const rows = c.threats.map((t) => {
    const cells = t.cells.map((cellOf) => {
      // The lowest residual is marked in words and bold, not by colour alone.
      const lowest = t.lowestResidual.includes(cellOf.assessmentId);
      const lines = [
        textPara(`Inherent ${levelWords(cellOf.inherent, band)}`),
        textPara(`Residual ${levelWords(cellOf.residual, band)}${lowest ? ' (lowest)' : ''}${cellOf.aboveAppetite ? ', above appetite' : ''}`, undefined, lowest ? { bold: true } : undefined),
      ];
      return cell(lines);
    });
    return row([textCell(`${t.differs ? '≠ ' : ''}${t.name} (${t.threatId})`, t.differs ? { bold: true } : undefined), ...cells, textCell(t.note)]);
  });
  return table([first, ...Array.from({ length: n }, () => each), last], [headerRow(['Threat', ...c.candidates.map((k) => k.label), 'Difference'], style), ...rows]);
}

function answerTable(c: Comparison, style: ReportStyle): Xml[] {
  if (c.answers.length === 0) return [textPara('Every question is answered the same way by every candidate.')];
  const n = c.candidates.length;
  const first = 4200;
  const each = Math.floor((width - first) / n);
  return [
    table(
      [first, ...Array.from({ length: n }, () => each)],
      [
        headerRow(['Question', ...c.candidates.map((k) => k.label)], style),
        ...c.answers.map((a) => row([textCell(`${a.questionId}  ${a.text}`), ...a.answers.map((x) => cell([textPara(x.answer), ...(x.source ? [muted(x.source)] : [])]))], 'split')),
      ],
    ),
  ];
}

function findingBlocks(c: Comparison): Xml[] {
  return c.findings.flatMap((f) => {
    const label = c.candidates.find((k) => k.assessmentId === f.assessmentId)?.label ?? f.assessmentId;
    return [
      heading(3, label),
      textPara('Evidence gaps', undefined, { bold: true }),
      ...bullets(
        f.gaps.map((g) => `${g.questionId} ${g.text} (${g.threats.join('; ')})`),
        'None: no threat is scored higher for a missing or unsupported answer.',
      ),
      textPara('Contradictions', undefined, { bold: true }),
      ...bullets(
        f.contradictions.map((x) => `${x.controlName}: ${x.statement}`),
        'None.',
      ),
    ];
  });
}

export function comparisonBlocks(model: ComparisonModel): Xml[] {
  const c = model.comparison;
  const labels = new Map(c.bands.map((b) => [b.id, b.label]));
  const band = (id: string) => labels.get(id) ?? id;
  const differing = c.threats.filter((t) => t.differs).length;
  return [
    heading(1, 'Summary', true),
    textPara(c.summary.statement, undefined, { bold: true }),
    ...bullets(c.summary.reasons),
    heading(1, 'Candidates'),
    ...candidateBlocks(c, model.style, band),
    heading(1, 'Where the pinned templates differ'),
    ...bullets(
      c.templateDifferences.map((d) => d.statement),
      'Nowhere: every candidate pinned the same questionnaires, threats, scoring model and risk matrix.',
    ),
    heading(1, 'Threats side by side'),
    muted(`${c.threats.length} threats; ${differing} differ (marked ≠). Likelihood × impact = score and band; the lowest residual is marked "(lowest)".`),
    threatTable(c, model.style, band),
    heading(1, 'Answers that differ'),
    muted(`${c.answers.length} of ${c.questionsCompared} questions are answered differently (matched by question id).`),
    ...answerTable(c, model.style),
    heading(1, 'Evidence gaps and contradictions'),
    ...findingBlocks(c),
  ];
}

export async function buildComparisonDocument(given: ComparisonModel): Promise<Uint8Array> {
  const model = xmlSafeDeep(given);
  const { meta, style, comparison } = model;
  const names = comparison.candidates.map((k) => k.label);
  const facts: [string, string][] = [
    ['Candidates', names.join('; ')],
    ['Assessments', comparison.candidates.map((k) => k.assessmentId).join(', ')],
    ['Prepared', dateTime(meta.generatedAt)],
    ['Prepared by', meta.preparedBy],
    ['Ledger head', meta.ledger.head],
    ['Ledger length', `${meta.ledger.length} entries`],
    ['Vigil version', meta.appVersion],
  ];
  const children: FileChild[] = [...cover(style, { title: meta.title, subtitle: names.join(' · '), facts }), new LazyBlocks(() => comparisonBlocks(model))];
  const doc = new Document({
    ...documentProperties({
      title: `${meta.title}: ${names.join(', ')}`,
      subject: `Candidates compared side by side: ${names.join(', ')}`,
      preparedBy: meta.preparedBy,
      keywords: ['comparison', 'procurement', 'AI governance', 'healthcare', style.organisation],
      description: `${names.length} assessments compared (${comparison.candidates.map((k) => k.assessmentId).join(', ')}), generated ${meta.generatedAt} at audit ledger entry ${meta.ledger.length} (head ${meta.ledger.head}).`,
    }),
    externalStyles: tableStylesXml,
    styles: documentStyles(style),
    sections: [section(style, meta.title, 'landscape', children)],
  });
  return Packer.toBuffer(doc);
}
