import type { Risk, RiskAssignOwnerResult, RiskPage } from '../../contract/index.ts';
import type { CliCommand, OptionValues } from '../command.ts';
import { callAndPrint, formatFields, formatTable } from '../output.ts';
import { pageInput, pageOptions, pageUsage, rowsLine, wholeNumber } from '../page-options.ts';
import { triples } from '../task-options.ts';

const oneId = { min: 1, max: 1 };

const riskRow = (r: Risk) => [
  r.id,
  r.systemName,
  r.threatId,
  `${r.residual.likelihood}×${r.residual.impact} ${r.band}${r.aboveAppetite ? ' !' : ''}`,
  r.status,
  r.owner || '—',
  r.dueDate ?? '—',
  r.overdue ? 'OVERDUE' : '',
];
const riskPage = (page: RiskPage) =>
  rowsLine(page) +
  (page.rows.length === 0 ? '' : formatTable(['Risk', 'System', 'Threat', 'Residual', 'Status', 'Owner', 'Due', ''], page.rows.map(riskRow))) +
  (page.total === 0 ? '' : `${page.counts.aboveAppetite} above appetite (!), ${page.counts.overdue} overdue, of all ${page.total} matching\n`);

/** risks.page's filters as flags: each input field in kebab-case. */
const riskFilterOptions = {
  'system-id': { type: 'string' },
  'assessment-id': { type: 'string' },
  vendor: { type: 'string' },
  band: { type: 'string' },
  status: { type: 'string' },
  owner: { type: 'string' },
  'open-only': { type: 'boolean' },
  overdue: { type: 'boolean' },
  'above-appetite': { type: 'boolean' },
  'acceptance-expires-within-days': { type: 'string' },
  'residual-likelihood': { type: 'string' },
  'residual-impact': { type: 'string' },
} as const;

function riskFilters(values: OptionValues): Record<string, unknown> {
  const text = (flag: string) => (typeof values[flag] === 'string' ? values[flag] : undefined);
  const number = (flag: string) => wholeNumber(values, flag);
  const filters = {
    systemId: text('system-id'),
    assessmentId: text('assessment-id'),
    vendor: text('vendor'),
    band: text('band'),
    status: text('status'),
    owner: text('owner'),
    openOnly: values['open-only'] === true ? true : undefined,
    overdue: values.overdue === true ? true : undefined,
    aboveAppetite: values['above-appetite'] === true ? true : undefined,
    acceptanceExpiresWithinDays: number('acceptance-expires-within-days'),
    residualLikelihood: number('residual-likelihood'),
    residualImpact: number('residual-impact'),
  };
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined));
}

function describeRisk(r: Risk): string {
  return formatFields([
    ['Risk', r.id],
    ['System', `${r.systemName} (${r.systemId})`],
    ['Assessment', r.assessmentId],
    ['Threat', `${r.threatName} (${r.threatId})`],
    ['Inherent', `${r.inherent.likelihood}×${r.inherent.impact} = ${r.inherent.score} (${r.inherent.band})`],
    ['Residual', `${r.residual.likelihood}×${r.residual.impact} = ${r.residual.score} (${r.residual.band})${r.aboveAppetite ? ', above appetite' : ''}`],
    ['Status', r.status],
    ['Owner', r.owner || '—'],
    ['Treatment', r.treatment ? `${r.treatment.kind}: ${r.treatment.plan}` : '—'],
    ...(r.treatment?.actions ?? []).map((a, i) => [`  action ${i + 1}`, `${a.text} — ${a.owner}, due ${a.due}`] as [string, string]),
    ['Acceptance', r.acceptance ? `${r.acceptance.rationale} (expires ${r.acceptance.expiry}${r.acceptance.grantedBy ? `, granted by ${r.acceptance.grantedBy.name} as ${r.acceptance.grantedBy.role}` : ', requested'})` : '—'],
    ['Allowed now', r.allowedEvents.join(', ') || '—'],
  ]);
}

