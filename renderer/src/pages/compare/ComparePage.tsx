import { Anchor, Checkbox, Group, List, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import type { Comparison } from '../../../../electron/contract/index.ts';
import { useActingAs } from '../../acting/acting-as.ts';
import { useApi } from '../../api/api-context.tsx';
import { hrefFor } from '../../routing/use-hash-route.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { saveBytes } from '../../shell/save-download.ts';
import { base64ToBytes, stageLabels, statusLabels } from '../assessments/assessment-model.ts';
import { ExportControls } from '../reports/ExportControls.tsx';
import { candidateLabel, findingsText, selectionProblem, threatRows, type CompareThreatView } from './compare-model.ts';

/*
 * Candidates side by side (assessments.compare): the summary first, then the threats (the
 * lowest residual marked in words and bold, a differing row marked ≠, so nothing depends on
 * colour), the answers that differ, each candidate's gaps and contradictions, and where the
 * pinned templates differ; "Export to Word" writes the same as a document.
 */

/** A part of the page with its heading, named by it for assistive technology. */
function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section" aria-labelledby={id}>
      <Title order={2} id={id} size="h3">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function Summary({ c }: { c: Comparison }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="compare-summary">
      <Title order={2} id="compare-summary" size="h3">
        Summary
      </Title>
      <Text fw={700} mt="xs">
        {c.summary.statement}
      </Text>
      <List mt="xs" spacing={4} size="sm">
        {c.summary.reasons.map((r) => (
          <List.Item key={r}>{r}</List.Item>
        ))}
      </List>
    </Paper>
  );
}

