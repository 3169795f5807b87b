import { Anchor, Badge, Button, Divider, Drawer, Group, Loader, SimpleGrid, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import type { ActingAs, Catalog, Risk, RiskMatrix, Settings } from '../../../../electron/contract/index.ts';
import { useApi } from '../../api/api-context.tsx';
import { useCatalog, useGovernanceMutation, usePeople, useRisk, useSettings, useThreatDetail } from '../../api/queries.ts';
import { BandBadge } from '../../components/BandBadge.tsx';
import { LevelsCard, ThreatExplanation, type QuestionLinker } from '../../components/ThreatExplanation.tsx';
import { actsAs, useActingAs } from '../../acting/acting-as.ts';
import { eventLabel, formatDate, roleLabel, treatmentKindLabels } from '../../text/labels.ts';
import { hrefFor, navigate } from '../../routing/use-hash-route.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { formatDateTime } from '../assessments/assessment-model.ts';
import { AcceptancePanel } from './AcceptancePanel.tsx';
import { mayAccept, treatingRoles } from './risk-model.ts';
import { TreatmentForm } from './TreatmentForm.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';

/** An evidence gap or a safeguard's question opens in its assessment, focused. */
function questionLinker(assessmentId: string): QuestionLinker {
  const route = (question: string) => ({ page: 'assessment' as const, id: assessmentId, question });
  return { href: (question) => hrefFor(route(question)), go: (question) => navigate(route(question)) };
}

/** What the risk is for this system, why it scored so, its gaps and the safeguards that would lower it. */
function RiskExplanation({ risk, matrix, catalog }: { risk: Risk; matrix: RiskMatrix; catalog: Catalog }) {
  const detail = useThreatDetail(risk.assessmentId, risk.threatId, risk.updatedAt);
  if (detail.isPending) return <Loader size="sm" aria-label="Loading what this risk is and how to lower it" />;
  if (detail.isError) return <ErrorNotice error={detail.error} title="What this risk is and the safeguards that would lower it could not be loaded" />;
  return (
    <ThreatExplanation
      threat={detail.data.threat}
      detail={detail}
      matrix={matrix}
      catalog={catalog}
      gaps={detail.data.gaps}
      linker={questionLinker(risk.assessmentId)}
    />
  );
}

function TreatmentView({ treatment }: { treatment: NonNullable<Risk['treatment']> }) {
  return (
    <Stack gap="xs" component="section" aria-label="Treatment">
      <Title order={3} size="h4">
        Treatment: {treatmentKindLabels[treatment.kind] ?? treatment.kind}
      </Title>
      <Text size="sm">
        Owner: <strong>{treatment.owner}</strong>
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {treatment.plan}
      </Text>
      {treatment.actions.length > 0 ? (
        <Table withTableBorder aria-label="Treatment actions" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Action</Table.Th>
              <Table.Th>Owner</Table.Th>
              <Table.Th>Due</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {treatment.actions.map((a, i) => (
              <Table.Tr key={i}>
                <Table.Td>{a.text}</Table.Td>
                <Table.Td>{a.owner}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(a.due)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Stack>
  );
}

function AcceptanceView({ acceptance, status }: { acceptance: NonNullable<Risk['acceptance']>; status: string }) {
  return (
    <Stack gap={4} component="section" aria-label="Acceptance">
      <Title order={3} size="h4">
        Acceptance
      </Title>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {acceptance.rationale}
      </Text>
      <Text size="sm">
        Requested by {acceptance.requestedBy}; {status === 'accepted' ? 'valid until' : 'asked until'} {formatDate(acceptance.expiry)}.
      </Text>
      {acceptance.grantedBy ? (
        <Text size="sm">
          Accepted by <strong>{acceptance.grantedBy.name}</strong> ({roleLabel(acceptance.grantedBy.role)}) on {formatDateTime(acceptance.grantedBy.at)}.
        </Text>
      ) : status === 'rejected' ? (
        <Text size="sm">The acceptance was refused.</Text>
      ) : null}
    </Stack>
  );
}

/** risk.start, risk.verify, risk.close and risk.rejectAcceptance through workflow.send. */
function StepButtons({ risk, by }: { risk: Risk; by: ActingAs }) {
  const api = useApi();
  const send = useGovernanceMutation((event: 'risk.start' | 'risk.verify' | 'risk.close') => api.call('workflow.send', { entityId: risk.id, event, by, expectedRevision: risk.revision }));
  const steps = (['risk.start', 'risk.verify', 'risk.close'] as const).filter((e) => risk.allowedEvents.includes(e));
  if (steps.length === 0 || !actsAs(by, ...treatingRoles)) return null;
  return (
    <Stack gap="xs">
      <Group>
        {steps.map((e) => (
          <Button key={e} variant="light" loading={send.isPending && send.variables === e} onClick={() => send.mutate(e)}>
            {eventLabel(e)}
          </Button>
        ))}
      </Group>
      {send.isError ? <ErrorNotice error={send.error} title="The risk did not move on" /> : null}
    </Stack>
  );
}

/** Treat or accept: tabs when both are open, else whichever is. */
function HandlingChoice({ treat, accept, acceptLabel }: { treat: ReactNode; accept: ReactNode; acceptLabel: string }) {
  if (!treat || !accept) return <>{treat ?? accept}</>;
  return (
    <Tabs defaultValue="treat" keepMounted={false}>
      <Tabs.List>
        <Tabs.Tab value="treat">Plan a treatment</Tabs.Tab>
        <Tabs.Tab value="accept">{acceptLabel}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="treat" pt="md">
        {treat}
      </Tabs.Panel>
      <Tabs.Panel value="accept" pt="md">
        {accept}
      </Tabs.Panel>
    </Tabs>
  );
}

function RiskDetail({ risk, catalog, settings }: { risk: Risk; catalog: Catalog; settings: Settings | undefined }) {
  const matrix = catalog.matrix;
  const { by } = useActingAs();
  const people = usePeople();
  const names = (people.data ?? []).filter((p) => p.active).map((p) => p.name);
  const [replanning, setReplanning] = useState(false);
  const canTreat = actsAs(by, ...treatingRoles);
  const planAllowed = risk.allowedEvents.includes('risk.plan');
  const acceptanceOpen = risk.allowedEvents.includes('risk.requestAcceptance') || risk.allowedEvents.includes('risk.accept');

  return (
    <Stack gap="md">
      <Group gap="xs">
        <BandBadge matrix={matrix} band={risk.band} />
        {risk.aboveAppetite ? (
          <Badge color="red" variant="light" tt="none">
            Above appetite
          </Badge>
        ) : (
          <Badge color="gray" variant="light" tt="none">
            Within appetite
          </Badge>
        )}
        <StatusBadge kind="risk" status={risk.status} size="lg" />
        {risk.overdue ? (
          <Badge color="red.9" variant="filled" tt="none">
            Overdue
          </Badge>
        ) : null}
      </Group>
      <Text size="sm">
        <Anchor href={hrefFor({ page: 'system', id: risk.systemId })}>{risk.systemName}</Anchor> ·{' '}
        <Anchor href={hrefFor({ page: 'assessment', id: risk.assessmentId })}>assessment {risk.assessmentId}</Anchor> ·{' '}
        <Text span ff="monospace" size="sm" c="dimmed">
          {risk.id} · {risk.threatId}
        </Text>
      </Text>
      <SimpleGrid cols={2}>
        <LevelsCard title="Inherent (before controls)" levels={risk.inherent} matrix={matrix} />
        <LevelsCard title="Residual (after controls)" levels={risk.residual} matrix={matrix} />
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        Owner: {risk.owner || 'none yet'} · Opened {formatDateTime(risk.openedAt)} · Last change {formatDateTime(risk.updatedAt)}
        {risk.dueDate ? ` · Next due ${formatDate(risk.dueDate)}` : ''}
      </Text>
      {risk.treatment ? <TreatmentView treatment={risk.treatment} /> : null}
      {risk.acceptance ? <AcceptanceView acceptance={risk.acceptance} status={risk.status} /> : null}
      <Text size="sm">
        {risk.allowedEvents.length > 0 ? (
          <>
            <strong>What can be done next:</strong> {risk.allowedEvents.map(eventLabel).join(' · ')}
          </>
        ) : (
          'Nothing more can be done: this risk is settled.'
        )}
      </Text>
      <Divider />
      <Title order={3} size="h4">
        What this risk is and how to lower it
      </Title>
      <RiskExplanation risk={risk} matrix={matrix} catalog={catalog} />
      <Divider />
      {!by ? (
        <Text size="sm" c="dimmed">
          Choose who you are under &ldquo;Acting as&rdquo; at the top to treat or decide on this risk.
        </Text>
      ) : (
        <Stack gap="lg">
          <StepButtons risk={risk} by={by} />
          <HandlingChoice
            treat={
              planAllowed && canTreat ? (
                risk.treatment && !replanning ? (
                  <Group>
                    <Button variant="default" onClick={() => setReplanning(true)}>
                      Change the treatment plan
                    </Button>
                  </Group>
                ) : (
                  <TreatmentForm key={risk.id} risk={risk} by={by} ownerSuggestions={names} onSaved={() => setReplanning(false)} />
                )
              ) : planAllowed ? (
                <Text size="sm" c="dimmed">
                  Treatment plans are made by a risk owner or the committee chair; you are acting as {roleLabel(by.role)}.
                </Text>
              ) : null
            }
            accept={acceptanceOpen ? <AcceptancePanel risk={risk} by={by} settings={settings} matrix={matrix} /> : null}
            acceptLabel={risk.status === 'acceptanceRequested' ? 'Decide on acceptance' : mayAccept(settings, risk, by) ? 'Accept the risk' : 'Request acceptance'}
          />
          {!canTreat && ['risk.start', 'risk.verify', 'risk.close'].some((e) => risk.allowedEvents.includes(e)) ? (
            <Text size="sm" c="dimmed">
              Carrying out the treatment is for a risk owner or the committee chair; you are acting as {roleLabel(by.role)}.
            </Text>
          ) : null}
        </Stack>
      )}
    </Stack>
  );
}

export function RiskDrawer({ riskId, onClose }: { riskId: string | null; onClose: () => void }) {
  const risk = useRisk(riskId);
  const catalog = useCatalog();
  const settings = useSettings();
  return (
    <Drawer
      opened={riskId !== null}
      onClose={onClose}
      position="right"
      size={720}
      title={risk.data ? `Risk: ${risk.data.threatName}` : 'Risk'}
      styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {risk.isPending || catalog.isPending ? (
        <Loader aria-label="Loading risk" />
      ) : risk.isError ? (
        <ErrorNotice error={risk.error} title="This risk could not be loaded" />
      ) : catalog.isError ? (
        <ErrorNotice error={catalog.error} title="The risk matrix could not be loaded" />
      ) : (
        <RiskDetail risk={risk.data} catalog={catalog.data} settings={settings.data} />
      )}
    </Drawer>
  );
}
