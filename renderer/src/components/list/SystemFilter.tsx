import { Select } from '@mantine/core';
import { useSystems } from '../../api/queries.ts';

/**
 * A list's "System" filter: every system by name, archived ones too (their assessments and
 * reviews stay on record). The names come from systems.list, small beside the lists it filters.
 */
export function SystemFilter({ value, onChange }: { value: string | undefined; onChange: (systemId: string | undefined) => void }) {
  const systems = useSystems({ includeArchived: true, search: '' });
  return (
    <Select
      label="System"
      placeholder="Any"
      data={(systems.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
      value={value ?? null}
      onChange={(v) => onChange(v ?? undefined)}
      searchable
      clearable
      w={240}
    />
  );
}
