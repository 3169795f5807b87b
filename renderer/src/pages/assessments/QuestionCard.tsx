import { Alert, Badge, Button, Checkbox, Group, NumberInput, Paper, Radio, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { memo, useEffect, useRef, useState } from 'react';
import type { Answer, AnswerReviewVerdict, EvidenceMeta, Question, ReferenceItem } from '../../../../electron/contract/index.ts';
import { useApi } from '../../api/api-context.tsx';
import { applyAnswerResult } from '../../api/queries.ts';
import { RefBadges } from '../../components/RefBadges.tsx';
import { useActingAs } from '../../acting/acting-as.ts';
import { effectiveAnswer, type Draft, type EffectiveAnswer, type SaveFailure } from './answer-saver.ts';
import { EvidenceList } from './EvidenceList.tsx';
import { formatDateTime, isResponded, sourceText } from './assessment-model.ts';
import { idleRadio, stepRadio, type RadioCommitState, type RadioEvent } from './radio-commit.ts';
import { draftForTyped, TypingBuffer } from './typing-buffer.ts';
import { errorText } from '../../text/messages.ts';

/** The "I don't know" and "Not applicable" choices inside a radio or checkbox group (option values never start with _). */
export const unknownChoice = '__unknown';
export const notApplicableChoice = '__notApplicable';
const freeSaveDelayMs = 800;

const groupStyles = {
  label: { fontSize: 'var(--mantine-font-size-md)', fontWeight: 600, lineHeight: 1.4 },
  description: { fontSize: 'var(--mantine-font-size-sm)', color: 'var(--mantine-color-dimmed)', marginTop: 4, marginBottom: 8 },
};

interface ControlProps {
  question: Question;
  answer: EffectiveAnswer;
  onChange: (draft: Draft) => void;
  disabled: boolean;
  /** "Not applicable" is offered for this system (the question says when, and the record matches). */
  naOffered: boolean;
}

export const specialChoice = (answer: EffectiveAnswer) => (answer.unknown ? unknownChoice : answer.notApplicable ? notApplicableChoice : null);
export const draftForChoice = (v: string): Draft => (v === unknownChoice ? { unknown: true } : v === notApplicableChoice ? { notApplicable: true } : { value: v });

/**
 * One choice: a click or Space answers at once; the arrow keys only move the shown choice until
 * Space, Enter or leaving the group says it is meant (radio-commit.ts).
 */
function ChoiceControl({ question, answer, onChange, disabled, naOffered }: ControlProps & { question: Question & { kind: 'yesNo' | 'choice' } }) {
  const saved = specialChoice(answer) ?? (typeof answer.value === 'string' ? answer.value : null);
  const model = useRef<RadioCommitState>(idleRadio);
  const [pending, setPending] = useState<string | null>(null);
  const latest = useRef({ onChange, saved });
  useEffect(() => {
    latest.current = { onChange, saved };
  });
  const step = (event: RadioEvent) => {
    const next = stepRadio(model.current, event, latest.current.saved);
    model.current = next.state;
    setPending(next.state.pending);
    if (next.commit !== null) latest.current.onChange(draftForChoice(next.commit));
  };
  // A choice arrowed to and not yet confirmed is still the person's when the group goes away
  // (another section, another page).
  useEffect(
    () => () => {
      const left = stepRadio(model.current, { kind: 'leave' }, latest.current.saved);
      model.current = left.state;
      if (left.commit !== null) latest.current.onChange(draftForChoice(left.commit));
    },
    [],
  );
  return (
    <Radio.Group
      label={question.text}
      description={question.guidance}
      withAsterisk={question.required}
      value={pending ?? saved}
      onChange={(v) => step({ kind: 'change', value: v })}
      styles={groupStyles}
      disabled={disabled}
    >
      <Stack
        gap={8}
        onKeyDown={(e) => step({ kind: 'keydown', key: e.key })}
        onKeyUp={() => step({ kind: 'keyup' })}
        onBlur={(e) => {
          if (!(e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget))) step({ kind: 'leave' });
        }}
      >
        {question.options.map((o) => (
          <Radio key={o.value} value={o.value} label={o.label} />
        ))}
        <Radio value={unknownChoice} label="I don't know" />
        {naOffered ? <Radio value={notApplicableChoice} label="Not applicable" /> : null}
      </Stack>
    </Radio.Group>
  );
}

