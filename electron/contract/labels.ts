import type {
  autonomyLevels,
  changeKinds,
  incidentKinds,
  clinicalDomains,
  dataCategories,
  deploymentTypes,
  harmLevels,
  integrationPoints,
  lifecycleStages,
  modelTypes,
  regulatoryPathways,
  systemFieldShapes,
} from './systems.ts';
import type { assessmentStatuses } from './assessments.ts';
import type { Role } from './acting-as.ts';
import type { decisionKinds, documentStatuses, recommendations } from './committee.ts';
import type { AssessmentStage, refFrameworks } from './templates.ts';

type LabelMap<T extends readonly string[]> = Readonly<Record<T[number], string>>;

/** Human wording for enum values, shared by the UI, the CLI tables and (later) the Word export. */
export const autonomyLabels: LabelMap<typeof autonomyLevels> = {
  informs: 'Informs (clinician decides)',
  augments: 'Augments (suggests a decision)',
  automates: 'Automates (acts without review)',
};

export const dataCategoryLabels: LabelMap<typeof dataCategories> = {
  phi: 'Identifiable patient data (PHI)',
  imaging: 'Medical images',
  genomic: 'Genomic data',
  freeText: 'Free-text notes',
  physiological: 'Physiological signals',
};

/** ISO 14971-style severity words, the same as the default matrix's impact levels. */
export const harmLevelLabels: LabelMap<typeof harmLevels> = {
  negligible: 'Negligible (no harm)',
  minor: 'Minor (temporary, no lasting effect)',
  serious: 'Serious (needs extra treatment)',
  critical: 'Critical (serious lasting harm)',
  catastrophic: 'Catastrophic (death or permanent harm)',
};

export const deploymentLabels: LabelMap<typeof deploymentTypes> = {
  vendorCloud: 'Vendor cloud',
  onPremises: 'On premises',
  embeddedDevice: 'Embedded in a medical device',
};

export const integrationLabels: LabelMap<typeof integrationPoints> = {
  ehr: 'EHR',
  pacs: 'PACS',
  lis: 'Laboratory system (LIS)',
  devices: 'Medical devices',
  pharmacy: 'Pharmacy system',
  patientPortal: 'Patient portal',
  other: 'Other',
};

export const modelTypeLabels: LabelMap<typeof modelTypes> = {
  predictive: 'Predictive (classification, risk score, detection)',
  generative: 'Generative (LLM, text or image generation)',
  other: 'Other',
};

export const regulatoryLabels: LabelMap<typeof regulatoryPathways> = {
  fda510k: 'FDA 510(k) cleared',
  fdaDeNovo: 'FDA De Novo',
  fdaPma: 'FDA PMA approved',
  ceMark: 'CE marked (EU MDR)',
  ukca: 'UKCA marked',
  exemptCds: 'Non-device clinical decision support',
  notADevice: 'Not a medical device',
  pending: 'Submission pending',
  unknown: 'Not known',
};

export const clinicalDomainLabels: LabelMap<typeof clinicalDomains> = {
  radiology: 'Radiology',
  cardiology: 'Cardiology',
  oncology: 'Oncology',
  pathology: 'Pathology',
  emergency: 'Emergency medicine',
  intensiveCare: 'Intensive care',
  surgery: 'Surgery',
  primaryCare: 'Primary care',
  mentalHealth: 'Mental health',
  endocrinology: 'Endocrinology and diabetes',
  pharmacy: 'Pharmacy',
  laboratory: 'Laboratory medicine',
  nursing: 'Nursing',
  administration: 'Administration',
  other: 'Other',
};

export const lifecycleLabels: LabelMap<typeof lifecycleStages> = {
  procurement: 'Procurement',
  validation: 'Validation',
  deployment: 'Deployment',
  inUse: 'In use',
  reassessmentDue: 'Re-assessment due',
  retired: 'Retired',
};

/* Governance wording, shared by the UI, the CLI and the Word register. */
export const roleLabels: Readonly<Record<Role, string>> = {
  assessor: 'Assessor',
  reviewer: 'Reviewer',
  committeeChair: 'Committee chair',
  riskOwner: 'Risk owner',
};

export const decisionLabels: Record<string, string> = {
  approve: 'Approve',
  approveWithConditions: 'Approve with conditions',
  return: 'Return for changes',
  reject: 'Reject',
};

