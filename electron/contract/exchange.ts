import { z } from 'zod';
import { plainFileName } from './plain-text.ts';
import { ActingAs } from './acting-as.ts';
import { AnswerValue, AssessmentId, maxEvidenceBytes } from './assessments.ts';
import { questionIdPattern } from './templates.ts';

/**
 * Vendor transparency exchange (issue 8): the signed request a hospital sends, the signed
 * response a vendor returns, and the methods on both sides. Package schemas are strict (unknown
 * keys refused) and never transform a value: the signature covers exactly what was parsed.
 */

/** A response file larger than this is refused before it is read as JSON. */
export const maxPackageBytes = 50 * 1024 * 1024;
/** Deepest nesting a package may have; a real one is about 5 levels deep. */
export const maxPackageDepth = 16;

export const requestFormat = 'vigil.vendor-request';
export const responseFormat = 'vigil.vendor-response';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be 64 lower-case hex digits' });
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'must be base64' });
/** An Ed25519 public key as base64 DER (SubjectPublicKeyInfo, 44 bytes → 60 characters). */
const publicKey = base64.max(200, { error: 'a public key is at most 200 characters' });
const signature = base64.max(200, { error: 'a signature is at most 200 characters' });
const isoInstant = z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/, { error: 'must be an ISO instant (UTC)' });
const plain = (max: number) => z.string().max(max, { error: `at most ${max} characters` });
export const VendorRequestId = z.string().regex(/^VRQ-[A-Z0-9]{4,16}$/, { error: 'request id must look like VRQ-XXXXXXXX' });
export const InboxId = z.string().regex(/^VIN-[A-Z0-9]{4,16}$/, { error: 'inbox id must look like VIN-XXXXXXXX' });
const questionId = z.string().regex(questionIdPattern, { error: 'question id must look like PR-GOV-01' });

const fileName = plainFileName();
/** An evidence file's bytes, base64: at most the 25 MB evidence limit. */
const evidenceBase64 = base64.max(Math.ceil(maxEvidenceBytes / 3) * 4 + 8, { error: 'the file is larger than the 25 MB limit' });
const mediaType = z
  .string()
  .max(120)
  .regex(/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i, { error: 'mediaType must look like type/subtype' });

/** A question as the vendor sees it: no scoring effects, only what is needed to answer. */
export const RequestQuestion = z.strictObject({
  id: questionId,
  section: plain(200),
  text: plain(1000),
  guidance: plain(3000),
  kind: z.enum(['yesNo', 'choice', 'multi', 'text', 'number', 'date']),
  options: z.array(z.strictObject({ value: plain(100), label: plain(300) })).max(50),
});
export type RequestQuestion = z.output<typeof RequestQuestion>;

/** The inventory fields a vendor needs to recognise the product; never risks, answers or people. */
export const RequestSystem = z.strictObject({
  name: plain(200),
  vendor: plain(200),
  productVersion: plain(100),
  modelVersion: plain(100),
  intendedUse: plain(5000),
  clinicalDomain: plain(50).nullable(),
  intendedUsers: plain(1000),
  patientPopulation: plain(1000),
  regulatoryStatus: plain(50),
  regulatoryReference: plain(200),
});
export type RequestSystem = z.output<typeof RequestSystem>;

export const RequestBody = z.strictObject({
  format: z.literal(requestFormat),
  version: z.literal(1),
  requestId: VendorRequestId,
  nonce: hex64,
  issuedAt: isoInstant,
  expiresAt: isoInstant,
  hospital: z.strictObject({ organisation: plain(200), publicKey }),
  system: RequestSystem,
  questions: z.array(RequestQuestion).min(1).max(500),
});
export type RequestBody = z.output<typeof RequestBody>;

export const RequestPackage = RequestBody.extend({ signature });
export type RequestPackage = z.output<typeof RequestPackage>;

/** One answer in a response: a value, or "I don't know". */
export const ResponseAnswer = z.union([
  z.strictObject({ questionId, value: AnswerValue }),
  z.strictObject({ questionId, unknown: z.literal(true) }),
]);
export type ResponseAnswer = z.output<typeof ResponseAnswer>;

