import { mitigationKindLabels } from '../../../../electron/contract/index.ts';
import { Accordion, Badge, Group, Stack, Table, Text } from '@mantine/core';
import type { Catalog, Coverage, ReferenceItem } from '../../../../electron/contract/index.ts';
import { RefBadges } from '../../components/RefBadges.tsx';
import { RiskMatrixGrid } from '../../components/RiskMatrixGrid.tsx';

type Registry = ReadonlyMap<string, ReferenceItem>;

export function ThreatCatalogView({ catalog, registry }: { catalog: Catalog; registry: Registry }) {
  const mitigatedBy = (threatId: string) => catalog.controls.controls.filter((c) => c.mitigates.some((m) => m.threat === threatId));
  return (
    <Accordion variant="separated" multiple>
      {catalog.threats.threats.map((t) => (
        <Accordion.Item key={t.id} value={t.id}>
          <Accordion.Control>
            <Group gap="xs">
              <Text ff="monospace" size="sm" c="dimmed">
                {t.id}
              </Text>
              <Text fw={600}>{t.name}</Text>
              <Badge variant="default">
                base L{t.baseLikelihood} × I{t.baseImpact}
              </Badge>
            </Group>
          </Accordion.Control>
          <Accordion.Panel>
            <Stack gap="xs">
              <Text>{t.description}</Text>
              <Text>
                <strong>For the patient: </strong>
                {t.clinicalConsequence}
              </Text>
              <RefBadges refs={t.refs} registry={registry} />
              <Text size="sm">
                <strong>Mitigated by: </strong>
                {mitigatedBy(t.id)
                  .map((c) => c.name)
                  .join('; ')}
              </Text>
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}

export function ControlCatalogView({ catalog, registry }: { catalog: Catalog; registry: Registry }) {
  return (
    <Table striped withTableBorder aria-label="Controls">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Control</Table.Th>
          <Table.Th>What it is</Table.Th>
          <Table.Th>Reduces</Table.Th>
          <Table.Th>References</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {catalog.controls.controls.map((c) => (
          <Table.Tr key={c.id}>
            <Table.Td>
              <Text fw={600}>{c.name}</Text>
              <Text ff="monospace" size="xs" c="dimmed">
                {c.id} · {c.category}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{c.description}</Text>
            </Table.Td>
            <Table.Td>
              <Stack gap={2}>
                {c.mitigates.map((m) => (
                  <Text key={`${m.threat}-${m.reduces}`} size="xs">
                    <Text span ff="monospace" size="xs">
                      {m.threat}
                    </Text>{' '}
                    {mitigationKindLabels[m.reduces]} −{m.by}
                  </Text>
                ))}
              </Stack>
            </Table.Td>
            <Table.Td>
              <RefBadges refs={c.refs} registry={registry} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function MatrixView({ catalog }: { catalog: Catalog }) {
  const m = catalog.matrix;
  const appetite = m.bands.find((b) => b.id === m.appetite);
  return (
    <Stack>
      <RiskMatrixGrid matrix={m} caption={`${m.title} (version ${m.version})`} />
      <Text>
        Risk appetite: residual risks up to <strong>{appetite?.label}</strong> are acceptable; anything above needs a treatment or a
        formal acceptance.
      </Text>
      <Table withTableBorder aria-label="Risk bands" maw={760}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={130}>Band</Table.Th>
            <Table.Th>Meaning</Table.Th>
            <Table.Th>Re-assess every</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {m.bands.map((b) => (
            <Table.Tr key={b.id}>
              <Table.Td>
                <Badge color={b.color} autoContrast>
                  {b.label}
                </Badge>
              </Table.Td>
              <Table.Td>{b.description}</Table.Td>
              <Table.Td>{b.reassessMonths} months</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

export function CoverageView({ coverage }: { coverage: Coverage }) {
  return (
    <Table withTableBorder withColumnBorders aria-label="Threat coverage by questionnaire">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Threat</Table.Th>
          {coverage.questionnaires.map((q) => (
            <Table.Th key={q.id}>{q.title}</Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {coverage.threats.map((t) => (
          <Table.Tr key={t.id}>
            <Table.Td>{t.name}</Table.Td>
            {coverage.questionnaires.map((q) => {
              const n = t.byQuestionnaire[q.id] ?? 0;
              return (
                <Table.Td key={q.id} style={{ textAlign: 'center' }} c={n === 0 ? 'red' : undefined} fw={n === 0 ? 700 : undefined}>
                  {n}
                </Table.Td>
              );
            })}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
