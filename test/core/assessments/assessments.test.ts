// The assessments service through the dispatcher: start, answer, score and evidence, with the
// refusals that must leave the database exactly as it was.
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withoutTraces } from '../../../electron/core/assessments/assessments-service.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isExposure, maxEvidenceBytes, type AnswerChange, type AssessmentDetail, type Questionnaire, type ThreatProfile } from '../../../electron/contract/index.ts';
import type { IdSource } from '../../../electron/core/deps.ts';
import type { AuditEventsTable } from '../../../electron/core/store/schema.ts';
import { makeTestCore, tempDir, templatesDir, type TestCore, osActor } from '../../support/core-fixture.ts';

let core: TestCore;
let assessment: AssessmentDetail;

beforeEach(async () => {
  core = makeTestCore();
  const system = await core.call('systems.create', {
    name: 'Chest X-ray triage',
    vendor: 'Acme Imaging',
    modelType: 'predictive',
    deploymentType: 'vendorCloud',
    dataCategories: ['phi', 'imaging'],
    integrationPoints: ['pacs'],
    autonomyLevel: 'augments',
  });
  assessment = await core.call('assessments.start', { systemId: system.id, stage: 'procurement' });
});
afterEach(() => core.dispose());

/** Everything an assessment command can write, read through a second connection. */
async function dbState() {
  const { sql } = core;
  return {
    assessments: await sql.all('SELECT * FROM assessments ORDER BY id'),
    answers: await sql.all('SELECT * FROM answers ORDER BY assessment_id, question_id'),
    evidence: await sql.all('SELECT id, assessment_id, question_id, file_name, media_type, size, sha256, added_by, added_at FROM evidence ORDER BY id'),
    profiles: await sql.all('SELECT * FROM threat_profiles ORDER BY assessment_id'),
    audit: await sql.all<AuditRow>('SELECT seq, at, actor, action, entity, payload, hash FROM audit_events ORDER BY seq'),
  };
}
type AuditRow = Omit<AuditEventsTable, 'prev_hash'>;

async function storedProfile(id: string): Promise<ThreatProfile> {
  const row = await core.sql.get<{ profile: string }>('SELECT profile FROM threat_profiles WHERE assessment_id = ?', id);
  return JSON.parse(row?.profile ?? 'null') as ThreatProfile;
}

const setStatus = (id: string, status: string) => core.sql.run('UPDATE assessments SET status = ? WHERE id = ?', status, id);

const withoutTime = (p: ThreatProfile) => ({ ...p, scoredAt: '(time)' });
const answer = (answers: AnswerChange[], id = assessment.id) => core.raw('assessments.answer', { id, answers });

/** Expects a refusal with the given code whose message names `names`, and no change to the database. */
async function expectRefused(call: () => Promise<{ ok: boolean; error?: { code: string; message: string } }>, code: string, names: string) {
  const before = await dbState();
  const result = await call();
  expect(result.ok).toBe(false);
  expect(result.error?.code).toBe(code);
  expect(result.error?.message).toContain(names);
  expect(await dbState()).toStrictEqual(before);
}

