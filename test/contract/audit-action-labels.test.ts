// Every action the core appends to the audit ledger has a label in words (issue 19: no raw codes
// on screen). The actions are read from the core's source: each place that appends to the ledger
// names its action as a literal, a choice of literals, or one of the few variables listed below
// (workflow and machine events, a helper's parameter). A new place that appends some other way
// fails here until it is listed, so no action can reach the ledger unseen.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditActionLabels, workflowEvents } from '../../electron/contract/index.ts';

const coreDir = join(import.meta.dirname, '..', '..', 'electron', 'core');
const sources = (readdirSync(coreDir, { recursive: true, encoding: 'utf8' }) as string[])
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({ file: relative(coreDir, join(coreDir, file)), text: readFileSync(join(coreDir, file), 'utf8') }));

const actionName = /^'([a-z][A-Za-z]*\.[a-z][A-Za-z]*)'$/;
/** The literals of an action expression: `'a.b'` or `cond ? 'a.b' : 'c.d'`; null for anything else. */
function literals(expression: string): string[] | null {
  const parts = expression.includes('?') ? expression.split('?')[1]?.split(':') ?? [] : [expression];
  const names = parts.map((part) => actionName.exec(part.trim())?.[1]);
  return names.every((name) => name !== undefined) ? (names as string[]) : null;
}

/**
 * Variables that name an action, where each comes from: the workflow's events (workflow.send
 * appends `input.event`), the lifecycle and risk machines' events (`event.type`), or a helper's
 * own parameter whose callers are read as literals (command-runner's `run`, export's `finish`,
 * accounts' `appendAccountEvent`, the register's constant).
 */
const knownVariables: Readonly<Record<string, string>> = {
  'input.event': 'workflow events',
  'event.type': 'machine events',
  action: 'a helper parameter',
  registerExportAction: 'export.register',
};

/**
 * Where an action is named: `run(ctx, X`, `action: X` (or `action,`) in what `ledger.append` or
 * `record` is given, `finish(ctx, X`, `appendAccountEvent(…, X`.
 */
const sites = [
  /\brun\(ctx, ([^,]+?),/g,
  /(?:ledger\.append|\brecord)\(\{[^]*?\baction\b(?::\s*([^]*?))?,\s*(?:entity|payload|\n)/g,
  /\bfinish\(ctx, ([^,]+?),/g,
  /\bappendAccountEvent\(r, (?:stampFor\([^)]*\)|\{[^}]*\}|stamp), ([^,]+?),/g,
];

function appendedActions(): { actions: Set<string>; unknown: string[] } {
  const actions = new Set<string>();
  const unknown: string[] = [];
  for (const { file, text } of sources) {
    for (const site of sites) {
      for (const match of text.matchAll(site)) {
        const expression = (match[1] ?? 'action').trim();
        const names = literals(expression);
        if (names) names.forEach((name) => actions.add(name));
        else if (expression === 'registerExportAction') actions.add('export.register');
        else if (!(expression in knownVariables) && !/^(string|Action|RiskEvent|LifecycleEvent)\b/.test(expression)) unknown.push(`${file}: ${match[0]}`);
      }
    }
    // The lifecycle and risk machines' events, appended as `event.type`.
    if (/-machine\.ts$/.test(file)) for (const match of text.matchAll(/type: '([a-z][A-Za-z]*\.[a-z][A-Za-z]*)'/g)) actions.add(match[1] ?? '');
  }
  workflowEvents.forEach((event) => actions.add(event));
  return { actions, unknown };
}

describe('audit action labels', () => {
  const { actions, unknown } = appendedActions();

  it('finds the actions where the core appends them, and no place that names one some other way', () => {
    expect(unknown).toEqual([]);
    // The reading works: the actions of each way of appending are found.
    for (const action of ['system.created', 'evidence.unverified', 'risk.rescored', 'lifecycle.reassessmentDue', 'account.signedIn', 'export.comparison', 'backup.created', 'vendorInbox.responded', 'review.approveWithConditions', 'risk.expire']) {
      expect(actions, action).toContain(action);
    }
  });

  it('gives every appended action a label in words, and labels no action the core never appends', () => {
    expect([...actions].filter((action) => !(action in auditActionLabels)).sort()).toEqual([]);
    expect(Object.keys(auditActionLabels).filter((action) => !actions.has(action)).sort()).toEqual([]);
    for (const label of Object.values(auditActionLabels)) {
      expect(label).toMatch(/^[A-Z][a-z -]+( \(vendor\))?$/);
      expect(label).not.toMatch(/[a-z]\.[a-z]/);
    }
  });
});
