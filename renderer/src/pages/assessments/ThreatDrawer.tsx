import { Anchor, Badge, Drawer, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { MouseEvent } from 'react';
import type { Catalog, Question, RiskMatrix, ThreatProfile, ThreatScore, TraceEntry } from '../../../../electron/contract/index.ts';
import { BandBadge } from '../../components/BandBadge.tsx';
import { hrefFor } from '../../routing/use-hash-route.ts';
import { bandOf, exposureText, formatEffect, stageLabels, stepLabels } from './assessment-model.ts';
import { levelsText } from './ThreatProfileView.tsx';

export interface QuestionLinker {
  href: (questionId: string) => string;
  go: (questionId: string) => void;
}

function QuestionLink({ questionId, linker, children }: { questionId: string; linker: QuestionLinker; children?: string }) {
  return (
    <Anchor
      href={linker.href(questionId)}
      onClick={(event: MouseEvent) => {
        event.preventDefault();
        linker.go(questionId);
      }}
      ff="monospace"
      fz="sm"
    >
      {children ?? questionId}
    </Anchor>
  );
}

const harmWords: Record<NonNullable<ThreatScore['harm']>, string> = {
  clinical: 'harm to patients: its impact follows the worst credible harm recorded for the system',
  data: 'harm to data: its impact is the typical one',
  service: 'harm to the service: its impact is the typical one',
};

function LevelsCard({ title, levels, matrix }: { title: string; levels: ThreatScore['inherent']; matrix: RiskMatrix }) {
  return (
    <Stack gap={4} p="sm" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}>
      <Text size="sm" c="dimmed">
        {title}
      </Text>
      <Group gap="xs">
        <BandBadge matrix={matrix} band={levels.band} size="lg">
          {bandOf(matrix, levels.band)?.label ?? levels.band}
        </BandBadge>
        <Text fw={600}>
          likelihood {levels.likelihood} × impact {levels.impact} = {levels.score}
        </Text>
      </Group>
      {levels.raw ? (
        // Model 2 adds up exposures on an open scale and puts them on the 1-5 matrix at the end.
        <Stack gap={0} data-testid="raw-exposure">
          <Text size="xs">Likelihood exposure {exposureText(levels.raw.likelihood, levels.likelihood, matrix.likelihood)}</Text>
          <Text size="xs">Impact exposure {exposureText(levels.raw.impact, levels.impact, matrix.impact)}</Text>
        </Stack>
      ) : null}
    </Stack>
  );
}

