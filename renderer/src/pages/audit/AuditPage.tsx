import { Anchor, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { AuditEventsInput, type AuditEventRow, type AuditSort } from '../../../../electron/contract/index.ts';
import { ListSearch } from '../../components/list/ListSearch.tsx';
import { ListTable, type ListColumn } from '../../components/list/ListTable.tsx';
import { ListTextFilter } from '../../components/list/ListTextFilter.tsx';
import { useListState } from '../../components/list/use-list-state.ts';
import { usePageQuery } from '../../components/list/use-page-query.ts';
import { entityRoute } from '../../routing/entity-route.ts';
import { hrefFor } from '../../routing/use-hash-route.ts';
import { auditActionLabel, auditActionLabels } from '../../text/labels.ts';
import { formatDateTime } from '../assessments/assessment-model.ts';

function EntityCell({ entity }: { entity: string }) {
  const route = entityRoute(entity);
  if (!entity) return <Text size="sm" c="dimmed">None</Text>;
  return route ? (
    <Anchor href={hrefFor(route)} ff="monospace" size="sm">
      {entity}
    </Anchor>
  ) : (
    <Text ff="monospace" size="sm">
      {entity}
    </Text>
  );
}

/** The actions to filter by, in words, alphabetically; an unknown code in the address is kept as an option. */
const actionOptions = (current: string | undefined) => [
  { value: '', label: 'Any action' },
  ...Object.entries(auditActionLabels)
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label)),
  ...(current !== undefined && !(current in auditActionLabels) ? [{ value: current, label: current }] : []),
];

const columns: ListColumn<AuditEventRow, AuditSort>[] = [
  { key: 'seq', sort: 'seq', firstDirection: 'desc', title: 'Event', render: (e) => `#${e.seq}` },
  { key: 'at', title: 'When', render: (e) => <Text size="sm">{formatDateTime(e.at)}</Text> },
  { key: 'actor', sort: 'actor', title: 'Who', render: (e) => e.actor },
  // The action in words; its code (what the ledger and `vigil audit` hold) stays with it for an auditor.
  {
    key: 'action',
    sort: 'action',
    title: 'Action',
    render: (e) => (
      <Text size="sm" title={e.action} data-action={e.action}>
        {auditActionLabel(e.action)}
      </Text>
    ),
  },
  { key: 'entity', sort: 'entity', title: 'Record', render: (e) => <EntityCell entity={e.entity} /> },
  {
    key: 'payloadPreview',
    title: 'Details',
    render: (e) => (
      <Text size="xs" ff="monospace" lineClamp={2} style={{ wordBreak: 'break-all' }}>
        {e.payloadPreview}
      </Text>
    ),
  },
];

/**
 * The audit ledger, one page at a time, newest first (audit.events). Reading it changes
 * nothing; Settings → Integrity is where the chain is verified.
 */
export function AuditPage() {
  const state = useListState('audit', AuditEventsInput);
  const { input, set: setInput } = state;
  const events = usePageQuery('audit.events', input);
  const date = (key: 'from' | 'to', label: string) => (
    <TextInput
      label={label}
      type="date"
      value={input[key] ?? ''}
      onChange={(e) => setInput({ [key]: e.currentTarget.value || undefined })}
      w={160}
    />
  );
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>Audit log</Title>
        <Text c="dimmed">
          Every change recorded in the ledger: who acted, what they did and to which record, newest first.{' '}
          <Anchor href={hrefFor({ page: 'settings', tab: 'integrity' })} underline="always">Verify the ledger in Settings → Integrity</Anchor>.
        </Text>
      </div>
      <Group align="flex-end" gap="sm" role="search" aria-label="Filter the audit log">
        <ListSearch state={state} placeholder="Any word in the event" w={220} />
        <NativeSelect
          label="Action"
          data={actionOptions(input.action)}
          value={input.action ?? ''}
          onChange={(e) => setInput({ action: e.currentTarget.value || undefined }, 'replace')}
          w={230}
        />
        <ListTextFilter label="Who" placeholder="A person's name" value={input.actor ?? ''} onChange={(actor) => setInput({ actor: actor || undefined }, 'replace')} w={180} />
        <ListTextFilter label="Record" placeholder="e.g. SYS-…" value={input.entity ?? ''} onChange={(entity) => setInput({ entity: entity || undefined }, 'replace')} w={170} />
        {date('from', 'From')}
        {date('to', 'To')}
      </Group>
      <ListTable<AuditEventRow, AuditSort>
        label="Audit events"
        columns={columns}
        query={events}
        state={state}
        idOf={(e) => String(e.seq)}
        nameOf={(e) => `event ${e.seq}`}
        emptyText="No event matches these filters."
      />
    </Stack>
  );
}
