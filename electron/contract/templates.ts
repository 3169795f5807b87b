import { z } from 'zod';
import { autonomyLevels, clinicalDomains, dataCategories, deploymentTypes, harmLevels, integrationPoints, modelTypes } from './systems.ts';

/*
 * The shapes of everything in templates/ (format documented in templates/README.md). They live
 * in the contract because they are also what the API returns to the Templates page: one schema
 * for loading, linting and the wire.
 */

const semver = z.string().regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, { error: 'version must be semver, e.g. 1.0.0' });
const prose = (what: string, max: number) =>
  z
    .string({ error: `${what} must be text` })
    .trim()
    .min(1, { error: `${what} must not be empty` })
    .max(max, { error: `${what} must be at most ${max} characters` });

export const threatIdPattern = /^T-[A-Z0-9]+(-[A-Z0-9]+)*$/;
export const controlIdPattern = /^C-[A-Z0-9]+(-[A-Z0-9]+)*$/;
export const questionIdPattern = /^[A-Z]{2}-[A-Z]+-\d{2}$/;

const ThreatRef = z.string().regex(threatIdPattern, { error: 'threat id must look like T-NAME' });
const ControlRef = z.string().regex(controlIdPattern, { error: 'control id must look like C-NAME' });

const refList = (pattern: RegExp, what: string) =>
  z.array(z.string().regex(pattern, { error: (issue) => `"${String(issue.input)}" is not a valid ${what} reference` }));

export const isoStandards = [
  'ISO 14971',
  'AAMI TIR34971',
  'IEC 80001-1',
  'ISO/IEC 27001',
  'ISO/IEC 42001',
  'IEC 62304',
  'IEC 81001-5-1',
] as const;

/** Framework references, each list checked against the ID format of its framework. */
export const Refs = z
  .strictObject({
    atlas: refList(/^AML\.(T\d{4}(\.\d{3})?|M\d{4})$/, 'MITRE ATLAS').optional(),
    owasp: refList(/^(ML(0[1-9]|10)|LLM(0[1-9]|10))$/, 'OWASP ML/LLM Top 10').optional(),
    nistAiRmf: refList(/^(GOVERN|MAP|MEASURE|MANAGE) \d{1,2}\.\d{1,2}$/, 'NIST AI RMF').optional(),
    hipaa: refList(/^164\.\d{3}(\([a-zA-Z0-9]{1,4}\))*$/, 'HIPAA').optional(),
    euAiAct: refList(/^(Art\. \d{1,3}|Annex (I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII))$/, 'EU AI Act').optional(),
    fda: refList(/^FDA-[A-Z0-9]+(-[A-Z0-9]+)*$/, 'FDA').optional(),
    hti1: refList(/^HTI1-(SA-(0[1-9]|[12]\d|3[01])|RM-[A-Z]+)$/, 'HTI-1').optional(),
    chai: refList(/^CHAI-[A-Za-z]+(-[A-Za-z]+)*$/, 'CHAI model card').optional(),
    mds2: refList(/^MDS2-[A-Z]{4}$/, 'MDS2').optional(),
    iso: z.array(z.enum(isoStandards, { error: (issue) => `"${String(issue.input)}" is not a listed ISO/IEC standard` })).optional(),
  })
  .refine((refs) => Object.values(refs).some((list) => (list?.length ?? 0) > 0), {
    error: 'at least one framework reference is required',
  });
export type Refs = z.output<typeof Refs>;
export const refFrameworks = ['atlas', 'owasp', 'nistAiRmf', 'hipaa', 'euAiAct', 'fda', 'hti1', 'chai', 'mds2', 'iso'] as const;
/** Frameworks whose ids must also appear in catalog/references.json. */
export const registryFrameworks = ['fda', 'hti1', 'chai', 'mds2'] as const;

const step = z.int({ error: 'a step must be a whole number' });

/**
 * What an answer or a system-record rule does (templates/README.md, "Effects"):
 * - raises an exposure of a threat (+1/+2 on likelihood and/or impact);
 * - credits a control, in full or, for a weaker practice, `partial` (half its reductions);
 * - sets a floor: the residual level of a threat that no safeguard takes it below (e.g. the
 *   automation bias of a time-critical alert).
 */
