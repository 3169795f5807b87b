// Comparing candidates (issue 17) through the dispatcher on a real database: the comparison
// agrees with each assessment's own profile (property test over generated answers), template
// differences are said, refusals are in words, and the Word export reads back.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerChange, AssessmentDetail, Comparison, Question } from '../../../electron/contract/index.ts';
import { decodeTemplateSnapshot, hashSnapshot } from '../../../electron/core/assessments/snapshot.ts';
import { makeTestCore, type TestCore } from '../../support/core-fixture.ts';
import { pythonWithDocx, readWithPythonDocx } from '../../support/read-docx.ts';

let core: TestCore;
let a: AssessmentDetail;
let b: AssessmentDetail;

const scribe = (name: string, vendor: string) =>
  core.call('systems.create', {
    name,
    vendor,
    modelType: 'generative',
    deploymentType: 'vendorCloud',
    dataCategories: ['phi', 'freeText'],
    integrationPoints: ['ehr'],
    autonomyLevel: 'augments',
  });

beforeAll(async () => {
  core = makeTestCore();
  const first = await scribe('Ambient scribe', 'Quillwright');
  const second = await scribe('Ambient scribe', 'Scribewell');
  a = await core.call('assessments.start', { systemId: first.id, stage: 'procurement' });
  b = await core.call('assessments.start', { systemId: second.id, stage: 'procurement' });
});
afterAll(() => core.dispose());

/** The questions with options (yes/no and single choice): the ones generated answers pick from. */
const choiceQuestions = (d: AssessmentDetail): Question[] =>
  d.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions)).filter((q) => q.kind === 'yesNo' || q.kind === 'choice');

/** Generated answers: for some questions an option or "I don't know". */
const answersFor = (questions: Question[]) =>
  fc
    .subarray(questions, { minLength: 1, maxLength: 25 })
    .chain((qs) =>
      fc.tuple(...qs.map((q) => fc.oneof(fc.constantFrom(...('options' in q ? q.options.map((o) => o.value) : [])), fc.constant(null)).map((value): AnswerChange => (value === null ? { questionId: q.id, unknown: true } : { questionId: q.id, value })))),
    );

const clearAll = async (d: AssessmentDetail) => {
  const current = await core.call('assessments.get', { id: d.id });
  const answered = current.answers.filter((x) => x.value !== null || x.unknown || x.notApplicable);
  if (answered.length > 0) await core.call('assessments.answer', { id: d.id, answers: answered.map((x) => ({ questionId: x.questionId, value: null })) });
};

