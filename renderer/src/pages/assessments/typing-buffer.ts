import type { AnswerValue } from '../../../../electron/contract/index.ts';
import type { Draft } from './answer-saver.ts';

/**
 * What committing typed text sends for a text, number or date question: nothing when it trims
 * to what is saved or is not a number where one is asked; an emptied field clears the answer.
 */
export function draftForTyped(text: string, saved: string, kind: 'text' | 'number' | 'date'): Draft | null {
  const trimmed = text.trim();
  if (trimmed === saved.trim()) return null;
  let value: AnswerValue | null = trimmed === '' ? null : trimmed;
  if (kind === 'number' && value !== null) {
    const n = Number(value);
    if (!Number.isFinite(n)) return null;
    value = n;
  }
  return { value };
}

/**
 * Typing in a free field is committed after a pause, when the field loses focus, or when the
 * control goes away; choosing "I don't know" or "Not applicable" drops it. One commit per burst.
 */
export class TypingBuffer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private unsaved: { text: string; commit: (text: string) => void } | null = null;
  private readonly delayMs: number;

  constructor(delayMs: number) {
    this.delayMs = delayMs;
  }

  /** The field now holds this text, to be handed to `commit` once typing pauses; the pause starts again. */
  type(text: string, commit: (text: string) => void): void {
    this.unsaved = { text, commit };
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.delayMs);
  }

  /** Commits what was typed, if anything, now. */
  flush(): void {
    clearTimeout(this.timer);
    const unsaved = this.unsaved;
    this.unsaved = null;
    if (unsaved) unsaved.commit(unsaved.text);
  }

  /** Forgets what was typed. */
  drop(): void {
    clearTimeout(this.timer);
    this.unsaved = null;
  }
}
