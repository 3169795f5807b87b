import type { Risk } from '../../contract/index.ts';
import type { CliCommand } from '../command.ts';
import { callAndPrint, formatFields, formatTable } from '../output.ts';
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
const riskTable = (risks: Risk[]) =>
  risks.length === 0
    ? 'No risks match.\n'
    : formatTable(['Risk', 'System', 'Threat', 'Residual', 'Status', 'Owner', 'Due', ''], risks.map(riskRow)) + '(! = above appetite)\n';

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
    method: 'risks.list',
    usage: 'vigil risks list [--system ID] [--band B] [--status S] [--owner NAME] [--overdue]',
    summary: 'The risk register',
    options: { system: { type: 'string' }, band: { type: 'string' }, status: { type: 'string' }, owner: { type: 'string' }, overdue: { type: 'boolean' } },
    run: (ctx) =>
      callAndPrint(
        ctx,
        'risks.list',
        {
          ...(ctx.values.system ? { systemId: ctx.values.system } : {}),
          ...(ctx.values.band ? { band: ctx.values.band } : {}),
          ...(ctx.values.status ? { status: ctx.values.status } : {}),
          ...(ctx.values.owner ? { owner: ctx.values.owner } : {}),
          ...(ctx.values.overdue ? { overdue: true } : {}),
        },
        riskTable,
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
