import type { Contradiction, Control } from '../../contract/index.ts';
import type { Finding, FindingOrigin } from './findings.ts';

/** How an assessor settled a contradiction; it holds only while the answers are the same. */
export interface StoredResolution {
  decision: 'credit' | 'deny';
  note: string;
  by: string;
  at: string;
  fingerprint: string;
}

export type CreditFinding = Extract<Finding, { kind: 'credit' }>;

/** The safeguards in place after contradictions: the strongest credit of each, counted once. */
export interface SettledCredits {
  credits: Map<string, CreditFinding>;
  /** Controls credited by some answer but not counted because answers disagree (unresolved) or an assessor denied them. */
  withheld: Map<string, { contradiction: Contradiction }>;
  contradictions: Contradiction[];
}

type SideKeyed = Pick<FindingOrigin, 'questionId' | 'answer' | 'source' | 'fromAssessment'>;
const sideKey = (o: SideKeyed) => `${o.fromAssessment ?? ''}/${o.questionId}=${JSON.stringify(o.answer)}@${o.source}`;

/**
 * Identifies one set of disagreeing answers. A resolution is stored with it, so changing any of
 * those answers reopens the contradiction.
 */
export function contradictionFingerprint(credits: readonly SideKeyed[], denies: readonly SideKeyed[]): string {
  return `credit:${credits.map(sideKey).sort().join(';')}|deny:${denies.map(sideKey).sort().join(';')}`;
}

const side = (o: FindingOrigin) => ({
  questionId: o.questionId,
  answer: o.answer,
  answerText: o.answerText,
  source: o.source,
  ...(o.fromAssessment ? { fromAssessment: o.fromAssessment } : {}),
});

/**
 * One credit per safeguard, at its strongest, and the contradictions between answers about one
 * safeguard. An open contradiction is scored with the less safe answer: the safeguard is not
 * counted until an assessor resolves it.
 */
export function settleCredits(
  findings: readonly Finding[],
  controlsById: ReadonlyMap<string, Control>,
  resolutions: ReadonlyMap<string, StoredResolution>,
): SettledCredits {
  const strongest = new Map<string, CreditFinding>();
  const creditOrigins = new Map<string, FindingOrigin[]>();
  const denialOrigins = new Map<string, FindingOrigin[]>();
  for (const f of findings) {
    if (f.kind === 'credit') {
      const best = strongest.get(f.control);
      if (!best || f.strength > best.strength) strongest.set(f.control, f);
      const list = creditOrigins.get(f.control);
      if (list) list.push(f.origin);
      else creditOrigins.set(f.control, [f.origin]);
    } else if (f.kind === 'denial') {
      const list = denialOrigins.get(f.control);
      if (list) list.push(f.origin);
      else denialOrigins.set(f.control, [f.origin]);
    }
  }
  const credits = new Map<string, CreditFinding>();
  const withheld = new Map<string, { contradiction: Contradiction }>();
  const contradictions: Contradiction[] = [];
  for (const [control, best] of strongest) {
    const denies = denialOrigins.get(control);
    if (!denies) {
      credits.set(control, best);
      continue;
    }
    const creditSides = creditOrigins.get(control) ?? [];
    const stored = resolutions.get(control);
    const current = stored && stored.fingerprint === contradictionFingerprint(creditSides, denies) ? stored : undefined;
    const contradiction: Contradiction = {
      controlId: control,
      controlName: controlsById.get(control)?.name ?? control,
      credits: creditSides.map(side),
      denies: denies.map(side),
      resolution: current ? { decision: current.decision, note: current.note, by: current.by, at: current.at } : null,
    };
    contradictions.push(contradiction);
    if (current?.decision === 'credit') credits.set(control, best);
    else withheld.set(control, { contradiction });
  }
  contradictions.sort((a, b) => a.controlId.localeCompare(b.controlId));
  return { credits, withheld, contradictions };
}

/**
 * An approved stage's findings as that stage settled them: where an assessor resolved a
 * contradiction there, the losing side's findings are dropped, so a later stage inherits the
 * decision instead of reopening it.
 */
export function applyResolutions(findings: readonly Finding[], index: { controlsById: ReadonlyMap<string, Control> }, resolutions: ReadonlyMap<string, StoredResolution>): Finding[] {
  if (resolutions.size === 0) return [...findings];
  const { contradictions } = settleCredits(findings, index.controlsById, resolutions);
  const decided = new Map(contradictions.flatMap((c) => (c.resolution ? [[c.controlId, c.resolution.decision] as const] : [])));
  return findings.filter((f) => {
    if (f.kind !== 'credit' && f.kind !== 'denial') return true;
    const decision = decided.get(f.control);
    return decision === undefined || (decision === 'credit' ? f.kind === 'credit' : f.kind === 'denial');
  });
}
