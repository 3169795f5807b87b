import { Alert, Button, Group, Modal, Paper, Radio, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { ExportFormat, Risk } from '../../../../electron/contract/index.ts';
import { useActingAs } from '../../acting/acting-as.ts';
import { useApi } from '../../api/api-context.tsx';
import { useGovernanceMutation, usePeople } from '../../api/queries.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { ExportControls, useExport } from '../reports/ExportControls.tsx';
import { assignedText, risksText } from './risk-register-model.ts';

/** One owner for the selected risks (risks.assignOwner: one change, one audit event). */
function AssignOwnerDialog({ risks, opened, onClose }: { risks: readonly Risk[]; opened: boolean; onClose: () => void }) {
  const api = useApi();
  const { by } = useActingAs();
  const people = usePeople();
  const [owner, setOwner] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const assign = useGovernanceMutation((input: { ids: string[]; owner: string }) => api.call('risks.assignOwner', { ...input, ...(by ? { by } : {}) }));
  const close = () => {
    assign.reset();
    setTried(false);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={`Assign an owner to ${risksText(risks.length)}`} closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack>
        <Select
          label="New owner"
          description="A person in Settings → People; the change is recorded in the audit ledger"
          placeholder="Choose a person"
          data={(people.data ?? []).filter((p) => p.active).map((p) => p.name)}
          value={owner}
          onChange={setOwner}
          searchable
          error={tried && owner === null ? 'Choose the new owner' : undefined}
        />
        {assign.isError ? <ErrorNotice error={assign.error} title="The owner was not assigned" /> : null}
        {assign.data ? (
          <Alert color="teal" variant="light" title="Owner assigned" role="status">
            {assignedText(assign.data)}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {assign.data ? 'Done' : 'Cancel'}
          </Button>
          <Button
            loading={assign.isPending}
            onClick={() => {
              setTried(true);
              if (owner !== null) assign.mutate({ ids: risks.map((r) => r.id), owner });
            }}
          >
            Assign owner
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The selected risks as a register document: export.register with their ids. */
function ExportSelectedDialog({ risks, opened, onClose }: { risks: readonly Risk[]; opened: boolean; onClose: () => void }) {
  const api = useApi();
  const { by } = useActingAs();
  const [format, setFormat] = useState<ExportFormat>('csv');
  const { mutation, progressKey } = useExport((input: { riskIds: string[]; format: ExportFormat }) =>
    api.call('export.register', { ...input, ...(by ? { by } : {}) }),
  );
  const close = () => {
    mutation.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={`Export ${risksText(risks.length)}`} closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack>
        <Text size="sm">
          The register of exactly these risks, with their systems and assessments. The document says it is a selection, and the export is recorded in the
          audit ledger.
        </Text>
        <Radio.Group label="Format" value={format} onChange={(v) => setFormat(v === 'docx' ? 'docx' : 'csv')}>
          <Group mt={4}>
            <Radio value="csv" label="CSV for Excel (.csv)" />
            <Radio value="docx" label="Word document (.docx)" />
          </Group>
        </Radio.Group>
        <ExportControls
          label="Export"
          progressLabel="Export progress"
          state={mutation}
          progressKey={progressKey}
          disabled={risks.length === 0}
          onExport={() => mutation.mutate({ riskIds: risks.map((r) => r.id), format })}
        />
      </Stack>
    </Modal>
  );
}

/** What can be done with the selected risks, shown while some are selected. */
export function RiskBulkActions({ selected, onClear }: { selected: readonly Risk[]; onClear: () => void }) {
  const [dialog, setDialog] = useState<'assign' | 'export' | null>(null);
  return (
    <>
      {selected.length > 0 ? (
        <Paper withBorder p="xs" bg="var(--vigil-color-selected)" role="region" aria-label="Selected risks">
          <Group gap="sm">
            <Text size="sm" fw={600} role="status">
              {risksText(selected.length)} selected
            </Text>
            <Button size="xs" onClick={() => setDialog('assign')}>
              Assign owner
            </Button>
            <Button size="xs" variant="default" onClick={() => setDialog('export')}>
              Export selected
            </Button>
            <Button size="xs" variant="subtle" onClick={onClear}>
              Clear selection
            </Button>
          </Group>
        </Paper>
      ) : null}
      <AssignOwnerDialog risks={selected} opened={dialog === 'assign'} onClose={() => setDialog(null)} />
      <ExportSelectedDialog risks={selected} opened={dialog === 'export'} onClose={() => setDialog(null)} />
    </>
  );
}
