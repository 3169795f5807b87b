import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import { assessmentStages, assessmentStatuses, type AssessmentSort, type ReviewSort, type SortDirection } from '../../contract/index.ts';
import { awaitingDecisionStatuses } from '../rules/statuses.ts';
import { containsAnyOf, rankIn, sortDirection } from '../store/list-sql.ts';
import type { AssessmentsTable, Row, Schema, SystemsTable } from '../store/schema.ts';

type Stage = (typeof assessmentStages)[number];
type Status = (typeof assessmentStatuses)[number];

/** One page of assessments as the lists ask for it (assessments.page, reviews.page). */
export interface AssessmentListQuery {
  systemId?: string | undefined;
  stage?: Stage | undefined;
  status?: Status | undefined;
  overallBand?: string | undefined;
  /** The review log: only assessments sent to review, optionally awaiting a decision or decided. */
  review?: { state?: 'awaiting' | 'decided' | undefined } | undefined;
  search: string;
  sort: AssessmentSort | ReviewSort;
  direction: SortDirection;
  offset: number;
  limit: number;
  /** The bands of the risk matrix in force, lowest first: the order `overallBand` sorts in. */
  bands: readonly string[];
}

export type AssessmentListRow = Row<'assessments'> & { system_name: string };

type Joined = Schema & { a: AssessmentsTable; s: SystemsTable };
type Eb = ExpressionBuilder<Joined, 'a' | 's'>;

function matching(q: AssessmentListQuery) {
  return (eb: Eb) => {
    const all = [];
    if (q.systemId !== undefined) all.push(eb('a.system_id', '=', q.systemId));
    if (q.stage !== undefined) all.push(eb('a.stage', '=', q.stage));
    if (q.status !== undefined) all.push(eb('a.status', '=', q.status));
    if (q.overallBand !== undefined) all.push(eb('a.overall_band', '=', q.overallBand));
    if (q.review) {
      all.push(eb('a.submitted_at', 'is not', null));
      if (q.review.state === 'awaiting') all.push(eb('a.status', 'in', awaitingDecisionStatuses));
      if (q.review.state === 'decided') all.push(eb('a.decided_at', 'is not', null));
    }
    if (q.search !== '') all.push(containsAnyOf([eb.ref('a.title'), eb.ref('s.name'), eb.ref('a.id'), eb.ref('a.system_id')], q.search));
    return eb.and(all);
  };
}

/**
 * What each column sorts by. System names in natural order (their stored key, migration 010);
 * titles ignoring case; both byte-wise (PostgreSQL's columns are COLLATE "C"); stage and status in workflow order; the band by the matrix's
 * order (-1 for never scored); progress as the share of required questions answered (nothing
 * required counts as complete; not yet stored, migration 011, as -1).
 */
function sortKey(eb: Eb, sort: AssessmentListQuery['sort'], bands: readonly string[]) {
  switch (sort) {
    case 'systemName':
      return eb.ref('s.name_key');
    case 'title':
      return sql`lower(${eb.ref('a.title')})`;
    case 'stage':
      return rankIn(eb.ref('a.stage'), assessmentStages);
    case 'status':
      return rankIn(eb.ref('a.status'), assessmentStatuses);
    case 'overallBand':
      return rankIn(eb.ref('a.overall_band'), bands);
    case 'progress':
      return sql`CASE WHEN a.required_count IS NULL THEN -1 WHEN a.required_count = 0 THEN 1 ELSE a.required_answered * 1.0 / a.required_count END`;
    case 'createdAt':
      return eb.ref('a.created_at');
    case 'updatedAt':
      return eb.ref('a.updated_at');
    case 'submittedAt':
      return eb.ref('a.submitted_at');
    case 'decidedAt':
      return eb.ref('a.decided_at');
  }
}

/** One page of assessments and the number matching in all: filtered, sorted and cut in SQL. */
export async function assessmentPage(db: Kysely<Schema>, q: AssessmentListQuery): Promise<{ rows: AssessmentListRow[]; total: number }> {
  const from = () => db.selectFrom('assessments as a').innerJoin('systems as s', 's.id', 'a.system_id').where(matching(q));
  const { n } = await from()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await from()
    .selectAll('a')
    .select('s.name as system_name')
    // Ties end with the id, in the same direction, so pages never overlap or skip a row.
    .orderBy((eb) => sql`${sortKey(eb, q.sort, q.bands)} ${sortDirection(q.direction)}`)
    .orderBy((eb) => sql`${eb.ref('a.id')} ${sortDirection(q.direction)}`)
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return { rows, total: Number(n) };
}
