import { Button, Group, Modal, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { changeKinds, incidentKinds, type TriggerResult } from '../../../../electron/contract/index.ts';
import { ApiError } from '../../api/api-client.ts';
import { useApi } from '../../api/api-context.tsx';
import { useGovernanceMutation } from '../../api/queries.ts';
import { issuesOnForm } from '../../components/form-issues.ts';
import { systemEventLabels, todayIso } from '../../text/labels.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';

export type TriggerKind = 'change' | 'incident';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

interface Values {
  kind: string;
  description: string;
  modelVersion: string;
  provenance: string;
  datasetDigest: string;
  changeNotice: string;
  occurredAt: string;
}
type Errors = Partial<Record<keyof Values, string>>;

/** "Record a change" (systems.recordChange) or "Report an incident" (incidents.report). */
export function TriggerDialog({
  systemId,
  kind,
  onClose,
  onDone,
}: {
  systemId: string;
  kind: TriggerKind | null;
  onClose: () => void;
  onDone: (result: TriggerResult, kind: TriggerKind) => void;
}) {
  return (
    <Modal opened={kind !== null} onClose={onClose} title={kind === 'incident' ? 'Report an incident' : 'Record a change'} size="lg">
      {kind ? <TriggerForm key={kind} systemId={systemId} kind={kind} onCancel={onClose} onDone={(r) => onDone(r, kind)} /> : null}
    </Modal>
  );
}

function TriggerForm({ systemId, kind, onCancel, onDone }: { systemId: string; kind: TriggerKind; onCancel: () => void; onDone: (result: TriggerResult) => void }) {
  const api = useApi();
  const save = useGovernanceMutation((v: Values) =>
    kind === 'change'
      ? api.call('systems.recordChange', {
          systemId,
          kind: v.kind as (typeof changeKinds)[number],
          description: v.description,
          modelVersion: v.kind === 'modelVersion' ? v.modelVersion : '',
          provenance: v.provenance,
          datasetDigest: v.datasetDigest,
          changeNotice: v.changeNotice,
          occurredAt: v.occurredAt,
        })
      : api.call('incidents.report', { systemId, kind: v.kind as (typeof incidentKinds)[number], description: v.description, occurredAt: v.occurredAt }),
  );
  const kinds = kind === 'change' ? changeKinds : incidentKinds;
  const [values, setValues] = useState<Values>({ kind: kinds[0], description: '', modelVersion: '', provenance: '', datasetDigest: '', changeNotice: '', occurredAt: todayIso() });
  const [errors, setErrors] = useState<Errors>({});
  const set = (key: keyof Values, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = { ...values, description: values.description.trim(), modelVersion: values.modelVersion.trim(), provenance: values.provenance.trim(), datasetDigest: values.datasetDigest.trim(), changeNotice: values.changeNotice.trim() };
    const next: Errors = {
      description: trimmed.description === '' ? (kind === 'change' ? 'Describe the change' : 'Describe what happened') : undefined,
      modelVersion: kind === 'change' && trimmed.kind === 'modelVersion' && trimmed.modelVersion === '' ? 'Give the new model version' : undefined,
      occurredAt: !isoDate.test(trimmed.occurredAt) ? 'Choose the date' : undefined,
    };
    setErrors(next);
    if (Object.values(next).some(Boolean)) return;
    try {
      onDone(await save.mutateAsync(trimmed));
    } catch (error) {
      const issues = error instanceof ApiError ? (error.error.details?.issues ?? []) : [];
      setErrors(issuesOnForm(issues, Object.keys(values) as (keyof Values)[]).fields);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={kind === 'incident' ? 'Incident' : 'Change'}>
      <Stack>
        {save.isError && !(save.error instanceof ApiError && save.error.error.details?.issues?.length) ? (
          <ErrorNotice error={save.error} title={kind === 'incident' ? 'The incident was not recorded' : 'The change was not recorded'} />
        ) : null}
        <Select
          label={kind === 'incident' ? 'Kind of incident' : 'Kind of change'}
          data={kinds.map((k) => ({ value: k, label: systemEventLabels[k] }))}
          value={values.kind}
          onChange={(v) => v && set('kind', v)}
          allowDeselect={false}
          withAsterisk
        />
        <Textarea
          label="Description"
          description={kind === 'incident' ? 'What was seen, when, and what was done about it' : 'What changed and why'}
          autosize
          minRows={2}
          value={values.description}
          error={errors.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          withAsterisk
        />
        {kind === 'change' && values.kind === 'modelVersion' ? (
          <TextInput label="New model version" value={values.modelVersion} error={errors.modelVersion} onChange={(e) => set('modelVersion', e.currentTarget.value)} withAsterisk maw={260} />
        ) : null}
        {kind === 'change' ? (
          <>
            <Textarea
              label="Training-data provenance note"
              description="Where the data behind this version or source came from"
              autosize
              minRows={1}
              value={values.provenance}
              onChange={(e) => set('provenance', e.currentTarget.value)}
            />
            <TextInput
              label="Training data-set digest"
              description="An identifier of the exact data set, e.g. sha256:… of its manifest"
              value={values.datasetDigest}
              onChange={(e) => set('datasetDigest', e.currentTarget.value)}
            />
            <TextInput
              label="Change notice or PCCP reference"
              description="The vendor's change notice, or the predetermined change control plan item it falls under"
              value={values.changeNotice}
              onChange={(e) => set('changeNotice', e.currentTarget.value)}
            />
          </>
        ) : null}
        <TextInput
          label={kind === 'incident' ? 'Date of the incident' : 'Date of the change'}
          type="date"
          value={values.occurredAt}
          error={errors.occurredAt}
          onChange={(e) => set('occurredAt', e.currentTarget.value)}
          withAsterisk
          maw={220}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending} color={kind === 'incident' ? 'red' : undefined}>
            {kind === 'incident' ? 'Report incident' : 'Record change'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
