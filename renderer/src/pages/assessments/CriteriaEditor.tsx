import { Alert, Anchor, Badge, Button, Group, Loader, NativeSelect, Paper, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { metricDefinitions, monitoringMetrics, reviewPeriods, type AssessmentDetail, type CriteriaSet } from '../../../../electron/contract/index.ts';
import { ApiError } from '../../api/api-client.ts';
import { hrefFor } from '../../routing/use-hash-route.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { formatDateTime } from '../../text/format.ts';
import { criterionWords } from '../systems/monitoring/monitoring-model.ts';
import { useCriteria, useMonitoringSummary, useSetCriteria } from '../systems/monitoring/monitoring-queries.ts';
import { checkRows, emptyRow, rowErrorsFrom, rowsFromSet, type CriterionRow, type RowErrors } from './criteria-form-model.ts';

type ReviewPeriod = (typeof reviewPeriods)[number];
const reviewLabels: Record<ReviewPeriod, string> = { monthly: 'Monthly', quarterly: 'Quarterly' };
const metricOptions = [{ value: '', label: 'Choose a metric' }, ...monitoringMetrics.map((m) => ({ value: m, label: metricDefinitions[m].label }))];
const subgroupHintId = 'criteria-subgroup-hint';
const limitsHintId = 'criteria-limits-hint';

function CriteriaForm({ detail, set, onSaved }: { detail: AssessmentDetail; set: CriteriaSet | null; onSaved: (revision: number | null) => void }) {
  const save = useSetCriteria();
  const [rows, setRows] = useState<CriterionRow[]>(() => (set && set.criteria.length > 0 ? rowsFromSet(set) : [emptyRow()]));
  const [reviewPeriod, setReviewPeriod] = useState<ReviewPeriod>(set?.reviewPeriod ?? 'monthly');
  const [errors, setErrors] = useState<RowErrors>({});

  const change = (index: number, field: keyof Omit<CriterionRow, 'key'>, value: string) => {
    setRows((all) => all.map((r, i) => (i === index ? { ...r, [field]: value } : r)));
    setErrors(({ [`${index}.${field}`]: _, ...rest }) => rest);
    onSaved(null);
  };
  const add = () => {
    setRows((all) => [...all, emptyRow()]);
    onSaved(null);
    // The new row's first field, once it is on screen.
    const index = rows.length;
    window.setTimeout(() => document.getElementById(`criterion-${index}-metric`)?.focus(), 0);
  };
  const remove = (index: number) => {
    setRows((all) => all.filter((_, i) => i !== index));
    setErrors({});
    onSaved(null);
    window.setTimeout(() => document.getElementById(rows.length > 1 ? `criterion-${Math.max(0, index - 1)}-metric` : 'criteria-add')?.focus(), 0);
  };

  const submit = async () => {
    const checked = checkRows(rows);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    try {
      const recorded = await save.mutateAsync({ assessmentId: detail.id, criteria: checked.criteria, reviewPeriod, expectedRevision: set?.revision ?? 0 });
      onSaved(recorded.revision);
    } catch (error) {
      if (error instanceof ApiError) setErrors(rowErrorsFrom(error.error.details?.issues ?? []));
    }
  };

  const cell = (i: number, field: 'subgroup' | 'min' | 'max' | 'maxGap' | 'rationale', label: string, extra: { describedBy?: string; w?: number; inputMode?: 'decimal' } = {}) => (
    <TextInput
      id={`criterion-${i}-${field}`}
      aria-label={`${label}, row ${i + 1}`}
      value={rows[i]?.[field] ?? ''}
      onChange={(e) => change(i, field, e.currentTarget.value)}
      error={errors[`${i}.${field}`]}
      w={extra.w}
      inputMode={extra.inputMode}
      aria-describedby={extra.describedBy}
      size="sm"
    />
  );

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="sm">
        <Text size="sm" id={subgroupHintId}>
          Subgroup: <strong>all</strong> for every patient, or a dimension and its value joined by a colon, as your hospital defines them — e.g. <strong>age:65+</strong>,{' '}
          <strong>sex:female</strong>, <strong>site:north</strong>.
        </Text>
        <Text size="sm" id={limitsHintId}>
          Give at least one limit per row, on the metric’s scale (0.8, not 80%). The largest gap applies to a subgroup: how far it may fall behind the overall value in the same month.
        </Text>
        <div style={{ overflowX: 'auto' }}>
          <Table withTableBorder captionSide="top">
            <caption>Acceptance criteria, one row per metric and subgroup</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Metric</Table.Th>
                <Table.Th scope="col">Subgroup</Table.Th>
                <Table.Th scope="col">Minimum</Table.Th>
                <Table.Th scope="col">Maximum</Table.Th>
                <Table.Th scope="col">Largest gap from overall</Table.Th>
                <Table.Th scope="col">Rationale</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Remove</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row, i) => (
                <Table.Tr key={row.key}>
                  <Table.Td>
                    <NativeSelect
                      id={`criterion-${i}-metric`}
                      aria-label={`Metric, row ${i + 1}`}
                      data={metricOptions}
                      value={row.metric}
                      onChange={(e) => change(i, 'metric', e.currentTarget.value)}
                      error={errors[`${i}.metric`]}
                      size="sm"
                      w={170}
                    />
                  </Table.Td>
                  <Table.Td>{cell(i, 'subgroup', 'Subgroup', { describedBy: subgroupHintId, w: 150 })}</Table.Td>
                  <Table.Td>{cell(i, 'min', 'Minimum', { describedBy: limitsHintId, w: 90, inputMode: 'decimal' })}</Table.Td>
                  <Table.Td>{cell(i, 'max', 'Maximum', { describedBy: limitsHintId, w: 90, inputMode: 'decimal' })}</Table.Td>
                  <Table.Td>{cell(i, 'maxGap', 'Largest gap from overall', { describedBy: limitsHintId, w: 90, inputMode: 'decimal' })}</Table.Td>
                  <Table.Td>{cell(i, 'rationale', 'Rationale', { w: 220 })}</Table.Td>
                  <Table.Td>
                    <Button variant="subtle" color="red" size="xs" onClick={() => remove(i)} aria-label={`Remove row ${i + 1}`}>
                      Remove
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
        <Group gap="sm" align="flex-end">
          <Button id="criteria-add" variant="default" onClick={add} disabled={rows.length >= 200}>
            Add a criterion
          </Button>
          <NativeSelect
            label="Review period"
            data={reviewPeriods.map((p) => ({ value: p, label: reviewLabels[p] }))}
            value={reviewPeriod}
            onChange={(e) => {
              setReviewPeriod(e.currentTarget.value === 'quarterly' ? 'quarterly' : 'monthly');
              onSaved(null);
            }}
            w={160}
          />
          <Button type="submit" loading={save.isPending}>
            Save the criteria
          </Button>
        </Group>
        {save.isError && !(save.error instanceof ApiError && Object.keys(rowErrorsFrom(save.error.error.details?.issues ?? [])).length > 0) ? <ErrorNotice error={save.error} /> : null}
        {Object.keys(errors).length > 0 ? (
          <Text size="sm" c="red" role="alert">
            Some criteria need a change: see the fields marked. Nothing was saved.
          </Text>
        ) : null}
      </Stack>
    </form>
  );
}