function Candidates({ c }: { c: Comparison }) {
  return (
    <Table withTableBorder aria-label="Candidates">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Candidate</Table.Th>
          <Table.Th>Assessment</Table.Th>
          <Table.Th>Questionnaires</Table.Th>
          <Table.Th>Answered</Table.Th>
          <Table.Th>Highest residual</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {c.candidates.map((k) => (
          <Table.Tr key={k.assessmentId}>
            <Table.Td>
              <Anchor href={hrefFor({ page: 'system', id: k.systemId })}>{k.label}</Anchor>
            </Table.Td>
            <Table.Td>
              <Anchor href={hrefFor({ page: 'assessment', id: k.assessmentId })}>{k.title}</Anchor>
              <Text size="xs" c="dimmed">
                {k.assessmentId} · {stageLabels[k.stage]} · {statusLabels[k.status]}
              </Text>
            </Table.Td>
            <Table.Td>{k.questionnaires.map((q) => `${q.id} ${q.version}`).join(', ')}</Table.Td>
            <Table.Td>
              {k.answered} of {k.visible}
            </Table.Td>
            <Table.Td>
              {k.overall.highestResidual} ({c.bands.find((b) => b.id === k.overall.band)?.label ?? k.overall.band})
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** A table with a column per candidate (the threats, the answers), scrolling sideways on a narrow window. */
function SideBySide({ c, label, first, last, children }: { c: Comparison; label: string; first: string; last?: string; children: ReactNode }) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table withTableBorder withColumnBorders aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{first}</Table.Th>
            {c.candidates.map((k) => (
              <Table.Th key={k.assessmentId}>{k.label}</Table.Th>
            ))}
            {last ? <Table.Th>{last}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ThreatRow({ t }: { t: CompareThreatView }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={t.differs ? 700 : 400}>
        {t.differs ? <span aria-label="Differs">≠ </span> : null}
        {t.name}
        <Text size="xs" c="dimmed" ff="monospace">
          {t.threatId}
        </Text>
      </Table.Th>
      {t.cells.map((x) => (
        <Table.Td key={x.assessmentId}>
          <Text size="sm" fw={x.lowest ? 700 : 400}>
            Residual {x.residual}
            {x.lowest ? ' ▼ lowest' : ''}
          </Text>
          <Text size="xs" c="dimmed">
            Inherent {x.inherent}
          </Text>
          {x.aboveAppetite ? (
            <Text size="xs" fw={600}>
              Above appetite
            </Text>
          ) : null}
        </Table.Td>
      ))}
      <Table.Td>
        <Text size="sm">{t.note}</Text>
      </Table.Td>
    </Table.Tr>
  );
}

function Threats({ c }: { c: Comparison }) {
  const [onlyDiffering, setOnlyDiffering] = useState(false);
  const rows = threatRows(c, onlyDiffering);
  const differing = c.threats.filter((t) => t.differs).length;
  return (
    <Section id="compare-threats" title="Threats side by side">
      <Text size="sm" c="dimmed">
        {differing} of {c.threats.length} threats differ (marked ≠). Likelihood × impact = score and band; the lowest residual is marked ▼ lowest.
      </Text>
      <Checkbox label="Only threats that differ" checked={onlyDiffering} onChange={(e) => setOnlyDiffering(e.currentTarget.checked)} />
      <SideBySide c={c} label="Threats side by side" first="Threat" last="Difference">
        {rows.map((t) => (
          <ThreatRow key={t.threatId} t={t} />
        ))}
      </SideBySide>
    </Section>
  );
}

function Answers({ c }: { c: Comparison }) {
  return (
    <Section id="compare-answers" title="Answers that differ">
      <Text size="sm" c="dimmed">
        {c.answers.length} of {c.questionsCompared} questions are answered differently (matched by question id).
      </Text>
      {c.answers.length > 0 ? (
        <SideBySide c={c} label="Answers that differ" first="Question">
          {c.answers.map((a) => (
                <Table.Tr key={a.questionId}>
                  <Table.Th scope="row" fw={400}>
                    <Text size="xs" ff="monospace">
                      {a.questionId}
                    </Text>
                    <Text size="sm">{a.text}</Text>
                  </Table.Th>
                  {a.answers.map((x) => (
                    <Table.Td key={x.assessmentId}>
                      <Text size="sm">{x.answer}</Text>
                      {x.source ? (
                        <Text size="xs" c="dimmed">
                          {x.source}
                        </Text>
                      ) : null}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
        </SideBySide>
      ) : null}
    </Section>
  );
}

function Findings({ c }: { c: Comparison }) {
  return (
    <Section id="compare-findings" title="Evidence gaps and contradictions">
      <SimpleGrid cols={{ base: 1, md: c.candidates.length }}>
        {c.findings.map((f) => (
          <Paper key={f.assessmentId} withBorder p="sm">
            <Title order={3} size="h5">
              {candidateLabel(c, f.assessmentId)}
            </Title>
            <Text size="sm" c="dimmed">
              {findingsText(f)}
            </Text>
            <List size="sm" spacing={2} mt="xs" aria-label={`Evidence gaps of ${candidateLabel(c, f.assessmentId)}`}>
              {f.gaps.map((g) => (
                <List.Item key={g.questionId}>
                  <Anchor href={hrefFor({ page: 'assessment', id: f.assessmentId, question: g.questionId })}>{g.questionId}</Anchor> {g.text}
                </List.Item>
              ))}
            </List>
            {f.contradictions.length > 0 ? (
              <List size="sm" spacing={2} mt="xs" aria-label={`Contradictions of ${candidateLabel(c, f.assessmentId)}`}>
                {f.contradictions.map((x) => (
                  <List.Item key={x.controlId}>
                    <strong>{x.controlName}</strong>: {x.statement}
                  </List.Item>
                ))}
              </List>
            ) : null}
          </Paper>
        ))}
      </SimpleGrid>
    </Section>
  );
}

function TemplateDifferences({ c }: { c: Comparison }) {
  return (
    <Section id="compare-templates" title="Where the pinned templates differ">
      {c.templateDifferences.length === 0 ? (
        <Text size="sm">Nowhere: every candidate pinned the same questionnaires, threats, scoring model and risk matrix.</Text>
      ) : (
        <List size="sm" spacing={4}>
          {c.templateDifferences.map((d) => (
            <List.Item key={`${d.kind}:${d.statement}`}>{d.statement}</List.Item>
          ))}
        </List>
      )}
    </Section>
  );
}

function ExportComparison({ ids }: { ids: string[] }) {
  const api = useApi();
  const { by } = useActingAs();
  const mutation = useMutation({
    mutationFn: async () => {
      const result = await api.call('export.comparison', { assessmentIds: ids, ...(by ? { by } : {}) });
      if (result.dataBase64 !== null) saveBytes(base64ToBytes(result.dataBase64), result.fileName, result.mediaType);
      return result;
    },
  });
  return <ExportControls label="Export to Word" progressLabel="Export progress" state={mutation} progressKey={null} disabled={false} onExport={() => mutation.mutate()} />;
}

/** Two to four assessments side by side, from the ids in the address. */
export function ComparePage({ ids }: { ids: string[] }) {
  const api = useApi();
  const problem = selectionProblem(ids.length);
  const comparison = useQuery({
    queryKey: ['assessments', 'compare', ids],
    queryFn: () => api.call('assessments.compare', { assessmentIds: ids }),
    enabled: problem === null,
  });
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Compare candidates</Title>
        <Text c="dimmed">Assessments side by side, matched by threat and question: which leaves less residual risk, and why.</Text>
      </div>
      {problem !== null ? (
        <Text>
          {problem} <Anchor href={hrefFor({ page: 'assessments' })}>Choose them in the assessments list</Anchor>.
        </Text>
      ) : comparison.isPending ? (
        <Loader aria-label="Comparing the assessments" />
      ) : comparison.isError ? (
        <ErrorNotice error={comparison.error} title="The assessments could not be compared" />
      ) : (
        <>
          <Summary c={comparison.data} />
          <Group>
            <ExportComparison ids={ids} />
          </Group>
          <Candidates c={comparison.data} />
          <TemplateDifferences c={comparison.data} />
          <Threats c={comparison.data} />
          <Answers c={comparison.data} />
          <Findings c={comparison.data} />
        </>
      )}
    </Stack>
  );
}
