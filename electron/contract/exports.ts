import { z } from 'zod';
import { ActingAs } from './acting-as.ts';
import { RiskId } from './risks.ts';
import { SystemId } from './systems.ts';
import { documentStatuses } from './committee.ts';
import { VendorRequestId } from './exchange.ts';
import { isoDate } from './input-fields.ts';

export const exportFormats = ['docx', 'csv'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** A destination file: only from the command line, never from page code (DESIGN §2). */
const out = z.string().min(1).max(4096).optional();
/** Chosen by the page so it can ask how far a long export has got while it runs. */
const progressKey = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { error: 'progressKey is 8 to 64 letters, digits, _ or -' }).optional();

/** The largest selection one register export takes (a whole 20,000-risk portfolio, benchmarked). */
export const maxExportRisks = 20000;

export const ExportRegisterInput = z.strictObject({
  /** The systems in scope; none means every system in the inventory that is not archived. */
  systemIds: z
    .array(SystemId)
    .max(1000)
    .refine((ids) => new Set(ids).size === ids.length, { error: 'a system is listed more than once' })
    .default([]),
  /**
   * A selection of risks ("Export selected" on the risk register, `vigil export register --risks`):
   * the register then holds exactly these risks, with the systems and assessments they belong to
   * (archived or not), and says it is a selection. Ids that are not risks are refused by name and
   * nothing is written. A selection brings its own systems, so it is not combined with systemIds.
   */
  riskIds: z
    .array(RiskId, { error: 'riskIds must be a list of risk ids' })
    .min(1, { error: 'choose at least one risk to export' })
    .max(maxExportRisks, { error: `at most ${maxExportRisks.toLocaleString('en-GB')} risks in one export` })
    .superRefine((ids, ctx) => {
      const seen = new Set<string>();
      const twice = [...new Set(ids.filter((id) => seen.size === seen.add(id).size))];
      if (twice.length > 0) ctx.addIssue({ code: 'custom', message: `a risk is listed more than once: ${twice.slice(0, 10).join(', ')}${twice.length > 10 ? ` and ${twice.length - 10} more` : ''}` });
    })
    .optional(),
  format: z.enum(exportFormats, { error: 'format must be docx or csv' }).default('docx'),
  /** Add every answer and evidence file as an appendix (long: off unless asked for). */
  withAnswers: z.boolean().default(false),
  /** A draft for discussion, or the final version the committee decides from. */
  status: z.enum(documentStatuses, { error: 'status must be draft or final' }).default('draft'),
  /** When the committee reviews the register next; default 90 days after it is written (a quarterly cycle). */
  nextReview: isoDate.optional(),
  by: ActingAs.optional(),
  out,
  progressKey,
}).refine((input) => input.riskIds === undefined || input.systemIds.length === 0, {
  error: 'give riskIds or systemIds, not both: a selection of risks brings its own systems',
  path: ['systemIds'],
});

/** The Word questionnaire answers one open vendor request: its deadline is the request's expiry, and its request id and nonce let it be read back. */
export const ExportQuestionnaireInput = z.strictObject({
  requestId: VendorRequestId,
  by: ActingAs.optional(),
  out,
  progressKey,
});

export const ExportResult = z.object({
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number(),
  sha256: z.string(),
  /** The ledger as the document states it: `vigil audit verify` can check it is still in the chain. */
  ledger: z.object({ head: z.string(), length: z.number() }),
  counts: z.object({ systems: z.number(), risks: z.number(), assessments: z.number(), questions: z.number() }),
  /** Where the file was written (command line), or null when the bytes come back instead. */
  path: z.string().nullable(),
  dataBase64: z.string().nullable(),
});
export type ExportResult = z.output<typeof ExportResult>;

export const ExportProgressInput = z.strictObject({ progressKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { error: 'progressKey is 8 to 64 letters, digits, _ or -' }) });
export const ExportProgress = z.object({
  state: z.enum(['unknown', 'running', 'done', 'failed']),
  phase: z.string(),
  /** Work done and total, in the phase's units (risks, questions); total 0 when unknown. */
  done: z.number(),
  total: z.number(),
  /** 0–100 over the whole export. */
  percent: z.number(),
});
export type ExportProgress = z.output<typeof ExportProgress>;
