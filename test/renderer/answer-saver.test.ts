// The assessment page's autosave queue: one request at a time, in order, later changes to a
// question merged into what is still waiting, refused changes kept for "Try again", and nothing
// lost when saves overlap. The core is a stub whose answers the test releases one by one.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnswerChange, AnswerResult } from '../../electron/contract/index.ts';
import { AnswerSaver, effectiveAnswer, mergeDrafts, type SaverSnapshot } from '../../renderer/src/pages/assessments/answer-saver.ts';

interface Call {
  change: AnswerChange;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** A core that holds every request until the test answers it. */
function stubCore() {
  const calls: Call[] = [];
  const saved: AnswerResult[] = [];
  const send = (change: AnswerChange) =>
    new Promise<AnswerResult>((resolve, reject) => {
      calls.push({
        change,
        resolve: () => resolve({ status: 'inProgress', answers: [], visibleQuestions: [change.questionId] } as unknown as AnswerResult),
        reject,
      });
    });
  const onSaved = (result: AnswerResult) => {
    saved.push(result);
  };
  return { calls, saved, send, onSaved };
}

/** Lets the saver's awaits run (no timers involved: promise callbacks only). */
const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('AnswerSaver', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2025-03-04T10:20:30Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends a change at once and reports it saved, with the time it finished', async () => {
    const core = stubCore();
    const saver = new AnswerSaver(core.send, core.onSaved);
    let notified = 0;
    saver.subscribe(() => notified++);
    saver.change('Q1', { value: 'yes' });
    expect(core.calls.map((c) => c.change)).toEqual([{ questionId: 'Q1', value: 'yes' }]);
    expect(saver.getSnapshot().saving).toBe(true);
    expect(saver.getSnapshot().drafts.get('Q1')).toEqual({ value: 'yes' });
    expect(notified).toBeGreaterThan(0);

    vi.setSystemTime(new Date('2025-03-04T10:20:31Z'));
    core.calls[0]?.resolve();
    await settle();
    const snap = saver.getSnapshot();
    expect(snap.saving).toBe(false);
    expect(snap.drafts.size).toBe(0);
    expect(snap.failures.size).toBe(0);
    expect(snap.savedAt?.toISOString()).toBe('2025-03-04T10:20:31.000Z');
    expect(core.saved).toHaveLength(1);
  });

  it('uses the injected clock for savedAt', async () => {
    const core = stubCore();
    const saver = new AnswerSaver(core.send, core.onSaved, () => new Date('2030-01-01T00:00:00Z'));
    saver.change('Q1', { value: 'no' });
    core.calls[0]?.resolve();
    await settle();
    expect(saver.getSnapshot().savedAt?.toISOString()).toBe('2030-01-01T00:00:00.000Z');
  });

  it('sends one request at a time, in the order the questions were changed', async () => {
    const core = stubCore();
    const saver = new AnswerSaver(core.send, core.onSaved);
    saver.change('Q1', { value: 'a' });
    saver.change('Q2', { value: 'b' });
    saver.change('Q3', { unknown: true });
    expect(core.calls).toHaveLength(1);
    // Waiting changes show as drafts while the first is on its way.
    expect([...saver.getSnapshot().drafts.keys()].sort()).toEqual(['Q1', 'Q2', 'Q3']);

    core.calls[0]?.resolve();
    await settle();
    expect(core.calls).toHaveLength(2);
    expect(core.calls[1]?.change).toEqual({ questionId: 'Q2', value: 'b' });
    core.calls[1]?.resolve();
    await settle();
    expect(core.calls[2]?.change).toEqual({ questionId: 'Q3', unknown: true });
    core.calls[2]?.resolve();
    await settle();
    expect(core.calls).toHaveLength(3);
    expect(saver.getSnapshot().saving).toBe(false);
  });

  it('merges changes to a question made while its save is on its way: the last word wins, sent once', async () => {
    const core = stubCore();
    const saver = new AnswerSaver(core.send, core.onSaved);
    saver.change('Q1', { value: 'first' });
    saver.change('Q1', { value: 'second' });
    saver.change('Q1', { value: 'third' });
    saver.change('Q1', { flagged: true });
    expect(core.calls).toHaveLength(1);
    // What the controls show: the newest value and the flag, not the one on its way.
    expect(effectiveAnswer(undefined, saver.getSnapshot().drafts.get('Q1'))).toMatchObject({ value: 'third', flagged: true });

    core.calls[0]?.resolve();
    await settle();
    expect(core.calls).toHaveLength(2);
    expect(core.calls[1]?.change).toEqual({ questionId: 'Q1', value: 'third', flagged: true });
    core.calls[1]?.resolve();
    await settle();
    expect(core.calls).toHaveLength(2);
  });

  it('sends a flag-only change without a value, so the saved value is left alone', async () => {
    const core = stubCore();
    const saver = new AnswerSaver(core.send, core.onSaved);
    saver.change('Q1', { flagged: true });
    expect(core.calls[0]?.change).toEqual({ questionId: 'Q1', flagged: true });
    expect('value' in (core.calls[0]?.change ?? {})).toBe(false);
    // Over a saved answer, the flag draft changes only the flag.
    const saved = { questionId: 'Q1', value: 'yes', unknown: false, notApplicable: false, flagged: false, source: 'assessor', transcribed: false, review: null, answeredBy: 'a', answeredAt: '', toReconfirm: false, revision: 1 } as const;
    expect(effectiveAnswer(saved, saver.getSnapshot().drafts.get('Q1'))).toEqual({ value: 'yes', unknown: false, notApplicable: false, transcribed: false, flagged: true });
    // Unflagging is a change too (false is not "no change").
    core.calls[0]?.resolve();
    await settle();
    saver.change('Q1', { flagged: false });
    expect(core.calls[1]?.change).toEqual({ questionId: 'Q1', flagged: false });
  });

  it('keeps a refused change as a failure with the core\'s message, and "Try again" sends it again', async () => {
    const core = stubCore();
    const saver = new AnswerSaver(core.send, core.onSaved);
    saver.change('Q1', { value: 'yes', flagged: true });
    core.calls[0]?.reject(new Error('The assessment is in review: answers cannot change.'));
    await settle();
    let snap: SaverSnapshot = saver.getSnapshot();
    expect(snap.saving).toBe(false);
    expect(snap.savedAt).toBeNull();
    expect(snap.failures.get('Q1')).toEqual({ message: 'The assessment is in review: answers cannot change.', draft: { value: 'yes', flagged: true } });
    // The control keeps showing what the assessor chose.
    expect(snap.drafts.get('Q1')).toEqual({ value: 'yes', flagged: true });
    expect(core.saved).toHaveLength(0);

    saver.retry('Q1');
    expect(core.calls).toHaveLength(2);
    expect(core.calls[1]?.change).toEqual({ questionId: 'Q1', value: 'yes', flagged: true });
    expect(saver.getSnapshot().failures.has('Q1')).toBe(false);
    core.calls[1]?.resolve();
    await settle();
    snap = saver.getSnapshot();
    expect(snap.failures.size).toBe(0);
    expect(snap.drafts.size).toBe(0);
    expect(snap.savedAt).not.toBeNull();
  });

  it('does nothing on "Try again" for a question that has no failure', () => {
    const core = stubCore();
    const saver = new AnswerSaver(core.send, core.onSaved);
    saver.retry('Q1');
    expect(core.calls).toHaveLength(0);
    expect(saver.getSnapshot().saving).toBe(false);
  });

  it('a non-Error rejection still becomes a readable failure', async () => {
    const core = stubCore();
    const saver = new AnswerSaver(
      () => Promise.reject(new Error('x')).catch(() => Promise.reject('plain text refusal' as unknown as Error)),
      core.onSaved,
    );
    saver.change('Q1', { value: 'yes' });
    await settle();
    expect(saver.getSnapshot().failures.get('Q1')?.message).toBe('plain text refusal');
  });

  it('a new change after a refusal carries the refused one with it (nothing lost)', async () => {
    const core = stubCore();
    const saver = new AnswerSaver(core.send, core.onSaved);
    saver.change('Q1', { value: 'yes' });
    core.calls[0]?.reject(new Error('offline'));
    await settle();
    // Only the flag is touched now: the refused value must go with it.
    saver.change('Q1', { flagged: true });
    expect(core.calls[1]?.change).toEqual({ questionId: 'Q1', value: 'yes', flagged: true });
    expect(saver.getSnapshot().failures.size).toBe(0);
  });

  it('when a save is refused while a newer change to the same question waits, both go out together', async () => {
    const core = stubCore();
    const saver = new AnswerSaver(core.send, core.onSaved);
    saver.change('Q1', { value: 'yes' });
    saver.change('Q1', { flagged: true });
    core.calls[0]?.reject(new Error('busy'));
    await settle();
    // No failure is shown: the queued change carries the refused value and is sent next.
    expect(saver.getSnapshot().failures.size).toBe(0);
    expect(core.calls).toHaveLength(2);
    expect(core.calls[1]?.change).toEqual({ questionId: 'Q1', value: 'yes', flagged: true });
    core.calls[1]?.resolve();
    await settle();
    expect(saver.getSnapshot().drafts.size).toBe(0);
  });

  it('a refusal for one question does not stop the others', async () => {
    const core = stubCore();
    const saver = new AnswerSaver(core.send, core.onSaved);
    saver.change('Q1', { value: 'a' });
    saver.change('Q2', { value: 'b' });
    core.calls[0]?.reject(new Error('no'));
    await settle();
    expect(core.calls[1]?.change).toEqual({ questionId: 'Q2', value: 'b' });
    expect(saver.getSnapshot().saving).toBe(true);
    core.calls[1]?.resolve();
    await settle();
    const snap = saver.getSnapshot();
    expect(snap.saving).toBe(false);
    expect([...snap.failures.keys()]).toEqual(['Q1']);
    expect([...snap.drafts.keys()]).toEqual(['Q1']);
  });

  it('a later successful save of a question clears its earlier failure', async () => {
    const core = stubCore();
    const saver = new AnswerSaver(core.send, core.onSaved);
    saver.change('Q1', { value: 'a' });
    core.calls[0]?.reject(new Error('no'));
    await settle();
    saver.change('Q1', { value: 'b' });
    expect(core.calls[1]?.change).toEqual({ questionId: 'Q1', value: 'b' });
    core.calls[1]?.resolve();
    await settle();
    expect(saver.getSnapshot().failures.size).toBe(0);
  });

  it('"Discard" forgets a refused change: the control shows the saved answer again, nothing is sent', async () => {
    const core = stubCore();
    const saver = new AnswerSaver(core.send, core.onSaved);
    saver.change('Q1', { value: 'a' });
    core.calls[0]?.reject(new Error('no'));
    await settle();
    saver.discard('Q1');
    const snap = saver.getSnapshot();
    expect(snap.failures.size).toBe(0);
    expect(snap.drafts.size).toBe(0);
    saver.retry('Q1');
    expect(core.calls).toHaveLength(1);
    // A later change starts afresh, without the discarded value.
    saver.change('Q1', { flagged: true });
    expect(core.calls[1]?.change).toEqual({ questionId: 'Q1', flagged: true });
  });

  it('does not send the next request before the previous result has been applied', async () => {
    const order: string[] = [];
    let releaseApply: () => void = () => undefined;
    const core = stubCore();
    const saver = new AnswerSaver(
      (change) => {
        order.push(`send ${change.questionId}`);
        return core.send(change);
      },
      () =>
        new Promise<void>((resolve) => {
          order.push('apply');
          releaseApply = () => {
            order.push('applied');
            resolve();
          };
        }),
    );
    saver.change('Q1', { value: 'a' });
    saver.change('Q2', { value: 'b' });
    core.calls[0]?.resolve();
    await settle();
    expect(order).toEqual(['send Q1', 'apply']);
    // While applying, the first draft stays visible (no moment with neither draft nor saved answer).
    expect(saver.getSnapshot().drafts.get('Q1')).toEqual({ value: 'a' });
    releaseApply();
    await settle();
    expect(order).toEqual(['send Q1', 'apply', 'applied', 'send Q2']);
  });

  it('a change made from inside a listener is sent once, not twice', async () => {
    const core = stubCore();
    const saver = new AnswerSaver(core.send, core.onSaved);
    let done = false;
    saver.subscribe(() => {
      const snap = saver.getSnapshot();
      if (!done && snap.savedAt !== null) {
        done = true;
        saver.change('Q2', { value: 'from listener' });
      }
    });
    saver.change('Q1', { value: 'a' });
    core.calls[0]?.resolve();
    await settle();
    expect(core.calls.map((c) => c.change.questionId)).toEqual(['Q1', 'Q2']);
    core.calls[1]?.resolve();
    await settle();
    expect(core.calls).toHaveLength(2);
  });

  it('stops notifying a listener once it unsubscribes', () => {
    const core = stubCore();
    const saver = new AnswerSaver(core.send, core.onSaved);
    let count = 0;
    const unsubscribe = saver.subscribe(() => count++);
    saver.change('Q1', { value: 'a' });
    const seen = count;
    unsubscribe();
    saver.change('Q2', { value: 'b' });
    expect(count).toBe(seen);
  });

  it('publishes a new snapshot object on every change (useSyncExternalStore needs that)', () => {
    const core = stubCore();
    const saver = new AnswerSaver(core.send, core.onSaved);
    const before = saver.getSnapshot();
    expect(saver.getSnapshot()).toBe(before);
    saver.change('Q1', { value: 'a' });
    expect(saver.getSnapshot()).not.toBe(before);
  });
});

