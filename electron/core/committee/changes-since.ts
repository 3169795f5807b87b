import { z } from 'zod';
import {
  assessmentStatusLabels,
  assessmentStatuses,
  decisionLabels,
  lifecycleLabels,
  lifecycleStages,
  riskStatusLabels,
  systemEventLabels,
  systemFieldLabels,
  type SystemDecision,
} from '../../contract/index.ts';
import { isApproved } from '../rules/statuses.ts';
import type { AssessmentFacts, LedgerFact, SystemFacts } from './facts.ts';
import { actorWords, assessmentWords, capitalise, count, sentence } from './words.ts';

/** The part of a review event's sign-off the line shows. */
const SignOff = z.object({ name: z.string(), decision: z.string(), comment: z.string().optional() });

/*
 * "What changed since the committee last looked": the ledger's entries about a system, its
 * assessments and its risks after the system's last approval or the last register that covered
 * it (whichever is later), in plain words, newest last. Answers, evidence and reviews of answers
 * are counted per assessment rather than listed one by one; a long list keeps the newest.
 */

/** At most this many lines; older ones are summed up in one line first. */
export const maxChanges = 15;

type Change = SystemDecision['changesSince']['changes'][number];

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const word = <T extends string>(labels: Readonly<Record<T, string>>, known: readonly T[], v: unknown): string => {
  const s = text(v);
  return (known as readonly string[]).includes(s) ? labels[s as T] : s;
};
const moved = <T extends string>(labels: Readonly<Record<T, string>>, known: readonly T[], p: Record<string, unknown>) =>
  `${word(labels, known, p.from)} → ${word(labels, known, p.to)}`;
const riskStates = Object.keys(riskStatusLabels);

/** The reference point: the later of the last approval and the last register covering the system. */
export function sinceOf(facts: Pick<SystemFacts, 'assessments' | 'registers'>): { since: string | null; sinceWhat: string } {
  const approvals = facts.assessments
    .filter((a) => isApproved(a.status) && a.review.decidedAt !== null)
    .sort((a, b) => (a.review.decidedAt ?? '').localeCompare(b.review.decidedAt ?? ''));
  const approval = approvals.at(-1);
  const register = facts.registers.at(-1);
  const approvalAt = approval?.review.decidedAt ?? null;
  if (register && (approvalAt === null || register.at > approvalAt)) {
    return { since: register.at, sinceWhat: `the register of ${register.at.slice(0, 10)} (version ${register.version})` };
  }
  if (approval && approvalAt) return { since: approvalAt, sinceWhat: `the approval of ${assessmentWords(approval.stage)} on ${approvalAt.slice(0, 10)}` };
  return { since: null, sinceWhat: 'its registration (no approval or register yet)' };
}

/** Ledger actions that are counted per assessment instead of listed. */
const counted: Record<string, (n: number) => string> = {
  'assessment.answered': (n) => `${count(n, 'answer')} given or changed`,
  'answer.reviewed': (n) => `${count(n, 'free-text answer')} reviewed`,
  'evidence.added': (n) => `${count(n, 'evidence file')} added`,
  'evidence.removed': (n) => `${count(n, 'evidence file')} removed`,
  'evidence.verified': (n) => `${count(n, 'evidence file')} checked`,
  'risk.identified': (n) => `${count(n, 'risk')} opened on submission`,
};

