import { Anchor, Badge, Button, Group, Loader, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  autonomyLabels,
  clinicalDomainLabels,
  dataCategoryLabels,
  deploymentLabels,
  harmLevelLabels,
  integrationLabels,
  modelTypeLabels,
  regulatoryLabels,
  type AiSystem,
} from '../../../../electron/contract/index.ts';
import { useArchiveSystem, useSystem } from '../../api/queries.ts';
import { hrefFor, navigate } from '../../routing/use-hash-route.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { formatDateTime } from '../../text/format.ts';
import { SystemAssessments } from '../assessments/SystemAssessments.tsx';
import { SystemRisks } from '../risks/SystemRisks.tsx';
import { SystemHistory } from './SystemHistory.tsx';
import { SystemLifecycle } from './SystemLifecycle.tsx';
import { MonitoringPanel } from './monitoring/MonitoringPanel.tsx';
import { ReadinessPanel } from './ReadinessPanel.tsx';

const notRecorded = 'Not recorded';
const label = <K extends string>(labels: Readonly<Record<K, string>>, value: K | null) =>
  value === null ? notRecorded : labels[value];

export function fieldRows(s: AiSystem): [string, string][] {
  return [
    ['Vendor', s.vendor],
    ['Owner', s.owner || notRecorded],
    ['Product version', s.productVersion || notRecorded],
    ['Model version', s.modelVersion || notRecorded],
    ['Intended use', s.intendedUse || notRecorded],
    ['Clinical domain', label(clinicalDomainLabels, s.clinicalDomain)],
    ['Intended users', s.intendedUsers || notRecorded],
    ['Patient population', s.patientPopulation || notRecorded],
    ['Autonomy', label(autonomyLabels, s.autonomyLevel)],
    ['Worst credible harm', label(harmLevelLabels, s.worstCredibleHarm)],
    ['Time-critical condition', s.timeCritical === null ? notRecorded : s.timeCritical ? 'Yes' : 'No'],
    ['Model type', label(modelTypeLabels, s.modelType)],
    ['Data categories', s.dataCategories.map((d) => dataCategoryLabels[d]).join(', ') || notRecorded],
    ['Deployment', label(deploymentLabels, s.deploymentType)],
    ['Integration points', s.integrationPoints.map((i) => integrationLabels[i]).join(', ') || notRecorded],
    ['Regulatory status', regulatoryLabels[s.regulatoryStatus] + (s.regulatoryReference ? ` (${s.regulatoryReference})` : '')],
    ['Registered', `${formatDateTime(s.createdAt)} by ${s.createdBy}`],
    ['Last changed', formatDateTime(s.updatedAt)],
  ];
}

export function SystemDetailPage({ id }: { id: string }) {
  const system = useSystem(id);
  const archive = useArchiveSystem();
  const [confirming, { open, close }] = useDisclosure(false);

  if (system.isPending) return <Loader aria-label="Loading system" />;
  if (system.isError) return <ErrorNotice error={system.error} title="This system could not be loaded" />;
  const s = system.data;

  const toggleArchive = async () => {
    try {
      await archive.mutateAsync({ id, archive: !s.archived });
      close();
    } catch {
      // Shown in the dialog through archive.error.
    }
  };

  return (
    <Stack gap="md" maw={1100}>
      <Anchor href={hrefFor({ page: 'systems' })}>← Inventory</Anchor>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{s.name}</Title>
          <Group gap="xs" mt={4}>
            <StatusBadge kind="lifecycle" status={s.lifecycleStage} />
            {s.archived ? (
              <Badge color="gray" variant="filled">
                Archived
              </Badge>
            ) : null}
            <Text ff="monospace" size="sm" c="dimmed">
              {s.id}
            </Text>
          </Group>
        </div>
        <Group>
          {!s.archived ? (
            <Button variant="default" onClick={() => navigate({ page: 'systemEdit', id })}>
              Edit
            </Button>
          ) : null}
          <Button variant="light" color={s.archived ? 'blue' : 'red'} onClick={open}>
            {s.archived ? 'Unarchive' : 'Archive'}
          </Button>
        </Group>
      </Group>
      {archive.isError ? <ErrorNotice error={archive.error} /> : null}
      <SystemLifecycle system={s} />
      <Table withTableBorder variant="vertical" aria-label="System details">
        <Table.Tbody>
          {fieldRows(s).map(([name, value]) => (
            <Table.Tr key={name}>
              <Table.Th w={220}>{name}</Table.Th>
              <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{name === 'Vendor' ? <Anchor href={hrefFor({ page: 'vendors', id: s.vendorId })}>{value}</Anchor> : value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <SystemAssessments system={s} />
      <SystemRisks system={s} />
      <MonitoringPanel system={s} />
      <ReadinessPanel system={s} />
      <SystemHistory system={s} />
      <Modal opened={confirming} onClose={close} title={s.archived ? 'Unarchive this system?' : 'Archive this system?'}>
        <Stack>
          {archive.isError ? <ErrorNotice error={archive.error} /> : null}
          <Text>
            {s.archived
              ? `${s.name} will return to the inventory list.`
              : `${s.name} will be hidden from the inventory list. Its record and history are kept and it can be unarchived.`}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button color={s.archived ? 'blue' : 'red'} loading={archive.isPending} onClick={() => void toggleArchive()}>
              {s.archived ? 'Unarchive' : 'Archive'}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
