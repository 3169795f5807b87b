import { ActionIcon, Autocomplete, Button, Group, Stack, Text, TextInput } from '@mantine/core';

export interface Task {
  text: string;
  owner: string;
  due: string;
}

export const emptyTask = (owner = ''): Task => ({ text: '', owner, due: '' });

/** Errors keyed `${index}.text`, `${index}.owner`, `${index}.due`. */
export type TaskErrors = Record<string, string | undefined>;

/**
 * Rows of text + owner + due date: a mitigation's actions or an approval's conditions. Owners
 * are suggested from the people in Settings but any name can be typed.
 */
export function TaskRows({
  noun,
  tasks,
  onChange,
  errors,
  ownerSuggestions,
  minRows = 1,
}: {
  noun: 'Action' | 'Condition';
  tasks: Task[];
  onChange: (tasks: Task[]) => void;
  errors: TaskErrors;
  ownerSuggestions: string[];
  minRows?: number;
}) {
  const update = (index: number, patch: Partial<Task>) => onChange(tasks.map((t, i) => (i === index ? { ...t, ...patch } : t)));
  return (
    <Stack gap="xs">
      {tasks.map((task, i) => (
        <Group key={i} align="flex-start" gap="xs" wrap="nowrap" role="group" aria-label={`${noun} ${i + 1}`}>
          <Text size="sm" c="dimmed" w={18} mt={30}>
            {i + 1}.
          </Text>
          <TextInput
            label={noun}
            placeholder={noun === 'Action' ? 'e.g. Train ward staff on the failure modes' : 'e.g. Re-validate on local data within 3 months'}
            value={task.text}
            error={errors[`${i}.text`]}
            onChange={(e) => update(i, { text: e.currentTarget.value })}
            style={{ flex: 1 }}
            withAsterisk
          />
          <Autocomplete
            label="Owner"
            data={ownerSuggestions}
            value={task.owner}
            error={errors[`${i}.owner`]}
            onChange={(owner) => update(i, { owner })}
            w={190}
            withAsterisk
          />
          <TextInput
            label="Due"
            type="date"
            value={task.due}
            error={errors[`${i}.due`]}
            onChange={(e) => update(i, { due: e.currentTarget.value })}
            w={160}
            withAsterisk
          />
          <ActionIcon
            variant="subtle"
            color="gray"
            mt={28}
            size="lg"
            disabled={tasks.length <= minRows}
            onClick={() => onChange(tasks.filter((_, j) => j !== i))}
            aria-label={`Remove ${noun.toLowerCase()} ${i + 1}`}
          >
            ✕
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button size="compact-sm" variant="light" onClick={() => onChange([...tasks, emptyTask()])} disabled={tasks.length >= 20}>
          Add {noun.toLowerCase()}
        </Button>
      </Group>
    </Stack>
  );
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Every row needs text, an owner and a due date. */
export function checkTasks(tasks: Task[], noun: string): TaskErrors {
  const errors: TaskErrors = {};
  tasks.forEach((t, i) => {
    if (t.text.trim() === '') errors[`${i}.text`] = `Describe the ${noun.toLowerCase()}`;
    if (t.owner.trim() === '') errors[`${i}.owner`] = 'Name an owner';
    if (!isoDate.test(t.due)) errors[`${i}.due`] = 'Choose a due date';
  });
  return errors;
}

export const trimTasks = (tasks: Task[]): Task[] => tasks.map((t) => ({ text: t.text.trim(), owner: t.owner.trim(), due: t.due }));