describe('assessments.compare', () => {
  it('gives, for each candidate and threat, the inherent and residual its own profile gives', async () => {
    await fc.assert(
      fc.asyncProperty(answersFor(choiceQuestions(a)), answersFor(choiceQuestions(b)), async (forA, forB) => {
        await clearAll(a);
        await clearAll(b);
        await core.call('assessments.answer', { id: a.id, answers: forA });
        await core.call('assessments.answer', { id: b.id, answers: forB });
        const c: Comparison = await core.call('assessments.compare', { assessmentIds: [a.id, b.id] });
        const profiles = [await core.call('assessments.score', { id: a.id }), await core.call('assessments.score', { id: b.id })];
        expect(c.candidates.map((k) => k.assessmentId)).toEqual([a.id, b.id]);
        expect(c.threats.map((t) => t.threatId).sort()).toEqual(profiles[0]?.threats.map((t) => t.id).sort());
        for (const t of c.threats) {
          profiles.forEach((p, i) => {
            const own = p.threats.find((x) => x.id === t.threatId);
            const { raw: _ri, ...inherent } = own?.inherent ?? { raw: undefined };
            const { raw: _rr, ...residual } = own?.residual ?? { raw: undefined };
            expect({ ...t.cells[i]?.inherent, raw: undefined }).toEqual({ ...inherent, raw: undefined });
            expect({ ...t.cells[i]?.residual, raw: undefined }).toEqual({ ...residual, raw: undefined });
          });
          const residuals = t.cells.map((x) => x.residual?.score ?? 0);
          // The lowest is named only where the residual scores differ, and it is the lowest.
          if (new Set(residuals).size === 1) expect(t.lowestResidual).toEqual([]);
          else expect(t.lowestResidual.map((id) => residuals[c.candidates.findIndex((k) => k.assessmentId === id)])).toEqual([Math.min(...residuals)]);
        }
        // Each candidate's gaps are its own profile's.
        profiles.forEach((p, i) => {
          expect(new Set(c.findings[i]?.gaps.map((g) => g.questionId))).toEqual(new Set(p.threats.flatMap((t) => t.gaps)));
          expect(c.candidates[i]?.overall).toEqual(p.overall);
        });
        // A question differs exactly when the two answers differ in words.
        const answered = [new Map(forA.map((x) => [x.questionId, x])), new Map(forB.map((x) => [x.questionId, x]))];
        const differing = new Set(c.answers.map((d) => d.questionId));
        for (const d of c.answers) {
          const [x, y] = answered.map((m) => m.get(d.questionId));
          expect(x?.value !== y?.value || x?.unknown !== y?.unknown).toBe(true);
          for (const words of d.answers) expect(words.answer).not.toMatch(/^(yes|no|partial|undocumented)$/);
        }
        for (const id of new Set([...forA, ...forB].map((x) => x.questionId))) {
          const [x, y] = answered.map((m) => m.get(id));
          if (x?.value !== y?.value || x?.unknown !== y?.unknown) expect(differing.has(id), id).toBe(true);
        }
        // The summary's winner is never worse on the first measure that separates them.
        const s = c.summary;
        const best = s.standings.filter((x) => s.lowest.includes(x.assessmentId));
        for (const x of s.standings) for (const w of best) expect(w.aboveAppetite.length).toBeLessThanOrEqual(x.aboveAppetite.length);
      }),
      { numRuns: 12 },
    );
  }, 300_000);

  it('names the candidates, words the answers with option labels and says which leaves less residual risk', async () => {
    await clearAll(a);
    await clearAll(b);
    const q = choiceQuestions(a).find((x) => x.kind === 'yesNo');
    if (!q || !('options' in q)) throw new Error('no yes/no question');
    const [yes, no] = [q.options[0], q.options[1]];
    await core.call('assessments.answer', { id: a.id, answers: [{ questionId: q.id, value: yes?.value ?? '' }] });
    await core.call('assessments.answer', { id: b.id, answers: [{ questionId: q.id, value: no?.value ?? '' }] });
    const c = await core.call('assessments.compare', { assessmentIds: [a.id, b.id] });
    expect(c.candidates.map((k) => k.label)).toEqual(['Ambient scribe (Quillwright)', 'Ambient scribe (Scribewell)']);
    const row = c.answers.find((x) => x.questionId === q.id);
    expect(row?.answers.map((x) => x.answer)).toEqual([yes?.label, no?.label]);
    expect(c.summary.statement).toMatch(/leaves the least residual risk|level/);
    expect(c.summary.reasons.join(' ')).toContain('Above the appetite:');
    expect(c.summary.reasons.join(' ')).toContain('Highest residual:');
    expect(c.templateDifferences).toEqual([]);
  });

  it('refuses fewer than two, more than four, repeats and unknown ids, in words', async () => {
    const refusal = async (input: unknown) => {
      const r = await core.raw('assessments.compare', input);
      if (r.ok) throw new Error('expected a refusal');
      return r.error;
    };
    expect((await refusal({ assessmentIds: [a.id] })).message).toContain('choose at least 2 assessments to compare');
    expect((await refusal({ assessmentIds: [a.id, b.id, 'ASM-AAAA', 'ASM-BBBB', 'ASM-CCCC'] })).message).toContain('compare at most 4 assessments at once');
    expect((await refusal({ assessmentIds: [a.id, a.id] })).message).toContain(`an assessment is listed more than once: ${a.id}`);
    const unknown = await refusal({ assessmentIds: [a.id, 'ASM-NOSUCH1', 'ASM-NOSUCH2'] });
    expect(unknown.code).toBe('NOT_FOUND');
    expect(unknown.message).toBe('No assessment with id ASM-NOSUCH1, ASM-NOSUCH2: nothing to compare.');
    expect((await refusal({ assessmentIds: [a.id, 'not-an-id'] })).message).toContain('assessment id must look like ASM-XXXXXXXX');
  });

  it('matches threats and questions by id across different pinned template versions, and says where they differ', async () => {
    const system = await scribe('Ambient scribe', 'Older Templates Ltd');
    const old = await core.call('assessments.start', { systemId: system.id, stage: 'procurement' });
    // Pin the third candidate to an older template: a questionnaire version before today's,
    // without one threat and one question.
    const row = await core.sql.get<{ snapshot_hash: string }>('SELECT snapshot_hash FROM assessments WHERE id = ?', old.id);
    const stored = await core.sql.get<{ content: string }>('SELECT content FROM template_snapshots WHERE hash = ?', row?.snapshot_hash ?? '');
    const snapshot = decodeTemplateSnapshot(stored?.content ?? '', 'test');
    const dropThreat = snapshot.threats.threats[0]?.id ?? '';
    const questionnaire = snapshot.questionnaires[0];
    const dropQuestion = questionnaire?.sections[0]?.questions[0]?.id ?? '';
    const older = {
      ...snapshot,
      threats: { ...snapshot.threats, threats: snapshot.threats.threats.slice(1) },
      controls: { ...snapshot.controls, controls: snapshot.controls.controls.map((c) => ({ ...c, mitigates: c.mitigates.filter((m) => m.threat !== dropThreat) })) },
      questionnaires: snapshot.questionnaires.map((q, i) =>
        i === 0 ? { ...q, version: '0.9.0', sections: q.sections.map((s, j) => (j === 0 ? { ...s, questions: s.questions.slice(1) } : s)) } : q,
      ),
    };
    const { hash, json } = hashSnapshot(older);
    await core.sql.run('INSERT INTO template_snapshots (hash, content) VALUES (?, ?)', hash, json);
    await core.sql.run('UPDATE assessments SET snapshot_hash = ? WHERE id = ?', hash, old.id);

    const c = await core.call('assessments.compare', { assessmentIds: [a.id, old.id] });
    const kinds = c.templateDifferences.map((d) => d.kind);
    expect(kinds).toEqual(expect.arrayContaining(['questionnaireVersion', 'threatMissing', 'questionMissing']));
    const version = c.templateDifferences.find((d) => d.kind === 'questionnaireVersion');
    expect(version?.statement).toContain(`${questionnaire?.version} for Ambient scribe (Quillwright)`);
    expect(version?.statement).toContain('0.9.0 for Ambient scribe (Older Templates Ltd)');
    expect(c.templateDifferences.find((d) => d.kind === 'threatMissing')?.ids).toEqual([dropThreat]);
    expect(c.templateDifferences.find((d) => d.kind === 'questionMissing')?.ids).toEqual([dropQuestion]);
    const threat = c.threats.find((t) => t.threatId === dropThreat);
    expect(threat?.cells[1]?.residual).toBeNull();
    expect(threat?.differs).toBe(true);
    expect(threat?.note).toContain(`Not in the threat catalog pinned by ${old.id}`);
    expect(c.summary.threatsCompared).toBe(c.threats.length - 1);
    expect(c.answers.find((x) => x.questionId === dropQuestion)?.answers[1]?.answer ?? 'Not in its questionnaire').toBe('Not in its questionnaire');
  });

  it('exports the comparison to Word with the threat table and the summary, and records the export', async () => {
    const result = await core.call('export.comparison', { assessmentIds: [a.id, b.id] });
    expect(result.fileName).toMatch(new RegExp(`^vigil-comparison-${a.id}-${b.id}-\\d{4}-\\d{2}-\\d{2}\\.docx$`));
    const ledger = await core.ledger();
    const last = ledger[ledger.length - 1];
    expect(last?.action).toBe('export.comparison');
    expect(JSON.parse(last?.payload ?? '{}')).toMatchObject({ assessments: [a.id, b.id], sha256: result.sha256 });
    const python = pythonWithDocx();
    if (!python) throw new Error('python-docx is needed to read the export back');
    const blocks = readWithPythonDocx(python, Buffer.from(result.dataBase64 ?? '', 'base64'));
    const c = await core.call('assessments.compare', { assessmentIds: [a.id, b.id] });
    const paragraphs = blocks.flatMap((x) => (x.type === 'p' ? [x.text] : []));
    expect(paragraphs).toContain(c.summary.statement);
    for (const reason of c.summary.reasons) expect(paragraphs).toContain(`•\t${reason}`);
    const threatTable = blocks.find((x) => x.type === 'table' && x.rows[0]?.[0] === 'Threat');
    if (threatTable?.type !== 'table') throw new Error('no threat table');
    expect(threatTable.rows[0]).toEqual(['Threat', 'Ambient scribe (Quillwright)', 'Ambient scribe (Scribewell)', 'Difference']);
    expect(threatTable.rows.length).toBe(c.threats.length + 1);
    const first = c.threats[0];
    expect(threatTable.rows[1]?.[0]).toContain(first?.name ?? '?');
    expect(threatTable.rows[1]?.[1]).toContain(`Residual ${first?.cells[0]?.residual?.likelihood}×${first?.cells[0]?.residual?.impact} = ${first?.cells[0]?.residual?.score}`);
  });
});