function MultiControl({ question, answer, onChange, disabled, naOffered }: ControlProps & { question: Question & { kind: 'multi' } }) {
  const special = specialChoice(answer);
  const chosen = special ? [special] : Array.isArray(answer.value) ? answer.value : [];
  return (
    <Checkbox.Group
      label={question.text}
      description={question.guidance}
      withAsterisk={question.required}
      value={chosen}
      onChange={(next) => {
        if (next.includes(unknownChoice) && !chosen.includes(unknownChoice)) {
          onChange({ unknown: true });
          return;
        }
        if (next.includes(notApplicableChoice) && !chosen.includes(notApplicableChoice)) {
          onChange({ notApplicable: true });
          return;
        }
        const options = next.filter((v) => v !== unknownChoice && v !== notApplicableChoice);
        onChange({ value: options.length > 0 ? options : null });
      }}
      styles={groupStyles}
      disabled={disabled}
    >
      <Stack gap={8}>
        {question.options.map((o) => (
          <Checkbox key={o.value} value={o.value} label={o.label} />
        ))}
        <Checkbox value={unknownChoice} label="I don't know" />
        {naOffered ? <Checkbox value={notApplicableChoice} label="Not applicable" /> : null}
      </Stack>
    </Checkbox.Group>
  );
}

const textOf = (answer: EffectiveAnswer) => (answer.unknown || answer.notApplicable || answer.value === null ? '' : String(answer.value));

/** Text, number and date: saved when the field loses focus, or after a pause in typing. */
function FreeControl({ question, answer, onChange, disabled, naOffered }: ControlProps & { question: Question & { kind: 'text' | 'number' | 'date' } }) {
  const [editing, setEditing] = useState<string | null>(null);
  const latest = useRef({ onChange, saved: textOf(answer), kind: question.kind });
  useEffect(() => {
    latest.current = { onChange, saved: textOf(answer), kind: question.kind };
  });
  const [typing] = useState(() => new TypingBuffer(freeSaveDelayMs));
  const commit = (text: string) => {
    const { onChange: send, saved, kind } = latest.current;
    const draft = draftForTyped(text, saved, kind);
    if (draft) send(draft);
  };
  // Leaving the page (another section, another route) still saves what was typed.
  useEffect(() => () => typing.flush(), [typing]);

  const edit = (text: string) => {
    setEditing(text);
    typing.type(text, commit);
  };
  const blur = () => {
    typing.flush();
    setEditing(null);
  };
  const shown = editing ?? textOf(answer);
  const common = {
    label: question.text,
    description: question.guidance,
    withAsterisk: question.required,
    styles: groupStyles,
    onBlur: blur,
    disabled: disabled || answer.unknown || answer.notApplicable,
  };
  const special = (draft: Draft) => {
    typing.drop();
    setEditing(null);
    onChange(draft);
  };

  return (
    <Stack gap={6}>
      {question.kind === 'text' ? (
        <Textarea {...common} value={shown} onChange={(e) => edit(e.currentTarget.value)} autosize minRows={2} maxRows={12} maxLength={10_000} />
      ) : question.kind === 'number' ? (
        <NumberInput {...common} value={shown} onChange={(v) => edit(String(v))} maw={240} />
      ) : (
        <TextInput {...common} type="date" value={shown} onChange={(e) => edit(e.currentTarget.value)} maw={240} />
      )}
      <Group gap="lg">
        <Checkbox label="I don't know" checked={answer.unknown} disabled={disabled} onChange={(e) => special(e.currentTarget.checked ? { unknown: true } : { value: null })} />
        {naOffered ? (
          <Checkbox
            label="Not applicable"
            checked={answer.notApplicable}
            disabled={disabled}
            onChange={(e) => special(e.currentTarget.checked ? { notApplicable: true } : { value: null })}
          />
        ) : null}
      </Group>
    </Stack>
  );
}

function AnswerControl(props: ControlProps) {
  const { question } = props;
  switch (question.kind) {
    case 'yesNo':
    case 'choice':
      return <ChoiceControl {...props} question={question} />;
    case 'multi':
      return <MultiControl {...props} question={question} />;
    default:
      return <FreeControl {...props} question={question} />;
  }
}

