import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { RiskPageInput, type AiSystem, type Risk } from '../../../../electron/contract/index.ts';
import { useCatalog } from '../../api/queries.ts';
import { ListTable } from '../../components/list/ListTable.tsx';
import { formatCount } from '../../components/list/list-text.ts';
import { useLocalListState } from '../../components/list/use-list-state.ts';
import { usePageQuery } from '../../components/list/use-page-query.ts';
import { listHref } from '../../routing/list-href.ts';
import { hrefFor, navigate } from '../../routing/use-hash-route.ts';
import { riskColumns } from './risk-columns.tsx';

const columnKeys = ['threat', 'residual', 'appetite', 'status', 'owner', 'due'] as const;

/**
 * The "Risks" section of a system's page: its own risks through risks.page (sorted and paged in
 * the core like the register), each opening in the register filtered to this system.
 */
export function SystemRisks({ system }: { system: AiSystem }) {
  const state = useLocalListState(RiskPageInput, { systemId: system.id });
  const risks = usePageQuery('risks.page', state.input);
  const catalog = useCatalog();
  const inRegister = { systemId: system.id };
  const hrefOf = (r: Risk) => hrefFor({ page: 'risks', id: r.id, query: inRegister });
  const page = risks.data;
  return (
    <Stack gap="sm" component="section" aria-labelledby="system-risks-heading">
      <Group justify="space-between" align="baseline">
        <Title order={2} id="system-risks-heading">
          Risks
        </Title>
        <Anchor href={listHref('risks', inRegister)}>Open in the risk register</Anchor>
      </Group>
      {page && page.total > 0 ? (
        <Text size="sm" c="dimmed" data-testid="system-risk-counts">
          {formatCount(page.total)} {page.total === 1 ? 'risk' : 'risks'} · {formatCount(page.counts.aboveAppetite)} above appetite ·{' '}
          {formatCount(page.counts.overdue)} overdue
        </Text>
      ) : null}
      <ListTable
        label={`Risks of ${system.name}`}
        columns={riskColumns(catalog.data?.matrix, hrefOf, columnKeys)}
        query={risks}
        state={state}
        idOf={(r) => r.id}
        nameOf={(r) => `${r.threatName} (${r.id})`}
        emptyText="No risks for this system yet. They are opened when an assessment is submitted for review."
        onRowClick={(r) => navigate({ page: 'risks', id: r.id, query: inRegister })}
        rowAttributes={(r) => ({ 'data-risk': r.id })}
      />
    </Stack>
  );
}
