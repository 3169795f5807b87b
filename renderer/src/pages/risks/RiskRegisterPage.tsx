import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { RiskPageInput, type Risk } from '../../../../electron/contract/index.ts';
import { useCatalog } from '../../api/queries.ts';
import { ListTable } from '../../components/list/ListTable.tsx';
import { formatCount } from '../../components/list/list-text.ts';
import { useListState } from '../../components/list/use-list-state.ts';
import { usePageQuery } from '../../components/list/use-page-query.ts';
import { hrefFor, navigate, useHashRoute } from '../../routing/use-hash-route.ts';
import { RiskBulkActions } from './RiskBulkActions.tsx';
import { RiskDrawer } from './RiskDrawer.tsx';
import { RiskFilters } from './RiskFilters.tsx';
import { riskColumns } from './risk-columns.tsx';
import { clearFilters, isFiltered } from './risk-register-model.ts';
import { GlossaryLink } from '../../help/GlossaryLink.tsx';

const columnKeys = ['threat', 'system', 'residual', 'inherent', 'appetite', 'status', 'owner', 'due'] as const;

/**
 * The risk register (docs/lists.md): one page of risks at a time from risks.page, filtered,
 * searched and sorted in the core, its state in the address; a risk opens in a drawer over the
 * list, which keeps its place behind it. Selected risks can be given an owner or exported.
 */
export function RiskRegisterPage({ riskId }: { riskId: string | undefined }) {
  const route = useHashRoute();
  const query = route.page === 'risks' ? route.query : undefined;
  const state = useListState('risks', RiskPageInput);
  const risks = usePageQuery('risks.page', state.input);
  const catalog = useCatalog();
  const matrix = catalog.data?.matrix;
  const [selected, setSelected] = useState<Risk[]>([]);
  const hrefOf = (r: Risk) => hrefFor({ page: 'risks', id: r.id, query });
  const filtered = isFiltered(state.input);
  const page = risks.data;

  return (
    <Stack gap="md">
      <div>
        <Title order={1}>Risk register</Title>
        <Text c="dimmed">
          Risks opened when assessments were submitted. A residual risk
          <GlossaryLink term="residual-risk" /> above the appetite
          <GlossaryLink term="risk-appetite" />
          {matrix ? ` (${matrix.bands.find((b) => b.id === matrix.appetite)?.label ?? matrix.appetite})` : ''}{' '}
          needs a treatment plan or a formal acceptance before the system moves to its next stage.
        </Text>
      </div>
      <RiskFilters state={state} matrix={matrix} />
      <Group justify="space-between" mih={28}>
        <Text size="sm" c="dimmed" role="status" data-testid="risk-counts">
          {page
            ? `${formatCount(page.total)} ${page.total === 1 ? 'risk' : 'risks'}${filtered ? ' match' : ''} · ${formatCount(page.counts.aboveAppetite)} above appetite · ${formatCount(page.counts.overdue)} overdue`
            : ''}
        </Text>
        {filtered ? (
          <Button size="xs" variant="subtle" onClick={() => state.set(clearFilters())}>
            Clear filters
          </Button>
        ) : null}
      </Group>
      <RiskBulkActions selected={selected} onClear={() => setSelected([])} />
      <ListTable
        label="Risks"
        columns={riskColumns(matrix, hrefOf, columnKeys)}
        query={risks}
        state={state}
        idOf={(r) => r.id}
        nameOf={(r) => `${r.threatName} (${r.id})`}
        emptyText={
          filtered
            ? 'No risk matches these filters.'
            : 'No risks yet. Risks are opened when an assessment is submitted for review: one for each threat whose residual risk is above the lowest band.'
        }
        selection={{ selected, onChange: setSelected, pageLabel: 'Select all risks on this page' }}
        onRowClick={(r) => navigate({ page: 'risks', id: r.id, query })}
        rowAttributes={(r) => ({ 'data-risk': r.id })}
        rowBackground={(r) => (r.id === riskId ? 'var(--vigil-color-selected)' : undefined)}
      />
      <RiskDrawer riskId={riskId ?? null} onClose={() => navigate({ page: 'risks', query })} />
    </Stack>
  );
}
