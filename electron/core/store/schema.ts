import type { Generated, Selectable } from 'kysely';
import type { AiSystem, AssessmentSummary, SignInRecord } from '../../contract/index.ts';

/**
 * The tables as the query layer sees them (migrations 001–012). Both engines store the same
 * shapes: text for ids, dates (ISO 8601) and JSON documents; 0/1 integers for yes/no; bytes for
 * evidence. Columns whose values a CHECK constraint limits carry that union here, so a row read
 * back is typed by its table instead of cast; JSON text is decoded by the repository that owns it
 * (see `decode-json.ts`).
 */
export interface Schema {
  systems: SystemsTable;
  audit_events: AuditEventsTable;
  template_snapshots: TemplateSnapshotsTable;
  assessments: AssessmentsTable;
  answers: AnswersTable;
  evidence: EvidenceTable;
  threat_profiles: ThreatProfilesTable;
  contradiction_resolutions: ContradictionResolutionsTable;
  people: PeopleTable;
  settings: SettingsTable;
  risks: RisksTable;
  system_events: SystemEventsTable;
  vendor_requests: VendorRequestsTable;
  vendors: VendorsTable;
  vendor_keys: VendorKeysTable;
  vendor_inbox: VendorInboxTable;
  vendor_inbox_answers: VendorInboxAnswersTable;
  vendor_inbox_evidence: VendorInboxEvidenceTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  sign_ins: SignInsTable;
  monitoring_criteria_sets: MonitoringCriteriaSetsTable;
  monitoring_criteria: MonitoringCriteriaTable;
  monitoring_imports: MonitoringImportsTable;
  monitoring_values: MonitoringValuesTable;
  monitoring_breaches: MonitoringBreachesTable;
}

type Flag = 0 | 1;

export interface SystemsTable {
  id: string;
  name: string;
  vendor: string;
  product_version: string;
  model_version: string;
  intended_use: string;
  clinical_domain: AiSystem['clinicalDomain'];
  intended_users: string;
  patient_population: string;
  autonomy_level: AiSystem['autonomyLevel'];
  worst_credible_harm: AiSystem['worstCredibleHarm'];
  time_critical: Flag | null;
  model_type: AiSystem['modelType'];
  /** JSON array */
  data_categories: string;
  deployment_type: AiSystem['deploymentType'];
  regulatory_status: AiSystem['regulatoryStatus'];
  regulatory_reference: string;
  /** JSON array */
  integration_points: string;
  lifecycle_stage: AiSystem['lifecycleStage'];
  /** JSON: the persisted lifecycle machine state */
  lifecycle_snapshot: string | null;
  /** Bumped by every write of the workflow state (optimistic concurrency, migration 008). */
  workflow_revision: number;
  /** Who made the write that set `workflow_revision`, and when ('' before migration 008 recorded it). */
  workflow_revised_by: string;
  workflow_revised_at: string;
  archived_at: string | null;
  reassessment_due: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  /** The person accountable for the system (010). */
  owner: string;
  /** naturalSortKey(name), written with the name (010). */
  name_key: string;
  /** The vendor record (012); `vendor` is kept equal to its name. Never NULL once written by 012 or the code. */
  vendor_id: string | null;
}

export interface AuditEventsTable {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  /** canonical JSON */
  payload: string;
  prev_hash: string;
  hash: string;
}

export interface TemplateSnapshotsTable {
  hash: string;
  /** JSON: the template set as it was when an assessment started */
  content: string;
}

export interface AssessmentsTable {
  id: string;
  system_id: string;
  stage: AssessmentSummary['stage'];
  title: string;
  status: AssessmentSummary['status'];
  snapshot_hash: string;
  scoring_model: AssessmentSummary['scoringModel'];
  /** JSON: the persisted review machine state */
  review_snapshot: string | null;
  /** Bumped by every write of the workflow state (optimistic concurrency, migration 008). */
  workflow_revision: number;
  /** Who made the write that set `workflow_revision`, and when ('' before migration 008 recorded it). */
  workflow_revised_by: string;
  workflow_revised_at: string;
  submitted_at: string | null;
  decided_at: string | null;
  carried_from: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  /**
   * As last scored (migration 011), written with every rescore: what the lists sort and filter
   * by. Null when never scored; the progress pair is null until an assessment stored before 011
   * next changes (the list works it out live for such rows).
   */
  overall_band: string | null;
  highest_residual: number | null;
  required_answered: number | null;
  required_count: number | null;
}

export interface AnswersTable {
  assessment_id: string;
  question_id: string;
  /** JSON */
  value: string | null;
  unknown: Flag;
  flagged: Flag;
  source: 'assessor' | 'vendor';
  answered_by: string;
  answered_at: string;
  to_reconfirm: Flag;
  not_applicable: Flag;
  transcribed: Flag;
  review: 'adequate' | 'inadequate' | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  /** Bumped by every write to the answer (optimistic concurrency, migration 008). */
  revision: number;
  /** Who made the write that set `revision`, and when. */
  revised_by: string;
  revised_at: string;
}

export interface EvidenceTable {
  id: string;
  assessment_id: string;
  question_id: string;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  bytes: Buffer;
  added_by: string;
  added_at: string;
  verified_by: string | null;
  verified_at: string | null;
}

export interface ThreatProfilesTable {
  assessment_id: string;
  /** JSON: the last computed threat profile */
  profile: string;
  scored_at: string;
}

export interface ContradictionResolutionsTable {
  assessment_id: string;
  control_id: string;
  decision: 'credit' | 'deny';
  fingerprint: string;
  note: string;
  resolved_by: string;
  resolved_at: string;
}

