import { Checkbox, NativeSelect, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import type { AnswerValue, RequestQuestion } from '../../../../electron/contract/index.ts';

/** A vendor's draft answer: a value, "I don't know", or nothing yet. */
export type VendorDraft = { value: AnswerValue | null; unknown: boolean };

const unknownChoice = '__unknown__';

/** One request question with a labelled input that fits its kind; keyboard-usable throughout. */
export function VendorQuestion({ question, draft, onChange, children }: { question: RequestQuestion; draft: VendorDraft; onChange: (next: VendorDraft) => void; children?: ReactNode }) {
  const label = `${question.id} ${question.text}`;
  const inputId = `vendor-answer-${question.id}`;
  let input: ReactNode;
  if (question.kind === 'yesNo' || question.kind === 'choice') {
    input = (
      <NativeSelect
        id={inputId}
        label={label}
        value={draft.unknown ? unknownChoice : typeof draft.value === 'string' ? draft.value : ''}
        onChange={(e) => {
          const v = e.currentTarget.value;
          onChange(v === unknownChoice ? { value: null, unknown: true } : { value: v === '' ? null : v, unknown: false });
        }}
        data={[{ value: '', label: 'Not answered' }, ...question.options.map((o) => ({ value: o.value, label: o.label })), { value: unknownChoice, label: "I don't know" }]}
      />
    );
  } else if (question.kind === 'multi') {
    const chosen = Array.isArray(draft.value) ? draft.value : [];
    input = (
      <Checkbox.Group label={label} value={chosen} onChange={(next) => onChange({ value: next.length === 0 ? null : next, unknown: false })}>
        <Stack gap={4} mt={4}>
          {question.options.map((o) => (
            <Checkbox key={o.value} value={o.value} label={o.label} />
          ))}
        </Stack>
      </Checkbox.Group>
    );
  } else if (question.kind === 'text') {
    input = <Textarea id={inputId} label={label} autosize minRows={2} value={typeof draft.value === 'string' ? draft.value : ''} onChange={(e) => onChange({ value: e.currentTarget.value === '' ? null : e.currentTarget.value, unknown: false })} />;
  } else {
    input = (
      <TextInput
        id={inputId}
        label={label}
        type={question.kind === 'date' ? 'date' : 'number'}
        value={draft.value === null ? '' : String(draft.value)}
        onChange={(e) => {
          const raw = e.currentTarget.value;
          onChange({ value: raw === '' ? null : question.kind === 'number' ? Number(raw) : raw, unknown: false });
        }}
      />
    );
  }
  return (
    <Paper withBorder p="sm" radius="md" component="li" aria-label={`Question ${question.id}`}>
      <Stack gap={6}>
        {input}
        {question.guidance ? (
          <Text size="xs" c="dimmed">
            {question.guidance}
          </Text>
        ) : null}
        {children}
      </Stack>
    </Paper>
  );
}