export const ResponseEvidence = z.strictObject({
  questionId,
  fileName,
  mediaType,
  size: z.int().min(1).max(maxEvidenceBytes),
  sha256: hex64,
  dataBase64: evidenceBase64,
});
export type ResponseEvidence = z.output<typeof ResponseEvidence>;

export const ResponseBody = z.strictObject({
  format: z.literal(responseFormat),
  version: z.literal(1),
  requestId: VendorRequestId,
  nonce: hex64,
  respondedAt: isoInstant,
  vendor: z.strictObject({ name: plain(200), publicKey }),
  answers: z.array(ResponseAnswer).max(500),
  evidence: z.array(ResponseEvidence).max(50),
});
export type ResponseBody = z.output<typeof ResponseBody>;

export const ResponsePackage = ResponseBody.extend({ signature });
export type ResponsePackage = z.output<typeof ResponsePackage>;

// ---- Method DTOs -------------------------------------------------------------------------

export const identityProtections = ['safeStorage', 'file'] as const;

export const WorkspaceIdentity = z.object({
  /** SHA-256 of the DER public key, in groups of four hex digits, for reading aloud. */
  fingerprint: z.string(),
  publicKey: z.string(),
  createdAt: z.string(),
  /** How the private key is kept: encrypted by the OS (desktop app) or in a file only this user may read. */
  protection: z.enum(identityProtections),
  location: z.string(),
});
export type WorkspaceIdentity = z.output<typeof WorkspaceIdentity>;

/** The package text a file is made of (uploaded by the page, read from disk by the CLI). */
const packageText = z.string({ error: 'text must be the file content' }).max(maxPackageBytes * 2, { error: 'the file is larger than 50 MB' });

export const CreateRequestInput = z.strictObject({
  assessmentId: AssessmentId,
  expiresInDays: z.int({ error: 'expiresInDays must be a whole number' }).min(1).max(365).default(30),
  by: ActingAs.optional(),
});

export const requestStatuses = ['open', 'expired', 'imported'] as const;

export const VendorRequestSummary = z.object({
  id: z.string(),
  assessmentId: z.string(),
  issuedAt: z.string(),
  expiresAt: z.string(),
  issuedBy: z.string(),
  questionCount: z.number(),
  status: z.enum(requestStatuses),
  importedAt: z.string().nullable(),
  vendorName: z.string().nullable(),
  vendorFingerprint: z.string().nullable(),
});
export type VendorRequestSummary = z.output<typeof VendorRequestSummary>;

export const CreatedRequest = z.object({
  request: VendorRequestSummary,
  /** The signed package as the file's text, and a file name to suggest. */
  text: z.string(),
  fileName: z.string(),
});
export type CreatedRequest = z.output<typeof CreatedRequest>;

export const ImportInput = z.strictObject({
  text: packageText,
  /** Replace the pinned key of this vendor by the key that signed this response (recorded in the ledger). */
  repin: z.boolean().default(false),
  by: ActingAs.optional(),
});
export const PreviewInput = z.strictObject({ text: packageText });

export const answerChangeKinds = ['new', 'changed', 'same'] as const;

export const ImportPreview = z.object({
  /** true for a Word questionnaire typed in by the vendor: unsigned, its answers recorded as transcribed. */
  transcribed: z.boolean(),
  requestId: z.string(),
  assessmentId: z.string(),
  systemName: z.string(),
  vendorName: z.string(),
  respondedAt: z.string(),
  key: z
    .object({
      fingerprint: z.string(),
      /** new: first response of this vendor (the key will be pinned); matches: the pinned key; repin: replaces it. */
      status: z.enum(['new', 'matches', 'repin']),
      pinnedFingerprint: z.string().nullable(),
    })
    /** null for a Word questionnaire, which carries no signature. */
    .nullable(),
  /** The vendor's previous imported response for this system, when there is one. */
  previousResponse: z.object({ requestId: z.string(), importedAt: z.string() }).nullable(),
  answers: z.array(
    z.object({
      questionId: z.string(),
      text: z.string(),
      incoming: AnswerValue.nullable(),
      incomingUnknown: z.boolean(),
      /** What the vendor answered last time (null when there was no previous answer). */
      previous: AnswerValue.nullable(),
      previousUnknown: z.boolean(),
      /** What the assessment holds now, whoever answered it. */
      current: AnswerValue.nullable(),
      currentSource: z.string().nullable(),
      /** The three answers in words, from the pinned questionnaire: option labels, "I don't know", numbers and dates as given; null when there is none. */
      incomingText: z.string().nullable(),
      previousText: z.string().nullable(),
      currentText: z.string().nullable(),
      change: z.enum(answerChangeKinds),
    }),
  ),
  evidence: z.array(z.object({ questionId: z.string(), fileName: z.string(), mediaType: z.string(), size: z.number(), sha256: z.string() })),
});
export type ImportPreview = z.output<typeof ImportPreview>;