function PhaseTotal({ label, levels }: { label: string; levels: ThreatScore['inherent'] }) {
  return (
    <Table.Tr>
      <Table.Td colSpan={3}>
        <Text size="sm" fw={700}>
          {label}: {levelsText(levels)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={700}>
          {levels.likelihood}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={700}>
          {levels.impact}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

function TraceRow({ entry, linker }: { entry: TraceEntry; linker: QuestionLinker }) {
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm">{stepLabels[entry.step]}</Text>
      </Table.Td>
      <Table.Td>{entry.questionId ? <QuestionLink questionId={entry.questionId} linker={linker} /> : <Text size="sm" c="dimmed">—</Text>}</Table.Td>
      <Table.Td>
        <Text size="sm">{entry.detail}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatEffect(entry.effect.likelihood)}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatEffect(entry.effect.impact)}</Text>
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * "Why this score": every step that moved a threat, from the catalog base to the residual, with
 * links back to the answers responsible, the controls credited and the questions still open.
 */
export function ThreatDrawer({
  threat,
  matrix,
  catalog,
  questions,
  linker,
  inheritedFrom = [],
  onClose,
}: {
  threat: ThreatScore | null;
  matrix: RiskMatrix;
  catalog: Catalog | undefined;
  questions: ReadonlyMap<string, Question>;
  linker: QuestionLinker;
  /** Model 2: the approved earlier-stage assessments whose findings the profile starts from. */
  inheritedFrom?: NonNullable<ThreatProfile['inheritedFrom']>;
  onClose: () => void;
}) {
  const info = threat ? catalog?.threats.threats.find((t) => t.id === threat.id) : undefined;
  const controls = threat ? [...new Map(threat.controls.map((c) => [c.id, c])).values()] : [];
  const inherentTrace = threat?.trace.filter((t) => t.phase === 'inherent') ?? [];
  const residualTrace = threat?.trace.filter((t) => t.phase === 'residual') ?? [];
  return (
    <Drawer
      opened={threat !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={threat ? `Why this score: ${threat.name}` : 'Why this score'}
      styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {threat ? (
        <Stack gap="lg">
          {info ? (
            <Text size="sm">
              <Text span ff="monospace" c="dimmed" size="sm">
                {threat.id}
              </Text>{' '}
              {info.description}
            </Text>
          ) : null}
          {threat.harm ? (
            <Text size="sm" c="dimmed">
              This threat is a {harmWords[threat.harm]}.
            </Text>
          ) : null}
          {inheritedFrom.length > 0 ? (
            <Stack gap={2}>
              <Text size="sm">Starts from the approved findings of earlier stages:</Text>
              <List size="sm" aria-label="Earlier stages this score starts from">
                {inheritedFrom.map((i) => (
                  <List.Item key={i.assessmentId}>
                    {stageLabels[i.stage]}: <Anchor href={hrefFor({ page: 'assessment', id: i.assessmentId })}>{i.title}</Anchor>{' '}
                    <Text span ff="monospace" c="dimmed" size="xs">
                      ({i.assessmentId})
                    </Text>
                  </List.Item>
                ))}
              </List>
            </Stack>
          ) : null}
          <SimpleGrid cols={2}>
            <LevelsCard title="Inherent (before controls)" levels={threat.inherent} matrix={matrix} />
            <LevelsCard title="Residual (after credited controls)" levels={threat.residual} matrix={matrix} />
          </SimpleGrid>

          <Stack gap="xs">
            <Title order={3} size="h4">
              Trace
            </Title>
            <Text size="sm" c="dimmed">
              {threat.inherent.raw
                ? 'Adding up the effects gives the exposures: the inherent steps from zero, then the residual steps from the inherent exposure; each is then put on the 1–5 scale (nearest level).'
                : 'Adding up the effects gives the scores: the inherent steps from zero, then the residual steps from the inherent levels.'}
            </Text>
            <Table withTableBorder aria-label="Score trace" verticalSpacing={6} layout="fixed">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={130}>Step</Table.Th>
                  <Table.Th w={100}>Question</Table.Th>
                  <Table.Th>Detail</Table.Th>
                  <Table.Th w={90}>Likelihood</Table.Th>
                  <Table.Th w={70}>Impact</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {inherentTrace.map((entry, i) => (
                  <TraceRow key={`i${i}`} entry={entry} linker={linker} />
                ))}
                <PhaseTotal label="Inherent" levels={threat.inherent} />
                {residualTrace.map((entry, i) => (
                  <TraceRow key={`r${i}`} entry={entry} linker={linker} />
                ))}
                <PhaseTotal label="Residual" levels={threat.residual} />
              </Table.Tbody>
            </Table>
          </Stack>

          <Stack gap="xs">
            <Title order={3} size="h4">
              Controls credited
            </Title>
            {controls.length === 0 ? (
              <Text size="sm">No control reduces this threat yet.</Text>
            ) : (
              <List spacing={4} size="sm" aria-label="Controls credited">
                {controls.map((c) => (
                  <List.Item key={c.id}>
                    <Group gap="xs">
                      <Text size="sm">
                        {catalog?.controls.controls.find((x) => x.id === c.id)?.name ?? c.id}{' '}
                        <Text span ff="monospace" c="dimmed" size="sm">
                          ({c.id})
                        </Text>
                      </Text>
                      <Badge size="sm" variant="light" color={c.strength === 'full' ? 'teal' : 'orange'} tt="none">
                        {c.strength === 'full'
                          ? 'full strength'
                          : threat.inherent.raw
                            ? "reduced strength: the vendor's claim without checked evidence, or a partial practice"
                            : 'reduced strength: vendor claim without evidence'}
                      </Badge>
                    </Group>
                  </List.Item>
                ))}
              </List>
            )}
          </Stack>

          <Stack gap="xs">
            <Title order={3} size="h4">
              Evidence gaps ({threat.gaps.length})
            </Title>
            {threat.gaps.length === 0 ? (
              <Text size="sm">Every question that bears on this threat has been answered.</Text>
            ) : (
              <>
                <Text size="sm" c="dimmed">
                  Unanswered, &ldquo;I don&apos;t know&rdquo;, or an answer in words not yet reviewed adequate: counted as not in place.
                </Text>
                <List spacing={6} size="sm" aria-label="Evidence gaps">
                  {threat.gaps.map((qid) => (
                    <List.Item key={qid}>
                      <QuestionLink questionId={qid} linker={linker} />{' '}
                      <Text span size="sm">
                        {questions.get(qid)?.text ?? ''}
                      </Text>
                    </List.Item>
                  ))}
                </List>
              </>
            )}
          </Stack>
        </Stack>
      ) : null}
    </Drawer>
  );
}
