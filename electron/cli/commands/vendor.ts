import { basename } from 'node:path';
import {
  maxPackageBytes,
  maxQuestionnaireDocxBytes,
  type CreatedRequest,
  type ImportPreview,
  type ImportResult,
  type InboxItem,
  type InboxResponse,
  type InboxSummary,
  type VendorRequestSummary,
  type WorkspaceIdentity,
} from '../../contract/index.ts';
import { UsageError, type CliCommand, type CommandContext } from '../command.ts';
import { callAndPrint, formatFields, formatTable, printError, printJson } from '../output.ts';
import { writeFileAtomic } from '../../core/export/atomic-write.ts';
import { changesFromFile } from './assessments.ts';
import { readEvidenceFile, requireOut } from '../file-options.ts';
import { requestFile, responseFile, type FileKind } from '../../core/exchange/file-refusal.ts';
import { readImportFile } from '../read-import-file.ts';
import { readCappedBytes } from '../read-capped-file.ts';

/** A package file, its size checked before it is read whole (50 MB cap, as the core's); a binary file is left for the core to name. */
const readPackage = (file: string, kind: FileKind): string => readImportFile(file, maxPackageBytes, 'packages', kind);
/** A filled-in Word questionnaire, its size checked before it is read (20 MB, as the core's). */
const readQuestionnaire = (file: string): string => readCappedBytes(file, maxQuestionnaireDocxBytes, 'Word questionnaires').toString('base64');

/** Runs a method, writes the package text it returns to --out, and reports. */
async function writePackage<T extends { text: string }>(ctx: CommandContext, out: string, method: string, input: unknown, human: (value: T) => string): Promise<number> {
  const result = await ctx.call(method, input);
  if (!result.ok) {
    printError(ctx.io, result.error, ctx.json);
    return 1;
  }
  const value = result.value as T;
  writeFileAtomic(out, Buffer.from(value.text, 'utf8'));
  if (ctx.json) {
    const { text: _text, ...rest } = value;
    printJson(ctx.io, { ...rest, savedTo: out });
  } else ctx.io.stdout(human(value));
  return 0;
}

const keyWords = (key: ImportPreview['key']) =>
  key === null
    ? 'none: a Word questionnaire is unsigned; its answers are recorded as transcribed'
    : key.status === 'new'
      ? `${key.fingerprint} (first response: this key will be pinned)`
      : key.status === 'matches'
        ? `${key.fingerprint} (matches the pinned key)`
        : `${key.fingerprint} — DIFFERENT from the pinned ${key.pinnedFingerprint ?? ''}`;
/** An answer in words, on one line of a table: long text is cut (the JSON output has it whole). */
const cell = (text: string | null) => {
  const line = (text ?? '').replace(/\s+/g, ' ');
  return line.length > 40 ? `${line.slice(0, 39)}…` : line;
};

const describePreview = (p: ImportPreview) =>
  formatFields([
    ['Request', p.requestId],
    ['Assessment', `${p.assessmentId} (${p.systemName})`],
    ['Vendor', p.vendorName],
    ['Responded', p.respondedAt],
    ['Vendor key', keyWords(p.key)],
    ['Previous response', p.previousResponse ? `${p.previousResponse.requestId}, imported ${p.previousResponse.importedAt}` : 'none'],
  ]) +
  '\nAnswers\n' +
  (p.answers.length === 0
    ? '  none\n'
    : formatTable(
        ['Question', 'Change', 'Previous', 'Incoming', 'Now in the assessment'],
        p.answers.map((a) => [a.questionId, a.change, cell(a.previousText), cell(a.incomingText), cell(a.currentText)]),
      )) +
  '\nEvidence\n' +
  (p.evidence.length === 0 ? '  none\n' : formatTable(['Question', 'File', 'Bytes', 'SHA-256'], p.evidence.map((e) => [e.questionId, e.fileName, String(e.size), e.sha256])));