export const ImportResult = z.object({
  preview: ImportPreview,
  answersWritten: z.number(),
  evidenceWritten: z.number(),
  status: z.string(),
  repinned: z.boolean(),
});
export type ImportResult = z.output<typeof ImportResult>;

/** A filled-in Word questionnaire larger than this is refused before it is unzipped. */
export const maxQuestionnaireDocxBytes = 20 * 1024 * 1024;
const docxBase64 = base64.max(Math.ceil(maxQuestionnaireDocxBytes / 3) * 4 + 8, { error: 'the file is larger than the 20 MB a Word questionnaire may be' });

/** A filled-in Word questionnaire (the .docx's bytes, base64), as uploaded or read by the CLI. */
export const DocxPreviewInput = z.strictObject({ dataBase64: docxBase64 });
export const DocxImportInput = z.strictObject({ dataBase64: docxBase64, by: ActingAs.optional() });

export const RequestListInput = z.strictObject({ assessmentId: AssessmentId.optional() });

// ---- Vendor side ---------------------------------------------------------------------------

export const InboxOpenInput = z.strictObject({ text: packageText });
export const InboxRef = z.strictObject({ id: InboxId });

export const InboxAnswerChange = z
  .strictObject({
    questionId: z.string().min(1).max(40),
    value: AnswerValue.nullable().optional(),
    unknown: z.literal(true).optional(),
  })
  .refine((c) => c.value !== undefined || c.unknown !== undefined, { error: 'give a value (null clears it) or unknown: true' })
  .refine((c) => !(c.unknown && c.value !== undefined && c.value !== null), { error: 'an answer is either a value or unknown, not both' });

export const InboxAnswerInput = z.strictObject({ id: InboxId, answers: z.array(InboxAnswerChange).min(1).max(500) });

export const InboxEvidenceInput = z.strictObject({
  id: InboxId,
  questionId: z.string().min(1).max(40),
  fileName: fileName,
  mediaType: mediaType.default('application/octet-stream'),
  dataBase64: evidenceBase64,
});

export const InboxEvidenceRef = z.strictObject({
  id: InboxId,
  evidenceId: z.string().regex(/^VEV-[A-Z0-9]{4,16}$/, { error: 'evidence id must look like VEV-XXXXXXXX' }),
});

/** The name the hospital sees is this vendor workspace's organisation (Settings), set when vendor mode was chosen. */
export const InboxRespondInput = z.strictObject({ id: InboxId });

export const InboxSummary = z.object({
  id: z.string(),
  requestId: z.string(),
  organisation: z.string(),
  hospitalFingerprint: z.string(),
  systemName: z.string(),
  expiresAt: z.string(),
  expired: z.boolean(),
  openedAt: z.string(),
  respondedAt: z.string().nullable(),
  questionCount: z.number(),
  answered: z.number(),
});
export type InboxSummary = z.output<typeof InboxSummary>;

export const InboxItem = InboxSummary.extend({
  system: RequestSystem,
  questions: z.array(RequestQuestion),
  answers: z.array(z.object({ questionId: z.string(), value: AnswerValue.nullable(), unknown: z.boolean(), answeredAt: z.string() })),
  evidence: z.array(z.object({ id: z.string(), questionId: z.string(), fileName: z.string(), mediaType: z.string(), size: z.number(), sha256: z.string() })),
});
export type InboxItem = z.output<typeof InboxItem>;

export const InboxResponse = z.object({ text: z.string(), fileName: z.string(), answers: z.number(), evidence: z.number() });
export type InboxResponse = z.output<typeof InboxResponse>;
