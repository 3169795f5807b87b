import { Button, Group, Loader, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { AssessmentPageInput, assessmentStages, type AiSystem, type AssessmentStage } from '../../../../electron/contract/index.ts';
import { useCatalog, useStartAssessment } from '../../api/queries.ts';
import { useLocalListState } from '../../components/list/use-list-state.ts';
import { usePageQuery } from '../../components/list/use-page-query.ts';
import { navigate } from '../../routing/use-hash-route.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { stageLabels, suggestedStage } from './assessment-model.ts';
import { AssessmentsTable } from './AssessmentsTable.tsx';

/** The "Assessments" section of a system's page: its assessments and a way to start one. */
export function SystemAssessments({ system }: { system: AiSystem }) {
  // A list inside the system's page: its state stays with the page, not in the address.
  const state = useLocalListState(AssessmentPageInput, { systemId: system.id });
  const assessments = usePageQuery('assessments.page', state.input);
  const catalog = useCatalog();
  const start = useStartAssessment();
  const [stage, setStage] = useState<AssessmentStage>(() => suggestedStage(system));

  const begin = async () => {
    try {
      const detail = await start.mutateAsync({ systemId: system.id, stage });
      navigate({ page: 'assessment', id: detail.id });
    } catch {
      // Shown below through start.error.
    }
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="system-assessments-heading">
      <Title order={2} id="system-assessments-heading">
        Assessments
      </Title>
      {assessments.isPending ? (
        <Loader aria-label="Loading assessments" size="sm" />
      ) : assessments.isError ? (
        <ErrorNotice error={assessments.error} title="The assessments could not be loaded" />
      ) : assessments.data.total === 0 ? (
        <Text c="dimmed">No assessment of this system yet.</Text>
      ) : (
        <AssessmentsTable
          query={assessments}
          state={state}
          matrix={catalog.data?.matrix}
          showSystem={false}
          label={`Assessments of ${system.name}`}
          emptyText="No assessment of this system yet."
        />
      )}
      {system.archived ? (
        <Text size="sm" c="dimmed">
          Unarchive this system to start a new assessment.
        </Text>
      ) : (
        <Group align="flex-end" gap="sm">
          <Select
            label="Stage"
            data={assessmentStages.map((s) => ({ value: s, label: stageLabels[s] }))}
            value={stage}
            onChange={(v) => v && setStage(v as AssessmentStage)}
            allowDeselect={false}
            w={220}
          />
          <Button onClick={() => void begin()} loading={start.isPending}>
            Start assessment
          </Button>
        </Group>
      )}
      {start.isError ? <ErrorNotice error={start.error} title="The assessment was not started" /> : null}
    </Stack>
  );
}