const describeItem = (item: InboxItem) =>
  formatFields([
    ['Opened request', `${item.id} (request ${item.requestId})`],
    ['From', item.organisation],
    ['Their key', item.hospitalFingerprint],
    ['System', item.system.name],
    ['Expires', `${item.expiresAt}${item.expired ? ' (expired)' : ''}`],
    ['Answered', `${item.answered}/${item.questionCount}`],
    ['Responded', item.respondedAt ?? 'not yet'],
  ]) +
  '\n' +
  formatTable(
    ['Question', 'Kind', 'Answer', 'Text'],
    item.questions.map((q) => {
      const a = item.answers.find((x) => x.questionId === q.id);
      return [q.id, q.kind, a ? (a.unknown ? "I don't know" : String(a.value)) : '', q.text.length > 60 ? `${q.text.slice(0, 59)}…` : q.text];
    }),
  );

const oneArg = { min: 1, max: 1 };

/** `vigil vendor respond`: open, answer, attach and respond in one go, in the vendor's own --db. */
async function respond(ctx: CommandContext): Promise<number> {
  const out = requireOut(ctx.values);
  const answersFile = ctx.values.answers as string | undefined;
  if (!answersFile) throw new UsageError('--answers answers.json is required');
  const text = readPackage(ctx.positionals[0] ?? '', requestFile);
  const answers = changesFromFile(answersFile) as unknown[];
  const evidence = ((ctx.values.evidence as string[] | undefined) ?? []).map((spec) => {
    const at = spec.indexOf('=');
    if (at <= 0) throw new UsageError(`--evidence takes QUESTION=FILE, not "${spec}"`);
    return { questionId: spec.slice(0, at), ...readEvidenceFile(spec.slice(at + 1)) };
  });
  const opened = await ctx.call('vendorInbox.open', { text });
  if (!opened.ok) {
    printError(ctx.io, opened.error, ctx.json);
    return 1;
  }
  const id = (opened.value as InboxItem).id;
  const steps: [string, unknown][] = [
    ...(answers.length > 0 ? [['vendorInbox.answer', { id, answers }] as [string, unknown]] : []),
    ...evidence.map((e): [string, unknown] => ['vendorInbox.addEvidence', { id, ...e }]),
  ];
  for (const [method, input] of steps) {
    const result = await ctx.call(method, input);
    if (!result.ok) {
      printError(ctx.io, result.error, ctx.json);
      return 1;
    }
  }
  return writePackage(ctx, out, 'vendorInbox.respond', { id }, (r: InboxResponse) =>
    `Signed response written to ${out}: ${r.answers} answer(s), ${r.evidence} evidence file(s).\nSend it back to ${(opened.value as InboxItem).organisation}.\n`,
  );
}

