import type { CommitteeSummary, ReadinessSummary } from '../../contract/index.ts';
import type { MonitoringSummary } from '../../contract/monitoring.ts';

/*
 * The data a risk register is written from. The collector fills it from the database in one
 * read; the Word and CSV writers are pure functions of it, so they are tested and benchmarked
 * without a database, and every number in the document is one the app already shows.
 */

/** The look of the documents: from templates/report/report.json, organisation from Settings. */
export interface ReportStyle {
  organisation: string;
  /** Printed in every page footer, e.g. "CONFIDENTIAL — for the AI governance committee". */
  confidentiality: string;
  font: string;
  /** Hex colours without '#'. */
  colours: { heading: string; accent: string; tableHeader: string; tableHeaderText: string; muted: string };
  /** PNG or JPEG bytes for the cover, when templates/report/ has a logo. */
  logo: { data: Uint8Array; type: 'png' | 'jpg'; width: number; height: number } | null;
}

export interface LevelPair {
  likelihood: number;
  impact: number;
  score: number;
  band: string;
}

export interface BandInfo {
  id: string;
  label: string;
  /** Hex colour without '#'. */
  colour: string;
}

export interface MatrixInfo {
  /** Labels for levels 1..5, index 0 = level 1. */
  likelihood: string[];
  impact: string[];
  bands: BandInfo[];
  /** Band id of each cell: cells[likelihood - 1][impact - 1]. */
  cells: string[][];
  appetite: string;
}

export interface RegisterSystem {
  id: string;
  name: string;
  vendor: string;
  lifecycleStage: string;
  reassessmentDue: string | null;
  overdue: boolean;
  /** Clinician readiness per role group (docs/readiness.md); undefined when the register was built without it. */
  readiness?: ReadinessSummary | undefined;
}

/** A system's monitoring after go-live (issue 20): the criteria in force, the data and its breaches, as monitoring.summary gives them. */
export interface RegisterMonitoring extends Omit<MonitoringSummary, 'imports'> {
  systemName: string;
  /** The assessment the criteria come from, in words ("the local validation assessment of 2026-01-10 (ASM-…), approved"); null without criteria. */
  criteriaFrom: string | null;
  /** Monitoring files imported, and the latest one's date (the evidence is the app's record of each). */
  imports: { count: number; latestAt: string | null };
}

export interface RegisterRisk {
  id: string;
  systemId: string;
  systemName: string;
  assessmentId: string;
  /** The assessment the risk comes from (the current one of its stage); stage and status as codes, worded by the writers. */
  source: { stage: string; title: string; status: string };
  /** Things the committee should notice, in words, e.g. "Acceptance requested and granted by the same person (Dr A. Osei)". */
  flags: string[];
  threatId: string;
  threatName: string;
  inherent: LevelPair;
  residual: LevelPair;
  aboveAppetite: boolean;
  /** Safeguards credited against this threat, strongest first. */
  keyControls: { id: string; name: string; strength: 'full' | 'reduced' }[];
  owner: string;
  /** Human wording of the treatment, e.g. "Mitigate", "Acceptance requested", "None yet". */
  treatmentSummary: string;
  dueDate: string | null;
  status: string;
  overdue: boolean;
  description: string;
  clinicalConsequence: string;
  /** The score's trace in plain words, in order. */
  why: string[];
  /** Questions that touch this threat but were unanswered or answered "I don't know". */
  gaps: { questionId: string; text: string }[];
  /** Framework name → ids, e.g. ["MITRE ATLAS", ["AML.T0020"]]. */
  references: { framework: string; ids: string[] }[];
  treatment: { kind: string; owner: string; plan: string; actions: { text: string; owner: string; due: string }[] } | null;
  acceptance: { rationale: string; expiry: string; requestedBy: string; grantedBy: { name: string; role: string; at: string } | null; expired: boolean } | null;
}

export interface SignOff {
  name: string;
  role: string;
  decision: string;
  comment: string;
  conditions: { text: string; owner: string; due: string }[];
  at: string;
}

