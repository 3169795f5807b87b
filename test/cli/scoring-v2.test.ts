// Scoring model 2 from the built `vigil` binary (issue 12): the clinical fields of the system
// record, transcribed vendor claims, "Not applicable", reviews of free-text answers, checked
// evidence, contradictions and their resolution, and the upgrade of an assessment pinned to
// scoring model 1.
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AiSystem, AnswerResult, AssessmentDetail, EvidenceMeta, Question, ThreatProfile } from '../../electron/contract/index.ts';
import { useTempDatabase, vigil } from '../support/run-cli.ts';

let dir = '';
let db = '';
useTempDatabase((paths) => ({ dir, db } = paths));

const json = <T>(args: string[]): T => {
  const run = vigil([...args, '--db', db, '--json']);
  if (run.code !== 0) throw new Error(`vigil ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
};
const run = (args: string[]) => vigil([...args, '--db', db]);

const questionsOf = (d: AssessmentDetail): Question[] => d.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions));
const creditsOf = (q: Question): string[] =>
  'options' in q ? q.options.flatMap((o) => o.effects.flatMap((e) => ('control' in e ? [e.control] : []))) : q.answeredEffects.flatMap((e) => ('control' in e ? [e.control] : []));
const residuals = (p: ThreatProfile) => Object.fromEntries(p.threats.map((t) => [t.id, JSON.stringify(t.residual.raw ?? t.residual)]));

function startAssessment(): AssessmentDetail {
  const system = json<AiSystem>([
    'systems', 'add', '--name', 'Sepsis early warning', '--vendor', 'Northwind', '--autonomy', 'augments', '--model-type', 'predictive',
    '--deployment', 'onPremises', '--data', 'phi', '--integration', 'ehr', '--worst-harm', 'catastrophic', '--time-critical', 'yes',
  ]);
  return json<AssessmentDetail>(['assessments', 'start', '--system', system.id, '--stage', 'procurement']);
}

/** Two yes/no questions about one safeguard, one of them for the vendor: the material of a contradiction. */
function contradictionPair(d: AssessmentDetail): { assessor: Question; vendor: Question; control: string } {
  const visible = new Set(d.visibleQuestions);
  const yesNo = questionsOf(d).filter((q) => q.kind === 'yesNo' && visible.has(q.id));
  for (const vendor of yesNo.filter((q) => q.vendorAnswerable)) {
    for (const control of creditsOf(vendor)) {
      const assessor = yesNo.find((q) => q.id !== vendor.id && !q.vendorAnswerable && creditsOf(q).includes(control));
      if (assessor) return { assessor, vendor, control };
    }
  }
  throw new Error('no two yes/no questions credit one safeguard');
}

describe('vigil and scoring model 2', () => {
  it('records worst credible harm and time-critical on the system, and refuses bad values with exit 2', () => {
    const added = json<AiSystem>(['systems', 'add', '--name', 'Ambient scribe', '--vendor', 'Quill', '--worst-harm', 'serious', '--time-critical', 'no']);
    expect(added).toMatchObject({ worstCredibleHarm: 'serious', timeCritical: false });
    const shown = run(['systems', 'show', added.id]);
    expect(shown.stdout).toMatch(/Worst credible harm\s+Serious \(needs extra treatment\)/);
    expect(shown.stdout).toMatch(/Time-critical condition\s+No/);

    const edited = json<AiSystem>(['systems', 'edit', added.id, '--worst-harm', 'critical', '--time-critical', 'yes']);
    expect(edited).toMatchObject({ worstCredibleHarm: 'critical', timeCritical: true });
    const cleared = json<AiSystem>(['systems', 'edit', added.id, '--worst-harm', 'not-recorded', '--time-critical', 'not-recorded']);
    expect(cleared).toMatchObject({ worstCredibleHarm: null, timeCritical: null });
    expect(run(['systems', 'show', added.id]).stdout).toMatch(/Time-critical condition\s+Not recorded/);

    const badHarm = run(['systems', 'edit', added.id, '--worst-harm', 'deadly']);
    expect(badHarm.code).toBe(2);
    expect(badHarm.stderr).toContain('--worst-harm takes one of negligible, minor, serious, critical, catastrophic');
    const badTime = run(['systems', 'edit', added.id, '--time-critical', 'maybe']);
    expect(badTime.code).toBe(2);
    expect(badTime.stderr).toContain('--time-critical takes yes, no or not-recorded');
  });

  it('transcribes vendor claims, lists and resolves a contradiction, with --actor/--role', () => {
    expect(run(['people', 'add', '--name', 'Ada Assessor', '--roles', 'assessor']).code).toBe(0);
    const started = startAssessment();
    expect(started.scoringModel).toBe(2);
    const { assessor, vendor, control } = contradictionPair(started);

    // --transcribed needs values; a non-vendor question cannot carry the vendor's claim (exit 1).
    expect(run(['assessments', 'answer', started.id, '--transcribed', '--flag', vendor.id]).code).toBe(2);
    expect(run(['assessments', 'answer', started.id, '--set', `${vendor.id}=unknown`, '--transcribed']).code).toBe(2);
    const refused = run(['assessments', 'answer', started.id, '--set', `${assessor.id}=yes`, '--transcribed']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('it is not a question for the vendor');

    json<AnswerResult>(['assessments', 'answer', started.id, '--set', `${assessor.id}=yes`]);
    const saved = json<AnswerResult>(['assessments', 'answer', started.id, '--set', `${vendor.id}=no`, '--transcribed']);
    expect(saved.answers.find((a) => a.questionId === vendor.id)).toMatchObject({ value: 'no', source: 'vendor', transcribed: true });
    const open = saved.profile.contradictions?.find((c) => c.controlId === control);
    expect(open).toMatchObject({ resolution: null, credits: [{ questionId: assessor.id, source: 'assessor' }], denies: [{ questionId: vendor.id, source: 'vendor' }] });

    const shown = run(['assessments', 'show', started.id]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/Scoring model\s+2/);
    expect(shown.stdout).toContain('vendor, transcribed');
    expect(shown.stdout).toContain(`${control} ${open?.controlName}`);
    expect(shown.stdout).toContain(`says it is in place:     ${assessor.id} "Yes" (assessor)`);
    expect(shown.stdout).toContain(`says it is not in place: ${vendor.id} "No" (vendor)`);
    expect(shown.stdout).toContain('open: scored as not in place until an assessor resolves it');
    const traced = run(['assessments', 'score', started.id]);
    expect(traced.stdout).toMatch(/^Scoring model 2$/m);
    expect(traced.stdout).toContain('exposure before the 1-5 scale: inherent likelihood');
    expect(traced.stdout).toMatch(/\[residual contradiction\]/);

    // Usage mistakes are exit 2; a safeguard nobody disagrees about is a refusal (exit 1).
    expect(run(['assessments', 'resolve', started.id, control, '--decision', 'credit']).code).toBe(2);
    expect(run(['assessments', 'resolve', started.id, control, '--decision', 'maybe', '--note', 'x']).code).toBe(2);
    expect(run(['assessments', 'resolve', started.id, control, '--decision', 'credit', '--note', 'x', '--actor', 'Ada Assessor']).code).toBe(2);
    const nothing = run(['assessments', 'resolve', started.id, 'C-NOTHING-HERE', '--decision', 'credit', '--note', 'x']);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('there is nothing to resolve');

    const before = json<ThreatProfile>(['assessments', 'score', started.id]);
    const resolved = json<AnswerResult>([
      'assessments', 'resolve', started.id, control, '--decision', 'credit', '--note', 'Saw the encryption settings on site', '--actor', 'Ada Assessor', '--role', 'assessor',
    ]);
    expect(resolved.profile.contradictions?.find((c) => c.controlId === control)?.resolution).toMatchObject({
      decision: 'credit',
      note: 'Saw the encryption settings on site',
      by: 'Ada Assessor (assessor)',
    });
    expect(residuals(resolved.profile)).not.toEqual(residuals(before));
    const human = run(['assessments', 'show', started.id]);
    expect(human.stdout).toMatch(/resolved by Ada Assessor \(assessor\) at \S+: safeguard in place \("Saw the encryption settings on site"\)/);
  });

  it('reviews a free-text answer (the score moves only when adequate) and marks evidence checked', () => {
    expect(run(['people', 'add', '--name', 'Ada Assessor', '--roles', 'assessor']).code).toBe(0);
    const started = startAssessment();
    const visible = new Set(started.visibleQuestions);
    const text = questionsOf(started).find((q) => q.kind === 'text' && visible.has(q.id) && creditsOf(q).length > 0)!;
    const typed = json<AnswerResult>(['assessments', 'answer', started.id, '--set', `${text.id}=Trained on 40,000 adult ICU admissions from three hospitals, 2015-2020`]);

    expect(run(['assessments', 'review-answer', started.id, text.id]).code).toBe(2);
    expect(run(['assessments', 'review-answer', started.id, text.id, '--verdict', 'fine']).code).toBe(2);
    const yesNo = questionsOf(started).find((q) => q.kind === 'yesNo' && visible.has(q.id))!;
    const notFree = run(['assessments', 'review-answer', started.id, yesNo.id, '--verdict', 'adequate']);
    expect(notFree.code).toBe(1);
    expect(notFree.stderr).toContain('only free-text, number and date answers are reviewed');

    const inadequate = json<AnswerResult>(['assessments', 'review-answer', started.id, text.id, '--verdict', 'inadequate']);
    expect(residuals(inadequate.profile)).toEqual(residuals(typed.profile));
    const adequate = json<AnswerResult>(['assessments', 'review-answer', started.id, text.id, '--verdict', 'adequate', '--actor', 'Ada Assessor', '--role', 'assessor']);
    expect(adequate.answers.find((a) => a.questionId === text.id)?.review).toMatchObject({ verdict: 'adequate', by: 'Ada Assessor (assessor)' });
    expect(residuals(adequate.profile)).not.toEqual(residuals(typed.profile));
    expect(run(['assessments', 'show', started.id]).stdout).toMatch(/adequate \(Ada Assessor \(assessor\), /);
    const human = run(['assessments', 'review-answer', started.id, text.id, '--verdict', 'clear']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(`${text.id} of ${started.id}: no review verdict.`);

    // A transcribed vendor claim with a checked evidence file counts in full.
    const claim = questionsOf(started).find((q) => q.kind === 'yesNo' && q.vendorAnswerable && visible.has(q.id) && creditsOf(q).length > 0)!;
    const unchecked = json<AnswerResult>(['assessments', 'answer', started.id, '--set', `${claim.id}=yes`, '--transcribed']);
    const file = join(dir, 'pen test summary.txt');
    writeFileSync(file, 'Penetration test summary, 2026');
    const meta = json<EvidenceMeta>(['evidence', 'add', started.id, claim.id, file]);
    expect(meta).toMatchObject({ verifiedBy: null, verifiedAt: null });
    const checked = json<EvidenceMeta>(['evidence', 'verify', meta.id, '--actor', 'Ada Assessor', '--role', 'assessor']);
    expect(checked).toMatchObject({ verifiedBy: 'Ada Assessor (assessor)' });
    expect(checked.verifiedAt).not.toBeNull();
    const after = json<AssessmentDetail>(['assessments', 'show', started.id]);
    expect(residuals(after.profile)).not.toEqual(residuals(unchecked.profile));
    expect(run(['assessments', 'show', started.id]).stdout).toMatch(/Ada Assessor \(assessor\), \d{4}-\d\d-\d\dT/);
    const again = run(['evidence', 'verify', meta.id]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('is already marked checked');
    const undone = run(['evidence', 'verify', meta.id, '--undo']);
    expect(undone.code).toBe(0);
    expect(undone.stdout).toContain('is no longer marked checked');
    expect(json<AssessmentDetail>(['assessments', 'show', started.id]).evidence[0]).toMatchObject({ verifiedBy: null, verifiedAt: null });
  });

  it('refuses "Not applicable" where the question does not offer it, naming the question', () => {
    const started = startAssessment();
    const offered = questionsOf(started).find((q) => q.notApplicable === undefined && started.visibleQuestions.includes(q.id))!;
    const refused = run(['assessments', 'answer', started.id, '--not-applicable', offered.id]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${offered.id} cannot be answered "Not applicable"`);
  });

  it('answers "Not applicable" where the question offers it for this system (on premises, in the EHR), so it is no gap', () => {
    const started = startAssessment();
    const offered = questionsOf(started).find((q) => q.notApplicable !== undefined && started.visibleQuestions.includes(q.id));
    expect(offered, 'the templates offer "Not applicable" for an on-premises, EHR-integrated system').toBeDefined();
    const result = json<AnswerResult>(['assessments', 'answer', started.id, '--not-applicable', offered?.id ?? '']);
    expect(result.answers.find((a) => a.questionId === offered?.id)).toMatchObject({ notApplicable: true, value: null });
    expect(result.profile.threats.some((t) => t.gaps.includes(offered?.id ?? ''))).toBe(false);
    const shown = run(['assessments', 'show', started.id]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(offered?.id ?? '');
    expect(shown.stdout).toMatch(/Not applicable/);
  });

  it('upgrades an assessment pinned to scoring model 1 and says what changed', () => {
    const started = startAssessment();
    const yesNo = questionsOf(started).find((q) => q.kind === 'yesNo' && started.visibleQuestions.includes(q.id))!;
    json<AnswerResult>(['assessments', 'answer', started.id, '--set', `${yesNo.id}=yes`]);
    // An assessment from before model 2: pinned to model 1, as migration 006 leaves them.
    const sqlite = new Database(db);
    sqlite.prepare('UPDATE assessments SET scoring_model = 1 WHERE id = ?').run(started.id);
    sqlite.close();
    const pinned = run(['assessments', 'show', started.id]);
    expect(pinned.stdout).toMatch(/Scoring model\s+1 \(upgrade with: vigil assessments upgrade-scoring ID\)/);

    const upgraded = run(['assessments', 'upgrade-scoring', started.id]);
    expect(upgraded.code).toBe(0);
    expect(upgraded.stdout).toContain(`Upgraded ${started.id} from scoring model 1 to 2: 1 answer(s) carried.`);
    expect(upgraded.stdout).toMatch(/Overall residual band: \w+ \(\d+\) before, \w+ \(\d+\) after\./);
    expect(json<AssessmentDetail>(['assessments', 'show', started.id]).scoringModel).toBe(2);
    const again = vigil(['assessments', 'upgrade-scoring', started.id, '--db', db, '--json']);
    expect(again.code).toBe(1);
    expect((JSON.parse(again.stderr) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'CONFLICT' });
    expect(json<{ scoringModel: number }[]>(['assessments', 'list', '--all']).map((a) => a.scoringModel)).toEqual([2]);
  });
});
