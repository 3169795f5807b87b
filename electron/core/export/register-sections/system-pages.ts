import type { SystemDecision } from '../../../contract/index.ts';
import type { RegisterModel } from '../register-model.ts';
import { bandLabel, scoreText } from '../register-row.ts';
import { body, bullets, dateTime, factTable, headerRow } from '../word/blocks.ts';
import { column, fitColumns, keepTogether } from '../word/fit.ts';
import type { Outline } from '../word/outline.ts';
import { row, table, textCell, textColourOn, textPara, type Xml } from '../word/ooxml.ts';
import { textWidth } from '../word/page-frame.ts';
import { overallWords } from './decision-summary.ts';
import { readinessBlocks } from './readiness.ts';
import { assessmentName, assessmentStatusWords, lifecycleWords, recommendationWords, riskStatusWords } from '../words.ts';

/*
 * A page per system: what it is and does, the assessments its risks come from, its top risks,
 * the recommendation with its reasons, whether its residual risk is acceptable against the
 * appetite, the conditions set on it (owner and due date), what changed since it was last
 * approved or registered, and when it is next re-assessed and why.
 */

const facts = (s: SystemDecision, model: RegisterModel): [string, string][] => [
  ['Vendor', s.vendor || '—'],
  ['Lifecycle stage', lifecycleWords(s.lifecycleStage)],
  ['Intended use', s.intendedUse || '—'],
  ['Patient population', s.patientPopulation || '—'],
  ['What the output drives', s.outputDrives || '—'],
  ['Model version', s.modelVersion || 'Not recorded'],
  [
    'Current assessments',
    s.currentAssessments.length
      ? s.currentAssessments.map((a) => `${assessmentName(a.stage)}: ${assessmentStatusWords(a.status)}${a.decidedAt ? `, decided ${dateTime(a.decidedAt)}` : ''} (${a.assessmentId})`).join('\n')
      : 'None yet',
  ],
  ['Overall band', `${overallWords(model, s.overall)} (before → after safeguards)`],
];

const topRiskColumns = ['Risk', 'Threat', 'Residual L × I', 'Band', 'Status', 'Owner'] as const;
const conditionColumns = ['Condition', 'Owner', 'Due'] as const;

function topRisks(s: SystemDecision, model: RegisterModel): Xml[] {
  if (s.topRisks.length === 0) return [body('No current risks are recorded for this system.')];
  const colourOf = new Map(model.matrix.bands.map((b) => [b.id, b.colour]));
  const cells = s.topRisks.map((r) => [r.riskId, r.threatName, keepTogether(scoreText(r.residual)), bandLabel(model.matrix, r.residual.band) + (r.aboveAppetite ? ' (above appetite)' : ''), riskStatusWords(r.status), r.owner || 'No owner']);
  const widths = fitColumns(
    topRiskColumns.map((h, i) => column(h, cells.map((c) => c[i] ?? ''), [0, 2, 0, 0, 0.6, 0.8][i], i === 3)),
    textWidth.portrait,
  );
  return [
    table(widths, [
      headerRow(topRiskColumns, model.style),
      ...s.topRisks.map((r, k) => {
        const fill = colourOf.get(r.residual.band);
        return row((cells[k] ?? []).map((text, i) => (i === 3 && fill ? textCell(text, { bold: true, colour: textColourOn(fill) }, fill) : textCell(text))));
      }),
    ]),
  ];
}

function conditions(s: SystemDecision, model: RegisterModel): Xml[] {
  if (s.conditions.length === 0) return [body('None set.')];
  const cells = s.conditions.map((c) => [c.text, c.owner || 'No owner', c.due ? `${c.due}${c.overdue ? ' (overdue)' : ''}` : 'No date']);
  const widths = fitColumns(
    conditionColumns.map((h, i) => column(h, cells.map((c) => c[i] ?? ''), [3, 1, 0][i])),
    textWidth.portrait,
  );
  return [table(widths, [headerRow(conditionColumns, model.style), ...cells.map((c) => row(c.map((text) => textCell(text))))])];
}

function systemBlocks(s: SystemDecision, model: RegisterModel, outline: Outline, first: boolean): Xml[] {
  const { style } = model;
  const h3 = (text: string) => outline.heading(3, text);
  const changes = s.changesSince;
  const sinceWords = changes.since ? `${changes.sinceWhat} (${dateTime(changes.since)})` : changes.sinceWhat || 'it was first registered';
  return [
    outline.heading(2, s.vendor ? `${s.name} (${s.vendor})` : s.name, !first),
    factTable(facts(s, model), [2600, textWidth.portrait - 2600], style),
    h3(`Recommendation: ${recommendationWords(s.recommendation)}`),
    ...bullets(s.reasons, 'No reasons recorded.'),
    h3('Is the residual risk acceptable?'),
    textPara(`${s.acceptability.acceptable ? 'Acceptable.' : 'Not acceptable.'} ${s.acceptability.statement}`),
    h3('Top risks'),
    ...topRisks(s, model),
    h3('Conditions'),
    ...conditions(s, model),
    h3('Clinician readiness'),
    ...readinessBlocks(model.systems.find((x) => x.id === s.systemId)?.readiness, model),
    h3(`Changes since ${sinceWords}`),
    ...bullets(
      changes.changes.map((c) => `${dateTime(c.at)}: ${c.what}${c.by ? ` (${c.by})` : ''}`),
      'None recorded.',
    ),
    h3('Re-assessment'),
    body(s.reassessment.due ? `Due ${s.reassessment.due}${s.reassessment.why ? `: ${s.reassessment.why}` : '.'}` : s.reassessment.why || 'No re-assessment is scheduled.'),
  ];
}

export function* systemPageBlocks(model: RegisterModel, outline: Outline): Generator<Xml> {
  yield outline.heading(1, 'Systems in scope', true);
  if (model.committee.systems.length === 0) yield body('No systems are in scope.');
  let first = true;
  for (const s of model.committee.systems) {
    yield* systemBlocks(s, model, outline, first);
    first = false;
  }
}
