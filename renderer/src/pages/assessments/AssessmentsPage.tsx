import { Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { AssessmentPageInput, assessmentStages, assessmentStatuses, type AssessmentRow } from '../../../../electron/contract/index.ts';
import { useCatalog } from '../../api/queries.ts';
import { ListSearch } from '../../components/list/ListSearch.tsx';
import { SystemFilter } from '../../components/list/SystemFilter.tsx';
import { useListState } from '../../components/list/use-list-state.ts';
import { usePageQuery } from '../../components/list/use-page-query.ts';
import { navigate } from '../../routing/use-hash-route.ts';
import { selectionProblem } from '../compare/compare-model.ts';
import { stageLabels, statusLabels } from './assessment-model.ts';
import { AssessmentsTable } from './AssessmentsTable.tsx';

const stageOptions = assessmentStages.map((s) => ({ value: s, label: stageLabels[s] }));
const statusOptions = assessmentStatuses.map((s) => ({ value: s, label: statusLabels[s] }));

/** Every assessment of every system, one page at a time (assessments.page), most recently changed first. */
export function AssessmentsPage() {
  const state = useListState('assessments', AssessmentPageInput);
  const { input, set } = state;
  const assessments = usePageQuery('assessments.page', input);
  const matrix = useCatalog().data?.matrix;
  const [selected, setSelected] = useState<AssessmentRow[]>([]);
  const filtered = input.search !== '' || input.systemId !== undefined || input.stage !== undefined || input.status !== undefined || input.overallBand !== undefined;

  return (
    <Stack gap="md">
      <div>
        <Title order={1}>Assessments</Title>
        <Text c="dimmed">Every assessment of every AI system, most recently changed first. Start one from a system&apos;s page.</Text>
      </div>
      <Group align="flex-end" gap="sm" role="search" aria-label="Filter the assessments">
        <ListSearch state={state} placeholder="Title, system or id" w={240} />
        <SystemFilter value={input.systemId} onChange={(systemId) => set({ systemId })} />
        <Select
          label="Stage"
          placeholder="Any"
          data={stageOptions}
          value={input.stage ?? null}
          onChange={(v) => set({ stage: (v ?? undefined) as AssessmentRow['stage'] | undefined })}
          clearable
          w={160}
        />
        <Select
          label="Status"
          placeholder="Any"
          data={statusOptions}
          value={input.status ?? null}
          onChange={(v) => set({ status: (v ?? undefined) as AssessmentRow['status'] | undefined })}
          clearable
          w={200}
        />
        <Select
          label="Overall band"
          placeholder="Any"
          data={(matrix?.bands ?? []).map((b) => ({ value: b.id, label: b.label }))}
          value={input.overallBand ?? null}
          onChange={(v) => set({ overallBand: v ?? undefined })}
          clearable
          w={150}
        />
      </Group>
      {assessments.data?.total === 0 && !filtered ? (
        <Text>No assessments yet. Open a system in the inventory and start one at its lifecycle stage.</Text>
      ) : (
        <>
          <CompareBar selected={selected} onClear={() => setSelected([])} />
          <AssessmentsTable
            query={assessments}
            state={state}
            matrix={matrix}
            showSystem
            label="Assessments"
            emptyText="No assessment matches these filters."
            selection={{ selected, onChange: setSelected, pageLabel: 'Select all assessments on this page' }}
          />
        </>
      )}
    </Stack>
  );
}

/** "Compare selected": two to four selected assessments side by side (#/compare?ids=…). */
function CompareBar({ selected, onClear }: { selected: readonly AssessmentRow[]; onClear: () => void }) {
  const problem = selectionProblem(selected.length);
  return (
    <Paper withBorder p="xs" role="region" aria-label="Selected assessments">
      <Group gap="sm">
        <Text size="sm" role="status">
          {selected.length === 0 ? 'Select 2 to 4 assessments (competing products for one need) to compare them side by side.' : (problem ?? `${selected.length} assessments selected.`)}
        </Text>
        <Button size="xs" disabled={problem !== null} onClick={() => navigate({ page: 'compare', ids: selected.map((a) => a.id) })}>
          Compare selected
        </Button>
        {selected.length > 0 ? (
          <Button size="xs" variant="subtle" onClick={onClear}>
            Clear selection
          </Button>
        ) : null}
      </Group>
    </Paper>
  );
}