export interface QuestionCardProps {
  assessmentId: string;
  question: Question;
  saved: Answer | undefined;
  draft: Draft | undefined;
  failure: SaveFailure | undefined;
  evidence: readonly EvidenceMeta[];
  registry: ReadonlyMap<string, ReferenceItem>;
  readOnly: boolean;
  /** "Not applicable" may be answered for this system (the question's conditions hold). */
  naOffered: boolean;
  /** The assessment's scoring model: model 2 reviews free text and records transcribed vendor claims. */
  scoringModel: 1 | 2;
  /** Reached through a link from the score explanation. */
  highlighted: boolean;
  onChange: (questionId: string, draft: Draft) => void;
  onRetry: (questionId: string) => void;
  onDiscard: (questionId: string) => void;
}

export function savedLine(saved: Answer | undefined): string {
  if (!saved || !isResponded(saved)) return 'Not answered yet';
  const what = saved.unknown ? "Marked \"I don't know\"" : saved.notApplicable ? 'Marked "Not applicable"' : 'Answered';
  return `${what} ${formatDateTime(saved.answeredAt)} by ${saved.answeredBy} (${sourceText(saved)})`;
}

const verdictWords: Record<AnswerReviewVerdict, string> = { adequate: 'Reviewed: adequate', inadequate: 'Reviewed: inadequate' };

/**
 * An assessor's verdict on a free-text, number or date answer (scoring model 2): until it is
 * found adequate it credits no safeguard.
 */
function AnswerReview({ assessmentId, question, saved, readOnly }: { assessmentId: string; question: Question; saved: Answer; readOnly: boolean }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { by } = useActingAs();
  const review = useMutation({
    mutationFn: (verdict: AnswerReviewVerdict | null) =>
      api.call('assessments.reviewAnswer', { assessmentId, questionId: question.id, verdict, ...(by ? { by } : {}) }),
    onSuccess: (result) => applyAnswerResult(queryClient, assessmentId, result),
  });
  const current = saved.review;
  const credits = question.kind !== 'yesNo' && question.kind !== 'choice' && question.kind !== 'multi' && question.answeredEffects.some((e) => 'control' in e);
  return (
    <Stack gap={4} role="group" aria-label={`Review of the answer to ${question.id}`}>
      <Group gap="xs">
        {current ? (
          <Badge color={current.verdict === 'adequate' ? 'teal' : 'red'} variant="light" tt="none" data-testid="review-verdict">
            {verdictWords[current.verdict]} · {current.by}, {formatDateTime(current.at)}
          </Badge>
        ) : (
          <Badge color="gray" variant="light" tt="none" data-testid="review-verdict">
            Not reviewed
          </Badge>
        )}
        {!readOnly ? (
          <>
            <Button
              size="compact-sm"
              variant={current?.verdict === 'adequate' ? 'filled' : 'light'}
              color="teal"
              loading={review.isPending && review.variables === 'adequate'}
              aria-pressed={current?.verdict === 'adequate'}
              onClick={() => review.mutate(current?.verdict === 'adequate' ? null : 'adequate')}
            >
              Reviewed: adequate
            </Button>
            <Button
              size="compact-sm"
              variant={current?.verdict === 'inadequate' ? 'filled' : 'light'}
              color="red"
              loading={review.isPending && review.variables === 'inadequate'}
              aria-pressed={current?.verdict === 'inadequate'}
              onClick={() => review.mutate(current?.verdict === 'inadequate' ? null : 'inadequate')}
            >
              Inadequate
            </Button>
          </>
        ) : null}
      </Group>
      {credits && current?.verdict !== 'adequate' ? (
        <Text size="xs" c="dimmed">
          An answer in words credits no safeguard until an assessor has read it and marked it adequate; until then it counts as a gap.
        </Text>
      ) : null}
      {review.isError ? (
        <Alert color="red" role="alert" p="xs">
          The review was not saved: {errorText(review.error)}
        </Alert>
      ) : null}
    </Stack>
  );
}

