import { Anchor, Badge, Group, Select, Text } from '@mantine/core';
import type { Role } from '../../../electron/contract/index.ts';
import { hrefFor } from '../routing/use-hash-route.ts';
import { setActingAs, useActingAs } from './acting-as.ts';
import { roleLabels } from '../text/labels.ts';

/** The header's "Acting as": a person from Settings → People, then their role if they hold several. */
export function ActingAsControl() {
  const { by, person, people, ready } = useActingAs();
  if (!ready) return null;
  if (people.length === 0) {
    return (
      <Anchor href={hrefFor({ page: 'settings' })} size="sm">
        Add people in Settings to sign off and accept risks
      </Anchor>
    );
  }
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" c="dimmed" aria-hidden>
        Acting as
      </Text>
      <Select
        aria-label="Acting as"
        placeholder="Choose who you are"
        data={people.map((p) => ({ value: p.name, label: p.name }))}
        value={person?.name ?? null}
        onChange={(name) => {
          const chosen = people.find((p) => p.name === name);
          setActingAs(chosen ? { name: chosen.name, role: chosen.roles[0] ?? null } : null);
        }}
        size="xs"
        w={190}
        clearable
        searchable
        comboboxProps={{ withinPortal: true }}
      />
      {person && by ? (
        person.roles.length > 1 ? (
          <Select
            aria-label="Role"
            data={person.roles.map((r) => ({ value: r, label: roleLabels[r] }))}
            value={by.role}
            onChange={(role) => role && setActingAs({ name: person.name, role: role as Role })}
            allowDeselect={false}
            size="xs"
            w={160}
          />
        ) : (
          <Badge variant="light" tt="none">
            {roleLabels[by.role]}
          </Badge>
        )
      ) : null}
    </Group>
  );
}