export const risksCommands: CliCommand[] = [
  {
    path: ['risks', 'list'],
    method: 'risks.page',
    usage:
      'vigil risks list [--system-id ID] [--assessment-id ID] [--vendor V] [--band B] [--status S] [--owner NAME] [--open-only] [--overdue] [--above-appetite] ' +
      `[--acceptance-expires-within-days N] [--residual-likelihood 1-5] [--residual-impact 1-5] ${pageUsage}`,
    summary: 'The risk register, one page at a time (highest residual first)',
    options: { ...riskFilterOptions, ...pageOptions },
    run: (ctx) => callAndPrint(ctx, 'risks.page', { ...riskFilters(ctx.values), ...pageInput(ctx.values) }, riskPage),
  },
  {
    path: ['risks', 'assign-owner'],
    method: 'risks.assignOwner',
    usage: 'vigil risks assign-owner RISK_ID [RISK_ID ...] --owner NAME [--actor NAME --role ROLE]',
    summary: 'Make one person in People the owner of the given risks (one change, one audit event)',
    options: { owner: { type: 'string' } },
    positionals: { min: 1, max: 1000 },
    run: (ctx) =>
      callAndPrint(ctx, 'risks.assignOwner', { ids: ctx.positionals, owner: ctx.values.owner }, (result: RiskAssignOwnerResult) =>
        [
          `${result.owner} now owns ${result.changed.length} risk(s)${result.changed.length > 0 ? `: ${result.changed.join(', ')}` : ''}.`,
          ...(result.unchanged.length > 0 ? [`Already owned by ${result.owner}: ${result.unchanged.join(', ')}.`] : []),
        ].join('\n') + '\n',
      ),
  },
  {
    path: ['risks', 'show'],
    method: 'risks.get',
    usage: 'vigil risks show RISK_ID',
    summary: 'One risk with its treatment and acceptance',
    options: {},
    positionals: oneId,
    run: (ctx) => callAndPrint(ctx, 'risks.get', { id: ctx.positionals[0] }, describeRisk),
  },
  {
    path: ['risks', 'treat'],
    method: 'risks.treat',
    usage: 'vigil risks treat RISK_ID --kind mitigate|transfer|avoid --owner NAME --plan TEXT [--action "text|owner|YYYY-MM-DD" ...] [--actor NAME --role ROLE]',
    summary: 'Plan a risk treatment',
    options: { kind: { type: 'string' }, owner: { type: 'string' }, plan: { type: 'string' }, action: { type: 'string', multiple: true } },
    positionals: oneId,
    run: (ctx) =>
      callAndPrint(
        ctx,
        'risks.treat',
        {
          id: ctx.positionals[0],
          treatment: { kind: ctx.values.kind, owner: ctx.values.owner, plan: ctx.values.plan, actions: triples(ctx.values.action, '--action') },
        },
        describeRisk,
      ),
  },
  {
    path: ['risks', 'request-acceptance'],
    method: 'risks.requestAcceptance',
    usage: 'vigil risks request-acceptance RISK_ID --rationale TEXT --expiry YYYY-MM-DD --actor NAME --role ROLE',
    summary: 'Ask for a risk to be accepted',
    options: { rationale: { type: 'string' }, expiry: { type: 'string' } },
    positionals: oneId,
    run: (ctx) =>
      callAndPrint(
        ctx,
        'risks.requestAcceptance',
        { id: ctx.positionals[0], rationale: ctx.values.rationale, expiry: ctx.values.expiry },
        describeRisk,
      ),
  },
  {
    path: ['risks', 'accept'],
    method: 'risks.accept',
    usage: 'vigil risks accept RISK_ID --actor NAME --role ROLE [--rationale TEXT --expiry YYYY-MM-DD]',
    summary: 'Accept a risk (only a role authorised for its band)',
    options: { rationale: { type: 'string' }, expiry: { type: 'string' } },
    positionals: oneId,
    run: (ctx) =>
      callAndPrint(
        ctx,
        'risks.accept',
        {
          id: ctx.positionals[0],
          ...(ctx.values.rationale ? { rationale: ctx.values.rationale } : {}),
          ...(ctx.values.expiry ? { expiry: ctx.values.expiry } : {}),
        },
        describeRisk,
      ),
  },
];
