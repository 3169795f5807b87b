import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useSystem } from '../../api/queries.ts';
import { formatNumber } from '../../text/format.ts';
import { usePageQuery } from './use-page-query.ts';

/** How many systems the picker offers at once: type to find others. */
const offered = 20;

/**
 * A list's "System" filter: systems by name in natural order, archived ones too (their
 * assessments and reviews stay on record). It asks systems.page for the first few matching
 * what is typed, never the whole inventory: with a thousand systems, a picker holding every
 * name re-rendered them all on each change of the list it filters (the Chromium bench's
 * longest tasks).
 */
export function SystemFilter({ value, onChange }: { value: string | undefined; onChange: (systemId: string | undefined) => void }) {
  const [search, setSearch] = useState('');
  const [typed] = useDebouncedValue(search, 200);
  const chosen = useSystem(value ?? '', value !== undefined);
  const chosenName = value && chosen.data ? chosen.data.name : undefined;
  // While the box shows the chosen system's name, offer the first systems, not only that one.
  const term = typed === chosenName ? '' : typed.trim();
  const page = usePageQuery('systems.page', { includeArchived: true, search: term, sort: 'name', direction: 'asc', offset: 0, limit: offered });
  const options = (page.data?.rows ?? []).map((s) => ({ value: s.id, label: s.name }));
  if (value && chosenName && !options.some((o) => o.value === value)) options.unshift({ value, label: chosenName });
  const more = (page.data?.total ?? 0) - (page.data?.rows.length ?? 0);
  return (
    <Select
      label="System"
      placeholder="Any"
      data={options}
      value={value ?? null}
      onChange={(v) => onChange(v ?? undefined)}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The core has matched already (names, vendors, ids); do not filter its answer again.
      filter={({ options: all }) => all}
      nothingFoundMessage={page.isFetching ? 'Searching…' : 'No system matches'}
      description={more > 0 ? `Type to find one of ${formatNumber(page.data?.total ?? 0)} systems` : undefined}
      clearable
      w={240}
    />
  );
}
