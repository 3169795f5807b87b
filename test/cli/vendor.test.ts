// `vigil identity` and `vigil vendor request | respond | preview | import`, run as a user's shell
// would: a hospital database and a separate vendor database (issue 8).
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AssessmentDetail, ImportResult, InboxItem, RequestPackage, WorkspaceIdentity } from '../../electron/contract/index.ts';
import { zipEntryText } from '../../electron/core/export/word/docx-zip.ts';
import { fillQuestionnaire } from '../support/fill-questionnaire.ts';
import { useTempDatabase, vigil } from '../support/run-cli.ts';

let dir = '';
let db = '';
useTempDatabase((paths) => ({ dir, db } = paths));

function ok(args: string[], database = db): string {
  const run = vigil([...args, '--db', database]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout;
}

/** A separate database set up as a vendor's workspace, as a vendor would on first use. */
function vendorDatabase(organisation = 'Acme Health Inc'): string {
  const vendorDb = join(dir, 'vendor.db');
  expect(ok(['settings', 'set', '--workspace-mode', 'vendor', '--organisation', organisation], vendorDb)).toBe('Settings saved.\n');
  return vendorDb;
}

async function hospitalRequest() {
  const system = JSON.parse(ok(['systems', 'add', '--name', 'Sepsis early warning', '--vendor', 'Acme Health', '--json'])) as { id: string };
  const assessment = JSON.parse(ok(['assessments', 'start', '--system', system.id, '--stage', 'procurement', '--json'])) as AssessmentDetail;
  const requestFile = join(dir, 'request.json');
  const out = ok(['vendor', 'request', assessment.id, '--out', requestFile]);
  return { assessment, requestFile, out };
}

describe('vigil vendor', () => {
  it('request → respond (vendor database) → preview → import, then refuses the replay', async () => {
    const { assessment, requestFile, out } = await hospitalRequest();
    expect(out).toMatch(/^Signed request VRQ-\w+ written to .*request\.json: \d+ question\(s\), expires /);
    const request = JSON.parse(readFileSync(requestFile, 'utf8')) as RequestPackage;
    const [q1, q2] = request.questions.filter((q) => q.kind === 'yesNo');
    if (!q1 || !q2) throw new Error('no yes/no questions');

    const vendorDb = vendorDatabase();
    const answers = join(dir, 'answers.json');
    writeFileSync(answers, JSON.stringify({ [q1.id]: 'yes', [q2.id]: 'unknown' }));
    const evidence = join(dir, 'soc2.txt');
    writeFileSync(evidence, 'SOC 2 Type II report, 2026');
    const responseFile = join(dir, 'response.json');
    const responded = ok(['vendor', 'respond', requestFile, '--answers', answers, '--evidence', `${q1.id}=${evidence}`, '--out', responseFile], vendorDb);
    expect(responded).toContain(`Signed response written to ${responseFile}: 2 answer(s), 1 evidence file(s).`);
    const vendorIdentity = JSON.parse(ok(['identity', '--json'], vendorDb)) as WorkspaceIdentity;

    const preview = ok(['vendor', 'preview', responseFile]);
    expect(preview).toContain('Acme Health Inc');
    expect(preview).toContain(`${vendorIdentity.fingerprint} (first response: this key will be pinned)`);
    // In words: the option's label, not its stored value.
    expect(preview).toMatch(new RegExp(`${q1.id}\\s+new\\s+Yes`));

    const imported = JSON.parse(ok(['vendor', 'import', responseFile, '--json'])) as ImportResult;
    expect(imported).toMatchObject({ answersWritten: 2, evidenceWritten: 1, status: 'inProgress' });
    const detail = JSON.parse(ok(['assessments', 'show', assessment.id, '--json'])) as AssessmentDetail;
    expect(detail.answers.find((a) => a.questionId === q1.id)).toMatchObject({ value: 'yes', source: 'vendor' });
    expect(detail.answers.find((a) => a.questionId === q2.id)).toMatchObject({ unknown: true, source: 'vendor' });
    expect(detail.evidence[0]).toMatchObject({ fileName: 'soc2.txt', questionId: q1.id });
    expect(ok(['vendor', 'requests'])).toMatch(/VRQ-\w+\s+ASM-\w+\s+imported/);

    const replay = vigil(['vendor', 'import', responseFile, '--db', db, '--json']);
    expect(replay.code).toBe(1);
    expect((JSON.parse(replay.stderr) as { error: { code: string } }).error.code).toBe('REPLAY');
  });

  it('reads back a filled-in Word questionnaire: export --request → fill → import-docx --preview → import-docx, then refuses the replay', async () => {
    const { assessment, requestFile } = await hospitalRequest();
    const request = JSON.parse(readFileSync(requestFile, 'utf8')) as RequestPackage;
    const docx = join(dir, 'questionnaire.docx');
    ok(['export', 'questionnaire', '--request', request.requestId, '--out', docx]);
    const xml = zipEntryText(readFileSync(docx), 'word/document.xml');
    const [q1, q2] = request.questions.filter((q) => q.kind === 'yesNo' && xml.includes(`<w:tag w:val="${q.id}:?"/>`));
    if (!q1 || !q2) throw new Error('no yes/no questions');
    const filled = join(dir, 'filled.docx');
    writeFileSync(filled, await fillQuestionnaire(readFileSync(docx), { tick: [`${q1.id}=yes`, `${q2.id}:?`], type: { 'declaration-organisation': 'Acme Health Inc' } }));

    const preview = ok(['vendor', 'import-docx', filled, '--preview']);
    expect(preview).toContain('none: a Word questionnaire is unsigned; its answers are recorded as transcribed');
    expect(preview).toMatch(new RegExp(`${q1.id}\\s+new\\s+Yes`));
    expect(ok(['vendor', 'requests'])).toMatch(/VRQ-\w+\s+ASM-\w+\s+open/);

    const imported = JSON.parse(ok(['vendor', 'import-docx', filled, '--json'])) as ImportResult;
    expect(imported).toMatchObject({ answersWritten: 2, evidenceWritten: 0, preview: { transcribed: true, key: null, vendorName: 'Acme Health Inc' } });
    const detail = JSON.parse(ok(['assessments', 'show', assessment.id, '--json'])) as AssessmentDetail;
    expect(detail.answers.find((a) => a.questionId === q1.id)).toMatchObject({ value: 'yes', source: 'vendor', transcribed: true });
    expect(detail.answers.find((a) => a.questionId === q2.id)).toMatchObject({ unknown: true, source: 'vendor', transcribed: true });

    const replay = vigil(['vendor', 'import-docx', filled, '--db', db]);
    expect(replay.code).toBe(1);
    expect(replay.stderr).toContain('already imported');
    const notDocx = vigil(['vendor', 'import-docx', requestFile, '--db', db]);
    expect(notDocx.code).toBe(1);
    expect(notDocx.stderr).toContain('it is not a Word document (.docx)');
  });

  it('takes a wrongly attached file off a draft response before it is sent', async () => {
    const { requestFile } = await hospitalRequest();
    const vendorDb = vendorDatabase();
    const opened = JSON.parse(ok(['vendor', 'open', requestFile, '--json'], vendorDb)) as InboxItem;
    const question = opened.questions[0]?.id ?? '';
    const wrong = join(dir, 'board-minutes.txt');
    writeFileSync(wrong, 'Not for the hospital.');
    ok(['vendor', 'evidence', opened.id, question, wrong], vendorDb);
    const attached = (JSON.parse(ok(['vendor', 'show', opened.id, '--json'], vendorDb)) as InboxItem).evidence[0];
    expect(attached?.fileName).toBe('board-minutes.txt');
    expect(ok(['vendor', 'evidence', 'remove', opened.id, attached?.id ?? ''], vendorDb)).toBe(`Removed ${attached?.id}; 0 file(s) on this request.\n`);
    const unknown = vigil(['vendor', 'evidence', 'remove', opened.id, 'VEV-NOPE0000', '--db', vendorDb]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('VEV-NOPE0000');
  });

  it('keeps the workspace key in a file readable only by the user', () => {
    const identity = JSON.parse(ok(['identity', '--json'])) as WorkspaceIdentity;
    expect(identity.location).toBe(`${db}.identity.json`);
    expect(statSync(identity.location).mode & 0o777).toBe(0o600);
    expect(ok(['identity'])).toContain(identity.fingerprint);
  });

  it('refuses a tampered response with exit 1 and its code, and usage mistakes with exit 2', async () => {
    const { requestFile } = await hospitalRequest();
    const tampered = JSON.parse(readFileSync(requestFile, 'utf8')) as RequestPackage;
    writeFileSync(requestFile, JSON.stringify({ ...tampered, expiresAt: '2099-01-01T00:00:00.000Z' }));
    const run = vigil(['vendor', 'open', requestFile, '--db', vendorDatabase()]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/signature is not valid/);
    expect(vigil(['vendor', 'request', 'ASM-00000001', '--db', db]).code).toBe(2);
    expect(vigil(['vendor', 'import', join(dir, 'missing.json'), '--db', db]).code).toBe(2);
  });

  it('sets a database to vendor mode with its organisation; refuses hospital commands there, vendor commands in a hospital database, and the switch once hospital data exists', async () => {
    const vendorDb = vendorDatabase('Acme Health Inc');
    expect(ok(['settings', 'show'], vendorDb)).toMatch(/Organisation\s+Acme Health Inc\nWorkspace mode\s+vendor\n$/);
    const hospitalCommand = vigil(['systems', 'list', '--db', vendorDb]);
    expect(hospitalCommand.code).toBe(1);
    expect(hospitalCommand.stderr).toMatch(/^vigil: This is a vendor workspace: it opens hospitals' requests and answers them\. systems\.\w+ belongs to a hospital's workspace\./);
    const governance = vigil(['settings', 'set', '--sign-offs', '3', '--db', vendorDb]);
    expect(governance.code).toBe(1);
    expect(governance.stderr).toContain('signOffsRequired is a setting of a hospital');

    const { requestFile } = await hospitalRequest();
    const inboxHere = vigil(['vendor', 'open', requestFile, '--db', db]);
    expect(inboxHere.code).toBe(1);
    expect(inboxHere.stderr).toContain("vendorInbox.open belongs to a vendor workspace, and this database is a hospital's");
    const noName = vigil(['settings', 'set', '--workspace-mode', 'vendor', '--db', db]);
    expect(noName.code).toBe(1);
    expect(noName.stderr).toMatch(/switching to vendor mode needs the organisation name/);
    const switched = vigil(['settings', 'set', '--workspace-mode', 'vendor', '--organisation', 'Acme', '--db', db, '--json']);
    expect(switched.code).toBe(1);
    expect((JSON.parse(switched.stderr) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/holds a hospital's AI systems or assessments/) });
    expect(ok(['settings', 'show'])).toMatch(/Workspace mode\s+hospital/);
    expect(vigil(['settings', 'set', '--workspace-mode', 'shop', '--db', db]).code).toBe(2);
  });
});
