// The charts' styles, after Mantine's own (main.tsx): only this page draws charts.
import '@mantine/charts/styles.css';
import { Anchor, Button, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { Dashboard, RiskMatrix } from '../../../../electron/contract/index.ts';
import { useCatalog, useLoadDemo } from '../../api/queries.ts';
import { RiskMatrixGrid } from '../../components/RiskMatrixGrid.tsx';
import { listHref } from '../../routing/list-href.ts';
import { hrefFor, navigate } from '../../routing/use-hash-route.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { formatDate } from '../../text/format.ts';
import { AboveBySystemChart, AboveByVendorChart } from './AppetiteCharts.tsx';
import { BandsChart, TrendChart } from './BandCharts.tsx';
import { DashboardPart } from './ChartFigure.tsx';
import { AcceptancesExpiring, MonitoringAttention, OverdueActions, Reassessments, VendorRequests } from './DashboardLists.tsx';
import { dashboardKey, useDashboard } from './dashboard-query.ts';
import { firstSteps, isFirstRun } from './first-run.ts';

/** The landing page: the portfolio at a glance, each figure a link to the rows behind it. */
export function DashboardPage() {
  const dashboard = useDashboard();
  const catalog = useCatalog();
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Portfolio dashboard</Title>
        <Text c="dimmed">
          The organisation&apos;s AI systems at a glance{dashboard.data ? `, as of ${formatDate(dashboard.data.asOf)}` : ''}. Every figure links to the list behind it.
        </Text>
      </div>
      {dashboard.isPending || catalog.isPending ? (
        <Loader aria-label="Loading the dashboard" />
      ) : dashboard.isError ? (
        <ErrorNotice error={dashboard.error} title="The dashboard could not be loaded" />
      ) : catalog.isError ? (
        <ErrorNotice error={catalog.error} title="The risk matrix could not be loaded" />
      ) : isFirstRun(dashboard.data) ? (
        <FirstRun />
      ) : (
        <Figures dashboard={dashboard.data} matrix={catalog.data.matrix} />
      )}
    </Stack>
  );
}

/** An empty database: what Vigil is for and what to do first, instead of empty charts (first-run.ts). */
function FirstRun() {
  const demo = useLoadDemo();
  const queryClient = useQueryClient();
  return (
    <Paper withBorder p="lg" maw={720} component="section" aria-labelledby="first-run-heading">
      <Stack gap="md" align="flex-start">
        <Title order={2} size="h3" id="first-run-heading">
          Welcome to Vigil
        </Title>
        <Text>
          Vigil helps a hospital assess the security and safety risks of the AI systems it buys and uses: it keeps the inventory, asks the right questions
          at each stage of a system&apos;s life, scores the threats, and keeps the risks in a register until they are treated or accepted. There are no AI
          systems in the inventory yet.
        </Text>
        <Stack gap="sm" component="ol" m={0} pl="lg" aria-label="First steps">
          {firstSteps.map((step, i) => (
            <li key={step.title}>
              <Text fw={700}>{step.title}</Text>
              <Text size="sm">{step.text}</Text>
              {i === 0 ? (
                <Button mt={6} size="sm" onClick={() => navigate(step.route)}>
                  {step.action}
                </Button>
              ) : (
                <Anchor href={hrefFor(step.route)} size="sm">
                  {step.action}
                </Anchor>
              )}
            </li>
          ))}
        </Stack>
        <Group>
          <Button variant="light" loading={demo.isPending} onClick={() => demo.mutate(undefined, { onSuccess: () => queryClient.invalidateQueries({ queryKey: dashboardKey }) })}>
            Load the demo portfolio
          </Button>
          <Anchor href={hrefFor({ page: 'glossary' })} size="sm">
            What the words mean: the glossary
          </Anchor>
        </Group>
        <Text size="sm" c="dimmed">
          The demo is a fictional hospital&apos;s portfolio to explore first; it loads only into an empty database.
        </Text>
        {demo.isError ? <ErrorNotice error={demo.error} title="The demo portfolio was not loaded" /> : null}
      </Stack>
    </Paper>
  );
}

function Stat({ label, value, href }: { label: string; value: number; href: string }) {
  return (
    <Paper withBorder p="md">
      <Anchor href={href} underline="hover" c="inherit">
        <Text size="xl" fw={700}>
          {value}
        </Text>
        <Text size="sm">{label}</Text>
      </Anchor>
    </Paper>
  );
}

function Figures({ dashboard, matrix }: { dashboard: Dashboard; matrix: RiskMatrix }) {
  const { totals } = dashboard;
  // counts[likelihood − 1][impact − 1], as the grid reads them.
  const counts = matrix.cells.map((row, l) => row.map((_band, i) => dashboard.heatMap.find((c) => c.likelihood === l + 1 && c.impact === i + 1)?.count ?? 0));
  const appetite = matrix.bands.find((b) => b.id === matrix.appetite)?.label ?? matrix.appetite;
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 2, md: 4 }} component="section" aria-label="Totals">
        <Stat label="AI systems" value={totals.systems} href={hrefFor({ page: 'systems' })} />
        <Stat label="open risks" value={totals.openRisks} href={listHref('risks', { openOnly: true })} />
        <Stat label={`above appetite (${appetite})`} value={totals.aboveAppetite} href={listHref('risks', { aboveAppetite: true, openOnly: true })} />
        <Stat label="overdue" value={totals.overdue} href={listHref('risks', { overdue: true })} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <BandsChart dashboard={dashboard} matrix={matrix} />
        <DashboardPart id="heat" title="Heat map of open risks" link={{ href: listHref('risks', { openOnly: true }), label: 'Open risks in the register' }}>
          <Text size="sm" c="dimmed">
            Open risks by likelihood and impact after safeguards. Each number opens the risks in its cell.
          </Text>
          <RiskMatrixGrid
            matrix={matrix}
            counts={counts}
            noun="open risks"
            caption="Open risks by residual likelihood and impact"
            cellHref={(likelihood, impact) => listHref('risks', { residualLikelihood: likelihood, residualImpact: impact, openOnly: true })}
          />
        </DashboardPart>
      </SimpleGrid>
      {totals.aboveAppetite > 0 ? (
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <AboveBySystemChart dashboard={dashboard} />
          <AboveByVendorChart dashboard={dashboard} />
        </SimpleGrid>
      ) : (
        <Text>No open risk is above the appetite ({appetite}).</Text>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <OverdueActions dashboard={dashboard} />
        <Reassessments dashboard={dashboard} />
        <AcceptancesExpiring dashboard={dashboard} matrix={matrix} />
        <VendorRequests dashboard={dashboard} />
        <MonitoringAttention dashboard={dashboard} />
      </SimpleGrid>
      <TrendChart dashboard={dashboard} matrix={matrix} />
    </Stack>
  );
}
