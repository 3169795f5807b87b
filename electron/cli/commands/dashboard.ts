import type { Dashboard } from '../../contract/index.ts';
import type { CliCommand } from '../command.ts';
import { callAndPrint } from '../output.ts';

const bandName = (band: string) => band.charAt(0).toUpperCase() + band.slice(1);
const more = (shown: number, total: number) => (total > shown ? [`  … and ${total - shown} more`] : []);

/** The portfolio at a glance, as a terminal shows it: the same parts as the dashboard page. */
export function describeDashboard(d: Dashboard): string {
  const { totals } = d;
  const lines = [
    `Portfolio on ${d.asOf}: ${totals.systems} AI system(s), ${totals.openRisks} open risk(s), ${totals.aboveAppetite} above appetite, ${totals.overdue} overdue`,
  ];
  if (totals.systems === 0) return `${lines.join('\n')}\nNo AI systems yet: add one (vigil systems create) or load the demo (vigil demo).\n`;
  lines.push('', 'Open risks by band (before → after safeguards)');
  for (const b of d.bands) lines.push(`  ${bandName(b.band)}: ${b.inherent} → ${b.residual}`);

  lines.push('', `Above appetite by system (${d.aboveAppetiteBySystem.total} system(s))`);
  for (const s of d.aboveAppetiteBySystem.rows) lines.push(`  ${s.systemName} (${s.vendor}): ${s.count}`);
  lines.push(...more(d.aboveAppetiteBySystem.rows.length, d.aboveAppetiteBySystem.total));
  lines.push('', `Above appetite by vendor (${d.aboveAppetiteByVendor.total} vendor(s))`);
  for (const v of d.aboveAppetiteByVendor.rows) lines.push(`  ${v.vendor}: ${v.count} in ${v.systems} system(s)`);
  lines.push(...more(d.aboveAppetiteByVendor.rows.length, d.aboveAppetiteByVendor.total));

  lines.push('', 'Heat map: open risks by likelihood (rows, 5 at the top) and impact (columns 1–5)');
  for (let likelihood = 5; likelihood >= 1; likelihood--) {
    const row = d.heatMap.filter((c) => c.likelihood === likelihood).sort((a, b) => a.impact - b.impact);
    lines.push(`  L${likelihood}  ${row.map((c) => String(c.count).padStart(4)).join(' ')}`);
  }

  lines.push('', `Overdue treatment actions (${d.overdueActions.total} risk(s) with an action past due)`);
  for (const a of d.overdueActions.rows) lines.push(`  ${a.due} ${a.riskId} ${a.systemName} — ${a.threatName}: ${a.action} (${a.owner})`);

  const w = d.reassessments.within;
  lines.push('', `Re-assessments: ${w.overdue} due now or overdue; within 30 days ${w.days30}, 60 days ${w.days60}, 90 days ${w.days90}`);
  for (const r of d.reassessments.rows) lines.push(`  ${r.due} (${r.inDays < 0 ? `${-r.inDays} day(s) ago` : r.inDays === 0 ? 'today' : `in ${r.inDays} day(s)`}) ${r.systemName}: ${r.why}`);

  lines.push('', `Acceptances expiring within 90 days (${d.acceptancesExpiring.total})`);
  for (const a of d.acceptancesExpiring.rows) lines.push(`  ${a.expiry} ${a.riskId} ${a.systemName} — ${a.threatName} (${bandName(a.band)})`);
  lines.push(...more(d.acceptancesExpiring.rows.length, d.acceptancesExpiring.total));

  lines.push('', `Vendor requests outstanding (${d.vendorRequests.total})`);
  for (const v of d.vendorRequests.rows) lines.push(`  ${v.requestId} ${v.systemName} (${v.vendor}): sent ${v.issuedAt.slice(0, 10)}, expires ${v.expiresAt.slice(0, 10)}`);
  lines.push(...more(d.vendorRequests.rows.length, d.vendorRequests.total));

  lines.push('', `Monitoring (${d.monitoring.breaching} system(s) breaching, ${d.monitoring.overdue} overdue)`);
  for (const m of d.monitoring.rows) lines.push(`  ${m.systemName} (${m.latestPeriod ?? 'no data'}): ${m.detail}`);

  lines.push('', `Clinician training short of target or overdue (${d.readiness.total} system(s))`);
  for (const t of d.readiness.rows) lines.push(`  ${t.systemName} (refresher ${t.due}): ${t.words.join(' ')}`);
  lines.push(...more(d.readiness.rows.length, d.readiness.total));

  lines.push('', 'Open risks by band at the end of each month');
  const bands = d.bands.map((b) => b.band);
  lines.push(`  Month    ${bands.map((b) => bandName(b).padStart(9)).join('')}`);
  for (const p of d.bandTrend) lines.push(`  ${p.month}  ${bands.map((b) => String(p.counts[b] ?? 0).padStart(9)).join('')}`);
  return `${lines.join('\n')}\n`;
}

export const dashboardCommand: CliCommand = {
  path: ['dashboard'],
  method: 'dashboard.summary',
  usage: 'vigil dashboard [--json]',
  summary: 'The portfolio at a glance: risks by band, above appetite, the heat map, what is overdue or due soon, and the trend',
  options: {},
  run: (ctx) => callAndPrint(ctx, 'dashboard.summary', {}, describeDashboard),
};