describe('mergeDrafts', () => {
  it('lets a value replace "I don\'t know" and "I don\'t know" replace a value, keeping the flag', () => {
    expect(mergeDrafts({ value: 'yes', flagged: true }, { unknown: true })).toEqual({ unknown: true, flagged: true });
    expect(mergeDrafts({ unknown: true, flagged: false }, { value: 'no' })).toEqual({ value: 'no', flagged: false });
    expect(mergeDrafts(undefined, { flagged: true })).toEqual({ flagged: true });
    expect(mergeDrafts({ flagged: true }, { flagged: false })).toEqual({ flagged: false });
    expect(mergeDrafts({ value: 'yes' }, {})).toEqual({ value: 'yes' });
  });

  it('treats a null value (cleared text) as a value that replaces "I don\'t know"', () => {
    expect(mergeDrafts({ unknown: true }, { value: null })).toEqual({ value: null });
    expect(effectiveAnswer(undefined, { value: null })).toMatchObject({ value: null, unknown: false });
  });

  it('keeps multi-choice values whole', () => {
    expect(mergeDrafts({ value: ['a'] }, { value: ['a', 'b'] })).toEqual({ value: ['a', 'b'] });
  });

  it('does not change its inputs', () => {
    const earlier = { value: 'yes', transcribed: true };
    mergeDrafts(earlier, { unknown: true });
    expect(earlier).toEqual({ value: 'yes', transcribed: true });
  });
});
