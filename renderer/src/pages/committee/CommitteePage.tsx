import { Anchor, Badge, Button, Group, List, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { CommitteeSummary, RiskMatrix, SystemDecision } from '../../../../electron/contract/index.ts';
import { useCatalog, useRegisterSummary } from '../../api/queries.ts';
import { BandBadge } from '../../components/BandBadge.tsx';
import { hrefFor } from '../../routing/use-hash-route.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { formatDate } from '../../text/labels.ts';
import { formatDateTime } from '../assessments/assessment-model.ts';
import { stageLabels } from '../assessments/assessment-model.ts';
import {
  assessmentStatusLabel,
  bandLabel,
  decisionSentence,
  groupDecisions,
  lifecycleLabel,
  overallText,
  recommendationColors,
  recommendationLabel,
  refLinkText,
  riskStatusText,
  routeForRef,
} from './committee-model.ts';
import './committee-print.css';
import { StatusBadge } from '../../components/StatusBadge.tsx';

function Band({ matrix, band }: { matrix: RiskMatrix | undefined; band: string | null }) {
  if (band === null || !matrix) return <Text span size="sm">{bandLabel(matrix, band)}</Text>;
  return <BandBadge matrix={matrix} band={band} />;
}

function Overall({ matrix, overall }: { matrix: RiskMatrix | undefined; overall: SystemDecision['overall'] }) {
  if (overall.inherent === null && overall.residual === null) return <Text size="sm">Not scored</Text>;
  // The arrow is drawn; the words are for a screen reader and a black-and-white print.
  return (
    <Group gap={6} wrap="nowrap" aria-label={`Overall risk ${overallText(matrix, overall)}`}>
      <Band matrix={matrix} band={overall.inherent} />
      <Text span aria-hidden>
        →
      </Text>
      <Band matrix={matrix} band={overall.residual} />
    </Group>
  );
}

function RecommendationBadge({ system }: { system: SystemDecision }) {
  return (
    <Badge color={recommendationColors[system.recommendation]} variant="light" tt="none" size="lg">
      {recommendationLabel(system.recommendation)}
    </Badge>
  );
}

function SystemsInScope({ summary, matrix }: { summary: CommitteeSummary; matrix: RiskMatrix | undefined }) {
  return (
    <Stack gap="xs" component="section" aria-labelledby="committee-scope-title">
      <Title order={2} size="h3" id="committee-scope-title">
        Systems in scope ({summary.systems.length})
      </Title>
      {summary.systems.length === 0 ? (
        <Text size="sm">No system is in the inventory. Register one, or load the demo portfolio from the inventory.</Text>
      ) : (
        <Table withTableBorder aria-label="Systems in scope" verticalSpacing={6} className="committee-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>System</Table.Th>
              <Table.Th>Vendor</Table.Th>
              <Table.Th>Stage</Table.Th>
              <Table.Th>Overall risk (inherent → residual)</Table.Th>
              <Table.Th>Recommendation</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {summary.systems.map((s) => (
              <Table.Tr key={s.systemId}>
                <Table.Td>
                  <Anchor underline="always" href={hrefFor({ page: 'system', id: s.systemId })} size="sm">
                    {s.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{s.vendor}</Table.Td>
                <Table.Td>
                  <StatusBadge kind="lifecycle" status={s.lifecycleStage} />
                </Table.Td>
                <Table.Td>
                  <Overall matrix={matrix} overall={s.overall} />
                </Table.Td>
                <Table.Td>
                  <RecommendationBadge system={s} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function Decisions({ summary }: { summary: CommitteeSummary }) {
  const groups = groupDecisions(summary.decisions);
  const names = new Map(summary.systems.map((s) => [s.systemId, s.name]));
  return (
    <Stack gap="sm" component="section" aria-labelledby="committee-decisions-title">
      <Title order={2} size="h3" id="committee-decisions-title">
        Decisions asked of the committee ({summary.decisions.length})
      </Title>
      {groups.length === 0 ? <Text size="sm">Nothing awaits a decision of the committee.</Text> : null}
      {groups.map((g) => (
        <Stack key={g.kind} gap={4} component="section" aria-labelledby={`committee-kind-${g.kind}`} className="committee-keep">
          <Title order={3} size="h4" id={`committee-kind-${g.kind}`}>
            {g.label} ({g.items.length})
          </Title>
          <List spacing={4} size="sm" aria-label={g.label}>
            {g.items.map((d, i) => (
              <List.Item key={`${d.ref}-${i}`}>
                {decisionSentence(d.text, d.due, formatDate)}{' '}
                <Anchor underline="always" href={hrefFor(routeForRef(d.ref, d.systemId))} size="sm" aria-label={`${refLinkText(d.ref)} (${names.get(d.systemId) ?? d.systemId})`}>
                  Open
                </Anchor>
              </List.Item>
            ))}
          </List>
        </Stack>
      ))}
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap={6} align="baseline" wrap="nowrap">
      <Text size="sm" c="dimmed" miw={150} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Group>
  );
}

function SystemPage({ system, matrix }: { system: SystemDecision; matrix: RiskMatrix | undefined }) {
  const titleId = `committee-system-title-${system.systemId}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId} id={`committee-${system.systemId}`} className="committee-system">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={0}>
            <Title order={2} size="h3" id={titleId}>
              {system.name}
            </Title>
            <Text size="sm" c="dimmed">
              {system.vendor} · {lifecycleLabel(system.lifecycleStage)} ·{' '}
              <Anchor underline="always" href={hrefFor({ page: 'system', id: system.systemId })} size="sm">
                open the system
              </Anchor>
            </Text>
          </Stack>
          <RecommendationBadge system={system} />
        </Group>

        <Stack gap={4}>
          <Fact label="Intended use">{system.intendedUse || 'Not recorded'}</Fact>
          <Fact label="Patient population">{system.patientPopulation || 'Not recorded'}</Fact>
          <Fact label="What the output drives">{system.outputDrives}</Fact>
          <Fact label="Model version">{system.modelVersion || 'Not recorded'}</Fact>
          <Fact label="Overall risk">
            <Overall matrix={matrix} overall={system.overall} />
          </Fact>
          <Fact label="Assessments counted">
            {system.currentAssessments.length === 0 ? (
              'None yet'
            ) : (
              <Stack gap={0}>
                {system.currentAssessments.map((a) => (
                  <span key={a.assessmentId}>
                    {stageLabels[a.stage]}: <Anchor underline="always" href={hrefFor({ page: 'assessment', id: a.assessmentId })} size="sm">{a.title}</Anchor> (
                    {assessmentStatusLabel(a.status)}
                    {a.decidedAt ? `, decided ${formatDate(a.decidedAt)}` : ''})
                  </span>
                ))}
              </Stack>
            )}
          </Fact>
        </Stack>

        <Stack gap={4} component="section" aria-label={`Recommendation for ${system.name}`}>
          <Title order={3} size="h4">
            Recommendation: {recommendationLabel(system.recommendation)}
          </Title>
          {system.reasons.length > 0 ? (
            <List size="sm" spacing={2} aria-label="Reasons">
              {system.reasons.map((r, i) => (
                <List.Item key={i}>{r}</List.Item>
              ))}
            </List>
          ) : null}
        </Stack>

        <Paper
          p="sm"
          withBorder
          className="committee-keep"
          style={{ borderLeft: `4px solid var(--mantine-color-${system.acceptability.acceptable ? 'teal' : 'red'}-6)` }}
          aria-label={`Residual risk acceptability of ${system.name}`}
          component="section"
        >
          <Text size="sm" fw={700}>
            {system.acceptability.acceptable ? 'Residual risk acceptable' : 'Residual risk not acceptable'}
          </Text>
          <Text size="sm">{system.acceptability.statement}</Text>
        </Paper>

        <Stack gap={4} component="section" aria-label={`Top risks of ${system.name}`}>
          <Title order={3} size="h4">
            Top risks
          </Title>
          {system.topRisks.length === 0 ? (
            <Text size="sm">No risk is open for this system.</Text>
          ) : (
            <Table withTableBorder verticalSpacing={4} aria-label={`Top risks of ${system.name}`} className="committee-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Risk</Table.Th>
                  <Table.Th>Residual</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Owner</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {system.topRisks.map((r) => (
                  <Table.Tr key={r.riskId}>
                    <Table.Td>
                      <Anchor underline="always" href={hrefFor({ page: 'risks', id: r.riskId })} size="sm">
                        {r.threatName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        {matrix ? <BandBadge matrix={matrix} band={r.residual.band} /> : null}
                        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                          {r.residual.likelihood} × {r.residual.impact}
                        </Text>
                        {r.aboveAppetite ? (
                          <Badge color="red" variant="outline" tt="none" size="sm">
                            Above appetite
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>{riskStatusText(r.status)}</Table.Td>
                    <Table.Td>{r.owner || 'No owner yet'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>

        <Stack gap={4} component="section" aria-label={`Conditions of ${system.name}`}>
          <Title order={3} size="h4">
            Conditions
          </Title>
          {system.conditions.length === 0 ? (
            <Text size="sm">No approval condition is open.</Text>
          ) : (
            <Table withTableBorder verticalSpacing={4} aria-label={`Conditions of ${system.name}`} className="committee-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Condition</Table.Th>
                  <Table.Th>Owner</Table.Th>
                  <Table.Th>Due</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {system.conditions.map((c, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{c.text}</Table.Td>
                    <Table.Td>{c.owner}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatDate(c.due)}
                      {c.overdue ? (
                        <Badge color="red" variant="outline" tt="none" size="sm" ml={6}>
                          Overdue
                        </Badge>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>

        <Stack gap={4} component="section" aria-label={`Changes to ${system.name}`}>
          <Title order={3} size="h4">
            Changes since {system.changesSince.sinceWhat}
            {system.changesSince.since ? ` (${formatDate(system.changesSince.since)})` : ''}
          </Title>
          {system.changesSince.changes.length === 0 ? (
            <Text size="sm">No change recorded.</Text>
          ) : (
            <List size="sm" spacing={2} aria-label="Changes">
              {system.changesSince.changes.map((c, i) => (
                <List.Item key={i}>
                  {formatDateTime(c.at)}: {c.what} ({c.by})
                </List.Item>
              ))}
            </List>
          )}
        </Stack>

        <Text size="sm">
          <strong>Next re-assessment:</strong>{' '}
          {system.reassessment.due ? `due ${formatDate(system.reassessment.due)}` : 'none scheduled'}
          {system.reassessment.why ? ` — ${system.reassessment.why}` : ''}
        </Text>
      </Stack>
    </Paper>
  );
}

/**
 * The committee-meeting view: the register's decision summary on screen (`register.summary`),
 * printable (committee-print.css drops the navigation and buttons, keeps the colours and starts
 * each system on a new page).
 */
export function CommitteePage() {
  const summary = useRegisterSummary();
  const catalog = useCatalog();
  const matrix = catalog.data?.matrix;
  return (
    <Stack gap="lg" className="committee-view" maw={1100}>
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1}>Committee meeting</Title>
          {summary.data ? (
            <Text c="dimmed">
              {summary.data.organisation} · decision summary of {formatDateTime(summary.data.generatedAt)} · appetite: {summary.data.appetite.label} (risks
              above it need a treatment or an accepted decision)
            </Text>
          ) : null}
        </Stack>
        <Button onClick={() => window.print()} disabled={!summary.data} className="committee-no-print">
          Print
        </Button>
      </Group>
      {summary.isPending ? (
        <Loader aria-label="Loading the decision summary" />
      ) : summary.isError ? (
        <ErrorNotice error={summary.error} title="The decision summary could not be loaded" />
      ) : (
        <>
          <SystemsInScope summary={summary.data} matrix={matrix} />
          <Decisions summary={summary.data} />
          {summary.data.systems.map((s) => (
            <SystemPage key={s.systemId} system={s} matrix={matrix} />
          ))}
        </>
      )}
    </Stack>
  );
}
