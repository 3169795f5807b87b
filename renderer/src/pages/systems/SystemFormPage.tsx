import { Loader, Stack, Text, Title } from '@mantine/core';
import type { AiSystem } from '../../../../electron/contract/index.ts';
import { useCreateSystem, useSystem, useUpdateSystem } from '../../api/queries.ts';
import { navigate } from '../../routing/use-hash-route.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { SystemForm } from './SystemForm.tsx';
import { changedFields, emptySystemForm, formFromSystem } from './system-form-model.ts';

export function NewSystemPage() {
  const create = useCreateSystem();
  return (
    <Stack>
      <Title order={1}>Add an AI system</Title>
      <Text c="dimmed">Name and vendor are enough to start; record the rest as you learn it.</Text>
      <SystemForm
        initial={emptySystemForm}
        submitLabel="Add to inventory"
        onCancel={() => navigate({ page: 'systems' })}
        onSubmit={async (fields) => {
          const system = (await create.mutateAsync(fields)) as AiSystem;
          navigate({ page: 'system', id: system.id });
        }}
      />
    </Stack>
  );
}

export function EditSystemPage({ id }: { id: string }) {
  const system = useSystem(id);
  const update = useUpdateSystem();
  if (system.isPending) return <Loader aria-label="Loading system" />;
  if (system.isError) return <ErrorNotice error={system.error} title="This system could not be loaded" />;
  const original = system.data;
  return (
    <Stack>
      <Title order={1}>Edit {original.name}</Title>
      <SystemForm
        key={original.updatedAt}
        initial={formFromSystem(original)}
        submitLabel="Save changes"
        onCancel={() => navigate({ page: 'system', id })}
        onSubmit={async (fields) => {
          const changes = changedFields(original, fields);
          if (Object.keys(changes).length > 0) await update.mutateAsync({ id, changes });
          navigate({ page: 'system', id });
        }}
      />
    </Stack>
  );
}
