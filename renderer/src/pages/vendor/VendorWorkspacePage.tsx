import { Alert, Anchor, Button, FileButton, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { maxEvidenceBytes, maxPackageBytes, type InboxItem } from '../../../../electron/contract/index.ts';
import { useApi } from '../../api/api-context.tsx';
import { saveBytes } from '../../shell/save-download.ts';
import { hrefFor, navigate } from '../../routing/use-hash-route.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { bytesToBase64, formatBytes, formatDateTime, safeMediaType } from '../assessments/assessment-model.ts';
import { VendorQuestion, type VendorDraft } from './VendorQuestion.tsx';
import { readTextFile } from '../../files/read-text-file.ts';

const inboxKeys = { all: ['vendorInbox'] as const, one: (id: string) => ['vendorInbox', id] as const };

/** The list of opened requests and the button that opens a new request file. */
function Inbox() {
  const api = useApi();
  const queryClient = useQueryClient();
  const resetRef = useRef<() => void>(null);
  const list = useQuery({ queryKey: inboxKeys.all, queryFn: () => api.call('vendorInbox.list', {}) });
  const open = useMutation({
    mutationFn: async (file: File) => {
      if (file.size > maxPackageBytes) throw new Error(`${file.name} is larger than 50 MB.`);
      return api.call('vendorInbox.open', { text: await readTextFile(file) });
    },
    onSuccess: async (item) => {
      await queryClient.invalidateQueries({ queryKey: inboxKeys.all });
      navigate({ page: 'vendor', id: item.id });
    },
    onSettled: () => resetRef.current?.(),
  });
  return (
    <Stack gap="md">
      <FileButton onChange={(file) => file && open.mutate(file)} accept="application/json,.json" resetRef={resetRef} inputProps={{ 'aria-label': 'Request file' }}>
        {(props) => (
          <Button {...props} w="fit-content" loading={open.isPending}>
            Open a request file
          </Button>
        )}
      </FileButton>
      {open.isError ? <ErrorNotice error={open.error} title="The request was refused" /> : null}
      {list.isPending ? (
        <Loader size="sm" aria-label="Loading requests" />
      ) : list.isError ? (
        <ErrorNotice error={list.error} />
      ) : list.data.length === 0 ? (
        <Text c="dimmed">No requests opened yet. A hospital sends you a request file; open it here.</Text>
      ) : (
        <Table striped withTableBorder aria-label="Opened requests">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>From</Table.Th>
              <Table.Th>System</Table.Th>
              <Table.Th>Answered</Table.Th>
              <Table.Th>Expires</Table.Th>
              <Table.Th>Response</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>
                  <Anchor href={hrefFor({ page: 'vendor', id: i.id })}>{i.organisation}</Anchor>
                </Table.Td>
                <Table.Td>{i.systemName}</Table.Td>
                <Table.Td>
                  {i.answered}/{i.questionCount}
                </Table.Td>
                <Table.Td>{i.expired ? 'expired' : formatDateTime(i.expiresAt)}</Table.Td>
                <Table.Td>{i.respondedAt ? `saved ${formatDateTime(i.respondedAt)}` : 'not yet'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function EvidenceControl({ item, questionId }: { item: InboxItem; questionId: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const resetRef = useRef<() => void>(null);
  const add = useMutation({
    mutationFn: async (file: File) => {
      if (file.size > maxEvidenceBytes) throw new Error(`${file.name} is larger than 25 MB.`);
      const dataBase64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      return api.call('vendorInbox.addEvidence', { id: item.id, questionId, fileName: file.name, mediaType: safeMediaType(file.type), dataBase64 });
    },
    onSuccess: (next) => queryClient.setQueryData(inboxKeys.one(item.id), next),
    onSettled: () => resetRef.current?.(),
  });
  const remove = useMutation({
    mutationFn: (evidenceId: string) => api.call('vendorInbox.removeEvidence', { id: item.id, evidenceId }),
    onSuccess: (next) => queryClient.setQueryData(inboxKeys.one(item.id), next),
  });
  const files = item.evidence.filter((e) => e.questionId === questionId);
  return (
    <Stack gap={4}>
      {files.map((e) => (
        <Group key={e.id} gap="xs" wrap="nowrap" align="center">
          <Text size="xs">
            {e.fileName} ({formatBytes(e.size)}) · SHA-256 <Text span ff="monospace">{e.sha256}</Text>
          </Text>
          <Button size="compact-xs" variant="subtle" color="red" loading={remove.isPending && remove.variables === e.id} onClick={() => remove.mutate(e.id)} aria-label={`Remove ${e.fileName}`}>
            Remove
          </Button>
        </Group>
      ))}
      {remove.isError ? <ErrorNotice error={remove.error} title="The file was not removed" /> : null}
      <FileButton onChange={(file) => file && add.mutate(file)} resetRef={resetRef} inputProps={{ 'aria-label': `Evidence file for ${questionId}` }}>
        {(props) => (
          <Button {...props} size="compact-sm" variant="default" w="fit-content" loading={add.isPending} aria-label={`Attach evidence to ${questionId}`}>
            Attach evidence
          </Button>
        )}
      </FileButton>
      {add.isError ? <ErrorNotice error={add.error} title="The file was not attached" /> : null}
    </Stack>
  );
}

/** One opened request: who sent it (with their fingerprint), the system, and only its questions. */
function InboxItemView({ item, organisation }: { item: InboxItem; organisation: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const saved = useMemo(() => new Map(item.answers.map((a) => [a.questionId, { value: a.value, unknown: a.unknown }])), [item.answers]);
  const [drafts, setDrafts] = useState<Map<string, VendorDraft>>(new Map());
  const draftOf = (id: string): VendorDraft => drafts.get(id) ?? saved.get(id) ?? { value: null, unknown: false };
  const save = useMutation({
    mutationFn: () =>
      api.call('vendorInbox.answer', {
        id: item.id,
        answers: [...drafts.entries()].map(([questionId, d]) => (d.unknown ? { questionId, unknown: true as const } : { questionId, value: d.value })),
      }),
    onSuccess: (next) => {
      queryClient.setQueryData(inboxKeys.one(item.id), next);
      setDrafts(new Map());
    },
  });
  const respond = useMutation({
    mutationFn: async () => {
      if (drafts.size > 0) await save.mutateAsync();
      return api.call('vendorInbox.respond', { id: item.id });
    },
    onSuccess: async (response) => {
      saveBytes(response.text, response.fileName, 'application/json');
      await queryClient.invalidateQueries({ queryKey: inboxKeys.all });
    },
  });
  const sections = [...new Set(item.questions.map((q) => q.section))];
  return (
    <Stack gap="md">
      <Paper withBorder p="md" radius="md">
        <Stack gap={4}>
          <Text>
            Request from <b data-testid="request-organisation">{item.organisation}</b>
          </Text>
          <Text size="sm">
            Their key fingerprint: <Text span ff="monospace" data-testid="hospital-fingerprint">{item.hospitalFingerprint}</Text>
          </Text>
          <Text size="xs" c="dimmed">
            Compare it with the fingerprint {item.organisation} gives you by phone or e-mail before you answer.
          </Text>
          <Text size="sm">
            {item.expired ? 'This request has expired; ask for a new one.' : `Answer by ${formatDateTime(item.expiresAt)}.`} {item.answered} of {item.questionCount} answered.
          </Text>
        </Stack>
      </Paper>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="system-heading">
        <Title order={2} size="h4" id="system-heading">
          {item.system.name}
        </Title>
        <Text size="sm">
          {item.system.vendor}
          {item.system.productVersion ? ` · version ${item.system.productVersion}` : ''}
          {item.system.modelVersion ? ` · model ${item.system.modelVersion}` : ''}
        </Text>
        {item.system.intendedUse ? <Text size="sm">Intended use: {item.system.intendedUse}</Text> : null}
        {item.system.intendedUsers ? <Text size="sm">Users: {item.system.intendedUsers}</Text> : null}
        {item.system.patientPopulation ? <Text size="sm">Patients: {item.system.patientPopulation}</Text> : null}
      </Paper>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="lg">
          {sections.map((section) => (
            <Stack gap="xs" key={section} component="section" aria-label={section}>
              <Title order={2} size="h4">
                {section}
              </Title>
              <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
                {item.questions
                  .filter((q) => q.section === section)
                  .map((q) => (
                    <VendorQuestion key={q.id} question={q} draft={draftOf(q.id)} onChange={(next) => setDrafts((old) => new Map(old).set(q.id, next))}>
                      <EvidenceControl item={item} questionId={q.id} />
                    </VendorQuestion>
                  ))}
              </Stack>
            </Stack>
          ))}
          {save.isError ? <ErrorNotice error={save.error} title="The answers were not saved" /> : null}
          <Paper withBorder p="md" radius="md" pos="sticky" bottom={0}>
            <Group align="flex-end" justify="space-between">
              <Text size="sm">
                Signed as <b>{organisation}</b> (Settings), with this workspace's key.
              </Text>
              <Group>
                <Button type="submit" variant="default" disabled={drafts.size === 0} loading={save.isPending}>
                  Save answers
                </Button>
                <Button onClick={() => respond.mutate()} loading={respond.isPending} disabled={item.expired}>
                  Save signed response
                </Button>
              </Group>
            </Group>
            {respond.isError ? <ErrorNotice error={respond.error} title="The response was not made" /> : null}
            {respond.isSuccess ? (
              <Alert color="green" mt="sm" role="status">
                Signed response saved ({respond.data.answers} answers, {respond.data.evidence} files). Send the file {respond.data.fileName} back to {item.organisation}.
              </Alert>
            ) : null}
          </Paper>
        </Stack>
      </form>
    </Stack>
  );
}

/**
 * The vendor workspace (issue 8): a separate area of a vendor's own Vigil where a hospital's
 * request is opened and answered. It shows nothing but what the request file carries.
 */
export function VendorWorkspacePage({ id, organisation }: { id?: string | undefined; organisation: string }) {
  const api = useApi();
  const item = useQuery({ queryKey: inboxKeys.one(id ?? ''), queryFn: () => api.call('vendorInbox.get', { id: id ?? '' }), enabled: id !== undefined });
  return (
    <Stack gap="lg" maw={1000}>
      <div>
        {id ? <Anchor href={hrefFor({ page: 'vendor' })}>← Requests</Anchor> : null}
        <Title order={1}>Vendor workspace</Title>
        <Text c="dimmed">Answer a hospital's transparency request and send back a response signed with this workspace's key.</Text>
      </div>
      {id === undefined ? <Inbox /> : item.isPending ? <Loader size="sm" aria-label="Loading the request" /> : item.isError ? <ErrorNotice error={item.error} /> : <InboxItemView item={item.data} organisation={organisation} />}
    </Stack>
  );
}
