import { Stack, Text, Title } from '@mantine/core';
import { OrganisationForm } from './VendorSettingsPage.tsx';

/**
 * In a hospital's workspace the vendor pages are not available: a vendor answers in its own
 * database, set to vendor mode (docs/vendor-mode.md). This page explains that and, on an empty
 * database, makes the switch, asking for the organisation's name first.
 */
export function VendorModeSetup() {
  return (
    <Stack gap="lg" maw={1000}>
      <div>
        <Title order={1}>Vendor workspace</Title>
        <Text c="dimmed">This database is a hospital's workspace. Vendors answer a hospital's requests in their own copy of Vigil, in a database set up as a vendor workspace.</Text>
      </div>
      <Stack gap="xs" component="section" aria-labelledby="vendor-setup-heading">
        <Title order={2} size="h3" id="vendor-setup-heading">
          Use this database as a vendor workspace
        </Title>
        <OrganisationForm
          initial=""
          submitLabel="Make this a vendor workspace"
          extra={{ workspaceMode: 'vendor' }}
          intro="Only an empty database can become a vendor workspace: once it holds AI systems or assessments it stays a hospital's. A vendor workspace shows only the requests you open and your answers."
        />
      </Stack>
    </Stack>
  );
}
