import { Anchor, Badge, Button, Group, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { lifecycleLabels, lifecycleStages, SystemPageInput, type SystemRow, type SystemSort } from '../../../../electron/contract/index.ts';
import { useCatalog, useLoadDemo } from '../../api/queries.ts';
import { BandBadge } from '../../components/BandBadge.tsx';
import { ListSearch } from '../../components/list/ListSearch.tsx';
import { ListTable, type ListColumn } from '../../components/list/ListTable.tsx';
import { ListTextFilter } from '../../components/list/ListTextFilter.tsx';
import { usePageQuery } from '../../components/list/use-page-query.ts';
import { useListState } from '../../components/list/use-list-state.ts';
import { hrefFor, navigate } from '../../routing/use-hash-route.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { aboveAppetiteHref, localToday, nextReviewText, openRisksHref, reviewDueOptions } from './inventory-model.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';

const stageOptions = lifecycleStages.map((s) => ({ value: s, label: lifecycleLabels[s] }));

/** The inventory, one page at a time (systems.page), its view kept in the address (#/systems?…). */
export function SystemsPage() {
  const state = useListState('systems', SystemPageInput);
  const { input, set: setInput } = state;
  const systems = usePageQuery('systems.page', input);
  const matrix = useCatalog().data?.matrix;
  const demo = useLoadDemo();
  const today = localToday();
  const filtered =
    input.search !== '' || input.lifecycleStage !== undefined || input.vendor !== undefined || input.overallBand !== undefined || input.aboveAppetiteOnly === true || input.reviewDueWithinDays !== undefined;

  const columns: ListColumn<SystemRow, SystemSort>[] = [
    {
      key: 'name',
      sort: 'name',
      title: 'Name',
      render: (s) => (
        <Group gap="xs" wrap="nowrap">
          <Anchor href={hrefFor({ page: 'system', id: s.id })}>{s.name}</Anchor>
          {s.archived ? (
            <Badge color="gray" variant="light">
              Archived
            </Badge>
          ) : null}
        </Group>
      ),
    },
    { key: 'vendor', sort: 'vendor', title: 'Vendor', render: (s) => s.vendor },
    { key: 'lifecycleStage', sort: 'lifecycleStage', title: 'Lifecycle stage', render: (s) => <StatusBadge kind="lifecycle" status={s.lifecycleStage} /> },
    {
      key: 'overallBand',
      sort: 'overallBand',
      firstDirection: 'desc',
      title: 'Overall band',
      render: (s) => (s.overallBand === null ? <Text size="sm" c="dimmed">Not assessed</Text> : matrix ? <BandBadge matrix={matrix} band={s.overallBand} /> : s.overallBand),
    },
    {
      key: 'openRisks',
      sort: 'openRisks',
      firstDirection: 'desc',
      title: 'Open risks',
      render: (s) => (s.openRisks === 0 ? '0' : <Anchor href={openRisksHref(s)} aria-label={`${s.openRisks} open risks of ${s.name}`}>{s.openRisks}</Anchor>),
    },
    {
      key: 'aboveAppetite',
      sort: 'aboveAppetite',
      firstDirection: 'desc',
      title: 'Above appetite',
      render: (s) =>
        s.aboveAppetite === 0 ? (
          '0'
        ) : (
          <Anchor href={aboveAppetiteHref(s)} fw={700} aria-label={`${s.aboveAppetite} risks of ${s.name} above appetite`}>
            {s.aboveAppetite}
          </Anchor>
        ),
    },
    { key: 'owner', sort: 'owner', title: 'Owner', render: (s) => s.owner || <Text size="sm" c="dimmed">Not recorded</Text> },
    {
      key: 'nextReview',
      sort: 'nextReview',
      title: 'Next review',
      render: (s) => {
        const review = nextReviewText(s.nextReview, today);
        return (
          <Text size="sm" c={review.overdue ? 'red.8' : undefined} fw={review.overdue ? 600 : undefined}>
            {review.text}
          </Text>
        );
      },
    },
  ];

  const empty = systems.data?.total === 0 && !filtered && !input.includeArchived;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>AI system inventory</Title>
          <Text c="dimmed">Every AI product the organisation is buying, validating, running or retiring.</Text>
        </div>
        <Button onClick={() => navigate({ page: 'systemNew' })}>Add AI system</Button>
      </Group>
      <Group align="flex-end" gap="sm" role="search" aria-label="Filter the inventory">
        <ListSearch state={state} placeholder="Name, vendor, owner or id" />
        <Select
          label="Lifecycle stage"
          placeholder="Any"
          data={stageOptions}
          value={input.lifecycleStage ?? null}
          onChange={(v) => setInput({ lifecycleStage: (v ?? undefined) as SystemRow['lifecycleStage'] | undefined })}
          clearable
          w={180}
        />
        <ListTextFilter label="Vendor" placeholder="Whole name" value={input.vendor ?? ''} onChange={(vendor) => setInput({ vendor: vendor || undefined }, 'replace')} w={180} />
        <Select
          label="Overall band"
          placeholder="Any"
          data={(matrix?.bands ?? []).map((b) => ({ value: b.id, label: b.label }))}
          value={input.overallBand ?? null}
          onChange={(v) => setInput({ overallBand: v ?? undefined })}
          clearable
          w={150}
        />
        <Select
          label="Review due"
          placeholder="Any time"
          data={reviewDueOptions}
          value={input.reviewDueWithinDays === undefined ? null : String(input.reviewDueWithinDays)}
          onChange={(v) => setInput({ reviewDueWithinDays: v ? Number(v) : undefined })}
          clearable
          w={160}
        />
        <Stack gap={6} mb={4}>
          <Switch label="Above appetite only" checked={input.aboveAppetiteOnly === true} onChange={(e) => setInput({ aboveAppetiteOnly: e.currentTarget.checked || undefined })} />
          <Switch label="Show archived" checked={input.includeArchived} onChange={(e) => setInput({ includeArchived: e.currentTarget.checked })} />
        </Stack>
      </Group>
      {empty ? (
        <Stack gap="xs" align="flex-start">
          <Text>No AI systems yet. Add the first one to start assessing it.</Text>
          <Text size="sm" c="dimmed">
            New to Vigil? Load a fictional hospital&apos;s portfolio to explore first (only into an empty database).
          </Text>
          <Button variant="light" loading={demo.isPending} onClick={() => demo.mutate()}>
            Load the demo portfolio
          </Button>
          {demo.isError ? <ErrorNotice error={demo.error} title="The demo portfolio was not loaded" /> : null}
        </Stack>
      ) : (
        <ListTable<SystemRow, SystemSort>
          label="AI systems"
          columns={columns}
          query={systems}
          state={state}
          idOf={(s) => s.id}
          nameOf={(s) => s.name}
          emptyText="No AI system matches these filters."
        />
      )}
    </Stack>
  );
}
