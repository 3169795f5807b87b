import { Badge, Button, Collapse, FileButton, Group, List, Paper, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { maxTrainingFileBytes, type AiSystem, type FieldIssue, type ReadinessSummary, type TrainingImportResult } from '../../../../electron/contract/index.ts';
import { ApiError } from '../../api/api-client.ts';
import { useApi } from '../../api/api-context.tsx';
import { useGovernanceMutation } from '../../api/queries.ts';
import { issuesOnForm } from '../../components/form-issues.ts';
import { readTextFile } from '../../files/read-text-file.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { formatDate, formatNumber, todayIso } from '../../text/format.ts';
import { issueWords } from '../../text/messages.ts';

/*
 * Clinician readiness on the system page (docs/readiness.md): per role group its latest training
 * against the hospital's target, a shortfall or an overdue refresher said in words (the badge's
 * colour only repeats them), a form to record one group's training, and a file import.
 */

const trainingKey = (systemId: string) => ['training', systemId] as const;

type Group = ReadinessSummary['groups'][number];

const percent = (g: Group) => `${formatNumber(Math.floor((g.latest.trained * 100) / g.latest.using))}%`;

function GroupStatus({ group, target }: { group: Group; target: number }) {
  const words = [group.belowTarget ? `Below the ${target}% target` : 'Meets the target', ...(group.refresherOverdue ? ['refresher overdue'] : [])].join('; ');
  return (
    <Badge color={group.shortfall ? 'red' : 'green'} variant="light" style={{ textTransform: 'none' }}>
      {words}
    </Badge>
  );
}

const fields = ['role', 'trained', 'using', 'date', 'materialVersion', 'refresherDue', 'note'] as const;
type Field = (typeof fields)[number];
type Values = Record<Field, string>;

const emptyValues = (): Values => ({ role: '', trained: '', using: '', date: todayIso(), materialVersion: '', refresherDue: '', note: '' });
const whole = /^\d+$/;

function RecordTrainingForm({ systemId, onDone, onCancel }: { systemId: string; onDone: () => void; onCancel: () => void }) {
  const api = useApi();
  const save = useGovernanceMutation((v: Values) =>
    api.call('training.record', {
      systemId,
      role: v.role,
      trained: Number(v.trained),
      using: Number(v.using),
      date: v.date,
      materialVersion: v.materialVersion,
      refresherDue: v.refresherDue,
      note: v.note,
    }),
  );
  const [values, setValues] = useState<Values>(emptyValues);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const set = (key: Field, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const v = { ...values, role: values.role.trim(), trained: values.trained.trim(), using: values.using.trim(), materialVersion: values.materialVersion.trim(), note: values.note.trim() };
    const next: Partial<Record<Field, string>> = {
      role: v.role === '' ? 'Name the role group, e.g. ICU nurses' : undefined,
      trained: !whole.test(v.trained) ? 'Give the number of people trained (a whole number)' : undefined,
      using: !whole.test(v.using) || Number(v.using) < 1 ? 'Give the number of people using the system (1 or more)' : undefined,
      date: v.date === '' ? 'Choose the training date' : undefined,
      materialVersion: v.materialVersion === '' ? 'Give the version of the training material' : undefined,
      refresherDue: v.refresherDue === '' ? 'Choose when the refresher is due' : undefined,
    };
    setErrors(next);
    if (Object.values(next).some(Boolean)) return;
    try {
      await save.mutateAsync(v);
      onDone();
    } catch (error) {
      const issues = error instanceof ApiError ? (error.error.details?.issues ?? []) : [];
      setErrors(issuesOnForm(issues, fields).fields);
    }
  };
  const onForm = save.error instanceof ApiError && (save.error.error.details?.issues ?? []).some((i) => (fields as readonly string[]).includes(i.path));
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Record training">
      <Stack gap="sm">
        {save.isError && !onForm ? <ErrorNotice error={save.error} title="The training was not recorded" /> : null}
        <TextInput label="Role group" description="The people trained, e.g. ICU nurses" value={values.role} error={errors.role} onChange={(e) => set('role', e.currentTarget.value)} withAsterisk maxLength={100} />
        <Group grow align="flex-start">
          <TextInput label="People trained" inputMode="numeric" value={values.trained} error={errors.trained} onChange={(e) => set('trained', e.currentTarget.value)} withAsterisk />
          <TextInput label="People using the system" inputMode="numeric" value={values.using} error={errors.using} onChange={(e) => set('using', e.currentTarget.value)} withAsterisk />
        </Group>
        <Group grow align="flex-start">
          <TextInput label="Date trained" type="date" value={values.date} error={errors.date} onChange={(e) => set('date', e.currentTarget.value)} withAsterisk />
          <TextInput label="Refresher due" type="date" value={values.refresherDue} error={errors.refresherDue} onChange={(e) => set('refresherDue', e.currentTarget.value)} withAsterisk />
        </Group>
        <TextInput label="Material version" value={values.materialVersion} error={errors.materialVersion} onChange={(e) => set('materialVersion', e.currentTarget.value)} withAsterisk maxLength={100} />
        <Textarea label="Note" autosize minRows={1} value={values.note} error={errors.note} onChange={(e) => set('note', e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save training
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The problems of a refused file, each with its row and column in words; the count of those not listed. */
function FileIssues({ error }: { error: unknown }) {
  if (!(error instanceof ApiError) || error.error.code !== 'DATA_FILE_INVALID') return null;
  const issues: FieldIssue[] = error.error.details?.issues ?? [];
  const total = typeof error.error.details?.total === 'number' ? error.error.details.total : issues.length;
  return (
    <Stack gap={4}>
      <List size="sm" aria-label="Problems in the file">
        {issues.map((i) => (
          <List.Item key={`${i.path} ${i.message}`}>{i.path ? `${i.path}: ${issueWords(i)}` : issueWords(i)}</List.Item>
        ))}
      </List>
      {total > issues.length ? <Text size="sm">and {formatNumber(total - issues.length)} more.</Text> : null}
    </Stack>
  );
}

export function ReadinessPanel({ system }: { system: AiSystem }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const training = useQuery({ queryKey: trainingKey(system.id), queryFn: () => api.call('training.list', { systemId: system.id }) });
  const [recording, setRecording] = useState(false);
  const [showRecords, setShowRecords] = useState(false);
  const [imported, setImported] = useState<TrainingImportResult | null>(null);
  const resetRef = useRef<() => void>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trainingKey(system.id) });
  const importFile = useGovernanceMutation(async (file: File) => {
    if (file.size > maxTrainingFileBytes) throw new Error(`${file.name} is ${(file.size / 1048576).toFixed(1)} MB; a training file may be at most 2 MB.`);
    return api.call('training.import', { systemId: system.id, fileName: file.name, text: await readTextFile(file) });
  });

  const readiness = training.data?.readiness;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="readiness-title">
      <Stack gap="sm">
        <Group justify="space-between" align="baseline">
          <Title order={2} size="h3" id="readiness-title">
            Clinician readiness
          </Title>
          {!system.archived ? (
            <Group gap="xs">
              <Button variant="light" onClick={() => setRecording((v) => !v)} aria-expanded={recording}>
                Record training
              </Button>
              <FileButton
                onChange={(file) => {
                  if (!file) return;
                  setImported(null);
                  importFile.mutate(file, { onSuccess: (r) => void refresh().then(() => setImported(r)), onSettled: () => resetRef.current?.() });
                }}
                accept=".csv,.json,text/csv,application/json"
                resetRef={resetRef}
                inputProps={{ 'aria-label': 'Training records file' }}
              >
                {(props) => (
                  <Button variant="default" loading={importFile.isPending} {...props}>
                    Import training file
                  </Button>
                )}
              </FileButton>
            </Group>
          ) : null}
        </Group>
        {training.isError ? <ErrorNotice error={training.error} title="Training records could not be loaded" /> : null}
        {readiness ? (
          <Text size="sm">
            {readiness.words} {readiness.groups.length > 0 ? `The hospital's target is ${formatNumber(readiness.target)}% of each role group trained (Settings).` : ''}
          </Text>
        ) : null}
        {importFile.isError ? (
          <Stack gap={4}>
            <ErrorNotice error={importFile.error} title="The training file was not imported" />
            <FileIssues error={importFile.error} />
          </Stack>
        ) : null}
        {imported ? (
          <Text size="sm" role="status">
            Imported {formatNumber(imported.rows)} training {imported.rows === 1 ? 'record' : 'records'} from {imported.fileName}
            {imported.alreadyRecorded > 0 ? ` (${formatNumber(imported.alreadyRecorded)} already recorded)` : ''}.
          </Text>
        ) : null}
        <Collapse expanded={recording}>
          {recording ? (
            <RecordTrainingForm
              systemId={system.id}
              onCancel={() => setRecording(false)}
              onDone={() => {
                setRecording(false);
                void refresh();
              }}
            />
          ) : null}
        </Collapse>
        {readiness && readiness.groups.length > 0 ? (
          <Table withTableBorder aria-label="Readiness per role group">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Role group</Table.Th>
                <Table.Th>Trained</Table.Th>
                <Table.Th>Coverage</Table.Th>
                <Table.Th>Material version</Table.Th>
                <Table.Th>Refresher due</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {readiness.groups.map((g) => (
                <Table.Tr key={g.latest.id}>
                  <Table.Td>{g.role}</Table.Td>
                  <Table.Td>
                    {formatNumber(g.latest.trained)} of {formatNumber(g.latest.using)}
                  </Table.Td>
                  <Table.Td>{percent(g)}</Table.Td>
                  <Table.Td>{g.latest.materialVersion}</Table.Td>
                  <Table.Td>
                    {formatDate(g.latest.refresherDue)}
                    {g.refresherOverdue ? ' (overdue)' : ''}
                  </Table.Td>
                  <Table.Td>
                    <GroupStatus group={g} target={readiness.target} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
        {training.data && training.data.records.length > 0 ? (
          <div>
            <Button variant="subtle" size="compact-sm" onClick={() => setShowRecords((v) => !v)} aria-expanded={showRecords}>
              {showRecords ? 'Hide' : 'Show'} all training records ({formatNumber(training.data.records.length)})
            </Button>
            <Collapse expanded={showRecords}>
              <Table withTableBorder aria-label="Training records, newest first" mt="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Date trained</Table.Th>
                    <Table.Th>Role group</Table.Th>
                    <Table.Th>Trained</Table.Th>
                    <Table.Th>Material version</Table.Th>
                    <Table.Th>Recorded</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {training.data.records.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>{formatDate(r.date)}</Table.Td>
                      <Table.Td>{r.role}</Table.Td>
                      <Table.Td>
                        {formatNumber(r.trained)} of {formatNumber(r.using)}
                      </Table.Td>
                      <Table.Td>{r.materialVersion}</Table.Td>
                      <Table.Td>
                        {r.recordedBy}
                        {r.importId ? `, imported (${r.importId})` : ''}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Collapse>
          </div>
        ) : null}
      </Stack>
    </Paper>
  );
}
