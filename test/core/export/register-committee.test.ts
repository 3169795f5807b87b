// The register read as a committee member reads it: python-docx opens the document and the
// decision summary's table is checked against the model (every system, its vendor, stage,
// bands and recommendation), every decision asked of the committee appears once, under its
// kind; a system has its own page with everything it is decided on; and no export (Word or
// CSV) carries an internal code instead of words.
import { describe, expect, it } from 'vitest';
import {
  assessmentStatuses,
  decisionKindLabels,
  decisionKinds,
  lifecycleLabels,
  recommendationLabels,
  recommendations,
  riskStatusLabels,
  roleLabels,
  stageLabels,
} from '../../../electron/contract/index.ts';
import { buildRegisterDocument } from '../../../electron/core/export/register-document.ts';
import { registerCsv } from '../../../electron/core/export/register-csv.ts';
import { docxText, readWithPythonDocx, type DocxBlock } from '../../support/read-docx.ts';
import { python } from '../../support/office-tools.ts';
import { committeeRegister, syntheticRegister } from '../../support/register-model-fixture.ts';


/** The blocks from a Heading 1 titled `title` up to the next Heading 1. */
function sectionOf(blocks: DocxBlock[], title: string): DocxBlock[] {
  const start = blocks.findIndex((b) => b.type === 'p' && b.style === 'Heading 1' && b.text === title);
  if (start < 0) throw new Error(`no "${title}" heading`);
  const end = blocks.findIndex((b, i) => i > start && b.type === 'p' && b.style === 'Heading 1');
  return blocks.slice(start, end < 0 ? undefined : end);
}

describe.skipIf(!python)(`the register as python-docx reads it (${python ?? 'python-docx not installed: skipped'})`, () => {
  const model = committeeRegister();
  const read = async () => readWithPythonDocx(python ?? 'python3', await buildRegisterDocument(model));

  it('opens with a decision summary whose table lists every system with its vendor, stage, bands and recommendation', async () => {
    const blocks = await read();
    const summary = sectionOf(blocks, 'Decision summary');
    const table = summary.find((b): b is Extract<DocxBlock, { type: 'table' }> => b.type === 'table');
    expect(table?.rows[0]).toEqual(['System', 'Vendor', 'Stage', 'Intended use', 'Overall band', 'Recommendation']);
    const rows = table?.rows.slice(1) ?? [];
    expect(rows).toHaveLength(model.committee.systems.length);
    const band = (id: string | null) => model.matrix.bands.find((b) => b.id === id)?.label;
    model.committee.systems.forEach((s, i) => {
      expect(rows[i]).toEqual([
        s.name,
        s.vendor,
        lifecycleLabels[s.lifecycleStage as keyof typeof lifecycleLabels],
        s.intendedUse,
        `${band(s.overall.inherent)} → ${band(s.overall.residual)}`,
        recommendationLabels[s.recommendation],
      ]);
    });
    // The Critical system the issue found missing is there, and not approved.
    expect(rows.find((r) => r[0] === 'Chest X-ray triage')?.slice(4)).toEqual(['Critical → Critical', 'Do not approve']);
    // The summary comes straight after the contents: it is what a member reads first.
    const headings = blocks.filter((b) => b.type === 'p' && b.style === 'Heading 1').map((b) => (b.type === 'p' ? b.text : ''));
    expect(headings.slice(0, 3)).toEqual(['Decision summary', 'Systems in scope', 'Heat maps']);
  });

  it('asks each decision once, under its kind, in the contract’s order of kinds', async () => {
    const summary = sectionOf(await read(), 'Decision summary');
    const lines = summary.flatMap((b) => (b.type === 'p' ? [b.text] : []));
    const from = lines.indexOf('Decisions asked of the committee');
    expect(from).toBeGreaterThan(0);
    const asked = lines.slice(from + 1);
    const distinct = [...new Map(model.committee.decisions.map((d) => [`${d.kind}|${d.ref}|${d.text}`, d])).values()];
    // The fixture repeats one decision; the document states it once.
    expect(distinct.length).toBeLessThan(model.committee.decisions.length);
    for (const d of distinct) expect(asked.filter((line) => line.includes(d.text)), d.text).toHaveLength(1);
    const groupHeads = asked.filter((line) => /\(\d+\)$/.test(line));
    const kindsPresent = decisionKinds.filter((k) => distinct.some((d) => d.kind === k));
    expect(groupHeads).toEqual(kindsPresent.map((k) => `${decisionKindLabels[k]} (${distinct.filter((d) => d.kind === k).length})`));
    // Each decision sits under its own kind's heading.
    for (const d of distinct) {
      const at = asked.findIndex((line) => line.includes(d.text));
      const head = asked.slice(0, at).reverse().find((line) => groupHeads.includes(line));
      expect(head?.startsWith(decisionKindLabels[d.kind]), d.text).toBe(true);
    }
  });

  it('gives every system a page with what the committee decides it on', async () => {
    const pages = sectionOf(await read(), 'Systems in scope');
    for (const s of model.committee.systems) {
      const start = pages.findIndex((b) => b.type === 'p' && b.style === 'Heading 2' && b.text === `${s.name} (${s.vendor})`);
      expect(start, s.name).toBeGreaterThan(0);
      const end = pages.findIndex((b, i) => i > start && b.type === 'p' && b.style === 'Heading 2');
      const page = pages.slice(start, end < 0 ? undefined : end);
      const text = page.map((b) => (b.type === 'p' ? b.text : b.rows.map((r) => r.join(' | ')).join('\n'))).join('\n');
      for (const value of [s.intendedUse, s.patientPopulation, s.outputDrives, s.modelVersion, s.acceptability.statement, ...s.reasons]) expect(text).toContain(value);
      expect(text).toContain(`Recommendation: ${recommendationLabels[s.recommendation]}`);
      for (const c of s.conditions) expect(text).toContain(`${c.text} | ${c.owner} | ${c.due}`);
      for (const r of s.topRisks) expect(text).toContain(r.riskId);
      for (const c of s.changesSince.changes) expect(text).toContain(c.what);
      if (s.reassessment.why) expect(text).toContain(s.reassessment.why);
      for (const a of s.currentAssessments) expect(text).toContain(`${stageLabels[a.stage]} assessment`);
    }
    // The page breaks: every system after the first starts a page.
    const xml = await buildRegisterDocument(model);
    expect(docxText(xml)).not.toContain('Prepared by');
  });

  it('names the document control on the cover: version, status, author, approvers, next review, previous version', async () => {
    const blocks = await read();
    const cover = blocks.find((b): b is Extract<DocxBlock, { type: 'table' }> => b.type === 'table');
    const facts = Object.fromEntries(cover?.rows.map((r) => [r[0], r[1]]) ?? []);
    const dc = model.documentControl;
    expect(facts.Version).toBe(`${dc.version} (draft)`);
    expect(facts.Author).toBe(dc.author);
    expect(facts.Approvers).toBe('Prof Chair (Committee chair)\nDr Jane Reviewer (Reviewer)');
    expect(facts['Next review']).toBe(dc.nextReview);
    expect(facts['Previous version']).toContain(`Version ${dc.previous?.version}`);
    expect(facts['Ledger head']).toBe(model.meta.ledger.head);
  });

  it('ends with a sign-off block naming each approver, with room for decision, date and signature', async () => {
    const signOff = sectionOf(await read(), 'Document sign-off');
    const table = signOff.find((b): b is Extract<DocxBlock, { type: 'table' }> => b.type === 'table');
    expect(table?.rows[0]).toEqual(['Name', 'Role', 'Decision', 'Date', 'Signature']);
    expect(table?.rows.slice(1).map((r) => [r[0], r[1], r[3], r[4]])).toEqual(model.documentControl.approvers.map((a) => [a.name, roleLabels[a.role as keyof typeof roleLabels], '', '']));
    expect(table?.rows[1]?.[2]).toBe('☐ Approve\n☐ Approve with conditions\n☐ Do not approve');
  });
});

