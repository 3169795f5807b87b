import { Loader, Stack, Text, Title } from '@mantine/core';
import { useAssessments, useCatalog } from '../../api/queries.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { AssessmentsTable } from './AssessmentsTable.tsx';

/** Every assessment of every system, most recently changed first. */
export function AssessmentsPage() {
  const assessments = useAssessments({});
  const catalog = useCatalog();
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>Assessments</Title>
        <Text c="dimmed">Every assessment of every AI system, most recently changed first. Start one from a system&apos;s page.</Text>
      </div>
      {assessments.isPending ? (
        <Loader aria-label="Loading assessments" />
      ) : assessments.isError ? (
        <ErrorNotice error={assessments.error} title="The assessments could not be loaded" />
      ) : assessments.data.length === 0 ? (
        <Text>No assessments yet. Open a system in the inventory and start one at its lifecycle stage.</Text>
      ) : (
        <AssessmentsTable assessments={assessments.data} matrix={catalog.data?.matrix} showSystem label="Assessments" />
      )}
    </Stack>
  );
}