export const ExposureEffect = z
  .strictObject({ threat: ThreatRef, likelihood: step.min(1).max(2).optional(), impact: step.min(1).max(2).optional() })
  .refine((e) => e.likelihood !== undefined || e.impact !== undefined, { error: 'an exposure needs likelihood and/or impact' });
export const CreditEffect = z.strictObject({ control: ControlRef, strength: z.enum(['full', 'partial']).optional() });
export const FloorEffect = z.strictObject({
  threat: ThreatRef,
  floor: z
    .strictObject({ likelihood: step.min(1).max(5).optional(), impact: step.min(1).max(5).optional() })
    .refine((f) => f.likelihood !== undefined || f.impact !== undefined, { error: 'a floor needs likelihood and/or impact' }),
});
export type ExposureEffect = z.output<typeof ExposureEffect>;
export type CreditEffect = z.output<typeof CreditEffect>;
export type FloorEffect = z.output<typeof FloorEffect>;

export const Effect = z.union([ExposureEffect, CreditEffect, FloorEffect], {
  error: 'an effect is { threat, likelihood?, impact? }, { control, strength? } or { threat, floor: { likelihood?, impact? } }',
});
export type Effect = ExposureEffect | CreditEffect | FloorEffect;
export const isCredit = (e: Effect): e is CreditEffect => 'control' in e;
export const isFloor = (e: Effect): e is FloorEffect => 'floor' in e;
export const isExposure = (e: Effect): e is ExposureEffect => 'threat' in e && !('floor' in e);

export const systemConditionFields = {
  autonomyLevel: autonomyLevels,
  dataCategories,
  deploymentType: deploymentTypes,
  integrationPoints,
  modelType: modelTypes,
  worstCredibleHarm: harmLevels,
  /** The inventory's yes/no "time-critical condition", matched as "yes" or "no". */
  timeCritical: ['yes', 'no'],
} as const;
const SystemField = z.enum(Object.keys(systemConditionFields) as [keyof typeof systemConditionFields, ...(keyof typeof systemConditionFields)[]]);

export const ShowIf = z.union([
  z.strictObject({ question: z.string().regex(questionIdPattern), in: z.array(z.string()).min(1) }),
  z.strictObject({ system: SystemField, in: z.array(z.string()).min(1) }),
]);
export type ShowIf = z.output<typeof ShowIf>;

/**
 * When "Not applicable" may be answered: only for systems whose record matches every listed
 * condition, and with the reason shown to the assessor and in the trace. The linter checks that
 * the conditions can hold and do not cover every system.
 */
export const NotApplicable = z.strictObject({
  when: z.array(z.strictObject({ system: SystemField, in: z.array(z.string()).min(1) })).min(1),
  why: prose('why', 500),
});
export type NotApplicable = z.output<typeof NotApplicable>;

const optionValue = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9_-]*$/, { error: 'option values are short identifiers' })
  .refine((v) => v !== 'unknown' && v !== 'notApplicable', {
    error: '"unknown" and "notApplicable" are reserved: Vigil offers "I don\'t know" and "Not applicable" itself',
  });

export const Option = z.strictObject({
  value: optionValue,
  label: prose('label', 300),
  /** The label as the vendor reads it, where `label` speaks of "the vendor" in the third person. */
  vendorLabel: prose('vendorLabel', 300).optional(),
  effects: z.array(Effect),
});
export type Option = z.output<typeof Option>;

