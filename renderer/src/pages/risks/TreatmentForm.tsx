import { Autocomplete, Button, Group, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { ActingAs, Risk } from '../../../../electron/contract/index.ts';
import { ApiError } from '../../api/api-client.ts';
import { useApi } from '../../api/api-context.tsx';
import { useGovernanceMutation } from '../../api/queries.ts';
import { issuesOnForm } from '../../components/form-issues.ts';
import { checkTasks, emptyTask, TaskRows, trimTasks, type Task, type TaskErrors } from '../../components/TaskRows.tsx';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';

type Kind = 'mitigate' | 'transfer' | 'avoid';

const kindOptions: { value: Kind; label: string; description: string }[] = [
  { value: 'mitigate', label: 'Mitigate', description: 'Reduce the likelihood or impact with actions, each with an owner and a due date' },
  { value: 'transfer', label: 'Transfer', description: 'Move the risk to another party, e.g. contract terms, indemnity or insurance' },
  { value: 'avoid', label: 'Avoid', description: 'Stop the activity that creates the risk, e.g. do not use the feature or do not buy' },
];

/** Plan a treatment: kind, owner, plan and (for a mitigation) its actions → risks.treat. */
export function TreatmentForm({ risk, by, ownerSuggestions, onSaved }: { risk: Risk; by: ActingAs; ownerSuggestions: string[]; onSaved: () => void }) {
  const api = useApi();
  const treat = useGovernanceMutation((treatment: { kind: Kind; owner: string; plan: string; actions: Task[] }) =>
    api.call('risks.treat', { id: risk.id, treatment, by }),
  );
  const current = risk.treatment;
  const [kind, setKind] = useState<Kind>((current?.kind as Kind | undefined) ?? 'mitigate');
  const [owner, setOwner] = useState(current?.owner ?? (by.role === 'riskOwner' ? by.name : ''));
  const [plan, setPlan] = useState(current?.plan ?? '');
  const [actions, setActions] = useState<Task[]>(() => (current && current.actions.length > 0 ? current.actions : [emptyTask(by.role === 'riskOwner' ? by.name : '')]));
  const [errors, setErrors] = useState<{ owner?: string; plan?: string; actions: TaskErrors }>({ actions: {} });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next = {
      owner: owner.trim() === '' ? 'Name the person who owns this treatment' : undefined,
      plan: plan.trim() === '' ? 'Describe the plan' : undefined,
      actions: kind === 'mitigate' ? checkTasks(actions, 'action') : {},
    };
    setErrors(next);
    if (next.owner || next.plan || Object.keys(next.actions).length > 0) return;
    try {
      await treat.mutateAsync({ kind, owner: owner.trim(), plan: plan.trim(), actions: kind === 'mitigate' ? trimTasks(actions) : [] });
      onSaved();
    } catch (error) {
      const issues = error instanceof ApiError ? (error.error.details?.issues ?? []) : [];
      const placed = issuesOnForm(issues, ['owner', 'plan'], { prefix: 'treatment.', rows: 'actions' });
      setErrors({ ...placed.fields, actions: placed.rows });
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Treatment plan">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {current ? 'Change the treatment plan' : 'Plan a treatment'}
        </Title>
        <Radio.Group label="Treatment" value={kind} onChange={(v) => setKind(v as Kind)} withAsterisk>
          <Stack gap={6} mt={4}>
            {kindOptions.map((o) => (
              <Radio key={o.value} value={o.value} label={o.label} description={o.description} />
            ))}
          </Stack>
        </Radio.Group>
        <Autocomplete
          label="Treatment owner"
          data={ownerSuggestions}
          value={owner}
          onChange={(v) => {
            setOwner(v);
            setErrors((e) => ({ ...e, owner: undefined }));
          }}
          error={errors.owner}
          withAsterisk
          maw={320}
        />
        <Textarea
          label="Plan"
          description="What will be done and how it brings the risk down"
          autosize
          minRows={2}
          value={plan}
          onChange={(e) => {
            setPlan(e.currentTarget.value);
            setErrors((x) => ({ ...x, plan: undefined }));
          }}
          error={errors.plan}
          withAsterisk
        />
        {kind === 'mitigate' ? (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              Actions{' '}
              <Text span c="dimmed" size="sm" fw={400}>
                (at least one)
              </Text>
            </Text>
            <TaskRows
              noun="Action"
              tasks={actions}
              onChange={(t) => {
                setActions(t);
                setErrors((e) => ({ ...e, actions: {} }));
              }}
              errors={errors.actions}
              ownerSuggestions={ownerSuggestions}
            />
          </Stack>
        ) : null}
        {treat.isError && !(treat.error instanceof ApiError && treat.error.error.details?.issues?.length) ? (
          <ErrorNotice error={treat.error} title="The treatment was not saved" />
        ) : null}
        <Group>
          <Button type="submit" loading={treat.isPending}>
            Save treatment plan
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
