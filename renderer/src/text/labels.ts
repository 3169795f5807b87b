import { riskStatusLabels, roleLabels, type Role, type WorkflowEventName } from '../../../electron/contract/index.ts';

export { auditActionLabel, auditActionLabels, decisionLabels, riskStatusLabels, roleLabels, systemEventLabels, treatmentKindLabels } from '../../../electron/contract/index.ts';

/** Human wording for governance values (roles, decisions, risk states, events). */
export const roleDescriptions: Record<Role, string> = {
  assessor: 'Answers questionnaires and submits assessments for review',
  reviewer: 'Starts reviews and signs off assessments',
  committeeChair: 'Signs off assessments, accepts risks where authorised, retires systems',
  riskOwner: 'Plans and carries out risk treatments, asks for acceptance',
};

export const roleLabel = (role: string): string => roleLabels[role as Role] ?? role;

export const decisionColors: Record<string, string> = {
  approve: 'teal',
  approveWithConditions: 'lime',
  return: 'orange',
  reject: 'red',
};

export const riskStatusLabel = (status: string): string => riskStatusLabels[status] ?? status;

export const eventLabels: Partial<Record<WorkflowEventName | 'risk.plan' | 'risk.requestAcceptance' | 'risk.accept', string>> = {
  'review.submit': 'Submit for review',
  'review.start': 'Start review',
  'review.approve': 'Approve',
  'review.approveWithConditions': 'Approve with conditions',
  'review.return': 'Return for changes',
  'review.reject': 'Reject',
  'review.reopen': 'Reopen for editing',
  'vendor.request': 'Request vendor input',
  'vendor.receive': 'Vendor answers received',
  'lifecycle.advance': 'Advance to next stage',
  'lifecycle.retire': 'Retire',
  'risk.plan': 'Plan a treatment',
  'risk.requestAcceptance': 'Request acceptance',
  'risk.accept': 'Accept',
  'risk.rejectAcceptance': 'Reject acceptance',
  'risk.start': 'Start treatment',
  'risk.verify': 'Mark treatment verified',
  'risk.close': 'Close risk',
};

export const eventLabel = (event: string): string => eventLabels[event as WorkflowEventName] ?? event;


// Dates are written by the one formatting module; re-exported here, where pages find their words.
export { formatDate, todayIso } from './format.ts';
