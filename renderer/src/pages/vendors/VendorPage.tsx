import { ActionIcon, Anchor, Badge, Button, Card, Group, Loader, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { VendorDetail } from '../../../../electron/contract/index.ts';
import { ApiError } from '../../api/api-client.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { hrefFor } from '../../routing/use-hash-route.ts';
import { formatDate, formatDateTime } from '../../text/format.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { changeRow, emptyContact, formFromVendor, responseHeadline, vendorChanges, type VendorFormErrors, type VendorFormValues } from './vendor-model.ts';
import { useUpdateVendor, useVendorRecord } from './vendor-queries.ts';

const when = formatDateTime;

/** A bordered table of rows under its headings: the vendor page's five lists. */
function PlainTable({ label, headers, rows }: { label: string; headers: readonly string[]; rows: readonly { key: string; cells: readonly ReactNode[] }[] }) {
  return (
    <Table withTableBorder aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          {headers.map((h) => (
            <Table.Th key={h}>{h}</Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.key}>
            {row.cells.map((cell, i) => (
              <Table.Td key={i}>{cell}</Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Name, notes and contacts, edited together and saved as one change. */
function VendorEditForm({ vendor, onDone }: { vendor: VendorDetail; onDone: () => void }) {
  const update = useUpdateVendor();
  const [values, setValues] = useState<VendorFormValues>(() => formFromVendor(vendor));
  const [errors, setErrors] = useState<VendorFormErrors>({});
  const setContact = (i: number, field: keyof typeof emptyContact, value: string) =>
    setValues((v) => ({ ...v, contacts: v.contacts.map((c, j) => (j === i ? { ...c, [field]: value } : c)) }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = vendorChanges(vendor, values);
    if ('errors' in checked) return setErrors(checked.errors);
    if ('unchanged' in checked) return onDone();
    try {
      await update.mutateAsync({ id: vendor.id, changes: checked.changes });
      onDone();
    } catch (error) {
      const issues = error instanceof ApiError ? error.error.details?.issues : undefined;
      if (issues?.length) setErrors(Object.fromEntries(issues.map((i) => [i.path.replace(/^changes\./, ''), i.message])));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Vendor">
      <Stack>
        {update.isError ? <ErrorNotice error={update.error} /> : null}
        <TextInput label="Name" required withAsterisk value={values.name} error={errors.name} onChange={(e) => setValues({ ...values, name: e.currentTarget.value })} />
        <Textarea label="Notes" autosize minRows={2} value={values.notes} error={errors.notes} onChange={(e) => setValues({ ...values, notes: e.currentTarget.value })} />
        <Title order={3}>Contacts</Title>
        {errors.contacts ? <Text c="red">{errors.contacts}</Text> : null}
        {values.contacts.map((c, i) => (
          <Card key={i} withBorder padding="sm" aria-label={`Contact ${i + 1}`}>
            <Group align="flex-end" wrap="nowrap">
              <SimpleGrid cols={{ base: 1, sm: 4 }} style={{ flex: 1 }}>
                <TextInput label={`Contact ${i + 1} name`} value={c.name} error={errors[`contacts.${i}.name`]} onChange={(e) => setContact(i, 'name', e.currentTarget.value)} />
                <TextInput label="Role" value={c.role} error={errors[`contacts.${i}.role`]} onChange={(e) => setContact(i, 'role', e.currentTarget.value)} />
                <TextInput label="Email" type="email" value={c.email} error={errors[`contacts.${i}.email`]} onChange={(e) => setContact(i, 'email', e.currentTarget.value)} />
                <TextInput label="Telephone" type="tel" value={c.telephone} error={errors[`contacts.${i}.telephone`]} onChange={(e) => setContact(i, 'telephone', e.currentTarget.value)} />
              </SimpleGrid>
              <ActionIcon variant="subtle" color="red" size="lg" aria-label={`Remove contact ${i + 1}`} onClick={() => setValues((v) => ({ ...v, contacts: v.contacts.filter((_, j) => j !== i) }))}>
                ×
              </ActionIcon>
            </Group>
          </Card>
        ))}
        <Group justify="space-between">
          <Button variant="light" onClick={() => setValues((v) => ({ ...v, contacts: [...v.contacts, { ...emptyContact }] }))}>
            Add contact
          </Button>
          <Group>
            <Button variant="default" onClick={onDone}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Save vendor
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

function Contacts({ vendor }: { vendor: VendorDetail }) {
  if (vendor.contacts.length === 0) return <Text c="dimmed">No contacts recorded.</Text>;
  return (
    <PlainTable
      label="Contacts"
      headers={['Name', 'Role', 'Email', 'Telephone']}
      rows={vendor.contacts.map((c, i) => ({
        key: String(i),
        cells: [c.name, c.role || '—', c.email ? <Anchor href={`mailto:${c.email}`}>{c.email}</Anchor> : '—', c.telephone || '—'],
      }))}
    />
  );
}

function Keys({ vendor }: { vendor: VendorDetail }) {
  return (
    <Stack gap="xs">
      <Title order={2}>Signing key</Title>
      {vendor.key === null ? (
        <Text>No key pinned yet: the vendor&apos;s first signed response pins the key it was signed with.</Text>
      ) : (
        <Stack gap={2}>
          <Text ff="monospace" aria-label="Pinned key fingerprint">
            {vendor.key.fingerprint}
          </Text>
          <Text size="sm">
            Pinned {when(vendor.key.pinnedAt)} by {vendor.key.pinnedBy}. {vendor.key.reason}.
          </Text>
        </Stack>
      )}
      {vendor.keyHistory.length > 0 ? (
        <PlainTable
          label="Earlier keys"
          headers={['Earlier key', 'Pinned', 'Replaced']}
          rows={vendor.keyHistory.map((k) => ({
            key: `${k.fingerprint}-${k.pinnedAt}`,
            cells: [<Text ff="monospace" key="f">{k.fingerprint}</Text>, `${when(k.pinnedAt)} by ${k.pinnedBy}`, `${k.replacedAt ? when(k.replacedAt) : ''} by ${k.replacedBy ?? ''}`],
          }))}
        />
      ) : null}
    </Stack>
  );
}

function Responses({ vendor }: { vendor: VendorDetail }) {
  return (
    <Stack gap="xs">
      <Title order={2}>Responses</Title>
      {vendor.responses.length === 0 ? <Text>No responses imported yet.</Text> : null}
      {vendor.responses.map((r) => (
        <Card key={r.requestId} withBorder padding="sm" component="section" aria-label={`Response to ${r.requestId}`}>
          <Stack gap={4}>
            <Text fw={600}>{responseHeadline(r)}</Text>
            <Text size="sm" c="dimmed">
              Imported {when(r.importedAt)} by {r.importedBy}; signed as {r.signedAs} with key {r.fingerprint.slice(0, 19)}…;{' '}
              <Anchor href={hrefFor({ page: 'assessment', id: r.assessmentId })}>{r.assessmentId}</Anchor>
            </Text>
            {r.changes.length > 0 ? (
              <PlainTable
                label={`What changed in the response to ${r.requestId}`}
                headers={['Question', 'Change', 'Before', 'After']}
                rows={r.changes.map((c) => ({ key: c.questionId, cells: changeRow(c) }))}
              />
            ) : null}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

/** #/vendors/VEN-…: contacts (editable), products, pinned key and history, requests, responses and what changed. */
export function VendorPage({ id }: { id: string }) {
  const record = useVendorRecord(id);
  const [editing, setEditing] = useState(false);
  if (record.isPending) return <Loader aria-label="Loading vendor" />;
  if (record.isError) return <ErrorNotice error={record.error} title="This vendor could not be loaded" />;
  const v = record.data;
  return (
    <Stack gap="lg" maw={1100}>
      <Anchor href={hrefFor({ page: 'vendors' })}>← Vendors</Anchor>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{v.name}</Title>
          <Text ff="monospace" size="sm" c="dimmed">
            {v.id}
          </Text>
        </div>
        {!editing ? (
          <Button variant="default" onClick={() => setEditing(true)}>
            Edit vendor
          </Button>
        ) : null}
      </Group>
      {editing ? (
        <VendorEditForm vendor={v} onDone={() => setEditing(false)} />
      ) : (
        <Stack gap="xs">
          {v.notes ? <Text style={{ whiteSpace: 'pre-wrap' }}>{v.notes}</Text> : null}
          <Title order={2}>Contacts</Title>
          <Contacts vendor={v} />
        </Stack>
      )}
      <Stack gap="xs">
        <Title order={2}>Products</Title>
        {v.products.length === 0 ? <Text>No systems of this vendor in the inventory.</Text> : null}
        {v.products.length > 0 ? (
          <PlainTable
            label="Products"
            headers={['System', 'Version', 'Lifecycle stage']}
            rows={v.products.map((p) => ({
              key: p.id,
              cells: [
                <Group gap="xs" key="name">
                  <Anchor href={hrefFor({ page: 'system', id: p.id })}>{p.name}</Anchor>
                  {p.archived ? (
                    <Badge color="gray" size="sm">
                      Archived
                    </Badge>
                  ) : null}
                </Group>,
                p.productVersion || '—',
                <StatusBadge key="stage" kind="lifecycle" status={p.lifecycleStage} />,
              ],
            }))}
          />
        ) : null}
      </Stack>
      <Keys vendor={v} />
      <Stack gap="xs">
        <Title order={2}>Requests</Title>
        {v.requests.length === 0 ? <Text>No requests issued to this vendor.</Text> : null}
        {v.requests.length > 0 ? (
          <PlainTable
            label="Requests"
            headers={['Request', 'System', 'Assessment', 'Issued', 'Expires', 'Status']}
            rows={v.requests.map((q) => ({
              key: q.id,
              cells: [
                <Text ff="monospace" key="id">
                  {q.id}
                </Text>,
                q.systemName,
                <Anchor key="assessment" href={hrefFor({ page: 'assessment', id: q.assessmentId })}>
                  {q.assessmentTitle}
                </Anchor>,
                formatDate(q.issuedAt),
                formatDate(q.expiresAt),
                <StatusBadge key="status" kind="request" status={q.status} />,
              ],
            }))}
          />
        ) : null}
      </Stack>
      <Responses vendor={v} />
    </Stack>
  );
}
