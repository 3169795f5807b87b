import type { FieldIssue } from '../../../electron/contract/index.ts';
import { issueWords } from '../text/messages.ts';
import type { TaskErrors } from './TaskRows.tsx';

/**
 * The core's field issues placed on a form, each as a sentence: the first message for each of
 * the form's own fields, and the rows of its task list keyed "index.field" as TaskRows shows
 * them. `prefix` is where the form's fields sit in the method's input ("treatment." for
 * risks.treat); issues about anything else are left to the error notice.
 */
export function issuesOnForm<F extends string>(
  issues: readonly FieldIssue[],
  fields: readonly F[],
  options: { prefix?: string; rows?: string } = {},
): { fields: Partial<Record<F, string>>; rows: TaskErrors } {
  const placed: { fields: Partial<Record<F, string>>; rows: TaskErrors } = { fields: {}, rows: {} };
  const prefix = options.prefix ?? '';
  for (const issue of issues) {
    if (!issue.path.startsWith(prefix)) continue;
    const path = issue.path.slice(prefix.length);
    if ((fields as readonly string[]).includes(path)) {
      const field = path as F;
      placed.fields[field] ??= issueWords(issue);
    } else if (options.rows && path.startsWith(`${options.rows}.`)) {
      const row = path.slice(options.rows.length + 1);
      placed.rows[row] ??= issueWords(issue);
    }
  }
  return placed;
}
