import { decisionKindLabels, decisionKinds, recommendationLabels, type CommitteeSummary } from '../../contract/index.ts';
import type { CliCommand } from '../command.ts';
import { callAndPrint } from '../output.ts';

/** The committee's decision summary as a terminal shows it: per system, then the decisions asked. */
export function describeSummary(s: CommitteeSummary): string {
  const lines: string[] = [`Decision summary for ${s.organisation || 'the organisation'} (${s.generatedAt.slice(0, 10)}); risk appetite: ${s.appetite.label}`, ''];
  for (const sys of s.systems) {
    lines.push(`${sys.name} (${sys.vendor}) — Recommendation: ${recommendationLabels[sys.recommendation]}`);
    const band = (id: string | null) => (id === null ? 'not scored' : (s.bands.find((b) => b.id === id)?.label ?? id));
    lines.push(`  Stage: ${sys.lifecycleStage}; overall risk before safeguards ${band(sys.overall.inherent)}, after ${band(sys.overall.residual)}`);
    for (const reason of sys.reasons) lines.push(`  - ${reason}`);
    lines.push(`  ${sys.acceptability.statement}`);
    lines.push('');
  }
  lines.push('Decisions asked of the committee');
  if (s.decisions.length === 0) lines.push('  None.');
  for (const kind of decisionKinds) {
    const items = s.decisions.filter((d) => d.kind === kind);
    if (items.length === 0) continue;
    lines.push(`  ${decisionKindLabels[kind]} (${items.length})`);
    for (const d of items) lines.push(`    - ${d.text}`);
  }
  return `${lines.join('\n')}\n`;
}

export const registerCommands: CliCommand[] = [
  {
    path: ['register', 'summary'],
    method: 'register.summary',
    usage: 'vigil register summary [--system ID ...] [--json]',
    summary: "The committee's decision summary: a recommendation per system with its reasons, and the decisions asked of the committee",
    options: { system: { type: 'string', multiple: true } },
    run: (ctx) => callAndPrint(ctx, 'register.summary', { systemIds: (ctx.values.system as string[] | undefined) ?? [] }, describeSummary),
  },
];