export const riskStatusLabels: Record<string, string> = {
  identified: 'Identified',
  planned: 'Treatment planned',
  inProgress: 'Treatment in progress',
  verified: 'Treatment verified',
  closed: 'Closed',
  acceptanceRequested: 'Acceptance requested',
  accepted: 'Accepted',
  rejected: 'Acceptance rejected',
};

export const treatmentKindLabels: Record<string, string> = {
  mitigate: 'Mitigate',
  transfer: 'Transfer',
  avoid: 'Avoid',
};

export const stageLabels: Readonly<Record<AssessmentStage, string>> = {
  procurement: 'Procurement',
  validation: 'Local validation',
  deployment: 'Deployment',
  use: 'Routine use',
};

export const assessmentStatusLabels: Readonly<Record<(typeof assessmentStatuses)[number], string>> = {
  draft: 'Not started',
  inProgress: 'In progress',
  awaitingVendor: 'Awaiting vendor',
  submitted: 'Submitted',
  inReview: 'In review',
  approved: 'Approved',
  approvedWithConditions: 'Approved with conditions',
  returned: 'Returned for changes',
  rejected: 'Rejected',
};

/** Framework names as a committee reads them in the register. */
export const frameworkNames: Readonly<Record<(typeof refFrameworks)[number], string>> = {
  atlas: 'MITRE ATLAS',
  owasp: 'OWASP ML/LLM Top 10',
  nistAiRmf: 'NIST AI RMF',
  hipaa: 'HIPAA Security Rule (45 CFR)',
  euAiAct: 'EU AI Act',
  fda: 'FDA',
  hti1: 'ONC HTI-1',
  chai: 'CHAI Applied Model Card',
  mds2: 'MDS2',
  iso: 'ISO/IEC and AAMI standards',
};

/** What a safeguard reduces, in words for the catalog and traces. */
export const mitigationKindLabels: Readonly<Record<'likelihood' | 'detectability' | 'severity', string>> = {
  likelihood: 'less likely',
  detectability: 'caught sooner',
  severity: 'less harmful',
};

/** What the committee is advised to decide for a system (committee view, register). */
export const recommendationLabels: LabelMap<typeof recommendations> = {
  approve: 'Approve',
  approveWithConditions: 'Approve with conditions',
  doNotApprove: 'Do not approve',
  notReady: 'Not ready for a decision',
};

/** The decisions asked of the committee, by kind, as headings. */
export const decisionKindLabels: LabelMap<typeof decisionKinds> = {
  signOffDue: 'Sign-offs due',
  aboveAppetiteUndecided: 'Risks above appetite without a decision',
  conditionDue: 'Approval conditions due',
  acceptanceExpiring: 'Risk acceptances expiring',
  reassessmentDue: 'Re-assessments due',
  selfGrantedAcceptance: 'Acceptances requested and granted by the same person',
};

/** Document control of an exported register. */
export const documentStatusLabels: LabelMap<typeof documentStatuses> = {
  draft: 'Draft',
  final: 'Final',
};

/** Recorded changes and incidents of a system (systems.recordChange, incidents.report). */
export const systemEventLabels: LabelMap<readonly [...typeof changeKinds, ...typeof incidentKinds]> = {
  modelVersion: 'New model version',
  dataSource: 'New training or input data source',
  integration: 'Changed integration',
  securityIncident: 'Security incident',
  suspectedManipulation: 'Suspected manipulation',
  driftAlert: 'Drift alert',
};

/** The inventory record's fields, as a person names them (e.g. in "what changed"). */
export const systemFieldLabels: Readonly<Record<keyof typeof systemFieldShapes, string>> = {
  name: 'Name',
  vendor: 'Vendor',
  owner: 'Owner',
  productVersion: 'Product version',
  modelVersion: 'Model version',
  intendedUse: 'Intended use',
  clinicalDomain: 'Clinical domain',
  intendedUsers: 'Intended users',
  patientPopulation: 'Patient population',
  autonomyLevel: 'Autonomy level',
  worstCredibleHarm: 'Worst credible harm',
  timeCritical: 'Time-critical condition',
  modelType: 'Model type',
  dataCategories: 'Data categories',
  deploymentType: 'Deployment type',
  regulatoryStatus: 'Regulatory status',
  regulatoryReference: 'Regulatory reference',
  integrationPoints: 'Integration points',
};

