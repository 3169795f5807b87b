// The register and questionnaire exports through the dispatcher, on the demo portfolio: what the
// documents hold, the ledger head they state, their record in the ledger, scope, refusals.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentDetail, ExportProgress, ExportResult, Risk } from '../../../electron/contract/index.ts';
import { currentIds } from '../../../electron/core/rules/current-assessments.ts';
import type { ExportWriters } from '../../../electron/core/export/export-service.ts';
import { buildRegisterDocument } from '../../../electron/core/export/register-document.ts';
import { actor, makeTestCore, type TestCore } from '../../support/core-fixture.ts';
import { docxText } from '../../support/read-docx.ts';

let core: TestCore;
/** The current risks (of the latest assessment of each stage): the ones a register lists. */
let risks: Risk[];
/** Risks of superseded assessments: history, not the register. */
let superseded: Risk[];
/** The current assessments' details. */
let details: AssessmentDetail[];

const bytesOf = (r: ExportResult) => Buffer.from(r.dataBase64 ?? '', 'base64');
const ledgerLength = async () => (await core.call('audit.verify', {})).length;

beforeAll(async () => {
  core = makeTestCore();
  await core.call('demo.load', {});
  const all = await core.call('risks.list', {});
  const assessments = await core.call('assessments.list', {});
  const current = currentIds(assessments);
  risks = all.filter((r) => current.has(r.assessmentId));
  superseded = all.filter((r) => !current.has(r.assessmentId));
  details = await Promise.all(assessments.filter((a) => current.has(a.id)).map((a) => core.call('assessments.get', { id: a.id })));
});
afterAll(() => core.dispose());

