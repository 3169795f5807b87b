import { Checkbox, Group, MultiSelect, Paper, Radio, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { documentStatuses, documentStatusLabels } from '../../../../electron/contract/index.ts';
import { useApi } from '../../api/api-context.tsx';
import { useAssessments, useSystems } from '../../api/queries.ts';
import { useActingAs } from '../../acting/acting-as.ts';
import { ExportControls, useExport } from './ExportControls.tsx';
import { formatDate, roleLabel, todayIso } from '../../text/labels.ts';
import {
  addDays,
  defaultNextReview,
  initialRegisterOptions,
  nextReviewProblem,
  registerExportInput,
  registerOptionsProblem,
  type RegisterExportOptions,
} from './register-export-model.ts';

function RegisterExport() {
  const api = useApi();
  const { by } = useActingAs();
  const systems = useSystems({ includeArchived: false, search: '' });
  const [options, setOptions] = useState<RegisterExportOptions>(initialRegisterOptions);
  const [tried, setTried] = useState(false);
  const set = (change: Partial<RegisterExportOptions>) => setOptions((o) => ({ ...o, ...change }));
  const today = todayIso();
  const { mutation, progressKey } = useExport((input: ReturnType<typeof registerExportInput>) => api.call('export.register', { ...input, ...(by ? { by } : {}) }));
  const problem = registerOptionsProblem(options, today);
  const dateProblem = nextReviewProblem(options.nextReview, today);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="register-export-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="register-export-title">
          Risk register
        </Title>
        <Text size="sm" c="dimmed">
          For the governance committee: a cover with document control, the decision summary, a page per system with its recommendation, the register
          table, each risk in plain language, definitions, a glossary and a sign-off block; every answer and evidence fingerprint as an appendix if you ask
          for it. CSV gives the same register as a table for a spreadsheet.
        </Text>
        <Radio.Group label="Scope" value={options.scope} onChange={(v) => set({ scope: v === 'some' ? 'some' : 'all' })}>
          <Group mt={4}>
            <Radio value="all" label="All systems" />
            <Radio value="some" label="Chosen systems" />
          </Group>
        </Radio.Group>
        {options.scope === 'some' ? (
          <MultiSelect
            label="Systems"
            placeholder="Choose one or more systems"
            data={(systems.data ?? []).map((s) => ({ value: s.id, label: `${s.name} — ${s.vendor}` }))}
            value={[...options.chosen]}
            onChange={(chosen) => set({ chosen })}
            searchable
            error={tried && options.chosen.length === 0 ? 'Choose at least one system' : undefined}
          />
        ) : null}
        <Radio.Group label="Format" value={options.format} onChange={(v) => set({ format: v === 'csv' ? 'csv' : 'docx' })}>
          <Group mt={4}>
            <Radio value="docx" label="Word document (.docx)" />
            <Radio value="csv" label="CSV for Excel (.csv)" />
          </Group>
        </Radio.Group>
        <Radio.Group
          label="Document status"
          description="A draft for discussion, or the final version the committee decides from"
          value={options.status}
          onChange={(v) => set({ status: v === 'final' ? 'final' : 'draft' })}
        >
          <Group mt={4}>
            {documentStatuses.map((s) => (
              <Radio key={s} value={s} label={documentStatusLabels[s]} />
            ))}
          </Group>
        </Radio.Group>
        <TextInput
          type="date"
          label="Next review date"
          description={`When the committee reviews the register next; left empty, ${formatDate(defaultNextReview(today))} (in 90 days)`}
          value={options.nextReview}
          min={addDays(today, 1)}
          onChange={(e) => set({ nextReview: e.currentTarget.value })}
          error={dateProblem ?? undefined}
          maw={320}
        />
        <Checkbox
          label="Include every answer (appendix)"
          description="Every question's answer and evidence fingerprint, per assessment; long"
          checked={options.withAnswers}
          onChange={(e) => set({ withAnswers: e.currentTarget.checked })}
        />
        <Text size="sm" data-testid="register-author">
          {by ? (
            <>
              Author: <strong>{by.name}</strong> ({roleLabel(by.role)}), the person acting.
            </>
          ) : (
            <>Author: choose who you are under &ldquo;Acting as&rdquo; at the top to be named as the document&apos;s author.</>
          )}
        </Text>
        <ExportControls
          label="Export register"
          progressLabel="Register export progress"
          state={mutation}
          progressKey={progressKey}
          disabled={false}
          onExport={() => {
            setTried(true);
            if (problem === null) mutation.mutate(registerExportInput(options));
          }}
        />
      </Stack>
    </Paper>
  );
}

function QuestionnaireExport() {
  const api = useApi();
  const { by } = useActingAs();
  const requests = useQuery({ queryKey: ['vendor', 'requests', 'all'], queryFn: () => api.call('vendor.requests', {}) });
  const assessments = useAssessments({});
  const [requestId, setRequestId] = useState<string | null>(null);
  const { mutation, progressKey } = useExport((input: { requestId: string }) => api.call('export.questionnaire', { ...input, ...(by ? { by } : {}) }));
  const systemOf = (assessmentId: string) => assessments.data?.find((a) => a.id === assessmentId)?.systemName ?? assessmentId;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="questionnaire-export-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="questionnaire-export-title">
          Vendor questionnaire
        </Title>
        <Text size="sm" c="dimmed">
          An open vendor request as a Word questionnaire for a vendor who does not run Vigil: boxes to tick and fill in, the deadline and a declaration. Import the filled-in copy on the assessment&apos;s Vendor input panel.
        </Text>
        <Select
          label="Open vendor request"
          placeholder={requests.data && !requests.data.some((r) => r.status === 'open') ? 'No open requests: issue one on an assessment (Request vendor input)' : 'Choose a request'}
          searchable
          data={(requests.data ?? []).filter((r) => r.status === 'open').map((r) => ({ value: r.id, label: `${r.id} — ${systemOf(r.assessmentId)} (until ${r.expiresAt.slice(0, 10)})` }))}
          value={requestId}
          onChange={setRequestId}
        />
        <ExportControls
          label="Export questionnaire"
          progressLabel="Questionnaire export progress"
          state={mutation}
          progressKey={progressKey}
          disabled={requestId === null}
          onExport={() => requestId && mutation.mutate({ requestId })}
        />
      </Stack>
    </Paper>
  );
}

export function ReportsPage() {
  return (
    <Stack gap="lg" maw={900}>
      <Stack gap={4}>
        <Title order={1}>Reports</Title>
        <Text c="dimmed">Documents for the committee and for vendors. Each export is recorded in the audit ledger with its SHA-256.</Text>
      </Stack>
      <RegisterExport />
      <QuestionnaireExport />
    </Stack>
  );
}
