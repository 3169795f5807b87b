import type { z } from 'zod';
import type { FieldIssue } from './errors.ts';

const joinPath = (path: readonly PropertyKey[]): string => path.map(String).join('.');

/** Flattens zod's issues into `{ path, message }` pairs that name the offending field. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push({ path: joinPath([...issue.path, key]), message: `Unknown field "${key}"` });
      }
    } else {
      issues.push({ path: joinPath(issue.path), message: issue.message });
    }
  }
  return issues;
}

export function describeIssues(issues: readonly FieldIssue[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
}