/** One ledger entry in words, or null for bookkeeping a committee does not need. */
function describe(e: LedgerFact, assessment: AssessmentFacts | undefined, threatName: string | undefined): string | null {
  const p = e.payload;
  const of = assessment ? ` of ${assessmentWords(assessment.stage)}` : '';
  switch (e.action) {
    case 'system.created':
      return 'Registered in the inventory.';
    case 'system.updated': {
      const fields = typeof p.changes === 'object' && p.changes !== null ? Object.keys(p.changes) : [];
      const named = fields.map((f) => (f in systemFieldLabels ? systemFieldLabels[f as keyof typeof systemFieldLabels] : f).toLowerCase());
      return named.length > 0 ? `Inventory record changed: ${named.join(', ')}.` : null;
    }
    case 'system.archived':
      return 'Archived.';
    case 'system.unarchived':
      return 'Taken out of the archive.';
    case 'system.changeRecorded':
    case 'incident.reported': {
      const kind = text(p.kind);
      const label = kind in systemEventLabels ? systemEventLabels[kind as keyof typeof systemEventLabels] : 'Change';
      return `${label}${text(p.modelVersion) ? ` (${text(p.modelVersion)})` : ''}: ${text(p.description)}`;
    }
    case 'assessment.started':
      return assessment ? `${capitalise(assessmentWords(assessment.stage))} started.` : 'An assessment was started.';
    case 'assessment.scoringUpgraded':
      return `Scoring${of} moved to the current scoring model.`;
    case 'contradiction.resolved':
      return `Disagreeing answers${of} resolved.`;
    case 'vendor.requested':
      return `Vendor input requested for ${assessment ? assessmentWords(assessment.stage) : 'an assessment'}.`;
    case 'vendor.responseImported':
      return `The vendor's answers imported into ${assessment ? assessmentWords(assessment.stage) : 'an assessment'}.`;
    case 'vendor.modelCardImported':
      return `The vendor's model card imported into ${assessment ? assessmentWords(assessment.stage) : 'an assessment'}.`;
    case 'training.recorded':
      return `Training recorded: ${text(p.role)}, ${Number(p.trained)} of ${Number(p.using)} trained on version ${text(p.materialVersion)} on ${text(p.date)}.`;
    case 'training.imported':
      return `Training records imported from ${text(p.fileName)}: ${count(Number(p.rows), 'record')} (SHA-256 ${text(p.sha256).slice(0, 16)}…).`;
    case 'risk.rescored':
      return null;
    case 'monitoring.imported': {
      const breaches = Array.isArray(p.breaches) ? p.breaches.map((b: unknown) => text((b as Record<string, unknown> | null)?.words)).filter(Boolean) : [];
      const rows = typeof p.rows === 'number' ? p.rows : 0;
      const found = breaches.length === 0 ? 'no new breach of the acceptance criteria' : `${count(breaches.length, 'new breach', 'new breaches')} — ${breaches.join(' ')}`;
      return sentence(`Monitoring data imported from ${text(p.fileName)} (${count(rows, 'row').replace(/^\d+/, rows.toLocaleString('en-GB'))}): ${found}`);
    }
    case 'monitoring.criteriaSet': {
      const criteria = Array.isArray(p.criteria) ? p.criteria.length : 0;
      return `Acceptance criteria for monitoring recorded${of}: ${count(criteria, 'criterion', 'criteria')}, reviewed ${text(p.reviewPeriod)}.`;
    }
    default:
      break;
  }
  if (e.action.startsWith('lifecycle.') && p.from !== undefined) {
    const reason = text(p.reason);
    const why = reason ? ` (${reason.replace(/^[a-zA-Z]+: /, '')})` : '';
    // A second reason while already due keeps the stage: say so rather than "due → due".
    if (p.from === p.to) return `Lifecycle stage still ${word(lifecycleLabels, lifecycleStages, p.to)}, for a further reason${why}.`;
    return `Lifecycle stage: ${moved(lifecycleLabels, lifecycleStages, p)}${why}.`;
  }
  if (e.action.startsWith('review.') && assessment) {
    const signOff = SignOff.safeParse(p.signOff).data;
    const said = signOff ? `${signOff.name}: ${decisionLabels[signOff.decision] ?? signOff.decision}${signOff.comment ? ` — ${signOff.comment.trim().replace(/\.$/, '')}` : ''}` : '';
    if (p.from !== undefined && p.from !== p.to) return sentence(`${capitalise(assessmentWords(assessment.stage))}: ${moved(assessmentStatusLabels, assessmentStatuses, p)}${said ? ` (${said})` : ''}`);
    return signOff ? sentence(`Signed off ${assessmentWords(assessment.stage)} (${said})`) : null;
  }
  if (e.action.startsWith('risk.') && p.from !== undefined && threatName) {
    return `Risk "${threatName}": ${moved(riskStatusLabels, riskStates, p)}.`;
  }
  return null;
}

export function changesSince(facts: SystemFacts): SystemDecision['changesSince'] {
  const { since, sinceWhat } = sinceOf(facts);
  const assessments = new Map(facts.assessments.map((a) => [a.id, a]));
  const threats = new Map(facts.risks.map((r) => [r.id, r.threatName]));
  const changes: Change[] = [];
  // Counted actions: one line per (assessment, action), placed at its latest entry.
  const tallies = new Map<string, { n: number; at: string; by: Set<string>; what: (n: number) => string; index: number }>();
  for (const e of facts.ledger) {
    if (since !== null && e.at <= since) continue;
    // A risk's opening names its assessment in the payload; other entries are about it directly.
    const about = e.action === 'risk.identified' ? text(e.payload.assessment) : e.entity;
    const assessment = assessments.get(about);
    const by = actorWords(e.actor);
    const tally = counted[e.action];
    if (tally) {
      const key = `${about} ${e.action}`;
      const n = e.action === 'assessment.answered' && Array.isArray(e.payload.answers) ? e.payload.answers.length : 1;
      const of = assessment ? ` ${e.action === 'risk.identified' ? 'from' : 'in'} ${assessmentWords(assessment.stage)}` : '';
      const known = tallies.get(key);
      if (known) {
        known.n += n;
        known.at = e.at;
        known.by.add(by);
      } else {
        tallies.set(key, { n, at: e.at, by: new Set([by]), what: (k) => `${capitalise(tally(k))}${of}.`, index: changes.length });
        changes.push({ at: e.at, by, what: '' });
      }
      continue;
    }
    const what = describe(e, assessment, threats.get(e.entity));
    if (what !== null) changes.push({ at: e.at, by, what });
  }
  for (const t of tallies.values()) changes[t.index] = { at: t.at, by: [...t.by].join(', '), what: t.what(t.n) };
  const ordered = changes.sort((a, b) => a.at.localeCompare(b.at));
  if (ordered.length <= maxChanges) return { since, sinceWhat, changes: ordered };
  const kept = ordered.slice(-(maxChanges - 1));
  const left = ordered.length - kept.length;
  return {
    since,
    sinceWhat,
    changes: [{ at: ordered[0]?.at ?? '', by: 'Vigil', what: `${count(left, 'earlier change')} not listed here: see the system's history.` }, ...kept],
  };
}
