import type { Answer, AnswerChange, AnswerResult, AnswerValue } from '../../../../electron/contract/index.ts';
import { errorText } from '../../text/messages.ts';

/** A change to one question not yet confirmed by the core: a value, "I don't know", a flag. */
export type Draft = Omit<AnswerChange, 'questionId'>;

export interface SaveFailure {
  message: string;
  /** The change that was refused; "Try again" sends it again. */
  draft: Draft;
}

export interface SaverSnapshot {
  /** Per question, what the assessor chose that the core has not confirmed yet. */
  drafts: ReadonlyMap<string, Draft>;
  /** Per question, the last save that failed (cleared by a later successful save). */
  failures: ReadonlyMap<string, SaveFailure>;
  /** A save is on its way or waiting its turn. */
  saving: boolean;
  /** When the last save finished, in this session. */
  savedAt: Date | null;
}

/** Later changes win: a value replaces "I don't know" and the other way round; a flag is kept. */
export function mergeDrafts(earlier: Draft | undefined, later: Draft): Draft {
  const merged: Draft = { ...earlier };
  if (later.value !== undefined) {
    merged.value = later.value;
    delete merged.unknown;
    delete merged.notApplicable;
    // Whose claim the value is goes with the value: the later one says it (or not).
    if (later.transcribed !== undefined) merged.transcribed = later.transcribed;
    else delete merged.transcribed;
  }
  if (later.unknown) {
    merged.unknown = true;
    delete merged.value;
    delete merged.notApplicable;
    delete merged.transcribed;
  }
  if (later.notApplicable) {
    merged.notApplicable = true;
    delete merged.value;
    delete merged.unknown;
    delete merged.transcribed;
  }
  if (later.flagged !== undefined) merged.flagged = later.flagged;
  return merged;
}

export interface EffectiveAnswer {
  value: AnswerValue | null;
  unknown: boolean;
  notApplicable: boolean;
  /** The value is the vendor's claim, transcribed by the assessor. */
  transcribed: boolean;
  flagged: boolean;
}

/** The saved answer with the unconfirmed draft laid over it: what the controls show. */
export function effectiveAnswer(saved: Answer | undefined, draft: Draft | undefined): EffectiveAnswer {
  const answer: EffectiveAnswer = {
    value: saved?.value ?? null,
    unknown: saved?.unknown ?? false,
    notApplicable: saved?.notApplicable ?? false,
    transcribed: saved?.transcribed ?? false,
    flagged: saved?.flagged ?? false,
  };
  if (!draft) return answer;
  if (draft.value !== undefined) {
    answer.value = draft.value;
    answer.unknown = false;
    answer.notApplicable = false;
    answer.transcribed = draft.transcribed === true;
  }
  if (draft.unknown) {
    answer.value = null;
    answer.unknown = true;
    answer.notApplicable = false;
    answer.transcribed = false;
  }
  if (draft.notApplicable) {
    answer.value = null;
    answer.unknown = false;
    answer.notApplicable = true;
    answer.transcribed = false;
  }
  if (draft.flagged !== undefined) answer.flagged = draft.flagged;
  return answer;
}

/**
 * Autosave: every change is sent as it is given, one request at a time, in the order given.
 * Changes to a question that arrive while an earlier request is on its way are merged and sent
 * next, so the last word always wins and nothing is lost or reordered. Each result (the whole
 * saved state) is handed to `onSaved` before the next request goes out.
 */
export class AnswerSaver {
  private readonly pending = new Map<string, Draft>();
  private inflight: { questionId: string; draft: Draft } | null = null;
  private snapshot: SaverSnapshot = { drafts: new Map(), failures: new Map(), saving: false, savedAt: null };
  private readonly listeners = new Set<() => void>();

  private readonly send: (change: AnswerChange) => Promise<AnswerResult>;
  private readonly onSaved: (result: AnswerResult) => Promise<void> | void;
  private readonly now: () => Date;

  constructor(
    send: (change: AnswerChange) => Promise<AnswerResult>,
    onSaved: (result: AnswerResult) => Promise<void> | void,
    now: () => Date = () => new Date(),
  ) {
    this.send = send;
    this.onSaved = onSaved;
    this.now = now;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SaverSnapshot => this.snapshot;

  /** Records a change and sends it as soon as the requests before it are done. */
  change(questionId: string, draft: Draft): void {
    const failed = this.snapshot.failures.get(questionId);
    const failures = new Map(this.snapshot.failures);
    failures.delete(questionId);
    this.pending.set(questionId, mergeDrafts(mergeDrafts(failed?.draft, this.pending.get(questionId) ?? {}), draft));
    this.publish({ failures });
    void this.pump();
  }

  /** Sends a refused change again. */
  retry(questionId: string): void {
    const failed = this.snapshot.failures.get(questionId);
    if (failed) this.change(questionId, {});
  }

  /** Forgets a refused change: the control shows the saved answer again. */
  discard(questionId: string): void {
    const failures = new Map(this.snapshot.failures);
    failures.delete(questionId);
    this.publish({ failures });
  }

  private publish(patch: Partial<SaverSnapshot>): void {
    const next = { ...this.snapshot, ...patch };
    const drafts = new Map<string, Draft>();
    for (const [id, failure] of next.failures) drafts.set(id, failure.draft);
    if (this.inflight) drafts.set(this.inflight.questionId, mergeDrafts(drafts.get(this.inflight.questionId), this.inflight.draft));
    for (const [id, draft] of this.pending) drafts.set(id, mergeDrafts(drafts.get(id), draft));
    this.snapshot = { ...next, drafts, saving: this.inflight !== null || this.pending.size > 0 };
    for (const listener of this.listeners) listener();
  }

  private async pump(): Promise<void> {
    if (this.inflight) return;
    const next = this.pending.entries().next();
    if (next.done) return;
    const [questionId, draft] = next.value;
    this.pending.delete(questionId);
    this.inflight = { questionId, draft };
    this.publish({});
    let failure: SaveFailure | null = null;
    try {
      const result = await this.send({ questionId, ...draft });
      await this.onSaved(result);
    } catch (error) {
      failure = { message: errorText(error), draft };
    }
    this.inflight = null;
    const failures = new Map(this.snapshot.failures);
    if (failure) {
      // A newer change to the same question is already queued: it carries the refused one too.
      const queued = this.pending.get(questionId);
      if (queued) this.pending.set(questionId, mergeDrafts(draft, queued));
      else failures.set(questionId, failure);
      this.publish({ failures });
    } else {
      failures.delete(questionId);
      this.publish({ failures, savedAt: this.now() });
    }
    await this.pump();
  }
}