export const vendorCommands: CliCommand[] = [
  {
    path: ['identity'],
    method: 'identity.get',
    usage: 'vigil identity',
    summary: "This workspace's signing key: fingerprint and where it is kept",
    options: {},
    run: (ctx) =>
      callAndPrint(ctx, 'identity.get', {}, (i: WorkspaceIdentity) =>
        formatFields([
          ['Fingerprint', i.fingerprint],
          ['Public key', i.publicKey],
          ['Created', i.createdAt],
          ['Protected by', i.protection === 'safeStorage' ? 'the operating system (safeStorage)' : 'a file only you can read'],
          ['Location', i.location],
        ]),
      ),
  },
  {
    path: ['vendor', 'request'],
    method: 'vendor.request',
    usage: 'vigil vendor request ASSESSMENT_ID --out FILE [--expires-in-days N] [--actor NAME --role ROLE]',
    summary: "Write a signed request for the vendor's answers (moves the assessment to awaiting vendor)",
    options: { out: { type: 'string' }, 'expires-in-days': { type: 'string' } },
    positionals: oneArg,
    run: (ctx) => {
      const out = requireOut(ctx.values);
      const days = ctx.values['expires-in-days'] as string | undefined;
      if (days !== undefined && !/^\d+$/.test(days)) throw new UsageError(`--expires-in-days must be a whole number, not "${days}"`);
      return writePackage(
        ctx,
        out,
        'vendor.request',
        { assessmentId: ctx.positionals[0], ...(days ? { expiresInDays: Number(days) } : {}) },
        (r: CreatedRequest) =>
          `Signed request ${r.request.id} written to ${out}: ${r.request.questionCount} question(s), expires ${r.request.expiresAt}.\n` +
          'Send it to the vendor; tell them your fingerprint (vigil identity) by another channel.\n',
      );
    },
  },
  {
    path: ['vendor', 'requests'],
    method: 'vendor.requests',
    usage: 'vigil vendor requests [--assessment ID]',
    summary: 'Vendor requests issued and their status (open, expired, imported)',
    options: { assessment: { type: 'string' } },
    run: (ctx) =>
      callAndPrint(ctx, 'vendor.requests', ctx.values.assessment ? { assessmentId: ctx.values.assessment } : {}, (list: VendorRequestSummary[]) =>
        list.length === 0
          ? 'No vendor requests yet. Issue one with: vigil vendor request ASSESSMENT_ID --out request.json\n'
          : formatTable(
              ['Request', 'Assessment', 'Status', 'Issued', 'Expires', 'Vendor'],
              list.map((r) => [r.id, r.assessmentId, r.status, r.issuedAt, r.expiresAt, r.vendorName ?? '']),
            ),
      ),
  },
  {
    path: ['vendor', 'preview'],
    method: 'vendor.previewImport',
    usage: 'vigil vendor preview response.json',
    summary: "Check a vendor's response and show what importing it would change",
    options: {},
    positionals: oneArg,
    run: (ctx) => callAndPrint(ctx, 'vendor.previewImport', { text: readPackage(ctx.positionals[0] ?? '', responseFile) }, describePreview),
  },
  {
    path: ['vendor', 'import'],
    method: 'vendor.import',
    usage: 'vigil vendor import response.json [--repin] [--actor NAME --role ROLE]',
    summary: "Import a vendor's signed response (--repin accepts a changed vendor key; recorded)",
    options: { repin: { type: 'boolean' } },
    positionals: oneArg,
    run: (ctx) =>
      callAndPrint(
        ctx,
        'vendor.import',
        { text: readPackage(ctx.positionals[0] ?? '', responseFile), repin: ctx.values.repin === true },
        (r: ImportResult) =>
          `Imported ${r.preview.vendorName}'s response to ${r.preview.requestId}: ${r.answersWritten} answer(s), ${r.evidenceWritten} evidence file(s) into ${r.preview.assessmentId} (now ${r.status}).\n` +
          (r.repinned ? `The vendor key was re-pinned to ${r.preview.key?.fingerprint ?? ''}.\n` : r.preview.key?.status === 'new' ? `Vendor key pinned: ${r.preview.key.fingerprint}.\n` : ''),
      ),
  },
  {
    path: ['vendor', 'import-docx'],
    method: 'vendor.importDocx',
    usage: 'vigil vendor import-docx questionnaire.docx [--preview] [--actor NAME --role ROLE]',
    summary: "Import a vendor's filled-in Word questionnaire as transcribed vendor answers (--preview: only show what it would change)",
    options: { preview: { type: 'boolean' } },
    positionals: oneArg,
    run: (ctx) => {
      const dataBase64 = readQuestionnaire(ctx.positionals[0] ?? '');
      if (ctx.values.preview === true) return callAndPrint(ctx, 'vendor.previewDocx', { dataBase64 }, describePreview);
      return callAndPrint(
        ctx,
        'vendor.importDocx',
        { dataBase64 },
        (r: ImportResult) =>
          `Imported ${r.preview.vendorName}'s Word questionnaire for ${r.preview.requestId}: ${r.answersWritten} answer(s) into ${r.preview.assessmentId} (now ${r.status}), ` +
          'recorded as transcribed vendor claims (the document is unsigned).\n',
      );
    },
  },
  {
    path: ['vendor', 'preview-docx'],
    method: 'vendor.previewDocx',
    usage: 'vigil vendor preview-docx questionnaire.docx',
    summary: "Read a vendor's filled-in Word questionnaire and show what importing it would change (as import-docx --preview)",
    options: {},
    positionals: oneArg,
    run: (ctx) => callAndPrint(ctx, 'vendor.previewDocx', { dataBase64: readQuestionnaire(ctx.positionals[0] ?? '') }, describePreview),
  },
  {
    path: ['vendor', 'open'],
    method: 'vendorInbox.open',
    usage: 'vigil vendor open request.json',
    summary: "Vendor workspace: open a hospital's signed request",
    options: {},
    positionals: oneArg,
    run: (ctx) => callAndPrint(ctx, 'vendorInbox.open', { text: readPackage(ctx.positionals[0] ?? '', requestFile) }, describeItem),
  },
  {
    path: ['vendor', 'inbox'],
    method: 'vendorInbox.list',
    usage: 'vigil vendor inbox',
    summary: 'Vendor workspace: requests opened',
    options: {},
    run: (ctx) =>
      callAndPrint(ctx, 'vendorInbox.list', {}, (list: InboxSummary[]) =>
        list.length === 0
          ? 'No requests opened. Open one with: vigil vendor open request.json\n'
          : formatTable(
              ['ID', 'From', 'System', 'Answered', 'Expires', 'Responded'],
              list.map((i) => [i.id, i.organisation, i.systemName, `${i.answered}/${i.questionCount}`, i.expiresAt, i.respondedAt ?? '']),
            ),
      ),
  },
  {
    path: ['vendor', 'show'],
    method: 'vendorInbox.get',
    usage: 'vigil vendor show INBOX_ID',
    summary: 'Vendor workspace: one request with its questions and your answers',
    options: {},
    positionals: oneArg,
    run: (ctx) => callAndPrint(ctx, 'vendorInbox.get', { id: ctx.positionals[0] }, describeItem),
  },
  {
    path: ['vendor', 'answer'],
    method: 'vendorInbox.answer',
    usage: 'vigil vendor answer INBOX_ID --file answers.json',
    summary: "Vendor workspace: answer a request's questions",
    options: { file: { type: 'string' } },
    positionals: oneArg,
    run: (ctx) => {
      const file = ctx.values.file as string | undefined;
      if (!file) throw new UsageError('--file answers.json is required');
      return callAndPrint(ctx, 'vendorInbox.answer', { id: ctx.positionals[0], answers: changesFromFile(file) }, (i: InboxItem) => `Saved. ${i.answered}/${i.questionCount} answered.\n`);
    },
  },
  {
    path: ['vendor', 'evidence'],
    method: 'vendorInbox.addEvidence',
    usage: 'vigil vendor evidence INBOX_ID QUESTION_ID FILE',
    summary: 'Vendor workspace: attach an evidence file to an answer',
    options: {},
    positionals: { min: 3, max: 3 },
    run: (ctx) => {
      const [id, questionId, file] = ctx.positionals as [string, string, string];
      return callAndPrint(ctx, 'vendorInbox.addEvidence', { id, questionId, ...readEvidenceFile(file) }, (i: InboxItem) => `Attached ${basename(file)}; ${i.evidence.length} file(s) on this request.\n`);
    },
  },
  {
    path: ['vendor', 'evidence', 'remove'],
    method: 'vendorInbox.removeEvidence',
    usage: 'vigil vendor evidence remove INBOX_ID EVIDENCE_ID',
    summary: 'Vendor workspace: take an attached evidence file off the response before it is sent',
    options: {},
    positionals: { min: 2, max: 2 },
    run: (ctx) => {
      const [id, evidenceId] = ctx.positionals as [string, string];
      return callAndPrint(ctx, 'vendorInbox.removeEvidence', { id, evidenceId }, (i: InboxItem) => `Removed ${evidenceId}; ${i.evidence.length} file(s) on this request.\n`);
    },
  },
  {
    path: ['vendor', 'respond'],
    method: 'vendorInbox.respond',
    usage: 'vigil vendor respond request.json --answers answers.json [--evidence QUESTION=FILE ...] --out response.json',
    summary: "Vendor workspace: open a request, answer it and write the signed response (signed with the organisation in settings), in one go",
    options: { answers: { type: 'string' }, evidence: { type: 'string', multiple: true }, out: { type: 'string' } },
    positionals: oneArg,
    run: respond,
  },
];
