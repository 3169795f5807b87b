import { Accordion, Alert, Anchor, Badge, Button, Group, List, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type MouseEvent } from 'react';
import { sameSigner, type AssessmentDetail, type Question, type ReviewRecord } from '../../../../electron/contract/index.ts';
import { useApi } from '../../api/api-context.tsx';
import { useAllowedEvents, useGovernanceMutation } from '../../api/queries.ts';
import { useActingAs } from '../../acting/acting-as.ts';
import { decisionColors, decisionLabels, eventLabel, formatDate, roleLabel } from '../../text/labels.ts';
import { hrefFor } from '../../routing/use-hash-route.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { formatDateTime } from './assessment-model.ts';
import { nextStepText, refusedQuestions, reviewActions, splitActions } from './review-model.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { statusHue } from '../../theme/status-colors.ts';
import { SignOffDialog } from './SignOffDialog.tsx';
import type { QuestionLinker } from '../../components/ThreatExplanation.tsx';
import { submitAvailability, unavailableButtonProps } from '../../components/step-availability.ts';

type SignOff = ReviewRecord['signOffs'][number];

function SignOffTable({ signOffs, label }: { signOffs: readonly SignOff[]; label: string }) {
  return (
    <Table withTableBorder aria-label={label} verticalSpacing={6}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Reviewer</Table.Th>
          <Table.Th>Decision</Table.Th>
          <Table.Th>Comment</Table.Th>
          <Table.Th>Conditions</Table.Th>
          <Table.Th>Signed</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {signOffs.map((s) => (
          <Table.Tr key={`${s.name}-${s.at}`}>
            <Table.Td>
              <Text size="sm" fw={600}>
                {s.name}
              </Text>
              <Text size="xs" c="dimmed">
                {roleLabel(s.role)}
              </Text>
            </Table.Td>
            <Table.Td>
              <Badge color={decisionColors[s.decision]} variant="light" tt="none">
                {decisionLabels[s.decision]}
              </Badge>
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{s.comment || <Text c="dimmed" size="sm">—</Text>}</Table.Td>
            <Table.Td>
              {s.conditions.length === 0 ? (
                <Text c="dimmed" size="sm">
                  —
                </Text>
              ) : (
                <List size="sm" spacing={2}>
                  {s.conditions.map((c, i) => (
                    <List.Item key={i}>
                      {c.text} — {c.owner}, by {formatDate(c.due)}
                    </List.Item>
                  ))}
                </List>
              )}
            </Table.Td>
            <Table.Td>
              <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                {formatDateTime(s.at)}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** How many questions a list names before "and N more": enough to start on, short enough to read. */
const firstFew = 5;

/**
 * The questions standing in the way of submitting (unanswered, or carried and not re-confirmed),
 * the first few as links to them: shown before any confirmation, and after a refusal.
 */
function QuestionLinks({
  ids,
  title,
  label,
  questions,
  linker,
  color = 'red',
}: {
  ids: string[];
  title: string;
  label: string;
  questions: ReadonlyMap<string, Question>;
  linker: QuestionLinker;
  color?: string;
}) {
  const more = ids.length - firstFew;
  return (
    <Alert color={color} title={title}>
      <List size="sm" spacing={4} aria-label={label}>
        {ids.slice(0, firstFew).map((id) => (
          <List.Item key={id}>
            <Anchor
              href={linker.href(id)}
              onClick={(event: MouseEvent) => {
                event.preventDefault();
                linker.go(id);
              }}
            >
              <Text span ff="monospace" size="sm">
                {id}
              </Text>{' '}
              {questions.get(id)?.text ?? ''}
            </Anchor>
          </List.Item>
        ))}
      </List>
      {more > 0 ? (
        <Text size="sm" mt={4}>
          and {more} more.
        </Text>
      ) : null}
    </Alert>
  );
}

function Comments({ title, signOffs }: { title: string; signOffs: readonly SignOff[] }) {
  const commented = signOffs.filter((s) => s.comment.trim() !== '' || s.conditions.length > 0);
  if (commented.length === 0) return null;
  return (
    <Alert color="orange" title={title} role="note">
      <Stack gap={6}>
        {commented.map((s) => (
          <Text size="sm" key={`${s.name}-${s.at}`} style={{ whiteSpace: 'pre-wrap' }}>
            <strong>
              {s.name} ({roleLabel(s.role)}, {decisionLabels[s.decision]?.toLowerCase()}):
            </strong>{' '}
            {s.comment}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}

/**
 * The assessment's review: its state, only the steps the person acting could take now, the
 * sign-offs of this round and earlier ones, and the reviewers' comments when it was returned.
 */
export function ReviewPanel({
  detail,
  questions,
  linker,
  saving,
}: {
  detail: AssessmentDetail;
  questions: ReadonlyMap<string, Question>;
  linker: QuestionLinker;
  saving: boolean;
}) {
  const api = useApi();
  const { by, people, ready } = useActingAs();
  const [refusal, setRefusal] = useState<{ missing: string[]; reconfirm: string[] } | null>(null);
  const [signing, setSigning] = useState(false);
  const [confirmSubmit, setConfirmSubmit] = useState(false);
  const review = detail.review;
  // The core says what this person may do now: the events' roles and separation of duties.
  const allowedNow = useAllowedEvents(detail.id, by, `${detail.status}|${detail.updatedAt}|${review.signOffs.length}`);
  // The buttons act on the state they show: a state someone else moved meanwhile is refused (CONFLICT).
  const shownRevision = allowedNow.data?.revision;
  const send = useGovernanceMutation((event: string) =>
    api.call('workflow.send', { entityId: detail.id, event: event as 'review.start', ...(by ? { by } : {}), ...(shownRevision !== undefined ? { expectedRevision: shownRevision } : {}) }),
  );
  const actions = by && allowedNow.isSuccess ? allowedNow.data.allowedEvents : [];
  const { signOffs: signOffActions, plain } = splitActions(reviewActions(actions));
  const canSign = signOffActions.length > 0;
  const approvals = review.approvals;
  const signedAlready = by ? review.signOffs.find((s) => sameSigner(s.name, by.name)) : undefined;
  const lastRound = review.previousRounds.at(-1);
  const toReconfirm = detail.progress.toReconfirm.length;
  // Submit is offered only with nothing missing: what is missing shows before any confirmation.
  const canSubmit = submitAvailability(actions, detail.progress, saving);
  const showMissing = plain.includes('review.submit') && !canSubmit.enabled && !refusal;

  const run = async (event: string) => {
    setRefusal(null);
    try {
      await send.mutateAsync(event);
    } catch (error) {
      const found = refusedQuestions(error);
      if (found) setRefusal(found);
    }
  };

  const underReview = !detail.editable;

  return (
    <Paper withBorder px="md" py="xs" radius="md" component="section" aria-labelledby="review-heading" style={{ borderLeft: `4px solid var(--mantine-color-${statusHue('assessment', detail.status)}-6)` }}>
      <Stack gap="xs">
        <Group justify="space-between" align="center">
          <Group gap="sm" align="center">
            <Title order={2} size="h4" id="review-heading">
              Review
            </Title>
            <StatusBadge kind="assessment" status={detail.status} data-testid="review-status" />
            <Text size="sm" c="dimmed">
              {underReview ? `${approvals} of ${review.requiredSignOffs} approvals` : 'Not yet submitted'}
              {review.submittedAt ? ` · submitted ${formatDateTime(review.submittedAt)}` : ''}
              {review.decidedAt ? ` · decided ${formatDateTime(review.decidedAt)}` : ''}
            </Text>
          </Group>
          {by ? (
            <Group gap="xs">
              {plain.map((e) => (
                <Button
                  key={e}
                  variant={e === 'review.submit' || e === 'review.start' || e === 'review.reopen' ? 'filled' : 'light'}
                  loading={send.isPending && send.variables === e}
                  {...unavailableButtonProps(e === 'review.submit' && !canSubmit.enabled)}
                  aria-describedby={e === 'review.submit' && canSubmit.reason ? 'submit-reason' : undefined}
                  onClick={() => {
                    if (e !== 'review.submit') void run(e);
                    else if (canSubmit.enabled) setConfirmSubmit(true);
                  }}
                >
                  {e === 'review.submit' ? 'Submit for review…' : eventLabel(e)}
                </Button>
              ))}
              {plain.includes('review.submit') && canSubmit.reason ? (
                <Text size="sm" c="dimmed" id="submit-reason" data-testid="submit-reason" maw={320}>
                  {canSubmit.reason}
                </Text>
              ) : null}
              {canSign ? <Button onClick={() => setSigning(true)}>Sign off…</Button> : null}
            </Group>
          ) : null}
        </Group>

        {review.carriedFrom ? (
          <Text size="sm">
            Started from <Anchor href={hrefFor({ page: 'assessment', id: review.carriedFrom })}>{review.carriedFrom}</Anchor> after a change or incident:{' '}
            {toReconfirm > 0
              ? `${toReconfirm} carried answer${toReconfirm === 1 ? ' is' : 's are'} marked “To re-confirm”: confirm or change each before submitting.`
              : 'every carried answer has been re-confirmed.'}
          </Text>
        ) : null}

        {detail.status === 'returned' ? (
          <Comments title="Returned for changes: the reviewers' comments" signOffs={review.signOffs} />
        ) : detail.status === 'inProgress' && lastRound?.some((s) => s.decision === 'return') ? (
          <Comments title="Returned in the last round: the reviewers' comments" signOffs={lastRound} />
        ) : null}

        {showMissing && detail.progress.missingRequired.length > 0 ? (
          <QuestionLinks
            ids={detail.progress.missingRequired}
            title={`Before submitting: ${detail.progress.missingRequired.length} required question${detail.progress.missingRequired.length === 1 ? ' is' : 's are'} unanswered`}
            label="Unanswered required questions"
            questions={questions}
            linker={linker}
            color="orange"
          />
        ) : null}
        {showMissing && toReconfirm > 0 ? (
          <QuestionLinks
            ids={detail.progress.toReconfirm}
            title={`Before submitting: ${toReconfirm} carried answer${toReconfirm === 1 ? ' is' : 's are'} still to re-confirm`}
            label="Answers to re-confirm"
            questions={questions}
            linker={linker}
            color="orange"
          />
        ) : null}
        {refusal && refusal.missing.length > 0 ? (
          <QuestionLinks
            ids={refusal.missing}
            title={`Not submitted: ${refusal.missing.length} required question${refusal.missing.length === 1 ? ' is' : 's are'} unanswered`}
            label="Unanswered required questions"
            questions={questions}
            linker={linker}
          />
        ) : null}
        {refusal && refusal.reconfirm.length > 0 ? (
          <QuestionLinks
            ids={refusal.reconfirm}
            title={`Not submitted: ${refusal.reconfirm.length} carried answer${refusal.reconfirm.length === 1 ? ' is' : 's are'} still to re-confirm`}
            label="Answers to re-confirm"
            questions={questions}
            linker={linker}
          />
        ) : null}
        {send.isError && !refusal ? <ErrorNotice error={send.error} title="That step was not taken" /> : null}

        {!ready ? null : !by ? (
          <Text size="sm" c="dimmed">
            {people.length === 0 ? (
              <>
                To submit, review or sign off, <Anchor href={hrefFor({ page: 'settings' })}>add people in Settings</Anchor> and choose who you are under
                &ldquo;Acting as&rdquo;.
              </>
            ) : (
              <>Choose who you are under &ldquo;Acting as&rdquo; at the top to submit, review or sign off.</>
            )}{' '}
            {nextStepText[detail.status] ?? ''}
          </Text>
        ) : allowedNow.isSuccess && actions.length === 0 && review.allowedEvents.length > 0 ? (
          <Text size="sm" c="dimmed">
            {signedAlready
              ? `You signed off on ${formatDateTime(signedAlready.at)} (${decisionLabels[signedAlready.decision]?.toLowerCase()}); waiting for the other reviewers.`
              : `Nothing here for you to do as ${roleLabel(by.role)}. ${nextStepText[detail.status] ?? ''}`}
          </Text>
        ) : null}

        {review.signOffs.length > 0 ? (
          <SignOffTable signOffs={review.signOffs} label="Sign-offs" />
        ) : detail.status === 'inReview' ? (
          <Text size="sm" c="dimmed">
            No sign-offs yet.
          </Text>
        ) : null}

        {review.previousRounds.length > 0 ? (
          <Accordion variant="contained" chevronPosition="left">
            {review.previousRounds.map((round, i) => (
              <Accordion.Item key={i} value={String(i)}>
                <Accordion.Control>
                  Round {i + 1}: {round.map((s) => `${s.name} (${decisionLabels[s.decision]?.toLowerCase()})`).join(', ')}
                </Accordion.Control>
                <Accordion.Panel>
                  <SignOffTable signOffs={round} label={`Sign-offs of round ${i + 1}`} />
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        ) : null}
      </Stack>

      {by && canSign ? (
        <SignOffDialog
          assessmentId={detail.id}
          allowed={actions}
          by={by}
          signOffsSoFar={approvals}
          revision={shownRevision}
          required={review.requiredSignOffs}
          opened={signing}
          onClose={() => setSigning(false)}
        />
      ) : null}
      <Modal opened={confirmSubmit} onClose={() => setConfirmSubmit(false)} title="Submit for review?">
        <Stack>
          <Text size="sm">
            Submitting freezes the answers and the threat profile, and opens a risk in the register for every threat above the lowest band.
            Reviewers can return it to you for changes.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmSubmit(false)}>
              Cancel
            </Button>
            <Button
              onClick={() => {
                setConfirmSubmit(false);
                void run('review.submit');
              }}
            >
              Submit for review
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