export interface PeopleTable {
  id: string;
  name: string;
  email: string;
  /** JSON array of roles */
  roles: string;
  active: Flag;
  created_at: string;
  updated_at: string;
}

export interface SettingsTable {
  key: string;
  /** JSON */
  value: string;
}

export interface RisksTable {
  id: string;
  assessment_id: string;
  system_id: string;
  threat_id: string;
  threat_name: string;
  /** JSON: { likelihood, impact } */
  inherent: string;
  /** JSON: { likelihood, impact } */
  residual: string;
  band: string;
  owner: string;
  status: string;
  /** JSON: the persisted risk machine state */
  snapshot: string;
  /** Bumped by every write of the workflow state (optimistic concurrency, migration 008). */
  workflow_revision: number;
  /** Who made the write that set `workflow_revision`, and when ('' before migration 008 recorded it). */
  workflow_revised_by: string;
  workflow_revised_at: string;
  opened_at: string;
  updated_at: string;
  /** The residual levels of `residual` and the inherent score and band of `inherent` as columns (010). */
  residual_likelihood: number;
  residual_impact: number;
  residual_score: number;
  inherent_score: number;
  inherent_band: string;
  /** naturalSortKey(threat_name) (010). */
  threat_key: string;
  /** riskDueDate of the stored snapshot: the earliest action due, or the acceptance expiry while accepted (010). */
  due_date: string | null;
}

export interface SystemEventsTable {
  id: string;
  system_id: string;
  kind: 'modelVersion' | 'dataSource' | 'integration' | 'securityIncident' | 'suspectedManipulation' | 'driftAlert';
  description: string;
  model_version: string;
  provenance: string;
  change_notice: string;
  dataset_digest: string;
  occurred_at: string;
  recorded_by: string;
  recorded_at: string;
  assessment_id: string | null;
}

export interface VendorRequestsTable {
  id: string;
  assessment_id: string;
  nonce: string;
  issued_at: string;
  expires_at: string;
  issued_by: string;
  /** JSON array */
  question_ids: string;
  package_sha256: string;
  imported_at: string | null;
  imported_by: string | null;
  vendor_name: string | null;
  vendor_fingerprint: string | null;
  response_sha256: string | null;
  /** JSON */
  response_answers: string | null;
}

export interface VendorsTable {
  id: string;
  name: string;
  /** JSON: a list of { name, role, email, telephone } */
  contacts: string;
  notes: string;
  created_at: string;
  created_by: string;
  updated_at: string;
}

/** A vendor's keys (012): the pinned one has no replaced_at; the others are its history. */
export interface VendorKeysTable {
  seq: Generated<number>;
  vendor_id: string;
  fingerprint: string;
  public_key: string;
  pinned_at: string;
  pinned_by: string;
  reason: string;
  replaced_at: string | null;
  replaced_by: string | null;
}

export interface VendorInboxTable {
  id: string;
  request_id: string;
  nonce: string;
  /** JSON: the request package as received */
  package: string;
  hospital_fingerprint: string;
  opened_at: string;
  opened_by: string;
  responded_at: string | null;
}

export interface VendorInboxAnswersTable {
  inbox_id: string;
  question_id: string;
  /** JSON */
  value: string | null;
  unknown: Flag;
  answered_by: string;
  answered_at: string;
}

export interface VendorInboxEvidenceTable {
  id: string;
  inbox_id: string;
  question_id: string;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  bytes: Buffer;
  added_by: string;
  added_at: string;
}

export type Row<T extends keyof Schema> = Selectable<Schema[T]>;

/** Team mode (009): an account is a person (person_id → people), so name, roles and active live there. */
export interface AccountsTable {
  id: string;
  login: string;
  person_id: string;
  /** scrypt$N$r$p$salt$hash, or null (single sign-on only) */
  password_hash: string | null;
  administrator: Flag;
  /** issuer#sub */
  oidc_subject: string | null;
  failed_sign_ins: number;
  last_failed_at: string | null;
  locked_until: string | null;
  last_sign_in_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string;
  /** SHA-256 (hex) of the cookie value; the value itself is never stored */
  token_hash: string;
  csrf_token: string;
  account_id: string;
  method: SignInRecord['method'];
  created_at: string;
  last_seen_at: string;
  ended_at: string | null;
  end_reason: string | null;
}

export interface SignInsTable {
  seq: Generated<number>;
  at: string;
  login: string;
  account_id: string | null;
  method: SignInRecord['method'];
  outcome: SignInRecord['outcome'];
  reason: string;
  address: string;
}

/** A validation assessment's acceptance criteria (013): review period and revision. */
export interface MonitoringCriteriaSetsTable {
  assessment_id: string;
  system_id: string;
  review_period: 'monthly' | 'quarterly';
  revision: number;
  recorded_by: string;
  recorded_at: string;
}

export interface MonitoringCriteriaTable {
  id: string;
  assessment_id: string;
  position: number;
  metric: string;
  subgroup: string;
  min: number | null;
  max: number | null;
  max_gap: number | null;
  rationale: string;
}

/** A monitoring file as imported (013): its exact text and SHA-256 are the evidence. */
export interface MonitoringImportsTable {
  id: string;
  system_id: string;
  file_name: string;
  text: string;
  sha256: string;
  rows: number;
  imported_by: string;
  imported_at: string;
}

/** One value per system, metric, subgroup and month (013). */
export interface MonitoringValuesTable {
  system_id: string;
  metric: string;
  subgroup: string;
  period: string;
  value: number;
  n: number;
  source: string;
  import_id: string;
}

/** A criterion breached in a month, recorded once as the drift event `event_id` (013). */
export interface MonitoringBreachesTable {
  criterion_id: string;
  period: string;
  system_id: string;
  event_id: string;
  recorded_at: string;
}
