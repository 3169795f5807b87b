import { Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { Settings } from '../../../../electron/contract/index.ts';
import { useUpdateSettings } from '../../api/queries.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { IdentitySection } from '../settings/IdentitySection.tsx';

/** The organisation's name as the hospital sees it on every response: asked for before anything else. */
export function OrganisationForm({ initial, submitLabel, extra, intro }: { initial: string; submitLabel: string; extra?: Partial<Pick<Settings, 'workspaceMode'>>; intro?: string }) {
  const update = useUpdateSettings();
  const [organisation, setOrganisation] = useState(initial);
  const [missing, setMissing] = useState(false);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const name = organisation.trim();
        setMissing(name === '');
        if (name !== '') update.mutate({ organisation: name, ...extra });
      }}
    >
      <Stack gap="sm" maw={520}>
        {intro ? <Text size="sm">{intro}</Text> : null}
        <TextInput
          label="Your organisation's name"
          description="The hospital sees this name on every response you send."
          required
          value={organisation}
          error={missing ? "Give your organisation's name" : undefined}
          onChange={(e) => {
            setOrganisation(e.currentTarget.value);
            setMissing(false);
          }}
        />
        <Group>
          <Button type="submit" loading={update.isPending}>
            {submitLabel}
          </Button>
        </Group>
        {update.isError ? <ErrorNotice error={update.error} title="Not saved" /> : null}
        {update.isSuccess && !extra ? (
          <Text size="sm" role="status">
            Saved.
          </Text>
        ) : null}
      </Stack>
    </form>
  );
}

/** A vendor workspace's settings: its organisation's name and its signing key, nothing of a hospital's. */
export function VendorSettingsPage({ settings }: { settings: Settings }) {
  return (
    <Stack gap="xl" maw={1000}>
      <Title order={1}>Settings</Title>
      <Stack gap="xs" component="section" aria-labelledby="organisation-heading">
        <Title order={2} id="organisation-heading">
          Organisation
        </Title>
        <OrganisationForm initial={settings.organisation} submitLabel="Save" />
      </Stack>
      <IdentitySection audience="vendor" />
    </Stack>
  );
}
