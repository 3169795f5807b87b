import { CloseButton, Group, Paper, Select, Switch, Text } from '@mantine/core';
import type { RiskMatrix } from '../../../../electron/contract/index.ts';
import { usePeople, useSystems } from '../../api/queries.ts';
import { ListSearch } from '../../components/list/ListSearch.tsx';
import { SystemFilter } from '../../components/list/SystemFilter.tsx';
import type { ListState } from '../../components/list/use-list-state.ts';
import { riskStatusLabels } from '../../text/labels.ts';
import { riskStatuses } from './risk-model.ts';
import type { RiskListInput } from './risk-register-model.ts';
import { chipsOf } from './risk-register-model.ts';

/** A choice list that still shows a value the address asked for when it is not among the options. */
const withValue = (options: { value: string; label: string }[], value: string | undefined) =>
  value === undefined || options.some((o) => o.value === value) ? options : [...options, { value, label: value }];

/**
 * The register's filters above its table, each written to the address as it is chosen. Filters a
 * dashboard link brings that have no control here (a heat-map cell, acceptances expiring, one
 * assessment) show as chips that remove themselves.
 */
export function RiskFilters({ state, matrix }: { state: ListState<RiskListInput>; matrix: RiskMatrix | undefined }) {
  const { input } = state;
  const systems = useSystems({ includeArchived: true, search: '' });
  const people = usePeople();
  const vendors = [...new Set((systems.data ?? []).map((s) => s.vendor))].sort((a, b) => a.localeCompare(b));
  const choose = (field: 'vendor' | 'band' | 'status' | 'owner') => (value: string | null) => state.set({ [field]: value ?? undefined });
  const toggle = (field: 'overdue' | 'aboveAppetite' | 'openOnly') => (checked: boolean) => state.set({ [field]: checked ? true : undefined });
  const chips = chipsOf(input);
  return (
    <Paper withBorder p="sm" role="search" aria-label="Filter risks">
      <Group align="flex-end" gap="sm">
        <ListSearch state={state} placeholder="Threat, system, risk id" />
        <SystemFilter value={input.systemId} onChange={(systemId) => state.set({ systemId })} />
        <Select label="Vendor" placeholder="All vendors" data={withValue(vendors.map((v) => ({ value: v, label: v })), input.vendor)} value={input.vendor ?? null} onChange={choose('vendor')} clearable searchable w={180} />
        <Select
          label="Band"
          placeholder="All bands"
          data={withValue((matrix?.bands ?? []).map((b) => ({ value: b.id, label: b.label })), matrix ? input.band : undefined)}
          value={input.band ?? null}
          onChange={choose('band')}
          clearable
          w={140}
        />
        <Select
          label="Status"
          placeholder="All statuses"
          data={withValue(riskStatuses.map((s) => ({ value: s, label: riskStatusLabels[s] ?? s })), input.status)}
          value={input.status ?? null}
          onChange={choose('status')}
          clearable
          w={200}
        />
        <Select
          label="Owner"
          placeholder="Any owner"
          data={withValue((people.data ?? []).map((p) => ({ value: p.name, label: p.name })), input.owner)}
          value={input.owner ?? null}
          onChange={choose('owner')}
          clearable
          searchable
          w={190}
        />
      </Group>
      <Group gap="lg" mt="sm">
        <Switch label="Open risks only" checked={input.openOnly === true} onChange={(e) => toggle('openOnly')(e.currentTarget.checked)} />
        <Switch label="Above appetite only" checked={input.aboveAppetite === true} onChange={(e) => toggle('aboveAppetite')(e.currentTarget.checked)} />
        <Switch label="Overdue only" checked={input.overdue === true} onChange={(e) => toggle('overdue')(e.currentTarget.checked)} />
      </Group>
      {chips.length > 0 ? (
        <Group gap="xs" mt="sm" aria-label="Other filters" role="group">
          {chips.map((chip) => (
            <Group key={chip.label} gap={2} wrap="nowrap" px={8} py={2} bg="var(--vigil-color-selected)" style={{ borderRadius: 16 }} data-testid="filter-chip">
              <Text size="sm">{chip.label}</Text>
              <CloseButton size="sm" aria-label={`Remove filter: ${chip.label}`} onClick={() => state.set(chip.clear)} />
            </Group>
          ))}
        </Group>
      ) : null}
    </Paper>
  );
}