describe('assessments.start', () => {
  it('starts a draft at the stage with its questionnaires, an inherent profile and one audit event', async () => {
    expect(assessment).toMatchObject({ stage: 'procurement', status: 'draft', createdBy: osActor });
    const installed = (name: string) => (JSON.parse(readFileSync(join(templatesDir, 'questionnaires', `${name}.json`), 'utf8')) as Questionnaire).version;
    expect(assessment.questionnaires).toEqual([
      { id: 'procurement', version: installed('procurement') },
      { id: 'vendor-transparency', version: installed('vendor-transparency') },
    ]);
    expect(assessment.answers).toEqual([]);
    for (const t of assessment.profile.threats) expect(t.residual).toStrictEqual(t.inherent);
    const audit = (await dbState()).audit.filter((e) => e.entity === assessment.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'assessment.started', actor: osActor });
    const stored = await storedProfile(assessment.id);
    expect(withoutTime(stored)).toStrictEqual(withoutTime(withoutTraces(assessment.profile)));
    expect(stored.scoredAt).toBe(audit[0]?.at);
  });

  it('pins the questionnaire versions and the scoring content the assessment started with', async () => {
    const { dir, cleanup } = tempDir('vigil-pin-');
    const templates = join(dir, 'templates');
    cpSync(templatesDir, templates, { recursive: true });
    const first = makeTestCore({ templatesDir: templates });
    try {
      const ok = <T>(r: { ok: boolean; value?: unknown; error?: unknown }) => {
        if (!r.ok) throw new Error(JSON.stringify(r.error));
        return r.value as T;
      };
      const system = ok<{ id: string }>(await first.raw('systems.create', { name: 'Sepsis alert', vendor: 'V', dataCategories: ['phi'] }));
      const pinned = ok<AssessmentDetail>(await first.raw('assessments.start', { systemId: system.id, stage: 'procurement' }));
      first.close();

      // The installed templates move on: a new questionnaire version and a changed threat.
      const qFile = join(templates, 'questionnaires', 'procurement.json');
      const q = JSON.parse(readFileSync(qFile, 'utf8')) as Questionnaire;
      q.version = '9.9.0';
      const firstQuestion = q.sections[0]?.questions[0] as { text: string };
      firstQuestion.text = 'A reworded first question?';
      writeFileSync(qFile, JSON.stringify(q));
      const tFile = join(templates, 'catalog', 'threats.json');
      const catalog = JSON.parse(readFileSync(tFile, 'utf8')) as { threats: { id: string; baseLikelihood: number }[] };
      const phi = catalog.threats.find((t) => t.id === 'T-PHI-BREACH') as { baseLikelihood: number };
      phi.baseLikelihood = phi.baseLikelihood === 5 ? 4 : 5;
      writeFileSync(tFile, JSON.stringify(catalog));

      let n = 0;
      const laterIds: IdSource = { next: (prefix) => `${prefix}-LATER${String(++n).padStart(3, '0')}` };
      const second = first.reopen('2026-06-01T09:00:00.000Z', laterIds);
      try {
        const again = ok<AssessmentDetail>(await second.raw('assessments.get', { id: pinned.id }));
        expect(again.questionnaires).toEqual(pinned.questionnaires);
        expect(again.questionnaireSnapshots).toStrictEqual(pinned.questionnaireSnapshots);
        expect(again.profile.threats).toStrictEqual(pinned.profile.threats);
        const rescored = ok<ThreatProfile>(await second.raw('assessments.score', { id: pinned.id }));
        expect(rescored.threats).toStrictEqual(pinned.profile.threats);

        const fresh = ok<AssessmentDetail>(await second.raw('assessments.start', { systemId: system.id, stage: 'procurement' }));
        expect(fresh.questionnaires).toContainEqual({ id: 'procurement', version: '9.9.0' });
        expect(fresh.questionnaireSnapshots[0]?.sections[0]?.questions[0]?.text).toBe('A reworded first question?');
        const phiOf = (d: AssessmentDetail) => d.profile.threats.find((t) => t.id === 'T-PHI-BREACH')?.trace[0]?.effect.likelihood;
        expect(phiOf(fresh)).toBe(phi.baseLikelihood);
        expect(phiOf(fresh)).not.toBe(phiOf(pinned));
      } finally {
        second.close();
      }
    } finally {
      first.dispose();
      cleanup();
    }
  });

  it('returns the same snapshot on every later read', async () => {
    await core.call('assessments.answer', { id: assessment.id, answers: [{ questionId: 'PR-USE-01', value: 'within' }] });
    const later = await core.call('assessments.get', { id: assessment.id });
    expect(later.questionnaireSnapshots).toStrictEqual(assessment.questionnaireSnapshots);
    expect(later.questionnaires).toStrictEqual(assessment.questionnaires);
  });
});

