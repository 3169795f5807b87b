import { Anchor, Autocomplete, Badge, Group, Loader, Select, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import type { MethodInput } from '../../../../electron/contract/index.ts';
import { useCatalog, usePeople, useRisks, useSystems } from '../../api/queries.ts';
import { BandBadge } from '../../components/BandBadge.tsx';
import { formatDate, riskStatusLabel, riskStatusLabels } from '../../text/labels.ts';
import { hrefFor, navigate } from '../../routing/use-hash-route.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { RiskDrawer } from './RiskDrawer.tsx';
import { levelsText, riskStatuses, sortRisks } from './risk-model.ts';

/** The risk register: every risk opened by a submitted assessment, filtered; a risk opens in a drawer. */
export function RiskRegisterPage({ riskId }: { riskId: string | undefined }) {
  const [systemId, setSystemId] = useState<string | null>(null);
  const [band, setBand] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [owner, setOwner] = useState('');
  const [overdue, setOverdue] = useState(false);
  const [ownerFilter] = useDebouncedValue(owner.trim(), 250);

  const input: MethodInput<'risks.list'> = {
    ...(systemId ? { systemId } : {}),
    ...(band ? { band } : {}),
    ...(status ? { status } : {}),
    ...(ownerFilter ? { owner: ownerFilter } : {}),
    ...(overdue ? { overdue: true } : {}),
  };
  const risks = useRisks(input);
  const systems = useSystems({ includeArchived: true, search: '' });
  const catalog = useCatalog();
  const people = usePeople();
  const matrix = catalog.data?.matrix;
  const sorted = useMemo(() => sortRisks(risks.data ?? []), [risks.data]);
  const filtered = Object.keys(input).length > 0;

  return (
    <Stack gap="md">
      <div>
        <Title order={1}>Risk register</Title>
        <Text c="dimmed">
          Risks opened when assessments were submitted. A residual risk above the appetite{matrix ? ` (${matrix.bands.find((b) => b.id === matrix.appetite)?.label ?? matrix.appetite})` : ''}{' '}
          needs a treatment plan or a formal acceptance before the system moves to its next stage.
        </Text>
      </div>
      <Group align="flex-end" gap="sm" role="search" aria-label="Filter risks">
        <Select
          label="System"
          placeholder="All systems"
          data={(systems.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          value={systemId}
          onChange={setSystemId}
          clearable
          searchable
          w={240}
        />
        <Select
          label="Band"
          placeholder="All bands"
          data={(matrix?.bands ?? []).map((b) => ({ value: b.id, label: b.label }))}
          value={band}
          onChange={setBand}
          clearable
          w={140}
        />
        <Select
          label="Status"
          placeholder="All statuses"
          data={riskStatuses.map((s) => ({ value: s, label: riskStatusLabels[s] ?? s }))}
          value={status}
          onChange={setStatus}
          clearable
          w={210}
        />
        <Autocomplete
          label="Owner"
          placeholder="Any owner"
          description="Full name"
          data={(people.data ?? []).map((p) => p.name)}
          value={owner}
          onChange={setOwner}
          w={190}
        />
        <Switch label="Overdue only" checked={overdue} onChange={(e) => setOverdue(e.currentTarget.checked)} mb={8} />
      </Group>
      {risks.isPending ? (
        <Loader aria-label="Loading risks" />
      ) : risks.isError ? (
        <ErrorNotice error={risks.error} title="The risk register could not be loaded" />
      ) : sorted.length === 0 ? (
        <Text>
          {filtered
            ? 'No risk matches these filters.'
            : 'No risks yet. Risks are opened when an assessment is submitted for review: one for each threat whose residual risk is above the lowest band.'}
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" role="status">
            {sorted.length} {sorted.length === 1 ? 'risk' : 'risks'} · {sorted.filter((r) => r.aboveAppetite).length} above appetite ·{' '}
            {sorted.filter((r) => r.overdue).length} overdue
          </Text>
          <Table striped highlightOnHover withTableBorder aria-label="Risks" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>System</Table.Th>
                <Table.Th>Threat</Table.Th>
                <Table.Th>Residual (L × I)</Table.Th>
                <Table.Th>Appetite</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Owner</Table.Th>
                <Table.Th>Due</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((r) => (
                <Table.Tr
                  key={r.id}
                  data-risk={r.id}
                  onClick={() => navigate({ page: 'risks', id: r.id })}
                  style={{ cursor: 'pointer' }}
                  bg={r.id === riskId ? 'var(--mantine-color-indigo-0)' : undefined}
                >
                  <Table.Td>{r.systemName}</Table.Td>
                  <Table.Td>
                    <Anchor href={hrefFor({ page: 'risks', id: r.id })} onClick={(e) => e.stopPropagation()}>
                      {r.threatName}
                    </Anchor>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {r.id} · {r.threatId}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {levelsText(r.residual)}
                      </Text>
                      {matrix ? <BandBadge matrix={matrix} band={r.band} size="sm" /> : r.band}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {r.aboveAppetite ? (
                      <Badge color="red" variant="light" tt="none">
                        Above appetite
                      </Badge>
                    ) : (
                      <Text size="sm" c="dimmed">
                        Within
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{riskStatusLabel(r.status)}</Table.Td>
                  <Table.Td>{r.owner || <Text c="dimmed" size="sm">None yet</Text>}</Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {r.dueDate ? formatDate(r.dueDate) : '—'}
                      </Text>
                      {r.overdue ? (
                        <Badge color="red" variant="filled" tt="none" size="sm">
                          Overdue
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      <RiskDrawer riskId={riskId ?? null} onClose={() => navigate({ page: 'risks' })} />
    </Stack>
  );
}
