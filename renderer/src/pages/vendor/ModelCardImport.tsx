import { Alert, Badge, Button, Checkbox, FileButton, Group, Modal, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { maxModelCardBytes, type AnswerValue, type AssessmentDetail, type ModelCardItem, type ModelCardMismatch, type ModelCardPreview } from '../../../../electron/contract/index.ts';
import { useApi } from '../../api/api-context.tsx';
import { assessmentKeys } from '../../api/queries.ts';
import { useActingAs } from '../../acting/acting-as.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { readTextFile } from '../../files/read-text-file.ts';

const shown = (value: AnswerValue | null) => (value === null ? '—' : Array.isArray(value) ? value.join(', ') : String(value));

export const actionLabel = (item: ModelCardItem): { label: string; color: string } =>
  item.action === 'fill'
    ? { label: 'fill', color: 'blue' }
    : item.action === 'same'
      ? { label: 'already so', color: 'gray' }
      : item.action === 'hidden'
        ? { label: 'skipped: not shown', color: 'gray' }
        : item.write
          ? { label: 'overwrite', color: 'red' }
          : { label: 'keep current answer', color: 'orange' };

/** Long card text is shown folded: the preview is for checking, the whole text is in the answer. */
export const excerpt = (value: AnswerValue | null) => {
  const text = shown(value);
  return text.length > 280 ? `${text.slice(0, 279)}…` : text;
};

/** What differs between the card and the system, side by side; the confirmation is a separate step below it. */
export function MismatchWarning({ mismatch }: { mismatch: ModelCardMismatch }) {
  const rows = [
    ...(mismatch.product ? [['Product', mismatch.product.card, mismatch.product.system] as const] : []),
    ...(mismatch.developer ? [['Developer', mismatch.developer.card, mismatch.developer.system] as const] : []),
  ];
  return (
    <Alert color="red" title="This card may be for another product" role="alert">
      <Stack gap="xs">
        <Text size="sm">{mismatch.message}</Text>
        <Table withTableBorder aria-label="What differs between the card and the system">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>
                <VisuallyHidden>Field</VisuallyHidden>
              </Table.Th>
              <Table.Th>The card says</Table.Th>
              <Table.Th>The system in Vigil</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(([what, card, system]) => (
              <Table.Tr key={what}>
                <Table.Th scope="row">{what}</Table.Th>
                <Table.Td>{card ?? 'not named'}</Table.Td>
                <Table.Td>{system}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Alert>
  );
}

/** The card's reported results (v0.2: label, value, interval; v0.1: the free-text result), by area. */
function MetricsView({ preview }: { preview: ModelCardPreview }) {
  if (preview.metrics.length === 0) return <Text size="sm" c="dimmed">The card reports no results.</Text>;
  return (
    <Table striped withTableBorder aria-label="Results reported in the model card">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Area</Table.Th>
          <Table.Th>Metric</Table.Th>
          <Table.Th>Result</Table.Th>
          <Table.Th>Measured on</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {preview.metrics.map((m, i) => (
          <Table.Tr key={`${m.area}-${i}`}>
            <Table.Td>{m.areaTitle}</Table.Td>
            <Table.Td>
              {m.label}
              {m.subgroup ? <Text size="xs" c="dimmed">Subgroup: {m.subgroup}</Text> : null}
            </Table.Td>
            <Table.Td>{m.valueText}</Table.Td>
            <Table.Td>{m.dataset ? excerpt(m.dataset) : '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ModelCardPreviewView({ preview }: { preview: ModelCardPreview }) {
  const missing = preview.sections.filter((s) => !s.found);
  return (
    <Stack gap="sm">
      <Text size="sm">
        {preview.fileName}: {preview.modelName ?? 'the model is not named'}
        {preview.developer ? ` by ${preview.developer}` : ''} · {preview.schemaVersion ? `CHAI schema v${preview.schemaVersion}` : 'schema version not stated'} · SHA-256{' '}
        <Text span ff="monospace" size="xs">{preview.sha256}</Text>
      </Text>
      <Text size="sm">
        For {preview.system.name} ({preview.system.vendor}). EHR compatibility: {preview.ehrCompatibility.length > 0 ? preview.ehrCompatibility.join('; ') : 'not stated'}.
      </Text>
      <Text size="sm" c={preview.signature.present ? 'orange.9' : 'dimmed'}>
        {preview.signature.present ? `Signed${preview.signature.signer ? ` (names ${preview.signature.signer})` : ''}, not verified: ${preview.signature.note}` : preview.signature.note}
      </Text>
      <Text size="sm" c="dimmed">
        Sections found: {preview.sections.filter((s) => s.found).length} of {preview.sections.length}
        {missing.length > 0 ? ` (not found: ${missing.map((s) => s.title).join(', ')})` : ''}. Answers are recorded as the vendor's; without verifying evidence they count at half strength.
      </Text>
      {preview.items.length === 0 ? (
        <Alert color="gray" role="note">Nothing in this card maps to a question of this assessment.</Alert>
      ) : (
        <Table striped withTableBorder aria-label="Answers from the model card">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Question</Table.Th>
              <Table.Th>Action</Table.Th>
              <Table.Th>Now</Table.Th>
              <Table.Th>From the card</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.items.map((item) => {
              const action = actionLabel(item);
              return (
                <Table.Tr key={item.questionId}>
                  <Table.Td>
                    <Text size="sm" ff="monospace">{item.questionId}</Text>
                    <Text size="xs" c="dimmed">{item.text}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={action.color} variant="light">{action.label}</Badge>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{item.beforeSource ? `${excerpt(item.beforeText)} (${item.beforeSource})` : '—'}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'pre-wrap' }}>
                    {excerpt(item.afterText)}
                    {item.truncated ? <Text size="xs" c="orange">Cut to the 10,000-character answer limit.</Text> : null}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <Text size="sm" c="dimmed">{preview.evidenceQuestion ? `The card file will be attached as evidence to ${preview.evidenceQuestion}.` : 'The card file will not be attached.'}</Text>
      <MetricsView preview={preview} />
    </Stack>
  );
}

/**
 * "Import a CHAI model card": pick the vendor's XML card, see which answers it would fill
 * (the core refuses DTDs, entities and the like with a message shown here), then apply.
 */
export function ModelCardImport({ detail }: { detail: AssessmentDetail }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { by } = useActingAs();
  const resetRef = useRef<() => void>(null);
  const [upload, setUpload] = useState<{ text: string; fileName: string; preview: ModelCardPreview } | null>(null);
  const [overwrite, setOverwrite] = useState(false);
  // A separate, explicit step: a card naming another product is applied only after this is ticked.
  const [confirmMismatch, setConfirmMismatch] = useState(false);

  const previewFor = (text: string, fileName: string, replace: boolean) => api.call('modelCard.preview', { assessmentId: detail.id, text, fileName, overwrite: replace });
  const preview = useMutation({
    mutationFn: async (file: File) => {
      if (file.size > maxModelCardBytes) throw new Error(`${file.name} is ${(file.size / 1048576).toFixed(1)} MB; model cards are limited to 5 MB.`);
      const text = await readTextFile(file);
      return { text, fileName: file.name, preview: await previewFor(text, file.name, false) };
    },
    onSuccess: (result) => {
      setOverwrite(false);
      setConfirmMismatch(false);
      setUpload(result);
    },
    onSettled: () => resetRef.current?.(),
  });
  const rePreview = useMutation({
    mutationFn: async (replace: boolean) => (upload ? { ...upload, preview: await previewFor(upload.text, upload.fileName, replace) } : null),
    onSuccess: (result) => result && setUpload(result),
  });
  const apply = useMutation({
    mutationFn: (u: { text: string; fileName: string }) => api.call('modelCard.apply', { assessmentId: detail.id, text: u.text, fileName: u.fileName, overwrite, confirmMismatch, ...(by ? { by } : {}) }),
    onSuccess: async () => {
      setUpload(null);
      await queryClient.invalidateQueries({ queryKey: assessmentKeys.one(detail.id) });
    },
  });
  const conflicts = upload?.preview.items.filter((i) => i.action === 'conflict').length ?? 0;
  const writes = upload?.preview.items.filter((i) => i.write).length ?? 0;
  const mismatch = upload?.preview.mismatch ?? null;

  return (
    <>
      <FileButton onChange={(file) => file && preview.mutate(file)} accept="application/xml,text/xml,.xml" resetRef={resetRef} inputProps={{ 'aria-label': 'CHAI model card file' }}>
        {(props) => (
          <Button {...props} size="sm" variant="default" loading={preview.isPending} disabled={!detail.editable}>
            Import a CHAI model card
          </Button>
        )}
      </FileButton>
      {preview.isError ? <ErrorNotice error={preview.error} title="The model card was refused" /> : null}
      <Modal opened={upload !== null} onClose={() => setUpload(null)} title="Import a CHAI model card" size="xl">
        {upload ? (
          <Stack gap="md">
            {mismatch ? <MismatchWarning mismatch={mismatch} /> : null}
            <ModelCardPreviewView preview={upload.preview} />
            {conflicts > 0 ? (
              <Checkbox
                checked={overwrite}
                onChange={(e) => {
                  setOverwrite(e.currentTarget.checked);
                  rePreview.mutate(e.currentTarget.checked);
                }}
                label={`Replace the ${conflicts} answer(s) already given with the card's`}
              />
            ) : null}
            {mismatch ? (
              <Checkbox
                checked={confirmMismatch}
                onChange={(e) => setConfirmMismatch(e.currentTarget.checked)}
                color="red"
                label={`I have checked with the vendor: this card describes ${upload.preview.system.name} although its ${[mismatch.product ? 'product name' : null, mismatch.developer ? 'developer' : null].filter(Boolean).join(' and ')} differ${mismatch.product && mismatch.developer ? '' : 's'}. Apply it anyway (recorded in the audit ledger).`}
              />
            ) : null}
            {rePreview.isError ? <ErrorNotice error={rePreview.error} title="The preview could not be updated" /> : null}
            {apply.isError ? <ErrorNotice error={apply.error} title="Nothing was filled" /> : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setUpload(null)}>
                Cancel
              </Button>
              <Button onClick={() => apply.mutate(upload)} loading={apply.isPending || rePreview.isPending} disabled={(writes === 0 && upload.preview.evidenceQuestion === null) || (mismatch !== null && !confirmMismatch)}>
                Apply {writes} answer(s)
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </>
  );
}
