import { Button, Group, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { ActingAs } from '../../../../electron/contract/index.ts';
import { ApiError } from '../../api/api-client.ts';
import { useApi } from '../../api/api-context.tsx';
import { useGovernanceMutation, usePeople } from '../../api/queries.ts';
import { issuesOnForm } from '../../components/form-issues.ts';
import { decisionLabels, roleLabel } from '../../text/labels.ts';
import { checkTasks, emptyTask, TaskRows, trimTasks, type Task, type TaskErrors } from '../../components/TaskRows.tsx';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { signOffEvents, type SignOffEvent } from './review-model.ts';

const decisionHelp: Record<SignOffEvent, string> = {
  'review.approve': 'The assessment is sound and its risks are understood.',
  'review.approveWithConditions': 'Approve, provided named people meet conditions by their due dates.',
  'review.return': 'Send it back to the assessor for changes; say what to change.',
  'review.reject': 'Do not proceed with this system at this stage; say why.',
};

/** One reviewer's sign-off: decision, comment, and conditions when approving with conditions. */
export function SignOffDialog({
  assessmentId,
  allowed,
  by,
  signOffsSoFar,
  required,
  revision,
  opened,
  onClose,
}: {
  assessmentId: string;
  /** The revision of the review state the reviewer was shown (sent as expectedRevision). */
  revision?: number | undefined;
  allowed: readonly string[];
  by: ActingAs;
  signOffsSoFar: number;
  required: number;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title="Sign off this assessment" size={860}>
      {opened ? (
        <SignOffForm assessmentId={assessmentId} allowed={allowed} by={by} signOffsSoFar={signOffsSoFar} required={required} revision={revision} onDone={onClose} />
      ) : null}
    </Modal>
  );
}

function SignOffForm({
  assessmentId,
  allowed,
  by,
  signOffsSoFar,
  required,
  revision,
  onDone,
}: {
  assessmentId: string;
  revision: number | undefined;
  allowed: readonly string[];
  by: ActingAs;
  signOffsSoFar: number;
  required: number;
  onDone: () => void;
}) {
  const api = useApi();
  const people = usePeople();
  const names = (people.data ?? []).filter((p) => p.active).map((p) => p.name);
  const send = useGovernanceMutation((input: { event: SignOffEvent; comment: string; conditions: Task[] }) =>
    api.call('workflow.send', { entityId: assessmentId, by, ...input, ...(revision !== undefined ? { expectedRevision: revision } : {}) }),
  );
  const choices = signOffEvents.filter((e) => allowed.includes(e));
  const [decision, setDecision] = useState<SignOffEvent | null>(null);
  const [comment, setComment] = useState('');
  const [conditions, setConditions] = useState<Task[]>([emptyTask()]);
  const [errors, setErrors] = useState<{ decision?: string; comment?: string; conditions: TaskErrors }>({ conditions: {} });

  const needsComment = decision === 'review.return' || decision === 'review.reject';
  const withConditions = decision === 'review.approveWithConditions';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next = {
      decision: decision ? undefined : 'Choose a decision',
      comment: needsComment && comment.trim() === '' ? `Say why you ${decision === 'review.return' ? 'return it' : 'reject it'}` : undefined,
      conditions: withConditions ? checkTasks(conditions, 'condition') : {},
    };
    setErrors(next);
    if (!decision || next.decision || next.comment || Object.keys(next.conditions).length > 0) return;
    try {
      await send.mutateAsync({ event: decision, comment: comment.trim(), conditions: withConditions ? trimTasks(conditions) : [] });
      onDone();
    } catch (error) {
      const issues = error instanceof ApiError ? (error.error.details?.issues ?? []) : [];
      const placed = issuesOnForm(issues, ['comment'], { rows: 'conditions' });
      setErrors({ ...placed.fields, conditions: placed.rows });
    }
  };

  const last = signOffsSoFar + 1 >= required;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Sign-off">
      <Stack gap="md">
        <Text size="sm">
          Signing as <strong>{by.name}</strong> ({roleLabel(by.role)}). This is sign-off {signOffsSoFar + 1}; {required} approval
          {required === 1 ? ' is' : 's are'} required{last ? ', so an approval now decides the review' : ''}. A return or a rejection decides it at once.
        </Text>
        <Radio.Group
          label="Decision"
          withAsterisk
          value={decision}
          onChange={(v) => {
            setDecision(v as SignOffEvent);
            setErrors((e) => ({ ...e, decision: undefined, comment: undefined }));
          }}
          error={errors.decision}
        >
          <Stack gap={8} mt={6}>
            {choices.map((e) => (
              <Radio key={e} value={e} label={decisionLabels[e.slice('review.'.length)]} description={decisionHelp[e]} />
            ))}
          </Stack>
        </Radio.Group>
        <Textarea
          label="Comment"
          description={needsComment ? 'Required: the assessor sees it at the top of the assessment' : 'Optional'}
          withAsterisk={needsComment}
          autosize
          minRows={2}
          value={comment}
          onChange={(e) => {
            setComment(e.currentTarget.value);
            setErrors((x) => ({ ...x, comment: undefined }));
          }}
          error={errors.comment}
        />
        {withConditions ? (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              Conditions{' '}
              <Text span c="dimmed" size="sm" fw={400}>
                (each with an owner and a due date)
              </Text>
            </Text>
            <TaskRows
              noun="Condition"
              tasks={conditions}
              onChange={(t) => {
                setConditions(t);
                setErrors((e) => ({ ...e, conditions: {} }));
              }}
              errors={errors.conditions}
              ownerSuggestions={names}
            />
          </Stack>
        ) : null}
        {send.isError && !(send.error instanceof ApiError && send.error.error.details?.issues?.length) ? (
          <ErrorNotice error={send.error} title="The sign-off was not recorded" />
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={send.isPending}>
            Record sign-off
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
