import { z } from 'zod';
import { plainFileName } from './plain-text.ts';
import { ActingAs } from './acting-as.ts';
import { AnswerValue, AssessmentId } from './assessments.ts';
import { questionIdPattern } from './templates.ts';

/**
 * CHAI Applied Model Card import: the mapping (template data, `templates/mappings/`) from card
 * elements to questionnaire answers, and the preview/apply methods' DTOs.
 */

/** A model card is a few tens of kilobytes; anything over this is refused before it is read. */
export const maxModelCardBytes = 5 * 1024 * 1024;

const questionId = z.string().regex(questionIdPattern, { error: 'question id must look like PR-GOV-01' });
/** Local element names from the card's root, e.g. `UsesAndDirections/IntendedUseAndWorkflow`. */
export const CardPath = z.string().regex(/^[A-Za-z_][\w.-]*(\/[A-Za-z_][\w.-]*)*$/, { error: 'a path is local element names joined by "/"' });
const why = z.string().min(10, { error: 'say why this rule is safe (at least 10 characters)' }).max(1000);

/** A text question gets the text of these elements, each under its label, in this order. */
const TextRule = z.strictObject({
  question: questionId,
  text: z.array(z.strictObject({ path: CardPath, label: z.string().max(100).optional() })).min(1).max(20),
  why,
});
/** A choice, yes/no or multi question gets `value` only when every `whenPresent` element has text. */
const ValueRule = z.strictObject({
  question: questionId,
  value: AnswerValue,
  whenPresent: z.array(CardPath).min(1).max(20),
  why,
});
export const ModelCardRule = z.union([TextRule, ValueRule]);
export type ModelCardRule = z.output<typeof ModelCardRule>;

export const ModelCardMapping = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, { error: 'id is lower-case letters, digits and dashes' }),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, { error: 'version is semantic (1.0.0)' }),
  title: z.string().min(1).max(200),
  description: z.string().max(3000),
  /** The card's root element (local name); a card with another root is not this format. */
  root: z.string().regex(/^[A-Za-z_][\w.-]*$/),
  /** The element that names the model, shown in the preview. */
  namePath: CardPath,
  /** The elements naming the developer and the release, compared with the system's vendor and version to warn of a card for another product. */
  developerPath: CardPath.optional(),
  versionPath: CardPath.optional(),
  /** The questionnaire whose questions the rules fill. */
  questionnaire: z.string().min(1).max(100),
  /** The card's sections, reported as found or not found in the preview. */
  sections: z.array(z.strictObject({ path: CardPath, title: z.string().min(1).max(200) })).min(1).max(50),
  /** The question the card file itself is attached to as evidence, with the reason. */
  evidence: z.strictObject({ question: questionId, why }).optional(),
  rules: z.array(ModelCardRule).min(1).max(200),
  /** Questions that cite the card but that the card cannot answer unambiguously, with the reason: documentation, not code. */
  notMapped: z.array(z.strictObject({ question: questionId, why })).max(200).default([]),
});
export type ModelCardMapping = z.output<typeof ModelCardMapping>;

/** A model card's text: the byte cap (5 MB) is the core's, with its own error code; this only bounds the transport. */
const cardText = z.string({ error: 'text must be the XML text of the card' }).min(1, { error: 'the card is empty' }).max(8 * 1024 * 1024);
const cardFileName = plainFileName();

export const ModelCardPreviewInput = z.strictObject({
  assessmentId: AssessmentId,
  text: cardText,
  fileName: cardFileName.optional(),
  /** Replace answers already given (by the assessor, or earlier by the vendor) that differ from the card's. */
  overwrite: z.boolean().default(false),
});
export const ModelCardApplyInput = ModelCardPreviewInput.extend({
  by: ActingAs.optional(),
  /** Apply although the card names another product or developer than the system (the preview's mismatch); recorded in the ledger. */
  confirmMismatch: z.boolean().default(false),
});

export const ModelCardItem = z.object({
  questionId: z.string(),
  text: z.string(),
  /** fill: unanswered, will be written · same: already this answer · conflict: answered otherwise, kept unless overwrite · hidden: not shown in this assessment, skipped. */
  action: z.enum(['fill', 'same', 'conflict', 'hidden']),
  before: AnswerValue.nullable(),
  beforeUnknown: z.boolean(),
  beforeSource: z.enum(['assessor', 'vendor']).nullable(),
  after: AnswerValue,
  /** The answers in words (option labels, "I don't know"), from the pinned questionnaire. */
  beforeText: z.string().nullable(),
  afterText: z.string(),
  /** Applying writes this answer: it fills a gap, or replaces a different answer because overwrite was asked for. */
  write: z.boolean(),
  /** The card's text was longer than an answer may be; it was cut and a note added. */
  truncated: z.boolean(),
  from: z.array(z.string()),
});
export type ModelCardItem = z.output<typeof ModelCardItem>;