const questionBase = {
  id: z.string().regex(questionIdPattern, { error: 'question id must look like PR-GOV-01' }),
  text: prose('text', 1000),
  guidance: prose('guidance', 3000),
  required: z.boolean(),
  vendorAnswerable: z.boolean(),
  /*
   * The question and its guidance addressed to the vendor ("Do you…", "Describe your…"), used in
   * everything built for the vendor (vendorWordingOf, core/templates/vendor-wording.ts). Optional
   * in the schema because assessments pin older questionnaires without them; the template linter
   * requires both on every vendor-answerable question and refuses them elsewhere.
   */
  vendorText: prose('vendorText', 1000).optional(),
  vendorGuidance: prose('vendorGuidance', 3000).optional(),
  showIf: ShowIf.optional(),
  notApplicable: NotApplicable.optional(),
  /**
   * The safe answer is a load-bearing safeguard a clinical-AI risk expert would not accept losing
   * (local validation at the threshold, monitoring, encryption, change control…). The linter checks
   * on the reference profiles that switching it alone to its least safe option moves a residual level.
   */
  material: z.literal(true, { error: 'material can only be true (leave it out otherwise)' }).optional(),
  refs: Refs,
};

const YesNoQuestion = z
  .strictObject({ ...questionBase, kind: z.literal('yesNo'), options: z.array(Option) })
  .refine((q) => q.options.length === 2 && q.options[0]?.value === 'yes' && q.options[1]?.value === 'no', {
    error: 'a yesNo question has exactly the options "yes" then "no"',
    path: ['options'],
  });
const ChoiceQuestion = z.strictObject({
  ...questionBase,
  kind: z.literal('choice'),
  options: z.array(Option).min(2, { error: 'a choice needs 2 to 8 options' }).max(8, { error: 'a choice needs 2 to 8 options' }),
});
const MultiQuestion = z.strictObject({ ...questionBase, kind: z.literal('multi'), options: z.array(Option).min(2) });
const FreeQuestion = z.strictObject({
  ...questionBase,
  kind: z.enum(['text', 'number', 'date']),
  answeredEffects: z.array(Effect),
});

export const Question = z
  .discriminatedUnion('kind', [YesNoQuestion, ChoiceQuestion, MultiQuestion, FreeQuestion], {
    error: 'kind must be one of yesNo, choice, multi, text, number, date',
  })
  .refine(
    (q) => ('options' in q ? q.options.some((o) => o.effects.length > 0) : q.answeredEffects.length > 0),
    { error: 'a question must have at least one effect on a threat or control' },
  );
export type Question = z.output<typeof Question>;

export const assessmentStages = ['procurement', 'validation', 'deployment', 'use'] as const;
export type AssessmentStage = (typeof assessmentStages)[number];

export const Questionnaire = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, { error: 'questionnaire id is lower-case words joined by hyphens' }),
  version: semver,
  stage: z.enum(assessmentStages),
  kind: z.enum(['lifecycle', 'vendor']),
  title: prose('title', 200),
  description: prose('description', 2000),
  sections: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[A-Z]{2}-[A-Z]+$/, { error: 'section id must look like PR-GOV' }),
        title: prose('title', 200),
        description: prose('description', 2000).optional(),
        questions: z.array(Question).min(1),
      }),
    )
    .min(1),
});
export type Questionnaire = z.output<typeof Questionnaire>;

const level = z.int().min(1).max(5);

export const threatCategories = [
  'privacy',
  'integrity',
  'robustness',
  'fairness',
  'transparency',
  'availability',
  'safety',
  'supplyChain',
  'human',
  'governance',
] as const;

/** The keys a threat's wording variants may use (checked by the template linter). */
export const threatVariantKeys = {
  descriptionByModelType: modelTypes,
  consequenceByModelType: modelTypes,
  consequenceByDomain: clinicalDomains,
} as const;
export type ThreatVariantField = keyof typeof threatVariantKeys;
export const threatVariantFields: readonly ThreatVariantField[] = ['descriptionByModelType', 'consequenceByModelType', 'consequenceByDomain'];

const variantTexts = (what: string, max: number) =>
  z.record(z.string().regex(/^[a-z][A-Za-z]*$/, { error: `${what} keys are model types or clinical domains, e.g. generative, radiology` }), prose(what, max)).optional();