/**
 * Every action the core writes to the audit ledger, in words (the audit log, a system's history).
 * The code stays the ledger's record and the CLI's; a page shows this label and keeps the code
 * beside it for an auditor. `test/contract/audit-action-labels.test.ts` reads the core for every
 * action it appends and fails on one without a label here.
 */
export const auditActionLabels: Readonly<Record<string, string>> = {
  'account.created': 'Account created',
  'account.updated': 'Account changed',
  'account.passwordSet': 'Password set',
  'account.unlocked': 'Account unlocked',
  'account.signedIn': 'Signed in',
  'account.signedOut': 'Signed out',
  'answer.reviewed': 'Answer reviewed',
  'assessment.begin': 'Assessment begun',
  'assessment.started': 'Assessment started',
  'assessment.answered': 'Question answered',
  'assessment.scoringUpgraded': 'Scoring method upgraded',
  'backup.created': 'Backup made',
  'contradiction.resolved': 'Contradiction resolved',
  'database.restored': 'Database restored from a backup',
  'evidence.added': 'Evidence added',
  'evidence.removed': 'Evidence removed',
  'evidence.verified': 'Evidence verified',
  'evidence.unverified': 'Evidence marked as not verified',
  'export.register': 'Risk register exported',
  'export.questionnaire': 'Questionnaire exported',
  'export.comparison': 'Comparison exported',
  'incident.reported': 'Incident reported',
  'lifecycle.advance': 'Moved to the next stage',
  'lifecycle.reassessed': 'Returned to routine use after re-assessment',
  'lifecycle.reassessmentDue': 'Re-assessment became due',
  'lifecycle.retire': 'System retired',
  'monitoring.criteriaSet': 'Monitoring acceptance criteria recorded',
  'monitoring.imported': 'Monitoring data imported',
  'person.added': 'Person added',
  'person.updated': 'Person changed',
  'review.submit': 'Submitted for review',
  'review.start': 'Review started',
  'review.approve': 'Approved',
  'review.approveWithConditions': 'Approved with conditions',
  'review.return': 'Returned for changes',
  'review.reject': 'Rejected',
  'review.reopen': 'Reopened for editing',
  'risk.identified': 'Risk identified',
  'risk.rescored': 'Risk re-scored',

  'risk.ownerAssigned': 'Risk owner assigned',
  'risk.plan': 'Treatment planned',
  'risk.requestAcceptance': 'Acceptance requested',
  'risk.accept': 'Risk accepted',
  'risk.rejectAcceptance': 'Acceptance rejected',
  'risk.expire': 'Acceptance expired',
  'risk.start': 'Treatment started',
  'risk.verify': 'Treatment verified',
  'risk.close': 'Risk closed',
  'settings.updated': 'Settings changed',
  'system.created': 'System added',
  'system.updated': 'System details changed',
  'system.archived': 'System archived',
  'system.unarchived': 'System brought back from the archive',
  'system.changeRecorded': 'Change recorded',
  'training.recorded': 'Training recorded',
  'training.imported': 'Training records imported',
  'vendor.created': 'Vendor added',
  'vendor.updated': 'Vendor details changed',
  'vendor.request': 'Waiting for vendor input',
  'vendor.requested': 'Vendor request package made',
  'vendor.receive': 'Vendor answers received',
  'vendor.responseImported': 'Vendor response imported',
  'vendor.questionnaireImported': 'Vendor questionnaire imported',
  'vendor.modelCardImported': 'Model card imported',
  'vendor.keyPinned': 'Vendor signing key trusted',
  'vendor.keyRepinned': 'Vendor signing key replaced',
  'vendorInbox.opened': 'Request opened (vendor)',
  'vendorInbox.answered': 'Answers saved (vendor)',
  'vendorInbox.evidenceAdded': 'Evidence attached (vendor)',
  'vendorInbox.evidenceRemoved': 'Evidence removed (vendor)',
  'vendorInbox.responded': 'Response sent (vendor)',
};

/** An audit action in words; an action without a label (a ledger from a newer Vigil) reads as its code. */
export const auditActionLabel = (action: string): string => auditActionLabels[action] ?? action;
