import { Badge, Group, SegmentedControl, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import type { RiskMatrix, ThreatProfile, ThreatScore } from '../../../../electron/contract/index.ts';
import { BandBadge } from '../../components/BandBadge.tsx';
import { RiskMatrixGrid } from '../../components/RiskMatrixGrid.tsx';
import { bandOf, sortThreats } from './assessment-model.ts';
import { GlossaryLink } from '../../help/GlossaryLink.tsx';

type Phase = 'inherent' | 'residual';

export const levelsText = (l: { likelihood: number; impact: number; score: number }) => `${l.likelihood} × ${l.impact} = ${l.score}`;

function aboveAppetite(matrix: RiskMatrix, band: string): boolean {
  const rank = (id: string) => matrix.bands.findIndex((b) => b.id === id);
  return rank(band) > rank(matrix.appetite);
}

/** The live threat profile: the heat map (inherent or residual) and every threat, riskiest first. */
export function ThreatProfileView({
  profile,
  matrix,
  onExplain,
}: {
  profile: ThreatProfile;
  matrix: RiskMatrix;
  onExplain: (threat: ThreatScore) => void;
}) {
  const [phase, setPhase] = useState<Phase>('residual');
  const threats = sortThreats(profile.threats);
  const appetite = bandOf(matrix, matrix.appetite);
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-end">
          <Title order={2} size="h3">
            Heat map
          </Title>
          <SegmentedControl
            aria-label="Heat map shows"
            value={phase}
            onChange={(v) => setPhase(v as Phase)}
            data={[
              { value: 'inherent', label: 'Inherent' },
              { value: 'residual', label: 'Residual' },
            ]}
          />
        </Group>
        <RiskMatrixGrid
          matrix={matrix}
          counts={profile.heatmap[phase]}
          caption={`${phase === 'inherent' ? 'Inherent' : 'Residual'} risk: number of threats in each cell (likelihood × impact)`}
        />
      </Stack>
      <Stack gap="xs">
        <Title order={2} size="h3">
          Threats
        </Title>
        <Text size="sm" c="dimmed">
          Sorted by residual score. Appetite: {appetite?.label ?? matrix.appetite}; anything above needs a treatment or a formal acceptance. Choose a
          threat to see why it scores as it does.
        </Text>
        <Table striped highlightOnHover withTableBorder aria-label="Threats by residual risk" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Threat</Table.Th>
              <Table.Th w={170}>
                Inherent (L × I)
                <GlossaryLink term="inherent-risk" />
              </Table.Th>
              <Table.Th w={210}>
                Residual (L × I)
                <GlossaryLink term="residual-risk" />
              </Table.Th>
              <Table.Th w={80}>
                Gaps
                <GlossaryLink term="gap" />
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {threats.map((t) => (
              <Table.Tr key={t.id} data-threat={t.id}>
                <Table.Td>
                  <UnstyledButton onClick={() => onExplain(t)} aria-haspopup="dialog" c="indigo.8" fz="sm" fw={500} style={{ textAlign: 'left' }}>
                    {t.name}
                  </UnstyledButton>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {levelsText(t.inherent)} · {bandOf(matrix, t.inherent.band)?.label ?? t.inherent.band}
                  </Text>
                </Table.Td>
                <Table.Td data-score={t.residual.score} data-band={t.residual.band}>
                  <Group gap={6} wrap="nowrap">
                    <BandBadge matrix={matrix} band={t.residual.band}>
                      {levelsText(t.residual)} {bandOf(matrix, t.residual.band)?.label ?? t.residual.band}
                    </BandBadge>
                    {aboveAppetite(matrix, t.residual.band) ? (
                      <Badge size="xs" variant="outline" color="red" tt="none">
                        above appetite
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t.gaps.length}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Stack>
  );
}