export interface RegisterReview {
  assessmentId: string;
  systemName: string;
  stage: string;
  title: string;
  status: string;
  submittedAt: string | null;
  decidedAt: string | null;
  requiredSignOffs: number;
  signOffs: SignOff[];
  /** Earlier rounds of a returned assessment, oldest first. */
  previousRounds: SignOff[][];
}

export interface AppendixAnswer {
  questionId: string;
  question: string;
  /** The answer in words: option labels, "I don't know", or "Not answered". */
  answer: string;
  source: string;
  answeredBy: string;
  answeredAt: string;
  flagged: boolean;
}

export interface AppendixEvidence {
  questionId: string;
  fileName: string;
  sha256: string;
  size: number;
  addedBy: string;
  addedAt: string;
  /** Who checked that the file shows what the answer claims, and when; null when nobody has. */
  checked: { by: string; at: string } | null;
}

export interface AppendixAssessment {
  assessmentId: string;
  systemName: string;
  stage: string;
  title: string;
  questionnaires: { id: string; version: string }[];
  answers: AppendixAnswer[];
  evidence: AppendixEvidence[];
}

export interface DecisionNeeded {
  /** What the committee must decide, in one sentence. */
  text: string;
  ref: string;
}

/** How a level or band is defined for readers (from the installed matrix). */
export interface ScaleDefinition {
  level: number;
  label: string;
  description: string;
}

export interface RegisterModel {
  meta: {
    title: string;
    /** "All systems" or the system names. */
    scope: string;
    /** A register of selected risks: how many, of how many recorded. Null for a whole register. */
    selection: { risks: number; of: number } | null;
    generatedAt: string;
    /** The person who wrote it, "Name (role)"; the OS login only when nobody was chosen, said so. */
    preparedBy: string;
    ledger: { head: string; length: number };
    appVersion: string;
  };
  /** Document control: what version this is, who wrote it, who must approve it, when it is reviewed next. */
  documentControl: {
    /** 1 + the registers exported before it (from the ledger). */
    version: number;
    status: 'draft' | 'final';
    author: string;
    /** Who signs the document off: the committee chair(s) and reviewers in Settings → People. */
    approvers: { name: string; role: string }[];
    nextReview: string;
    /** The register exported before this one, if any. */
    previous: { version: number; at: string; by: string } | null;
  };
  /** The decision summary and a page per system (the same data as the app's committee view). */
  committee: CommitteeSummary;
  /** How likelihood and impact levels, bands and the appetite are defined. */
  definitions: {
    likelihood: ScaleDefinition[];
    impact: ScaleDefinition[];
    bands: (BandInfo & { meaning: string })[];
    appetite: string;
  };
  /** Every framework ID the document cites, with its framework and title. */
  glossary: { framework: string; id: string; title: string }[];
  /** Whether the answers appendix is included (`withAnswers`). */
  withAnswers: boolean;
  style: ReportStyle;
  matrix: MatrixInfo;
  systems: RegisterSystem[];
  summary: {
    /** Band id → number of risks, inherent and residual. */
    inherentByBand: Record<string, number>;
    residualByBand: Record<string, number>;
    systemsAboveAppetite: { systemId: string; name: string; risks: number }[];
    decisionsNeeded: DecisionNeeded[];
    /** Systems due for re-assessment: the scheduled date passed, or a change, incident or expired acceptance made them due. */
    overdueReassessments: { systemId: string; name: string; due: string; reason: string }[];
    expiredAcceptances: { riskId: string; systemName: string; threatName: string; expiry: string }[];
  };
  /** Counts per cell: heatmap[likelihood - 1][impact - 1]. */
  heatmaps: { inherent: number[][]; residual: number[][] };
  /** Systems in scope with monitoring data or acceptance criteria, in the order of `systems`. */
  monitoring: RegisterMonitoring[];
  risks: RegisterRisk[];
  reviews: RegisterReview[];
  appendix: AppendixAssessment[];
}

/** The columns of the register table, shared by the Word table and the CSV. */
export const registerColumns = [
  'ID',
  'System',
  'Source assessment',
  'Threat',
  'Inherent L × I',
  'Key controls',
  'Residual L × I',
  'Band',
  'Owner',
  'Treatment',
  'Due date',
  'Status',
] as const;
