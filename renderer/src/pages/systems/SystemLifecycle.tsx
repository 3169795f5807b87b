import { Alert, Anchor, Badge, Button, Group, List, Loader, Modal, Paper, Stack, Stepper, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { lifecycleLabels, roleMayAct, workflowEventActing, type AiSystem, type AssessmentStage, type SystemHistory, type TriggerResult } from '../../../../electron/contract/index.ts';
import { useApi } from '../../api/api-context.tsx';
import { useAssessments, useGovernanceMutation, useRisks, useSystemHistory } from '../../api/queries.ts';
import { useActingAs } from '../../acting/acting-as.ts';
import { formatDate, riskStatusLabel, systemEventLabels, todayIso } from '../../text/labels.ts';
import { reassessmentNote } from './reassessment-note.ts';
import { errorWords } from '../../text/messages.ts';
import { hrefFor } from '../../routing/use-hash-route.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { stageLabels, statusLabels } from '../assessments/assessment-model.ts';
import { TriggerDialog, type TriggerKind } from './TriggerDialog.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { advanceAvailability, unavailableButtonProps } from '../../components/step-availability.ts';

const steps = [
  { id: 'procurement', label: 'Procurement', description: 'Assess before buying' },
  { id: 'validation', label: 'Validation', description: 'Local validation' },
  { id: 'deployment', label: 'Deployment', description: 'Go-live' },
  { id: 'inUse', label: 'In use', description: 'Routine use and monitoring' },
] as const;

const stepIndex: Record<AiSystem['lifecycleStage'], number> = {
  procurement: 0,
  validation: 1,
  deployment: 2,
  inUse: 3,
  reassessmentDue: 3,
  retired: 4,
};

/** The assessment stage whose approval opens each stage's gate, and where the gate leads. */
const gates: Partial<Record<AiSystem['lifecycleStage'], { stage: AssessmentStage; next: string }>> = {
  procurement: { stage: 'procurement', next: 'Validation' },
  validation: { stage: 'validation', next: 'Deployment' },
  deployment: { stage: 'deployment', next: 'In use' },
  reassessmentDue: { stage: 'use', next: 'In use' },
};

/**
 * What the gate needs, from the core's own gate facts (systems.history): the same answer that
 * decides whether "Advance" is offered. The lists only lend the assessment's title and the risks' names.
 */
function GateChecklist({ system, gate, facts }: { system: AiSystem; gate: { stage: AssessmentStage; next: string }; facts: SystemHistory['gate'] | undefined }) {
  const assessments = useAssessments({ systemId: system.id });
  const risks = useRisks({ systemId: system.id });
  if (facts === undefined || assessments.isPending || risks.isPending) return <Loader size="xs" aria-label="Loading the gate" />;
  if (facts === null || assessments.isError || risks.isError) return null;
  const latest = assessments.data.find((a) => a.id === facts.assessmentId);
  const approved = facts.stageApproved;
  const blocking = facts.blockingRisks.map((id) => risks.data.find((r) => r.id === id) ?? { id, threatName: id, status: 'identified' as const });
  return (
    <Stack gap={4} aria-label={`Gate to ${gate.next}`} component="section">
      <Text size="sm" fw={600}>
        To move on to {gate.next}:
      </Text>
      <List size="sm" spacing={4}>
        <List.Item icon={<GateMark ok={approved} />}>
          {latest ? (
            <>
              The {stageLabels[gate.stage].toLowerCase()} assessment <Anchor href={hrefFor({ page: 'assessment', id: latest.id })}>{latest.title}</Anchor> is
              approved — now {statusLabels[latest.status].toLowerCase()}
            </>
          ) : (
            <>A {stageLabels[gate.stage].toLowerCase()} assessment is started and approved — none yet</>
          )}
        </List.Item>
        <List.Item icon={<GateMark ok={approved && blocking.length === 0} />}>
          Every residual risk above the appetite has a treatment plan or a valid acceptance
          {blocking.length > 0 ? (
            <>
              {' '}
              — {blocking.length} still open:{' '}
              {blocking.map((r, i) => (
                <span key={r.id}>
                  {i > 0 ? ', ' : ''}
                  <Anchor href={hrefFor({ page: 'risks', id: r.id })}>{r.threatName}</Anchor> ({riskStatusLabel(r.status).toLowerCase()})
                </span>
              ))}
            </>
          ) : !approved ? (
            <Text span c="dimmed" size="sm">
              {' '}
              — risks are opened when the assessment is submitted
            </Text>
          ) : null}
        </List.Item>
      </List>
    </Stack>
  );
}

function GateMark({ ok }: { ok: boolean }) {
  return (
    <Badge size="sm" circle color={ok ? 'teal' : 'gray'} variant={ok ? 'filled' : 'outline'} aria-label={ok ? 'done' : 'not yet'}>
      {ok ? '✓' : '·'}
    </Badge>
  );
}

/** The core's refusal, with every risk id it names linked to the register. */
function Refusal({ error }: { error: unknown }) {
  const { message, todo } = errorWords(error);
  const ids = [...new Set(message.match(/RSK-[A-Z0-9]+/g) ?? [])];
  return (
    <Alert color="red" title="The system stays where it is" data-testid="advance-refusal">
      <Stack gap={4}>
        <Text size="sm">{message}</Text>
        <Text size="sm">{todo}</Text>
        {ids.length > 0 ? (
          <Text size="sm">
            Open in the risk register:{' '}
            {ids.map((id, i) => (
              <span key={id}>
                {i > 0 ? ', ' : ''}
                <Anchor href={hrefFor({ page: 'risks', id })} ff="monospace">
                  {id}
                </Anchor>
              </span>
            ))}
          </Text>
        ) : null}
      </Stack>
    </Alert>
  );
}

/** Lifecycle stepper, the gate, advance and retire, and the re-assessment triggers. */
export function SystemLifecycle({ system }: { system: AiSystem }) {
  const api = useApi();
  const { by } = useActingAs();
  const history = useSystemHistory(system.id);
  // The buttons act on the lifecycle state they show: one someone else moved meanwhile is refused (CONFLICT).
  const shown = history.data ? { expectedRevision: history.data.lifecycle.revision } : {};
  const advance = useGovernanceMutation(() => api.call('workflow.send', { entityId: system.id, event: 'lifecycle.advance', ...(by ? { by } : {}), ...shown }));
  const retire = useGovernanceMutation((comment: string) =>
    api.call('workflow.send', { entityId: system.id, event: 'lifecycle.retire', comment, ...(by ? { by } : {}), ...shown }),
  );
  const [retiring, setRetiring] = useState(false);
  const [retireComment, setRetireComment] = useState('');
  const [trigger, setTrigger] = useState<TriggerKind | null>(null);
  const [notice, setNotice] = useState<{ result: TriggerResult; kind: TriggerKind } | null>(null);

  const stage = system.lifecycleStage;
  const gate = gates[stage];
  const allowed = history.data?.lifecycle.allowedEvents ?? [];
  // Retiring is the committee chair's step, as the contract declares it for lifecycle.retire.
  const mayRetire = by !== null && roleMayAct(workflowEventActing['lifecycle.retire'], by.role) && allowed.includes('lifecycle.retire');
  const due = system.reassessmentDue ?? history.data?.reassessmentDue ?? null;
  const note = reassessmentNote(stage, due, todayIso());
  const live = !system.archived && stage !== 'retired';
  // Offered only when the core would take it; otherwise disabled, with the gate's reason beside it.
  const canAdvance = gate ? advanceAvailability(history.data, stageLabels[gate.stage].toLowerCase(), lifecycleLabels[stage]) : null;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="lifecycle-heading">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Group gap="sm">
            <Title order={2} size="h3" id="lifecycle-heading">
              Lifecycle
            </Title>
            <Text size="sm" data-testid="lifecycle-stage">
              Now: <StatusBadge kind="lifecycle" status={stage} />
            </Text>
          </Group>
          {live ? (
            <Group gap="xs">
              <Button variant="default" onClick={() => setTrigger('change')}>
                Record a change
              </Button>
              <Button variant="default" color="red" onClick={() => setTrigger('incident')}>
                Report an incident
              </Button>
            </Group>
          ) : null}
        </Group>

        <Stepper active={stepIndex[stage]} size="sm" allowNextStepsSelect={false} aria-label="Lifecycle stages" color={stage === 'retired' ? 'gray' : undefined}>
          {steps.map((s) => (
            <Stepper.Step
              key={s.id}
              label={s.label}
              description={s.id === 'inUse' && stage === 'reassessmentDue' ? 'Re-assessment due' : s.description}
              color={s.id === 'inUse' && stage === 'reassessmentDue' ? 'orange' : undefined}
              aria-current={stepIndex[stage] === steps.indexOf(s) ? 'step' : undefined}
            />
          ))}
        </Stepper>
        {stage === 'retired' ? (
          <Badge color="gray" size="lg" variant="light" tt="none">
            Retired: no further stages or re-assessments
          </Badge>
        ) : null}

        {stage === 'retired' ? null : (
          <Text size="sm" data-testid="reassessment-note">
            {note.kind === 'scheduled' ? (
              <>
                Next re-assessment due by <strong>{formatDate(note.due)}</strong>{' '}
              </>
            ) : note.kind === 'overdue' ? (
              <>
                Re-assessment overdue: it was due by <strong>{formatDate(note.due)}</strong>
                <Badge ml={6} color="red" size="sm" tt="none">
                  Overdue
                </Badge>{' '}
              </>
            ) : note.kind === 'dueNow' ? (
              <>
                Re-assessment due now{note.scheduled ? <>, ahead of its scheduled date ({formatDate(note.scheduled)})</> : null}.{' '}
              </>
            ) : null}
            <Text span c="dimmed" size="sm">
              {note.kind === 'none'
                ? 'No re-assessment date yet: it is set when an assessment is approved.'
                : '(set by the overall risk band when an assessment is approved; a change, an incident or an expired acceptance makes it due at once)'}
            </Text>
          </Text>
        )}

        {gate && live ? (
          <Group justify="space-between" align="flex-end" wrap="nowrap">
            <GateChecklist system={system} gate={gate} facts={history.isError ? null : history.data?.gate} />
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <Stack gap={4} align="flex-end" maw={280}>
                <Button
                  onClick={() => {
                    if (canAdvance?.enabled) advance.mutate();
                  }}
                  loading={advance.isPending}
                  {...unavailableButtonProps(!canAdvance?.enabled)}
                  aria-describedby={canAdvance?.reason ? 'advance-reason' : undefined}
                >
                  {stage === 'reassessmentDue' ? 'Return to routine use' : 'Advance to next stage'}
                </Button>
                {canAdvance?.reason ? (
                  <Text size="xs" c="dimmed" ta="right" id="advance-reason" data-testid="advance-reason">
                    {canAdvance.reason}
                  </Text>
                ) : null}
              </Stack>
              {mayRetire ? (
                <Button variant="light" color="gray" onClick={() => setRetiring(true)}>
                  Retire…
                </Button>
              ) : null}
            </Group>
          </Group>
        ) : live && mayRetire ? (
          <Group justify="flex-end">
            <Button variant="light" color="gray" onClick={() => setRetiring(true)}>
              Retire…
            </Button>
          </Group>
        ) : null}
        {advance.isError ? <Refusal error={advance.error} /> : null}
        {advance.isSuccess ? (
          <Alert color="teal" title="Moved on" role="status">
            {system.name} is now at {lifecycleLabels[system.lifecycleStage]}.
          </Alert>
        ) : null}
        {history.isError ? <ErrorNotice error={history.error} title="The lifecycle could not be loaded" /> : null}

        {notice ? (
          <Alert color="indigo" title={notice.kind === 'incident' ? 'Incident reported' : 'Change recorded'} withCloseButton onClose={() => setNotice(null)} role="status">
            {systemEventLabels[notice.result.event.kind]}: {notice.result.event.description}.{' '}
            {notice.result.assessmentId ? (
              <>
                {system.name} is now due for re-assessment:{' '}
                <Anchor href={hrefFor({ page: 'assessment', id: notice.result.assessmentId })}>open the re-assessment {notice.result.assessmentId}</Anchor>; answers
                carried over from the last assessment are marked &ldquo;To re-confirm&rdquo;.
              </>
            ) : (
              'No re-assessment was opened.'
            )}
          </Alert>
        ) : null}
      </Stack>

      <TriggerDialog
        systemId={system.id}
        kind={trigger}
        onClose={() => setTrigger(null)}
        onDone={(result, kind) => {
          setTrigger(null);
          setNotice({ result, kind });
        }}
      />
      <Modal opened={retiring} onClose={() => setRetiring(false)} title="Retire this system?">
        <Stack>
          <Text size="sm">
            {system.name} leaves the lifecycle for good: no further stages, and no more re-assessments. Its record and history are kept.
          </Text>
          <Textarea label="Comment" description="Why it is retired (kept in the audit trail)" value={retireComment} onChange={(e) => setRetireComment(e.currentTarget.value)} autosize minRows={2} />
          {retire.isError ? <ErrorNotice error={retire.error} title="The system was not retired" /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRetiring(false)}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={retire.isPending}
              onClick={() =>
                retire.mutate(retireComment.trim(), {
                  onSuccess: () => setRetiring(false),
                })
              }
            >
              Retire
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
