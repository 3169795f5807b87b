import { Anchor, Badge, Group, List, Loader, Stack, Table, Text, Title } from '@mantine/core';
import type { MouseEvent, ReactNode } from 'react';
import type { Catalog, RiskMatrix, ThreatDetail, ThreatScore, TraceEntry } from '../../../electron/contract/index.ts';
import { bandOf, exposureText, formatEffect, stepLabels } from '../pages/assessments/assessment-model.ts';
import { levelsText } from '../pages/assessments/ThreatProfileView.tsx';
import { ErrorNotice } from '../shell/ErrorNotice.tsx';
import { BandBadge } from './BandBadge.tsx';
import { frameworkName, suggestionText } from './threat-explanation-model.ts';

/** Where a question lives and how to go there (the assessment's page, or from a risk to its assessment). */
export interface QuestionLinker {
  href: (questionId: string) => string;
  go: (questionId: string) => void;
}

export function QuestionLink({ questionId, linker, children }: { questionId: string; linker: QuestionLinker; children?: string }) {
  return (
    <Anchor
      underline="always"
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

/** Likelihood × impact with the band, before or after controls. */
export function LevelsCard({ title, levels, matrix }: { title: string; levels: ThreatScore['inherent']; matrix: RiskMatrix }) {
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
      <Table.Td>
        {entry.questionId ? (
          <QuestionLink questionId={entry.questionId} linker={linker} />
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
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

function Section({ title, label, children }: { title: string; label?: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section" aria-label={label ?? title}>
      <Title order={3} size="h4">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function Trace({ threat, linker }: { threat: ThreatScore; linker: QuestionLinker }) {
  const inherentTrace = threat.trace.filter((t) => t.phase === 'inherent');
  const residualTrace = threat.trace.filter((t) => t.phase === 'residual');
  return (
    <>
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
    </>
  );
}

function ControlsCredited({ threat, catalog }: { threat: ThreatScore; catalog: Catalog | undefined }) {
  const controls = [...new Map(threat.controls.map((c) => [c.id, c])).values()];
  if (controls.length === 0) return <Text size="sm">No control reduces this threat yet.</Text>;
  return (
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
  );
}

function Gaps({ gaps, linker }: { gaps: readonly { questionId: string; text: string }[]; linker: QuestionLinker }) {
  if (gaps.length === 0) return <Text size="sm">Every question that bears on this threat has been answered.</Text>;
  return (
    <>
      <Text size="sm" c="dimmed">
        Unanswered, &ldquo;I don&apos;t know&rdquo;, or an answer in words not yet reviewed adequate: counted as not in place.
      </Text>
      <List spacing={6} size="sm" aria-label="Evidence gaps">
        {gaps.map((g) => (
          <List.Item key={g.questionId}>
            <QuestionLink questionId={g.questionId} linker={linker} />{' '}
            <Text span size="sm">
              {g.text}
            </Text>
          </List.Item>
        ))}
      </List>
    </>
  );
}

function Suggestions({ detail, matrix, linker }: { detail: ThreatDetail; matrix: RiskMatrix; linker: QuestionLinker }) {
  if (detail.suggestions.length === 0) {
    return <Text size="sm">No safeguard that is not already credited in full would lower this risk.</Text>;
  }
  return (
    <Table withTableBorder aria-label="Suggested safeguards" verticalSpacing={6} layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Safeguard</Table.Th>
          <Table.Th w={210}>Residual risk with it in place</Table.Th>
          <Table.Th>Answer that would credit it</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {detail.suggestions.map((s) => (
          <Table.Tr key={s.controlId}>
            <Table.Td>
              <Text size="sm" fw={600}>
                {s.name}
              </Text>
              <Text size="xs" c="dimmed" ff="monospace">
                {s.controlId}
              </Text>
            </Table.Td>
            <Table.Td>
              <Group gap={6} wrap="nowrap">
                <BandBadge matrix={matrix} band={s.residualAfter.band} />
                <Text size="sm">{suggestionText(s)}</Text>
              </Group>
            </Table.Td>
            <Table.Td>
              {s.creditedBy.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No question of this assessment credits it.
                </Text>
              ) : (
                <Stack gap={2}>
                  {s.creditedBy.map((q) => (
                    <Text key={q.questionId} size="sm">
                      <QuestionLink questionId={q.questionId} linker={linker} /> {q.text}
                    </Text>
                  ))}
                </Stack>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The detail the core adds to a score (`assessments.threatDetail`), as a query state. */
export interface DetailState {
  data: ThreatDetail | undefined;
  isPending: boolean;
  error: unknown;
}

/**
 * One threat explained for the system at hand, shared by the assessment's threat drawer and the
 * risk drawer: what it is and what it could do here, why it scored so (in words and step by
 * step), the controls credited, the evidence gaps, the references, and the safeguards that would
 * lower it. The score comes from the caller (live in the assessment); the words from the core.
 */
export function ThreatExplanation({
  threat,
  detail,
  matrix,
  catalog,
  gaps,
  linker,
  scores,
}: {
  threat: ThreatScore;
  detail: DetailState;
  matrix: RiskMatrix;
  catalog: Catalog | undefined;
  /** The evidence gaps with the question text. */
  gaps: readonly { questionId: string; text: string }[];
  linker: QuestionLinker;
  /** Shown after what the threat is and before why it scored so (the levels, where it starts from). */
  scores?: ReactNode;
}) {
  const info = catalog?.threats.threats.find((t) => t.id === threat.id);
  const d = detail.data;
  const description = d?.description ?? info?.description;
  const pendingOrFailed = detail.isPending ? (
    <Loader size="sm" aria-label="Loading the threat's detail" />
  ) : detail.error ? (
    <ErrorNotice error={detail.error} title="The description for this system and the suggested safeguards could not be loaded" />
  ) : null;
  return (
    <Stack gap="lg">
      <Stack gap="xs" component="section" aria-label="About this threat">
        {description ? (
          <Text size="sm">
            <Text span ff="monospace" c="dimmed" size="sm">
              {threat.id}
            </Text>{' '}
            {description}
          </Text>
        ) : null}
        {d ? (
          <Text size="sm">
            <strong>What it could do here:</strong> {d.clinicalConsequence}
          </Text>
        ) : null}
        {threat.harm ? (
          <Text size="sm" c="dimmed">
            This threat is a {harmWords[threat.harm]}.
          </Text>
        ) : null}
      </Stack>

      {scores}

      <Section title="Why it scored so" label="Why it scored so">
        {d && d.why.length > 0 ? (
          <List size="sm" spacing={4} aria-label="Why, in words">
            {d.why.map((line, i) => (
              <List.Item key={i}>{line}</List.Item>
            ))}
          </List>
        ) : null}
        <Trace threat={threat} linker={linker} />
      </Section>

      <Section title="Controls credited">
        <ControlsCredited threat={threat} catalog={catalog} />
      </Section>

      <Section title={`Evidence gaps (${gaps.length})`} label="Evidence gaps">
        <Gaps gaps={gaps} linker={linker} />
      </Section>

      {d ? (
        <Section title="References">
          {d.references.length === 0 ? (
            <Text size="sm">No framework reference is recorded for this threat.</Text>
          ) : (
            <List size="sm" spacing={2} aria-label="Framework references">
              {d.references.map((r) => (
                <List.Item key={r.framework}>
                  {frameworkName(r.framework)}: {r.ids.join(', ')}
                </List.Item>
              ))}
            </List>
          )}
        </Section>
      ) : null}

      <Section title="Safeguards that would lower it" label="Suggested safeguards">
        {d ? <Suggestions detail={d} matrix={matrix} linker={linker} /> : (pendingOrFailed ?? null)}
      </Section>
    </Stack>
  );
}
