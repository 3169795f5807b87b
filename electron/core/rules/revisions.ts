import { DomainError } from '../domain-error.ts';

/**
 * Optimistic concurrency (docs/team-mode.md): an answer and a workflow state carry a revision
 * bumped by every write to them, with who made that write and when. A writer that sends the
 * revision it last read is refused if the row has moved on since; one that sends none is a
 * last-writer-wins write.
 */
export interface Revised {
  revision: number;
  /** The actor label of the last write ("Dana Reyes (reviewer)"); '' where it was not recorded. */
  revisedBy: string;
  /** ISO 8601; '' where it was not recorded. */
  revisedAt: string;
}

/** The stamp of a write that bumps a revision: who, and when. */
export interface RevisionStamp {
  actor: string;
  at: string;
}

/** "10:42 UTC on 2026-12-06": the core has no time zone of its own; pages show details.changedAt in the reader's. */
function when(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[2]} UTC on ${match[1]}` : iso;
}

/**
 * Refuses, with CONFLICT naming who changed it and when, a write whose expected revision is not
 * the current one (`current` undefined: nothing stored yet, revision 0). No expected revision:
 * the write goes ahead.
 */
export function checkRevision(
  subject: { what: string; reload: string },
  expected: number | undefined,
  current: Revised | undefined,
): void {
  if (expected === undefined) return;
  const currentRevision = current?.revision ?? 0;
  if (currentRevision === expected) return;
  const changedBy = current && current.revisedBy !== '' ? current.revisedBy : null;
  const changedAt = current && current.revisedAt !== '' ? current.revisedAt : null;
  const at = changedAt ? ` at ${when(changedAt)}` : '';
  const change = current ? `${changedBy ?? 'Someone'} changed ${subject.what}${at}` : `${subject.what[0]?.toUpperCase()}${subject.what.slice(1)} is not stored any more`;
  throw new DomainError(
    'CONFLICT',
    `${change} (revision ${currentRevision}; you edited revision ${expected}). ${subject.reload}`,
    { changedBy, changedAt, currentRevision, expectedRevision: expected },
  );
}
