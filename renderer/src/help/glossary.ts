import { frameworkNames, type refFrameworks } from '../../../electron/contract/index.ts';

/**
 * The glossary (issue 19, "Help where it is needed"): the words a risk manager meets in Vigil,
 * in plain language. Data only: the glossary page lists it, and a "?" beside a heading or a
 * column links to one term by its id (`#/glossary?term=band`).
 */
export interface GlossaryTerm {
  /** Stable id, used in links: lower case words joined by hyphens. */
  id: string;
  term: string;
  definition: string;
  /** Other words for the same thing, as pages or frameworks say it. */
  alsoCalled?: readonly string[];
}

/** A framework Vigil cites, keyed as the templates' `refs` name it. */
export interface GlossaryFramework {
  framework: (typeof refFrameworks)[number];
  /** The framework's name as the register prints it (the contract's `frameworkNames`). */
  name: string;
  definition: string;
  /** How its IDs look on a threat or safeguard, with examples the catalog cites. */
  ids: string;
  examples: readonly string[];
}

export const glossaryTerms: readonly GlossaryTerm[] = [
  {
    id: 'likelihood',
    term: 'Likelihood',
    definition:
      'How likely a threat is to happen to this system, on a scale of 1 (improbable: not expected in the life of the system) to 5 (frequent: several times a year, or happening now). Answers and safeguards move it up or down.',
    alsoCalled: ['probability of occurrence'],
  },
  {
    id: 'impact',
    term: 'Impact',
    definition:
      'How much harm a threat would do if it happened: to patients, to care, or to patient data. A scale of 1 (negligible: no harm to patients) to 5 (catastrophic: death or permanent harm, or a very large breach).',
    alsoCalled: ['severity of harm'],
  },
  {
    id: 'risk-score',
    term: 'Risk score',
    definition: 'Likelihood times impact, from 1 to 25. "4 × 3 = 12" means likelihood 4 and impact 3.',
  },
  {
    id: 'band',
    term: 'Band',
    definition:
      'The level a risk falls in on the risk matrix (Low, Medium, High or Critical), read from its likelihood and impact. Bands, not raw scores, decide what needs a treatment plan, who may accept a risk and what the committee sees first.',
    alsoCalled: ['risk level'],
  },
  {
    id: 'risk-matrix',
    term: 'Risk matrix',
    definition: 'The grid of likelihood against impact that gives every pair its band. Vigil uses one 5 × 5 matrix for the whole organisation.',
  },
  {
    id: 'risk-appetite',
    term: 'Risk appetite',
    definition:
      'The highest band the organisation is willing to live with without further action. A risk above the appetite needs a treatment plan or a formal acceptance; the dashboard counts the risks above it.',
    alsoCalled: ['appetite'],
  },
  {
    id: 'inherent-risk',
    term: 'Inherent risk',
    definition: 'A threat\u2019s likelihood and impact for this kind of system before any safeguard is counted: the risk you start from.',
    alsoCalled: ['base risk', 'before safeguards'],
  },
  {
    id: 'residual-risk',
    term: 'Residual risk',
    definition:
      'The risk left after the safeguards the answers show are in place. This is the figure the register, the dashboard and the committee work with.',
    alsoCalled: ['after safeguards'],
  },
  {
    id: 'gap',
    term: 'Gap',
    definition:
      'A safeguard that would lower a risk but is missing, or could not be confirmed (an answer of "No" or "I don\u2019t know"). A risk\u2019s evidence gaps link back to the questions that would close them.',
    alsoCalled: ['evidence gap'],
  },
  {
    id: 'safeguard',
    term: 'Safeguard',
    definition:
      'Something that makes a threat less likely, caught sooner or less harmful: a technical measure, a contract term, a procedure or training. Each answer that confirms one credits it, in full or in part.',
    alsoCalled: ['control', 'mitigation'],
  },
  {
    id: 'threat',
    term: 'Threat',
    definition:
      'Something that could go wrong with an AI system and harm patients, care or data: an attack (poisoned training data, prompt injection) or a failure (drift, automation bias). Each threat comes from the catalog with its framework references.',
  },
  {
    id: 'lifecycle-stage',
    term: 'Lifecycle stage',
    definition:
      'Where a system is in its life at the hospital: procurement (choosing and buying), local validation (testing on local data), deployment (going live) and routine use. Each stage has its own questionnaire, and a system advances only when its gate conditions are met.',
    alsoCalled: ['stage'],
  },
  {
    id: 'assessment',
    term: 'Assessment',
    definition:
      'One pass through a stage\u2019s questionnaire for one system. The answers produce the threat profile; once submitted and reviewed, its risks above the lowest band enter the register.',
  },
  {
    id: 'reassessment',
    term: 'Re-assessment',
    definition:
      'A new assessment of a system already assessed: due on a schedule, or earlier after a change to the system, an incident or an expired acceptance. It starts from the last answers, which must be re-confirmed.',
  },
  {
    id: 'risk-register',
    term: 'Risk register',
    definition: 'The list of every risk the reviewed assessments found, with its owner, its treatment and its status, until it is closed.',
  },
  {
    id: 'treatment',
    term: 'Treatment',
    definition: 'What the risk owner plans to do about a risk: add a safeguard, change how the system is used, transfer the risk (a contract, insurance) or stop using the system.',
  },
  {
    id: 'acceptance',
    term: 'Acceptance',
    definition:
      'A recorded decision by someone with the authority to do so to live with a risk as it is, with a reason and an expiry date. When it expires, the risk is open again and the system becomes due for re-assessment.',
    alsoCalled: ['risk acceptance'],
  },
  {
    id: 'sign-off',
    term: 'Sign-off',
    definition: 'A reviewer\u2019s or the committee chair\u2019s decision on a submitted assessment: approve, approve with conditions, return for changes, or reject.',
  },
  {
    id: 'framework-reference',
    term: 'Framework reference',
    definition:
      'An ID from a published framework or regulation (for example AML.T0020 or GOVERN 1.6) shown beside a threat or safeguard, so an auditor can see where it comes from. The frameworks Vigil cites are listed below.',
    alsoCalled: ['framework ID'],
  },
];

