import { Alert, Badge, Button, FileButton, Group, Popover, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { maxEvidenceBytes, type AssessmentDetail, type EvidenceMeta } from '../../../../electron/contract/index.ts';
import { useApi } from '../../api/api-context.tsx';
import { assessmentKeys } from '../../api/queries.ts';
import { useActingAs } from '../../acting/acting-as.ts';
import { saveBytes } from '../../shell/save-download.ts';
import { base64ToBytes, bytesToBase64, formatBytes, formatDateTime, safeMediaType } from './assessment-model.ts';
import { errorText } from '../../text/messages.ts';


function EvidenceItem({ item, readOnly, onChanged }: { item: EvidenceMeta; readOnly: boolean; onChanged: () => Promise<void> }) {
  const api = useApi();
  const { by } = useActingAs();
  const [confirming, setConfirming] = useState(false);
  // An assessor's check that the file shows what the answer claims (a vendor's claim then counts in full).
  const verify = useMutation({
    mutationFn: (verified: boolean) => api.call('evidence.verify', { id: item.id, verified, ...(by ? { by } : {}) }),
    onSuccess: onChanged,
  });
  const checked = item.verifiedAt !== null;
  const download = useMutation({
    mutationFn: async () => {
      const file = await api.call('evidence.get', { id: item.id });
      saveBytes(base64ToBytes(file.dataBase64), file.meta.fileName, file.meta.mediaType);
    },
  });
  const remove = useMutation({
    mutationFn: () => api.call('evidence.remove', { id: item.id }),
    onSuccess: async () => {
      setConfirming(false);
      await onChanged();
    },
  });
  return (
    <Stack gap={2} component="li" aria-label={`Evidence file ${item.fileName}`}>
      <Group gap="xs" wrap="nowrap" justify="space-between" align="flex-start">
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
            {item.fileName}
          </Text>
          <Text size="xs" c="dimmed">
            {formatBytes(item.size)} · added {formatDateTime(item.addedAt)} by {item.addedBy}
          </Text>
          <Text size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
            SHA-256 <span data-testid="sha256">{item.sha256}</span>
          </Text>
          {checked ? (
            <Badge color="teal" variant="light" tt="none" mt={2} data-testid="evidence-checked">
              Checked by {item.verifiedBy} · {formatDateTime(item.verifiedAt ?? '')}
            </Badge>
          ) : (
            <Text size="xs" c="dimmed" data-testid="evidence-checked">
              Not checked yet: a vendor&apos;s claim counts in full only once someone has checked its evidence
            </Text>
          )}
        </div>
        <Group gap={4} wrap="nowrap">
          <Button size="compact-sm" variant="light" loading={download.isPending} onClick={() => download.mutate()} aria-label={`Download ${item.fileName}`}>
            Download
          </Button>
          {!readOnly ? (
            <Button
              size="compact-sm"
              variant={checked ? 'subtle' : 'light'}
              color="teal"
              loading={verify.isPending}
              onClick={() => verify.mutate(!checked)}
              aria-label={checked ? `Unmark ${item.fileName} as checked` : `Mark ${item.fileName} checked`}
            >
              {checked ? 'Unmark' : 'Mark checked'}
            </Button>
          ) : null}
          {!readOnly ? (
            <Popover opened={confirming} onChange={setConfirming} position="bottom-end" withArrow trapFocus returnFocus>
              <Popover.Target>
                <Button size="compact-sm" variant="subtle" color="red" onClick={() => setConfirming((o) => !o)} aria-label={`Remove ${item.fileName}`}>
                  Remove
                </Button>
              </Popover.Target>
              <Popover.Dropdown>
                <Stack gap="xs" maw={260}>
                  <Text size="sm">Detach {item.fileName} from this answer? The removal is recorded in the audit ledger.</Text>
                  <Group gap="xs" justify="flex-end">
                    <Button size="compact-sm" variant="default" onClick={() => setConfirming(false)}>
                      Keep
                    </Button>
                    <Button size="compact-sm" color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
                      Remove file
                    </Button>
                  </Group>
                </Stack>
              </Popover.Dropdown>
            </Popover>
          ) : null}
        </Group>
      </Group>
      {download.isError ? (
        <Alert color="red" role="alert" p="xs">
          {item.fileName} could not be downloaded: {errorText(download.error)}
        </Alert>
      ) : null}
      {verify.isError ? (
        <Alert color="red" role="alert" p="xs">
          {item.fileName} was not {checked ? 'unmarked' : 'marked checked'}: {errorText(verify.error)}
        </Alert>
      ) : null}
      {remove.isError ? (
        <Alert color="red" role="alert" p="xs">
          {item.fileName} was not removed: {errorText(remove.error)}
        </Alert>
      ) : null}
    </Stack>
  );
}

/**
 * Evidence files attached to one answer: name, size and SHA-256 fingerprint, each downloadable
 * byte for byte. Files come from the native open dialog (Electron) or the browser's file picker.
 */
export function EvidenceList({
  assessmentId,
  questionId,
  items,
  readOnly,
}: {
  assessmentId: string;
  questionId: string;
  items: readonly EvidenceMeta[];
  readOnly: boolean;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const resetRef = useRef<() => void>(null);
  const refresh = async () => {
    // The profile depends on evidence (a vendor's claim with evidence counts in full).
    await queryClient.invalidateQueries({ queryKey: assessmentKeys.one(assessmentId), exact: true });
  };
  const add = useMutation({
    mutationFn: async (file: File) => {
      if (file.size > maxEvidenceBytes) {
        throw new Error(`${file.name} is ${(file.size / 1048576).toFixed(1)} MB; evidence files are limited to 25 MB.`);
      }
      const dataBase64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      return api.call('evidence.add', { assessmentId, questionId, fileName: file.name, mediaType: safeMediaType(file.type), dataBase64 });
    },
    onSuccess: async (meta) => {
      queryClient.setQueryData<AssessmentDetail>(assessmentKeys.one(assessmentId), (old) =>
        old && !old.evidence.some((e) => e.id === meta.id) ? { ...old, evidence: [...old.evidence, meta] } : old,
      );
      await refresh();
    },
    onSettled: () => resetRef.current?.(),
  });

  return (
    <Stack gap={6}>
      {items.length > 0 ? (
        <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={`Evidence for ${questionId}`}>
          {items.map((item) => (
            <EvidenceItem key={item.id} item={item} readOnly={readOnly} onChanged={refresh} />
          ))}
        </Stack>
      ) : null}
      {!readOnly ? (
        <FileButton
          onChange={(file) => {
            if (file) add.mutate(file);
          }}
          resetRef={resetRef}
          inputProps={{ 'aria-label': `Evidence file for ${questionId}` }}
        >
          {(props) => (
            <Button {...props} size="compact-sm" variant="default" loading={add.isPending} w="fit-content" aria-label={`Attach evidence to ${questionId}`}>
              Attach evidence
            </Button>
          )}
        </FileButton>
      ) : null}
      {add.isError ? (
        <Alert color="red" role="alert" p="xs" title="The file was not attached">
          {errorText(add.error)}
        </Alert>
      ) : null}
    </Stack>
  );
}
