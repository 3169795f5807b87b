import type { AiSystem, AssessmentDetail, Risk, SystemEvent } from '../../contract/index.ts';

/*
 * The facts a committee decision is derived from, gathered by the committee service in one
 * read. The rules in this folder are pure functions of them, so every recommendation is tested
 * from a table of facts without a database.
 */

/** The organisation's matrix and today's date: what "above appetite" and "expiring" mean. */
export interface PolicyFacts {
  /** YYYY-MM-DD. */
  today: string;
  /** The highest acceptable residual band. */
  appetite: string;
  /** The matrix's bands, lowest first. */
  bands: readonly { id: string; label: string }[];
}

export type AssessmentFacts = Pick<AssessmentDetail, 'id' | 'systemId' | 'stage' | 'title' | 'status' | 'createdAt' | 'overall'> & {
  review: Pick<AssessmentDetail['review'], 'requiredSignOffs' | 'signOffs' | 'approvals' | 'submittedAt' | 'decidedAt'>;
  progress: Pick<AssessmentDetail['progress'], 'missingRequired'>;
  /** The highest inherent band of its threat profile (null when it has no threats scored). */
  highestInherent: string | null;
};

export type RiskFacts = Pick<
  Risk,
  'id' | 'assessmentId' | 'systemId' | 'threatName' | 'inherent' | 'residual' | 'band' | 'aboveAppetite' | 'status' | 'owner' | 'treatment' | 'acceptance' | 'dueDate'
>;

/** One ledger entry about the system, its assessments or its risks, payload decoded. */
export interface LedgerFact {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  payload: Record<string, unknown>;
}

export interface SystemFacts {
  system: Pick<
    AiSystem,
    'id' | 'name' | 'vendor' | 'lifecycleStage' | 'intendedUse' | 'intendedUsers' | 'patientPopulation' | 'autonomyLevel' | 'modelVersion' | 'reassessmentDue' | 'createdAt'
  >;
  /** Every assessment of the system, current or superseded. */
  assessments: readonly AssessmentFacts[];
  /** Every risk of the system; only the current assessments' count. */
  risks: readonly RiskFacts[];
  /** Recorded changes and incidents. */
  events: readonly SystemEvent[];
  /** The ledger's entries about the system, its assessments and risks, in sequence order. */
  ledger: readonly LedgerFact[];
  /** Register exports that covered this system, oldest first (version = position + 1 among all registers). */
  registers: readonly { at: string; version: number }[];
}
