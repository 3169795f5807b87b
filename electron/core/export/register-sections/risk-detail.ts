import type { RegisterModel, RegisterRisk } from '../register-model.ts';
import { bandLabel, dueText, keyControlsText, scoreText } from '../register-row.ts';
import { dateTime, dotted } from '../word/blocks.ts';
import { styleIds } from '../word/document-styles.ts';
import type { Outline } from '../word/outline.ts';
import { para, RunWriter, textPara, type RunLook, type Xml } from '../word/ooxml.ts';
import { assessmentName, assessmentStatusWords, personWithRole, riskStatusWords, treatmentWords } from '../words.ts';

/*
 * Per risk, everything a committee member needs to challenge it: what it is and what it does
 * to a patient of this system (the collector words the threat for the system's clinical domain
 * and model type), which assessment it comes from, what to notice (flags), why it scored as it did, what is not known, which frameworks it touches, the
 * plan and any acceptance. Each block is one paragraph with line breaks rather than a
 * paragraph per line: the same reading, a fraction of the XML for a 5,000-risk register.
 */

type Line = string | { label: string; text: string };

/**
 * A titled block: the title, then each line after a line break. The paragraph stays left to
 * right (its title is English); right-to-left lines are marked on their runs, which is what
 * Word's bidi layout needs to show them in the right order.
 */
function block(title: string, lines: Line[], label: RunLook): Xml {
  const w = new RunWriter().text(title, label);
  for (const line of lines) {
    w.br();
    if (typeof line === 'string') w.text(line);
    // Plain "Label: text" in the same run: a styled label would be a run of its own, ten
    // times per risk, a fifth of the register's XML.
    else w.text(`${line.label}: ${line.text}`);
  }
  return para(w.runs);
}

function riskBlocks(risk: RegisterRisk, model: RegisterModel, outline: Outline, label: RunLook): Xml[] {
  const { matrix } = model;
  const facts = dotted(
    `Inherent ${scoreText(risk.inherent)} (${bandLabel(matrix, risk.inherent.band)})`,
    `Residual ${scoreText(risk.residual)} (${bandLabel(matrix, risk.residual.band)})`,
    risk.aboveAppetite ? 'ABOVE APPETITE' : 'Within appetite',
    `Status: ${riskStatusWords(risk.status)}`,
    `Owner: ${risk.owner || 'none named'}`,
    risk.dueDate ? `Due: ${dueText(risk)}` : null,
  );
  const out: Xml[] = [
    outline.heading(3, `${risk.id} — ${risk.threatName}`),
    para(
      new RunWriter()
        .text(facts, { bold: true })
        .br()
        .text(`Threat ${risk.threatId} · From the ${assessmentName(risk.source.stage).toLowerCase()} (${assessmentStatusWords(risk.source.status).toLowerCase()}, ${risk.assessmentId}) · Key safeguards: ${keyControlsText(risk)}`, { style: styleIds.mutedText }).runs,
    ),
    ...(risk.flags.length ? [block('Flags', risk.flags.map((f) => `•  ${f}`), label)] : []),
    block('What it is', [risk.description, { label: 'Clinical consequence', text: risk.clinicalConsequence }], label),
    block('Why it scored', risk.why.length ? risk.why : ['No trace recorded.'], label),
    block('Evidence gaps', risk.gaps.length ? risk.gaps.map((g) => ({ label: g.questionId, text: g.text })) : ['None: every question touching this threat is answered.'], label),
    block('Framework references', risk.references.length ? risk.references.map((r) => ({ label: r.framework, text: r.ids.join(', ') })) : ['None.'], label),
  ];
  const t = risk.treatment;
  out.push(
    block(
      'Treatment',
      t
        ? [
            { label: treatmentWords(t.kind), text: t.plan },
            { label: 'Owner', text: t.owner || '—' },
            ...(t.actions.length ? t.actions.map((a) => `•  ${a.text} — ${a.owner || 'no owner'}, due ${a.due || '—'}`) : ['No actions recorded.']),
          ]
        : [risk.treatmentSummary || 'None yet.'],
      label,
    ),
  );
  const a = risk.acceptance;
  if (a) {
    out.push(
      block(
        a.expired ? 'Acceptance — EXPIRED' : 'Acceptance',
        [
          { label: 'Rationale', text: a.rationale },
          { label: 'Expiry', text: a.expired ? `${a.expiry} (expired)` : a.expiry },
          { label: 'Requested by', text: a.requestedBy },
          { label: 'Granted by', text: a.grantedBy ? `${personWithRole(a.grantedBy.name, a.grantedBy.role)}, ${dateTime(a.grantedBy.at)}` : 'Not yet granted' },
        ],
        label,
      ),
    );
  }
  return out;
}

/** Risks grouped by system (in the order the register lists them), a Heading 2 per system and a Heading 3 per risk. */
export function* riskDetailBlocks(model: RegisterModel, outline: Outline, onProgress?: (done: number, total: number) => void): Generator<Xml> {
  const label: RunLook = { style: styleIds.label };
  const bySystem = new Map<string, RegisterRisk[]>();
  for (const risk of model.risks) {
    const list = bySystem.get(risk.systemId);
    if (list) list.push(risk);
    else bySystem.set(risk.systemId, [risk]);
  }
  yield outline.heading(1, 'Risk detail', true);
  if (model.risks.length === 0) yield textPara('No risks are recorded for the systems in scope.');
  let done = 0;
  for (const risks of bySystem.values()) {
    yield outline.heading(2, risks[0]?.systemName ?? '', false, false);
    for (const risk of risks) {
      yield* riskBlocks(risk, model, outline, label);
      if (++done % 250 === 0) onProgress?.(done, model.risks.length);
    }
  }
  onProgress?.(done, model.risks.length);
}
