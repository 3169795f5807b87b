import { Anchor, Badge, Button, Group, Loader, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { autonomyLabels, deploymentLabels, lifecycleLabels } from '../../../../electron/contract/index.ts';
import { useLoadDemo, useSystems } from '../../api/queries.ts';
import { hrefFor, navigate } from '../../routing/use-hash-route.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';

export function SystemsPage() {
  const [search, setSearch] = useState('');
  const [includeArchived, setIncludeArchived] = useState(false);
  const [debounced] = useDebouncedValue(search, 200);
  const systems = useSystems({ includeArchived, search: debounced.trim() });
  const demo = useLoadDemo();

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>AI system inventory</Title>
          <Text c="dimmed">Every AI product the organisation is buying, validating, running or retiring.</Text>
        </div>
        <Button onClick={() => navigate({ page: 'systemNew' })}>Add AI system</Button>
      </Group>
      <Group align="flex-end">
        <TextInput
          label="Search"
          placeholder="Name, vendor or intended use"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={320}
        />
        <Switch
          label="Show archived"
          checked={includeArchived}
          onChange={(event) => setIncludeArchived(event.currentTarget.checked)}
          mb={8}
        />
      </Group>
      {systems.isPending ? (
        <Loader aria-label="Loading inventory" />
      ) : systems.isError ? (
        <ErrorNotice error={systems.error} title="The inventory could not be loaded" />
      ) : systems.data.length === 0 && debounced ? (
        <Text>No AI system matches &quot;{debounced}&quot;.</Text>
      ) : systems.data.length === 0 ? (
        <Stack gap="xs" align="flex-start">
          <Text>No AI systems yet. Add the first one to start assessing it.</Text>
          <Text size="sm" c="dimmed">
            New to Vigil? Load a fictional hospital&apos;s portfolio to explore first (only into an empty database).
          </Text>
          <Button variant="light" loading={demo.isPending} onClick={() => demo.mutate()}>
            Load the demo portfolio
          </Button>
          {demo.isError ? <ErrorNotice error={demo.error} title="The demo portfolio was not loaded" /> : null}
        </Stack>
      ) : (
        <Table striped highlightOnHover withTableBorder aria-label="AI systems">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Vendor</Table.Th>
              <Table.Th>Lifecycle stage</Table.Th>
              <Table.Th>Autonomy</Table.Th>
              <Table.Th>Deployment</Table.Th>
              <Table.Th>ID</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {systems.data.map((system) => (
              <Table.Tr key={system.id}>
                <Table.Td>
                  <Anchor href={hrefFor({ page: 'system', id: system.id })}>{system.name}</Anchor>
                  {system.archived ? (
                    <Badge ml="xs" color="gray" variant="light">
                      Archived
                    </Badge>
                  ) : null}
                </Table.Td>
                <Table.Td>{system.vendor}</Table.Td>
                <Table.Td>{lifecycleLabels[system.lifecycleStage]}</Table.Td>
                <Table.Td>{system.autonomyLevel ? autonomyLabels[system.autonomyLevel] : 'Not recorded'}</Table.Td>
                <Table.Td>{system.deploymentType ? deploymentLabels[system.deploymentType] : 'Not recorded'}</Table.Td>
                <Table.Td>
                  <Text ff="monospace" size="sm">
                    {system.id}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