describe('assessments.answer', () => {
  it('saves answers as the assessor, at the command’s time, by the calling actor', async () => {
    const result = await core.call('assessments.answer', {
      id: assessment.id,
      answers: [
        { questionId: 'PR-USE-01', value: 'within' },
        { questionId: 'PR-GOV-01', unknown: true },
        { questionId: 'VT-DEV-01', value: 'Acme Imaging Ltd, Leeds', flagged: true },
      ],
    });
    const event = (await dbState()).audit.at(-1) as AuditRow;
    expect(event).toMatchObject({ action: 'assessment.answered', entity: assessment.id, actor: osActor });
    expect(event.at).toMatch(/^2026-03-01T09:\d\d:\d\d\.000Z$/);
    const byId = new Map(result.answers.map((a) => [a.questionId, a]));
    expect(byId.get('PR-USE-01')).toMatchObject({ questionId: 'PR-USE-01', value: 'within', unknown: false, flagged: false, source: 'assessor', answeredBy: osActor, answeredAt: event.at });
    expect(byId.get('PR-GOV-01')).toMatchObject({ questionId: 'PR-GOV-01', value: null, unknown: true, flagged: false, source: 'assessor', answeredBy: osActor, answeredAt: event.at });
    expect(byId.get('VT-DEV-01')).toMatchObject({ value: 'Acme Imaging Ltd, Leeds', flagged: true, source: 'assessor', answeredAt: event.at });
    const detail = await core.call('assessments.get', { id: assessment.id });
    expect(detail.status).toBe('inProgress');
    expect(detail.updatedAt).toBe(event.at);
    expect(detail.answers).toEqual(expect.arrayContaining(result.answers));
    expect(result.progress).toMatchObject({ answered: 3, unknown: 1, flagged: 1 });
  });

  it('stores, after every answer, the scores assessments.score computes (traces are recomputed on read)', async () => {
    const steps: AnswerChange[][] = [
      [{ questionId: 'PR-DAT-01', value: 'yes' }],
      [{ questionId: 'PR-DAT-02', value: 'no' }],
      [{ questionId: 'PR-GOV-01', value: 'yes' }, { questionId: 'VT-DATA-02', value: ['race', 'sex'] }],
      [{ questionId: 'PR-DAT-02', value: 'yes' }],
      [{ questionId: 'PR-DAT-01', value: 'no' }], // hides PR-DAT-02, whose answer is kept
      [{ questionId: 'PR-GOV-01', unknown: true }],
      [{ questionId: 'VT-DATA-02', value: null }],
      [{ questionId: 'PR-USE-01', flagged: true }],
    ];
    for (const changes of steps) {
      const result = await core.call('assessments.answer', { id: assessment.id, answers: changes });
      const stored = await storedProfile(assessment.id);
      expect(stored).toStrictEqual(withoutTraces(result.profile));
      expect(stored.scoredAt).toBe(result.answers.find((a) => a.questionId === changes[0]?.questionId)?.answeredAt);
      const scored = await core.call('assessments.score', { id: assessment.id });
      expect(withoutTime(withoutTraces(scored))).toStrictEqual(withoutTime(stored));
    }
    const final = await core.call('assessments.get', { id: assessment.id });
    expect(final.answers.find((a) => a.questionId === 'PR-DAT-02')).toMatchObject({ value: 'yes' });
    expect(final.visibleQuestions).not.toContain('PR-DAT-02');
    expect(final.profile.threats.flatMap((t) => t.trace).some((e) => e.questionId === 'PR-DAT-02')).toBe(false);
  });

  it('moves the profile: an exposure raises the inherent exposure and the trace names the answer', async () => {
    // The first visible yes/no question whose "no" raises a threat's likelihood, found from the templates.
    const questions = assessment.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions));
    const q = questions.find((x) => assessment.visibleQuestions.includes(x.id) && x.kind === 'yesNo' && (x.options[1]?.effects ?? []).some((e) => isExposure(e) && e.likelihood));
    const effect = q && 'options' in q ? (q.options[1]?.effects.find((e) => isExposure(e) && e.likelihood) as { threat: string; likelihood: number }) : undefined;
    expect(effect).toBeDefined();
    const before = assessment.profile.threats.find((t) => t.id === effect?.threat);
    const result = await core.call('assessments.answer', { id: assessment.id, answers: [{ questionId: q?.id ?? '', value: 'no' }] });
    const after = result.profile.threats.find((t) => t.id === effect?.threat);
    expect(after?.trace).toContainEqual(expect.objectContaining({ step: 'exposure', questionId: q?.id, answer: 'no', effect: expect.objectContaining({ likelihood: effect?.likelihood }) }));
    expect(after?.inherent.raw?.likelihood).toBeGreaterThanOrEqual((before?.inherent.raw?.likelihood ?? 0) + (effect?.likelihood ?? 0));
    expect(after?.inherent.likelihood).toBe(Math.min(5, Math.max(1, Math.floor((after?.inherent.raw?.likelihood ?? 0) + 0.5))));
  });

  describe('refuses, writing nothing', () => {
    it.each<[string, AnswerChange[], string]>([
      ['an unknown question', [{ questionId: 'PR-XXX-99', value: 'yes' }], 'PR-XXX-99'],
      ['text for a yesNo question', [{ questionId: 'PR-GOV-01', value: 'probably' }], 'PR-GOV-01'],
      ['a number for a yesNo question', [{ questionId: 'PR-GOV-01', value: 1 }], 'PR-GOV-01'],
      ['a list for a choice question', [{ questionId: 'PR-USE-01', value: ['within'] }], 'PR-USE-01'],
      ['an option not in the list', [{ questionId: 'PR-USE-01', value: 'nowhere' }], 'PR-USE-01'],
      ['a non-list for a multi question', [{ questionId: 'VT-DATA-02', value: 'race' }], 'VT-DATA-02'],
      ['an unknown option in a multi answer', [{ questionId: 'VT-DATA-02', value: ['race', 'eyeColour'] }], 'VT-DATA-02'],
      ['a repeated option in a multi answer', [{ questionId: 'VT-DATA-02', value: ['race', 'race'] }], 'VT-DATA-02'],
      ['a number for a text question', [{ questionId: 'VT-DEV-01', value: 7 }], 'VT-DEV-01'],
      ['blank text', [{ questionId: 'VT-DEV-01', value: '   ' }], 'VT-DEV-01'],
      ['a date in the wrong format', [{ questionId: 'VT-DVC-06', value: '01/02/2026' }], 'VT-DVC-06'],
      ['a date that does not exist', [{ questionId: 'VT-DVC-06', value: '2026-02-30' }], 'VT-DVC-06'],
      ['the same question twice in one request', [{ questionId: 'PR-GOV-01', value: 'yes' }, { questionId: 'PR-GOV-01', value: 'no' }], 'PR-GOV-01'],
      [
        'one bad answer among good ones',
        [
          { questionId: 'PR-USE-01', value: 'within' },
          { questionId: 'PR-GOV-02', value: 'yes' },
          { questionId: 'VT-DATA-02', value: 'race' },
          { questionId: 'PR-GOV-03', value: 'no' },
        ],
        'VT-DATA-02',
      ],
    ])('%s', async (_what, changes, names) => {
      // Some earlier answers, so "unchanged" is not just "empty".
      await core.call('assessments.answer', { id: assessment.id, answers: [{ questionId: 'PR-GOV-01', value: 'no' }, { questionId: 'PR-USE-01', value: 'partly' }] });
      await expectRefused(() => answer(changes), 'VALIDATION_FAILED', names);
    });

    it('an answer to a submitted assessment', async () => {
      await core.call('assessments.answer', { id: assessment.id, answers: [{ questionId: 'PR-GOV-01', value: 'no' }] });
      await setStatus(assessment.id, 'submitted');
      await expectRefused(() => answer([{ questionId: 'PR-GOV-01', value: 'yes' }]), 'CONFLICT', assessment.id);
      await expectRefused(
        () => core.raw('evidence.add', { assessmentId: assessment.id, questionId: 'PR-GOV-01', fileName: 'late.pdf', dataBase64: 'aGVsbG8=' }),
        'CONFLICT',
        assessment.id,
      );
    });

    it('an unknown assessment', async () => {
      await expectRefused(() => answer([{ questionId: 'PR-GOV-01', value: 'yes' }], 'ASM-NOSUCH01'), 'NOT_FOUND', 'ASM-NOSUCH01');
    });
  });
});