describe('export.register (Word)', () => {
  let result: ExportResult;
  let text: string;
  let before: { length: number; head: string };

  beforeAll(async () => {
    const v = await core.call('audit.verify', {});
    before = { length: v.length, head: v.head };
    result = await core.call('export.register', { withAnswers: true });
    text = docxText(bytesOf(result));
  });

  it("names the organisation from Settings on the cover (the demo's fictional hospital)", async () => {
    expect((await core.call('settings.get', {})).organisation).toBe('Riverside University Hospital (fictional)');
    expect(text).toContain('Riverside University Hospital (fictional)');
  });

  it('holds every risk of the scope with its system and threat', () => {
    const active = new Set(details.map((d) => d.systemId));
    const inScope = risks.filter((r) => active.has(r.systemId));
    expect(inScope.length).toBeGreaterThan(20);
    expect(result.counts.risks).toBe(inScope.length);
    for (const r of inScope) {
      expect(text, r.id).toContain(r.id);
      expect(text).toContain(r.threatName);
      expect(text).toContain(r.systemName);
    }
    // Risks of superseded assessments are history, not the register (the X-ray system's
    // re-assessment draft supersedes nothing until it is submitted).
    for (const r of superseded) expect(text, r.id).not.toContain(r.id);
  });

  it('holds every sign-off: name, role, comment and conditions', () => {
    const signOffs = details.flatMap((d) => [...d.review.signOffs, ...d.review.previousRounds.flat()]);
    expect(signOffs.length).toBeGreaterThan(3);
    for (const s of signOffs) {
      expect(text).toContain(s.name);
      if (s.comment) expect(text).toContain(s.comment);
      for (const c of s.conditions) expect(text).toContain(c.text);
    }
  });

  it('holds every evidence fingerprint and file name of the scope', () => {
    const evidence = details.flatMap((d) => d.evidence);
    expect(evidence.length).toBeGreaterThan(0);
    for (const e of evidence) {
      expect(text).toContain(e.sha256);
      expect(text).toContain(e.fileName);
    }
  });

  it('states the ledger as it was, and is itself recorded in the ledger with its SHA-256', async () => {
    expect(result.ledger).toEqual(before);
    expect(text).toContain(before.head);
    expect(text).toContain(String(before.length));
    const after = await core.call('audit.verify', {});
    expect(after.length).toBe(before.length + 1);
    const history = await core.call('systems.history', { id: details[0]?.systemId ?? '' });
    expect(history.ledger.length).toBeGreaterThan(0);
    // The head the document states is still in the chain, with later events allowed…
    expect((await core.call('audit.verify', { expected: { ...before, laterEventsAllowed: true } })).ok).toBe(true);
    // …and the strict check says exactly what happened since.
    const strict = await core.call('audit.verify', { expected: before });
    expect(strict.ok).toBe(false);
    expect(strict.firstBad?.problem).toBe('inserted');
  });

  it('counts systems, assessments and answers, and names the file for its scope and day', () => {
    expect(result.fileName).toBe('vigil-risk-register-all-systems-2026-03-01.docx');
    expect(result.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(result.size).toBe(bytesOf(result).length);
    expect(result.path).toBeNull();
    expect(result.counts.assessments).toBe(details.length);
  });
});

describe('export.register scope and CSV', () => {
  it('holds only the chosen system, as CSV with a BOM that parses back to the register rows', async () => {
    const system = risks[0]?.systemId ?? '';
    const own = risks.filter((r) => r.systemId === system);
    const others = risks.filter((r) => r.systemId !== system);
    expect(own.length).toBeGreaterThan(0);
    const result = await core.call('export.register', { systemIds: [system], format: 'csv' });
    expect(result.fileName.endsWith('.csv')).toBe(true);
    const bytes = bytesOf(result);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.subarray(3).toString('utf8'), { relax_column_count: false }) as string[][];
    expect(rows[0]?.slice(0, 4)).toEqual(['ID', 'System', 'Source assessment', 'Threat']);
    expect(rows.slice(1).map((r) => r[0]).sort()).toEqual(own.map((r) => r.id).sort());
    for (const r of others) expect(bytes.toString('utf8')).not.toContain(r.id);
  });

  it('refuses an unknown system, and writes nothing', async () => {
    const before = await ledgerLength();
    const result = await core.raw('export.register', { systemIds: ['SYS-NOPE0000'] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('NOT_FOUND');
    expect(await ledgerLength()).toBe(before);
  });

  it('refuses a file path from page code (only the command line or a save dialog names files)', async () => {
    const before = await ledgerLength();
    const out = join(core.dir, 'from-page.docx');
    const result = await core.raw('export.register', { out });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('FORBIDDEN');
    expect(existsSync(out)).toBe(false);
    expect(await ledgerLength()).toBe(before);
  });

  it('writes to a trusted path atomically; a failed write leaves no file, no temp file and no ledger event', async () => {
    const out = join(core.dir, 'register.docx');
    const written = await core.dispatch('export.register', { out }, { ...actor, trustedPaths: true });
    expect(written.ok).toBe(true);
    if (written.ok) expect((written.value as ExportResult).path).toBe(out);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');

    const before = await ledgerLength();
    const missingDir = join(core.dir, 'no-such-folder', 'register.docx');
    const failed = await core.dispatch('export.register', { out: missingDir }, { ...actor, trustedPaths: true });
    expect(failed.ok).toBe(false);
    expect(existsSync(join(core.dir, 'no-such-folder'))).toBe(false);
    expect(readdirSync(core.dir).filter((f) => f.includes('.tmp') || f.startsWith('.'))).toEqual([]);
    expect(await ledgerLength()).toBe(before);
  });

  it('refuses a person who is not in People, naming them', async () => {
    const result = await core.raw('export.register', { by: { name: 'Nobody Known', role: 'reviewer' } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('Nobody Known');
  });
});

describe('export.questionnaire', () => {
  it("holds an open request's questions in the vendor's wording, nothing of the hospital's, and is recorded", async () => {
    const detail = details.find((d) => d.editable && d.questionnaireSnapshots.some((q) => q.kind === 'vendor'));
    if (!detail) throw new Error('no editable assessment with vendor questions');
    const created = await core.call('vendor.request', { assessmentId: detail.id });
    const before = await ledgerLength();
    const result = await core.call('export.questionnaire', { requestId: created.request.id });
    const text = docxText(bytesOf(result));
    const vendorQuestions = detail.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions.filter((x) => x.vendorAnswerable && (!x.showIf || !('system' in x.showIf)))));
    expect(vendorQuestions.length).toBeGreaterThan(10);
    expect(result.counts.questions).toBeGreaterThanOrEqual(vendorQuestions.length);
    expect(result.fileName).toMatch(new RegExp(`^vendor-questionnaire-.*-${created.request.id}\\.docx$`));
    for (const q of vendorQuestions) {
      expect(text).toContain(q.id);
      expect(text).toContain(q.vendorText ?? q.text);
    }
    const lifecycleOnly = detail.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions.filter((x) => !x.vendorAnswerable)));
    for (const q of lifecycleOnly.slice(0, 20)) expect(text).not.toContain(`${q.id} `);
    // No hospital answers, no ledger head; each section heading once.
    for (const answer of detail.answers.filter((a) => typeof a.value === 'string' && a.value.length > 25)) expect(text).not.toContain(answer.value as string);
    expect(text).not.toMatch(/ledger/i);
    expect(text).toContain(detail.systemName);
    expect(text).toContain(created.request.expiresAt.slice(0, 10));
    expect(await ledgerLength()).toBe(before + 1);
  });

  it('refuses an unknown request', async () => {
    const result = await core.raw('export.questionnaire', { requestId: 'VRQ-NOPE0000' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('NOT_FOUND');
  });
});

describe('export progress', () => {
  it('reports the phase and how many risks are written while the export runs, then done', async () => {
    // A writer that stops half way, so progress can be read through the dispatcher meanwhile.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let reachedHalf: () => void = () => undefined;
    const atHalf = new Promise<void>((resolve) => {
      reachedHalf = resolve;
    });
    const registerDocx: ExportWriters['registerDocx'] = async (model, onProgress) => {
      onProgress?.(Math.floor(model.risks.length / 2), model.risks.length);
      reachedHalf();
      await held;
      onProgress?.(model.risks.length, model.risks.length);
      // A real document: the export checks every document before saving it (check-docx-xml.ts).
      return buildRegisterDocument(model);
    };
    const paused = makeTestCore({ exportWriters: { registerDocx } });
    try {
      const call = async (method: string, input: unknown) => {
        const result = await paused.raw(method, input);
        if (!result.ok) throw new Error(result.error.message);
        return result.value;
      };
      await call('demo.load', {});
      const current = currentIds((await call('assessments.list', {})) as AssessmentDetail[]);
      const total = ((await call('risks.list', {})) as Risk[]).filter((r) => current.has(r.assessmentId)).length;
      expect(await call('export.progress', { progressKey: 'exp-key-0001' })).toMatchObject({ state: 'unknown' });
      const running = call('export.register', { progressKey: 'exp-key-0001' });
      await atHalf;
      const mid = (await call('export.progress', { progressKey: 'exp-key-0001' })) as ExportProgress;
      expect(mid).toMatchObject({ state: 'running', phase: 'Writing the register', total, done: Math.floor(total / 2) });
      expect(mid.percent).toBeGreaterThan(10);
      expect(mid.percent).toBeLessThan(97);
      release();
      const done = (await running) as ExportResult;
      expect(done.size).toBeGreaterThan(1000);
      expect(await call('export.progress', { progressKey: 'exp-key-0001' })).toMatchObject({ state: 'done', percent: 100 });
    } finally {
      paused.dispose();
    }
  });
});
