import { Anchor, Button, Group, Loader, Modal, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useDeferredValue, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-client.ts';
import { hrefFor, navigate } from '../../routing/use-hash-route.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { useCreateVendor, useVendorList } from './vendor-queries.ts';
import { issueWords } from '../../text/messages.ts';

/** The first groups of a key's fingerprint: enough to tell keys apart at a glance. */
export const shortFingerprint = (fingerprint: string) => `${fingerprint.slice(0, 19)}…`;

function AddVendor({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateVendor();
  const [name, setName] = useState('');
  const [notes, setNotes] = useState('');
  const nameIssue = create.error instanceof ApiError ? create.error.error.details?.issues?.find((i) => i.path === 'name') : undefined;
  const nameError = nameIssue ? issueWords(nameIssue) : undefined;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const vendor = await create.mutateAsync({ name, notes });
      onClose();
      navigate({ page: 'vendors', id: vendor.id });
    } catch {
      // Shown in the dialog through create.error.
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Add a vendor">
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="New vendor">
        <Stack>
          {create.isError && !nameError ? <ErrorNotice error={create.error} /> : null}
          <TextInput label="Name" required withAsterisk value={name} error={nameError} onChange={(e) => setName(e.currentTarget.value)} data-autofocus />
          <Textarea label="Notes" autosize minRows={2} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} />
          <Text size="sm" c="dimmed">
            Contacts are added on the vendor&apos;s page.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Add vendor
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** #/vendors: every vendor, searched, with its products, open requests and pinned key. */
export function VendorsPage() {
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search.trim());
  const list = useVendorList(deferred);
  const [adding, { open, close }] = useDisclosure(false);
  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between">
        <Title order={1}>Vendors</Title>
        <Button onClick={open}>Add vendor</Button>
      </Group>
      <TextInput label="Search vendors" description="Name, contact or product" value={search} onChange={(e) => setSearch(e.currentTarget.value)} maw={420} />
      {list.isPending ? <Loader aria-label="Loading vendors" /> : null}
      {list.isError ? <ErrorNotice error={list.error} title="The vendors could not be loaded" /> : null}
      {list.data && list.data.length === 0 ? (
        <Text>{deferred === '' ? 'No vendors yet. A vendor is added with its first system, or with Add vendor.' : `No vendor matches "${deferred}".`}</Text>
      ) : null}
      {list.data && list.data.length > 0 ? (
        <Table striped highlightOnHover aria-label="Vendors">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Products</Table.Th>
              <Table.Th>Open requests</Table.Th>
              <Table.Th>Pinned key</Table.Th>
              <Table.Th>Contacts</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td>
                  <Anchor href={hrefFor({ page: 'vendors', id: v.id })}>{v.name}</Anchor>
                </Table.Td>
                <Table.Td>{v.products}</Table.Td>
                <Table.Td>{v.openRequests}</Table.Td>
                <Table.Td ff={v.keyFingerprint ? 'monospace' : undefined}>{v.keyFingerprint ? shortFingerprint(v.keyFingerprint) : 'None yet'}</Table.Td>
                <Table.Td>{v.contacts}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {adding ? <AddVendor opened={adding} onClose={close} /> : null}
    </Stack>
  );
}