export const Threat = z.strictObject({
  id: ThreatRef,
  name: prose('name', 200),
  category: z.enum(threatCategories),
  description: prose('description', 3000),
  clinicalConsequence: prose('clinicalConsequence', 2000),
  /*
   * Wording for the system at hand, where the generic text would be wrong for it: keyed by the
   * system's model type (predictive / generative / other) or clinical domain. Keys are checked
   * by the template linter (rule `unknown-variant`) so a misspelt key is reported by name rather
   * than silently never used; the choice of text is threatWordingFor (core/scoring/threat-wording.ts).
   */
  descriptionByModelType: variantTexts('descriptionByModelType', 3000),
  consequenceByModelType: variantTexts('consequenceByModelType', 2000),
  consequenceByDomain: variantTexts('consequenceByDomain', 2000),
  baseLikelihood: level,
  /** The typical impact, used when the harm is not clinical or the system's worst credible harm is not recorded. */
  baseImpact: level,
  /**
   * What the threat harms. A clinical harm takes its impact from the system's worst credible
   * harm (and what its output drives) plus `severityOffset`; data and service harms keep `baseImpact`.
   */
  harm: z.enum(['clinical', 'data', 'service']).default('data'),
  severityOffset: z.int().min(-2).max(0).default(0),
  seeds: z.array(z.enum(['000', '001', '002'])),
  refs: Refs,
});
export type Threat = z.output<typeof Threat>;

/** How the system record sets the impact of clinical harms (scoring model 2). */
export const ClinicalSeverity = z.strictObject({
  /** Added to the worst credible harm level for what the output drives. */
  autonomyOffset: z.strictObject({ informs: z.int().min(-2).max(0), augments: z.int().min(-2).max(1), automates: z.int().min(-1).max(1) }),
});
export type ClinicalSeverity = z.output<typeof ClinicalSeverity>;

export const ThreatCatalog = z.strictObject({
  id: z.string().min(1),
  version: semver,
  title: prose('title', 200),
  clinicalSeverity: ClinicalSeverity.optional(),
  threats: z.array(Threat).min(1),
});

/**
 * What a safeguard does against one threat: makes it less likely to happen (`likelihood`),
 * more likely to be caught before it reaches a patient (`detectability`, also on the likelihood
 * axis, in its own pool), or less harmful when it does (`severity`), by 1 or 2 levels.
 */
export const mitigationKinds = ['likelihood', 'detectability', 'severity'] as const;
export const Mitigation = z.strictObject({ threat: ThreatRef, reduces: z.enum(mitigationKinds), by: z.int().min(1).max(2) });
export type Mitigation = z.output<typeof Mitigation>;

export const Control = z.strictObject({
  id: ControlRef,
  name: prose('name', 200),
  category: z.enum(['technical', 'organisational', 'contractual', 'clinical']),
  description: prose('description', 3000),
  mitigates: z.array(Mitigation).min(1, { error: 'a control must mitigate at least one threat' }),
  refs: Refs,
});
export type Control = z.output<typeof Control>;

export const ControlCatalog = z.strictObject({
  id: z.string().min(1),
  version: semver,
  title: prose('title', 200),
  controls: z.array(Control).min(1),
});

export const ProfileRule = z.strictObject({
  id: z.string().regex(/^PE-[A-Z0-9-]+$/, { error: 'rule id must look like PE-NAME' }),
  field: SystemField,
  in: z.array(z.string()).min(1),
  why: prose('why', 500),
  effects: z.array(Effect).min(1),
});
export type ProfileRule = z.output<typeof ProfileRule>;

export const ProfileEffects = z.strictObject({
  id: z.string().min(1),
  version: semver,
  title: prose('title', 200).optional(),
  rules: z.array(ProfileRule),
});

export const ReferenceItem = z.strictObject({
  id: z.string().min(1),
  /** Any cited framework may be listed (the register's glossary takes titles from here); registryFrameworks must be. */
  framework: z.enum(refFrameworks),
  group: prose('group', 200).optional(),
  title: prose('title', 300),
});
export type ReferenceItem = z.output<typeof ReferenceItem>;

export const ReferenceRegistry = z.strictObject({
  id: z.string().min(1),
  version: semver,
  title: prose('title', 200).optional(),
  items: z.array(ReferenceItem),
});

