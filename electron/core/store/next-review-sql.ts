import { sql, type RawBuilder } from 'kysely';

/**
 * When a system is next due for re-assessment, as SQL over a system row aliased `s`
 * (docs/dashboard.md, "Re-assessments due"): today once its lifecycle is at "re-assessment due"
 * (it is due now); otherwise the earlier of its periodic date (`reassessment_due`, set at each
 * approval) and the earliest expiry of its standing acceptances (the scheduled check makes the
 * system due when one lapses); null for a retired system or when nothing sets a date. The
 * inventory's next review (its column, its sort and `reviewDueWithinDays`) and the dashboard's
 * re-assessments both go by this one rule, so a count and the list behind it agree.
 */
export function nextReviewSql(today: string): RawBuilder<string | null> {
  const acceptance = sql<string | null>`(SELECT min(a.due_date) FROM risks a WHERE a.system_id = s.id AND a.status = 'accepted')`;
  return sql<string | null>`(CASE
    WHEN s.lifecycle_stage = 'retired' THEN NULL
    WHEN s.lifecycle_stage = 'reassessmentDue' THEN ${today}
    WHEN s.reassessment_due IS NULL THEN ${acceptance}
    WHEN ${acceptance} IS NULL OR s.reassessment_due <= ${acceptance} THEN s.reassessment_due
    ELSE ${acceptance} END)`;
}
