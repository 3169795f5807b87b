import { Anchor, Badge, Group, Progress, Stack, Table, Text } from '@mantine/core';
import type { AssessmentSummary, RiskMatrix } from '../../../../electron/contract/index.ts';
import { BandBadge } from '../../components/BandBadge.tsx';
import { hrefFor } from '../../routing/use-hash-route.ts';
import { formatDateTime, stageLabels, statusLabels } from './assessment-model.ts';

function ProgressCell({ a }: { a: AssessmentSummary }) {
  const p = a.progress;
  const pct = p.required === 0 ? 100 : Math.round((p.requiredAnswered / p.required) * 100);
  return (
    <Stack gap={4}>
      <Text size="sm">
        {p.requiredAnswered}/{p.required} required
        {p.flagged > 0 ? ` · ${p.flagged} flagged` : ''}
      </Text>
      <Progress value={pct} size="sm" aria-label={`${a.title}: ${p.requiredAnswered} of ${p.required} required questions answered`} />
    </Stack>
  );
}

/** Assessments with stage, status, progress, overall band and last change; each links to its page. */
export function AssessmentsTable({
  assessments,
  matrix,
  showSystem,
  label,
}: {
  assessments: readonly AssessmentSummary[];
  matrix: RiskMatrix | undefined;
  showSystem: boolean;
  label: string;
}) {
  const sorted = [...assessments].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return (
    <Table striped highlightOnHover withTableBorder aria-label={label} verticalSpacing="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Title</Table.Th>
          {showSystem ? <Table.Th>System</Table.Th> : null}
          <Table.Th>Stage</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th w={180}>Progress</Table.Th>
          <Table.Th>Overall</Table.Th>
          <Table.Th>Updated</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sorted.map((a) => (
          <Table.Tr key={a.id}>
            <Table.Td>
              <Anchor href={hrefFor({ page: 'assessment', id: a.id })}>{a.title}</Anchor>
              <Text size="xs" c="dimmed" ff="monospace">
                {a.id}
              </Text>
            </Table.Td>
            {showSystem ? (
              <Table.Td>
                <Anchor href={hrefFor({ page: 'system', id: a.systemId })}>{a.systemName}</Anchor>
              </Table.Td>
            ) : null}
            <Table.Td>{stageLabels[a.stage]}</Table.Td>
            <Table.Td>
              <Badge variant="outline" color="gray" tt="none">
                {statusLabels[a.status]}
              </Badge>
            </Table.Td>
            <Table.Td>
              <ProgressCell a={a} />
            </Table.Td>
            <Table.Td>
              {matrix ? (
                <Group gap={6} wrap="nowrap">
                  <BandBadge matrix={matrix} band={a.overall.band} />
                  <Text size="xs" c="dimmed">
                    {a.overall.highestResidual}
                  </Text>
                </Group>
              ) : (
                a.overall.band
              )}
            </Table.Td>
            <Table.Td>
              <Text size="sm">{formatDateTime(a.updatedAt)}</Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
