// Free-text, number and date answers: typing is saved once after a pause (the debounce), at
// once when the field loses focus or goes away, and not at all when "I don't know" is chosen
// meanwhile; what is sent is trimmed, a number for number questions, null for an emptied field.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnswerChange, AnswerResult } from '../../electron/contract/index.ts';
import { AnswerSaver } from '../../renderer/src/pages/assessments/answer-saver.ts';
import { draftForTyped, TypingBuffer } from '../../renderer/src/pages/assessments/typing-buffer.ts';

describe('TypingBuffer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('commits once, with the last text, after a pause in typing', () => {
    const commits: string[] = [];
    const commit = (text: string) => commits.push(text);
    const typing = new TypingBuffer(800);
    typing.type('S', commit);
    vi.advanceTimersByTime(500);
    typing.type('Se', commit);
    vi.advanceTimersByTime(500);
    typing.type('Sep', commit);
    vi.advanceTimersByTime(799);
    expect(commits).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(commits).toEqual(['Sep']);
    vi.advanceTimersByTime(10_000);
    expect(commits).toEqual(['Sep']);
  });

  it('commits at once on leaving the field, and not again when the pause would have ended', () => {
    const commits: string[] = [];
    const typing = new TypingBuffer(800);
    typing.type('abc', (t) => commits.push(t));
    typing.flush();
    expect(commits).toEqual(['abc']);
    vi.advanceTimersByTime(800);
    expect(commits).toEqual(['abc']);
    typing.flush();
    expect(commits).toEqual(['abc']);
  });

  it('does nothing on leaving a field nobody typed in', () => {
    const typing = new TypingBuffer(800);
    expect(() => typing.flush()).not.toThrow();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('drops what was typed when a special choice is made', () => {
    const commits: string[] = [];
    const typing = new TypingBuffer(800);
    typing.type('half a thought', (t) => commits.push(t));
    typing.drop();
    vi.advanceTimersByTime(5_000);
    typing.flush();
    expect(commits).toEqual([]);
  });

  it('hands the text to the commit given with the latest keystroke', () => {
    const seen: string[] = [];
    const typing = new TypingBuffer(800);
    typing.type('a', (t) => seen.push(`old ${t}`));
    typing.type('ab', (t) => seen.push(`new ${t}`));
    vi.advanceTimersByTime(800);
    expect(seen).toEqual(['new ab']);
  });

  it('typing into the saver: one request per pause, none while the assessor keeps typing', async () => {
    const sent: AnswerChange[] = [];
    const saver = new AnswerSaver(async (change) => {
      sent.push(change);
      return {} as AnswerResult;
    }, () => undefined);
    const typing = new TypingBuffer(800);
    const commit = (text: string) => {
      const draft = draftForTyped(text, '', 'text');
      if (draft) saver.change('PR-DOC-03', draft);
    };
    for (const text of ['T', 'Th', 'The model card ', 'The model card is attached ']) {
      typing.type(text, commit);
      vi.advanceTimersByTime(300);
    }
    expect(sent).toEqual([]);
    // While waiting, the field shows what was typed (the component keeps it); nothing is a draft yet.
    expect(saver.getSnapshot().drafts.size).toBe(0);
    vi.advanceTimersByTime(500);
    expect(sent).toEqual([{ questionId: 'PR-DOC-03', value: 'The model card is attached' }]);
  });
});

describe('draftForTyped', () => {
  it('sends trimmed text, and nothing when it trims to what is saved', () => {
    expect(draftForTyped('  new text ', 'old', 'text')).toEqual({ value: 'new text' });
    expect(draftForTyped('old  ', 'old', 'text')).toBeNull();
    expect(draftForTyped('old', ' old ', 'text')).toBeNull();
  });

  it('clears the answer when the field is emptied, and sends nothing when it was empty', () => {
    expect(draftForTyped('   ', 'something', 'text')).toEqual({ value: null });
    expect(draftForTyped('', '', 'date')).toBeNull();
  });

  it('sends numbers as numbers, and nothing for text that is not one', () => {
    expect(draftForTyped('42', '', 'number')).toEqual({ value: 42 });
    expect(draftForTyped(' -0.5 ', '3', 'number')).toEqual({ value: -0.5 });
    expect(draftForTyped('0', '', 'number')).toEqual({ value: 0 });
    expect(draftForTyped('12abc', '', 'number')).toBeNull();
    expect(draftForTyped('Infinity', '', 'number')).toBeNull();
    expect(draftForTyped('', '7', 'number')).toEqual({ value: null });
  });

  it('sends a date as the text the date field gives', () => {
    expect(draftForTyped('2025-06-30', '2025-01-01', 'date')).toEqual({ value: '2025-06-30' });
  });
});