describe('evidence', () => {
  const add = (bytes: Buffer, over: Record<string, unknown> = {}) =>
    core.raw('evidence.add', { assessmentId: assessment.id, questionId: 'PR-GOV-01', fileName: 'policy.pdf', mediaType: 'application/pdf', dataBase64: bytes.toString('base64'), ...over });

  it('keeps the file byte for byte with its SHA-256', async () => {
    const bytes = Buffer.concat([randomBytes(70_000), Buffer.from([0, 255, 0, 13, 10])]);
    const added = await add(bytes);
    expect(added.ok).toBe(true);
    const meta = (added as { value: { id: string } }).value;
    expect(meta).toMatchObject({
      assessmentId: assessment.id,
      questionId: 'PR-GOV-01',
      fileName: 'policy.pdf',
      mediaType: 'application/pdf',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      addedBy: osActor,
    });
    const file = await core.call('evidence.get', { id: meta.id });
    expect(file.meta).toEqual(meta);
    expect(Buffer.from(file.dataBase64, 'base64').equals(bytes)).toBe(true);
    expect((await core.call('assessments.get', { id: assessment.id })).evidence).toEqual([meta]);
  });

  it('refuses an empty file, naming it', async () => {
    await expectRefused(() => add(Buffer.alloc(0), { fileName: 'empty-scan.pdf' }), 'VALIDATION_FAILED', 'empty-scan.pdf');
  });

  it('refuses a file of 25 MB + 1 byte, naming it, and accepts exactly 25 MB', async () => {
    await expectRefused(() => add(Buffer.alloc(maxEvidenceBytes + 1, 7), { fileName: 'huge-export.zip' }), 'VALIDATION_FAILED', 'huge-export.zip');
    const atLimit = await add(Buffer.alloc(maxEvidenceBytes, 7), { fileName: 'limit.zip' });
    expect(atLimit.ok).toBe(true);
  });

  it('refuses evidence on a question the assessment does not have', async () => {
    await expectRefused(() => add(Buffer.from('hello'), { questionId: 'PR-XXX-99' }), 'VALIDATION_FAILED', 'PR-XXX-99');
  });

  it('removes a file, audited, after which it is gone', async () => {
    const added = await add(Buffer.from('signed BAA'));
    const meta = (added as { value: { id: string; sha256: string } }).value;
    const removed = await core.call('evidence.remove', { id: meta.id });
    expect(removed).toEqual(meta);
    const event = (await dbState()).audit.at(-1) as AuditRow;
    expect(event).toMatchObject({ action: 'evidence.removed', entity: assessment.id, actor: osActor });
    expect(JSON.parse(event.payload)).toEqual({ removed: { id: meta.id, fileName: 'policy.pdf', sha256: meta.sha256 } });
    const gone = await core.raw('evidence.get', { id: meta.id });
    expect(gone).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await core.call('assessments.get', { id: assessment.id })).evidence).toEqual([]);
    await expectRefused(() => core.raw('evidence.remove', { id: meta.id }), 'NOT_FOUND', meta.id);
  });
});