const scaleLevel = z.strictObject({ level, label: prose('label', 60), description: prose('description', 500) });
const bandId = z.string().regex(/^[a-z][a-zA-Z]*$/);

export const RiskMatrix = z
  .strictObject({
    id: z.string().min(1),
    version: semver,
    title: prose('title', 200),
    likelihood: z.array(scaleLevel).length(5),
    impact: z.array(scaleLevel).length(5),
    bands: z
      .array(
        z.strictObject({
          id: bandId,
          label: prose('label', 60),
          color: z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: 'color must be #rrggbb' }),
          reassessMonths: z.int().min(1).max(60),
          description: prose('description', 500),
        }),
      )
      .min(2),
    cells: z.array(z.array(bandId).length(5)).length(5),
    appetite: bandId,
  })
  .superRefine((m, ctx) => {
    const bands = new Set(m.bands.map((b) => b.id));
    m.cells.forEach((row, l) =>
      row.forEach((band, i) => {
        if (!bands.has(band)) ctx.addIssue({ code: 'custom', path: ['cells', l, i], message: `unknown band "${band}"` });
      }),
    );
    if (!bands.has(m.appetite)) ctx.addIssue({ code: 'custom', path: ['appetite'], message: `unknown band "${m.appetite}"` });
    ['likelihood', 'impact'].forEach((scale) =>
      (m[scale as 'likelihood' | 'impact']).forEach((entry, index) => {
        if (entry.level !== index + 1) ctx.addIssue({ code: 'custom', path: [scale, index, 'level'], message: `levels must run 1 to 5 in order` });
      }),
    );
  });
export type RiskMatrix = z.output<typeof RiskMatrix>;

export type ThreatCatalog = z.output<typeof ThreatCatalog>;
export type ControlCatalog = z.output<typeof ControlCatalog>;
export type ProfileEffects = z.output<typeof ProfileEffects>;
export type ReferenceRegistry = z.output<typeof ReferenceRegistry>;

/** A problem found while loading or linting templates: which file, where in it, what. */
export interface TemplateProblem {
  file: string;
  path: string;
  rule: string;
  message: string;
}

export const QuestionnaireSummary = z.object({
  id: z.string(),
  version: z.string(),
  stage: z.enum(assessmentStages),
  kind: z.enum(['lifecycle', 'vendor']),
  title: z.string(),
  description: z.string(),
  sections: z.number(),
  questions: z.number(),
  requiredQuestions: z.number(),
  vendorQuestions: z.number(),
  branchingQuestions: z.number(),
});
export type QuestionnaireSummary = z.output<typeof QuestionnaireSummary>;

export const TemplateCounts = z.object({
  threats: z.number(),
  controls: z.number(),
  profileRules: z.number(),
  references: z.number(),
  questionnaires: z.number(),
  questions: z.number(),
  vendorQuestions: z.number(),
});

export const TemplateList = z.object({
  questionnaires: z.array(QuestionnaireSummary),
  counts: TemplateCounts,
  catalogVersions: z.object({ threats: z.string(), controls: z.string(), matrix: z.string() }),
});
export type TemplateList = z.output<typeof TemplateList>;

export const Catalog = z.object({
  threats: ThreatCatalog,
  controls: ControlCatalog,
  profileEffects: ProfileEffects,
  references: ReferenceRegistry,
  matrix: RiskMatrix,
});
export type Catalog = z.output<typeof Catalog>;

export const TemplateProblemSchema = z.object({ file: z.string(), path: z.string(), rule: z.string(), message: z.string() });
export const LintResult = z.object({ ok: z.boolean(), problems: z.array(TemplateProblemSchema) });
export type LintResult = z.output<typeof LintResult>;

/** Per threat: how many questions of each questionnaire (and each stage) touch it. */
export const Coverage = z.object({
  questionnaires: z.array(z.object({ id: z.string(), stage: z.enum(assessmentStages), title: z.string() })),
  threats: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      byQuestionnaire: z.record(z.string(), z.number()),
      byStage: z.record(z.enum(assessmentStages), z.number()),
      total: z.number(),
    }),
  ),
});
export type Coverage = z.output<typeof Coverage>;