describe('no internal code in any export', () => {
  /** Internal identifiers: camelCase words (inReview, approvedWithConditions, committeeChair) and raw treatment kinds ("mitigate:"). */
  const internal = /\b[a-z]+[A-Z][A-Za-z]*\b|\b(?:mitigate|transfer|avoid|accept):/g;
  /** Product and file names that are camelCase in real life; none is one of Vigil's codes. */
  const allowed = new Set<string>([]);
  const codes = new Set<string>([
    ...recommendations,
    ...decisionKinds,
    ...assessmentStatuses,
    ...Object.keys(lifecycleLabels),
    ...Object.keys(roleLabels),
    ...Object.keys(riskStatusLabels),
    ...Object.keys(stageLabels),
  ]);
  const offenders = (text: string) => [...text.matchAll(internal)].map((m) => m[0]).filter((w) => !allowed.has(w));

  it('the scan itself finds the codes the issue saw printed', () => {
    expect(offenders('Status: inReview · approvedWithConditions by committeeChair · mitigate: add monitoring')).toEqual(['inReview', 'approvedWithConditions', 'committeeChair', 'mitigate:']);
    // Every camelCase code of the contract would be caught.
    for (const code of codes) if (/[A-Z]/.test(code)) expect(offenders(`x ${code} y`), code).toEqual([code]);
  });

  it('finds none in the Word text or the CSV of a register whose model carries codes', async () => {
    for (const model of [committeeRegister({ withAnswers: true }), syntheticRegister({ risks: 300, systems: 12, answersPerAssessment: 10 })]) {
      const word = docxText(await buildRegisterDocument(model));
      const csv = new TextDecoder().decode(registerCsv(model));
      expect(offenders(word)).toEqual([]);
      expect(offenders(csv)).toEqual([]);
    }
  });
});