/** One question: its text as the control's label, guidance, references, flag and evidence. */
export const QuestionCard = memo(function QuestionCard({
  assessmentId,
  question,
  saved,
  draft,
  failure,
  evidence,
  registry,
  readOnly,
  naOffered,
  scoringModel,
  highlighted,
  onChange,
  onRetry,
  onDiscard,
}: QuestionCardProps) {
  const answer = effectiveAnswer(saved, draft);
  const responded = isResponded(answer);
  // "Vendor's claim, transcribed": with a value it is the saved (or pending) answer's; before
  // there is one, the assessor's intent, so it can be ticked before the value is typed.
  const transcribable = question.vendorAnswerable && scoringModel === 2;
  const hasValue = answer.value !== null && !answer.unknown && !answer.notApplicable;
  const [intent, setIntent] = useState(false);
  const transcribing = hasValue ? answer.transcribed : intent;
  const change = (d: Draft) =>
    onChange(question.id, transcribable && transcribing && d.value !== undefined && d.value !== null ? { ...d, transcribed: true } : d);
  const toggleTranscribed = (on: boolean) => {
    setIntent(on);
    if (hasValue && answer.value !== null) onChange(question.id, { value: answer.value, ...(on ? { transcribed: true } : {}) });
  };
  const free = question.kind === 'text' || question.kind === 'number' || question.kind === 'date';
  const naReason = question.notApplicable?.why;
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      id={`question-${question.id}`}
      data-question={question.id}
      data-highlighted={highlighted || undefined}
      tabIndex={-1}
      style={{
        scrollMarginTop: 72,
        ...(highlighted ? { borderColor: 'var(--mantine-color-indigo-5)', boxShadow: '0 0 0 3px var(--mantine-color-indigo-1)' } : {}),
      }}
    >
      <Stack gap="sm">
        <Group gap="xs" justify="space-between">
          <Group gap="xs">
            <Text ff="monospace" size="sm" c="dimmed">
              {question.id}
            </Text>
            {question.required ? (
              <Badge color="red" variant="light" size="sm">
                Required
              </Badge>
            ) : null}
            {saved?.toReconfirm ? (
              <Badge color="orange" variant="light" size="sm" title="Carried over from the previous assessment after a change or incident: check it still holds">
                To re-confirm
              </Badge>
            ) : null}
            {answer.flagged ? (
              <Badge color="yellow" variant="light" size="sm">
                Flagged
              </Badge>
            ) : null}
          </Group>
          <Text size="xs" c="dimmed">
            {draft && !failure ? 'Saving…' : savedLine(saved)}
          </Text>
        </Group>
        <AnswerControl question={question} answer={answer} onChange={change} disabled={readOnly} naOffered={naOffered} />
        {naOffered && naReason ? (
          <Text size="xs" c="dimmed" data-testid="not-applicable-reason">
            &ldquo;Not applicable&rdquo; is offered for this system: {naReason}
          </Text>
        ) : null}
        {transcribable ? (
          <Checkbox
            label="Vendor's claim, transcribed from their questionnaire"
            description="Scores as the vendor's claim (half strength until evidence for it is checked), not as your own finding"
            checked={transcribing}
            disabled={readOnly}
            onChange={(e) => toggleTranscribed(e.currentTarget.checked)}
          />
        ) : null}
        {free && scoringModel === 2 && saved && saved.value !== null && !saved.unknown && !saved.notApplicable && !draft ? (
          <AnswerReview assessmentId={assessmentId} question={question} saved={saved} readOnly={readOnly} />
        ) : null}
        <RefBadges refs={question.refs} registry={registry} />
        <Group gap="md">
          <Checkbox label="Flag for later" checked={answer.flagged} disabled={readOnly} onChange={(e) => change({ flagged: e.currentTarget.checked })} />
          {saved?.toReconfirm && !readOnly && !draft ? (
            <Button
              size="compact-sm"
              variant="light"
              color="orange"
              onClick={() =>
                onChange(
                  question.id,
                  saved.unknown
                    ? { unknown: true }
                    : saved.notApplicable
                      ? { notApplicable: true }
                      : { value: saved.value, ...(saved.transcribed && saved.value !== null ? { transcribed: true } : {}) },
                )
              }
              aria-label={`Confirm this answer to ${question.id}`}
            >
              Confirm this answer
            </Button>
          ) : null}
          {responded && !readOnly ? (
            <Button size="compact-sm" variant="subtle" color="gray" onClick={() => change({ value: null })} aria-label={`Clear answer to ${question.id}`}>
              Clear answer
            </Button>
          ) : null}
        </Group>
        <EvidenceList assessmentId={assessmentId} questionId={question.id} items={evidence} readOnly={readOnly} />
        {failure ? (
          <Alert color="red" role="alert" title={`${question.id} was not saved`}>
            <Stack gap="xs">
              <Text size="sm">{failure.message}</Text>
              <Group gap="xs">
                <Button size="compact-sm" onClick={() => onRetry(question.id)}>
                  Try again
                </Button>
                <Button size="compact-sm" variant="default" onClick={() => onDiscard(question.id)}>
                  Undo my change
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
});
