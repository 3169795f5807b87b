import { Checkbox, Stack } from '@mantine/core';
import { roles, type Role } from '../../../electron/contract/index.ts';
import { roleDescriptions, roleLabels } from '../text/labels.ts';

/** A person's governance roles, one checkbox each with what the role does (people and accounts alike). */
export function RoleCheckboxes({ value, onChange, error, required = false }: { value: Role[]; onChange: (next: Role[]) => void; error?: string | undefined; required?: boolean }) {
  return (
    <Checkbox.Group
      label="Roles"
      description="What this person may do in Vigil's governance steps"
      withAsterisk={required}
      value={value}
      onChange={(next) => onChange(roles.filter((r) => next.includes(r)))}
      error={error}
    >
      <Stack gap="xs" mt={6}>
        {roles.map((r) => (
          <Checkbox key={r} value={r} label={roleLabels[r]} description={roleDescriptions[r]} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}
