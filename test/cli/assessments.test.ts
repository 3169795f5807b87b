import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnswerResult, AssessmentDetail, EvidenceMeta, ThreatProfile } from '../../electron/contract/index.ts';
import { useTempDatabase, vigil } from '../support/run-cli.ts';

let dir = '';
let db = '';
useTempDatabase((paths) => ({ dir, db } = paths));

const json = <T>(args: string[]): T => {
  const run = vigil([...args, '--db', db, '--json']);
  if (run.code !== 0) throw new Error(`vigil ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
};

function startAssessment(): AssessmentDetail {
  const system = json<{ id: string }>(['systems', 'add', '--name', 'Sepsis early warning', '--vendor', 'Northwind', '--deployment', 'onPremises', '--data', 'phi']);
  return json<AssessmentDetail>(['assessments', 'start', '--system', system.id, '--stage', 'procurement']);
}

describe('vigil assessments', () => {
  it('starts, answers with --set and --file, shows and scores', () => {
    const started = startAssessment();
    expect(started.questionnaires.map((q) => q.id)).toEqual(['procurement', 'vendor-transparency']);
    expect(started.status).toBe('draft');

    const yesNo = started.questionnaireSnapshots[0]!.sections.flatMap((s) => s.questions).find((q) => q.kind === 'yesNo' && !q.showIf)!;
    const multi = started.questionnaireSnapshots[1]!.sections.flatMap((s) => s.questions).find((q) => q.kind === 'multi' && !q.showIf)!;
    const options = 'options' in multi ? multi.options.slice(0, 2).map((o) => o.value) : [];
    const set = json<AnswerResult>(['assessments', 'answer', started.id, '--set', `${yesNo.id}=yes`, '--set', `${multi.id}=${options.join(',')}`, '--flag', yesNo.id]);
    expect(set.answers.find((a) => a.questionId === yesNo.id)).toMatchObject({ value: 'yes', flagged: true, source: 'assessor' });
    expect(set.answers.find((a) => a.questionId === multi.id)?.value).toEqual(options);

    const file = join(dir, 'answers.json');
    const other = started.questionnaireSnapshots[0]!.sections.flatMap((s) => s.questions).filter((q) => q.kind === 'yesNo' && !q.showIf)[1]!;
    writeFileSync(file, JSON.stringify({ [other.id]: 'no', [yesNo.id]: 'unknown' }));
    const fromFile = json<AnswerResult>(['assessments', 'answer', started.id, '--file', file]);
    expect(fromFile.answers.find((a) => a.questionId === other.id)?.value).toBe('no');
    // Nobody named: the OS login, labelled as such.
    expect(fromFile.answers.find((a) => a.questionId === other.id)?.answeredBy).toMatch(/^os:/);

    // --actor/--role apply to every command that changes governed records: the answer is recorded under that person.
    expect(vigil(['people', 'add', '--name', 'Ada Assessor', '--roles', 'assessor', '--db', db]).code).toBe(0);
    const third = started.questionnaireSnapshots[0]!.sections.flatMap((s) => s.questions).filter((q) => q.kind === 'yesNo' && !q.showIf)[2]!;
    const asAda = json<AnswerResult>(['assessments', 'answer', started.id, '--set', `${third.id}=yes`, '--actor', 'Ada Assessor', '--role', 'assessor']);
    expect(asAda.answers.find((a) => a.questionId === third.id)?.answeredBy).toBe('Ada Assessor (assessor)');
    const refused = vigil(['assessments', 'answer', started.id, '--set', `${third.id}=no`, '--actor', 'Ada Assessor', '--role', 'reviewer', '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Ada Assessor does not hold the reviewer role');
    expect(vigil(['assessments', 'answer', started.id, '--set', `${third.id}=no`, '--actor', 'Ada Assessor', '--db', db]).code).toBe(2);
    expect(fromFile.answers.find((a) => a.questionId === yesNo.id)).toMatchObject({ unknown: true, value: null, flagged: true });

    const shown = vigil(['assessments', 'show', started.id, '--db', db]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain("I don't know");
    expect(shown.stdout).toMatch(/Overall residual band/);

    const profile = json<ThreatProfile>(['assessments', 'score', started.id]);
    expect(profile.assessmentId).toBe(started.id);
    expect(profile.threats.length).toBeGreaterThanOrEqual(20);
    for (const t of profile.threats) expect(t.residual.score).toBeLessThanOrEqual(t.inherent.score);
    const traced = vigil(['assessments', 'score', started.id, '--db', db]);
    expect(traced.stdout).toMatch(/\[inherent base\]/);
    expect(traced.stdout).toContain(other.id);

    const list = json<{ rows: { id: string }[]; total: number }>(['assessments', 'list']);
    expect(list.rows.map((a) => a.id)).toEqual([started.id]);
    expect(list.total).toBe(1);
  });

  it('refuses a bad answer with exit 1 naming the question, writing nothing', () => {
    const started = startAssessment();
    const yesNo = started.questionnaireSnapshots[0]!.sections.flatMap((s) => s.questions).find((q) => q.kind === 'yesNo' && !q.showIf)!;
    const bad = vigil(['assessments', 'answer', started.id, '--set', `${yesNo.id}=yes`, '--set', `${yesNo.id.replace(/\d+$/, '99')}=no`, '--db', db]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/is not a question of/);
    const wrongKind = vigil(['assessments', 'answer', started.id, '--set', `${yesNo.id}=perhaps`, '--db', db]);
    expect(wrongKind.code).toBe(1);
    expect(wrongKind.stderr).toContain(`${yesNo.id}: "perhaps" is not one of the options`);
    expect(json<AssessmentDetail>(['assessments', 'show', started.id]).answers).toEqual([]);
    expect(vigil(['assessments', 'answer', started.id, '--db', db]).code).toBe(2);
  });

  it('attaches evidence and gets it back byte for byte', () => {
    const started = startAssessment();
    const qid = started.questionnaireSnapshots[0]!.sections[0]!.questions[0]!.id;
    const file = join(dir, 'soc2 report.pdf');
    const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 31) % 256));
    writeFileSync(file, bytes);
    const meta = json<EvidenceMeta>(['evidence', 'add', started.id, qid, file]);
    expect(meta).toMatchObject({ fileName: 'soc2 report.pdf', mediaType: 'application/pdf', size: 5000 });
    expect(meta.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const out = join(dir, 'copy.pdf');
    expect(vigil(['evidence', 'get', meta.id, '--out', out, '--db', db]).code).toBe(0);
    expect(readFileSync(out).equals(bytes)).toBe(true);
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const refused = vigil(['evidence', 'add', started.id, qid, empty, '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/empty\.txt is empty \(0 bytes\)/);
    expect(vigil(['evidence', 'remove', meta.id, '--db', db]).code).toBe(0);
    expect(json<AssessmentDetail>(['assessments', 'show', started.id]).evidence).toEqual([]);
  });
});