export const glossaryFrameworks: readonly GlossaryFramework[] = [
  {
    framework: 'nistAiRmf',
    name: frameworkNames.nistAiRmf,
    definition: 'The US National Institute of Standards and Technology\u2019s AI Risk Management Framework 1.0: four functions (Govern, Map, Measure, Manage) for managing the risks of AI.',
    ids: 'A function and a subcategory number, shown with "AI RMF".',
    examples: ['GOVERN 1.6', 'MEASURE 2.7'],
  },
  {
    framework: 'atlas',
    name: frameworkNames.atlas,
    definition: 'MITRE\u2019s catalogue of attacks on AI systems (Adversarial Threat Landscape for AI Systems): techniques attackers use and mitigations against them.',
    ids: 'AML.T… for a technique, AML.M… for a mitigation.',
    examples: ['AML.T0020', 'AML.M0007'],
  },
  {
    framework: 'owasp',
    name: frameworkNames.owasp,
    definition: 'The Open Worldwide Application Security Project\u2019s top-ten lists of security risks for machine learning and for large language models.',
    ids: 'ML01 to ML10 (machine learning), LLM01 to LLM10 (large language models).',
    examples: ['ML02', 'LLM01'],
  },
  {
    framework: 'hipaa',
    name: frameworkNames.hipaa,
    definition: 'The US rule for protecting electronic patient health information: risk analysis, access control, audit controls, integrity and transmission security.',
    ids: 'A section of 45 CFR 164, shown with "HIPAA".',
    examples: ['164.308(a)(1)(ii)(A)', '164.312(b)'],
  },
  {
    framework: 'fda',
    name: frameworkNames.fda,
    definition:
      'The US Food and Drug Administration\u2019s guidance for medical devices: premarket cybersecurity (section 524B "cyber devices"), good machine learning practice (GMLP) and change control plans for AI-enabled devices (PCCP).',
    ids: 'FDA- followed by the guidance and item.',
    examples: ['FDA-524B', 'FDA-GMLP-1'],
  },
  {
    framework: 'iso',
    name: frameworkNames.iso,
    definition:
      'International standards for risk and security: ISO 14971 (risk management for medical devices), AAMI TIR34971 (applying it to machine learning), ISO/IEC 42001 (AI management systems), ISO/IEC 27001 (information security), IEC 80001-1, IEC 62304 and IEC 81001-5-1.',
    ids: 'The standard\u2019s number.',
    examples: ['ISO 14971', 'ISO/IEC 42001'],
  },
  {
    framework: 'chai',
    name: frameworkNames.chai,
    definition: 'The Coalition for Health AI\u2019s model card: a vendor\u2019s structured description of a model, its intended use, warnings and measured results. Vigil can import one into an assessment.',
    ids: 'CHAI- followed by the part of the card.',
    examples: ['CHAI-BasicInfo', 'CHAI-KeyMetrics-Safety'],
  },
  {
    framework: 'hti1',
    name: frameworkNames.hti1,
    definition: 'The US Office of the National Coordinator\u2019s HTI-1 rule: the source attributes a developer discloses about a predictive decision support tool, and its risk management practices.',
    ids: 'HTI1-SA-01 to HTI1-SA-31 (source attributes), HTI1-RM-… (risk management practices).',
    examples: ['HTI1-SA-05', 'HTI1-RM-PRIVACY'],
  },
  {
    framework: 'mds2',
    name: frameworkNames.mds2,
    definition: 'The Manufacturer Disclosure Statement for Medical Device Security: a standard form on which a device maker states its security capabilities.',
    ids: 'MDS2- followed by a capability\u2019s four letters.',
    examples: ['MDS2-AUDT', 'MDS2-STCF'],
  },
  {
    framework: 'euAiAct',
    name: frameworkNames.euAiAct,
    definition: 'The European Union\u2019s law on artificial intelligence. AI in medical devices is high-risk under it: risk management, data governance, human oversight, accuracy and cybersecurity.',
    ids: 'An article or annex, shown with "EU AI Act".',
    examples: ['Art. 9', 'Art. 14'],
  },
];

/** Where one term (or framework) is on the glossary page: its element id. */
export const glossaryAnchor = (id: string): string => `glossary-${id}`;

/** A term's id, or the framework's key, for the page's deep link; null if the glossary has none. */
export function findGlossaryEntry(id: string): GlossaryTerm | GlossaryFramework | null {
  return glossaryTerms.find((t) => t.id === id) ?? glossaryFrameworks.find((f) => f.framework === id) ?? null;
}
