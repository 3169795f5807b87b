import { Anchor, Badge, Button, Group, Modal, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type MouseEvent } from 'react';
import type { AssessmentDetail, Contradiction } from '../../../../electron/contract/index.ts';
import { useApi } from '../../api/api-context.tsx';
import { applyAnswerResult } from '../../api/queries.ts';
import { useActingAs } from '../../acting/acting-as.ts';
import { formatDateTime } from './assessment-model.ts';
import type { QuestionLinker } from '../../components/ThreatExplanation.tsx';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';

type Side = Contradiction['credits'][number];

/** Whose answer it is, in words: the assessor's finding, the vendor's claim, or an approved earlier stage's. */
export function whose(side: Side): string {
  const who = side.source === 'vendor' ? "the vendor's claim" : "the assessor's finding";
  return side.fromAssessment ? `${who}, approved earlier in ${side.fromAssessment}` : who;
}

function SideLine({ side, linker }: { side: Side; linker: QuestionLinker }) {
  return (
    <Text size="sm" component="li">
      <Anchor
        href={linker.href(side.questionId)}
        onClick={(event: MouseEvent) => {
          if (side.fromAssessment) return;
          event.preventDefault();
          linker.go(side.questionId);
        }}
        ff="monospace"
        fz="sm"
      >
        {side.questionId}
      </Anchor>{' '}
      answered &ldquo;{side.answerText}&rdquo; ({whose(side)})
    </Text>
  );
}

function ResolveDialog({ detail, contradiction, onClose }: { detail: AssessmentDetail; contradiction: Contradiction | null; onClose: () => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { by } = useActingAs();
  const [decision, setDecision] = useState<'credit' | 'deny' | null>(null);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const resolve = useMutation({
    mutationFn: (input: { controlId: string; decision: 'credit' | 'deny'; note: string }) =>
      api.call('assessments.resolveContradiction', { assessmentId: detail.id, ...input, ...(by ? { by } : {}) }),
    onSuccess: async (result) => {
      await applyAnswerResult(queryClient, detail.id, result);
      close();
    },
  });
  const close = () => {
    setDecision(null);
    setNote('');
    setNoteError(null);
    resolve.reset();
    onClose();
  };
  const submit = () => {
    if (!contradiction || !decision) return;
    if (note.trim() === '') {
      setNoteError('Say why: a note is required');
      return;
    }
    resolve.mutate({ controlId: contradiction.controlId, decision, note: note.trim() });
  };
  return (
    <Modal
      opened={contradiction !== null}
      onClose={close}
      title={contradiction ? `Resolve: ${contradiction.controlName}` : 'Resolve a contradiction'}
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {contradiction ? (
        <Stack gap="sm">
          <Text size="sm">
            The answers disagree about this safeguard, so it is not counted. Say which is right, after checking (e.g. the configuration, the contract or the
            vendor&apos;s evidence). The decision holds while these answers stay as they are.
          </Text>
          <Radio.Group
            label="Decision"
            withAsterisk
            value={decision}
            onChange={(v) => setDecision(v as 'credit' | 'deny')}
          >
            <Stack gap={6} mt={6}>
              <Radio value="credit" label="The safeguard is in place: credit it" />
              <Radio value="deny" label="The safeguard is not in place" />
            </Stack>
          </Radio.Group>
          <Textarea
            label="Note"
            description="Why: what you checked, and what it showed"
            withAsterisk
            autosize
            minRows={2}
            maxLength={2000}
            value={note}
            error={noteError}
            onChange={(e) => {
              setNote(e.currentTarget.value);
              setNoteError(null);
            }}
          />
          {resolve.isError ? (
            <ErrorNotice error={resolve.error} title="Not resolved" />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button onClick={submit} disabled={decision === null} loading={resolve.isPending}>
              Save resolution
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}

/**
 * Answers that disagree about one safeguard (scoring model 2): which answer says it is in place,
 * which says it is not, and whose each is. An open one is scored as not in place until an
 * assessor resolves it, with a note.
 */
export function ContradictionsPanel({ detail, linker }: { detail: AssessmentDetail; linker: QuestionLinker }) {
  const contradictions = detail.profile.contradictions ?? [];
  const [resolving, setResolving] = useState<string | null>(null);
  if (contradictions.length === 0) return null;
  const open = contradictions.filter((c) => c.resolution === null).length;
  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-labelledby="contradictions-heading">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h4" id="contradictions-heading">
            Contradictions
          </Title>
          <Badge color={open > 0 ? 'orange' : 'teal'} variant="light" tt="none">
            {open > 0 ? `${open} open` : 'all resolved'}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          Answers that disagree about a safeguard. Until someone resolves it, the safeguard is scored as not in place.
        </Text>
        <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Contradictions">
          {contradictions.map((c) => (
            <Paper key={c.controlId} component="li" withBorder p="xs" radius="sm" aria-label={c.controlName} data-control={c.controlId}>
              <Stack gap={4}>
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Text size="sm" fw={600}>
                    {c.controlName}{' '}
                    <Text span ff="monospace" c="dimmed" size="xs">
                      ({c.controlId})
                    </Text>
                  </Text>
                  {c.resolution ? (
                    <Badge color={c.resolution.decision === 'credit' ? 'teal' : 'red'} variant="light" tt="none">
                      Resolved: {c.resolution.decision === 'credit' ? 'in place' : 'not in place'}
                    </Badge>
                  ) : (
                    <Badge color="orange" variant="light" tt="none">
                      Open: not counted
                    </Badge>
                  )}
                </Group>
                <Text size="sm">Says it is in place:</Text>
                <Stack gap={0} component="ul" m={0} pl="md">
                  {c.credits.map((s) => (
                    <SideLine key={`${s.fromAssessment ?? ''}${s.questionId}`} side={s} linker={linker} />
                  ))}
                </Stack>
                <Text size="sm">Says it is not in place:</Text>
                <Stack gap={0} component="ul" m={0} pl="md">
                  {c.denies.map((s) => (
                    <SideLine key={`${s.fromAssessment ?? ''}${s.questionId}`} side={s} linker={linker} />
                  ))}
                </Stack>
                {c.resolution ? (
                  <Text size="sm" c="dimmed">
                    {c.resolution.by}, {formatDateTime(c.resolution.at)}: &ldquo;{c.resolution.note}&rdquo;
                  </Text>
                ) : null}
                {detail.editable ? (
                  <Group>
                    <Button size="compact-sm" variant="light" onClick={() => setResolving(c.controlId)} aria-haspopup="dialog" aria-label={`${c.resolution ? 'Change resolution' : 'Resolve'}: ${c.controlName}`}>
                      {c.resolution ? 'Change resolution' : 'Resolve'}
                    </Button>
                  </Group>
                ) : null}
              </Stack>
            </Paper>
          ))}
        </Stack>
      </Stack>
      <ResolveDialog detail={detail} contradiction={contradictions.find((c) => c.controlId === resolving) ?? null} onClose={() => setResolving(null)} />
    </Paper>
  );
}
