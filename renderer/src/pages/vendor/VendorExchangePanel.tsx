import { Alert, Badge, Button, Checkbox, Collapse, FileButton, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { maxPackageBytes, maxQuestionnaireDocxBytes, type AssessmentDetail, type ImportPreview } from '../../../../electron/contract/index.ts';
import { useApi } from '../../api/api-context.tsx';
import { assessmentKeys } from '../../api/queries.ts';
import { saveBytes } from '../../shell/save-download.ts';
import { useActingAs } from '../../acting/acting-as.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { base64ToBytes, bytesToBase64, formatBytes, formatDateTime } from '../assessments/assessment-model.ts';
import { ModelCardImport } from './ModelCardImport.tsx';
import { readTextFile } from '../../files/read-text-file.ts';

export const vendorKeys = {
  requests: (assessmentId: string) => ['vendor', 'requests', assessmentId] as const,
};

/** An answer in the words the core gives (option labels, "I don't know"); long text folded. */
const shown = (text: string | null) => (text === null ? '—' : text.length > 280 ? `${text.slice(0, 279)}…` : text);

const changeColors = { new: 'blue', changed: 'orange', same: 'gray' } as const;
const changeWords = { new: 'New', changed: 'Changed', same: 'Unchanged' } as const;

/** What importing would change: key status, each answer against the vendor's last response, evidence. */
function PreviewView({ preview }: { preview: ImportPreview }) {
  return (
    <Stack gap="sm">
      <Text size="sm">
        {preview.vendorName} answered request <Text span ff="monospace">{preview.requestId}</Text> for {preview.systemName} on {formatDateTime(preview.respondedAt)}.
      </Text>
      {preview.key === null ? (
        <Alert color="yellow" title="A Word questionnaire: unsigned" role="note">
          <Text size="sm">
            These answers were read from the boxes of a Word document, which carries no signature. They are recorded as the vendor&apos;s claims, transcribed, and the audit ledger says so.
          </Text>
        </Alert>
      ) : (
        <Alert
          color={preview.key.status === 'repin' ? 'red' : preview.key.status === 'new' ? 'blue' : 'green'}
          title={preview.key.status === 'repin' ? 'The vendor key has changed' : preview.key.status === 'new' ? "First response from this vendor: its key will be pinned" : 'Signed with the pinned vendor key'}
          role="note"
        >
          <Text size="sm">
            Fingerprint <Text span ff="monospace" data-testid="vendor-fingerprint">{preview.key.fingerprint}</Text>
          </Text>
          {preview.key.status === 'repin' ? (
            <Text size="sm">
              Earlier responses were signed by <Text span ff="monospace">{preview.key.pinnedFingerprint}</Text>. Check with the vendor by phone before you accept the new key.
            </Text>
          ) : null}
        </Alert>
      )}
      <Text size="sm" c="dimmed">
        {preview.previousResponse ? `Compared with the vendor's previous response (${preview.previousResponse.requestId}, imported ${formatDateTime(preview.previousResponse.importedAt)}).` : 'No previous response from this vendor for this system.'}
      </Text>
      <Table striped withTableBorder aria-label="Answers in the response">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Question</Table.Th>
            <Table.Th>Change</Table.Th>
            <Table.Th>Previous response</Table.Th>
            <Table.Th>Now in the assessment</Table.Th>
            <Table.Th>Incoming</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.answers.map((a) => (
            <Table.Tr key={a.questionId}>
              <Table.Td>
                <Text size="sm" ff="monospace">{a.questionId}</Text>
                <Text size="xs" c="dimmed">{a.text}</Text>
              </Table.Td>
              <Table.Td>
                <Badge color={changeColors[a.change]} variant="light" tt="none">
                  {changeWords[a.change]}
                </Badge>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{a.change === 'new' ? '—' : shown(a.previousText)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{a.currentSource ? `${shown(a.currentText)} (${a.currentSource})` : '—'}</Table.Td>
              <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{shown(a.incomingText)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {preview.evidence.length > 0 ? (
        <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Evidence files in the response">
          {preview.evidence.map((e) => (
            <Text component="li" size="sm" key={`${e.questionId}-${e.sha256}`}>
              {e.fileName} ({formatBytes(e.size)}) for {e.questionId} · SHA-256 <Text span ff="monospace" size="xs">{e.sha256}</Text>
            </Text>
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}

/** The requests in one line, for the panel's folded state. */
export function requestsSummary(requests: readonly { status: string }[] | undefined): string {
  if (!requests) return '';
  if (requests.length === 0) return 'No request sent yet';
  const open = requests.filter((r) => r.status === 'open').length;
  const imported = requests.filter((r) => r.status === 'imported').length;
  const parts = [`${requests.length} request${requests.length === 1 ? '' : 's'}`];
  if (open > 0) parts.push(`${open} open`);
  if (imported > 0) parts.push(`${imported} answered`);
  return parts.join(' · ');
}

/**
 * The hospital's side of the vendor exchange on an assessment (issue 8): download a signed
 * request for the vendor; upload their signed response, see what it would change, import it.
 */
export function VendorExchangePanel({ detail }: { detail: AssessmentDetail }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { by } = useActingAs();
  const resetRef = useRef<() => void>(null);
  const resetDocxRef = useRef<() => void>(null);
  /** A signed package (its text) or a Word questionnaire (its bytes), with what importing it would change. */
  const [upload, setUpload] = useState<{ text: string; preview: ImportPreview } | { dataBase64: string; preview: ImportPreview } | null>(null);
  const [repin, setRepin] = useState(false);
  const requests = useQuery({ queryKey: vendorKeys.requests(detail.id), queryFn: () => api.call('vendor.requests', { assessmentId: detail.id }) });
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: assessmentKeys.one(detail.id) }), queryClient.invalidateQueries({ queryKey: vendorKeys.requests(detail.id) })]);

  const request = useMutation({
    mutationFn: () => api.call('vendor.request', { assessmentId: detail.id, ...(by ? { by } : {}) }),
    onSuccess: async (created) => {
      saveBytes(created.text, created.fileName, 'application/json');
      await refresh();
    },
  });
  const preview = useMutation({
    mutationFn: async (file: File) => {
      if (file.size > maxPackageBytes) throw new Error(`${file.name} is ${(file.size / 1048576).toFixed(1)} MB; vendor responses are limited to 50 MB.`);
      const text = await readTextFile(file);
      return { text, preview: await api.call('vendor.previewImport', { text }) };
    },
    onSuccess: (result) => {
      setRepin(false);
      setUpload(result);
    },
    onSettled: () => resetRef.current?.(),
  });
  const previewDocx = useMutation({
    mutationFn: async (file: File) => {
      if (file.size > maxQuestionnaireDocxBytes) throw new Error(`${file.name} is ${(file.size / 1048576).toFixed(1)} MB; a Word questionnaire may be at most 20 MB.`);
      const dataBase64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      return { dataBase64, preview: await api.call('vendor.previewDocx', { dataBase64 }) };
    },
    onSuccess: (result) => setUpload(result),
    onSettled: () => resetDocxRef.current?.(),
  });
  /** The Word questionnaire of an open request, for a vendor without Vigil: same request, same deadline. */
  const questionnaire = useMutation({
    mutationFn: async (requestId: string | null) => {
      const id = requestId ?? (await api.call('vendor.request', { assessmentId: detail.id, ...(by ? { by } : {}) })).request.id;
      const file = await api.call('export.questionnaire', { requestId: id, ...(by ? { by } : {}) });
      if (file.dataBase64 !== null) saveBytes(base64ToBytes(file.dataBase64), file.fileName, file.mediaType);
    },
    onSettled: () => refresh(),
  });
  const importIt = useMutation({
    mutationFn: (from: NonNullable<typeof upload>) =>
      'text' in from ? api.call('vendor.import', { text: from.text, repin, ...(by ? { by } : {}) }) : api.call('vendor.importDocx', { dataBase64: from.dataBase64, ...(by ? { by } : {}) }),
    onSuccess: async () => {
      setUpload(null);
      await refresh();
    },
  });
  const needsRepin = upload?.preview.key?.status === 'repin';

  // The imports and the requests are folded away until a request has been sent (docs/accessibility.md,
  // "Help where it is needed"): the first screen of a new assessment is its first question.
  const [moreChosen, setMoreChosen] = useState<boolean | null>(null);
  const more = moreChosen ?? (requests.data?.length ?? 0) > 0;

  return (
    <Paper withBorder px="sm" py={8} radius="md" component="section" aria-labelledby="vendor-exchange-heading">
      <Stack gap="xs">
        <Group justify="space-between" align="center" gap="xs">
          <Group gap="xs" align="baseline">
            <Title order={2} size="h4" id="vendor-exchange-heading">
              Vendor input
            </Title>
            <Text size="sm" c="dimmed" data-testid="vendor-summary">
              {requestsSummary(requests.data)}
            </Text>
          </Group>
          <Group gap="xs">
            <Button variant="light" size="sm" onClick={() => request.mutate()} loading={request.isPending} disabled={!detail.editable}>
              Request vendor input
            </Button>
            <Button variant="light" size="sm" onClick={() => questionnaire.mutate(null)} loading={questionnaire.isPending} disabled={!detail.editable}>
              Request as Word questionnaire
            </Button>
            <Button
              variant="subtle"
              size="sm"
              aria-expanded={more}
              aria-controls="vendor-exchange-more"
              onClick={() => setMoreChosen(!more)}
            >
              {more ? 'Hide imports' : 'Import a response or model card…'}
            </Button>
          </Group>
        </Group>
        <Collapse expanded={more} keepMountedMode="display-none" id="vendor-exchange-more">
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              Send the vendor a signed request (or, for a vendor without Vigil, a Word questionnaire) for the questions only they can answer; import their response here.
            </Text>
            <Group gap="xs">
              <FileButton onChange={(file) => file && preview.mutate(file)} accept="application/json,.json" resetRef={resetRef} inputProps={{ 'aria-label': 'Vendor response file' }}>
                {(props) => (
                  <Button {...props} size="sm" variant="default" loading={preview.isPending} disabled={!detail.editable}>
                    Import vendor response
                  </Button>
                )}
              </FileButton>
              <FileButton
                onChange={(file) => file && previewDocx.mutate(file)}
                accept="application/vnd.openxmlformats-officedocument.wordprocessingml.document,.docx"
                resetRef={resetDocxRef}
                inputProps={{ 'aria-label': 'Filled-in Word questionnaire' }}
              >
                {(props) => (
                  <Button {...props} size="sm" variant="default" loading={previewDocx.isPending} disabled={!detail.editable}>
                    Import Word questionnaire
                  </Button>
                )}
              </FileButton>
              <ModelCardImport detail={detail} />
            </Group>
            {requests.data && requests.data.length > 0 ? (
              <Stack gap={2} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Vendor requests">
                {requests.data.map((r) => (
                  <Text component="li" size="sm" key={r.id}>
                    <Text span ff="monospace">{r.id}</Text> · {r.questionCount} questions · issued {formatDateTime(r.issuedAt)} ·{' '}
                    {r.status === 'imported' ? `response from ${r.vendorName ?? 'the vendor'} imported ${formatDateTime(r.importedAt ?? '')}` : r.status === 'expired' ? 'expired' : `open until ${formatDateTime(r.expiresAt)}`}
                    {r.status === 'open' ? (
                      <>
                        {' · '}
                        <Button variant="subtle" size="compact-sm" onClick={() => questionnaire.mutate(r.id)} disabled={questionnaire.isPending} aria-label={`Word questionnaire for ${r.id}`}>
                          Word questionnaire
                        </Button>
                      </>
                    ) : null}
                  </Text>
                ))}
              </Stack>
            ) : null}
          </Stack>
        </Collapse>
        {request.isError ? <ErrorNotice error={request.error} title="The request was not made" /> : null}
        {preview.isError ? <ErrorNotice error={preview.error} title="The vendor response was refused" /> : null}
        {questionnaire.isError ? <ErrorNotice error={questionnaire.error} title="The Word questionnaire was not written" /> : null}
        {previewDocx.isError ? <ErrorNotice error={previewDocx.error} title="The Word questionnaire was refused" /> : null}
      </Stack>
      <Modal opened={upload !== null} onClose={() => setUpload(null)} title={upload && 'dataBase64' in upload ? 'Import Word questionnaire' : 'Import vendor response'} size="xl">
        {upload ? (
          <Stack gap="md">
            <PreviewView preview={upload.preview} />
            {needsRepin ? (
              <Checkbox
                checked={repin}
                onChange={(e) => setRepin(e.currentTarget.checked)}
                label={`I have confirmed with the vendor that their key is now ${upload.preview.key?.fingerprint ?? ''} (recorded in the audit ledger)`}
              />
            ) : null}
            {importIt.isError ? <ErrorNotice error={importIt.error} title="Nothing was imported" /> : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setUpload(null)}>
                Cancel
              </Button>
              <Button onClick={() => importIt.mutate(upload)} loading={importIt.isPending} disabled={needsRepin && !repin}>
                Import {upload.preview.answers.length} answer(s)
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </Paper>
  );
}
