import { Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context.tsx';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { formatDateTime } from '../assessments/assessment-model.ts';

/** The workspace's signing key: the fingerprint to read out to vendors, and how the key is kept. */
export function IdentitySection({ audience = 'hospital' }: { audience?: 'hospital' | 'vendor' }) {
  const api = useApi();
  const identity = useQuery({ queryKey: ['identity'], queryFn: () => api.call('identity.get', {}) });
  return (
    <Stack gap="xs" component="section" aria-labelledby="identity-heading">
      <Title order={2} id="identity-heading">
        Workspace identity
      </Title>
      {identity.isPending ? (
        <Loader size="sm" aria-label="Loading the workspace identity" />
      ) : identity.isError ? (
        <ErrorNotice error={identity.error} title="The workspace key could not be read" />
      ) : (
        <>
          <Text size="sm">
            {audience === 'vendor'
              ? "Responses made here are signed with this workspace's key. The hospital pins it on your first response; give them its fingerprint by phone or e-mail so they can check a response really comes from you."
              : "Vendor requests and responses made here are signed with this workspace's key. Give its fingerprint to vendors by phone or e-mail so they can check a request really comes from you."}
          </Text>
          <Text ff="monospace" size="lg" data-testid="workspace-fingerprint">
            {identity.data.fingerprint}
          </Text>
          <Text size="sm" c="dimmed">
            Made {formatDateTime(identity.data.createdAt)}. The private key is{' '}
            {identity.data.protection === 'safeStorage' ? "encrypted by the operating system's key store" : 'in a file only your user account can read'} ({identity.data.location}); it is never stored in the database or its backups.
          </Text>
        </>
      )}
    </Stack>
  );
}
