import { Anchor, Group, Progress, Stack, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { z } from 'zod';
import { assessmentSorts, type AssessmentPage, type AssessmentPageInput, type AssessmentRow, type AssessmentSort, type RiskMatrix } from '../../../../electron/contract/index.ts';
import { BandBadge } from '../../components/BandBadge.tsx';
import { ListTable, type ListColumn } from '../../components/list/ListTable.tsx';
import type { ListState } from '../../components/list/use-list-state.ts';
import type { PagedFields } from '../../components/list/list-state.ts';

/** assessments.page's input as the list state holds it. */
export type AssessmentPageFields = z.output<typeof AssessmentPageInput> & PagedFields;
import { hrefFor } from '../../routing/use-hash-route.ts';
import { formatDateTime, stageLabels } from './assessment-model.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';

function ProgressCell({ a }: { a: AssessmentRow }) {
  const pct = a.required === 0 ? 100 : Math.round((a.requiredAnswered / a.required) * 100);
  return (
    <Stack gap={4}>
      <Text size="sm">
        {a.requiredAnswered}/{a.required} required
      </Text>
      <Progress value={pct} size="sm" aria-label={`${a.title}: ${a.requiredAnswered} of ${a.required} required questions answered`} />
    </Stack>
  );
}

/** The sort key a column would have, when the list's method sorts by it. */
function sortIf<S extends string>(sorts: readonly S[], name: string): { sort: S } | Record<string, never> {
  const found = sorts.find((s) => s === name);
  return found === undefined ? {} : { sort: found };
}

/**
 * The columns an assessment row shows: in the list of every assessment, a system's own, and the
 * review log (with its submitted and decided dates instead of progress and last change). Each
 * sorts where the list's method sorts by it.
 */
export function assessmentColumns<S extends string>(
  matrix: RiskMatrix | undefined,
  options: { showSystem: boolean; dates: 'updated' | 'review'; sorts: readonly S[] },
): ListColumn<AssessmentRow, S>[] {
  const by = (name: string) => sortIf(options.sorts, name);
  const columns: (ListColumn<AssessmentRow, S> | null)[] = [
    {
      key: 'title',
      ...by('title'),
      title: 'Title',
      render: (a) => (
        <div>
          <Anchor href={hrefFor({ page: 'assessment', id: a.id })}>{a.title}</Anchor>
          <Text size="xs" c="dimmed" ff="monospace">
            {a.id}
          </Text>
        </div>
      ),
    },
    options.showSystem
      ? { key: 'systemName', ...by('systemName'), title: 'System', render: (a) => <Anchor href={hrefFor({ page: 'system', id: a.systemId })}>{a.systemName}</Anchor> }
      : null,
    { key: 'stage', ...by('stage'), title: 'Stage', render: (a) => stageLabels[a.stage] },
    {
      key: 'status',
      ...by('status'),
      title: 'Status',
      render: (a) => <StatusBadge kind="assessment" status={a.status} />,
    },
    options.dates === 'updated' ? { key: 'progress', ...by('progress'), firstDirection: 'desc', title: 'Progress', width: 180, render: (a) => <ProgressCell a={a} /> } : null,
    {
      key: 'overallBand',
      ...by('overallBand'),
      firstDirection: 'desc',
      title: 'Overall',
      render: (a) =>
        a.overallBand === null ? (
          <Text size="sm" c="dimmed">
            Not scored
          </Text>
        ) : matrix ? (
          <Group gap={6} wrap="nowrap">
            <BandBadge matrix={matrix} band={a.overallBand} />
            {a.highestResidual !== null ? (
              <Text size="xs" c="dimmed">
                {a.highestResidual}
              </Text>
            ) : null}
          </Group>
        ) : (
          a.overallBand
        ),
    },
  ];
  const dated = (key: 'updatedAt' | 'submittedAt' | 'decidedAt', title: string, missing: string): ListColumn<AssessmentRow, S> => ({
    key,
    ...by(key),
    firstDirection: 'desc',
    title,
    render: (a) => <Text size="sm">{a[key] ? formatDateTime(a[key]) : missing}</Text>,
  });
  const dates = options.dates === 'updated' ? [dated('updatedAt', 'Updated', '')] : [dated('submittedAt', 'Submitted', '—'), dated('decidedAt', 'Decided', 'Awaiting decision')];
  return [...columns.filter((c): c is ListColumn<AssessmentRow, S> => c !== null), ...dates];
}

/** A page of assessments (assessments.page) with stage, status, progress, overall band and last change; each links to its page. */
export function AssessmentsTable({
  query,
  state,
  matrix,
  showSystem,
  label,
  emptyText,
  selection,
}: {
  query: UseQueryResult<AssessmentPage>;
  state: ListState<AssessmentPageFields>;
  matrix: RiskMatrix | undefined;
  showSystem: boolean;
  label: string;
  emptyText: string;
  /** Rows chosen to compare ("Compare selected"), when the list offers it. */
  selection?: { selected: readonly AssessmentRow[]; onChange: (rows: AssessmentRow[]) => void; pageLabel: string } | undefined;
}) {
  return (
    <ListTable<AssessmentRow, AssessmentSort>
      label={label}
      columns={assessmentColumns(matrix, { showSystem, dates: 'updated', sorts: assessmentSorts })}
      query={query}
      state={state}
      idOf={(a) => a.id}
      nameOf={(a) => a.title}
      emptyText={emptyText}
      selection={selection}
    />
  );
}
