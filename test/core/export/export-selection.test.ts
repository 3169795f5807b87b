// "Export selected" (export.register with riskIds), through the dispatcher on the demo
// portfolio, on either engine: the Word and CSV registers hold exactly the selected risks (a
// superseded assessment's and an archived system's included when chosen), the document says it
// is a selection, the ledger event records it, and unknown or repeated ids are refused before
// anything is written.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportResult, Risk } from '../../../electron/contract/index.ts';
import { demoAnswer, stanceOf } from '../../../electron/core/demo/demo-answers.ts';
import { currentIds } from '../../../electron/core/rules/current-assessments.ts';
import { actor, makeTestCore, type TestCore } from '../../support/core-fixture.ts';
import { python } from '../../support/office-tools.ts';
import { docxText, readWithPythonDocx, type DocxBlock } from '../../support/read-docx.ts';

let core: TestCore;
let all: Risk[];
/** Two current risks of one system, one of another, one of a superseded assessment, one of an archived system. */
let selected: Risk[];

const bytesOf = (r: ExportResult) => Buffer.from(r.dataBase64 ?? '', 'base64');
const riskIdsIn = (text: string) => new Set(text.match(/RSK-[A-Z0-9]{4,16}/g) ?? []);
const ids = (risks: readonly Risk[]) => risks.map((r) => r.id).sort();

/**
 * The demo's re-assessment draft, answered and submitted: the assessment it re-does is then
 * superseded, and its risks are history that a whole register leaves out but a selection may hold.
 */
async function submitTheRedraft(): Promise<void> {
  const assessments = await core.call('assessments.list', {});
  const draft = assessments.find((a) => a.status === 'draft' && assessments.some((b) => b.id !== a.id && b.systemId === a.systemId && b.stage === a.stage));
  if (!draft) throw new Error('the demo has no re-assessment draft');
  const assessor = (await core.call('people.list', {})).find((p) => p.active && p.roles.includes('assessor'));
  for (let round = 0; round < 6; round++) {
    const detail = await core.call('assessments.get', { id: draft.id });
    const questions = new Map(detail.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions.map((x) => [x.id, x] as const))));
    const answered = new Set(detail.answers.filter((a) => !a.toReconfirm && (a.value !== null || a.unknown || a.notApplicable)).map((a) => a.questionId));
    const batch = detail.visibleQuestions.flatMap((id) => {
      const q = questions.get(id);
      return q && !answered.has(id) ? [demoAnswer(q, 'weak', `selection-${id}`, stanceOf('selection'))] : [];
    });
    if (batch.length === 0) break;
    await core.call('assessments.answer', { id: draft.id, answers: batch });
  }
  await core.call('workflow.send', { entityId: draft.id, event: 'review.submit', by: { name: assessor?.name ?? '', role: 'assessor' } });
}

beforeAll(async () => {
  core = makeTestCore();
  await core.call('demo.load', {});
  await submitTheRedraft();
  const assessments = await core.call('assessments.list', {});
  const current = currentIds(assessments);
  const before = await core.call('risks.list', {});
  const currentRisks = before.filter((r) => current.has(r.assessmentId));
  const superseded = before.filter((r) => !current.has(r.assessmentId));
  const systems = [...new Set(currentRisks.map((r) => r.systemId))];
  expect(systems.length).toBeGreaterThanOrEqual(3);
  expect(superseded.length).toBeGreaterThan(0);
  const [first, second, archived] = systems;
  await core.call('systems.archive', { id: archived ?? '' });
  all = await core.call('risks.list', {});
  const of = (system: string | undefined) => currentRisks.filter((r) => r.systemId === system);
  selected = [...of(first).slice(0, 2), ...of(second).slice(0, 1), ...of(archived).slice(0, 1), ...superseded.slice(0, 1)];
  expect(new Set(selected.map((r) => r.id)).size).toBe(5);
});
afterAll(() => core.dispose());

