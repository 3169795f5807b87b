import { Alert, Badge, Button, Checkbox, Group, NumberInput, Paper, Radio, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { memo, useEffect, useRef, useState } from 'react';
import type { Answer, AnswerValue, EvidenceMeta, Question, ReferenceItem } from '../../../../electron/contract/index.ts';
import { RefBadges } from '../../components/RefBadges.tsx';
import { effectiveAnswer, type Draft, type EffectiveAnswer, type SaveFailure } from './answer-saver.ts';
import { EvidenceList } from './EvidenceList.tsx';
import { formatDateTime, isResponded } from './assessment-model.ts';

/** The "I don't know" choice inside a radio or checkbox group (option values never start with _). */
const unknownChoice = '__unknown';
const freeSaveDelayMs = 800;

const groupStyles = {
  label: { fontSize: 'var(--mantine-font-size-md)', fontWeight: 600, lineHeight: 1.4 },
  description: { fontSize: 'var(--mantine-font-size-sm)', color: 'var(--mantine-color-gray-7)', marginTop: 4, marginBottom: 8 },
};

interface ControlProps {
  question: Question;
  answer: EffectiveAnswer;
  onChange: (draft: Draft) => void;
  disabled: boolean;
}

function ChoiceControl({ question, answer, onChange, disabled }: ControlProps & { question: Question & { kind: 'yesNo' | 'choice' } }) {
  const value = answer.unknown ? unknownChoice : typeof answer.value === 'string' ? answer.value : null;
  return (
    <Radio.Group
      label={question.text}
      description={question.guidance}
      withAsterisk={question.required}
      value={value}
      onChange={(v) => onChange(v === unknownChoice ? { unknown: true } : { value: v })}
      styles={groupStyles}
      disabled={disabled}
    >
      <Stack gap={8}>
        {question.options.map((o) => (
          <Radio key={o.value} value={o.value} label={o.label} />
        ))}
        <Radio value={unknownChoice} label="I don't know" />
      </Stack>
    </Radio.Group>
  );
}

function MultiControl({ question, answer, onChange, disabled }: ControlProps & { question: Question & { kind: 'multi' } }) {
  const chosen = answer.unknown ? [unknownChoice] : Array.isArray(answer.value) ? answer.value : [];
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
        const options = next.filter((v) => v !== unknownChoice);
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
      </Stack>
    </Checkbox.Group>
  );
}

const textOf = (answer: EffectiveAnswer) => (answer.unknown || answer.value === null ? '' : String(answer.value));

/** Text, number and date: saved when the field loses focus, or after a pause in typing. */
function FreeControl({ question, answer, onChange, disabled }: ControlProps & { question: Question & { kind: 'text' | 'number' | 'date' } }) {
  const [editing, setEditing] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const unsaved = useRef<string | null>(null);
  const latest = useRef({ onChange, saved: textOf(answer), kind: question.kind });
  useEffect(() => {
    latest.current = { onChange, saved: textOf(answer), kind: question.kind };
  });

  const commit = () => {
    clearTimeout(timer.current);
    const text = unsaved.current;
    unsaved.current = null;
    if (text === null) return;
    const { onChange: send, saved, kind } = latest.current;
    const trimmed = text.trim();
    if (trimmed === saved.trim()) return;
    let value: AnswerValue | null = trimmed === '' ? null : trimmed;
    if (kind === 'number' && value !== null) {
      const n = Number(value);
      if (!Number.isFinite(n)) return;
      value = n;
    }
    send({ value });
  };
  // Leaving the page (another section, another route) still saves what was typed.
  useEffect(() => () => commit(), []);

  const edit = (text: string) => {
    setEditing(text);
    unsaved.current = text;
    clearTimeout(timer.current);
    timer.current = setTimeout(commit, freeSaveDelayMs);
  };
  const blur = () => {
    commit();
    setEditing(null);
  };
  const shown = editing ?? textOf(answer);
  const common = {
    label: question.text,
    description: question.guidance,
    withAsterisk: question.required,
    styles: groupStyles,
    onBlur: blur,
    disabled: disabled || answer.unknown,
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
      <Checkbox
        label="I don't know"
        checked={answer.unknown}
        disabled={disabled}
        onChange={(e) => {
          clearTimeout(timer.current);
          unsaved.current = null;
          setEditing(null);
          onChange(e.currentTarget.checked ? { unknown: true } : { value: null });
        }}
      />
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
  /** Reached through a link from the score explanation. */
  highlighted: boolean;
  onChange: (questionId: string, draft: Draft) => void;
  onRetry: (questionId: string) => void;
  onDiscard: (questionId: string) => void;
}

function savedLine(saved: Answer | undefined): string {
  if (!saved || !isResponded(saved)) return 'Not answered yet';
  return `${saved.unknown ? "Marked \"I don't know\"" : 'Answered'} ${formatDateTime(saved.answeredAt)} by ${saved.answeredBy} (${saved.source})`;
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
  highlighted,
  onChange,
  onRetry,
  onDiscard,
}: QuestionCardProps) {
  const answer = effectiveAnswer(saved, draft);
  const change = (d: Draft) => onChange(question.id, d);
  const responded = isResponded(answer);
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
              <Badge color="yellow" variant="filled" size="sm" c="black">
                Flagged
              </Badge>
            ) : null}
          </Group>
          <Text size="xs" c="dimmed">
            {draft && !failure ? 'Saving…' : savedLine(saved)}
          </Text>
        </Group>
        <AnswerControl question={question} answer={answer} onChange={change} disabled={readOnly} />
        <RefBadges refs={question.refs} registry={registry} />
        <Group gap="md">
          <Checkbox label="Flag for later" checked={answer.flagged} disabled={readOnly} onChange={(e) => change({ flagged: e.currentTarget.checked })} />
          {saved?.toReconfirm && !readOnly && !draft ? (
            <Button
              size="compact-sm"
              variant="light"
              color="orange"
              onClick={() => change(saved.unknown ? { unknown: true } : { value: saved.value })}
              aria-label={`Confirm the carried answer to ${question.id}`}
            >
              Confirm this answer
            </Button>
          ) : null}
          {responded && !readOnly ? (
            <Button size="compact-sm" variant="subtle" color="gray" onClick={() => change({ value: null })} aria-label={`Clear the answer to ${question.id}`}>
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