/** Where the card's product or developer differs from the system's, after normalising (case, punctuation, company suffixes, version). */
export const ModelCardMismatch = z.object({
  /** The card's product name against the system's name; null when they match. */
  product: z.object({ card: z.string().nullable(), system: z.string() }).nullable(),
  /** The card's developer against the system's vendor; null when they match. */
  developer: z.object({ card: z.string().nullable(), system: z.string() }).nullable(),
  /** What differs, in one sentence. */
  message: z.string(),
});
export type ModelCardMismatch = z.output<typeof ModelCardMismatch>;

/** The key-metric groups of a card (KeyMetrics children). */
export const modelCardMetricAreas = ['UsefulnessUsabilityEfficacy', 'FairnessEquity', 'SafetyReliability'] as const;

/**
 * One reported result. Schema v0.2: a MetricResult's Label and ValueJson ({"kind":"single","value":…}
 * or {"kind":"estimate_ci","estimate":…,"lower":…,"upper":…,"level":…}, optional "unit"); v0.1: the
 * area's free-text Result. The schema has no subgroup or data-set field per result: the data set is
 * the area's TestingDataDescription; a subgroup is read only where the ValueJson names one.
 */
export const ModelCardMetric = z.object({
  area: z.enum(modelCardMetricAreas),
  areaTitle: z.string(),
  /** The metric's name (v0.2 Label; v0.1 "Result"). */
  label: z.string(),
  /** The value as a person reads it: "96.15% (95% CI 90.44–98.94)", or the v0.1 text. */
  valueText: z.string(),
  value: z.number().nullable(),
  unit: z.string().nullable(),
  interval: z.object({ lower: z.number(), upper: z.number(), level: z.number().nullable() }).nullable(),
  subgroup: z.string().nullable(),
  /** The area's TestingDataDescription: the data the result was measured on. */
  dataset: z.string().nullable(),
});
export type ModelCardMetric = z.output<typeof ModelCardMetric>;

/**
 * The card's XML signature (ds:Signature, optional in v0.1 and v0.2). Vigil reports whether one is
 * there and what it names; it does not check it (no XML canonicalisation or certificate trust here),
 * so `verified` is always false and the note says so.
 */
export const ModelCardSignature = z.object({
  present: z.boolean(),
  verified: z.literal(false),
  algorithm: z.string().nullable(),
  /** KeyName or X509SubjectName, as the signature names its signer. */
  signer: z.string().nullable(),
  note: z.string(),
});
export type ModelCardSignature = z.output<typeof ModelCardSignature>;

export const ModelCardPreview = z.object({
  assessmentId: z.string(),
  mapping: z.object({ id: z.string(), version: z.string() }),
  sha256: z.string(),
  fileName: z.string(),
  modelName: z.string().nullable(),
  /** The card's XML namespace, which names its schema version (e.g. https://mc.chai.org/v0.2/schema.xsd). */
  namespace: z.string().nullable(),
  /** The schema version the namespace names ("0.1", "0.2"), or null when it names none Vigil knows. */
  schemaVersion: z.string().nullable(),
  /** The card's developer (BasicInfo/ModelDeveloper), and the system it is applied to. */
  developer: z.string().nullable(),
  system: z.object({ id: z.string(), name: z.string(), vendor: z.string() }),
  /** Set when the card's product or developer differs from the system's: apply then needs confirmMismatch. */
  mismatch: ModelCardMismatch.nullable(),
  /** v0.2 ReleaseInfo/EHRCompatibility/EHR, in order. */
  ehrCompatibility: z.array(z.string()),
  metrics: z.array(ModelCardMetric),
  signature: ModelCardSignature,
  sections: z.array(z.object({ path: z.string(), title: z.string(), found: z.boolean() })),
  items: z.array(ModelCardItem),
  /** The question the card file would be attached to, or null when that question is not filled from it. */
  evidenceQuestion: z.string().nullable(),
});
export type ModelCardPreview = z.output<typeof ModelCardPreview>;

export const ModelCardResult = z.object({
  preview: ModelCardPreview,
  written: z.array(z.string()),
  kept: z.array(z.string()),
  evidenceId: z.string().nullable(),
  status: z.string(),
  /** True when the card's mismatch was confirmed for this apply (also in the ledger event). */
  mismatchConfirmed: z.boolean(),
});
export type ModelCardResult = z.output<typeof ModelCardResult>;