describe('export.register with riskIds (Word)', () => {
  let result: ExportResult;
  let text: string;

  beforeAll(async () => {
    result = await core.call('export.register', { riskIds: selected.map((r) => r.id) });
    text = docxText(bytesOf(result));
  });

  it('names exactly the selected risks, and no other risk anywhere in the document', () => {
    expect([...riskIdsIn(text)].sort()).toEqual(ids(selected));
    for (const r of selected) expect(text).toContain(r.threatName);
    expect(result.counts.risks).toBe(selected.length);
    expect(result.counts.systems).toBe(new Set(selected.map((r) => r.systemId)).size);
    expect(result.counts.assessments).toBe(new Set(selected.map((r) => r.assessmentId)).size);
  });

  it('says it is a selection, of how many risks, on the cover and beside the register', () => {
    const words = `Selected risks: ${selected.length} of ${all.length}. This document holds only the risks selected for it, not the whole risk register.`;
    expect(text.split(words).length - 1).toBeGreaterThanOrEqual(3);
    expect(result.fileName).toBe(`vigil-risk-register-selected-${selected.length}-risks-2026-03-01.docx`);
  });

  it('records the selection in its ledger event: count, of, the SHA-256 of the sorted ids, and the ids', async () => {
    const event = (await core.ledger()).filter((e) => e.action === 'export.register').at(-1);
    const payload = JSON.parse(String(event?.payload)) as { selection?: unknown; sha256?: string; systems?: string[] };
    const sorted = ids(selected);
    expect(payload.selection).toEqual({ risks: selected.length, of: all.length, idsSha256: createHash('sha256').update(sorted.join('\n')).digest('hex'), ids: sorted });
    expect(payload.sha256).toBe(result.sha256);
    expect([...(payload.systems ?? [])].sort()).toEqual([...new Set(selected.map((r) => r.systemId))].sort());
  });

  describe.skipIf(!python)(`read by python-docx (${python ?? 'python-docx not installed: skipped'})`, () => {
    let blocks: DocxBlock[];
    beforeAll(() => {
      blocks = readWithPythonDocx(python ?? 'python3', bytesOf(result));
    });

    it('has a register table whose rows are exactly the selected risks, each with its system and threat', () => {
      const start = blocks.findIndex((b) => b.type === 'p' && b.style === 'Heading 1' && b.text === 'Risk register: selected risks');
      expect(start).toBeGreaterThan(0);
      const table = blocks.slice(start).find((b) => b.type === 'table');
      if (table?.type !== 'table') throw new Error('no register table after the heading');
      expect(table.rows[0]?.slice(0, 2)).toEqual(['ID', 'System']);
      const rows = table.rows.slice(1);
      expect(rows.map((r) => r[0]).sort()).toEqual(ids(selected));
      for (const r of selected) {
        const row = rows.find((cells) => cells[0] === r.id);
        expect(row?.[1]).toBe(r.systemName);
        expect(row?.[3]).toBe(r.threatName);
      }
    });

    it('opens the decision summary with the selection in words', () => {
      const heading = blocks.findIndex((b) => b.type === 'p' && b.style === 'Heading 1' && b.text === 'Decision summary');
      const next = blocks[heading + 1];
      expect(next?.type === 'p' ? next.text : '').toContain(`Selected risks: ${selected.length} of ${all.length}.`);
    });
  });
});

describe('export.register with riskIds (CSV)', () => {
  it('has one row per selected risk and no other risk id', async () => {
    const result = await core.call('export.register', { riskIds: selected.map((r) => r.id), format: 'csv' });
    const csv = bytesOf(result).subarray(3).toString('utf8');
    const rows = parse(csv) as string[][];
    expect(rows.slice(1).map((r) => r[0]).sort()).toEqual(ids(selected));
    expect([...riskIdsIn(csv)].sort()).toEqual(ids(selected));
  });

  it('exports every risk recorded when every id is selected, in one call', async () => {
    const result = await core.call('export.register', { riskIds: all.map((r) => r.id), format: 'csv' });
    expect(result.counts.risks).toBe(all.length);
    const rows = parse(bytesOf(result).subarray(3).toString('utf8')) as string[][];
    expect(rows.slice(1).map((r) => r[0]).sort()).toEqual(ids(all));
  });
});

describe('export.register with riskIds: refusals write nothing', () => {
  const refusal = async (input: Record<string, unknown>) => {
    const before = (await core.ledger()).length;
    const out = join(core.dir, `refused-${before}.docx`);
    const result = await core.dispatch('export.register', { ...input, out }, { ...actor, trustedPaths: true });
    expect(existsSync(out)).toBe(false);
    expect((await core.ledger()).length).toBe(before);
    if (result.ok) throw new Error('expected a refusal');
    return result.error;
  };

  it('refuses ids that are not risks with NOT_FOUND, naming them', async () => {
    const error = await refusal({ riskIds: [selected[0]?.id, 'RSK-NOSUCH01', 'RSK-NOSUCH02'] });
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('RSK-NOSUCH01, RSK-NOSUCH02');
    expect(error.message).not.toContain(selected[0]?.id ?? '');
    expect(error.details).toEqual({ missing: ['RSK-NOSUCH01', 'RSK-NOSUCH02'] });
  });

  it('names at most ten missing ids in the message, and says how many more', async () => {
    const missing = Array.from({ length: 25 }, (_, i) => `RSK-GONE${String(i).padStart(4, '0')}`);
    const error = await refusal({ riskIds: missing, format: 'csv' });
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('RSK-GONE0009 and 15 more');
    expect(error.message).not.toContain('RSK-GONE0010');
  });

  it('refuses a risk listed twice, naming it', async () => {
    const twice = selected[1]?.id ?? '';
    const error = await refusal({ riskIds: [selected[0]?.id, twice, twice] });
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toContain(`a risk is listed more than once: ${twice}`);
  });

  it('refuses an empty selection, and a selection combined with systems', async () => {
    expect((await refusal({ riskIds: [] })).message).toContain('choose at least one risk');
    const both = await refusal({ riskIds: [selected[0]?.id], systemIds: [selected[0]?.systemId] });
    expect(both.message).toContain('give riskIds or systemIds, not both');
  });

  it('refuses more than 20,000 ids', async () => {
    const many = Array.from({ length: 20001 }, (_, i) => `RSK-${String(i).padStart(6, '0')}`);
    expect((await refusal({ riskIds: many })).message).toContain('at most 20,000 risks in one export');
  });
});
