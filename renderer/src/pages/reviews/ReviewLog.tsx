import { Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { ReviewPageInput, reviewSorts, type AssessmentRow, type ReviewSort } from '../../../../electron/contract/index.ts';
import { useCatalog } from '../../api/queries.ts';
import { ListSearch } from '../../components/list/ListSearch.tsx';
import { SystemFilter } from '../../components/list/SystemFilter.tsx';
import { ListTable } from '../../components/list/ListTable.tsx';
import { useListState } from '../../components/list/use-list-state.ts';
import { usePageQuery } from '../../components/list/use-page-query.ts';
import { assessmentColumns } from '../assessments/AssessmentsTable.tsx';

const stateOptions = [
  { value: 'all', label: 'All' },
  { value: 'awaiting', label: 'Awaiting a decision' },
  { value: 'decided', label: 'Decided' },
];

/**
 * The review log (reviews.page): every assessment sent to review, awaiting a decision or
 * decided, newest submission first; its view lives in the address (#/reviews/log?…).
 */
export function ReviewLog() {
  const state = useListState('reviews', ReviewPageInput);
  const { input, set } = state;
  const reviews = usePageQuery('reviews.page', input);
  const matrix = useCatalog().data?.matrix;
  return (
    <Stack gap="md">
      <Text c="dimmed" size="sm">
        Every assessment sent to review, with when it was submitted and decided.
      </Text>
      <Group align="flex-end" gap="sm" role="search" aria-label="Filter the review log">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="review-state-label">
            Decision
          </Text>
          <SegmentedControl
            aria-labelledby="review-state-label"
            data={stateOptions}
            value={input.state ?? 'all'}
            onChange={(v) => set({ state: v === 'awaiting' || v === 'decided' ? v : undefined })}
          />
        </Stack>
        <SystemFilter value={input.systemId} onChange={(systemId) => set({ systemId })} />
        <ListSearch state={state} placeholder="Title, system or id" w={240} />
      </Group>
      <ListTable<AssessmentRow, ReviewSort>
        label="Review log"
        columns={assessmentColumns<ReviewSort>(matrix, { showSystem: true, dates: 'review', sorts: reviewSorts })}
        query={reviews}
        state={state}
        idOf={(a) => a.id}
        nameOf={(a) => a.title}
        emptyText={input.state === 'awaiting' ? 'No assessment awaits a decision.' : 'No assessment has been sent to review yet, or none matches these filters.'}
      />
    </Stack>
  );
}