/** The criteria as recorded, once the assessment can no longer change. */
function CriteriaRecord({ detail, set }: { detail: AssessmentDetail; set: CriteriaSet | null }) {
  const summary = useMonitoringSummary(detail.systemId);
  if (set === null || set.criteria.length === 0) return <Text size="sm">This validation assessment records no acceptance criteria; it can no longer change.</Text>;
  const inForce = summary.data?.criteria?.assessmentId === detail.id;
  return (
    <Stack gap="xs">
      <Group gap="xs">
        {inForce ? (
          <Badge color="green" variant="light">
            In force
          </Badge>
        ) : (
          <Badge color="gray" variant="light">
            Not in force
          </Badge>
        )}
        <Text size="sm">
          Recorded by {set.recordedBy} on {formatDateTime(set.recordedAt)}; reviewed {set.reviewPeriod === 'monthly' ? 'every month' : 'every quarter'}.
          {inForce ? (
            <>
              {' '}
              <Anchor href={hrefFor({ page: 'system', id: detail.systemId })}>See the monitoring on the system’s page</Anchor>.
            </>
          ) : null}
        </Text>
      </Group>
      <ul aria-label="Acceptance criteria">
        {set.criteria.map((c) => (
          <li key={c.id}>
            <Text size="sm" span>
              {criterionWords(c)}
              {c.rationale ? ` — ${c.rationale}` : ''}
            </Text>
          </li>
        ))}
      </ul>
    </Stack>
  );
}

/**
 * The acceptance criteria a local validation assessment records (issue 20, docs/monitoring.md):
 * edited while the assessment is editable, read-only after; the system page's monitoring reads
 * the criteria in force from here.
 */
export function CriteriaEditor({ detail }: { detail: AssessmentDetail }) {
  const criteria = useCriteria(detail.id);
  // The revision this person saved: the form is rebuilt from it, the confirmation stays until the next change.
  const [savedRevision, setSavedRevision] = useState<number | null>(null);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="criteria-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="criteria-title">
          Acceptance criteria for monitoring
        </Title>
        <Text size="sm" c="dimmed">
          The metrics the hospital will watch after go-live, per subgroup, with the thresholds that make a value a breach. A breach records a drift event and makes the system due for
          re-assessment.
        </Text>
        {criteria.isPending ? <Loader size="sm" aria-label="Loading the acceptance criteria" /> : null}
        {criteria.isError ? <ErrorNotice error={criteria.error} title="The acceptance criteria could not be loaded" /> : null}
        {criteria.isSuccess ? (
          detail.editable ? (
            <CriteriaForm key={criteria.data?.revision ?? 0} detail={detail} set={criteria.data ?? null} onSaved={setSavedRevision} />
          ) : (
            <CriteriaRecord detail={detail} set={criteria.data ?? null} />
          )
        ) : null}
        {savedRevision !== null && criteria.data && criteria.data.revision === savedRevision ? (
          <Alert color="green" variant="light" p="xs" role="status" title="The criteria were saved">
            Version {criteria.data.revision}, recorded by {criteria.data.recordedBy} on {formatDateTime(criteria.data.recordedAt)}. They are in force once this is the system’s current validation assessment.
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}