describe('the audit ledger', () => {
  it('gets exactly one event per successful command, and none for reads', async () => {
    const audit = async () => (await dbState()).audit;
    const expectOne = async (run: () => Promise<unknown>, action: string) => {
      const before = await audit();
      await run();
      const after = await audit();
      expect(after.slice(0, before.length)).toStrictEqual(before);
      expect(after.slice(before.length)).toEqual([expect.objectContaining({ action, entity: assessment.id, actor: osActor })]);
    };
    const expectNone = async (run: () => Promise<unknown>) => {
      const before = await audit();
      await run();
      expect(await audit()).toStrictEqual(before);
    };
    const system = assessment.systemId;
    const before = await audit();
    const started = await core.call('assessments.start', { systemId: system, stage: 'procurement' });
    expect((await audit()).slice(before.length)).toEqual([expect.objectContaining({ action: 'assessment.started', entity: started.id, actor: osActor })]);
    await expectOne(() => core.call('assessments.answer', { id: assessment.id, answers: [{ questionId: 'PR-GOV-01', value: 'yes' }] }), 'assessment.answered');
    await expectOne(
      () => core.call('assessments.answer', { id: assessment.id, answers: [{ questionId: 'PR-GOV-02', value: 'no' }, { questionId: 'PR-GOV-03', unknown: true }] }),
      'assessment.answered',
    );
    let evidenceId = '';
    await expectOne(async () => {
      evidenceId = (await core.call('evidence.add', { assessmentId: assessment.id, questionId: 'PR-GOV-01', fileName: 'a.txt', dataBase64: 'aGVsbG8=' })).id;
    }, 'evidence.added');
    await expectNone(() => core.call('evidence.get', { id: evidenceId }));
    await expectNone(() => core.call('assessments.get', { id: assessment.id }));
    await expectNone(() => core.call('assessments.list', {}));
    await expectNone(() => core.call('assessments.score', { id: assessment.id }));
    await expectOne(() => core.call('evidence.remove', { id: evidenceId }), 'evidence.removed');
    const payload = JSON.parse(((await audit()).at(-1) as AuditRow).payload) as unknown;
    expect(payload).toMatchObject({ removed: { id: evidenceId } });
  });
});
